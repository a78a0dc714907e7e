/*
 * fuzz_format.h - the byte layouts of the harness inputs, shared by the
 * harnesses (fuzz_*.c) and the seed generator (seed_corpus.c), so that seeds
 * extracted from tests/vectors decode exactly as intended.
 *
 * Primitives (FuzzedDataProvider style, consumed from the front):
 *   u8      one byte (0 when the input is exhausted)
 *   str     libFuzzer's ConsumeRandomLengthString: bytes up to a backslash
 *           followed by any other byte (both consumed); "\\\\" is one
 *           literal backslash. Ends early at the end of the input.
 *   rest    every remaining byte (no escaping)
 *   name    u8 selector s: s % 4 == 3 -> a str follows (a raw name);
 *           otherwise the name is table[(s / 4) % table_len]
 *
 * Layouts (one per harness family):
 *   parse_*           u8 status, u8 request, u8 nheaders,
 *                     nheaders x (str name, str value), rest body
 *                     (request: 0 none, the first operation; 1..0x7f one
 *                     of the harness's requests of it; 0x80 + k no request,
 *                     operation k % nops: every lifecycle parser)
 *   wf_signature      str Client-Id, str Response-Time, str Signature,
 *                     u8 request, rest body
 *   notify_pagsmile   u8 mode, rest fields JSON
 *   notify_payermax   str sign, rest body
 *   notify_yabandpay  u8 mode, rest body
 *   yabandpay_form    u8 mode, rest form body
 *   notify_worldfirst str path, u8 nheaders, nheaders x (str, str), rest body
 *   keys              u8 mode, [str private key when mode says "both"], rest key
 *   config            u8 gateway, u8 n, n x (name, str value)
 *   build_*           u8 n, n x (name, str value)
 * mode bit 0 (notify_pagsmile, notify_yabandpay, yabandpay_form): replace the
 * first FZ_SIGN_PLACEHOLDER by the correct MD5 / HMAC-SHA256 for the test
 * key, computed by the harness, so that the code behind the check runs.
 * notify_yabandpay and yabandpay_form sign the data values as PHP converts
 * them (nested values "Array"), or with mode bit 1 as received.
 */
#ifndef FUZZ_FORMAT_H
#define FUZZ_FORMAT_H

#define FZ_SIGN_PLACEHOLDER "@SIGN@"

/* -DFUZZ_GW=<n> takes these numbers (the ct_gateway values; plain macros so
 * that #if can test them). */
#define FZ_GW_PAGSMILE 1
#define FZ_GW_PAYERMAX 2
#define FZ_GW_YABANDPAY 3
#define FZ_GW_WORLDFIRST 4

/* parse_* status byte: below 0xF0 -> 200, else fz_statuses[b - 0xF0]. */
static const int fz_statuses[16] = {200, 301, 302, 304, 400, 401, 404, 429,
                                    500, 502, 503, 599, 600, 199, 0, -1};

/* config harness: every option name any gateway knows, and the gateways. */
static const char *const fz_option_names[] = {
    "environment", "base_url",    "timeout",     "connect_timeout",
    "ca_file",     "proxy",       "max_retries", "fixed_time",
    "merchant_no", "app_id",      "app_key",     "private_key",
    "gateway_public_key", "key_version", "user", "secret_key",
    "client_id"};

/* build_* harnesses: the argument names of each gateway. */
static const char *const fz_args_pagsmile[] = {
    "card_number", "security_code", "expiration_month", "expiration_year",
    "cardholder_name"};
static const char *const fz_args_payermax[] = {
    "user_id",    "token_scope", "payment_token_id", "payment_method_type",
    "target_org", "card_org",    "referral_code"};
static const char *const fz_args_yabandpay[] = {
    "order_id",         "card_number",     "security_code",
    "expiration_month", "expiration_year", "cardholder_name",
    "email",            "currency",        "description",
    "notify_url",       "operation",       "amount",
    "token_type",       "three_ds_initiate", "order_timeout",
    "request_id",       "redirect_url",    "form_type",
    "demo",             "sca_exemption"};
static const char *const fz_args_worldfirst[] = {"asset_id", "retry_attempt"};

#define FZ_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* keys harness mode byte. */
#define FZ_KEYS_WORLDFIRST 1    /* bit 0: 0 PayerMax, 1 WorldFirst */
#define FZ_KEYS_PRIVATE (0 << 1) /* (mode >> 1) % 3 == 0: private fuzzed */
#define FZ_KEYS_PUBLIC (1 << 1)  /*                   1: public fuzzed  */
#define FZ_KEYS_BOTH (2 << 1)    /*                   2: both fuzzed    */

#endif /* FUZZ_FORMAT_H */
