/* raw.c - the `raw` field of a result (API.md "Lifecycle results"): the
 * whole response object as compact JSON text, the gateway's values as
 * received except:
 *  - a credential (the value of a member named as a payment token, OAuth
 *    token, authorization code, CVV or secret, and everything inside it)
 *    is masked as a sensitive field is (ct_mask: last four, or "***");
 *  - a card number (the value of a member named as one, or, in any string
 *    or number, a run of whole digit groups of ct_mask_text's rule holding
 *    13 to 19 digits that pass the Luhn check: ct_mask_cards_copy) keeps
 *    its first six and last four digits.
 * Numbers the gateway masked already stay as received. The named result
 * fields keep the real values; `raw` is for what the table does not
 * name. */
#include "buf.h"
#include "errors.h"
#include "json.h"
#include "mask.h"
#include "mem.h"
#include "raw.h"
#include "result.h"

#include <openssl/crypto.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Member names whose values are credentials, compared without regard to
 * case, '_' or '-' (paymentTokenID, payment_token_object, access-token). */
/* clang-format off */
static const char *const ct_raw_secret_keys[] = {
    "token", "paymenttoken", "paymenttokenid", "paymenttokenobject",
    "accesstoken", "refreshtoken", "authcode", "authorizationcode",
    "cvv", "cvv2", "cvc", "cvc2", "securitycode", "cardcvv",
    "password", "secret", "cavv", "xid", "authenticationvalue"};
/* clang-format on */

/* Member names whose values are card numbers (folded the same way). */
static const char *const ct_raw_card_keys[] = {
    "cardno", "cardnumber", "pan", "cardidentifierno", "primaryaccountnumber"};

static int ct_raw_key_in(const char *key, const char *const *set, size_t n)
{
    char folded[32];
    size_t len = 0, i;
    for (; *key != '\0'; key++) {
        if (*key == '_' || *key == '-')
            continue;
        if (len + 1 == sizeof(folded))
            return 0;
        folded[len++] = (char)tolower((unsigned char)*key);
    }
    folded[len] = '\0';
    for (i = 0; i < n; i++)
        if (strcmp(folded, set[i]) == 0)
            return 1;
    return 0;
}

int ct_raw_kind(const char *key)
{
    if (ct_raw_key_in(key, ct_raw_secret_keys,
                      CT_ARRAY_LEN(ct_raw_secret_keys)))
        return CT_RAW_SECRET;
    if (ct_raw_key_in(key, ct_raw_card_keys, CT_ARRAY_LEN(ct_raw_card_keys)))
        return CT_RAW_CARD;
    return CT_RAW_PLAIN;
}

/* Appends the string s[0..n) as `kind` says. */
static void ct_raw_put_str(ct_buf *b, const char *s, size_t n, int kind)
{
    char small[64], *m;
    size_t cap = n + 5, len = n, i;
    m = cap <= sizeof(small) ? small : ct_malloc(cap);
    if (m == NULL) {
        b->failed = 1;
        return;
    }
    if (kind == CT_RAW_SECRET) {
        /* its last four characters, or *** (ct_mask counts bytes: text
         * that is not ASCII would be cut inside a character) */
        for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
            ;
        len = i == n ? ct_mask(s, n, m, cap) : ct_mask(s, 0, m, cap);
    } else if (kind == CT_RAW_CARD) {
        len = ct_mask_text(s, n, m, cap);
    } else {
        len = ct_mask_cards_copy(m, cap, s, n);
    }
    if (kind != CT_RAW_PLAIN || len != n || memcmp(m, s, n) != 0)
        ct_json_put_str(b, m, len, 0);
    else
        ct_json_put_str(b, s, n, 0);
    OPENSSL_cleanse(m, cap);
    if (m != small)
        ct_free_secret(m, cap);
}

/* Writes the number text d (digits of an integer, or of a real with no
 * fraction) masked when it is a credential or a card number; returns 0
 * (nothing written) when it is neither. */
static int ct_raw_put_number(ct_buf *b, const char *d, int kind)
{
    char m[48];
    size_t n = strlen(d), len;
    int mine = kind != CT_RAW_PLAIN;
    if (!mine) {
        len = ct_mask_cards_copy(m, sizeof(m), d, n);
        mine = len != n || memcmp(m, d, n) != 0;
        OPENSSL_cleanse(m, sizeof(m));
    }
    if (mine)
        ct_raw_put_str(b, d, n, kind == CT_RAW_SECRET ? kind : CT_RAW_CARD);
    return mine;
}

/* ct_json_filter.member: a credential's insides stay credentials. */
static int ct_raw_member(const char *key, int kind)
{
    return kind == CT_RAW_SECRET ? kind : ct_raw_kind(key);
}

/* ct_json_filter.scalar: strings, and integers that are credentials or
 * card numbers, written masked; other credentials as "***". */
static int ct_raw_scalar(ct_buf *b, const json_t *v, int kind)
{
    char digits[48];
    double r;
    int mine = 0;

    switch (json_typeof(v)) {
    case JSON_STRING:
        ct_raw_put_str(b, json_string_value(v), json_string_length(v), kind);
        return 1;
    case JSON_INTEGER:
        snprintf(digits, sizeof(digits), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        mine = ct_raw_put_number(b, digits, kind);
        OPENSSL_cleanse(digits, sizeof(digits));
        return mine;
    case JSON_REAL:
        /* a card number may come as a real too (and every integer does,
         * when another one is beyond 64 bits): its whole digits count */
        r = json_real_value(v);
        if (kind == CT_RAW_SECRET)
            break;
        if (r > -1e19 && r < 1e19 && r == (double)(long long)r) {
            snprintf(digits, sizeof(digits), "%lld", (long long)r);
            mine = ct_raw_put_number(b, digits, kind);
            OPENSSL_cleanse(digits, sizeof(digits));
        }
        return mine;
    case JSON_NULL: return 0;
    default: break;
    }
    if (kind != CT_RAW_SECRET)
        return 0;
    ct_json_put_str(b, "***", 3, 0);
    return 1;
}

static const ct_json_filter ct_raw_filter = {ct_raw_member, ct_raw_scalar};

ct_err ct_raw_text(const json_t *obj, char **out, size_t *len, ct_error *err)
{
    ct_buf b;
    ct_buf_init(&b);
    ct_json_put_filtered(&b, obj, 0, &ct_raw_filter, CT_RAW_PLAIN);
    if (!ct_buf_ok(&b)) {
        ct_buf_free(&b);
        return ct_fail_nomem(err);
    }
    *out = ct_buf_detach(&b, len);
    return *out != NULL ? CT_OK : ct_fail_nomem(err);
}

char *ct_mask_json(const char *json, size_t len, size_t *out_len)
{
    json_t *root = NULL;
    char *text = NULL;
    size_t tlen = 0;
    if (out_len != NULL)
        *out_len = 0;
    if (json == NULL || ct_json_parse_bigint(json, len, &root, NULL) != CT_OK)
        return NULL;
    if (ct_raw_text(root, &text, &tlen, NULL) != CT_OK)
        text = NULL;
    json_decref(root);
    if (text != NULL && out_len != NULL)
        *out_len = tlen;
    return text;
}

/* The index of the op's `raw` field, or -1 when its results have none. */
static int ct_raw_index(const ct_op_desc *op)
{
    size_t i;
    for (i = 0; op != NULL && i < op->nfields; i++)
        if (op->fields[i].type == CT_VAL_JSON &&
            strcmp(op->fields[i].name, CT_RAW_NAME) == 0)
            return (int)i;
    return -1;
}

ct_err ct_raw_attach(const ct_op_desc *op, ct_result *res, const char *body,
                     size_t len, ct_error *err)
{
    json_t *root = NULL;
    ct_record *rec;
    ct_field *f = NULL;
    char *text = NULL;
    size_t tlen = 0, k;
    ct_err rc;

    if (ct_raw_index(op) < 0 || res == NULL || res->is_list || res->nrec != 1)
        return CT_OK;
    rec = &res->recs[0];
    for (k = 0; k < rec->n; k++)
        if (strcmp(rec->f[k].name, CT_RAW_NAME) == 0)
            f = &rec->f[k];
    if (f != NULL && f->type != CT_VAL_NULL)
        return CT_OK; /* the gateway's parser filled it in itself */
    if ((rc = ct_json_parse_bigint(body, len, &root, err)) != CT_OK)
        return rc;
    rc = ct_raw_text(root, &text, &tlen, err);
    json_decref(root);
    if (rc != CT_OK)
        return rc;
    if (f == NULL) {
        if (rec->n == CT_MAX_FIELDS) {
            ct_free_secret(text, tlen + 1);
            return ct_fail(err, CT_ERR_INTERNAL, CT_RAW_NAME,
                           "result record has no room for raw");
        }
        f = &rec->f[rec->n++];
    }
    memset(f, 0, sizeof(*f));
    f->name = CT_RAW_NAME;
    f->type = CT_VAL_JSON;
    f->str = text;
    f->len = tlen;
    return CT_OK;
}
