/* yabandpay.h - what yabandpay.c (the create call, notifications) gives
 * yabandpay_life.c (the token lifecycle calls and the gateway table).
 * Private to the core. */
#ifndef CT_YABANDPAY_H
#define CT_YABANDPAY_H

#include <openssl/evp.h>
#include <jansson.h>
#include "canon.h"
#include "client.h"
#include "http.h"
#include "kv.h"
#include "options.h"
#include "registry.h"
#include "request.h"

/* The client's YabandPay credentials and keyed HMAC (ct_client.state). */
typedef struct yb_state {
    char *user;
    ct_client_secret secret_key;
    EVP_MAC_CTX *hmac_ctx; /* keyed once, copied per call */
} yb_state;

#define YB(c) ((yb_state *)(c)->state)

/* The most data members one call sends. */
#define YB_MAX_PAIRS 24

#define YB_SET(p, n, k, s, l)                                                  \
    ((p)[(n)++] = (ct_pair){(k), strlen(k), (s), (l), 0})

/* The arguments create_card_token and pay_with_token share. */
#define YB_ARG_ORDER_ID CT_ARG("order_id", CT_TYPE_STRING, 1, "the order id")
#define YB_ARG_CURRENCY CT_ARG("currency", CT_TYPE_STRING, 1, "ISO 4217 code")
#define YB_ARG_DESCRIPTION CT_ARG("description", CT_TYPE_STRING, 1, "the order")
#define YB_ARG_NOTIFY_URL                                                      \
    CT_ARG("notify_url", CT_TYPE_STRING, 1, "where YabandPay posts the result")
#define YB_ARG_TIMEOUT                                                         \
    CT_ARG("order_timeout", CT_TYPE_INT, 0, "minutes, 0 to 1440 (default 30)")
#define YB_ARG_REQUEST_ID                                                      \
    CT_ARG("request_id", CT_TYPE_STRING, 0, "generated when not given")
#define YB_ARG_REDIRECT_URL                                                    \
    CT_ARG("redirect_url", CT_TYPE_STRING, 0, "where the payer returns")
#define YB_ARG_3DS CT_ARG("three_ds_initiate", CT_TYPE_STRING, 0, "01 or 02")
#define YB_ARG_FORM_TYPE CT_ARG("form_type", CT_TYPE_STRING, 0, "01 or 02")
#define YB_ARG_DEMO CT_ARG("demo", CT_TYPE_STRING, 0, "free text")
#define YB_ARG_SCA CT_ARG("sca_exemption", CT_TYPE_STRING, 0, "e.g. LowValue")

/* Amount: ^[0-9]+(\.[0-9]{1,3})?$, named `field`. Sets *zero when 0. */
ct_err yb_check_amount(const ct_kv *v, const char *field, int *zero,
                       ct_error *err);
/* Three upper-case letters (required). */
ct_err yb_check_currency(const ct_kv *v, const char *field, ct_error *err);
/* order_timeout (absent: 30): 0 to 1440 minutes. */
ct_err yb_check_timeout(const ct_kv *v, long long *timeout, ct_error *err);
/* request_id: 1 to 64 letters and digits. */
ct_err yb_check_request_id(const ct_kv *r, ct_error *err);
/* The 3DS low-value exemption (three_ds_initiate 02 or sca_exemption
 * LowValue) only at or below the currency's limit; any may be NULL but
 * cur. */
ct_err yb_check_low_value(const ct_kv *sca, const ct_kv *tds, const ct_kv *cur,
                          const ct_kv *amount, ct_error *err);
/* req->request_id: the given one, or 32 random letters and digits. */
ct_err yb_request_id(const ct_kv *given, ct_request *req, ct_error *err);
/* Appends the given ones of v[from..to) as data members named as args
 * (three_ds_initiate on the wire as 3ds_initiate). Returns the new n. */
size_t yb_set_optional(ct_pair *p, size_t n, const ct_kv *const *v,
                       const ct_param_desc *args, size_t from, size_t to);
/* Signs user, method, time and the n data members p (sorted, empties
 * kept) and writes the body {"user","sign","method","time","data":{p}}
 * and its Content-Type into req. */
ct_err yb_envelope(ct_client *c, const char *method, const ct_pair *p, size_t n,
                   ct_request *req, ct_error *err);
/* Reads a synchronous answer: status false is CT_ERR_GATEWAY (with the
 * token advice when `hint` and the code is not a common one); else *data
 * is its data object. *root must be json_decref'd by the caller. */
ct_err yb_answer(const ct_request *req, const ct_response *resp,
                 const char *hint, json_t **root, const json_t **data,
                 ct_error *err);
/* 1 for the codes every call may answer (-1000, -403, -2001, -3001,
 * -4118, -4120). */
int yb_common_code(const char *code);

/* create_card_token (yabandpay.c), for the operation table. */
#define YB_NTOKEN_ARGS 20
#define YB_NPAYMENT_FIELDS 8
extern const ct_param_desc yb_token_args[YB_NTOKEN_ARGS];
extern const ct_result_field_desc yb_payment_fields[YB_NPAYMENT_FIELDS];
ct_err yb_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                ct_request *req, ct_error *err);
ct_err yb_parse(ct_client *c, const ct_op_desc *op, const ct_request *req,
                const ct_response *resp, ct_result **out, ct_error *err);

/* The gateway's hooks (yabandpay.c), for ct_yabandpay_ops
 * (yabandpay_life.c). */
ct_err yb_configure(ct_client *c, const ct_kvlist *o, ct_error *err);
void yb_free_state(void *state);
ct_err yb_verify_notification(ct_client *c, const ct_notification *n,
                              ct_result **out, ct_error *err);
ct_err yb_ack(ct_client *c, const char *path, ct_request *req, ct_error *err);

#endif /* CT_YABANDPAY_H */
