/*
 * fuzz_common.h - helpers shared by the libFuzzer harnesses: input
 * splitting (FuzzedDataProvider style, see fuzz_format.h), test clients
 * built from the committed test keys (embedded at build time), and checks
 * of the API contract on every result and error.
 *
 * Every piece split from the input is copied into its own heap block of the
 * exact size, so that AddressSanitizer sees a read one byte too far.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "cardtoken.h"
#include "fuzz_format.h"
#include "fuzz_keys.h" /* generated: fz_merchant_private_pem, fz_gateway_public_pem */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* Helpers are static: each harness uses only some of them. */
#define FZ_FN static __attribute__((unused))

/* The client's gateway's first operation (NULL for a NULL client). */
FZ_FN const ct_op_desc *op_of(const ct_client *c)
{
    const ct_gateway_desc *g = ct_gateway_describe(ct_client_gateway(c));
    return g ? g->ops : NULL;
}

#define FZ_MAX_STR (1u << 20)
#define FZ_MAX_OWNED 96

/* ---- input splitting ------------------------------------------------ */

typedef struct fz_in {
    const uint8_t *p;
    size_t n;
    void *owned[FZ_MAX_OWNED];
    size_t nowned;
} fz_in;

FZ_FN void fz_begin(fz_in *in, const uint8_t *data, size_t size)
{
    in->p = data;
    in->n = size;
    in->nowned = 0;
}

FZ_FN void fz_done(fz_in *in)
{
    size_t i;
    for (i = 0; i < in->nowned; i++)
        free(in->owned[i]);
    in->nowned = 0;
}

FZ_FN void *fz_own(fz_in *in, size_t size)
{
    void *p;
    if (in->nowned == FZ_MAX_OWNED) {
        fprintf(stderr, "fuzz harness: too many pieces\n");
        abort();
    }
    p = malloc(size);
    if (p == NULL)
        abort();
    in->owned[in->nowned++] = p;
    return p;
}

FZ_FN uint8_t fz_u8(fz_in *in)
{
    uint8_t b;
    if (in->n == 0)
        return 0;
    b = in->p[0];
    in->p++;
    in->n--;
    return b;
}

/* A random-length string (see fuzz_format.h), copied into an exact-size
 * block (plus a NUL when `nul`). Never NULL. */
FZ_FN char *fz_str(fz_in *in, size_t *len, int nul)
{
    size_t i = 0, out = 0, end;
    char *s;
    /* pass 1: length and end */
    while (i < in->n && out < FZ_MAX_STR) {
        if (in->p[i] == '\\' && i + 1 < in->n) {
            if (in->p[i + 1] != '\\') {
                i += 2;
                goto measured;
            }
            i += 2;
        } else {
            i++;
        }
        out++;
    }
measured:
    end = i;
    s = fz_own(in, out + (nul ? 1 : 0));
    /* pass 2: copy */
    out = 0;
    i = 0;
    while (i < end) {
        if (in->p[i] == '\\' && i + 1 < end) {
            if (in->p[i + 1] != '\\')
                break;
            s[out++] = '\\';
            i += 2;
        } else {
            s[out++] = (char)in->p[i];
            i++;
        }
    }
    if (nul)
        s[out] = '\0';
    in->p += end;
    in->n -= end;
    *len = out;
    return s;
}

/* Every remaining byte, copied into an exact-size block (never NULL). */
FZ_FN const char *fz_rest(fz_in *in, size_t *len)
{
    char *s = fz_own(in, in->n);
    if (in->n)
        memcpy(s, in->p, in->n);
    *len = in->n;
    in->p += in->n;
    in->n = 0;
    return s;
}

/* A name per fuzz_format.h ("name"): NUL-terminated. */
FZ_FN const char *fz_name(fz_in *in, const char *const *table, size_t n)
{
    uint8_t sel = fz_u8(in);
    size_t len;
    if (sel % 4 == 3)
        return fz_str(in, &len, 1);
    return table[(sel / 4) % n];
}

FZ_FN int fz_status(uint8_t b) { return b < 0xF0 ? 200 : fz_statuses[b - 0xF0]; }

/* ---- setup ---------------------------------------------------------- */

FZ_FN void fz_die(const char *what, const ct_error *err)
{
    fprintf(stderr, "fuzz harness setup failed: %s: %s (%s)\n", what,
            err ? err->message : "", err ? err->field : "");
    abort();
}

FZ_FN void fz_global_init(void)
{
    if (ct_global_init() != CT_OK)
        fz_die("ct_global_init", NULL);
}

FZ_FN void fz_set(ct_config *cfg, const char *name, const char *value)
{
    ct_error err;
    if (ct_config_set(cfg, name, value, strlen(value), &err) != CT_OK)
        fz_die(name, &err);
}

#define FZ_FIXED_TIME "2022-01-22T10:00:00.500+08:00"

/* The configuration of the vectors' default client for `gw` (same
 * credentials and keys, so the vectors' signatures verify). */
FZ_FN ct_config *fz_config(ct_gateway gw)
{
    ct_config *cfg = ct_config_new(gw);
    if (cfg == NULL)
        fz_die("ct_config_new", NULL);
    fz_set(cfg, "fixed_time", FZ_FIXED_TIME);
    switch (gw) {
    case CT_GW_PAGSMILE:
        fz_set(cfg, "environment", "sandbox");
        fz_set(cfg, "merchant_no", "1024201708140012289");
        fz_set(cfg, "app_id", "2017051914172236111");
        fz_set(cfg, "app_key", "pagsmile-test-key");
        break;
    case CT_GW_PAYERMAX:
        fz_set(cfg, "environment", "sandbox");
        fz_set(cfg, "app_id", "46153e2b787241ae8b01857bb087d1bd");
        fz_set(cfg, "merchant_no", "010229810189301");
        fz_set(cfg, "private_key", fz_merchant_private_pem);
        fz_set(cfg, "gateway_public_key", fz_gateway_public_pem);
        break;
    case CT_GW_YABANDPAY:
        fz_set(cfg, "environment", "production");
        fz_set(cfg, "user", "016683");
        fz_set(cfg, "secret_key", "yabandpay-test-secret");
        break;
    case CT_GW_WORLDFIRST:
        fz_set(cfg, "environment", "sea");
        fz_set(cfg, "client_id", "5J5Y3N5Z2Y9T9L04");
        fz_set(cfg, "key_version", "2");
        fz_set(cfg, "private_key", fz_merchant_private_pem);
        fz_set(cfg, "gateway_public_key", fz_gateway_public_pem);
        break;
    }
    return cfg;
}

FZ_FN ct_client *fz_client(ct_gateway gw)
{
    ct_config *cfg = fz_config(gw);
    ct_client *c = NULL;
    ct_error err;
    if (ct_client_new(cfg, &c, &err) != CT_OK)
        fz_die("ct_client_new", &err);
    ct_config_free(cfg);
    return c;
}

/* Builds a request from NULL-terminated name/value pairs (setup only). */
FZ_FN ct_request *fz_request(ct_client *c, const char *const *kv)
{
    ct_args *a = ct_args_new();
    ct_request *r = NULL;
    ct_error err;
    if (a == NULL)
        fz_die("ct_args_new", NULL);
    for (; kv[0] != NULL; kv += 2)
        if (ct_args_set(a, kv[0], kv[1], strlen(kv[1]), &err) != CT_OK)
            fz_die(kv[0], &err);
    if (ct_build(c, op_of(c), a, &r, &err) != CT_OK)
        fz_die("ct_build", &err);
    ct_args_free(a);
    return r;
}

/* ---- contract checks ------------------------------------------------ */

static volatile unsigned fz_sink;

#define FZ_ASSERT(cond)                                                        \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz: contract violated at %s:%d: %s\n",          \
                    __FILE__, __LINE__, #cond);                                \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* FUZZ_SKIP_FINDINGS="F1 F2": the oracle of a known, open finding
 * (fuzz/findings/README.md) is turned off, so that the harness goes on
 * looking for other bugs. Empty by default: every oracle is on. */
FZ_FN int fz_skip(const char *id)
{
    const char *s = getenv("FUZZ_SKIP_FINDINGS");
    return s != NULL && strstr(s, id) != NULL;
}

/* Touches every byte of s[0..n) (ASan checks each access). */
FZ_FN void fz_touch(const char *s, size_t n)
{
    unsigned acc = 0;
    size_t i;
    for (i = 0; i < n; i++)
        acc += (unsigned char)s[i];
    fz_sink += acc;
}

FZ_FN void fz_check_cstr(const char *s, size_t cap)
{
    FZ_ASSERT(memchr(s, '\0', cap) != NULL);
}

/* The error object matches the return code (header contract). */
FZ_FN void fz_check_error(ct_err rc, const ct_error *err)
{
    fz_check_cstr(err->field, sizeof(err->field));
    fz_check_cstr(err->message, sizeof(err->message));
    fz_check_cstr(err->gateway_code, sizeof(err->gateway_code));
    fz_check_cstr(err->gateway_message, sizeof(err->gateway_message));
    FZ_ASSERT(err->code == rc);
    FZ_ASSERT(err->category == ct_err_category(rc));
    if (rc != CT_OK)
        FZ_ASSERT(err->message[0] != '\0');
    fz_touch(ct_err_name(rc), strlen(ct_err_name(rc)));
}

/* Longest run of digits in s, where one or two separators (' ', '-',
 * '.') may stand between two digits: the core's definition of a
 * card-number-like run (errors.c, ct_copy_masked). */
FZ_FN int fz_digit(char c) { return c >= '0' && c <= '9'; }
FZ_FN int fz_sep(char c) { return c == ' ' || c == '-' || c == '.'; }

FZ_FN size_t fz_longest_digit_run(const char *s)
{
    size_t i = 0, n = strlen(s), best = 0;
    while (i < n) {
        size_t j = i, digits = 0;
        if (!fz_digit(s[i])) {
            i++;
            continue;
        }
        while (j < n) {
            if (fz_digit(s[j]))
                digits++;
            else if (!(fz_sep(s[j]) && j + 1 < n &&
                       (fz_digit(s[j + 1]) ||
                        (fz_sep(s[j + 1]) && j + 2 < n &&
                         fz_digit(s[j + 2])))))
                break;
            j++;
        }
        if (digits > best)
            best = digits;
        i = j;
    }
    return best;
}

/* Errors built from gateway input (responses, notifications): no string
 * of the error holds a card-number-like run of 12 or more digits (the
 * core masks those to first six + last four; see the header's "Card data"
 * rule). Messages built by the core itself hold only small numbers. */
FZ_FN void fz_check_no_pan(const ct_error *err)
{
    if (!fz_skip("F1") && fz_longest_digit_run(err->message) >= 12) {
        fprintf(stderr, "fuzz: card-number-like digits in message: %s\n",
                err->message);
        FZ_ASSERT(!"message holds 12+ digits");
    }
    if (fz_longest_digit_run(err->gateway_code) >= 12) {
        fprintf(stderr, "fuzz: card-number-like digits in gateway_code: %s\n",
                err->gateway_code);
        FZ_ASSERT(!"gateway_code holds 12+ digits");
    }
    if (fz_longest_digit_run(err->gateway_message) >= 12) {
        fprintf(stderr,
                "fuzz: card-number-like digits in gateway_message: %s\n",
                err->gateway_message);
        FZ_ASSERT(!"gateway_message holds 12+ digits");
    }
    FZ_ASSERT(fz_longest_digit_run(err->field) < 12);
}

/* Walks a result the way a binding does. */
FZ_FN void fz_check_result(ct_err rc, const ct_result *res,
                            const ct_error *err)
{
    size_t i, k, n, count;
    fz_check_error(rc, err);
    if (rc != CT_OK) {
        FZ_ASSERT(res == NULL);
        return;
    }
    FZ_ASSERT(res != NULL);
    FZ_ASSERT(ct_result_type(res) != NULL);
    fz_touch(ct_result_type(res), strlen(ct_result_type(res)));
    count = ct_result_count(res);
    if (!ct_result_is_list(res) && ct_result_json(res, NULL) == NULL)
        FZ_ASSERT(count == 1);
    for (i = 0; i < count; i++) {
        const ct_field *f = ct_result_record(res, i, &n);
        FZ_ASSERT(f != NULL || n == 0);
        for (k = 0; k < n; k++) {
            FZ_ASSERT(f[k].name != NULL);
            fz_touch(f[k].name, strlen(f[k].name));
            switch (f[k].type) {
            case CT_VAL_STRING:
                FZ_ASSERT(f[k].str != NULL);
                fz_touch(f[k].str, f[k].len);
                FZ_ASSERT(f[k].str[f[k].len] == '\0');
                break;
            case CT_VAL_INT:
                fz_sink += (unsigned)f[k].num;
                break;
            case CT_VAL_JSON: {
                /* raw: NUL-terminated compact text of one JSON object */
                json_t *o;
                FZ_ASSERT(f[k].str != NULL && f[k].str[f[k].len] == '\0');
                o = json_loadb(f[k].str, f[k].len, JSON_DECODE_INT_AS_REAL,
                               NULL);
                FZ_ASSERT(o != NULL && json_is_object(o));
                json_decref(o);
                break;
            }
            case CT_VAL_NULL:
                break;
            default:
                FZ_ASSERT(!"unknown field type");
            }
        }
    }
    FZ_ASSERT(ct_result_record(res, count, &n) == NULL && n == 0);
}

/* libFuzzer's entry points, declared once for every harness. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A harness's LLVMFuzzerInitialize: the library once, then `setup` (one
 * expression: the harness's client, its fixed requests, or (void)0). */
#define FZ_INITIALIZE(setup)                                                   \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                          \
    {                                                                          \
        (void)argc;                                                            \
        (void)argv;                                                            \
        fz_global_init();                                                      \
        setup;                                                                 \
        return 0;                                                              \
    }

#endif /* FUZZ_COMMON_H */
