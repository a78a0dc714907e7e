/* worldfirst.h - what worldfirst.c (the client, Antom signing, the seed
 * call, notifications) gives worldfirst_life.c (the World Card lifecycle
 * calls and the gateway table). Private to the core. */
#ifndef CT_WORLDFIRST_H
#define CT_WORLDFIRST_H

#include <jansson.h>
#include "client.h"
#include "http.h"
#include "keys.h"
#include "kv.h"
#include "options.h"
#include "registry.h"
#include "request.h"

/* The client's WorldFirst credentials and keyed contexts (ct_client.state). */
typedef struct wf_state {
    char *client_id;
    char *key_version;
    ct_rsa_keys keys;
    ct_client_secret access_token; /* Access-Token header; data NULL: none */
    char *connected_account_id;    /* Connected-AccountId; NULL: none */
} wf_state;

#define WF(c) ((wf_state *)(c)->state)

/* Reads retry_attempt (may be NULL) into req->retry_attempt. */
ct_err wf_retry_attempt(const ct_kv *attempt, ct_request *req, ct_error *err);
/* Signs req->body for req->path and adds Content-Type, Client-Id,
 * Request-Time and Signature, then, when `account` and the client has
 * them, the unsigned Access-Token (a secret header) and
 * Connected-AccountId. */
ct_err wf_sign_request(ct_client *c, ct_request *req, int account,
                       ct_error *err);
/* Verifies a response's signature over resp->path, parses it and reads
 * its result: S leaves the object in *root (json_decref by the caller);
 * F is CT_ERR_GATEWAY, U CT_ERR_RESULT_UNKNOWN with retry_after from
 * req->retry_attempt, anything else CT_ERR_PROTOCOL. */
ct_err wf_answer(ct_client *c, const ct_request *req, const ct_response *resp,
                 json_t **root, ct_error *err);

/* queryCardSensitiveInfo (worldfirst.c), for the operation table; its
 * answer is read by worldfirst_life.c as every other call's. */
#define WF_NQUERY_ARGS 2
#define WF_NQUERY_FIELDS 6
#define WF_PATH "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo"
extern const ct_param_desc wf_query_args[WF_NQUERY_ARGS];
extern const ct_result_field_desc wf_query_fields[WF_NQUERY_FIELDS];
ct_err wf_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                ct_request *req, ct_error *err);

/* The gateway's hooks (worldfirst.c), for ct_worldfirst_ops
 * (worldfirst_life.c). */
ct_err wf_configure(ct_client *c, const ct_kvlist *o, ct_error *err);
void wf_free_state(void *state);
ct_err wf_verify_notification(ct_client *c, const ct_notification *n,
                              ct_result **out, ct_error *err);
ct_err wf_ack(ct_client *c, const char *path, ct_request *req, ct_error *err);

#endif /* CT_WORLDFIRST_H */
