/* payermax.h - what payermax.c (the envelope, answers, the seed call and
 * notifications) gives payermax_life.c (the token lifecycle calls and the
 * gateway table) and payermax_wire.c (the data members). Private to the
 * core. */
#ifndef CT_PAYERMAX_H
#define CT_PAYERMAX_H

#include <jansson.h>
#include "buf.h"
#include "client.h"
#include "http.h"
#include "keys.h"
#include "kv.h"
#include "registry.h"
#include "request.h"

/* The client's PayerMax credentials and keyed contexts (ct_client.state). */
typedef struct pm_state {
    char *app_id;
    char *merchant_no;
    char *key_version;
    ct_rsa_keys keys;
} pm_state;

#define PM(c) ((pm_state *)(c)->state)

/* Writes {"version","keyVersion","requestTime","appId","merchantNo",
 * "data":<data>} into req->body, signs it (SHA256withRSA, header "sign")
 * and sets the Content-Type. `data` is the compact JSON of the data
 * object. */
ct_err pm_envelope(ct_client *c, const char *version, const ct_buf *data,
                   ct_request *req, ct_error *err);

/* Reads an answer {"code","msg","data"}: a present sign header must verify
 * over the raw body; a code other than APPLY_SUCCESS is CT_ERR_GATEWAY, or
 * CT_ERR_RESULT_UNKNOWN (retry_after null) for SYSTEM_ERROR,
 * REQUEST_TIMEOUT and UNEXPECTED_ERROR when `unknown`; a success must be
 * signed. *root (json_decref'd by the caller, also on error) is the body,
 * *data its "data" member (NULL when absent). */
ct_err pm_answer(ct_client *c, const ct_request *req, const ct_response *resp,
                 int unknown, json_t **root, const json_t **data,
                 ct_error *err);

/* The PaymentToken fields (record order), shared by inquire_payment_token
 * and remove_payment_token. */
#define PM_NTOKEN_FIELDS 12
extern const ct_result_field_desc pm_token_fields[PM_NTOKEN_FIELDS];

/* inquire_payment_token (payermax.c), for the operation table. */
#define PM_NINQUIRE_ARGS 7
extern const ct_param_desc pm_inquire_args[PM_NINQUIRE_ARGS];
ct_err pm_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                ct_request *req, ct_error *err);
ct_err pm_parse(ct_client *c, const ct_op_desc *op, const ct_request *req,
                const ct_response *resp, ct_result **out, ct_error *err);

/* The gateway's hooks (payermax.c), for ct_payermax_ops
 * (payermax_life.c). */
ct_err pm_configure(ct_client *c, const ct_kvlist *o, ct_error *err);
void pm_free_state(void *state);
ct_err pm_verify_notification(ct_client *c, const ct_notification *n,
                              ct_result **out, ct_error *err);
ct_err pm_ack(ct_client *c, const char *path, ct_request *req, ct_error *err);

#endif /* CT_PAYERMAX_H */
