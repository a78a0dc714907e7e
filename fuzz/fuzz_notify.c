/*
 * fuzz_notify.c - a gateway's notification verifier through
 * ct_verify_notification. Built once per gateway (-DFUZZ_GW=...):
 *   Pagsmile    fields JSON (mode bit 0: the harness signs it: MD5)
 *   PayerMax    sign + body (RSA: the *_nosig binary reaches the parser)
 *   YabandPay   raw JSON or resultData= form body (mode bit 0: HMAC,
 *               bit 1: nested values as received instead of "Array")
 *               -DFUZZ_YB_FORM: always a form body (yabandpay_form)
 *   WorldFirst  path + headers + body (RSA: *_nosig as for PayerMax)
 * For MD5/HMAC the harness computes the right signature for the test key
 * over the placeholder FZ_SIGN_PLACEHOLDER, using the core's canonical
 * string helpers (canon.h, phpstr.h, json.h): the point is to reach the code behind the
 * check, not to test the canonical string (the vectors do that against
 * independent code).
 * On success the verified JSON must be what was posted (PayerMax,
 * WorldFirst: the same bytes; YabandPay: the same `data` value; Pagsmile:
 * the same value less its PHP-empty fields, which are never signed).
 * Input layouts: fuzz_format.h.
 */
#include "fuzz_common.h"
#include "buf.h"
#include "canon.h"
#include "crypto.h"
#include "json.h"
#include "phpstr.h"

#ifndef FUZZ_GW
#error "build with -DFUZZ_GW=<ct_gateway>"
#endif

#define FZ_MAX_HEADERS 12

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

/* new (owned by `in`): prefix + src with the first placeholder replaced by
 * `siglen` '0's; *at = where they are, or (size_t)-1. */
FZ_FN char *fz_with_slot(fz_in *in, const char *prefix, const char *src,
                          size_t n, int sign, size_t siglen, size_t *len,
                          size_t *at)
{
    size_t plen = strlen(prefix), ph = strlen(FZ_SIGN_PLACEHOLDER);
    const char *hit = sign ? memmem(src, n, FZ_SIGN_PLACEHOLDER, ph) : NULL;
    size_t total = plen + n + (hit ? siglen - ph : 0);
    char *out = fz_own(in, total);
    memcpy(out, prefix, plen);
    if (hit == NULL) {
        memcpy(out + plen, src, n);
        *at = (size_t)-1;
    } else {
        size_t before = (size_t)(hit - src);
        memcpy(out + plen, src, before);
        memset(out + plen + before, '0', siglen);
        memcpy(out + plen + before + siglen, hit + ph, n - before - ph);
        *at = plen + before;
    }
    *len = total;
    return out;
}

#if FUZZ_GW == FZ_GW_YABANDPAY
/* The JSON text of a notification body, the way the core finds it: raw
 * JSON, or the first resultData= field of a form. 0 when there is none. */
static int fz_yb_json(const char *body, size_t n, ct_buf *out)
{
    size_t i = 0;
    while (i < n && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' ||
                     body[i] == '\t'))
        i++;
    if (i < n && body[i] == '{') {
        ct_buf_append(out, body, n);
        return ct_buf_ok(out);
    }
    i = 0;
    while (i < n) {
        const char *amp = memchr(body + i, '&', n - i);
        size_t end = amp ? (size_t)(amp - body) : n;
        if (end - i > 11 && memcmp(body + i, "resultData=", 11) == 0)
            return ct_url_decode(out, body + i + 11, end - i - 11, 1) == 0;
        i = end + 1;
    }
    return 0;
}

/* The notification's `data` object (new reference) or NULL; read as the
 * core reads it, or (all_real) with every number a real. */
static json_t *fz_yb_data(const char *body, size_t n, int all_real)
{
    ct_buf text;
    json_t *root = NULL, *data = NULL;
    ct_error err;
    json_error_t jerr;
    ct_buf_init(&text);
    if (fz_yb_json(body, n, &text) &&
        (all_real ? (root = json_loadb(text.data, text.len,
                                       JSON_REJECT_DUPLICATES |
                                           JSON_DECODE_INT_AS_REAL,
                                       &jerr)) != NULL
                  : ct_json_parse_bigint(text.data, text.len, &root, &err) ==
                        CT_OK)) {
        data = json_object_get(root, "data");
        if (json_is_object(data))
            json_incref(data);
        else
            data = NULL;
    }
    json_decref(root);
    ct_buf_free(&text);
    return data;
}

/* Writes HMAC-SHA256(sorted data fields as PHP converts them; mode bit 1:
 * nested ones as received) over body[at..at+64). */
static void fz_yb_sign(char *body, size_t n, size_t at, int as_received)
{
    json_t *data = fz_yb_data(body, n, 0);
    ct_buf s, r, text;
    char hex[65];
    ct_error err;
    size_t ds = 0, de = 0;
    int nested = 0;
    if (data == NULL)
        return;
    ct_buf_init(&s);
    ct_buf_init(&r);
    ct_buf_init(&text);
    if (fz_yb_json(body, n, &text) && text.data != NULL &&
        ct_json_raw_member(text.data, text.len, "data", &ds, &de) &&
        ct_php_canon(&s, &r, &nested, data, text.data + ds, de - ds, &err) ==
            CT_OK) {
        const ct_buf *use = as_received && nested ? &r : &s;
        if (ct_hmac_sha256_hex("yabandpay-test-secret", 21,
                               use->data ? use->data : "", use->len, hex))
            memcpy(body + at, hex, 64);
    }
    ct_buf_free(&s);
    ct_buf_free(&r);
    ct_buf_free(&text);
    json_decref(data);
}
#endif

#if FUZZ_GW == FZ_GW_PAGSMILE
/* Writes MD5(sorted non-empty fields but sign & key=<app key>) at `at`. */
static void fz_pg_sign(char *text, size_t n, size_t at)
{
    static const char *const skip[] = {"sign", NULL};
    json_t *root = NULL;
    ct_buf s;
    char hex[33];
    ct_error err;
    if (ct_json_parse(text, n, &root, &err) != CT_OK)
        return;
    ct_buf_init(&s);
    if (ct_canon_objects(&s, root, NULL, skip, 1, 1, &err) == CT_OK) {
        ct_buf_puts(&s, "&key=pagsmile-test-key");
        if (ct_buf_ok(&s) && ct_md5_hex(s.data, s.len, hex))
            memcpy(text + at, hex, 32);
    }
    ct_buf_free(&s);
    json_decref(root);
}
#endif

/* The verified JSON is exactly the posted bytes. */
FZ_FN void fz_same_bytes(const ct_result *res, const char *text, size_t n)
{
    size_t len;
    const char *json = ct_result_json(res, &len);
    FZ_ASSERT(json != NULL);
    FZ_ASSERT(len == n);
    FZ_ASSERT(memcmp(json, text, n) == 0);
    FZ_ASSERT(json[len] == '\0');
}

#if FUZZ_GW == FZ_GW_PAGSMILE
/* Pagsmile: the verified JSON is the posted object without its PHP-empty
 * members (but `sign`), which the signed string leaves out. */
FZ_FN void fz_pg_signed_fields(const ct_result *res, const char *text, size_t n)
{
    size_t len;
    const char *json = ct_result_json(res, &len);
    json_t *got, *want;
    const char *key;
    json_t *v;
    void *tmp;

    FZ_ASSERT(json != NULL && json[len] == '\0');
    got = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
    want = json_loadb(text, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
    FZ_ASSERT(got != NULL && want != NULL);
    json_object_foreach_safe(want, tmp, key, v)
    {
        ct_buf scratch;
        int empty;
        ct_buf_init(&scratch);
        empty = ct_canon_render(&scratch, v, 1);
        ct_buf_free(&scratch);
        if (empty && strcmp(key, "sign") != 0)
            json_object_del(want, key);
    }
    FZ_ASSERT(json_equal(got, want));
    json_decref(got);
    json_decref(want);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in;
    ct_notification n;
    ct_result *res = NULL;
    ct_error err;
    ct_err rc;

    memset(&n, 0, sizeof(n));
    fz_begin(&in, data, size);

#if FUZZ_GW == FZ_GW_PAGSMILE
    {
        uint8_t mode = fz_u8(&in);
        size_t len, at;
        const char *rest = fz_rest(&in, &len);
        char *text = fz_with_slot(&in, "", rest, len, mode & 1, 32,
                                  &n.fields_json_len, &at);
        if (at != (size_t)-1)
            fz_pg_sign(text, n.fields_json_len, at);
        n.fields_json = text;
        rc = ct_verify_notification(client, &n, &res, &err);
        fz_check_result(rc, res, &err);
        fz_check_no_pan(&err);
        if (rc == CT_OK)
            fz_pg_signed_fields(res, n.fields_json, n.fields_json_len);
    }
#elif FUZZ_GW == FZ_GW_PAYERMAX
    n.sign = fz_str(&in, &n.sign_len, 0);
    n.body = fz_rest(&in, &n.body_len);
    rc = ct_verify_notification(client, &n, &res, &err);
    fz_check_result(rc, res, &err);
    fz_check_no_pan(&err);
    if (rc == CT_OK)
        fz_same_bytes(res, n.body, n.body_len);
#elif FUZZ_GW == FZ_GW_YABANDPAY
    {
        uint8_t mode = fz_u8(&in);
        size_t len, at, i = 0;
        const char *rest = fz_rest(&in, &len);
        const char *prefix = "";
        char *body;
        json_t *posted;
#ifdef FUZZ_YB_FORM
        /* always a form: a JSON start gets "resultData=" in front */
        while (i < len && (rest[i] == ' ' || rest[i] == '\n' ||
                           rest[i] == '\r' || rest[i] == '\t'))
            i++;
        if (i < len && rest[i] == '{')
            prefix = "resultData=";
#endif
        (void)i;
        body = fz_with_slot(&in, prefix, rest, len, mode & 1, 64, &n.body_len,
                            &at);
        if (at != (size_t)-1)
            fz_yb_sign(body, n.body_len, at, mode & 2);
        n.body = body;
        rc = ct_verify_notification(client, &n, &res, &err);
        fz_check_result(rc, res, &err);
        fz_check_no_pan(&err);
        if (rc == CT_OK) {
            /* the verified JSON is the posted data object, as valid JSON
             * (compared with every number a real: big integers allowed) */
            size_t jlen;
            const char *json = ct_result_json(res, &jlen);
            json_t *got;
            json_error_t jerr;
            FZ_ASSERT(json != NULL && json[jlen] == '\0');
            got = json_loadb(json, jlen,
                             JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL,
                             &jerr);
            FZ_ASSERT(json_is_object(got));
            posted = fz_yb_data(n.body, n.body_len, 1);
            FZ_ASSERT(posted != NULL);
            FZ_ASSERT(json_equal(got, posted));
            json_decref(posted);
            json_decref(got);
        }
    }
#elif FUZZ_GW == FZ_GW_WORLDFIRST
    {
        ct_header h[FZ_MAX_HEADERS];
        size_t i, plen;
        n.path = fz_str(&in, &plen, 1);
        n.nheaders = fz_u8(&in) % (FZ_MAX_HEADERS + 1);
        for (i = 0; i < n.nheaders; i++) {
            h[i].name = fz_str(&in, &h[i].name_len, 0);
            h[i].value = fz_str(&in, &h[i].value_len, 0);
        }
        n.headers = h;
        n.body = fz_rest(&in, &n.body_len);
        rc = ct_verify_notification(client, &n, &res, &err);
        fz_check_result(rc, res, &err);
        fz_check_no_pan(&err);
        if (rc == CT_OK)
            fz_same_bytes(res, n.body, n.body_len);
    }
#else
#error "unknown FUZZ_GW"
#endif

    ct_result_free(res);
    fz_done(&in);
    return 0;
}
