/* call.c - the public entry points of an operation (build, parse, call)
 * and of notifications, which check their inputs and dispatch to the
 * client's gateway. */
#include "arena.h"
#include "buf.h"
#include "call.h"
#include "check.h"
#include "client.h"
#include "errors.h"
#include "http.h"
#include "raw.h"
#include "registry.h"
#include "request.h"
#include "result.h"
#include "trace.h"
#include "transport.h"

#include <string.h>

/* The client's implementation of op; CT_ERR_VALIDATION naming "operation"
 * when op is NULL or another gateway's. */
static ct_err ct_resolve_op(const ct_client *c, const ct_op_desc *op,
                            const ct_op_impl **impl, ct_error *err)
{
    *impl = ct_op_impl_of(c->ops, op);
    if (*impl == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "operation",
                       "operation is not one of %s's operations",
                       c->ops->desc.class_name);
    return CT_OK;
}

/* The checks every entry point starts with: *out cleared, a live client,
 * the error tied to its gateway. */
static ct_err ct_enter(const ct_client *c, void *out, ct_error *err)
{
    ct_error_clear(err);
    if (out == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    if (c == NULL)
        return ct_fail(err, CT_ERR_CLOSED, NULL, "client is closed");
    ct_error_set_gateway(err, c->ops->desc.id);
    return CT_OK;
}

/* Starts an entry point: *out cleared, then ct_enter's checks. */
#define CT_ENTER(c, out, err)                                                  \
    do {                                                                       \
        ct_err enter_rc_;                                                      \
        if ((out) != NULL)                                                     \
            *(out) = NULL;                                                     \
        if ((enter_rc_ = ct_enter((c), (out), (err))) != CT_OK)                \
            return enter_rc_;                                                  \
    } while (0)

/* Moves a built request to *out, or frees it when rc (or its body) failed. */
static ct_err ct_finish_request(ct_request *req, ct_err rc, ct_request **out,
                                ct_error *err)
{
    if (rc == CT_OK && !ct_buf_ok(&req->body))
        rc = ct_fail_nomem(err);
    if (rc != CT_OK) {
        ct_request_free(req);
        return rc;
    }
    *out = req;
    return CT_OK;
}

ct_err ct_build(ct_client *c, const ct_op_desc *op, const ct_args *args,
                ct_request **out, ct_error *err)
{
    const ct_op_impl *impl;
    ct_request *req;
    ct_buf url;
    ct_err rc;

    CT_ENTER(c, out, err);
    if (args == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL arguments");
    if ((rc = ct_resolve_op(c, op, &impl, err)) != CT_OK ||
        (rc = ct_check_arg_names(op, args, err)) != CT_OK)
        return rc;
    ct_buf_init(&url);
    ct_buf_puts(&url, c->base_url);
    ct_buf_puts(&url, impl->path);
    req = ct_buf_ok(&url) ? ct_request_alloc("POST", url.data) : NULL;
    ct_buf_free(&url);
    if (req == NULL)
        return ct_fail_nomem(err);
    req->op = op;
    req->path = impl->path;
    rc = ct_doctor_keep_args(c, req, op, args, err);
    return ct_finish_request(
        req, rc == CT_OK ? impl->build(c, op, args, req, err) : rc, out, err);
}

ct_err ct_parse(ct_client *c, const ct_op_desc *op, const ct_request *req,
                int status, const ct_header *headers, size_t nheaders,
                const char *body, size_t len, ct_result **out, ct_error *err)
{
    const ct_op_impl *impl;
    ct_response resp;
    ct_arena arena;
    ct_err rc;

    CT_ENTER(c, out, err);
    if (op == NULL && req != NULL)
        op = req->op;
    if ((rc = ct_resolve_op(c, op, &impl, err)) != CT_OK)
        return rc;
    if (req != NULL && req->op != op)
        return ct_fail(err, CT_ERR_VALIDATION, "operation",
                       "the request was built for another operation");
    if (body == NULL && len > 0)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL body");
    resp.status = status;
    resp.headers = headers;
    resp.nheaders = nheaders;
    resp.body = body ? body : "";
    resp.len = len;
    resp.path = impl->path;
    if ((rc = ct_check_status(&resp, err)) != CT_OK)
        return rc;
    /* jansson's nodes come from one arena, wiped and freed once; the result
     * itself is allocated outside it (it outlives the call). */
    ct_arena_begin(&arena);
    rc = impl->parse(c, op, req, &resp, out, err);
    if (rc == CT_OK &&
        (rc = ct_raw_attach(op, *out, resp.body, resp.len, err)) != CT_OK) {
        ct_result_free(*out);
        *out = NULL;
    }
    ct_arena_end(&arena);
    if (rc != CT_OK && err != NULL && err->http_status == 0)
        err->http_status = status;
    return rc;
}

ct_err ct_call_finish(ct_client *c, const ct_op_desc *op, const ct_request *req,
                      const ct_http_reply *reply, ct_result **out,
                      ct_error *err)
{
    ct_err rc =
        ct_parse(c, op, req, reply->status, reply->headers, reply->nheaders,
                 reply->body.data, reply->body.len, out, err);
    /* The request reached the gateway: unless the gateway itself declined
     * it (a GatewayError) or refused it (HTTP 429), any failure leaves its
     * outcome unknown. */
    if (rc != CT_OK && rc != CT_ERR_GATEWAY && rc != CT_ERR_RATE_LIMITED)
        err->outcome_unknown = 1;
    return rc;
}

ct_err ct_call(ct_client *c, const ct_op_desc *op, const ct_args *args,
               ct_result **out, ct_error *err)
{
    return ct_call_observed(c, op, args, NULL, NULL, 0, out, err);
}

ct_err ct_call_observed(ct_client *c, const ct_op_desc *op, const ct_args *args,
                        ct_observer_fn fn, void *userp, int flags,
                        ct_result **out, ct_error *err)
{
    ct_request *req = NULL;
    ct_http_reply reply;
    ct_error local;
    ct_err rc;

    /* Every step reads back what it filled in: the code must not depend on
     * whether the caller asked for the details. */
    if (err == NULL)
        err = &local;
    memset(&reply, 0, sizeof(reply));
    if ((rc = ct_build(c, op, args, &req, err)) != CT_OK)
        return rc;
    req->observer = fn;
    req->observer_ud = userp;
    req->observer_flags = flags;
    rc = ct_transport_send(c, req, &reply, err);
    if (rc == CT_OK)
        rc = ct_call_finish(c, op, req, &reply, out, err);
    ct_trace_call(c, req, &reply, rc, err);
    ct_http_reply_free(&reply);
    ct_request_free(req);
    return rc;
}

ct_err ct_verify_notification(ct_client *c, const ct_notification *n,
                              ct_result **out, ct_error *err)
{
    int timed;

    CT_ENTER(c, out, err);
    if (n == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL notification");
    /* only notifications that carry a signed time take max_age */
    timed = ct_param_find(c->ops->desc.notify_params, c->ops->desc.nnotify,
                          "max_age") != NULL;
    if (n->max_age != 0 && (!(n->max_age > 0) || n->max_age > 1e9 || !timed))
        return ct_fail(err, CT_ERR_VALIDATION, "max_age",
                       "max_age must be a positive number of seconds, and "
                       "only %s",
                       timed ? "up to 1e9"
                             : "PayerMax and WorldFirst notifications carry a "
                               "time");
    if (n->body != NULL &&
        !ct_json_depth_ok(n->body, n->body_len, CT_JSON_MAX_DEPTH))
        return ct_fail(err, CT_ERR_PROTOCOL, "body",
                       "notification body is nested deeper than %d levels",
                       CT_JSON_MAX_DEPTH);
    if (n->fields_json != NULL &&
        !ct_json_depth_ok(n->fields_json, n->fields_json_len,
                          CT_JSON_MAX_DEPTH))
        return ct_fail(err, CT_ERR_VALIDATION, "fields",
                       "notification fields are nested deeper than %d levels",
                       CT_JSON_MAX_DEPTH);
    return c->ops->verify_notification(c, n, out, err);
}

ct_err ct_notification_ack(ct_client *c, const char *path, ct_request **out,
                           ct_error *err)
{
    ct_request *req;

    CT_ENTER(c, out, err);
    req = ct_request_alloc("", "");
    if (req == NULL)
        return ct_fail_nomem(err);
    return ct_finish_request(req, c->ops->ack(c, path, req, err), out, err);
}
