/* client.c - clients: options, the gateway table, and the generic
 * build / parse / call / notification entry points that dispatch to the
 * gateway files. */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/opensslv.h>
#include <openssl/crypto.h>

static const ct_gateway_ops *const ct_gateways[] = {
    &ct_pagsmile_ops, &ct_payermax_ops, &ct_yabandpay_ops, &ct_worldfirst_ops};

const ct_gateway_ops *ct_gateway_lookup(ct_gateway gw)
{
    size_t i;
    for (i = 0; i < CT_ARRAY_LEN(ct_gateways); i++)
        if (ct_gateways[i]->id == gw)
            return ct_gateways[i];
    return NULL;
}

const char *ct_gateway_name(ct_gateway gw)
{
    const ct_gateway_ops *ops = ct_gateway_lookup(gw);
    return ops ? ops->name : "";
}

const char *ct_gateway_op_name(ct_gateway gw)
{
    const ct_gateway_ops *ops = ct_gateway_lookup(gw);
    return ops ? ops->op_name : "";
}

const char *ct_gateway_result_name(ct_gateway gw)
{
    const ct_gateway_ops *ops = ct_gateway_lookup(gw);
    return ops ? ops->result_name : "";
}

/* Options every client takes. */
static const ct_spec ct_common_options[] = {
    {"environment", CT_TYPE_STRING}, {"base_url", CT_TYPE_STRING},
    {"timeout", CT_TYPE_FLOAT},      {"connect_timeout", CT_TYPE_FLOAT},
    {"ca_file", CT_TYPE_STRING},     {"proxy", CT_TYPE_SECRET},
    {"max_retries", CT_TYPE_INT},    {"fixed_time", CT_TYPE_STRING},
    {NULL, CT_TYPE_UNKNOWN}};

static ct_type ct_spec_type(const ct_spec *spec, const char *name)
{
    size_t i;
    for (i = 0; spec != NULL && spec[i].name != NULL; i++)
        if (strcmp(spec[i].name, name) == 0)
            return spec[i].type;
    return CT_TYPE_UNKNOWN;
}

ct_type ct_option_type(ct_gateway gw, const char *name)
{
    const ct_gateway_ops *ops = ct_gateway_lookup(gw);
    ct_type t;
    if (ops == NULL || name == NULL)
        return CT_TYPE_UNKNOWN;
    t = ct_spec_type(ct_common_options, name);
    return t != CT_TYPE_UNKNOWN ? t : ct_spec_type(ops->options, name);
}

ct_type ct_arg_type(ct_gateway gw, const char *name)
{
    const ct_gateway_ops *ops = ct_gateway_lookup(gw);
    if (ops == NULL || name == NULL)
        return CT_TYPE_UNKNOWN;
    return ct_spec_type(ops->args, name);
}

/* ---- library ------------------------------------------------------- */

static pthread_once_t ct_once = PTHREAD_ONCE_INIT;
static CURLcode ct_curl_init_rc = CURLE_OK;

static void ct_do_global_init(void)
{
    /* jansson and libcurl hold response bodies (card numbers, CVVs): give
     * them an allocator that wipes on free. */
    json_set_alloc_funcs(ct_wipe_malloc, ct_wipe_free);
    if (!ct_crypto_init()) {
        ct_curl_init_rc = CURLE_FAILED_INIT;
        return;
    }
    ct_fork_init();
    ct_curl_init_rc =
        curl_global_init_mem(CURL_GLOBAL_DEFAULT, ct_wipe_malloc, ct_wipe_free,
                             ct_wipe_realloc, ct_wipe_strdup, ct_wipe_calloc);
}

ct_err ct_global_init(void)
{
    pthread_once(&ct_once, ct_do_global_init);
    return ct_curl_init_rc == CURLE_OK ? CT_OK : CT_ERR_INTERNAL;
}

const char *ct_version(void)
{
    return CT_VERSION;
}

const char *ct_curl_version(void)
{
    return curl_version_info(CURLVERSION_NOW)->version;
}

const char *ct_openssl_version(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

/* ---- options -------------------------------------------------------- */

ct_err ct_opt_text(const ct_kvlist *opts, const char *name, size_t max,
                   int required, const char *dflt, char **dst, ct_error *err)
{
    const ct_kv *v = ct_kv_get(opts, name);
    long chars;
    if (v == NULL || v->len == 0) {
        if (required)
            return ct_fail(err, CT_ERR_CONFIG, name, "option %s is required",
                           name);
        if (dflt == NULL)
            return CT_OK;
        *dst = ct_strdup(dflt);
        return *dst ? CT_OK : ct_fail_nomem(err);
    }
    chars = ct_utf8_chars(v->value, v->len);
    if (chars < 0 || (size_t)chars > max)
        return ct_fail(err, CT_ERR_CONFIG, name,
                       "option %s must be text of at most %zu characters", name,
                       max);
    *dst = ct_strndup(v->value, v->len);
    return *dst ? CT_OK : ct_fail_nomem(err);
}

ct_err ct_opt_secret(const ct_kvlist *opts, const char *name,
                     ct_client_secret *dst, ct_error *err)
{
    const ct_kv *v = ct_kv_get(opts, name);
    if (v == NULL || v->len == 0)
        return ct_fail(err, CT_ERR_CONFIG, name, "option %s is required", name);
    dst->data = ct_strndup(v->value, v->len);
    if (dst->data == NULL)
        return ct_fail_nomem(err);
    dst->len = v->len;
    return CT_OK;
}

ct_err ct_opt_private_key(const ct_kvlist *opts, const char *name,
                          EVP_PKEY **dst, ct_error *err)
{
    const ct_kv *v = ct_kv_get(opts, name);
    if (v == NULL || v->len == 0)
        return ct_fail(err, CT_ERR_CONFIG, name, "option %s is required", name);
    return ct_load_private_key(v->value, v->len, name, dst, err);
}

ct_err ct_opt_public_key(const ct_kvlist *opts, const char *name,
                         EVP_PKEY **dst, ct_error *err)
{
    const ct_kv *v = ct_kv_get(opts, name);
    if (v == NULL || v->len == 0)
        return ct_fail(err, CT_ERR_CONFIG, name, "option %s is required", name);
    return ct_load_public_key(v->value, v->len, name, dst, err);
}

static ct_err ct_opt_number(const ct_kvlist *opts, const char *name,
                            double dflt, double lo, double hi, double *dst,
                            ct_error *err)
{
    const ct_kv *v = ct_kv_get(opts, name);
    char *end = NULL;
    double d;
    *dst = dflt;
    if (v == NULL)
        return CT_OK;
    errno = 0;
    d = strtod(v->value, &end);
    if (v->len == 0 || errno != 0 || end != v->value + v->len || !isfinite(d) ||
        d < lo || d > hi)
        return ct_fail(err, CT_ERR_CONFIG, name,
                       "option %s must be a number from %g to %g", name, lo,
                       hi);
    *dst = d;
    return CT_OK;
}

static ct_err ct_configure_common(ct_client *c, const ct_kvlist *o,
                                  ct_error *err)
{
    const ct_kv *env = ct_kv_get(o, "environment");
    const ct_kv *base = ct_kv_get(o, "base_url");
    const ct_kv *v;
    double retries;
    ct_err rc;

    if (base != NULL && base->len > 0) {
        rc = ct_set_base_url(c, base->value, base->len, err);
        if (rc != CT_OK)
            return rc;
    } else if (env != NULL && env->len > 0) {
        const ct_env *e;
        for (e = c->ops->envs; e->name != NULL; e++)
            if (strlen(e->name) == env->len &&
                memcmp(e->name, env->value, env->len) == 0)
                break;
        if (e->name == NULL)
            return ct_fail(err, CT_ERR_CONFIG, "environment",
                           "environment is not one of %s's host sets",
                           c->ops->name);
        c->base_url = ct_strdup(e->url);
        if (c->base_url == NULL)
            return ct_fail_nomem(err);
    } else {
        return ct_fail(err, CT_ERR_CONFIG, "environment",
                       "environment or base_url is required (never defaulted "
                       "to production)");
    }
    if ((rc = ct_opt_number(o, "timeout", 30, 0.001, 86400, &c->timeout,
                            err)) != CT_OK ||
        (rc = ct_opt_number(o, "connect_timeout", 10, 0.001, 86400,
                            &c->connect_timeout, err)) != CT_OK ||
        (rc = ct_opt_number(o, "max_retries", 2, 0, 10, &retries, err)) !=
            CT_OK)
        return rc;
    c->max_retries = (int)retries;
    if (retries != (double)c->max_retries)
        return ct_fail(err, CT_ERR_CONFIG, "max_retries",
                       "option max_retries must be an integer from 0 to 10");
    v = ct_kv_get(o, "ca_file");
    if (v != NULL && v->len > 0) {
        if (memchr(v->value, '\0', v->len) != NULL ||
            access(v->value, R_OK) != 0)
            return ct_fail(err, CT_ERR_CONFIG, "ca_file",
                           "option ca_file is not a readable file");
        if ((c->ca_file = ct_strndup(v->value, v->len)) == NULL)
            return ct_fail_nomem(err);
    }
    v = ct_kv_get(o, "proxy");
    if (v != NULL && v->len > 0) {
        if ((rc = ct_check_proxy(v->value, v->len, err)) != CT_OK)
            return rc;
        if ((c->proxy = ct_strndup(v->value, v->len)) == NULL)
            return ct_fail_nomem(err);
    }
    if (c->proxy != NULL && strncasecmp(c->base_url, "http://", 7) == 0)
        return ct_fail(err, CT_ERR_CONFIG, "proxy",
                       "option proxy cannot be used with an http:// base_url "
                       "(card data would cross the proxy in clear)");
    v = ct_kv_get(o, "fixed_time");
    if (v != NULL && v->len > 0) {
        if (!ct_parse_rfc3339(v->value, v->len, &c->fixed_time))
            return ct_fail(err, CT_ERR_CONFIG, "fixed_time",
                           "option fixed_time must be RFC 3339 with an offset");
        c->fixed_clock = 1;
    }
    return CT_OK;
}

void ct_client_now(const ct_client *c, ct_time *t)
{
    struct timespec ts;
    if (c->fixed_clock) {
        *t = c->fixed_time;
        return;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    t->unix_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    t->offset_min = 0;
}

ct_err ct_client_new(const ct_config *cfg, ct_client **out, ct_error *err)
{
    ct_client *c;
    ct_err rc;
    ct_buf url;

    ct_error_clear(err);
    if (out == NULL || cfg == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    ct_error_set_gateway(err, cfg->gw);
    c = ct_calloc(1, sizeof(*c));
    if (c == NULL)
        return ct_fail_nomem(err);
    c->ops = ct_gateway_lookup(cfg->gw);
    if ((rc = ct_configure_common(c, &cfg->kv, err)) != CT_OK ||
        (rc = c->ops->configure(c, &cfg->kv, err)) != CT_OK)
        goto fail;
    /* Key the signing contexts once; each call works on a copy. */
    if ((c->private_key != NULL &&
         (c->sign_ctx = ct_sign_template(c->private_key, 1)) == NULL) ||
        (c->gateway_public_key != NULL &&
         (c->verify_ctx = ct_sign_template(c->gateway_public_key, 0)) ==
             NULL)) {
        rc = ct_fail(err, CT_ERR_KEY,
                     c->sign_ctx ? "gateway_public_key" : "private_key",
                     "the key cannot be used for SHA256withRSA");
        goto fail;
    }
    ct_buf_init(&url);
    ct_buf_puts(&url, c->base_url);
    ct_buf_puts(&url, c->ops->path);
    c->path_url = ct_buf_detach(&url, NULL);
    if (c->path_url == NULL) {
        rc = ct_fail_nomem(err);
        goto fail;
    }
    if ((rc = ct_transport_new(c, &c->transport, err)) != CT_OK)
        goto fail;
    *out = c;
    return CT_OK;
fail:
    ct_client_free(c);
    return rc;
}

void ct_client_free(ct_client *c)
{
    if (c == NULL)
        return;
    ct_transport_free(c->transport);
    ct_free_str(c->base_url);
    ct_free_str(c->path_url);
    ct_free_str(c->ca_file);
    ct_free_str(c->proxy);
    ct_free_str(c->merchant_no);
    ct_free_str(c->app_id);
    ct_free_str(c->user);
    ct_free_str(c->client_id);
    ct_free_str(c->key_version);
    ct_free_secret(c->secret.data, c->secret.len);
    EVP_MD_CTX_free(c->sign_ctx);
    EVP_MD_CTX_free(c->verify_ctx);
    EVP_MAC_CTX_free(c->hmac_ctx);
    EVP_PKEY_free(c->private_key);
    EVP_PKEY_free(c->gateway_public_key);
    ct_free_secret(c, sizeof(*c));
}

ct_gateway ct_client_gateway(const ct_client *c)
{
    return c ? c->ops->id : (ct_gateway)0;
}

/* ---- operations ----------------------------------------------------- */

ct_err ct_build(ct_client *c, const ct_args *args, ct_request **out,
                ct_error *err)
{
    ct_request *req;
    ct_err rc;

    ct_error_clear(err);
    if (out == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    if (c == NULL)
        return ct_fail(err, CT_ERR_CLOSED, NULL, "client is closed");
    ct_error_set_gateway(err, c->ops->id);
    if (args == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL arguments");
    if ((rc = ct_check_arg_names(c->ops->id, args, err)) != CT_OK)
        return rc;
    req = ct_request_alloc("POST", c->path_url);
    if (req == NULL)
        return ct_fail_nomem(err);
    if ((rc = c->ops->build(c, args, req, err)) != CT_OK)
        goto fail;
    if (!ct_buf_ok(&req->body)) {
        rc = ct_fail_nomem(err);
        goto fail;
    }
    *out = req;
    return CT_OK;
fail:
    ct_request_free(req);
    return rc;
}

const ct_header *ct_find_header(const ct_header *h, size_t n, const char *name)
{
    size_t i, len = strlen(name);
    for (i = 0; i < n; i++)
        if (h[i].name_len == len && strncasecmp(h[i].name, name, len) == 0)
            return &h[i];
    return NULL;
}

ct_err ct_check_status(const ct_response *resp, ct_error *err)
{
    ct_err rc;
    if (resp->status == 200)
        return CT_OK;
    if (resp->status >= 300 && resp->status < 400) {
        rc = ct_fail(err, CT_ERR_REDIRECT, NULL,
                     "gateway answered HTTP %d (redirects are never followed)",
                     resp->status);
    } else if (resp->status == 429) {
        const ct_header *h =
            ct_find_header(resp->headers, resp->nheaders, "Retry-After");
        rc = ct_fail(err, CT_ERR_RATE_LIMITED, NULL,
                     "gateway answered HTTP 429 (too many requests)");
        if (h != NULL) {
            long long secs;
            size_t vl = h->value_len;
            while (vl > 0 &&
                   (h->value[vl - 1] == ' ' || h->value[vl - 1] == '\r'))
                vl--;
            if (ct_parse_uint(h->value, vl, &secs) && err != NULL)
                err->retry_after = (double)secs;
        }
    } else if (resp->status >= 500 && resp->status < 600) {
        rc = ct_fail(err, CT_ERR_SERVER, NULL, "gateway answered HTTP %d",
                     resp->status);
    } else {
        rc = ct_fail(err, CT_ERR_HTTP_STATUS, NULL,
                     "gateway answered unexpected HTTP %d", resp->status);
    }
    if (err != NULL)
        err->http_status = resp->status;
    return rc;
}

ct_err ct_parse(ct_client *c, const ct_request *req, int status,
                const ct_header *headers, size_t nheaders, const char *body,
                size_t len, ct_result **out, ct_error *err)
{
    ct_response resp;
    ct_err rc;

    ct_error_clear(err);
    if (out == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    if (c == NULL)
        return ct_fail(err, CT_ERR_CLOSED, NULL, "client is closed");
    ct_error_set_gateway(err, c->ops->id);
    if (body == NULL && len > 0)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL body");
    resp.status = status;
    resp.headers = headers;
    resp.nheaders = nheaders;
    resp.body = body ? body : "";
    resp.len = len;
    if ((rc = ct_check_status(&resp, err)) != CT_OK)
        return rc;
    rc = c->ops->parse(c, req, &resp, out, err);
    if (rc != CT_OK && err != NULL && err->http_status == 0)
        err->http_status = status;
    return rc;
}

ct_err ct_call(ct_client *c, const ct_args *args, ct_result **out,
               ct_error *err)
{
    ct_request *req = NULL;
    ct_http_reply reply;
    ct_err rc;

    memset(&reply, 0, sizeof(reply));
    if ((rc = ct_build(c, args, &req, err)) != CT_OK)
        return rc;
    rc = ct_transport_send(c, req, &reply, err);
    if (rc == CT_OK) {
        rc = ct_parse(c, req, reply.status, reply.headers, reply.nheaders,
                      reply.body.data, reply.body.len, out, err);
        /* The request reached the gateway: unless the gateway itself
         * declined it (a GatewayError) or refused it (HTTP 429), any
         * failure leaves its outcome unknown. */
        if (rc != CT_OK && rc != CT_ERR_GATEWAY && rc != CT_ERR_RATE_LIMITED &&
            err != NULL)
            err->outcome_unknown = 1;
    }
    ct_http_reply_free(&reply);
    ct_request_free(req);
    return rc;
}

ct_err ct_verify_notification(ct_client *c, const ct_notification *n,
                              ct_result **out, ct_error *err)
{
    ct_error_clear(err);
    if (out == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    if (c == NULL)
        return ct_fail(err, CT_ERR_CLOSED, NULL, "client is closed");
    ct_error_set_gateway(err, c->ops->id);
    if (n == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL notification");
    if (n->max_age != 0 &&
        (!(n->max_age > 0) || n->max_age > 1e9 ||
         (c->ops->id != CT_GW_PAYERMAX && c->ops->id != CT_GW_WORLDFIRST)))
        return ct_fail(err, CT_ERR_VALIDATION, "max_age",
                       "max_age must be a positive number of seconds, and "
                       "only %s",
                       c->ops->id == CT_GW_PAYERMAX ||
                               c->ops->id == CT_GW_WORLDFIRST
                           ? "up to 1e9"
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
    ct_err rc;

    ct_error_clear(err);
    if (out == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    if (c == NULL)
        return ct_fail(err, CT_ERR_CLOSED, NULL, "client is closed");
    ct_error_set_gateway(err, c->ops->id);
    req = ct_request_alloc("", "");
    if (req == NULL)
        return ct_fail_nomem(err);
    if ((rc = c->ops->ack(c, path, req, err)) != CT_OK)
        goto fail;
    if (!ct_buf_ok(&req->body)) {
        rc = ct_fail_nomem(err);
        goto fail;
    }
    *out = req;
    return CT_OK;
fail:
    ct_request_free(req);
    return rc;
}
