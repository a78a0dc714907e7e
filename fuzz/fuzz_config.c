/*
 * fuzz_config.c - client options from a caller: fuzzed option names and
 * values through ct_config_set and ct_client_new for any gateway (the
 * base_url and environment checks, numbers, fixed_time's RFC 3339 parser,
 * proxy, ca_file, text limits, keys). Errors must be CT_ERR_CONFIG or
 * CT_ERR_KEY naming a field.
 * Input layout: fuzz_format.h (config).
 */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_global_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in;
    ct_gateway gw;
    ct_config *cfg;
    ct_client *c = NULL;
    ct_error err;
    ct_err rc;
    size_t n, i;

    fz_begin(&in, data, size);
    gw = (ct_gateway)(fz_u8(&in) % 4 + 1);
    n = fz_u8(&in) % 24;
    cfg = ct_config_new(gw);
    FZ_ASSERT(cfg != NULL);
    for (i = 0; i < n; i++) {
        const char *name =
            fz_name(&in, fz_option_names, FZ_LEN(fz_option_names));
        size_t vlen;
        const char *value = fz_str(&in, &vlen, 0);
        const ct_gateway_desc *d = ct_gateway_describe(gw);
        int known = ct_param_find(d->options, d->noptions, name) != NULL;
        rc = ct_config_set(cfg, name, value, vlen, &err);
        fz_check_error(rc, &err);
        FZ_ASSERT((rc == CT_OK) == known);
    }
    rc = ct_client_new(cfg, &c, &err);
    fz_check_error(rc, &err);
    if (rc == CT_OK) {
        FZ_ASSERT(c != NULL && ct_client_gateway(c) == gw);
    } else {
        FZ_ASSERT(c == NULL);
        FZ_ASSERT(rc == CT_ERR_CONFIG || rc == CT_ERR_KEY ||
                  rc == CT_ERR_NOMEM);
        if (rc != CT_ERR_NOMEM)
            FZ_ASSERT(err.field[0] != '\0');
    }
    ct_client_free(c);
    ct_config_free(cfg);
    fz_done(&in);
    return 0;
}
