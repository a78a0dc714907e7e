/* yabandpay_life.c - the YabandPay token lifecycle (LIFECYCLE.md §3): pay
 * with the token of a notification (v3.CreateCardPayments, sub_pay_method
 * Token), v3.QueryOrder, v3.CreateRefund and v3.QueryRefundOrder, all at
 * POST /Payments, signed like the create call (yabandpay.c); and
 * YabandPay's gateway table (ct_yabandpay_ops), which names both units'
 * operations. */
#include "check.h"
#include "errors.h"
#include "json.h"
#include "lifecycle.h"
#include "mem.h"
#include "result.h"
#include "yabandpay.h"

#include <ctype.h>
#include <string.h>

/* pay_with_token: yb_pay_args[YP_x] is read into v[YP_x]; the optional
 * data members from YP_REDIRECT_URL on are sent in this order. */
enum {
    YP_OPERATION,
    YP_ORDER_ID,
    YP_AMOUNT,
    YP_CURRENCY,
    YP_TOKEN,
    YP_DESCRIPTION,
    YP_TOKEN_TYPE,
    YP_TIMEOUT,
    YP_NOTIFY_URL,
    YP_REQUEST_ID,
    YP_REDIRECT_URL,
    YP_3DS,
    YP_FORM_TYPE,
    YP_DEMO,
    YP_SCA,
    YP_NARGS
};

static const ct_param_desc yb_pay_args[] = {
    [YP_OPERATION] = CT_ARG("operation", CT_TYPE_STRING, 0,
                            "11 token for sales (default), 12 authorisation"),
    [YP_ORDER_ID] = YB_ARG_ORDER_ID,
    [YP_AMOUNT] = CT_ARG("amount", CT_TYPE_STRING, 1, "decimal text above 0"),
    [YP_CURRENCY] = YB_ARG_CURRENCY,
    [YP_TOKEN] = CT_ARG("payment_token_object", CT_TYPE_SECRET, 1,
                        "the token from the payment notification"),
    [YP_DESCRIPTION] = YB_ARG_DESCRIPTION,
    [YP_TOKEN_TYPE] = CT_ARG("token_type", CT_TYPE_STRING, 1, "CIT or MIT"),
    [YP_TIMEOUT] = YB_ARG_TIMEOUT,
    [YP_NOTIFY_URL] = YB_ARG_NOTIFY_URL,
    [YP_REQUEST_ID] = YB_ARG_REQUEST_ID,
    [YP_REDIRECT_URL] = YB_ARG_REDIRECT_URL,
    [YP_3DS] = YB_ARG_3DS,
    [YP_FORM_TYPE] = YB_ARG_FORM_TYPE,
    [YP_DEMO] = YB_ARG_DEMO,
    [YP_SCA] = YB_ARG_SCA};

static const ct_param_desc yb_query_args[] = {
    CT_ARG("trade_id", CT_TYPE_STRING, 1, "YabandPay's trade id")};

enum {
    YR_TRADE_ID,
    YR_M_REFUND_ID,
    YR_AMOUNT,
    YR_CURRENCY,
    YR_DESC,
    YR_NOTIFY
};

static const ct_param_desc yb_refund_args[] = {
    [YR_TRADE_ID] =
        CT_ARG("trade_id", CT_TYPE_STRING, 1, "YabandPay's trade id"),
    [YR_M_REFUND_ID] = CT_ARG("m_refund_id", CT_TYPE_STRING, 0,
                              "the merchant's refund number"),
    [YR_AMOUNT] = CT_ARG("refund_amount", CT_TYPE_STRING, 1,
                         "decimal text above 0; partial refunds allowed"),
    [YR_CURRENCY] =
        CT_ARG("refund_currency", CT_TYPE_STRING, 1, "ISO 4217 code"),
    [YR_DESC] =
        CT_ARG("refund_description", CT_TYPE_STRING, 1, "why it is refunded"),
    [YR_NOTIFY] = CT_ARG("notify_url", CT_TYPE_STRING, 0,
                         "where YabandPay posts the refund result")};

static const ct_param_desc yb_query_refund_args[] = {
    CT_ARG("refund_id", CT_TYPE_STRING, 1, "YabandPay's refund id")};

/* ------------------------------------------------------------------ */
/* Status words (LIFECYCLE.md §6.3)                                    */
/* ------------------------------------------------------------------ */

typedef struct yb_word {
    const char *word;
    const char *status;
} yb_word;

/* Payment states, by word or code, matched without regard to case. The
 * pending ones (pending, processing, verify) come last: their status may
 * become requires_action. */
static const yb_word yb_pay_words[] = {
    {"paid", "succeeded"},      {"00", "succeeded"},
    {"completed", "succeeded"}, {"authorized", "authorized"},
    {"01", "authorized"},       {"declined", "failed"},
    {"05", "failed"},           {"failed", "failed"},
    {"06", "failed"},           {"expired", "canceled"},
    {"07", "canceled"},         {"cancelled", "canceled"},
    {"canceled", "canceled"},   {"08", "canceled"},
    {"refunded", "refunded"}};

/* Refund states: words with space, '_' and '-' alike, or codes. */
static const yb_word yb_refund_words[] = {
    {"refunded", "succeeded"},   {"23", "succeeded"},
    {"refund failed", "failed"}, {"24", "failed"},
    {"refund error", "failed"},  {"25", "failed"}};

/* The status of state s[0..n) in table w; NULL when not listed (then it
 * is pending, never a final state). */
static const char *yb_status_of(const yb_word *w, size_t nw, const char *s,
                                size_t n, int seps_alike)
{
    size_t i, k;
    for (i = 0; i < nw; i++) {
        if (strlen(w[i].word) != n)
            continue;
        for (k = 0; k < n; k++) {
            int a = tolower((unsigned char)s[k]), b = w[i].word[k];
            if (seps_alike && (a == '_' || a == '-'))
                a = ' ';
            if (a != b)
                break;
        }
        if (k == n)
            return w[i].status;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

/* The arguments of op, in table order, into v[0..op->nargs). */
static void yb_args_of(const ct_op_desc *op, const ct_args *a, const ct_kv **v)
{
    size_t i;
    for (i = 0; i < op->nargs; i++)
        v[i] = ct_kv_get(&a->kv, op->args[i].name);
}

static ct_err yb_pay_validate(const ct_kv **v, long long *timeout,
                              ct_error *err)
{
    static const char *const ops[] = {"11", "12", NULL};
    static const char *const types[] = {"CIT", "MIT", NULL};
    static const char *const forms[] = {"01", "02", NULL};
    int zero = 0;
    ct_err rc;

    if (v[YP_OPERATION] &&
        ct_check_oneof(v[YP_OPERATION], "operation", ops, err) != CT_OK)
        return ct_fail(err, CT_ERR_VALIDATION, "operation",
                       "operation must be \"11\" (token for sales) or "
                       "\"12\" (token for authorisation)");
    if ((rc = ct_check_text(v[YP_ORDER_ID], "order_id", 64, 0, err)) != CT_OK ||
        (rc = v[YP_AMOUNT] ? yb_check_amount(v[YP_AMOUNT], "amount", &zero, err)
                           : ct_check_text(NULL, "amount", 1, 0, err)) != CT_OK)
        return rc;
    if (zero)
        return ct_fail(err, CT_ERR_VALIDATION, "amount",
                       "amount must be above 0 for a token payment");
    if ((rc = yb_check_currency(v[YP_CURRENCY], "currency", err)) != CT_OK ||
        (rc = ct_check_text(v[YP_TOKEN], "payment_token_object", 4096, 0,
                            err)) != CT_OK ||
        (rc = ct_check_text(v[YP_DESCRIPTION], "description", 256, 0, err)) !=
            CT_OK ||
        (rc = ct_check_oneof(v[YP_TOKEN_TYPE], "token_type", types, err)) !=
            CT_OK ||
        (rc = yb_check_timeout(v[YP_TIMEOUT], timeout, err)) != CT_OK ||
        (rc = ct_check_url(v[YP_NOTIFY_URL], "notify_url", 512, err)) !=
            CT_OK ||
        (v[YP_REQUEST_ID] &&
         (rc = yb_check_request_id(v[YP_REQUEST_ID], err)) != CT_OK) ||
        (v[YP_REDIRECT_URL] &&
         (rc = ct_check_url(v[YP_REDIRECT_URL], "redirect_url", 512, err)) !=
             CT_OK) ||
        (v[YP_3DS] && (rc = ct_check_oneof(v[YP_3DS], "three_ds_initiate",
                                           forms, err)) != CT_OK) ||
        (v[YP_FORM_TYPE] && (rc = ct_check_oneof(v[YP_FORM_TYPE], "form_type",
                                                 forms, err)) != CT_OK) ||
        (v[YP_DEMO] &&
         (rc = ct_check_text(v[YP_DEMO], "demo", 256, 1, err)) != CT_OK) ||
        (v[YP_SCA] &&
         (rc = ct_check_text(v[YP_SCA], "sca_exemption", 32, 1, err)) != CT_OK))
        return rc;
    return yb_check_low_value(v[YP_SCA], v[YP_3DS], v[YP_CURRENCY],
                              v[YP_AMOUNT], err);
}

static ct_err yb_pay_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                           ct_request *req, ct_error *err)
{
    const ct_kv *v[YP_NARGS];
    ct_pair p[YB_MAX_PAIRS];
    size_t n = 0;
    ct_buf tmo;
    long long timeout;
    ct_err rc;

    yb_args_of(op, a, v);
    if ((rc = yb_pay_validate(v, &timeout, err)) != CT_OK ||
        (rc = yb_request_id(v[YP_REQUEST_ID], req, err)) != CT_OK)
        return rc;
    ct_buf_init(&tmo);
    ct_buf_printf(&tmo, "%lld", timeout);
    if (!ct_buf_ok(&tmo))
        return ct_fail_nomem(err);
    YB_SET(p, n, "pay_method", "online", 6);
    YB_SET(p, n, "sub_pay_method", "Token", 5);
    YB_SET(p, n, "operation", v[YP_OPERATION] ? v[YP_OPERATION]->value : "11",
           v[YP_OPERATION] ? v[YP_OPERATION]->len : 2);
    for (size_t i = YP_ORDER_ID; i <= YP_TOKEN_TYPE; i++)
        YB_SET(p, n, op->args[i].name, v[i]->value, v[i]->len);
    YB_SET(p, n, "timeout", tmo.data, tmo.len);
    YB_SET(p, n, "notify_url", v[YP_NOTIFY_URL]->value, v[YP_NOTIFY_URL]->len);
    YB_SET(p, n, "request_id", req->request_id, strlen(req->request_id));
    n = yb_set_optional(p, n, v, yb_pay_args, YP_REDIRECT_URL, YP_NARGS);
    /* the token is a payment credential: redacted like a CVV ("***") */
    if ((rc = yb_envelope(c, "v3.CreateCardPayments", p, n, req, err)) ==
            CT_OK &&
        (rc = ct_request_set_secrets(req, NULL, v[YP_TOKEN], err)) == CT_OK)
        rc = ct_request_set_echo(req, v[YP_ORDER_ID], NULL, err);
    OPENSSL_cleanse(p, sizeof(p));
    ct_buf_free(&tmo);
    return rc;
}

/* A call whose data members are its arguments, in table order (the given
 * ones); the first argument is what the answer must echo. */
static ct_err yb_plain_build(ct_client *c, const ct_op_desc *op,
                             const char *method, const ct_args *a,
                             ct_request *req, ct_error *err)
{
    const ct_kv *v[8];
    ct_pair p[8];
    size_t n = 0, i;
    ct_err rc;

    yb_args_of(op, a, v);
    for (i = 0; i < op->nargs; i++)
        if (v[i] != NULL)
            YB_SET(p, n, op->args[i].name, v[i]->value, v[i]->len);
    rc = yb_envelope(c, method, p, n, req, err);
    return rc == CT_OK ? ct_request_set_echo(req, v[0], NULL, err) : rc;
}

/* An id sent as is: 1 to 64 printable characters. */
static ct_err yb_check_id(const ct_kv *v, const char *field, ct_error *err)
{
    return ct_check_text(v, field, 64, 0, err);
}

static ct_err yb_query_build(ct_client *c, const ct_op_desc *op,
                             const ct_args *a, ct_request *req, ct_error *err)
{
    ct_err rc = yb_check_id(ct_kv_get(&a->kv, "trade_id"), "trade_id", err);
    return rc != CT_OK ? rc
                       : yb_plain_build(c, op, "v3.QueryOrder", a, req, err);
}

static ct_err yb_refund_build(ct_client *c, const ct_op_desc *op,
                              const ct_args *a, ct_request *req, ct_error *err)
{
    const ct_kv *v[6];
    int zero = 0;
    ct_err rc;

    yb_args_of(op, a, v);
    if ((rc = yb_check_id(v[YR_TRADE_ID], "trade_id", err)) != CT_OK ||
        (v[YR_M_REFUND_ID] &&
         (rc = yb_check_id(v[YR_M_REFUND_ID], "m_refund_id", err)) != CT_OK) ||
        (rc = v[YR_AMOUNT]
                  ? yb_check_amount(v[YR_AMOUNT], "refund_amount", &zero, err)
                  : ct_check_text(NULL, "refund_amount", 1, 0, err)) != CT_OK)
        return rc;
    if (zero)
        return ct_fail(err, CT_ERR_VALIDATION, "refund_amount",
                       "refund_amount must be above 0");
    if ((rc = yb_check_currency(v[YR_CURRENCY], "refund_currency", err)) !=
            CT_OK ||
        (rc = ct_check_text(v[YR_DESC], "refund_description", 256, 0, err)) !=
            CT_OK ||
        (v[YR_NOTIFY] &&
         (rc = ct_check_url(v[YR_NOTIFY], "notify_url", 512, err)) != CT_OK))
        return rc;
    return yb_plain_build(c, op, "v3.CreateRefund", a, req, err);
}

static ct_err yb_query_refund_build(ct_client *c, const ct_op_desc *op,
                                    const ct_args *a, ct_request *req,
                                    ct_error *err)
{
    ct_err rc = yb_check_id(ct_kv_get(&a->kv, "refund_id"), "refund_id", err);
    return rc != CT_OK
               ? rc
               : yb_plain_build(c, op, "v3.QueryRefundOrder", a, req, err);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* The text of member key of obj (a string, or a number's text) into b;
 * *present 0 when absent or null. CT_ERR_PROTOCOL naming `where` when
 * required and absent. */
static ct_err yb_text(const json_t *obj, const char *key, int required,
                      const char *where, ct_buf *b, int *present, ct_error *err)
{
    ct_err rc = ct_json_text(obj, key, 0, 1, b, present, err);
    if (rc == CT_OK && required && !*present)
        rc = ct_fail(err, CT_ERR_PROTOCOL, where, "YabandPay answer lacks %s",
                     where);
    return rc;
}

/* One Payment from obj (data, or data.transaction_info); `action`: a url
 * with a pending state makes it requires_action (pay_with_token). The
 * answer must carry the order_id (pay) or trade_id (query) asked for. */
static ct_err yb_payment_of(const ct_op_desc *op, const ct_request *req,
                            const json_t *obj, const char *prefix, int action,
                            ct_result **out, ct_error *err)
{
    static const char *const keys[] = {"order_id", "trade_id", "amount",
                                       "currency"};
    const ct_result_field_desc *f = op->fields;
    ct_result *res = ct_result_alloc(op);
    ct_record *rec = res ? ct_result_add(res) : NULL;
    ct_buf state, url, echo;
    const char *status;
    char where[64];
    int present = 0, has_url = 0, ok;
    size_t i;
    ct_err rc;

    ct_buf_init(&state);
    ct_buf_init(&url);
    ct_buf_init(&echo);
    if (rec == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    snprintf(where, sizeof(where), "%sstate", prefix);
    if ((rc = yb_text(obj, "state", 1, where, &state, &present, err)) !=
            CT_OK ||
        (rc = yb_text(obj, "url", 0, "url", &url, &has_url, err)) != CT_OK)
        goto cleanup;
    status = yb_status_of(yb_pay_words, CT_ARRAY_LEN(yb_pay_words), state.data,
                          state.len, 0);
    has_url = action && has_url && url.len > 0 && status == NULL;
    if (status == NULL)
        status = has_url ? "requires_action" : "pending";
    ok = ct_record_str(rec, f[CT_PF_STATUS].name, status, strlen(status), 0) &&
         ct_record_str(rec, f[CT_PF_GATEWAY_STATUS].name, state.data, state.len,
                       0);
    if (!ok) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    for (i = 0; i < 4; i++)
        if ((rc = ct_record_json(rec, &f[CT_PF_ORDER_ID + i], obj, keys[i],
                                 i < 2, err)) != CT_OK)
            goto cleanup;
    /* the answer is about the order (pay) or trade (query) asked for */
    i = action ? CT_PF_ORDER_ID : CT_PF_TRADE_ID;
    snprintf(where, sizeof(where), "%s%s", prefix, keys[i - CT_PF_ORDER_ID]);
    if ((rc = ct_echo_check(req ? req->echo : NULL, rec->f[i].str,
                            rec->f[i].len, 1, "YabandPay", where, err)) !=
        CT_OK)
        goto cleanup;
    ok = has_url ? ct_record_str(rec, f[CT_PF_REDIRECT_URL].name, url.data,
                                 url.len, 0)
                 : ct_record_null(rec, f[CT_PF_REDIRECT_URL].name);
    if (!ok) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if ((rc = ct_record_json(rec, &f[CT_PF_TOKEN], obj, "payment_token_object",
                             0, err)) != CT_OK)
        goto cleanup;
    *out = res;
    res = NULL;
cleanup:
    ct_result_free(res);
    ct_buf_free(&state);
    ct_buf_free(&url);
    ct_buf_free(&echo);
    return rc;
}

static ct_err yb_pay_parse(ct_client *c, const ct_op_desc *op,
                           const ct_request *req, const ct_response *resp,
                           ct_result **out, ct_error *err)
{
    json_t *root;
    const json_t *data = NULL;
    ct_err rc = yb_answer(req, resp, "token", &root, &data, err);
    CT_UNUSED(c);
    if (rc == CT_OK)
        rc = yb_payment_of(op, req, data, "data.", 1, out, err);
    json_decref(root);
    return rc;
}

static ct_err yb_query_parse(ct_client *c, const ct_op_desc *op,
                             const ct_request *req, const ct_response *resp,
                             ct_result **out, ct_error *err)
{
    json_t *root;
    const json_t *data = NULL, *info;
    ct_err rc = yb_answer(req, resp, NULL, &root, &data, err);
    CT_UNUSED(c);
    if (rc == CT_OK) {
        info = json_object_get(data, "transaction_info");
        rc = json_is_object(info)
                 ? yb_payment_of(op, req, info, "data.transaction_info.", 0,
                                 out, err)
                 : ct_fail(err, CT_ERR_PROTOCOL, "data.transaction_info",
                           "YabandPay answer lacks data.transaction_info");
    }
    json_decref(root);
    return rc;
}

/* One Refund from data. `query`: the refund_id and state are required and
 * the refund_id must be the one asked for; else (refund) the trade_id, when
 * present, must be the one refunded, and no state means pending. */
static ct_err yb_refund_of(const ct_op_desc *op, const ct_request *req,
                           const json_t *data, int query, ct_result **out,
                           ct_error *err)
{
    static const char *const keys[] = {"refund_id", "m_refund_id", "trade_id",
                                       "refund_amount", "refund_currency"};
    const ct_result_field_desc *f = op->fields;
    ct_result *res = ct_result_alloc(op);
    ct_record *rec = res ? ct_result_add(res) : NULL;
    ct_buf state;
    const char *status;
    int present = 0, ok;
    size_t i, echo_i = query ? 2 : 4;
    ct_err rc;

    ct_buf_init(&state);
    if (rec == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if ((rc = yb_text(data, "state", query, "data.state", &state, &present,
                      err)) != CT_OK)
        goto cleanup;
    status = yb_status_of(yb_refund_words, CT_ARRAY_LEN(yb_refund_words),
                          state.data, state.len, 1);
    if (status == NULL)
        status = "pending";
    ok = ct_record_str(rec, f[0].name, status, strlen(status), 0) &&
         (present ? ct_record_str(rec, f[1].name, state.data, state.len, 0)
                  : ct_record_null(rec, f[1].name));
    if (!ok) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    for (i = 0; i < 5; i++)
        if ((rc = ct_record_json(rec, &f[2 + i], data, keys[i], query && i == 0,
                                 err)) != CT_OK)
            goto cleanup;
    /* query: refund_id (record field 2); refund: trade_id (4) if present */
    present = rec->f[echo_i].type == CT_VAL_STRING;
    if ((query || present) &&
        (rc = ct_echo_check(req ? req->echo : NULL, rec->f[echo_i].str,
                            rec->f[echo_i].len, present, "YabandPay",
                            query ? "data.refund_id" : "data.trade_id", err)) !=
            CT_OK)
        goto cleanup;
    *out = res;
    res = NULL;
cleanup:
    ct_result_free(res);
    ct_buf_free(&state);
    return rc;
}

/* refund and query_refund (query: the refund_id asked for is echoed). */
static ct_err yb_refund_parse(ct_client *c, const ct_op_desc *op,
                              const ct_request *req, const ct_response *resp,
                              ct_result **out, ct_error *err)
{
    json_t *root;
    const json_t *data = NULL;
    ct_err rc = yb_answer(req, resp, NULL, &root, &data, err);
    CT_UNUSED(c);
    if (rc == CT_OK)
        rc = yb_refund_of(op, req, data, strcmp(op->name, "query_refund") == 0,
                          out, err);
    json_decref(root);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The gateway's table: options, operations, notification inputs      */
/* ------------------------------------------------------------------ */

static const ct_param_desc yb_options[] = {
    CT_ARG("user", CT_TYPE_STRING, 1, "YabandPay user (merchant account)"),
    CT_ARG("secret_key", CT_TYPE_SECRET, 1, "the HMAC-SHA256 key"),
    CT_COMMON_OPTIONS};

static const ct_param_desc yb_notify[] = {
    CT_NOTIFY("body", "body", CT_TYPE_BYTES, 1, 1,
              "the raw JSON, or the form body resultData=<urlencoded>")};

static const ct_env yb_envs[] = {{"production", "https://mapi.yabandpay.com"},
                                 {NULL, NULL}};

static const ct_op_desc yb_op_descs[] = {
    {.name = "create_card_token",
     .php_name = "createCardToken",
     .result_name = "CardPayment",
     CT_ARGS(yb_token_args),
     CT_FIELDS(yb_payment_fields),
     .doc = "Tokenizes a card with a payment (v3.CreateCardPayments)."},
    {.name = "pay_with_token",
     .php_name = "payWithToken",
     .result_name = "Payment",
     CT_ARGS(yb_pay_args),
     CT_FIELDS(ct_payment_fields),
     .doc = "Pays with the token of a notification (v3.CreateCardPayments, "
            "Token)."},
    {.name = "query_order",
     .php_name = "queryOrder",
     .result_name = "Payment",
     CT_ARGS(yb_query_args),
     CT_FIELDS(ct_payment_fields),
     .doc = "Looks an order up by trade_id (v3.QueryOrder)."},
    {.name = "refund",
     .php_name = "refund",
     .result_name = "Refund",
     CT_ARGS(yb_refund_args),
     CT_FIELDS(ct_refund_fields),
     .doc = "Refunds a payment, wholly or in part (v3.CreateRefund)."},
    {.name = "query_refund",
     .php_name = "queryRefund",
     .result_name = "Refund",
     CT_ARGS(yb_query_refund_args),
     CT_FIELDS(ct_refund_fields),
     .doc = "Looks a refund up by refund_id (v3.QueryRefundOrder)."}};

static const ct_op_impl yb_impl[] = {
    {.path = "/Payments", .build = yb_build, .parse = yb_parse},
    {.path = "/Payments", .build = yb_pay_build, .parse = yb_pay_parse},
    {.path = "/Payments", .build = yb_query_build, .parse = yb_query_parse},
    {.path = "/Payments", .build = yb_refund_build, .parse = yb_refund_parse},
    {.path = "/Payments",
     .build = yb_query_refund_build,
     .parse = yb_refund_parse}};

const ct_gateway_ops ct_yabandpay_ops =
    CT_GATEWAY_OPS(yb, CT_GW_YABANDPAY, "yabandpay", "YabandPay", 0,
                   "YabandPay card payments (HMAC-SHA256-signed JSON).");
