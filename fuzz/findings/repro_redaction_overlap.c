/*
 * repro_redaction_overlap.c - finding F2: ct_request_body_redacted leaves
 * the full card number in its output when another argument holds
 * overlapping repetitions of it. Public API only; no keys.
 *
 *   cc -std=c11 -D_GNU_SOURCE -Icore/include fuzz/findings/repro_redaction_overlap.c \
 *      build/c/libcardtoken.a $(pkg-config --libs libcurl openssl jansson) -lpthread \
 *      -o /tmp/repro2 && /tmp/repro2
 *
 * Card 4356789012345674 (Luhn-valid; starts and ends with '4'). The
 * cardholder name "4356789012345674356789012345674" is the card number
 * twice, sharing that '4'. The redactor masks the first occurrence to
 * 435678******5674 and resumes after it; the clear last four "5674" and the
 * rest "356789012345674" then spell 4356789012345674 again.
 * Exit status 1 while the bug is there, 0 once fixed.
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


int main(void)
{
    static const char *const opts[] = {
        "environment", "sandbox", "merchant_no", "1024201708140012289",
        "app_id", "2017051914172236111", "app_key", "pagsmile-test-key", NULL};
    static const char *const args[] = {
        "card_number", "4356789012345674", "security_code", "123",
        "expiration_month", "12", "expiration_year", "2030",
        "cardholder_name", "4356789012345674356789012345674", NULL};
    const char *const *p;
    ct_config *cfg;
    ct_client *c = NULL;
    ct_args *a;
    ct_request *req = NULL;
    ct_error err;
    char *red;
    size_t len;
    int bad;

    ct_global_init();
    cfg = ct_config_new(CT_GW_PAGSMILE);
    for (p = opts; p[0] != NULL; p += 2)
        ct_config_set(cfg, p[0], p[1], strlen(p[1]), &err);
    if (ct_client_new(cfg, &c, &err) != CT_OK) {
        fprintf(stderr, "client: %s\n", err.message);
        return 2;
    }
    a = ct_args_new();
    for (p = args; p[0] != NULL; p += 2)
        ct_args_set(a, p[0], p[1], strlen(p[1]), &err);
    if (ct_build(c, op_of(c), a, &req, &err) != CT_OK) {
        fprintf(stderr, "build: %s\n", err.message);
        return 2;
    }
    red = ct_request_body_redacted(req, &len);
    printf("redacted: %s\n", red);
    bad = memmem(red, len, "4356789012345674", 16) != NULL;
    printf(bad ? "FINDING F2 reproduced: full card number in the redacted body\n"
               : "ok: no full card number in the redacted body\n");
    ct_free_string(red);
    ct_request_free(req);
    ct_args_free(a);
    ct_client_free(c);
    ct_config_free(cfg);
    return bad;
}
