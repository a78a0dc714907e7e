/*
 * repro_pan_in_message.c - finding F1: a card number echoed by a gateway
 * in its result code reaches ct_error.message unmasked (gateway_code is
 * masked since ct_mask_pans, message is not). Public API only; no keys.
 *
 *   cc -std=c11 -D_GNU_SOURCE -Icore/include fuzz/findings/repro_pan_in_message.c \
 *      build/c/libcardtoken.a $(pkg-config --libs libcurl openssl jansson) -lpthread \
 *      -o /tmp/repro && /tmp/repro
 *
 * Exit status 1 while the bug is there (prints the leaking messages), 0
 * once message is masked like gateway_code.
 */
#include "cardtoken.h"

#include <stdio.h>
#include <string.h>

/* The client's gateway's first operation (NULL for a NULL client). */
static const ct_op_desc *op_of(const ct_client *c)
{
    const ct_gateway_desc *g = ct_gateway_describe(ct_client_gateway(c));
    return g ? g->ops : NULL;
}

static int leaks(ct_gateway gw, const char *const *opts, const char *body)
{
    ct_config *cfg = ct_config_new(gw);
    ct_client *c = NULL;
    ct_result *res = NULL;
    ct_error err;
    int bad;
    for (; opts[0] != NULL; opts += 2)
        ct_config_set(cfg, opts[0], opts[1], strlen(opts[1]), &err);
    if (ct_client_new(cfg, &c, &err) != CT_OK) {
        fprintf(stderr, "client: %s\n", err.message);
        return 1;
    }
    ct_parse(c, op_of(c), NULL, 200, NULL, 0, body, strlen(body), &res, &err);
    bad = strstr(err.message, "4235647728025682") != NULL;
    printf("%-9s %-22s message=\"%s\" gateway_code=\"%s\"\n",
           ct_gateway_name(gw), ct_err_name(err.code), err.message,
           err.gateway_code);
    ct_result_free(res);
    ct_client_free(c);
    ct_config_free(cfg);
    return bad;
}

int main(void)
{
    static const char *const pg[] = {
        "environment", "sandbox", "merchant_no", "1024201708140012289",
        "app_id", "2017051914172236111", "app_key", "pagsmile-test-key", NULL};
    static const char *const yb[] = {"environment", "production", "user",
                                     "016683", "secret_key",
                                     "yabandpay-test-secret", NULL};
    int bad = 0;
    ct_global_init();
    bad |= leaks(CT_GW_PAGSMILE, pg,
                 "{\"code\":\"4235647728025682\",\"info\":\"declined\"}");
    bad |= leaks(CT_GW_YABANDPAY, yb,
                 "{\"status\":false,\"code\":\"4235647728025682\","
                 "\"message\":\"declined\"}");
    printf(bad ? "FINDING F1 reproduced: full card number in message\n"
               : "ok: no full card number in message\n");
    return bad;
}
