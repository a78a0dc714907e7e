/* options.c - reading client options: typed accessors for the gateways'
 * configure functions, and the options every client takes. */
#include "check.h"
#include "client.h"
#include "clock.h"
#include "crypto.h"
#include "errors.h"
#include "keys.h"
#include "kv.h"
#include "mem.h"
#include "options.h"
#include "registry.h"
#include "url.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

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

/* A required key option, read by `load` (ct_load_private_key or
 * ct_load_public_key). */
static ct_err ct_opt_key(const ct_kvlist *opts, const char *name,
                         ct_err (*load)(const char *, size_t, const char *,
                                        EVP_PKEY **, ct_error *),
                         EVP_PKEY **dst, ct_error *err)
{
    const ct_kv *v = ct_kv_get(opts, name);
    if (v == NULL || v->len == 0)
        return ct_fail(err, CT_ERR_CONFIG, name, "option %s is required", name);
    return load(v->value, v->len, name, dst, err);
}

ct_err ct_opt_rsa_keys(const ct_kvlist *o, ct_rsa_keys *k, ct_error *err)
{
    ct_err rc;
    if ((rc = ct_opt_key(o, "private_key", ct_load_private_key, &k->private_key,
                         err)) != CT_OK ||
        (rc = ct_opt_key(o, "gateway_public_key", ct_load_public_key,
                         &k->gateway_public_key, err)) != CT_OK)
        return rc;
    /* Key the signing contexts once; each call works on a copy. */
    if ((k->sign_ctx = ct_sign_template(k->private_key, 1)) == NULL ||
        (k->verify_ctx = ct_sign_template(k->gateway_public_key, 0)) == NULL)
        return ct_fail(err, CT_ERR_KEY,
                       k->sign_ctx ? "gateway_public_key" : "private_key",
                       "the key cannot be used for SHA256withRSA");
    return CT_OK;
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

ct_err ct_configure_common(ct_client *c, const ct_kvlist *o, ct_error *err)
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
                           c->ops->desc.name);
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
    v = ct_kv_get(o, "persistent");
    c->persistent = 1;
    if (v != NULL && v->len > 0) {
        if (strcmp(v->value, "false") == 0 || strcmp(v->value, "0") == 0)
            c->persistent = 0;
        else if (strcmp(v->value, "true") != 0 && strcmp(v->value, "1") != 0)
            return ct_fail(err, CT_ERR_CONFIG, "persistent",
                           "option persistent must be true or false");
    }
    v = ct_kv_get(o, "fixed_time");
    if (v != NULL && v->len > 0) {
        if (!ct_parse_rfc3339(v->value, v->len, &c->fixed_time))
            return ct_fail(err, CT_ERR_CONFIG, "fixed_time",
                           "option fixed_time must be RFC 3339 with an offset");
        c->fixed_clock = 1;
    }
    return CT_OK;
}
