/* pagsmile_common.c - what every Pagsmile call shares: the PHP empty()
 * rule, the MD5 signature ("DriectSign") and the answer's envelope (code,
 * info). Used by pagsmile.c (getcardtoken) and pagsmile_life.c. */
#include "buf.h"
#include "crypto.h"
#include "errors.h"
#include "json.h"
#include "mem.h"
#include "pagsmile_common.h"

#include <string.h>

/* The documented codes, for failures whose `info` is not a message. */
static const struct {
    const char *code;
    const char *name;
} pg_codes[] = {{"300", "WARNING"},
                {"400", "SYSTEM_ERROR"},
                {"401", "SYSTEM_PARAM_ERROR"},
                {"402", "SIGN_VERIFY_FAILURE"},
                {"403", "SIGN_ISNULL"},
                {"404", "SIGN_TYPE_ERROR"},
                {"405", "SIGN_TYPE_ISNULL"},
                {"501", "MERCHANT_ID_INVALID"},
                {"502", "MERCHANT_ID_INVALID"},
                {"508", "MERCHANT_STATUS_ISLOCK"},
                {"550", "SINGLE_DAY_PAY_LIMIT"},
                {"551", "IP_REQUEST_TOO_FAST_LIMIT"},
                {"759", "EMAIL_ISNULL"}};

int pg_empty(const char *v, size_t n)
{
    return n == 0 || (n == 1 && v[0] == '0');
}

/* Appends MD5(k=v&...&key=<app key>) in hex to `out`; also leaves the
 * string to sign in `tosign` (wiped by the caller). */
ct_err pg_sign_pairs(const ct_client *c, ct_pair *pairs, size_t n,
                     ct_buf *tosign, char hex[33], ct_error *err)
{
    ct_pairs_sort(pairs, n);
    ct_pairs_join(tosign, pairs, n, 1);
    ct_buf_puts(tosign, "&key=");
    ct_buf_append(tosign, PG(c)->app_key.data, PG(c)->app_key.len);
    if (!ct_buf_ok(tosign))
        return ct_fail_nomem(err);
    if (!ct_md5_hex(tosign->data, tosign->len, hex))
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "MD5 failed");
    return CT_OK;
}

ct_err pg_envelope(const ct_request *req, const ct_response *resp,
                   json_t **root, ct_error *err)
{
    json_t *info;
    ct_buf code;
    int present;
    ct_err rc;

    ct_buf_init(&code);
    *root = NULL;
    if ((rc = ct_json_parse(resp->body, resp->len, root, err)) != CT_OK ||
        (rc = ct_json_text(*root, "code", 1, 1, &code, &present, err)) != CT_OK)
        goto cleanup;
    info = json_object_get(*root, "info");
    if (strcmp(code.data, "200") != 0) {
        const char *msg = "";
        size_t mlen = 0, i;
        if (json_is_string(info)) {
            msg = json_string_value(info);
            mlen = json_string_length(info);
        } else {
            for (i = 0; i < CT_ARRAY_LEN(pg_codes); i++)
                if (strcmp(pg_codes[i].code, code.data) == 0) {
                    msg = pg_codes[i].name;
                    mlen = strlen(msg);
                }
        }
        rc = ct_fail_gateway(err, req, CT_ERR_GATEWAY,
                             "Pagsmile declined the request (code %s)",
                             code.data, code.len, msg, mlen);
    }
cleanup:
    if (rc != CT_OK) {
        json_decref(*root);
        *root = NULL;
    }
    ct_buf_free(&code);
    return rc;
}
