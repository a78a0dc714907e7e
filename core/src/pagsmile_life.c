/* pagsmile_life.c - Pagsmile's token lifecycle (LIFECYCLE.md §1): pay with
 * the token (/api/creditpci, nested objects signed as their compact JSON
 * text), query (/api/checkorder), refund (/api/refund) and apply for a
 * refund (/api/refundapply). Every body is signed as the getcardtoken one:
 * sorted k=v without empty values, "&key=<app key>", MD5. The signature
 * binds no endpoint, time or nonce, so signed bodies are secret: they are
 * wiped with the request and never reach an error message. */
#include "buf.h"
#include "check.h"
#include "crypto.h"
#include "errors.h"
#include "json.h"
#include "kv.h"
#include "mem.h"
#include "pagsmile_common.h"
#include "pagsmile_life.h"
#include "result.h"

#include <string.h>
#include <strings.h>

#define PG_MAX_PAIRS 16

/* ------------------------------------------------------------------ */
/* Flat bodies                                                         */
/* ------------------------------------------------------------------ */

/* One top-level member: raw (`raw` set: a JSON number or object written
 * as is; else a JSON string). */
typedef struct pg_member {
    const char *name;
    const char *val;
    size_t len;
    int raw;
} pg_member;

/* Signs merchant_no, app_id and m[0..n), then writes the body in that
 * order with "sign" last. */
static ct_err pg_finish(ct_client *c, const pg_member *m, size_t n,
                        ct_request *req, ct_error *err)
{
    ct_pair pairs[PG_MAX_PAIRS];
    ct_buf tosign;
    char hex[33];
    size_t i, np = 0;
    ct_err rc;

    pairs[np++] = (ct_pair){"merchant_no", 11, PG(c)->merchant_no,
                            strlen(PG(c)->merchant_no), 0};
    pairs[np++] =
        (ct_pair){"app_id", 6, PG(c)->app_id, strlen(PG(c)->app_id), 0};
    for (i = 0; i < n && np < PG_MAX_PAIRS; i++)
        pairs[np++] =
            (ct_pair){m[i].name, strlen(m[i].name), m[i].val, m[i].len, 0};
    for (i = 0; i < np; i++)
        pairs[i].empty = pg_empty(pairs[i].val, pairs[i].vlen);
    ct_buf_init(&tosign);
    rc = pg_sign_pairs(c, pairs, np, &tosign, hex, err);
    if (rc == CT_OK)
        rc = ct_request_keep_signed(c, req, tosign.data, tosign.len, "app_key",
                                    PG(c)->app_key.len, hex, 32, err);
    ct_buf_free(&tosign);
    if (rc != CT_OK)
        return rc;

    ct_buf_putc(&req->body, '{');
    ct_json_put_member(&req->body, 0, "merchant_no", PG(c)->merchant_no,
                       strlen(PG(c)->merchant_no));
    ct_json_put_member(&req->body, 1, "app_id", PG(c)->app_id,
                       strlen(PG(c)->app_id));
    for (i = 0; i < n; i++) {
        if (!m[i].raw) {
            ct_json_put_member(&req->body, 1, m[i].name, m[i].val, m[i].len);
            continue;
        }
        ct_buf_putc(&req->body, ',');
        ct_json_put_str(&req->body, m[i].name, strlen(m[i].name), 0);
        ct_buf_putc(&req->body, ':');
        ct_buf_append(&req->body, m[i].val, m[i].len);
    }
    ct_json_put_member(&req->body, 1, "sign", hex, 32);
    ct_buf_putc(&req->body, '}');
    OPENSSL_cleanse(hex, sizeof(hex));
    if (!ct_buf_ok(&req->body))
        return ct_fail_nomem(err);
    return ct_request_add_header(req, "Content-Type", "application/json", 16,
                                 err);
}

/* A text argument: required or not, 1..max characters. */
static ct_err pg_arg(const ct_args *a, const char *name, int required,
                     size_t max, const ct_kv **out, ct_error *err)
{
    *out = ct_kv_get(&a->kv, name);
    if (*out == NULL && !required)
        return CT_OK;
    return ct_check_text(*out, name, max, 0, err);
}

/* ------------------------------------------------------------------ */
/* pay_with_token: the nested objects                                  */
/* ------------------------------------------------------------------ */

/* Lengths of the keys of pg_payment_keys / pg_customer_keys /
 * pg_identification_keys (pagsmile.c), index for index. */
static const size_t pg_payment_max[] = {64, 10, 3, 255, 255, 255, 12, 16, 255};
static const size_t pg_customer_max[] = {255, 255, 0,   255, 10, 10,
                                         10,  255, 255, 255, 255};
static const size_t pg_identification_max[] = {50, 50};

static const size_t *pg_max_of(const ct_param_desc *kids)
{
    if (strcmp(kids[0].name, "out_order_no") == 0)
        return pg_payment_max;
    if (strcmp(kids[0].name, "out_uid") == 0)
        return pg_customer_max;
    return pg_identification_max;
}

/* Checks one value of a nested object, `field` its dotted name. */
static ct_err pg_check_value(const ct_param_desc *k, size_t max,
                             const json_t *v, const char *field, ct_error *err)
{
    ct_kv kv;
    if (json_is_real(v))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be a string, not a float", field);
    if (json_is_null(v) && !k->required)
        return CT_OK;
    if (strcmp(k->name, "installments") == 0 && json_is_integer(v)) {
        if (json_integer_value(v) < 1 || json_integer_value(v) > 12)
            return ct_fail(err, CT_ERR_VALIDATION, field, "%s must be 1 to 12",
                           field);
        return CT_OK;
    }
    if (!json_is_string(v))
        return ct_fail(err, CT_ERR_VALIDATION, field, "%s must be a string",
                       field);
    kv = (ct_kv){(char *)field, (char *)json_string_value(v),
                 json_string_length(v)};
    if (strcmp(k->name, "order_amount") == 0 &&
        !ct_decimal_text(kv.value, kv.len))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be a decimal string such as \"10.00\"", field);
    if (strcmp(k->name, "installments") == 0) {
        long long n;
        if (!ct_parse_uint(kv.value, kv.len, &n) || n < 1 || n > 12)
            return ct_fail(err, CT_ERR_VALIDATION, field, "%s must be 1 to 12",
                           field);
    }
    if (strcmp(k->name, "notify_url") == 0) {
        ct_err rc = ct_check_url(&kv, field, max, err);
        if (rc == CT_OK && (kv.len < 8 || strncmp(kv.value, "https://", 8) ||
                            memchr(kv.value, '?', kv.len) != NULL))
            rc = ct_fail(err, CT_ERR_VALIDATION, field,
                         "%s must be an https URL without a query string",
                         field);
        return rc;
    }
    return ct_check_text(&kv, field, max, 0, err);
}

/* The mapping `obj` (argument or key `field`) against its keys: no unknown
 * key, every required one, each value of its type and length. */
static ct_err pg_check_object(const json_t *obj, const ct_param_desc *kids,
                              size_t nkids, const char *field, ct_error *err)
{
    const size_t *max = pg_max_of(kids);
    char sub[64];
    const char *key;
    json_t *v;
    size_t i;
    ct_err rc;

    if (!json_is_object(obj))
        return ct_fail(err, CT_ERR_VALIDATION, field, "%s must be a mapping",
                       field);
    json_object_foreach((json_t *)obj, key, v)
    {
        const ct_param_desc *k = ct_param_find(kids, nkids, key);
        snprintf(sub, sizeof(sub), "%s.%s", field, key);
        if (k == NULL)
            return ct_fail_unknown_name(err, CT_ERR_VALIDATION, "key", sub);
        i = (size_t)(k - kids);
        rc = kids[i].type == CT_TYPE_OBJECT
                 ? pg_check_object(v, kids[i].children, kids[i].nchildren, sub,
                                   err)
                 : pg_check_value(&kids[i], max[i], v, sub, err);
        if (rc != CT_OK)
            return rc;
    }
    for (i = 0; i < nkids; i++)
        if (kids[i].required && json_object_get(obj, kids[i].name) == NULL) {
            snprintf(sub, sizeof(sub), "%s.%s", field, kids[i].name);
            return ct_fail(err, CT_ERR_VALIDATION, sub, "%s is required", sub);
        }
    return CT_OK;
}

/* The argument `p` (JSON text of a mapping) checked and rendered as the
 * text that is both signed and sent; *root keeps the parsed value. */
static ct_err pg_nested(const ct_client *c, const ct_args *a,
                        const ct_param_desc *p, ct_buf *text, json_t **root,
                        ct_error *err)
{
    const ct_kv *v = ct_kv_get(&a->kv, p->name);
    json_error_t jerr;

    if (v == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, p->name, "%s is required",
                       p->name);
    if (!ct_json_depth_ok(v->value, v->len, 4) ||
        (*root = json_loadb(v->value, v->len, JSON_REJECT_DUPLICATES, &jerr)) ==
            NULL) {
        OPENSSL_cleanse(&jerr, sizeof(jerr));
        return ct_fail(err, CT_ERR_VALIDATION, p->name,
                       "%s must be a mapping of strings and integers", p->name);
    }
    {
        ct_err rc =
            pg_check_object(*root, p->children, p->nchildren, p->name, err);
        if (rc != CT_OK)
            return rc;
    }
    ct_json_put_value(text, *root, PG(c)->escape_slashes);
    return ct_buf_ok(text) ? CT_OK : ct_fail_nomem(err);
}

ct_err pg_build_pay(ct_client *c, const ct_op_desc *op, const ct_args *a,
                    ct_request *req, ct_error *err)
{
    ct_buf pay, cust;
    json_t *proot = NULL, *croot = NULL, *tok, *order;
    pg_member m[3];
    ct_err rc;

    ct_buf_init(&pay);
    ct_buf_init(&cust);
    if ((rc = pg_nested(c, a, &op->args[0], &pay, &proot, err)) != CT_OK ||
        (rc = pg_nested(c, a, &op->args[1], &cust, &croot, err)) != CT_OK)
        goto cleanup;
    m[0] = (pg_member){"sign_type", "MD5", 3, 0};
    m[1] = (pg_member){"payment", pay.data, pay.len, 1};
    m[2] = (pg_member){"customer", cust.data, cust.len, 1};
    if ((rc = pg_finish(c, m, 3, req, err)) != CT_OK)
        goto cleanup;
    tok = json_object_get(proot, "token");
    order = json_object_get(proot, "out_order_no");
    {
        ct_kv t = {"token", (char *)json_string_value(tok),
                   json_string_length(tok)};
        ct_kv o = {"out_order_no", (char *)json_string_value(order),
                   json_string_length(order)};
        if ((rc = ct_request_set_secrets(req, NULL, &t, err)) == CT_OK)
            rc = ct_request_set_echo(req, &o, NULL, err);
    }
cleanup:
    /* the token was in the parsed value: wipe its strings */
    if (proot != NULL && (tok = json_object_get(proot, "token")) != NULL &&
        json_is_string(tok))
        OPENSSL_cleanse((char *)json_string_value(tok),
                        json_string_length(tok));
    json_decref(proot);
    json_decref(croot);
    ct_buf_free(&pay);
    ct_buf_free(&cust);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Payment results                                                     */
/* ------------------------------------------------------------------ */

/* LIFECYCLE.md §6.1; an unknown word is pending. */
static const char *pg_payment_status(const char *w)
{
    static const struct {
        const char *word, *status;
    } map[] = {{"TRADE_SUCCESS", "succeeded"},
               {"TRADE_REFUSED", "failed"},
               {"TRADE_REFUND", "refunded"},
               {"TRADE_CHARGEBACK", "refunded"},
               {"PAID_MAJOR", "succeeded"}};
    size_t i;
    for (i = 0; i < CT_ARRAY_LEN(map); i++)
        if (strcmp(map[i].word, w) == 0)
            return map[i].status;
    return "pending";
}

/* A money member keeps its received text: a JSON number as written
 * ("10.50" stays "10.50"), found in the raw body under obj_key. */
static ct_err pg_record_amount(ct_record *rec, const ct_response *resp,
                               const char *obj_key, const json_t *obj,
                               const char *key, ct_error *err)
{
    size_t os, oe, vs, ve;
    const json_t *v = json_object_get(obj, key);
    if (json_is_number(v) &&
        ct_json_raw_member(resp->body, resp->len, obj_key, &os, &oe) &&
        ct_json_raw_member(resp->body + os, oe - os, key, &vs, &ve))
        return ct_record_str(rec, "amount", resp->body + os + vs, ve - vs, 0)
                   ? CT_OK
                   : ct_fail_nomem(err);
    {
        static const ct_result_field_desc f =
            CT_FIELD("amount", CT_VAL_STRING, 1, 0, "");
        return ct_record_json(rec, &f, obj, key, 0, err);
    }
}

/* https://host..., scheme in any case, no space or control character. */
static int pg_https_url(const char *s, size_t n)
{
    size_t i;
    if (n <= 8 || strncasecmp(s, "https://", 8) != 0 || s[8] == '/' ||
        s[8] == '?' || s[8] == '#')
        return 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

/* Fills a Payment from obj ("info" of creditpci, "data" of checkorder). */
static ct_err pg_payment_record(const ct_op_desc *op, const ct_response *resp,
                                const char *where, const json_t *obj,
                                const char *amount_key, const char *alt_amount,
                                const char *currency_key, ct_record *rec,
                                ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    const json_t *st = json_object_get(obj, "trade_status");
    ct_err rc;
    if (!json_is_string(st))
        return ct_fail(err, CT_ERR_PROTOCOL, "trade_status",
                       "Pagsmile answer lacks %s.trade_status", where);
    if (!ct_record_str(rec, f[0].name, pg_payment_status(json_string_value(st)),
                       strlen(pg_payment_status(json_string_value(st))), 0) ||
        !ct_record_str(rec, f[1].name, json_string_value(st),
                       json_string_length(st), 0))
        return ct_fail_nomem(err);
    if ((rc = ct_record_json(rec, &f[2], obj,
                             json_object_get(obj, "out_trade_no") != NULL
                                 ? "out_trade_no"
                                 : "out_order_no",
                             0, err)) != CT_OK ||
        (rc = ct_record_json(rec, &f[3], obj, "trade_no",
                             strcmp(where, "info") == 0, err)) != CT_OK ||
        (rc = pg_record_amount(rec, resp, where, obj,
                               json_object_get(obj, amount_key) != NULL ||
                                       alt_amount == NULL
                                   ? amount_key
                                   : alt_amount,
                               err)) != CT_OK ||
        (rc = ct_record_json(rec, &f[5], obj, currency_key, 0, err)) != CT_OK)
        return rc;
    return ct_record_null(rec, f[6].name) && ct_record_null(rec, f[7].name)
               ? CT_OK
               : ct_fail_nomem(err);
}

static ct_err pg_redirect_record(const ct_op_desc *op, const json_t *info,
                                 ct_record *rec, ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    size_t i;
    if (!pg_https_url(json_string_value(info), json_string_length(info)))
        return ct_fail(err, CT_ERR_PROTOCOL, "info",
                       "Pagsmile answered code 200 with a text info that is "
                       "not an https URL");
    if (!ct_record_str(rec, f[0].name, "requires_action", 15, 0) ||
        !ct_record_str(rec, f[1].name, "200", 3, 0))
        return ct_fail_nomem(err);
    for (i = 2; i < 8; i++)
        if (!(i == 6 ? ct_record_str(rec, f[i].name, json_string_value(info),
                                     json_string_length(info), 0)
                     : ct_record_null(rec, f[i].name)))
            return ct_fail_nomem(err);
    return CT_OK;
}

/* The echo: the answer's order/trade number, when it carries one, must be
 * the one asked about. */
static ct_err pg_payment_echo(const ct_request *req, const ct_record *rec,
                              const char *where, ct_error *err)
{
    char field[40];
    ct_err rc = CT_OK;
    if (req == NULL)
        return CT_OK;
    if (req->echo != NULL && rec->f[2].type == CT_VAL_STRING) {
        snprintf(field, sizeof(field), "%s.out_trade_no", where);
        rc = ct_echo_check(req->echo, rec->f[2].str, rec->f[2].len, 1,
                           "Pagsmile", field, err);
    }
    /* query_order by trade_no keeps it in `holder` (no cardholder here) */
    if (rc == CT_OK && req->holder != NULL) {
        snprintf(field, sizeof(field), "%s.trade_no", where);
        rc = ct_echo_check(req->holder, rec->f[3].str, rec->f[3].len,
                           rec->f[3].type == CT_VAL_STRING, "Pagsmile", field,
                           err);
    }
    return rc;
}

static ct_err pg_parse_payment(const ct_op_desc *op, const ct_request *req,
                               const ct_response *resp, int is_query,
                               ct_result **out, ct_error *err)
{
    const char *where = is_query ? "data" : "info";
    json_t *root = NULL, *obj;
    ct_result *res = NULL;
    ct_record *rec;
    ct_err rc;

    if ((rc = pg_envelope(req, resp, &root, err)) != CT_OK)
        return rc;
    res = ct_result_alloc(op);
    if (res == NULL || (rec = ct_result_add(res)) == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    obj = json_object_get(root, where);
    if (!is_query && json_is_string(obj))
        rc = pg_redirect_record(op, obj, rec, err);
    else if (!json_is_object(obj))
        rc = ct_fail(err, CT_ERR_PROTOCOL, where,
                     "Pagsmile success answer lacks the %s object", where);
    else
        rc = pg_payment_record(
            op, resp, where, obj, is_query ? "order_amount" : "amount",
            is_query ? NULL : "total_amount",
            is_query ? "order_currency" : "currency", rec, err);
    if (rc == CT_OK)
        rc = pg_payment_echo(req, rec, where, err);
    if (rc == CT_OK) {
        *out = res;
        res = NULL;
    }
cleanup:
    ct_result_free(res);
    json_decref(root);
    return rc;
}

ct_err pg_parse_pay(ct_client *c, const ct_op_desc *op, const ct_request *req,
                    const ct_response *resp, ct_result **out, ct_error *err)
{
    CT_UNUSED(c);
    return pg_parse_payment(op, req, resp, 0, out, err);
}

/* ------------------------------------------------------------------ */
/* query_order                                                         */
/* ------------------------------------------------------------------ */

ct_err pg_build_query(ct_client *c, const ct_op_desc *op, const ct_args *a,
                      ct_request *req, ct_error *err)
{
    const ct_kv *trade, *out_trade;
    pg_member m;
    ct_err rc;

    CT_UNUSED(op);
    if ((rc = pg_arg(a, "trade_no", 0, 255, &trade, err)) != CT_OK ||
        (rc = pg_arg(a, "out_trade_no", 0, 255, &out_trade, err)) != CT_OK)
        return rc;
    if ((trade == NULL) == (out_trade == NULL))
        return ct_fail(err, CT_ERR_VALIDATION,
                       trade ? "trade_no" : "out_trade_no",
                       "give exactly one of out_trade_no (preferred) and "
                       "trade_no");
    m = out_trade
            ? (pg_member){"out_trade_no", out_trade->value, out_trade->len, 0}
            : (pg_member){"trade_no", trade->value, trade->len, 0};
    if ((rc = pg_finish(c, &m, 1, req, err)) != CT_OK)
        return rc;
    return ct_request_set_echo(req, out_trade, trade, err);
}

ct_err pg_parse_query(ct_client *c, const ct_op_desc *op, const ct_request *req,
                      const ct_response *resp, ct_result **out, ct_error *err)
{
    CT_UNUSED(c);
    return pg_parse_payment(op, req, resp, 1, out, err);
}

/* ------------------------------------------------------------------ */
/* refund and apply_refund                                             */
/* ------------------------------------------------------------------ */

ct_err pg_build_refund(ct_client *c, const ct_op_desc *op, const ct_args *a,
                       ct_request *req, ct_error *err)
{
    const ct_kv *method, *trade;
    pg_member m[2];
    ct_err rc;

    CT_UNUSED(op);
    if ((rc = pg_arg(a, "method", 0, 10, &method, err)) != CT_OK ||
        (rc = pg_arg(a, "trade_no", 1, 19, &trade, err)) != CT_OK)
        return rc;
    m[0] = method ? (pg_member){"method", method->value, method->len, 0}
                  : (pg_member){"method", "101001", 6, 0};
    m[1] = (pg_member){"trade_no", trade->value, trade->len, 0};
    return pg_finish(c, m, 2, req, err);
}

/* A decimal amount in PHP's float text: leading zeros of the integer part
 * and trailing zeros of the fraction dropped, and a bare "." with them
 * ("5.50" -> "5.5", "10.00" -> "10"). At most 15 significant digits, so
 * that PHP's float prints the same digits. */
static ct_err pg_php_amount(const ct_kv *v, char out[32], size_t *olen,
                            ct_error *err)
{
    size_t i = 0, n = v->len, end, digits = 0;
    const char *s = v->value;
    int nonzero = 0;
    if (!ct_decimal_text(s, n) || n > 30)
        return ct_fail(err, CT_ERR_VALIDATION, "refund_amount",
                       "refund_amount must be a decimal string such as "
                       "\"5.50\"");
    while (i + 1 < n && s[i] == '0' && s[i + 1] != '.')
        i++;
    end = n;
    if (memchr(s, '.', n) != NULL) {
        while (end > i && s[end - 1] == '0')
            end--;
        if (s[end - 1] == '.')
            end--;
    }
    memcpy(out, s + i, end - i);
    *olen = end - i;
    out[*olen] = '\0';
    for (i = 0; i < *olen; i++)
        if (out[i] != '.' && (nonzero || out[i] != '0')) {
            nonzero = 1;
            digits++;
        }
    if (!nonzero)
        return ct_fail(err, CT_ERR_VALIDATION, "refund_amount",
                       "refund_amount must be more than 0");
    if (digits > 15)
        return ct_fail(err, CT_ERR_VALIDATION, "refund_amount",
                       "refund_amount has more than 15 significant digits");
    return CT_OK;
}

/* bank_info "yes": every bank field; else none of them. */
static const char *const pg_bank_keys[] = {
    "name",   "cpf_no",     "bank_id",     "bank_name",
    "agency", "account_no", "account_type"};
static const size_t pg_bank_max[] = {255, 11, 10, 50, 6, 20, 1};

ct_err pg_build_apply_refund(ct_client *c, const ct_op_desc *op,
                             const ct_args *a, ct_request *req, ct_error *err)
{
    const ct_kv *trade, *oreq, *email, *amount, *desc, *bank, *v;
    pg_member m[PG_MAX_PAIRS - 2];
    char amt[32];
    size_t alen = 0, n = 0, i;
    int yes;
    ct_err rc;

    CT_UNUSED(op);
    if ((rc = pg_arg(a, "trade_no", 1, 255, &trade, err)) != CT_OK ||
        (rc = pg_arg(a, "out_request_no", 1, 255, &oreq, err)) != CT_OK ||
        (rc = pg_arg(a, "email", 1, 255, &email, err)) != CT_OK ||
        (rc = pg_arg(a, "refund_amount", 1, 30, &amount, err)) != CT_OK ||
        (rc = pg_php_amount(amount, amt, &alen, err)) != CT_OK ||
        (rc = pg_arg(a, "description", 0, 255, &desc, err)) != CT_OK ||
        (rc = pg_arg(a, "bank_info", 0, 3, &bank, err)) != CT_OK)
        return rc;
    if (bank != NULL && strcmp(bank->value, "yes") != 0 &&
        strcmp(bank->value, "no") != 0)
        return ct_fail(err, CT_ERR_VALIDATION, "bank_info",
                       "bank_info must be \"yes\" or \"no\"");
    yes = bank != NULL && strcmp(bank->value, "yes") == 0;
    m[n++] = (pg_member){"trade_no", trade->value, trade->len, 0};
    m[n++] = (pg_member){"out_request_no", oreq->value, oreq->len, 0};
    m[n++] = (pg_member){"email", email->value, email->len, 0};
    m[n++] = (pg_member){"refund_amount", amt, alen, 1};
    if (desc != NULL)
        m[n++] = (pg_member){"description", desc->value, desc->len, 0};
    if (bank != NULL)
        m[n++] = (pg_member){"bank_info", bank->value, bank->len, 0};
    for (i = 0; i < CT_ARRAY_LEN(pg_bank_keys); i++) {
        const char *k = pg_bank_keys[i];
        int number = i >= 5;
        v = ct_kv_get(&a->kv, k);
        if (v == NULL && !yes)
            continue;
        if (!yes)
            return ct_fail(err, CT_ERR_VALIDATION, k,
                           "%s is only sent with bank_info \"yes\"", k);
        if ((rc = pg_arg(a, k, 1, pg_bank_max[i], &v, err)) != CT_OK)
            return rc;
        if (number && (!ct_all_digits(v->value, v->len) ||
                       (v->len > 1 && v->value[0] == '0')))
            return ct_fail(err, CT_ERR_VALIDATION, k,
                           "%s must be digits without a leading zero", k);
        if (i == 6 && strcmp(v->value, "1") != 0 && strcmp(v->value, "2") != 0)
            return ct_fail(err, CT_ERR_VALIDATION, k,
                           "account_type must be 1 (savings) or 2 (checking)");
        m[n++] = (pg_member){k, v->value, v->len, number};
    }
    rc = pg_finish(c, m, n, req, err);
    OPENSSL_cleanse(amt, sizeof(amt));
    return rc;
}

static ct_err pg_refund_result(const ct_op_desc *op, const char *status,
                               const json_t *word, ct_result **out,
                               ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    ct_result *res = ct_result_alloc(op);
    ct_record *rec = res ? ct_result_add(res) : NULL;
    size_t i;
    int ok = rec != NULL &&
             ct_record_str(rec, f[0].name, status, strlen(status), 0) &&
             ct_record_str(rec, f[1].name, json_string_value(word),
                           json_string_length(word), 0);
    for (i = 2; ok && i < op->nfields; i++)
        ok = ct_record_null(rec, f[i].name);
    if (!ok) {
        ct_result_free(res);
        return ct_fail_nomem(err);
    }
    *out = res;
    return CT_OK;
}

ct_err pg_parse_refund(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       ct_result **out, ct_error *err)
{
    json_t *root = NULL, *info;
    ct_err rc;

    CT_UNUSED(c);
    if ((rc = pg_envelope(req, resp, &root, err)) != CT_OK)
        return rc;
    info = json_object_get(root, "info");
    rc = json_is_string(info)
             ? pg_refund_result(op, "succeeded", info, out, err)
             : ct_fail(err, CT_ERR_PROTOCOL, "info",
                       "Pagsmile refund answer lacks a text info");
    json_decref(root);
    return rc;
}

ct_err pg_parse_apply_refund(ct_client *c, const ct_op_desc *op,
                             const ct_request *req, const ct_response *resp,
                             ct_result **out, ct_error *err)
{
    json_t *root = NULL, *data, *info;
    ct_err rc;

    CT_UNUSED(c);
    if ((rc = pg_envelope(req, resp, &root, err)) != CT_OK)
        return rc;
    data = json_object_get(root, "data");
    info = json_object_get(root, "info");
    if (json_is_string(data))
        rc = pg_refund_result(
            op,
            strcmp(json_string_value(data), "TRADE_REFUND") == 0 ? "succeeded"
                                                                 : "pending",
            data, out, err);
    else if ((data == NULL || json_is_null(data)) && json_is_string(info))
        rc = pg_refund_result(op, "pending", info, out, err);
    else
        rc = ct_fail(err, CT_ERR_PROTOCOL, "data",
                     "Pagsmile refundapply answer lacks a text data or info");
    json_decref(root);
    return rc;
}
