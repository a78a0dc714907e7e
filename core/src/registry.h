/* registry.h - the gateway table: what each gateway declares (registry.c).
 * Private to the core. */
#ifndef CT_REGISTRY_H
#define CT_REGISTRY_H

#include "cardtoken.h"
#include "http.h"
#include "kv.h"
#include "mem.h" /* CT_ARRAY_LEN, in the table macros */

typedef struct ct_env {
    const char *name;
    const char *url;
} ct_env;

/* Description table entries (cardtoken.h's ct_param_desc and
 * ct_result_field_desc), written once in each gateway's file. (Macro
 * bodies are laid out by hand: clang-format releases disagree on them.) */
/* clang-format off */
#define CT_ARG(n, t, req, d)                                                   \
    {                                                                          \
        .name = (n), .php_name = (n), .type = (t), .required = (req),          \
        .secret = (t) == CT_TYPE_SECRET, .doc = (d)                            \
    }
#define CT_NOTIFY(n, php, t, req, sec, d)                                      \
    {                                                                          \
        .name = (n), .php_name = (php), .type = (t), .required = (req),        \
        .secret = (sec), .doc = (d)                                            \
    }
#define CT_FIELD(n, t, nul, sens, d)                                           \
    {                                                                          \
        .name = (n), .type = (t), .nullable = (nul), .sensitive = (sens),      \
        .doc = (d)                                                             \
    }
/* clang-format on */
/* The options every client takes (read by ct_configure_common), listed
 * after each gateway's own. */
#define CT_COMMON_OPTIONS                                                      \
    CT_ARG("environment", CT_TYPE_STRING, 0,                                   \
           "named host set; environment or base_url is required"),             \
        CT_ARG("base_url", CT_TYPE_STRING, 0,                                  \
               "scheme://host[:port] instead of an environment"),              \
        CT_ARG("timeout", CT_TYPE_FLOAT, 0,                                    \
               "seconds for the whole exchange (default 30)"),                 \
        CT_ARG("connect_timeout", CT_TYPE_FLOAT, 0,                            \
               "seconds to connect (default 10)"),                             \
        CT_ARG("ca_file", CT_TYPE_STRING, 0, "PEM file of trusted CAs"),       \
        CT_ARG("proxy", CT_TYPE_SECRET, 0,                                     \
               "proxy URL (may hold credentials)"),                            \
        CT_ARG("max_retries", CT_TYPE_INT, 0,                                  \
               "resends of calls that provably sent nothing (default 2)"),     \
        CT_ARG("persistent", CT_TYPE_BOOL, 0,                                  \
               "share connections with the process's other clients "           \
               "(default true, see the cache settings)"),                      \
        CT_ARG("fixed_time", CT_TYPE_STRING, 0,                                \
               "RFC 3339 time used as the clock (tests)")

/* The array members of a description, pointer and count together. */
#define CT_ARGS(a) .args = (a), .nargs = CT_ARRAY_LEN(a)
#define CT_FIELDS(f) .fields = (f), .nfields = CT_ARRAY_LEN(f)
#define CT_OPTIONS(o) .options = (o), .noptions = CT_ARRAY_LEN(o)
#define CT_OPS(o) .ops = (o), .nops = CT_ARRAY_LEN(o)
#define CT_NOTIFY_PARAMS(n) .notify_params = (n), .nnotify = CT_ARRAY_LEN(n)

/* A gateway's table entry from the parts its file declares under prefix p:
 * p_options, p_op_descs, p_notify, p_envs, p_impl (the operations' build and
 * parse, index for index with p_op_descs), p_configure, p_free_state,
 * p_verify_notification and p_ack. */
/* clang-format off */
#define CT_GATEWAY_OPS(p, ID, NAME, CLASS, ACK_SIGNED, DOC)                    \
    {                                                                          \
        .desc = {.id = (ID),                                                   \
                 .name = (NAME),                                               \
                 .class_name = (CLASS),                                        \
                 CT_OPTIONS(p##_options),                                      \
                 CT_OPS(p##_op_descs),                                         \
                 CT_NOTIFY_PARAMS(p##_notify),                                 \
                 .ack_signed = (ACK_SIGNED),                                   \
                 .doc = (DOC)},                                                \
        .envs = p##_envs, .impl = p##_impl, .configure = p##_configure,        \
        .free_state = p##_free_state,                                          \
        .verify_notification = p##_verify_notification, .ack = p##_ack,        \
    }
/* clang-format on */

/* How one operation runs: ops->impl[i] runs ops->desc.ops[i]. */
typedef struct ct_op_impl {
    const char *path; /* appended to the client's base_url */
    ct_err (*build)(ct_client *c, const ct_op_desc *op, const ct_args *args,
                    ct_request *req, ct_error *err);
    ct_err (*parse)(ct_client *c, const ct_op_desc *op, const ct_request *req,
                    const ct_response *resp, ct_result **out, ct_error *err);
} ct_op_impl;

typedef struct ct_gateway_ops {
    ct_gateway_desc desc; /* what the gateway offers (public) */
    const ct_env *envs;   /* named host sets, {NULL, NULL}-terminated */
    const ct_op_impl *impl;
    /* Reads and checks the gateway-specific options into the client. */
    ct_err (*configure)(ct_client *c, const ct_kvlist *opts, ct_error *err);
    /* Wipes and frees what configure left in c->state (never NULL). */
    void (*free_state)(void *state);
    ct_err (*verify_notification)(ct_client *c, const ct_notification *n,
                                  ct_result **out, ct_error *err);
    ct_err (*ack)(ct_client *c, const char *path, ct_request *req,
                  ct_error *err);
} ct_gateway_ops;

extern const ct_gateway_ops ct_pagsmile_ops;
extern const ct_gateway_ops ct_payermax_ops;
extern const ct_gateway_ops ct_yabandpay_ops;
extern const ct_gateway_ops ct_worldfirst_ops;

const ct_gateway_ops *ct_gateway_lookup(ct_gateway gw);
/* The implementation of op when op is one of gw's operations, else NULL. */
const ct_op_impl *ct_op_impl_of(const ct_gateway_ops *gw, const ct_op_desc *op);

#endif /* CT_REGISTRY_H */
