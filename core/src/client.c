/* client.c - clients: made from a configuration (common options, then the
 * gateway's own), freed, and their clock. */
#include "client.h"
#include "clock.h"
#include "errors.h"
#include "kv.h"
#include "mem.h"
#include "options.h"
#include "registry.h"
#include "transport.h"

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
    if (c->state != NULL)
        c->ops->free_state(c->state);
    ct_free_secret(c, sizeof(*c));
}

ct_gateway ct_client_gateway(const ct_client *c)
{
    return c ? c->ops->desc.id : (ct_gateway)0;
}
