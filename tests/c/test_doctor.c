/* test_doctor.c - the signature doctor in C (core/src/doctor.c): findings
 * of ct_doctor_check for a good, a mismatched and a wrong-version
 * configuration; ct_request_explain's string and signature (the HMAC and
 * MD5 recomputed with OpenSSL's one-shot calls, the strings written out
 * here); no card number or secret in what it prints; and every allocation
 * failing in turn: a clean error, never a crash or a leak (ASan).
 * Usage: test_doctor [tests/vectors] */
#include "cardtoken.h"
#include "expect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>

extern long ct_alloc_fail_at, ct_alloc_count;

static const char *vdir;
static char keys[3][8192]; /* merchant private, merchant public, gateway */

static void load(const char *name, char *out)
{
    char path[1024];
    FILE *f;
    size_t n = 0;
    snprintf(path, sizeof path, "%s/keys/%s", vdir, name);
    if ((f = fopen(path, "rb")) != NULL) {
        n = fread(out, 1, 8191, f);
        fclose(f);
    }
    out[n] = '\0';
    EXPECT(n > 0, "cannot read %s", path);
}

/* ct_doctor_check of PayerMax with key_version and merchant_public_key;
 * new: the JSON, or NULL. */
static char *check(const char *version, const char *mpub, ct_err *rc)
{
    ct_doctor_option o[] = {
        {"app_id", "46153e2b787241ae8b01857bb087d1bd", 0},
        {"merchant_no", "010229810189301", 0},
        {"private_key", keys[0], 0},
        {"gateway_public_key", keys[2], 0},
        {"merchant_public_key", mpub, 0},
        {"key_version", version, 0},
        {"base_url", "https://127.0.0.1:9", 0},
    };
    size_t i, len = 0;
    char *out = NULL;
    ct_error e;
    for (i = 0; i < sizeof o / sizeof o[0]; i++)
        o[i].len = strlen(o[i].value);
    *rc = ct_doctor_check(CT_GW_PAYERMAX, o, 7, 0, &out, &len, &e);
    return out;
}

static void findings(void)
{
    ct_err rc;
    char *good = check("1", keys[1], &rc);
    char *mismatch = check("1", keys[2], &rc);
    char *version = check("2", keys[1], &rc);

    EXPECT(good && strstr(good, "\"ok\":true,\"errors\":0") &&
               strstr(good, "\"code\":\"key_pair_ok\""),
           "good config: %s", good ? good : "NULL");
    EXPECT(mismatch && strstr(mismatch, "\"ok\":false") &&
               strstr(mismatch, "\"code\":\"key_pair_mismatch\",\"field\":"
                                "\"merchant_public_key\""),
           "mismatch: %s", mismatch ? mismatch : "NULL");
    /* merchant_public_key is the gateway key here: that mix-up too */
    EXPECT(mismatch && strstr(mismatch, "gateway_key_is_merchant_key"),
           "gateway key = merchant key not found");
    EXPECT(version && strstr(version, "\"code\":\"key_version_wrong\","
                                      "\"field\":\"key_version\""),
           "version: %s", version ? version : "NULL");
    /* no key material: no line of the private key's base64 */
    EXPECT(good && strstr(good, "MII") == NULL, "key material in a finding");
    ct_free_string(good);
    ct_free_string(mismatch);
    ct_free_string(version);
}

/* new: explain's JSON for op of a keeping client of gateway gw, or NULL. */
static char *explain(ct_gateway gw, const char *const *cfg, size_t ncfg,
                     const char *opname, const char *const *args, size_t nargs,
                     ct_err *rc)
{
    ct_config *c = ct_config_new(gw);
    ct_client *cl = NULL;
    ct_args *a = ct_args_new();
    ct_request *req = NULL;
    char *out = NULL;
    size_t i, len;
    ct_error e;

    *rc = CT_ERR_NOMEM;
    if (c == NULL || a == NULL)
        goto done;
    for (i = 0; i + 1 < ncfg; i += 2)
        if ((*rc = ct_config_set(c, cfg[i], cfg[i + 1], strlen(cfg[i + 1]),
                                 &e)) != CT_OK)
            goto done;
    for (i = 0; i + 1 < nargs; i += 2)
        if ((*rc = ct_args_set(a, args[i], args[i + 1], strlen(args[i + 1]),
                               &e)) != CT_OK)
            goto done;
    if ((*rc = ct_client_new(c, &cl, &e)) != CT_OK)
        goto done;
    ct_client_keep_signed(cl, 1);
    if ((*rc = ct_build(cl, ct_op_find(ct_gateway_describe(gw), opname), a,
                        &req, &e)) != CT_OK)
        goto done;
    *rc = ct_request_explain(cl, req, &out, &len, &e);
done:
    ct_request_free(req);
    ct_client_free(cl);
    ct_args_free(a);
    ct_config_free(c);
    return out;
}

static const char *const YB_CFG[] = {
    "user",       "016683",
    "secret_key", "SecretCanary-q8Zt3LmW",
    "base_url",   "https://127.0.0.1:9",
    "fixed_time", "2022-01-22T10:00:00.500+08:00"};
static const char *const YB_ARGS[] = {"trade_id", "T-1"};
static const char *const PG_CFG[] = {
    "merchant_no", "102320170519",          "app_id",   "2017051914172236111",
    "app_key",     "SecretCanary-q8Zt3LmW", "base_url", "https://127.0.0.1:9"};
static const char *const PG_ARGS[] = {"card_number",      "4929061837529645",
                                      "security_code",    "7306",
                                      "expiration_month", "12",
                                      "expiration_year",  "2030",
                                      "cardholder_name",  "APRO"};

static void explained(void)
{
    static const char yb_signed[] =
        "method=v3.QueryOrder&time=1642816800&trade_id=T-1&user=016683";
    static const char pg_plain[] =
        "app_id=2017051914172236111&card_number=4929061837529645&"
        "cardholder_name=APRO&expiration_month=12&expiration_year=2030&"
        "merchant_no=102320170519&security_code=7306&key="
        "SecretCanary-q8Zt3LmW";
    unsigned char mac[32], md[16];
    unsigned int maclen = 0;
    char hex[65], want[512];
    ct_err rc;
    int i;
    char *yb =
        explain(CT_GW_YABANDPAY, YB_CFG, 8, "query_order", YB_ARGS, 2, &rc);
    char *pg =
        explain(CT_GW_PAGSMILE, PG_CFG, 8, "get_card_token", PG_ARGS, 10, &rc);

    HMAC(EVP_sha256(), "SecretCanary-q8Zt3LmW", 21,
         (const unsigned char *)yb_signed, sizeof yb_signed - 1, mac, &maclen);
    for (i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", mac[i]);
    snprintf(want, sizeof want,
             "\"signed\":\"%s\",\"masked\":false,\"secret_shown_as\":null,"
             "\"signature\":\"%s\"",
             yb_signed, hex);
    EXPECT(yb && strstr(yb, want), "yabandpay: %s", yb ? yb : "NULL");

    EVP_Digest(pg_plain, sizeof pg_plain - 1, md, NULL, EVP_md5(), NULL);
    for (i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    snprintf(want, sizeof want,
             "\"signed\":\"app_id=2017051914172236111&card_number=492906******"
             "9645&cardholder_name=APRO&expiration_month=12&expiration_year="
             "2030&merchant_no=102320170519&security_code=***&key=<app_key>\","
             "\"masked\":true,\"secret_shown_as\":\"<app_key>\",\"signature\":"
             "\"%s\"",
             hex);
    EXPECT(pg && strstr(pg, want), "pagsmile: %s", pg ? pg : "NULL");
    EXPECT(pg && !strstr(pg, "4929061837529645") && !strstr(pg, "7306") &&
               !strstr(pg, "SecretCanary"),
           "pagsmile explain leaks");
    ct_free_string(yb);
    ct_free_string(pg);
}

/* Every allocation of an explain and of a check failing in turn: each
 * gives an error or a report of the failure, never a wrong answer; the
 * sweep ends when no allocation failed. */
static void alloc_failures(void)
{
    long n, points = 0, bad = 0;
    ct_err rc;
    char *out;

    for (n = 1; n < 100000; n++, points++) {
        ct_alloc_count = 0;
        ct_alloc_fail_at = n;
        out = explain(CT_GW_PAGSMILE, PG_CFG, 8, "get_card_token", PG_ARGS, 10,
                      &rc);
        ct_alloc_fail_at = 0;
        if ((out == NULL) != (rc != CT_OK))
            bad++;
        ct_free_string(out);
        if (ct_alloc_count < n)
            break;
    }
    EXPECT(bad == 0 && rc == CT_OK && points > 10,
           "explain under allocation failures: %ld bad of %ld", bad, points);
    for (n = 1, points = bad = 0; n < 100000; n++, points++) {
        int ok, reported;
        ct_alloc_count = 0;
        ct_alloc_fail_at = n;
        out = check("1", keys[1], &rc);
        ct_alloc_fail_at = 0;
        ok = out != NULL && strstr(out, "\"ok\":true") != NULL;
        reported = out != NULL && strstr(out, "out of memory") != NULL;
        if ((out == NULL) != (rc != CT_OK) || (out != NULL && !ok && !reported))
            bad++;
        ct_free_string(out);
        if (ct_alloc_count < n) {
            EXPECT(ok, "check without failures is not ok");
            break;
        }
    }
    EXPECT(bad == 0 && points > 10,
           "check under allocation failures: %ld bad of %ld", bad, points);
}

int main(int argc, char **argv)
{
    vdir = argc > 1 ? argv[1] : "tests/vectors";
    if (ct_global_init() != CT_OK)
        return 2;
    load("merchant_private.pem", keys[0]);
    load("merchant_public.pem", keys[1]);
    load("gateway_public.pem", keys[2]);
    findings();
    explained();
    alloc_failures();
    ct_cache_flush();
    printf("doctor: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
