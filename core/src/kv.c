/* kv.c - ordered name/value lists holding client options and operation
 * arguments (values may be card data or secrets: wiped on free). */
#include "errors.h"
#include "kv.h"
#include "mem.h"

#include <string.h>

const ct_kv *ct_kv_get(const ct_kvlist *l, const char *name)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (l->items[i].name[0] == name[0] &&
            strcmp(l->items[i].name, name) == 0)
            return &l->items[i];
    return NULL;
}

static ct_err ct_kv_set(ct_kvlist *l, const char *name, const char *value,
                        size_t len, ct_error *err)
{
    char *v;
    size_t i;

    if (name == NULL || (value == NULL && len > 0))
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL name or value");
    v = ct_strndup(value ? value : "", len);
    if (v == NULL)
        return ct_fail_nomem(err);
    for (i = 0; i < l->n; i++) {
        if (strcmp(l->items[i].name, name) == 0) {
            ct_free_secret(l->items[i].value, l->items[i].len);
            l->items[i].value = v;
            l->items[i].len = len;
            return CT_OK;
        }
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        ct_kv *items = ct_calloc(cap, sizeof(*items));
        if (items == NULL) {
            ct_free_secret(v, len);
            return ct_fail_nomem(err);
        }
        if (l->n)
            memcpy(items, l->items, l->n * sizeof(*items));
        ct_free_secret(l->items, l->cap * sizeof(*items));
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n].name = ct_strdup(name);
    if (l->items[l->n].name == NULL) {
        ct_free_secret(v, len);
        return ct_fail_nomem(err);
    }
    l->items[l->n].value = v;
    l->items[l->n].len = len;
    l->n++;
    return CT_OK;
}

/* Wipes and frees every item. */
static void ct_kv_free(ct_kvlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        ct_free_str(l->items[i].name);
        ct_free_secret(l->items[i].value, l->items[i].len + 1);
    }
    ct_free_secret(l->items, l->cap * sizeof(*l->items));
    memset(l, 0, sizeof(*l));
}

ct_args *ct_args_new(void)
{
    return ct_calloc(1, sizeof(ct_args));
}

void ct_args_free(ct_args *args)
{
    if (args == NULL)
        return;
    ct_kv_free(&args->kv);
    ct_free_secret(args, sizeof(*args));
}

ct_err ct_args_set(ct_args *args, const char *name, const char *value,
                   size_t len, ct_error *err)
{
    ct_error_clear(err);
    if (args == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL arguments");
    return ct_kv_set(&args->kv, name, value, len, err);
}

ct_config *ct_config_new(ct_gateway gw)
{
    ct_config *cfg;
    if (ct_gateway_describe(gw) == NULL)
        return NULL;
    cfg = ct_calloc(1, sizeof(*cfg));
    if (cfg != NULL)
        cfg->gw = gw;
    return cfg;
}

void ct_config_free(ct_config *cfg)
{
    if (cfg == NULL)
        return;
    ct_kv_free(&cfg->kv);
    ct_free_secret(cfg, sizeof(*cfg));
}

ct_err ct_config_set(ct_config *cfg, const char *name, const char *value,
                     size_t len, ct_error *err)
{
    const ct_gateway_desc *gw;
    ct_error_clear(err);
    if (cfg == NULL || name == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL configuration");
    ct_error_set_gateway(err, cfg->gw);
    gw = ct_gateway_describe(cfg->gw);
    if (ct_param_find(gw->options, gw->noptions, name) == NULL)
        return ct_fail_unknown_name(err, CT_ERR_CONFIG, "option", name);
    return ct_kv_set(&cfg->kv, name, value, len, err);
}
