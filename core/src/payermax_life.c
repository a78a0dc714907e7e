/* payermax_life.c - the PayerMax token lifecycle (LIFECYCLE.md §2): pay with
 * a token (orderAndPay, Direct_Payment), bind a card (applyPaymentToken),
 * InquireApplyRequest, removePaymentToken (version 1.2), orderQuery, refund
 * and refundQuery, each signed like the seed call (payermax.c), their
 * arguments in payermax_args.c and answers in payermax_parse.c; and
 * PayerMax's gateway table (ct_payermax_ops), which names every unit's
 * operations. */
#include "check.h"
#include "errors.h"
#include "json.h"
#include "lifecycle.h"
#include "mem.h"
#include "payermax_life.h"
#include "result.h"

#include <arpa/inet.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

/* Appends `extra` checks' failure or builds {members} with `konst` (when
 * not NULL: "name":"value" after member `at`), and sends it in the
 * envelope. */
static ct_err pm_send(ct_client *c, const char *version, const pm_node *nodes,
                      size_t n, const pm_value *val, size_t at,
                      const char *kname, const char *kvalue, ct_request *req,
                      ct_error *err)
{
    ct_buf data;
    int first = 1;
    ct_err rc;

    ct_buf_init(&data);
    ct_buf_putc(&data, '{');
    pm_write_members(&data, nodes, val, 0, kname ? at + 1 : n, &first);
    if (kname != NULL) {
        pm_write_const(&data, kname, kvalue, &first);
        pm_write_members(&data, nodes, val, at + 1, n, &first);
    }
    ct_buf_putc(&data, '}');
    rc = pm_envelope(c, version, &data, req, err);
    ct_buf_free(&data); /* wiped: it may hold card data */
    return rc;
}

/* A text that is a kv for the request's echo / secrets. */
static ct_kv pm_kv_of(const char *name, const json_t *s)
{
    return (ct_kv){(char *)name, (char *)json_string_value(s),
                   json_string_length(s)};
}

static ct_err pm_check_trade_no(const ct_kv *v, const char *field,
                                ct_error *err)
{
    if (v != NULL && !pm_word_chars(v->value, v->len))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s may hold only letters, digits and _", field);
    return CT_OK;
}

/* An IPv4 or IPv6 address. */
static int pm_ip_ok(const char *s)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

static ct_err pm_pay_validate(const pm_value *val, ct_error *err)
{
    static const char *const terminals[] = {"WEB", "WAP", "APP", NULL};
    static const char *const d3s[] = {"do3ds", "no3ds", "ext3ds", NULL};
    const json_t *detail = val[PP_DETAIL].j, *ip, *d;
    ct_err rc;

    if ((rc = pm_check_trade_no(val[PP_OUT_TRADE_NO].v, "out_trade_no", err)) !=
            CT_OK ||
        (rc = ct_check_oneof(val[PP_TERMINAL].v, "terminal_type", terminals,
                             err)) != CT_OK)
        return rc;
    ip = pm_get(detail, "buyer_info", "client_ip");
    if (!json_is_string(ip) || !pm_ip_ok(json_string_value(ip)))
        return ct_fail(err, CT_ERR_VALIDATION,
                       "payment_detail.buyer_info.client_ip",
                       "payment_detail.buyer_info.client_ip must be an IPv4 "
                       "or IPv6 address");
    d = pm_get(pm_get(detail, "card_info", NULL), "cvv", NULL);
    if (d != NULL) {
        ct_kv cvv = pm_kv_of("payment_detail.card_info.cvv", d);
        if ((rc = ct_check_cvv(&cvv, cvv.name, err)) != CT_OK)
            return rc;
    }
    d = pm_get(pm_get(detail, "card_info", NULL), "dynamic3ds", NULL);
    if (json_is_string(d)) {
        char low[8];
        size_t i, n = json_string_length(d);
        for (i = 0; i < n && i + 1 < sizeof(low); i++)
            low[i] = (char)(json_string_value(d)[i] | 0x20);
        low[i] = '\0';
        ct_kv kv = {"dynamic3ds", low, n < sizeof(low) ? n : sizeof(low)};
        if (n >= sizeof(low) || ct_check_oneof(&kv, "dynamic3ds", d3s, err))
            return ct_fail(err, CT_ERR_VALIDATION,
                           "payment_detail.card_info.dynamic3ds",
                           "payment_detail.card_info.dynamic3ds must be "
                           "do3DS, no3DS or ext3DS");
    }
    return CT_OK;
}

static ct_err pm_pay_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                           ct_request *req, ct_error *err)
{
    pm_value val[PP_NARGS];
    json_t *detail;
    ct_err rc;

    CT_UNUSED(op);
    if ((rc = pm_read_args(pm_pay_nodes, PP_NARGS, a, val, err)) != CT_OK ||
        (rc = pm_pay_validate(val, err)) != CT_OK)
        goto cleanup;
    /* a token payment stores no new token unless asked (example 6) */
    detail = val[PP_DETAIL].j;
    if (json_object_get(detail, "token_for_future_use") == NULL &&
        json_object_set_new(detail, "token_for_future_use", json_false()) !=
            0) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if ((rc = pm_send(c, "1.4", pm_pay_nodes, PP_NARGS, val, PP_OUT_TRADE_NO,
                      "integrate", "Direct_Payment", req, err)) != CT_OK)
        goto cleanup;
    {
        ct_kv tok = pm_kv_of("payment_token_id",
                             pm_get(detail, "payment_token_id", NULL));
        const json_t *cvv =
            pm_get(pm_get(detail, "card_info", NULL), "cvv", NULL);
        ct_kv cv = pm_kv_of("cvv", cvv);
        /* the token is a payment credential: redacted like the CVV */
        if ((rc = ct_request_set_secrets(req, NULL, cvv ? &cv : &tok, err)) ==
                CT_OK &&
            (cvv == NULL ||
             (rc = ct_request_set_token(req, &tok, err)) == CT_OK))
            rc = ct_request_set_echo(req, val[PP_OUT_TRADE_NO].v, NULL, err);
    }
cleanup:
    pm_values_free(val, PP_NARGS);
    return rc;
}

/* card_info of a CARD binding: the seed calls' card checks; a 4-digit
 * year is sent as its last two digits (§2.2). */
static ct_err pm_apply_card(ct_client *c, json_t *card, ct_kv *pan, ct_kv *cvv,
                            ct_error *err)
{
    const json_t *m = pm_get(card, "card_expiration_month", NULL);
    const json_t *y = pm_get(card, "card_expiration_year", NULL);
    ct_kv month = pm_kv_of("card_info.card_expiration_month", m);
    ct_kv year = pm_kv_of("card_info.card_expiration_year", y);
    char full[5] = "20";
    ct_kv year4 = {"card_info.card_expiration_year", full, 4};
    ct_err rc;

    *pan = pm_kv_of("card_info.card_identifier_no",
                    pm_get(card, "card_identifier_no", NULL));
    *cvv = pm_kv_of("card_info.cvv", pm_get(card, "cvv", NULL));
    if ((rc = ct_check_card_number(pan, pan->name, err)) != CT_OK ||
        (rc = ct_check_cvv(cvv, cvv->name, err)) != CT_OK ||
        (rc = ct_check_month(&month, month.name, err)) != CT_OK)
        return rc;
    if (year.len == 4 && ct_all_digits(year.value, 4))
        memcpy(full, year.value, 4);
    else if (year.len == 2 && ct_all_digits(year.value, 2))
        memcpy(full + 2, year.value, 2);
    else
        return ct_fail(err, CT_ERR_VALIDATION, year.name,
                       "%s must be a 2- or 4-digit year", year.name);
    if (ct_check_expiry(c, &month, &year4, err) != CT_OK)
        return ct_fail(err, CT_ERR_VALIDATION, year.name,
                       "%s: the card has expired, or its year lies more than "
                       "%d years ahead",
                       year.name, CT_MAX_EXPIRY_YEARS);
    if (year.len == 4 && json_object_set_new(card, "card_expiration_year",
                                             json_stringn(full + 2, 2)) != 0)
        return ct_fail_nomem(err);
    return CT_OK;
}

static ct_err pm_apply_build(ct_client *c, const ct_op_desc *op,
                             const ct_args *a, ct_request *req, ct_error *err)
{
    pm_value val[PA_NARGS];
    const ct_kv *method;
    ct_kv pan, cvv;
    int card;
    ct_err rc;

    CT_UNUSED(op);
    if ((rc = pm_read_args(pm_apply_nodes, PA_NARGS, a, val, err)) != CT_OK)
        goto cleanup;
    method = val[PA_METHOD].v;
    card = method->len == 4 && memcmp(method->value, "CARD", 4) == 0;
    if (card && val[PA_CARD].j == NULL) {
        rc = ct_fail(err, CT_ERR_VALIDATION, "card_info",
                     "card_info is required when payment_method_type is CARD");
        goto cleanup;
    }
    if (card && val[PA_TARGET].v != NULL) {
        rc = ct_fail(err, CT_ERR_VALIDATION, "target_org",
                     "target_org is not sent for CARD");
        goto cleanup;
    }
    if (val[PA_CARD].j != NULL &&
        (rc = pm_apply_card(c, val[PA_CARD].j, &pan, &cvv, err)) != CT_OK)
        goto cleanup;
    if ((rc = pm_send(c, "1.4", pm_apply_nodes, PA_NARGS, val, 5, "tokenScope",
                      "tokenAcq", req, err)) != CT_OK)
        goto cleanup;
    if (val[PA_CARD].j != NULL &&
        (rc = ct_request_set_secrets(req, &pan, &cvv, err)) != CT_OK)
        goto cleanup;
    rc = ct_request_set_echo(req, val[PA_REQUEST_ID].v, NULL, err);
cleanup:
    pm_values_free(val, PA_NARGS);
    return rc;
}

/* A call of text arguments: the first is echoed (and, when `echo2`, the
 * argument of that index as the second key); `konst` after member `at`. */
static ct_err pm_plain(ct_client *c, const char *version, const pm_node *nodes,
                       size_t n, const ct_args *a, size_t at, const char *kname,
                       const char *kvalue, int echo2, ct_request *req,
                       ct_error *err)
{
    pm_value val[8];
    ct_err rc;

    if ((rc = pm_read_args(nodes, n, a, val, err)) == CT_OK &&
        (rc = pm_send(c, version, nodes, n, val, at, kname, kvalue, req,
                      err)) == CT_OK)
        rc = ct_request_set_echo(req, val[0].v, echo2 ? val[echo2].v : NULL,
                                 err);
    pm_values_free(val, n);
    return rc;
}

static ct_err pm_inquire_apply_build(ct_client *c, const ct_op_desc *op,
                                     const ct_args *a, ct_request *req,
                                     ct_error *err)
{
    CT_UNUSED(op);
    return pm_plain(c, "1.4", pm_inquire_apply_nodes,
                    CT_ARRAY_LEN(pm_inquire_apply_nodes), a, 0, "tokenScope",
                    "tokenAcq", 1, req, err);
}

static ct_err pm_remove_build(ct_client *c, const ct_op_desc *op,
                              const ct_args *a, ct_request *req, ct_error *err)
{
    ct_err rc;
    CT_UNUSED(op);
    rc = pm_plain(c, "1.2", pm_remove_nodes, CT_ARRAY_LEN(pm_remove_nodes), a,
                  0, NULL, NULL, 1, req, err);
    return rc == CT_OK
               ? ct_request_set_secrets(
                     req, NULL, ct_kv_get(&a->kv, "payment_token_id"), err)
               : rc;
}

static ct_err pm_query_build(ct_client *c, const ct_op_desc *op,
                             const ct_args *a, ct_request *req, ct_error *err)
{
    ct_err rc = pm_check_trade_no(ct_kv_get(&a->kv, "out_trade_no"),
                                  "out_trade_no", err);
    CT_UNUSED(op);
    return rc != CT_OK ? rc
                       : pm_plain(c, "1.4", pm_query_nodes,
                                  CT_ARRAY_LEN(pm_query_nodes), a, 0, NULL,
                                  NULL, 0, req, err);
}

static ct_err pm_refund_build(ct_client *c, const ct_op_desc *op,
                              const ct_args *a, ct_request *req, ct_error *err)
{
    const ct_kv *amount = ct_kv_get(&a->kv, "refund_amount");
    const ct_kv *trade = ct_kv_get(&a->kv, "out_trade_no");
    const char *dot;
    ct_err rc;

    CT_UNUSED(op);
    if (trade == NULL && ct_kv_get(&a->kv, "trade_token") == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "out_trade_no",
                       "out_trade_no or trade_token is required");
    if ((rc = pm_check_trade_no(trade, "out_trade_no", err)) != CT_OK)
        return rc;
    if (amount != NULL && (dot = memchr(amount->value, '.', amount->len)) &&
        amount->len - (size_t)(dot - amount->value) - 1 > 4)
        return ct_fail(err, CT_ERR_VALIDATION, "refund_amount",
                       "refund_amount has at most 4 decimals");
    return pm_plain(c, "1.4", pm_refund_nodes, CT_ARRAY_LEN(pm_refund_nodes), a,
                    0, NULL, NULL, 0, req, err);
}

static ct_err pm_query_refund_build(ct_client *c, const ct_op_desc *op,
                                    const ct_args *a, ct_request *req,
                                    ct_error *err)
{
    CT_UNUSED(op);
    return pm_plain(c, "1.4", pm_query_refund_nodes,
                    CT_ARRAY_LEN(pm_query_refund_nodes), a, 0, NULL, NULL, 1,
                    req, err);
}

/* ------------------------------------------------------------------ */
/* The gateway's table: options, operations, notification inputs      */
/* ------------------------------------------------------------------ */

static const ct_param_desc pm_options[] = {
    CT_ARG("app_id", CT_TYPE_STRING, 1, "PayerMax application id"),
    CT_ARG("merchant_no", CT_TYPE_STRING, 1, "PayerMax merchant number"),
    CT_ARG("private_key", CT_TYPE_SECRET, 1, "the merchant's RSA key (PEM)"),
    CT_ARG("gateway_public_key", CT_TYPE_STRING, 1,
           "PayerMax's RSA public key (PEM)"),
    CT_ARG("key_version", CT_TYPE_STRING, 0, "keyVersion (default \"1\")"),
    CT_COMMON_OPTIONS};

static const ct_param_desc pm_notify[] = {
    CT_NOTIFY("body", "body", CT_TYPE_BYTES, 1, 1, "the raw posted body"),
    {.name = "sign",
     .php_name = "sign",
     .type = CT_TYPE_STRING,
     .required = 1,
     .nullable = 1,
     .doc = "the sign header (None when absent)"},
    CT_NOTIFY("max_age", "maxAge", CT_TYPE_FLOAT, 0, 0,
              "refuse a notifyTime more than this many seconds away")};

static const ct_env pm_envs[] = {
    {"sandbox", "https://pay-gate-uat.payermax.com"},
    {"production", "https://pay-gate.payermax.com"},
    {NULL, NULL}};

static const ct_op_desc pm_op_descs[] = {
    {.name = "inquire_payment_token",
     .php_name = "inquirePaymentToken",
     .result_name = "PaymentToken",
     .returns_list = 1,
     CT_ARGS(pm_inquire_args),
     CT_FIELDS(pm_token_fields),
     .doc = "Lists a user's payment tokens (inquirePaymentToken)."},
    {.name = "pay_with_token",
     .php_name = "payWithToken",
     .result_name = "Payment",
     CT_ARGS(pm_pay_args),
     CT_FIELDS(ct_payment_fields),
     .doc = "Pays with a payment token (orderAndPay, Direct_Payment)."},
    {.name = "apply_payment_token",
     .php_name = "applyPaymentToken",
     .result_name = "TokenApplication",
     CT_ARGS(pm_apply_args),
     CT_FIELDS(pm_application_fields),
     .doc = "Binds a card without a payment (applyPaymentToken)."},
    {.name = "inquire_apply_request",
     .php_name = "inquireApplyRequest",
     .result_name = "TokenApplication",
     CT_ARGS(pm_inquire_apply_args),
     CT_FIELDS(pm_application_fields),
     .doc = "Looks a binding up by request_id (InquireApplyRequest)."},
    {.name = "remove_payment_token",
     .php_name = "removePaymentToken",
     .result_name = "PaymentToken",
     CT_ARGS(pm_remove_args),
     CT_FIELDS(pm_token_fields),
     .doc = "Removes a payment token (removePaymentToken, version 1.2)."},
    {.name = "query_order",
     .php_name = "queryOrder",
     .result_name = "Payment",
     CT_ARGS(pm_query_args),
     CT_FIELDS(ct_payment_fields),
     .doc = "Looks an order up by out_trade_no (orderQuery)."},
    {.name = "refund",
     .php_name = "refund",
     .result_name = "Refund",
     CT_ARGS(pm_refund_args),
     CT_FIELDS(ct_refund_fields),
     .doc = "Refunds a payment, wholly or in part (refund)."},
    {.name = "query_refund",
     .php_name = "queryRefund",
     .result_name = "Refund",
     CT_ARGS(pm_query_refund_args),
     CT_FIELDS(ct_refund_fields),
     .doc = "Looks a refund up by out_refund_no (refundQuery)."}};

#define PM_PATH(api) "/aggregate-pay/api/gateway/" api

static const ct_op_impl pm_impl[] = {{.path = PM_PATH("inquirePaymentToken"),
                                      .build = pm_build,
                                      .parse = pm_parse},
                                     {.path = PM_PATH("orderAndPay"),
                                      .build = pm_pay_build,
                                      .parse = pm_parse_payment},
                                     {.path = PM_PATH("applyPaymentToken"),
                                      .build = pm_apply_build,
                                      .parse = pm_parse_application},
                                     {.path = PM_PATH("InquireApplyRequest"),
                                      .build = pm_inquire_apply_build,
                                      .parse = pm_parse_application},
                                     {.path = PM_PATH("removePaymentToken"),
                                      .build = pm_remove_build,
                                      .parse = pm_parse_remove},
                                     {.path = PM_PATH("orderQuery"),
                                      .build = pm_query_build,
                                      .parse = pm_parse_payment},
                                     {.path = PM_PATH("refund"),
                                      .build = pm_refund_build,
                                      .parse = pm_parse_refund},
                                     {.path = PM_PATH("refundQuery"),
                                      .build = pm_query_refund_build,
                                      .parse = pm_parse_refund}};

const ct_gateway_ops ct_payermax_ops =
    CT_GATEWAY_OPS(pm, CT_GW_PAYERMAX, "payermax", "PayerMax", 0,
                   "PayerMax payment tokens (SHA256withRSA-signed JSON).");
