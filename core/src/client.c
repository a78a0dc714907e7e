/* client.c - clients: made from a configuration (common options, then the
 * gateway's own), freed, and their clock. */
#include "internal.h"

#include <string.h>
#include <time.h>

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
    return c ? c->ops->desc.id : (ct_gateway)0;
}
