/*
 * fuzz_build.c - a gateway's request builder fed random arguments:
 * ct_args_set with fuzzed names (mostly the gateway's own, sometimes raw)
 * and values, then ct_build and every accessor of the request, including
 * the redacted body. Built once per gateway (-DFUZZ_GW=...). PayerMax and
 * WorldFirst sign with RSA on every successful build, so they run slower.
 * Checks: a built request is complete; the redacted body holds neither the
 * card number nor a quoted CVV; no error message or field holds a card
 * number given as a value (unless the caller also used it as a name).
 * Input layout: fuzz_format.h (build_*).
 */
#include "fuzz_common.h"

#ifndef FUZZ_GW
#error "build with -DFUZZ_GW=<ct_gateway>"
#endif

#if FUZZ_GW == FZ_GW_PAGSMILE
#define FZ_ARGS fz_args_pagsmile
#elif FUZZ_GW == FZ_GW_PAYERMAX
#define FZ_ARGS fz_args_payermax
#elif FUZZ_GW == FZ_GW_YABANDPAY
#define FZ_ARGS fz_args_yabandpay
#else
#define FZ_ARGS fz_args_worldfirst
#endif

#define FZ_MAX_ARGS 32

static ct_client *client;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fz_global_init();
    client = fz_client((ct_gateway)FUZZ_GW);
    return 0;
}

static int fz_card_like(const char *v, size_t n)
{
    size_t i;
    if (n < 12)
        return 0;
    for (i = 0; i < n; i++)
        if (v[i] < '0' || v[i] > '9')
            return 0;
    return 1;
}

/* Is the quoted value "<s>" (or \"<s>\") anywhere in text? */
static int fz_quoted_in(const char *text, size_t n, const char *s, size_t sl)
{
    const char *p = text, *end = text + n;
    while (sl > 0 && p < end) {
        const char *hit = memmem(p, (size_t)(end - p), s, sl);
        size_t i;
        if (hit == NULL)
            return 0;
        i = (size_t)(hit - text);
        if (i > 0 && text[i - 1] == '"' && i + sl < n &&
            (text[i + sl] == '"' || text[i + sl] == '\\'))
            return 1;
        p = hit + 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in;
    ct_args *args;
    ct_request *req = NULL;
    ct_error err;
    ct_err rc;
    const char *names[FZ_MAX_ARGS], *values[FZ_MAX_ARGS];
    size_t lens[FZ_MAX_ARGS];
    const char *pan = NULL, *cvv = NULL;
    size_t panlen = 0, cvvlen = 0;
    size_t n, i;

    fz_begin(&in, data, size);
    n = fz_u8(&in) % FZ_MAX_ARGS;
    args = ct_args_new();
    FZ_ASSERT(args != NULL);
    for (i = 0; i < n; i++) {
        names[i] = fz_name(&in, FZ_ARGS, FZ_LEN(FZ_ARGS));
        values[i] = fz_str(&in, &lens[i], 0);
        rc = ct_args_set(args, names[i], values[i], lens[i], &err);
        fz_check_error(rc, &err);
        FZ_ASSERT(rc == CT_OK);
        fz_sink += ct_param_find(ct_gateway_describe(FUZZ_GW)->ops->args,
                                 ct_gateway_describe(FUZZ_GW)->ops->nargs,
                                 names[i]) != NULL;
        /* the last value set wins */
        if (strcmp(names[i], "card_number") == 0) {
            pan = values[i];
            panlen = lens[i];
        } else if (strcmp(names[i], "security_code") == 0) {
            cvv = values[i];
            cvvlen = lens[i];
        }
    }

    rc = ct_build(client, op_of(client), args, &req, &err);
    fz_check_error(rc, &err);
    if (rc == CT_OK) {
        size_t blen, rlen, hn, k;
        const char *body, *hname, *hvalue;
        char *red;
        FZ_ASSERT(req != NULL);
        FZ_ASSERT(strcmp(ct_request_method(req), "POST") == 0);
        FZ_ASSERT(strncmp(ct_request_url(req), "https://", 8) == 0);
        body = ct_request_body(req, &blen);
        FZ_ASSERT(body != NULL && blen > 0 && body[blen] == '\0');
        fz_touch(body, blen);
        hn = ct_request_header_count(req);
        FZ_ASSERT(hn >= 1);
        for (k = 0; k < hn; k++) {
            FZ_ASSERT(ct_request_header(req, k, &hname, &hvalue) == CT_OK);
            fz_touch(hname, strlen(hname));
            fz_touch(hvalue, strlen(hvalue));
        }
        FZ_ASSERT(ct_request_header(req, hn, &hname, &hvalue) != CT_OK);
        if (FUZZ_GW == FZ_GW_YABANDPAY)
            FZ_ASSERT(ct_request_id(req) != NULL);
        red = ct_request_body_redacted(req, &rlen);
        FZ_ASSERT(red != NULL && red[rlen] == '\0');
        if (pan != NULL && panlen > 0 && !fz_skip("F2"))
            FZ_ASSERT(memmem(red, rlen, pan, panlen) == NULL);
        if (cvv != NULL && cvvlen > 0)
            FZ_ASSERT(!fz_quoted_in(red, rlen, cvv, cvvlen));
        ct_free_string(red);
    } else {
        FZ_ASSERT(req == NULL);
        FZ_ASSERT(rc == CT_ERR_VALIDATION || rc == CT_ERR_NOMEM);
        if (rc == CT_ERR_VALIDATION) {
            /* the field is named (empty only for an empty argument name) */
            int empty_name = 0;
            for (i = 0; i < n; i++)
                if (names[i][0] == '\0')
                    empty_name = 1;
            if (!empty_name)
                FZ_ASSERT(err.field[0] != '\0');
        }
        for (i = 0; i < n; i++) {
            size_t k;
            int also_name = 0;
            if (!fz_card_like(values[i], lens[i]))
                continue;
            for (k = 0; k < n; k++)
                if (memmem(names[k], strlen(names[k]), values[i], lens[i]))
                    also_name = 1;
            if (also_name)
                continue;
            FZ_ASSERT(memmem(err.message, strlen(err.message), values[i],
                             lens[i]) == NULL);
            FZ_ASSERT(memmem(err.field, strlen(err.field), values[i],
                             lens[i]) == NULL);
        }
    }
    ct_request_free(req);
    ct_args_free(args);
    fz_done(&in);
    return 0;
}
