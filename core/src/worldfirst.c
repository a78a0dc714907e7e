/* worldfirst.c - WorldFirst queryCardSensitiveInfo, signed the Antom way:
 * "POST <path>\n<client>.<time>.<body>", SHA256withRSA, base64, URL-encoded,
 * in a Signature header. Every response is signed and verified; the
 * response carries the card number and CVV (marked sensitive). */
#include "buf.h"
#include "check.h"
#include "client.h"
#include "clock.h"
#include "crypto.h"
#include "errors.h"
#include "http.h"
#include "json.h"
#include "keys.h"
#include "kv.h"
#include "mem.h"
#include "options.h"
#include "registry.h"
#include "request.h"
#include "result.h"
#include "worldfirst.h"

#include <string.h>

const ct_param_desc wf_query_args[WF_NQUERY_ARGS] = {
    CT_ARG("asset_id", CT_TYPE_STRING, 1, "the card asset id"),
    CT_ARG("retry_attempt", CT_TYPE_INT, 0,
           "how many U answers came before (sets retry_after)")};

/* In record order (the members are in worldfirst_life.c). */
const ct_result_field_desc wf_query_fields[WF_NQUERY_FIELDS] = {
    CT_FIELD("asset_id", CT_VAL_STRING, 1, 0, "the card asset id"),
    CT_FIELD("account_id", CT_VAL_STRING, 1, 0, "the account"),
    CT_FIELD("card_no", CT_VAL_STRING, 1, 1, "the card number"),
    CT_FIELD("cvv", CT_VAL_STRING, 1, 1, "the CVV"),
    CT_FIELD("expired_month", CT_VAL_STRING, 1, 0, "the expiry month"),
    CT_FIELD("expired_year", CT_VAL_STRING, 1, 0, "the expiry year")};

/* The documented schedule for U: 5, 10, 20, 40, 80, 160, 320 minutes. */
static double wf_retry_after(int attempt)
{
    return attempt >= 0 && attempt < 7 ? 300.0 * (double)(1 << attempt) : -1.0;
}

void wf_free_state(void *state)
{
    wf_state *s = state;
    ct_free_str(s->client_id);
    ct_free_str(s->key_version);
    ct_free_secret(s->access_token.data, s->access_token.len);
    ct_free_str(s->connected_account_id);
    ct_rsa_keys_free(&s->keys);
    ct_free_secret(s, sizeof(*s));
}

/* An optional option sent as a header value: 1 to max visible ASCII
 * characters (no space or control character that could split a header). */
static ct_err wf_opt_header_ok(const ct_kvlist *o, const char *name, size_t max,
                               ct_error *err)
{
    const ct_kv *v = ct_kv_get(o, name);
    size_t i;
    int ok = v == NULL || (v->len > 0 && v->len <= max);
    for (i = 0; ok && v != NULL && i < v->len; i++)
        ok = (unsigned char)v->value[i] > 0x20 &&
             (unsigned char)v->value[i] < 0x7f;
    if (!ok)
        return ct_fail(err, CT_ERR_CONFIG, name,
                       "option %s must be 1 to %zu visible ASCII characters",
                       name, max);
    return CT_OK;
}

ct_err wf_configure(ct_client *c, const ct_kvlist *o, ct_error *err)
{
    wf_state *s = ct_calloc(1, sizeof(*s));
    ct_err rc;
    if ((c->state = s) == NULL)
        return ct_fail_nomem(err);
    if ((rc = ct_opt_text(o, "client_id", 64, 1, NULL, &s->client_id, err)) !=
            CT_OK ||
        (rc = ct_opt_text(o, "key_version", 8, 0, "2", &s->key_version, err)) !=
            CT_OK ||
        (rc = wf_opt_header_ok(o, "connected_account_id", 64, err)) != CT_OK ||
        (rc = ct_opt_text(o, "connected_account_id", 64, 0, NULL,
                          &s->connected_account_id, err)) != CT_OK ||
        (rc = wf_opt_header_ok(o, "access_token", 512, err)) != CT_OK ||
        (ct_kv_get(o, "access_token") != NULL &&
         (rc = ct_opt_secret(o, "access_token", &s->access_token, err)) !=
             CT_OK) ||
        (rc = ct_opt_rsa_keys(o, &s->keys, err)) != CT_OK)
        return rc;
    return CT_OK;
}

static void ct_antom_content(ct_buf *out, const char *path, const char *client,
                             size_t clen, const char *time, size_t tlen,
                             const char *body, size_t blen)
{
    ct_buf_reserve(out, strlen(path) + clen + tlen + blen + 8);
    ct_buf_puts(out, "POST ");
    ct_buf_puts(out, path);
    ct_buf_putc(out, '\n');
    ct_buf_append(out, client, clen);
    ct_buf_putc(out, '.');
    ct_buf_append(out, time, tlen);
    ct_buf_putc(out, '.');
    ct_buf_append(out, body, blen);
}

/* Signs body for path at the client's current time and adds the
 * Content-Type, Client-Id, <time_header> and Signature headers. */
static ct_err wf_sign(ct_client *c, const char *path, const char *time_header,
                      ct_request *req, ct_error *err)
{
    ct_buf time, content, b64, value;
    ct_time now;
    ct_err rc;

    ct_buf_init(&time);
    ct_buf_init(&content);
    ct_buf_init(&b64);
    ct_buf_init(&value);
    ct_client_now(c, &now);
    ct_format_time(&time, &now, 0);
    if (!ct_buf_ok(&time)) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    ct_antom_content(&content, path, WF(c)->client_id, strlen(WF(c)->client_id),
                     time.data, time.len, req->body.data, req->body.len);
    if (!ct_buf_ok(&content)) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if ((rc = ct_rsa_sign_b64(WF(c)->keys.sign_ctx, content.data, content.len,
                              &b64, err)) != CT_OK ||
        (rc = ct_request_keep_signed(c, req, content.data, content.len, NULL, 0,
                                     b64.data, b64.len, err)) != CT_OK)
        goto cleanup;
    ct_buf_puts(&value, "algorithm=RSA256,keyVersion=");
    ct_buf_puts(&value, WF(c)->key_version);
    ct_buf_puts(&value, ",signature=");
    ct_url_encode(&value, b64.data, b64.len);
    if (!ct_buf_ok(&value)) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if ((rc = ct_request_add_header(req, "Content-Type",
                                    "application/json; charset=UTF-8", 31,
                                    err)) != CT_OK ||
        (rc = ct_request_add_header(req, "Client-Id", WF(c)->client_id,
                                    strlen(WF(c)->client_id), err)) != CT_OK ||
        (rc = ct_request_add_header(req, time_header, time.data, time.len,
                                    err)) != CT_OK ||
        (rc = ct_request_add_header(req, "Signature", value.data, value.len,
                                    err)) != CT_OK)
        goto cleanup;
cleanup:
    ct_buf_free(&time);
    ct_buf_free(&content);
    ct_buf_free(&b64);
    ct_buf_free(&value);
    return rc;
}

ct_err wf_sign_request(ct_client *c, ct_request *req, int account,
                       ct_error *err)
{
    const wf_state *s = WF(c);
    ct_err rc = wf_sign(c, req->path, "Request-Time", req, err);
    if (rc != CT_OK || !account)
        return rc;
    if (s->access_token.data != NULL &&
        (rc = ct_request_add_secret_header(req, "Access-Token",
                                           s->access_token.data,
                                           s->access_token.len, err)) != CT_OK)
        return rc;
    if (s->connected_account_id != NULL)
        rc = ct_request_add_header(req, "Connected-AccountId",
                                   s->connected_account_id,
                                   strlen(s->connected_account_id), err);
    return rc;
}

ct_err wf_retry_attempt(const ct_kv *attempt, ct_request *req, ct_error *err)
{
    long long n = 0;
    if (attempt != NULL &&
        (!ct_parse_uint(attempt->value, attempt->len, &n) || n > 1000))
        return ct_fail(err, CT_ERR_VALIDATION, "retry_attempt",
                       "retry_attempt must be an integer from 0");
    req->retry_attempt = (int)n;
    return CT_OK;
}

ct_err wf_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                ct_request *req, ct_error *err)
{
    const char *asset_name = op->args[0].name;
    const ct_kv *asset = ct_kv_get(&a->kv, asset_name);
    ct_err rc;

    if ((rc = ct_check_text(asset, asset_name, 64, 0, err)) != CT_OK ||
        (rc = wf_retry_attempt(ct_kv_get(&a->kv, op->args[1].name), req,
                               err)) != CT_OK)
        return rc;
    ct_buf_puts(&req->body, "{");
    ct_json_put_member(&req->body, 0, "assetId", asset->value, asset->len);
    ct_buf_puts(&req->body, "}");
    if (!ct_buf_ok(&req->body))
        return ct_fail_nomem(err);
    if ((rc = ct_request_set_echo(req, asset, NULL, err)) != CT_OK)
        return rc;
    return wf_sign_request(c, req, 1, err);
}

/* Finds "signature=<value>" in a Signature header. */
static int wf_signature_param(const char *h, size_t n, const char **val,
                              size_t *vlen)
{
    size_t i = 0;
    while (i < n) {
        size_t start, end;
        while (i < n && (h[i] == ' ' || h[i] == ','))
            i++;
        start = i;
        while (i < n && h[i] != ',')
            i++;
        end = i;
        while (end > start && (h[end - 1] == ' ' || h[end - 1] == '\r'))
            end--;
        if (end - start > 10 && memcmp(h + start, "signature=", 10) == 0) {
            *val = h + start + 10;
            *vlen = end - start - 10;
            return 1;
        }
    }
    return 0;
}

/* Verifies the Antom signature of a response or notification. */
static ct_err wf_verify(const ct_client *c, const char *path,
                        const ct_header *h, size_t nh, const char *time_name,
                        const char *body, size_t blen, const char *what,
                        ct_error *err)
{
    const ct_header *sig = ct_find_header(h, nh, "Signature");
    const ct_header *time = ct_find_header(h, nh, time_name);
    const ct_header *client = ct_find_header(h, nh, "Client-Id");
    const char *val;
    size_t vlen;
    ct_buf decoded, content;
    unsigned char raw[1024];
    long rawlen;
    int ok = 0;

    if (sig == NULL || time == NULL || client == NULL ||
        !wf_signature_param(sig->value, sig->value_len, &val, &vlen) ||
        vlen == 0)
        return ct_fail(err, CT_ERR_SIGNATURE, "Signature",
                       "WorldFirst %s is not signed (Signature, %s and "
                       "Client-Id headers are required)",
                       what, time_name);
    if (!ct_consttime_eq(client->value, client->value_len, WF(c)->client_id,
                         strlen(WF(c)->client_id)))
        return ct_fail(err, CT_ERR_SIGNATURE, "Client-Id",
                       "WorldFirst %s is for another Client-Id", what);
    ct_buf_init(&decoded);
    ct_buf_init(&content);
    if (ct_url_decode(&decoded, val, vlen, 0) == 0) {
        rawlen = ct_b64_decode(decoded.data, decoded.len, raw, sizeof(raw));
        ct_antom_content(&content, path, client->value, client->value_len,
                         time->value, time->value_len, body, blen);
        ok = rawlen > 0 && ct_buf_ok(&content) &&
             ct_rsa_verify(WF(c)->keys.verify_ctx, content.data, content.len,
                           raw, (size_t)rawlen);
    }
    if (!ok &&
        (!ct_buf_ok(&decoded) || (decoded.len && !ct_buf_ok(&content)))) {
        ct_buf_free(&decoded);
        ct_buf_free(&content);
        return ct_fail_nomem(err);
    }
    ct_buf_free(&decoded);
    ct_buf_free(&content);
    if (!ok)
        return ct_fail(err, CT_ERR_SIGNATURE, "Signature",
                       "WorldFirst %s signature does not verify", what);
    return CT_OK;
}

ct_err wf_answer(ct_client *c, const ct_request *req, const ct_response *resp,
                 json_t **root, ct_error *err)
{
    json_t *result;
    ct_buf status, code, msg;
    int present;
    ct_err rc;

    *root = NULL;
    ct_buf_init(&status);
    ct_buf_init(&code);
    ct_buf_init(&msg);
    if ((rc = wf_verify(c, resp->path, resp->headers, resp->nheaders,
                        "Response-Time", resp->body, resp->len, "response",
                        err)) != CT_OK ||
        (rc = ct_json_parse(resp->body, resp->len, root, err)) != CT_OK)
        goto cleanup;
    result = json_object_get(*root, "result");
    if (!json_is_object(result)) {
        rc = ct_fail(err, CT_ERR_PROTOCOL, "result",
                     "WorldFirst response lacks result");
        goto cleanup;
    }
    if ((rc = ct_json_text(result, "resultStatus", 1, 0, &status, &present,
                           err)) != CT_OK ||
        (rc = ct_json_text(result, "resultCode", 0, 0, &code, &present, err)) !=
            CT_OK ||
        (rc = ct_json_text(result, "resultMessage", 0, 0, &msg, &present,
                           err)) != CT_OK)
        goto cleanup;
    /* a gateway's text may echo the credential it refused */
    ct_buf_redact(&code, req ? req->cvv : NULL);
    ct_buf_redact(&msg, req ? req->cvv : NULL);
    ct_buf_redact(&code, WF(c)->access_token.data);
    ct_buf_redact(&msg, WF(c)->access_token.data);
    if (strcmp(status.data, "U") == 0) {
        rc =
            ct_fail_gateway(err, req, CT_ERR_RESULT_UNKNOWN,
                            "WorldFirst result unknown (%s); query again later",
                            code.data, code.len, msg.data, msg.len);
        if (err != NULL)
            err->retry_after = wf_retry_after(req ? req->retry_attempt : 0);
    } else if (strcmp(status.data, "F") == 0) {
        rc = ct_fail_gateway(err, req, CT_ERR_GATEWAY,
                             "WorldFirst declined the request (%s)", code.data,
                             code.len, msg.data, msg.len);
    } else if (strcmp(status.data, "S") != 0) {
        rc = ct_fail(err, CT_ERR_PROTOCOL, "resultStatus",
                     "WorldFirst resultStatus is not S, F or U");
    }
cleanup:
    if (rc != CT_OK) {
        json_decref(*root);
        *root = NULL;
    }
    ct_buf_free(&status);
    ct_buf_free(&code);
    ct_buf_free(&msg);
    return rc;
}

ct_err wf_verify_notification(ct_client *c, const ct_notification *n,
                              ct_result **out, ct_error *err)
{
    json_t *root = NULL;
    ct_err rc;

    if (n->path == NULL || n->path[0] != '/')
        return ct_fail(err, CT_ERR_VALIDATION, "path",
                       "path must be the notify URL's path, starting with /");
    if (n->body == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "body",
                       "notification body is required");
    if ((rc = wf_verify(c, n->path, n->headers, n->nheaders, "Request-Time",
                        n->body, n->body_len, "notification", err)) != CT_OK)
        return rc;
    {
        const ct_header *t =
            ct_find_header(n->headers, n->nheaders, "Request-Time");
        if ((rc = ct_check_fresh(c, t ? t->value : NULL, t ? t->value_len : 0,
                                 n->max_age, "WorldFirst", "Request-Time",
                                 err)) != CT_OK)
            return rc;
    }
    if ((rc = ct_json_parse(n->body, n->body_len, &root, err)) != CT_OK)
        return rc;
    json_decref(root);
    return ct_result_from_json_text(n->body, n->body_len, out, err);
}

ct_err wf_ack(ct_client *c, const char *path, ct_request *req, ct_error *err)
{
    if (path == NULL || path[0] != '/')
        return ct_fail(err, CT_ERR_VALIDATION, "path",
                       "path must be the notify URL's path, starting with /");
    ct_buf_puts(&req->body, "{\"result\":{\"resultCode\":\"SUCCESS\","
                            "\"resultStatus\":\"S\",\"resultMessage\":"
                            "\"success\"}}");
    if (!ct_buf_ok(&req->body))
        return ct_fail_nomem(err);
    return wf_sign(c, path, "Response-Time", req, err);
}
