/* payermax_parse.c - PayerMax's lifecycle answers (LIFECYCLE.md §2, §6.2):
 * the signed {"code","msg","data"} (pm_answer, payermax.c) read into a
 * Payment, Refund, TokenApplication or PaymentToken, with the status words
 * trimmed and normalized, amounts in their received text, and each answer
 * checked to be about its request. */
#include "errors.h"
#include "json.h"
#include "lifecycle.h"
#include "mem.h"
#include "payermax_life.h"
#include "raw.h"
#include "result.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Results: Payment and Refund are every gateway's (lifecycle.h);     */
/* TokenApplication is PayerMax's (API.md "Lifecycle results")         */
/* ------------------------------------------------------------------ */

enum {
    TA_REQUEST_ID,
    TA_STATUS,
    TA_GATEWAY_STATUS,
    TA_REDIRECT_URL,
    TA_TOKEN,
    TA_RAW
};

const ct_result_field_desc pm_application_fields[] = {
    [TA_REQUEST_ID] = CT_FIELD("request_id", CT_VAL_STRING, 1, 0,
                               "the apply_payment_token request_id"),
    [TA_STATUS] = CT_FIELD("status", CT_VAL_STRING, 0, 0,
                           "succeeded, pending, requires_action or failed"),
    [TA_GATEWAY_STATUS] = CT_FIELD("gateway_status", CT_VAL_STRING, 0, 0,
                                   "PayerMax's data.status"),
    [TA_REDIRECT_URL] = CT_FIELD("redirect_url", CT_VAL_STRING, 1, 0,
                                 "where to send the user when requires_action"),
    [TA_TOKEN] = CT_FIELD("payment_token_id", CT_VAL_STRING, 1, 1,
                          "the bound token (masked when printed)"),
    [TA_RAW] = CT_FIELD(CT_RAW_NAME, CT_VAL_JSON, 0, 0,
                        "the whole response object, card numbers and "
                        "credentials masked")};

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

typedef struct pm_word {
    const char *word;
    const char *status;
} pm_word;

static const pm_word pm_pay_words[] = {
    {"SUCCESS", "succeeded"}, {"FAILED", "failed"}, {"CLOSED", "canceled"}};
static const pm_word pm_refund_words[] = {{"REFUND_SUCCESS", "succeeded"},
                                          {"REFUND_FAILED", "failed"}};
static const pm_word pm_apply_words[] = {{"SUCCESS", "succeeded"},
                                         {"FAILED", "failed"}};

/* The status of s[0..n) (surrounding white space ignored) in w; NULL when
 * not listed (pending, never a final state). *pending: it is PENDING or
 * REFUND_PENDING. */
static const char *pm_status_of(const pm_word *w, size_t nw, const char *s,
                                size_t n, int *pending)
{
    size_t i;
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        n--;
    *pending = n == 7 && memcmp(s, "PENDING", 7) == 0;
    for (i = 0; i < nw; i++)
        if (strlen(w[i].word) == n && memcmp(w[i].word, s, n) == 0)
            return w[i].status;
    return NULL;
}

/* One record of `op`'s result, read from data (an object). */
typedef struct pm_reading {
    ct_result *res;
    ct_record *rec;
    ct_buf state; /* data.status */
    ct_buf url;   /* data.redirectUrl */
    int has_url;
} pm_reading;

static ct_err pm_begin(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       json_t **root, const json_t **data, pm_reading *r,
                       ct_error *err)
{
    int present;
    ct_err rc;

    memset(r, 0, sizeof(*r));
    ct_buf_init(&r->state);
    ct_buf_init(&r->url);
    if ((rc = pm_answer(c, req, resp, 1, root, data, err)) != CT_OK)
        return rc;
    if (!json_is_object(*data))
        return ct_fail(err, CT_ERR_PROTOCOL, "data",
                       "PayerMax success answer lacks the data object");
    if ((r->res = ct_result_alloc(op)) == NULL ||
        (r->rec = ct_result_add(r->res)) == NULL)
        return ct_fail_nomem(err);
    if (op->fields == pm_token_fields)
        return CT_OK;
    if ((rc = ct_json_text(*data, "status", 0, 0, &r->state, &present, err)) !=
            CT_OK ||
        (!present &&
         (rc = ct_fail(err, CT_ERR_PROTOCOL, "data.status",
                       "PayerMax answer lacks data.status")) != CT_OK) ||
        (rc = ct_json_text(*data, "redirectUrl", 0, 0, &r->url, &r->has_url,
                           err)) != CT_OK)
        return rc;
    r->has_url = r->has_url && r->url.len > 0;
    return CT_OK;
}

static ct_err pm_end(pm_reading *r, ct_err rc, json_t *root, ct_result **out)
{
    if (rc == CT_OK) {
        *out = r->res;
        r->res = NULL;
    }
    ct_result_free(r->res);
    ct_buf_free(&r->state);
    ct_buf_free(&r->url);
    json_decref(root);
    return rc;
}

/* status, gateway_status from data.status in table w; a PENDING with a
 * redirect is requires_action when `action`. */
static int pm_put_status(pm_reading *r, const ct_result_field_desc *st,
                         const ct_result_field_desc *gst, const pm_word *w,
                         size_t nw, int action)
{
    int pending;
    const char *s = pm_status_of(w, nw, r->state.data, r->state.len, &pending);
    if (s == NULL)
        s = action && pending && r->has_url ? "requires_action" : "pending";
    return ct_record_str(r->rec, st->name, s, strlen(s), 0) &&
           ct_record_str(r->rec, gst->name, r->state.data, r->state.len, 0);
}

static int pm_put_url(pm_reading *r, const ct_result_field_desc *f)
{
    return r->has_url
               ? ct_record_str(r->rec, f->name, r->url.data, r->url.len, 0)
               : ct_record_null(r->rec, f->name);
}

/* A money member keeps its received text (a JSON number as written, "10.50"
 * stays "10.50"): the raw text of data.<key> in the body. */
static ct_err pm_put_amount(pm_reading *r, const char *name,
                            const ct_response *resp, const json_t *data,
                            const char *key, ct_error *err)
{
    size_t ds, de, vs, ve;
    const json_t *v = json_object_get(data, key);
    ct_result_field_desc f = CT_FIELD(name, CT_VAL_STRING, 1, 0, "");
    if (json_is_number(v) &&
        ct_json_raw_member(resp->body, resp->len, "data", &ds, &de) &&
        ct_json_raw_member(resp->body + ds, de - ds, key, &vs, &ve))
        return ct_record_str(r->rec, name, resp->body + ds + vs, ve - vs, 0)
                   ? CT_OK
                   : ct_fail_nomem(err);
    return ct_record_json(r->rec, &f, data, key, 0, err);
}

/* The echoed key field i of the record must be what the request asked
 * (want NULL: not checked). */
static ct_err pm_echo(const pm_reading *r, size_t i, const char *want,
                      const char *where, ct_error *err)
{
    const ct_field *f = &r->rec->f[i];
    return ct_echo_check(want, f->str, f->len, f->type == CT_VAL_STRING,
                         "PayerMax", where, err);
}

/* The new token of an orderQuery: the first non-empty
 * paymentDetails[i].paymentTokenID, else its cardInfo.paymentTokenID. */
static const json_t *pm_detail_token(const json_t *data)
{
    const json_t *list = json_object_get(data, "paymentDetails"), *d, *t;
    size_t i;
    int pass;
    for (pass = 0; pass < 2; pass++)
        json_array_foreach(list, i, d)
        {
            t = pass == 0 ? json_object_get(d, "paymentTokenID")
                          : pm_get(d, "cardInfo", "paymentTokenID");
            if (json_is_string(t) && json_string_length(t) > 0)
                return t;
        }
    return NULL;
}

ct_err pm_parse_payment(ct_client *c, const ct_op_desc *op,
                        const ct_request *req, const ct_response *resp,
                        ct_result **out, ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    int query = strcmp(op->name, "query_order") == 0;
    json_t *root = NULL;
    const json_t *data = NULL, *tok;
    pm_reading r;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    if (rc != CT_OK)
        return pm_end(&r, rc, root, out);
    if (query)
        r.has_url = 0; /* not part of an orderQuery */
    if (!pm_put_status(&r, &f[CT_PF_STATUS], &f[CT_PF_GATEWAY_STATUS],
                       pm_pay_words, CT_ARRAY_LEN(pm_pay_words), 1))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    if ((rc = ct_record_json(r.rec, &f[CT_PF_ORDER_ID], data, "outTradeNo", 0,
                             err)) != CT_OK ||
        (rc = ct_record_json(r.rec, &f[CT_PF_TRADE_ID], data, "tradeToken", 0,
                             err)) != CT_OK ||
        (rc = pm_echo(&r, CT_PF_ORDER_ID, req ? req->echo : NULL,
                      "data.outTradeNo", err)) != CT_OK)
        return pm_end(&r, rc, root, out);
    if (query) {
        if ((rc = pm_put_amount(&r, f[CT_PF_AMOUNT].name, resp, data,
                                "totalAmount", err)) != CT_OK ||
            (rc = ct_record_json(r.rec, &f[CT_PF_CURRENCY], data, "currency", 0,
                                 err)) != CT_OK)
            return pm_end(&r, rc, root, out);
    } else if (!ct_record_null(r.rec, f[CT_PF_AMOUNT].name) ||
               !ct_record_null(r.rec, f[CT_PF_CURRENCY].name))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    tok = query ? pm_detail_token(data) : NULL;
    if (!pm_put_url(&r, &f[CT_PF_REDIRECT_URL]) ||
        !(tok ? ct_record_str(r.rec, f[CT_PF_TOKEN].name,
                              json_string_value(tok), json_string_length(tok),
                              1)
              : ct_record_null(r.rec, f[CT_PF_TOKEN].name)))
        rc = ct_fail_nomem(err);
    return pm_end(&r, rc, root, out);
}

ct_err pm_parse_application(ct_client *c, const ct_op_desc *op,
                            const ct_request *req, const ct_response *resp,
                            ct_result **out, ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    json_t *root = NULL;
    const json_t *data = NULL;
    pm_reading r;
    /* apply echoes request_id (echo); inquire user_id, request_id (holder) */
    const char *want = req ? (req->holder ? req->holder : req->echo) : NULL;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    if (rc == CT_OK &&
        (rc = ct_record_json(r.rec, &f[TA_REQUEST_ID], data, "requestId", 0,
                             err)) == CT_OK &&
        (rc = pm_echo(&r, TA_REQUEST_ID, want, "data.requestId", err)) ==
            CT_OK) {
        if (!pm_put_status(&r, &f[TA_STATUS], &f[TA_GATEWAY_STATUS],
                           pm_apply_words, CT_ARRAY_LEN(pm_apply_words), 1) ||
            !pm_put_url(&r, &f[TA_REDIRECT_URL]))
            rc = ct_fail_nomem(err);
        else
            rc = ct_record_json(r.rec, &f[TA_TOKEN], data, "paymentTokenID", 0,
                                err);
    }
    return pm_end(&r, rc, root, out);
}

/* removePaymentToken: a PaymentToken with the three members it carries. */
ct_err pm_parse_remove(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       ct_result **out, ct_error *err)
{
    static const char *const members[] = {"paymentTokenID", "userId", NULL,
                                          NULL, "paymentTokenStatus"};
    json_t *root = NULL;
    const json_t *data = NULL;
    pm_reading r;
    size_t i;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    for (i = 0; rc == CT_OK && i < op->nfields; i++)
        rc = i < CT_ARRAY_LEN(members) && members[i] != NULL
                 ? ct_record_json(r.rec, &op->fields[i], data, members[i],
                                  i == 4, err)
             : ct_record_null(r.rec, op->fields[i].name) ? CT_OK
                                                         : ct_fail_nomem(err);
    if (rc == CT_OK && (rc = pm_echo(&r, 1, req ? req->echo : NULL,
                                     "data.userId", err)) == CT_OK)
        rc = pm_echo(&r, 0, req ? req->holder : NULL, "data.paymentTokenID",
                     err);
    return pm_end(&r, rc, root, out);
}

/* refund and refundQuery. */
ct_err pm_parse_refund(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       ct_result **out, ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    int query = strcmp(op->name, "query_refund") == 0;
    json_t *root = NULL;
    const json_t *data = NULL;
    pm_reading r;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    if (rc != CT_OK)
        return pm_end(&r, rc, root, out);
    if (!pm_put_status(&r, &f[CT_RF_STATUS], &f[CT_RF_GATEWAY_STATUS],
                       pm_refund_words, CT_ARRAY_LEN(pm_refund_words), 0))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    if ((rc = ct_record_json(r.rec, &f[CT_RF_REFUND_ID], data, "refundTradeNo",
                             0, err)) != CT_OK ||
        (rc = ct_record_json(r.rec, &f[CT_RF_MERCHANT_REFUND_ID], data,
                             "outRefundNo", 0, err)) != CT_OK ||
        (rc = pm_echo(&r, CT_RF_MERCHANT_REFUND_ID, req ? req->echo : NULL,
                      "data.outRefundNo", err)) != CT_OK ||
        (rc = pm_echo(&r, CT_RF_REFUND_ID, req ? req->holder : NULL,
                      "data.refundTradeNo", err)) != CT_OK)
        return pm_end(&r, rc, root, out);
    if (!query) {
        if ((rc = ct_record_json(r.rec, &f[CT_RF_TRADE_ID], data,
                                 "tradeOrderNo", 0, err)) == CT_OK &&
            (!ct_record_null(r.rec, f[CT_RF_AMOUNT].name) ||
             !ct_record_null(r.rec, f[CT_RF_CURRENCY].name)))
            rc = ct_fail_nomem(err);
        return pm_end(&r, rc, root, out);
    }
    if (!ct_record_null(r.rec, f[CT_RF_TRADE_ID].name))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    /* the schema says refundAmount, the example totalAmount: read both */
    if ((rc = pm_put_amount(&r, f[CT_RF_AMOUNT].name, resp, data,
                            json_object_get(data, "refundAmount") != NULL
                                ? "refundAmount"
                                : "totalAmount",
                            err)) == CT_OK)
        rc = ct_record_json(r.rec, &f[CT_RF_CURRENCY], data, "refundCurrency",
                            0, err);
    return pm_end(&r, rc, root, out);
}
