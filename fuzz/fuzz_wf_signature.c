/*
 * fuzz_wf_signature.c - the WorldFirst response signature check through
 * ct_parse: the header names are fixed (Content-Type, Client-Id,
 * Response-Time, Signature) and their values fuzzed, so that the mutations
 * go to the Signature parameter list ("algorithm=..,keyVersion=..,
 * signature=<url-encoded base64>"), its URL and base64 decoding and the
 * RSA verification. Real signature check: the seeds (the vectors' signed
 * responses) verify, mutations mostly do not.
 * Input layout: fuzz_format.h (wf_signature).
 */
#include "fuzz_common.h"

static ct_client *client;
static ct_request *req;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char *const a[] = {"asset_id", "2022012210000000000000001",
                                    NULL};
    (void)argc;
    (void)argv;
    fz_global_init();
    client = fz_client(CT_GW_WORLDFIRST);
    req = fz_request(client, a);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in;
    ct_header h[4];
    const char *body;
    ct_result *res = NULL;
    ct_error err;
    size_t blen;
    int with_req;
    ct_err rc;

    fz_begin(&in, data, size);
    h[0].name = "Content-Type";
    h[0].name_len = 12;
    h[0].value = "application/json; charset=UTF-8";
    h[0].value_len = 31;
    h[1].name = "Client-Id";
    h[1].name_len = 9;
    h[1].value = fz_str(&in, &h[1].value_len, 0);
    h[2].name = "Response-Time";
    h[2].name_len = 13;
    h[2].value = fz_str(&in, &h[2].value_len, 0);
    h[3].name = "Signature";
    h[3].name_len = 9;
    h[3].value = fz_str(&in, &h[3].value_len, 0);
    with_req = fz_u8(&in) & 1;
    body = fz_rest(&in, &blen);

    rc = ct_parse(client, op_of(client), with_req ? req : NULL, 200, h, 4, body, blen, &res,
                  &err);
    fz_check_result(rc, res, &err);
    fz_check_no_pan(&err);
    ct_result_free(res);
    fz_done(&in);
    return 0;
}
