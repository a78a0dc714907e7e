/* raw.c - the `raw` field of a result (API.md "Lifecycle results"): the
 * whole response object as compact JSON text, the gateway's values as
 * received except:
 *  - a credential (the value of a member named as a payment token, OAuth
 *    token, authorization code, CVV or secret, and everything inside it)
 *    is masked as a sensitive field is (ct_mask: last four, or "***");
 *  - a card number (the value of a member named as one, or, in any string
 *    or integer, 13 to 19 digits in groups joined by single spaces or
 *    dashes passing the Luhn check) keeps its first six and last four
 *    digits.
 * Numbers the gateway masked already stay as received. The named result
 * fields keep the real values; `raw` is for what the table does not
 * name. */
#include "buf.h"
#include "check.h"
#include "errors.h"
#include "json.h"
#include "mem.h"
#include "raw.h"
#include "result.h"

#include <openssl/crypto.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Member names whose values are credentials, compared without regard to
 * case, '_' or '-' (paymentTokenID, payment_token_object, access-token). */
static const char *const ct_raw_secret_keys[] = {"token",
                                                 "paymenttoken",
                                                 "paymenttokenid",
                                                 "paymenttokenobject",
                                                 "accesstoken",
                                                 "refreshtoken",
                                                 "authcode",
                                                 "authorizationcode",
                                                 "cvv",
                                                 "cvv2",
                                                 "cvc",
                                                 "cvc2",
                                                 "securitycode",
                                                 "cardcvv",
                                                 "password",
                                                 "secret"};

/* Member names whose values are card numbers (folded the same way). */
static const char *const ct_raw_card_keys[] = {
    "cardno", "cardnumber", "pan", "cardidentifierno", "primaryaccountnumber"};

enum { CT_RAW_PLAIN, CT_RAW_CARD, CT_RAW_SECRET };

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

/* How the values of member `key` are written. */
static int ct_raw_kind(const char *key)
{
    if (ct_raw_key_in(key, ct_raw_secret_keys,
                      CT_ARRAY_LEN(ct_raw_secret_keys)))
        return CT_RAW_SECRET;
    if (ct_raw_key_in(key, ct_raw_card_keys, CT_ARRAY_LEN(ct_raw_card_keys)))
        return CT_RAW_CARD;
    return CT_RAW_PLAIN;
}

/* 1 when s[0..n) is 13 to 19 digits (spaces and dashes aside) passing the
 * Luhn check: a card number wherever it appears. */
static int ct_raw_is_pan(const char *s, size_t n)
{
    char digits[20];
    size_t len = 0, i;
    int ok;
    for (i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '-')
            continue;
        if (s[i] < '0' || s[i] > '9' || len == sizeof(digits))
            return 0;
        digits[len++] = s[i];
    }
    ok = len >= 13 && len <= 19 && ct_luhn_ok(digits, len);
    OPENSSL_cleanse(digits, sizeof(digits));
    return ok;
}

static int ct_raw_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Masks the digits of m[a..e) but the first six and the last four. */
static void ct_raw_mask_span(char *m, size_t a, size_t e)
{
    size_t total = 0, seen = 0, i;
    for (i = a; i < e; i++)
        total += ct_raw_digit(m[i]);
    for (i = a; i < e; i++)
        if (ct_raw_digit(m[i]) && seen++ >= 6 && seen <= total - 4)
            m[i] = '*';
}

/* Masks, in place, every card number inside the text m[0..n): a run of
 * digit groups joined by single spaces or dashes that is one (13 to 19
 * digits, Luhn), else each plain digit run of it that is one. Returns 1
 * when it masked anything. */
static int ct_raw_mask_pans(char *m, size_t n)
{
    size_t i = 0, a, e, r;
    int any = 0;
    while (i < n) {
        if (!ct_raw_digit(m[i])) {
            i++;
            continue;
        }
        a = e = i;
        while (e < n && (ct_raw_digit(m[e]) ||
                         ((m[e] == ' ' || m[e] == '-') && e + 1 < n &&
                          ct_raw_digit(m[e + 1]) && ct_raw_digit(m[e - 1]))))
            e++;
        if (ct_raw_is_pan(m + a, e - a)) {
            ct_raw_mask_span(m, a, e);
            any = 1;
        } else {
            for (r = a; r < e;) {
                size_t q = r;
                while (q < e && ct_raw_digit(m[q]))
                    q++;
                if (q > r && ct_raw_is_pan(m + r, q - r)) {
                    ct_raw_mask_span(m, r, q);
                    any = 1;
                }
                r = q < e ? q + 1 : q;
            }
        }
        i = e;
    }
    return any;
}

/* Appends the string s[0..n) as `kind` says. */
static void ct_raw_put_str(ct_buf *b, const char *s, size_t n, int kind)
{
    char small[64], *m;
    size_t cap = n + 5, len = n;
    m = cap <= sizeof(small) ? small : ct_malloc(cap);
    if (m == NULL) {
        b->failed = 1;
        return;
    }
    if (kind == CT_RAW_SECRET)
        len = ct_mask(s, n, m, cap);
    else if (kind == CT_RAW_CARD)
        len = ct_mask_text(s, n, m, cap);
    else
        memcpy(m, s, n);
    if (kind != CT_RAW_PLAIN || ct_raw_mask_pans(m, len))
        ct_json_put_str(b, m, len, 0);
    else
        ct_json_put_str(b, s, n, 0);
    OPENSSL_cleanse(m, cap);
    if (m != small)
        ct_free_secret(m, cap);
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
    char digits[32];
    int mine = 0;

    switch (json_typeof(v)) {
    case JSON_STRING:
        ct_raw_put_str(b, json_string_value(v), json_string_length(v), kind);
        return 1;
    case JSON_INTEGER:
        snprintf(digits, sizeof(digits), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        if (kind != CT_RAW_PLAIN || ct_raw_is_pan(digits, strlen(digits))) {
            ct_raw_put_str(b, digits, strlen(digits),
                           kind == CT_RAW_SECRET ? kind : CT_RAW_CARD);
            mine = 1;
        }
        OPENSSL_cleanse(digits, sizeof(digits));
        return mine;
    case JSON_NULL: return 0;
    default:
        if (kind != CT_RAW_SECRET)
            return 0;
        ct_json_put_str(b, "***", 3, 0);
        return 1;
    }
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
