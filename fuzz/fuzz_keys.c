/*
 * fuzz_keys.c - the RSA key loader (PEM with any label, bare base64 of
 * PKCS#1 / PKCS#8 / SPKI) through ct_config_set("private_key" /
 * "gateway_public_key") and ct_client_new, for PayerMax and WorldFirst.
 * The mode byte picks the gateway and which key text is fuzzed (the other
 * one is the valid test key). A key error must be CT_ERR_KEY or
 * CT_ERR_CONFIG naming the option.
 * Input layout: fuzz_format.h (keys).
 */
#include "fuzz_common.h"

FZ_INITIALIZE((void)0)

static void fz_set_bytes(ct_config *cfg, const char *name, const char *v,
                         size_t n)
{
    ct_error err;
    ct_err rc = ct_config_set(cfg, name, v, n, &err);
    fz_check_error(rc, &err);
    FZ_ASSERT(rc == CT_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in;
    uint8_t mode;
    ct_gateway gw;
    const char *priv = fz_merchant_private_pem, *pub = fz_gateway_public_pem;
    size_t privlen = strlen(priv), publen = strlen(pub);
    ct_config *cfg;
    ct_client *c = NULL;
    ct_error err;
    ct_err rc;
    int which;

    fz_begin(&in, data, size);
    mode = fz_u8(&in);
    gw = (mode & FZ_KEYS_WORLDFIRST) ? CT_GW_WORLDFIRST : CT_GW_PAYERMAX;
    which = (mode >> 1) % 3;
    if (which == 2)
        priv = fz_str(&in, &privlen, 0);
    if (which == 0)
        priv = fz_rest(&in, &privlen);
    else
        pub = fz_rest(&in, &publen);

    cfg = ct_config_new(gw);
    FZ_ASSERT(cfg != NULL);
    fz_set_bytes(cfg, "environment", gw == CT_GW_PAYERMAX ? "sandbox" : "sea",
                 gw == CT_GW_PAYERMAX ? 7 : 3);
    if (gw == CT_GW_PAYERMAX) {
        fz_set_bytes(cfg, "app_id", "46153e2b787241ae8b01857bb087d1bd", 32);
        fz_set_bytes(cfg, "merchant_no", "010229810189301", 15);
    } else {
        fz_set_bytes(cfg, "client_id", "5J5Y3N5Z2Y9T9L04", 16);
    }
    fz_set_bytes(cfg, "private_key", priv, privlen);
    fz_set_bytes(cfg, "gateway_public_key", pub, publen);

    rc = ct_client_new(cfg, &c, &err);
    fz_check_error(rc, &err);
    if (rc == CT_OK) {
        FZ_ASSERT(c != NULL);
        FZ_ASSERT(ct_client_gateway(c) == gw);
    } else {
        FZ_ASSERT(c == NULL);
        FZ_ASSERT(rc == CT_ERR_KEY || rc == CT_ERR_CONFIG || rc == CT_ERR_NOMEM);
        if (rc != CT_ERR_NOMEM)
            FZ_ASSERT(strcmp(err.field, "private_key") == 0 ||
                      strcmp(err.field, "gateway_public_key") == 0);
    }
    ct_client_free(c);
    ct_config_free(cfg);
    fz_done(&in);
    return 0;
}
