/* pagsmile.c - Pagsmile /api/getcardtoken: sorted k=v string without empty
 * values, "&key=<app key>", MD5 in lowercase hex, in the body's "sign". */
#include "buf.h"
#include "canon.h"
#include "check.h"
#include "client.h"
#include "crypto.h"
#include "errors.h"
#include "http.h"
#include "json.h"
#include "kv.h"
#include "lifecycle.h"
#include "mem.h"
#include "options.h"
#include "pagsmile_common.h"
#include "pagsmile_life.h"
#include "registry.h"
#include "request.h"
#include "result.h"

#include <string.h>

static const ct_param_desc pg_options[] = {
    CT_ARG("merchant_no", CT_TYPE_STRING, 1, "Pagsmile merchant number"),
    CT_ARG("app_id", CT_TYPE_STRING, 1, "Pagsmile application id"),
    CT_ARG("app_key", CT_TYPE_SECRET, 1, "the MD5 signing key"),
    CT_ARG("escape_slashes", CT_TYPE_BOOL, 0,
           "nested JSON signed and sent as PHP json_encode writes it (\\/, "
           "\\uXXXX); default false"),
    CT_COMMON_OPTIONS};

/* In request body order: card_number, security_code, expiration_month,
 * expiration_year, cardholder_name. */
static const ct_param_desc pg_token_args[] = {
    CT_ARG("card_number", CT_TYPE_SECRET, 1, "the card number (PAN)"),
    CT_ARG("security_code", CT_TYPE_SECRET, 1, "the CVV"),
    CT_ARG("expiration_month", CT_TYPE_STRING, 1, "\"01\" to \"12\""),
    CT_ARG("expiration_year", CT_TYPE_STRING, 1, "four digits"),
    CT_ARG("cardholder_name", CT_TYPE_STRING, 1, "as printed on the card")};

/* In record order; pg_check_echo reads fields 1, 2 and 5. */
static const ct_result_field_desc pg_token_fields[] = {
    CT_FIELD("token", CT_VAL_STRING, 0, 0, "the card token"),
    CT_FIELD("first_six_digits", CT_VAL_STRING, 0, 0, "the card's BIN"),
    CT_FIELD("last_four_digits", CT_VAL_STRING, 0, 0, "the card's last four"),
    CT_FIELD("expiration_month", CT_VAL_INT, 0, 0, "1 to 12"),
    CT_FIELD("expiration_year", CT_VAL_INT, 0, 0, "four digits"),
    CT_FIELD("cardholder_name", CT_VAL_STRING, 0, 0, "as sent"),
    CT_FIELD("payment_method_id", CT_VAL_STRING, 1, 0, "the card brand")};

static const ct_param_desc pg_notify[] = {
    CT_NOTIFY("fields", "fields", CT_TYPE_MAPPING, 1, 1,
              "the posted form fields, sign included")};

static const ct_env pg_envs[] = {
    {"sandbox", "https://paychanneldev.pagsmile.com"},
    {"production", "https://paychannel.pagsmile.com"},
    {NULL, NULL}};

static void pg_free_state(void *state)
{
    pg_state *s = state;
    ct_free_str(s->merchant_no);
    ct_free_str(s->app_id);
    ct_free_secret(s->app_key.data, s->app_key.len);
    ct_free_secret(s, sizeof(*s));
}

static ct_err pg_configure(ct_client *c, const ct_kvlist *o, ct_error *err)
{
    pg_state *s = ct_calloc(1, sizeof(*s));
    ct_err rc;
    if ((c->state = s) == NULL)
        return ct_fail_nomem(err);
    if ((rc = ct_opt_text(o, "merchant_no", 20, 1, NULL, &s->merchant_no,
                          err)) != CT_OK ||
        (rc = ct_opt_text(o, "app_id", 20, 1, NULL, &s->app_id, err)) !=
            CT_OK ||
        (rc = ct_opt_secret(o, "app_key", &s->app_key, err)) != CT_OK)
        return rc;
    {
        const ct_kv *v = ct_kv_get(o, "escape_slashes");
        if (v != NULL &&
            (strcmp(v->value, "true") == 0 || strcmp(v->value, "1") == 0))
            s->escape_slashes = 1;
        else if (v != NULL && strcmp(v->value, "false") != 0 &&
                 strcmp(v->value, "0") != 0 && v->len != 0)
            return ct_fail(err, CT_ERR_CONFIG, "escape_slashes",
                           "option escape_slashes must be true or false");
    }
    return CT_OK;
}

static ct_err pg_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                       ct_request *req, ct_error *err)
{
    const char *names[5];
    const ct_kv *v[5];
    ct_pair pairs[7];
    ct_buf tosign;
    char hex[33];
    size_t i;
    ct_err rc;

    for (i = 0; i < 5; i++) {
        names[i] = op->args[i].name;
        v[i] = ct_kv_get(&a->kv, names[i]);
    }
    if ((rc = ct_check_card_number(v[0], names[0], err)) != CT_OK ||
        (rc = ct_check_cvv(v[1], names[1], err)) != CT_OK ||
        (rc = ct_check_month(v[2], names[2], err)) != CT_OK ||
        (rc = ct_check_year(v[3], names[3], err)) != CT_OK ||
        (rc = ct_check_expiry(c, v[2], v[3], err)) != CT_OK ||
        (rc = ct_check_text(v[4], names[4], 100, 0, err)) != CT_OK)
        return rc;

    pairs[0] = (ct_pair){"merchant_no", 11, PG(c)->merchant_no,
                         strlen(PG(c)->merchant_no), 0};
    pairs[1] = (ct_pair){"app_id", 6, PG(c)->app_id, strlen(PG(c)->app_id), 0};
    for (i = 0; i < 5; i++)
        pairs[2 + i] =
            (ct_pair){names[i], strlen(names[i]), v[i]->value, v[i]->len, 0};
    for (i = 0; i < 7; i++)
        pairs[i].empty = pg_empty(pairs[i].val, pairs[i].vlen);

    ct_buf_init(&tosign);
    rc = pg_sign_pairs(c, pairs, 7, &tosign, hex, err);
    if (rc == CT_OK)
        rc = ct_request_keep_signed(c, req, tosign.data, tosign.len, "app_key",
                                    PG(c)->app_key.len, hex, 32, err);
    ct_buf_free(&tosign);
    if (rc != CT_OK)
        return rc;

    ct_buf_reserve(&req->body, 256);
    ct_buf_putc(&req->body, '{');
    ct_json_put_member(&req->body, 0, "merchant_no", PG(c)->merchant_no,
                       strlen(PG(c)->merchant_no));
    ct_json_put_member(&req->body, 1, "app_id", PG(c)->app_id,
                       strlen(PG(c)->app_id));
    for (i = 0; i < 5; i++)
        ct_json_put_member(&req->body, 1, names[i], v[i]->value, v[i]->len);
    ct_json_put_member(&req->body, 1, "sign", hex, 32);
    ct_buf_putc(&req->body, '}');
    if ((rc = ct_request_add_header(req, "Content-Type", "application/json", 16,
                                    err)) != CT_OK)
        return rc;
    if ((rc = ct_request_set_secrets(req, v[0], v[1], err)) != CT_OK)
        return rc;
    return ct_request_set_echo(req, NULL, v[4], err);
}

/* The answer must be about the card sent: its first six and last four
 * digits and its holder's name (fields 1, 2 and 5 of the record). */
static ct_err pg_check_echo(const ct_request *req, const ct_record *rec,
                            ct_error *err)
{
    size_t plen;
    ct_err rc;
    if (req == NULL || req->pan == NULL)
        return CT_OK;
    plen = strlen(req->pan);
    if (plen < 10)
        return CT_OK;
    {
        char first[7], last[5];
        memcpy(first, req->pan, 6);
        first[6] = '\0';
        memcpy(last, req->pan + plen - 4, 4);
        last[4] = '\0';
        rc = ct_echo_check(first, rec->f[1].str, rec->f[1].len, 1, "Pagsmile",
                           "info.card_info.first_six_digits", err);
        if (rc == CT_OK)
            rc =
                ct_echo_check(last, rec->f[2].str, rec->f[2].len, 1, "Pagsmile",
                              "info.card_info.last_four_digits", err);
        OPENSSL_cleanse(first, sizeof(first));
        OPENSSL_cleanse(last, sizeof(last));
    }
    if (rc == CT_OK)
        rc = ct_echo_check(req->holder, rec->f[5].str, rec->f[5].len, 1,
                           "Pagsmile", "info.card_info.cardholder_name", err);
    return rc;
}

static ct_err pg_parse(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       ct_result **out, ct_error *err)
{
    json_t *root = NULL, *info, *card;
    ct_result *res = NULL;
    ct_record *rec;
    const ct_result_field_desc *f;
    long long month, year;
    int present;
    ct_err rc;

    CT_UNUSED(c);
    if ((rc = pg_envelope(req, resp, &root, err)) != CT_OK)
        return rc;
    info = json_object_get(root, "info");
    card = json_object_get(info, "card_info");
    if (!json_is_object(info) || !json_is_object(card)) {
        rc = ct_fail(err, CT_ERR_PROTOCOL, "info",
                     "Pagsmile success response lacks info.card_info");
        goto cleanup;
    }
    res = ct_result_alloc(op);
    if (res == NULL || (rec = ct_result_add(res)) == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    f = op->fields;
    if ((rc = ct_record_json(rec, &f[0], info, "token", 1, err)) != CT_OK ||
        (rc = ct_record_json(rec, &f[1], card, f[1].name, 1, err)) != CT_OK ||
        (rc = ct_record_json(rec, &f[2], card, f[2].name, 1, err)) != CT_OK ||
        (rc = ct_json_int(card, f[3].name, 1, &month, &present, err)) !=
            CT_OK ||
        (rc = ct_json_int(card, f[4].name, 1, &year, &present, err)) != CT_OK)
        goto cleanup;
    if (!ct_record_int(rec, f[3].name, month) ||
        !ct_record_int(rec, f[4].name, year)) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if ((rc = ct_record_json(rec, &f[5], card, f[5].name, 1, err)) != CT_OK ||
        (rc = ct_record_json(rec, &f[6], card, f[6].name, 0, err)) != CT_OK ||
        (rc = pg_check_echo(req, rec, err)) != CT_OK)
        goto cleanup;
    *out = res;
    res = NULL;
cleanup:
    ct_result_free(res);
    json_decref(root);
    return rc;
}

/* The verified mapping: every field but the PHP-empty ones, which are left
 * out of the signed string and so were never signed (anyone could have
 * added them); `sign` itself stays. */
static ct_err pg_verified_fields(json_t *root, ct_result **out, ct_error *err)
{
    const char *key;
    json_t *v;
    void *tmp;
    ct_buf scratch, dump;
    ct_err rc;

    json_object_foreach_safe(root, tmp, key, v)
    {
        int empty, ok;
        if (strcmp(key, "sign") == 0)
            continue;
        ct_buf_init(&scratch);
        empty = ct_canon_render(&scratch, v, 1);
        ok = ct_buf_ok(&scratch);
        ct_buf_free(&scratch);
        if (!ok)
            return ct_fail_nomem(err);
        if (empty && json_object_del(root, key) != 0)
            return ct_fail(err, CT_ERR_INTERNAL, NULL, "JSON delete failed");
    }
    ct_buf_init(&dump);
    ct_json_put_value(&dump, root, 0);
    rc = ct_buf_ok(&dump)
             ? ct_result_from_json_text(dump.data, dump.len, out, err)
             : ct_fail_nomem(err);
    ct_buf_free(&dump);
    return rc;
}

static ct_err pg_verify_notification(ct_client *c, const ct_notification *n,
                                     ct_result **out, ct_error *err)
{
    static const char *const skip[] = {"sign", NULL};
    json_t *root = NULL, *sign;
    ct_buf tosign;
    char hex[33];
    ct_err rc;

    ct_buf_init(&tosign);
    if (n->fields_json == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "fields",
                       "notification fields are required");
    if ((rc = ct_json_parse(n->fields_json, n->fields_json_len, &root, err)) !=
        CT_OK) {
        if (rc == CT_ERR_PROTOCOL)
            rc = ct_fail(err, CT_ERR_VALIDATION, "fields",
                         "notification fields must be a mapping");
        return rc;
    }
    sign = json_object_get(root, "sign");
    if (!json_is_string(sign) || json_string_length(sign) == 0) {
        rc = ct_fail(err, CT_ERR_SIGNATURE, "sign",
                     "Pagsmile notification has no sign");
        goto cleanup;
    }
    if ((rc = ct_canon_objects(&tosign, root, NULL, skip, 1, 1, err)) != CT_OK)
        goto cleanup;
    ct_buf_puts(&tosign, "&key=");
    ct_buf_append(&tosign, PG(c)->app_key.data, PG(c)->app_key.len);
    if (!ct_buf_ok(&tosign)) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if (!ct_md5_hex(tosign.data, tosign.len, hex)) {
        rc = ct_fail(err, CT_ERR_INTERNAL, NULL, "MD5 failed");
        goto cleanup;
    }
    if (!ct_hex_matches(hex, 32, json_string_value(sign),
                        json_string_length(sign))) {
        rc = ct_fail(err, CT_ERR_SIGNATURE, "sign",
                     "Pagsmile notification signature does not match");
        goto cleanup;
    }
    rc = pg_verified_fields(root, out, err);
cleanup:
    json_decref(root);
    ct_buf_free(&tosign);
    return rc;
}

static ct_err pg_ack(ct_client *c, const char *path, ct_request *req,
                     ct_error *err)
{
    CT_UNUSED(c);
    CT_UNUSED(path);
    return ct_request_set_body(req, "text/plain; charset=UTF-8", "success",
                               err);
}

/* pay_with_token's nested objects, keyed by the wire names (in the order
 * of LIFECYCLE.md's table; pagsmile_life.c holds their lengths). */
static const ct_param_desc pg_identification_keys[] = {
    CT_ARG("type", CT_TYPE_STRING, 1, "\"CPF\""),
    CT_ARG("number", CT_TYPE_STRING, 1, "the document number")};

static const ct_param_desc pg_payment_keys[] = {
    CT_ARG("out_order_no", CT_TYPE_STRING, 1, "the merchant's order number"),
    CT_ARG("order_amount", CT_TYPE_STRING, 1, "decimal string, e.g. \"10.00\""),
    CT_ARG("currency", CT_TYPE_STRING, 1, "\"BRL\""),
    CT_ARG("subject", CT_TYPE_STRING, 1, "order subject"),
    CT_ARG("content", CT_TYPE_STRING, 1, "order content"),
    CT_ARG("token", CT_TYPE_SECRET, 1, "get_card_token's token (7 days)"),
    CT_ARG("installments", CT_TYPE_STRING, 1,
           "1 to 12, string or integer (sent as given)"),
    CT_ARG("payment_method_id", CT_TYPE_STRING, 1,
           "the card brand from get_card_token"),
    CT_ARG("notify_url", CT_TYPE_STRING, 1, "https URL, no query string")};

static const ct_param_desc pg_customer_keys[] = {
    CT_ARG("out_uid", CT_TYPE_STRING, 1, "the merchant's user id"),
    CT_ARG("email", CT_TYPE_STRING, 1, "the buyer's email"),
    {.name = "identification",
     .php_name = "identification",
     .type = CT_TYPE_OBJECT,
     .required = 1,
     .children = pg_identification_keys,
     .nchildren = CT_ARRAY_LEN(pg_identification_keys),
     .doc = "{type, number}"},
    CT_ARG("username", CT_TYPE_STRING, 1, "the buyer's name"),
    CT_ARG("zip_code", CT_TYPE_STRING, 1, "postal code"),
    CT_ARG("country", CT_TYPE_STRING, 0, "country"),
    CT_ARG("city", CT_TYPE_STRING, 0, "city"),
    CT_ARG("bill_address", CT_TYPE_STRING, 0, "billing address (a string)"),
    CT_ARG("buyer_ip", CT_TYPE_STRING, 0, "the buyer's IP address"),
    CT_ARG("browser", CT_TYPE_STRING, 0, "the buyer's browser"),
    CT_ARG("phone", CT_TYPE_STRING, 0, "the buyer's phone")};

static const ct_param_desc pg_pay_args[] = {
    {.name = "payment",
     .php_name = "payment",
     .type = CT_TYPE_OBJECT,
     .required = 1,
     .children = pg_payment_keys,
     .nchildren = CT_ARRAY_LEN(pg_payment_keys),
     .doc = "the order and the card token"},
    {.name = "customer",
     .php_name = "customer",
     .type = CT_TYPE_OBJECT,
     .required = 1,
     .children = pg_customer_keys,
     .nchildren = CT_ARRAY_LEN(pg_customer_keys),
     .doc = "the buyer"}};

static const ct_param_desc pg_query_args[] = {
    CT_ARG("trade_no", CT_TYPE_STRING, 0, "Pagsmile's trade number"),
    CT_ARG("out_trade_no", CT_TYPE_STRING, 0,
           "the merchant's order number (preferred)")};

static const ct_param_desc pg_refund_args[] = {
    CT_ARG("method", CT_TYPE_STRING, 0, "channel code (default \"101001\")"),
    CT_ARG("trade_no", CT_TYPE_STRING, 1, "Pagsmile's trade number")};

static const ct_param_desc pg_apply_refund_args[] = {
    CT_ARG("trade_no", CT_TYPE_STRING, 1, "Pagsmile's trade number"),
    CT_ARG("out_request_no", CT_TYPE_STRING, 1,
           "the merchant's refund number (idempotency key)"),
    CT_ARG("email", CT_TYPE_STRING, 1, "the buyer's email"),
    CT_ARG("refund_amount", CT_TYPE_STRING, 1, "decimal string > 0"),
    CT_ARG("description", CT_TYPE_STRING, 0, "refund reason"),
    CT_ARG("bank_info", CT_TYPE_STRING, 0, "\"yes\" to pass bank data"),
    CT_ARG("name", CT_TYPE_STRING, 0, "account holder (bank_info yes)"),
    CT_ARG("cpf_no", CT_TYPE_STRING, 0, "holder's CPF (bank_info yes)"),
    CT_ARG("bank_id", CT_TYPE_STRING, 0, "bank code (bank_info yes)"),
    CT_ARG("bank_name", CT_TYPE_STRING, 0, "bank name (bank_info yes)"),
    CT_ARG("agency", CT_TYPE_STRING, 0, "branch (bank_info yes)"),
    CT_ARG("account_no", CT_TYPE_STRING, 0, "digits (bank_info yes)"),
    CT_ARG("account_type", CT_TYPE_INT, 0,
           "1 savings, 2 checking (bank_info yes)")};

static const ct_op_desc pg_op_descs[] = {
    {.name = "get_card_token",
     .php_name = "getCardToken",
     .result_name = "CardTokenResult",
     CT_ARGS(pg_token_args),
     CT_FIELDS(pg_token_fields),
     .doc = "Tokenizes a card (POST /api/getcardtoken)."},
    {.name = "pay_with_token",
     .php_name = "payWithToken",
     .result_name = "Payment",
     CT_ARGS(pg_pay_args),
     CT_FIELDS(ct_payment_fields),
     .doc = "Pays with a card token (POST /api/creditpci)."},
    {.name = "query_order",
     .php_name = "queryOrder",
     .result_name = "Payment",
     CT_ARGS(pg_query_args),
     CT_FIELDS(ct_payment_fields),
     .doc = "Looks a payment up (POST /api/checkorder)."},
    {.name = "refund",
     .php_name = "refund",
     .result_name = "Refund",
     CT_ARGS(pg_refund_args),
     CT_FIELDS(ct_refund_fields),
     .doc = "Refunds a card payment in full (POST /api/refund)."},
    {.name = "apply_refund",
     .php_name = "applyRefund",
     .result_name = "Refund",
     CT_ARGS(pg_apply_refund_args),
     CT_FIELDS(ct_refund_fields),
     .doc = "Applies for a (partial) refund (POST /api/refundapply)."}};

static const ct_op_impl pg_impl[] = {
    {.path = "/api/getcardtoken", .build = pg_build, .parse = pg_parse},
    {.path = "/api/creditpci", .build = pg_build_pay, .parse = pg_parse_pay},
    {.path = "/api/checkorder",
     .build = pg_build_query,
     .parse = pg_parse_query},
    {.path = "/api/refund", .build = pg_build_refund, .parse = pg_parse_refund},
    {.path = "/api/refundapply",
     .build = pg_build_apply_refund,
     .parse = pg_parse_apply_refund}};

const ct_gateway_ops ct_pagsmile_ops =
    CT_GATEWAY_OPS(pg, CT_GW_PAGSMILE, "pagsmile", "Pagsmile", 0,
                   "Pagsmile card vault (MD5-signed JSON).");
