/*
 * fuzz_parse.c - a gateway's response parser through ct_parse: fuzzed HTTP
 * status, headers (names and values) and body, with or without the request
 * that was "sent" (YabandPay echoes its request_id, WorldFirst picks
 * retry_after from its retry_attempt).
 *
 * Built once per gateway (-DFUZZ_GW=...). For PayerMax and WorldFirst also
 * against the core built with -DCT_FUZZ_SKIP_SIGNATURES (binaries *_nosig):
 * there every RSA signature "verifies" and the parser behind the check gets
 * the fuzzed bodies; in the normal build the check is real and only the
 * seeds' genuine signatures pass it.
 * Besides the sanitizers: the error/result contract (fz_check_result) and
 * no card-number-like digit run in any error string (fz_check_no_pan).
 * Input layout: fuzz_format.h (parse_*).
 */
#include "fuzz_common.h"

#ifndef FUZZ_GW
#error "build with -DFUZZ_GW=<ct_gateway>"
#endif

#define FZ_MAX_HEADERS 12
#define FZ_MAX_REQS 9

static ct_client *client;
static ct_request *reqs[FZ_MAX_REQS];
static size_t nreqs;

static void fz_parse_setup(void)
{
    client = fz_client((ct_gateway)FUZZ_GW);
    switch ((ct_gateway)FUZZ_GW) {
    case CT_GW_PAGSMILE: {
        static const char *const a[] = {
            "card_number", "4235647728025682", "security_code", "123",
            "expiration_month", "12", "expiration_year", "2030",
            "cardholder_name", "APRO", NULL};
        reqs[nreqs++] = fz_request(client, a);
        break;
    }
    case CT_GW_PAYERMAX: {
        static const char *const a[] = {"user_id", "czy_0088", NULL};
        reqs[nreqs++] = fz_request(client, a);
        break;
    }
    case CT_GW_YABANDPAY: {
        static const char *const a[] = {
            "order_id", "ORD-20220122-0001", "card_number", "4235647728025682",
            "security_code", "123", "expiration_month", "12",
            "expiration_year", "2030", "cardholder_name", "John Smith",
            "email", "john.smith@example.com", "currency", "EUR",
            "description", "Card token", "notify_url",
            "https://merchant.example.com/notify/yabandpay", "request_id",
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", NULL};
        reqs[nreqs++] = fz_request(client, a);
        break;
    }
    case CT_GW_WORLDFIRST: {
        /* retry_attempt 0..8: the schedule and past its end */
        static const char *const attempts[FZ_MAX_REQS] = {
            "0", "1", "2", "3", "4", "5", "6", "7", "8"};
        size_t i;
        for (i = 0; i < FZ_MAX_REQS; i++) {
            const char *a[] = {"asset_id", "2022012210000000000000001",
                               "retry_attempt", attempts[i], NULL};
            reqs[nreqs++] = fz_request(client, a);
        }
        break;
    }
    }
}

FZ_INITIALIZE(fz_parse_setup())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in;
    ct_header h[FZ_MAX_HEADERS];
    const ct_request *req;
    const char *body;
    ct_result *res = NULL;
    const ct_op_desc *op;
    ct_error err;
    size_t nh, blen, i;
    int status;
    uint8_t rsel;
    ct_err rc;

    fz_begin(&in, data, size);
    status = fz_status(fz_u8(&in));
    rsel = fz_u8(&in);
    nh = fz_u8(&in) % (FZ_MAX_HEADERS + 1);
    for (i = 0; i < nh; i++) {
        h[i].name = fz_str(&in, &h[i].name_len, 0);
        h[i].value = fz_str(&in, &h[i].value_len, 0);
    }
    body = fz_rest(&in, &blen);
    req = rsel == 0 || rsel >= 0x80 ? NULL : reqs[(rsel - 1) % nreqs];
    op = op_of(client);
    if (rsel >= 0x80) { /* another operation's parser, without a request */
        const ct_gateway_desc *g = ct_gateway_describe(ct_client_gateway(client));
        op = &g->ops[(size_t)(rsel - 0x80) % g->nops];
    }

    rc = ct_parse(client, op, req, status, h, nh, body, blen, &res, &err);
    fz_check_result(rc, res, &err);
    fz_check_no_pan(&err);
    if (rc == CT_OK)
        FZ_ASSERT(status == 200);
    if (rc != CT_OK && status != 200)
        FZ_ASSERT(err.http_status == status);
    ct_result_free(res);
    fz_done(&in);
    return 0;
}
