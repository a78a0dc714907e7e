/* registry.c - the gateway table and the public descriptions read from
 * it (each gateway declares its own in its file). */
#include "client.h"
#include "mem.h"
#include "registry.h"

#include <string.h>

static const ct_gateway_ops *const ct_gateways[] = {
    &ct_pagsmile_ops, &ct_payermax_ops, &ct_yabandpay_ops, &ct_worldfirst_ops};

const ct_gateway_ops *ct_gateway_lookup(ct_gateway gw)
{
    size_t i;
    for (i = 0; i < CT_ARRAY_LEN(ct_gateways); i++)
        if (ct_gateways[i]->desc.id == gw)
            return ct_gateways[i];
    return NULL;
}

const ct_op_impl *ct_op_impl_of(const ct_gateway_ops *gw, const ct_op_desc *op)
{
    /* op must point into gw's own array (not a copy, not another's) */
    size_t i;
    for (i = 0; op != NULL && i < gw->desc.nops; i++)
        if (op == &gw->desc.ops[i])
            return &gw->impl[i];
    return NULL;
}

const char *ct_gateway_name(ct_gateway gw)
{
    const ct_gateway_ops *ops = ct_gateway_lookup(gw);
    return ops ? ops->desc.name : "";
}

size_t ct_gateway_count(void)
{
    return CT_ARRAY_LEN(ct_gateways);
}

const ct_gateway_desc *ct_gateway_at(size_t i)
{
    return i < CT_ARRAY_LEN(ct_gateways) ? &ct_gateways[i]->desc : NULL;
}

const ct_gateway_desc *ct_gateway_find(const char *name)
{
    size_t i;
    for (i = 0; name != NULL && i < CT_ARRAY_LEN(ct_gateways); i++)
        if (strcmp(ct_gateways[i]->desc.name, name) == 0)
            return &ct_gateways[i]->desc;
    return NULL;
}

const ct_gateway_desc *ct_gateway_describe(ct_gateway gw)
{
    const ct_gateway_ops *ops = ct_gateway_lookup(gw);
    return ops ? &ops->desc : NULL;
}

const ct_op_desc *ct_op_find(const ct_gateway_desc *gw, const char *name)
{
    size_t i;
    for (i = 0; gw != NULL && name != NULL && i < gw->nops; i++)
        if (strcmp(gw->ops[i].name, name) == 0 ||
            strcmp(gw->ops[i].php_name, name) == 0)
            return &gw->ops[i];
    return NULL;
}

const ct_param_desc *ct_param_find(const ct_param_desc *params, size_t n,
                                   const char *name)
{
    size_t i;
    for (i = 0; params != NULL && name != NULL && i < n; i++)
        if (strcmp(params[i].name, name) == 0)
            return &params[i];
    return NULL;
}
