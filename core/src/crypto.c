/* crypto.c - the primitives: MD5 and HMAC-SHA256 in hex, SHA256withRSA,
 * base64, URL encoding, constant-time comparison, OS randomness. */
#include "buf.h"
#include "crypto.h"
#include "errors.h"
#include "mem.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

static void ct_hex(const unsigned char *in, size_t n, char *out);
static void ct_b64_encode(ct_buf *out, const unsigned char *in, size_t n);

/* Fetched once by ct_crypto_init (from ct_global_init), read-only after:
 * OpenSSL 3 otherwise looks the algorithms up again on every call. */
static EVP_MD *ct_md5, *ct_sha256;
static EVP_MAC *ct_hmac;

int ct_crypto_init(void)
{
    ct_md5 = EVP_MD_fetch(NULL, "MD5", NULL);
    ct_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
    ct_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    ERR_clear_error();
    return ct_md5 != NULL && ct_sha256 != NULL && ct_hmac != NULL;
}

EVP_MD_CTX *ct_sign_template(EVP_PKEY *key, int sign)
{
    EVP_MD_CTX *t = EVP_MD_CTX_new();
    if (t == NULL)
        return NULL;
    if ((sign ? EVP_DigestSignInit(t, NULL, ct_sha256, NULL, key)
              : EVP_DigestVerifyInit(t, NULL, ct_sha256, NULL, key)) != 1) {
        EVP_MD_CTX_free(t);
        ERR_clear_error();
        return NULL;
    }
    return t;
}

EVP_MAC_CTX *ct_hmac_template(const char *key, size_t klen)
{
    OSSL_PARAM params[2];
    EVP_MAC_CTX *t = EVP_MAC_CTX_new(ct_hmac);
    if (t == NULL)
        return NULL;
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                 (char *)"SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    if (EVP_MAC_init(t, (const unsigned char *)key, klen, params) != 1) {
        EVP_MAC_CTX_free(t);
        ERR_clear_error();
        return NULL;
    }
    return t;
}

int ct_hmac_sha256_hex_ctx(const EVP_MAC_CTX *tmpl, const char *data, size_t n,
                           char out[65])
{
    unsigned char md[32];
    size_t mdlen = 0;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_dup(tmpl);
    int ok = ctx != NULL &&
             EVP_MAC_update(ctx, (const unsigned char *)data, n) == 1 &&
             EVP_MAC_final(ctx, md, &mdlen, sizeof(md)) == 1 && mdlen == 32;
    EVP_MAC_CTX_free(ctx);
    if (ok)
        ct_hex(md, 32, out);
    OPENSSL_cleanse(md, sizeof(md));
    ERR_clear_error();
    return ok;
}

/* Lowercase hex of in[0..n) into out (2n+1 bytes). */
static void ct_hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

int ct_md5_hex(const char *data, size_t n, char out[33])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(data, n, md, &mdlen, ct_md5 ? ct_md5 : EVP_md5(), NULL) ||
        mdlen != 16)
        return 0;
    ct_hex(md, 16, out);
    return 1;
}

int ct_hmac_sha256_hex(const char *key, size_t klen, const char *data, size_t n,
                       char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (HMAC(EVP_sha256(), key, (int)klen, (const unsigned char *)data, n, md,
             &mdlen) == NULL ||
        mdlen != 32)
        return 0;
    ct_hex(md, 32, out);
    OPENSSL_cleanse(md, sizeof(md));
    return 1;
}

ct_err ct_rsa_sign_b64(const EVP_MD_CTX *tmpl, const char *data, size_t n,
                       ct_buf *out, ct_error *err)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char sig[1024];
    size_t siglen = sizeof(sig);
    ct_err rc = CT_OK;

    if (ctx == NULL)
        return ct_fail_nomem(err);
    /* keys are at most 8192 bits (checked when loaded): sig is big enough */
    if (EVP_MD_CTX_copy_ex(ctx, tmpl) != 1 ||
        EVP_DigestSign(ctx, sig, &siglen, (const unsigned char *)data, n) !=
            1) {
        ERR_clear_error();
        rc = ct_fail(err, CT_ERR_INTERNAL, NULL, "RSA signing failed");
        goto cleanup;
    }
    ct_b64_encode(out, sig, siglen);
    if (!ct_buf_ok(out))
        rc = ct_fail_nomem(err);
cleanup:
    EVP_MD_CTX_free(ctx);
    return rc;
}

int ct_rsa_verify(const EVP_MD_CTX *tmpl, const char *data, size_t n,
                  const unsigned char *sig, size_t siglen)
{
#ifdef CT_FUZZ_SKIP_SIGNATURES
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#error "CT_FUZZ_SKIP_SIGNATURES is for the fuzzing build (fuzz/Makefile) only"
#endif
    /* Fuzzing build only: every signature "verifies", so that the parsers
     * behind the check see fuzzed input. The bytes are still read, so that
     * AddressSanitizer checks the lengths the callers pass. */
    {
        volatile unsigned char sink = 0;
        size_t i;
        CT_UNUSED(tmpl);
        for (i = 0; i < n; i++)
            sink ^= (unsigned char)data[i];
        for (i = 0; i < siglen; i++)
            sink ^= sig[i];
        CT_UNUSED(sink);
        return 1;
    }
#endif
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok;
    if (ctx == NULL)
        return 0;
    ok =
        EVP_MD_CTX_copy_ex(ctx, tmpl) == 1 &&
        EVP_DigestVerify(ctx, sig, siglen, (const unsigned char *)data, n) == 1;
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return ok;
}

/* ct_b64_vals[c]: the 6-bit value of base64 digit c, or 64 (not a digit). */
static const unsigned char ct_b64_vals[256] = {
#define CT_B64_X16                                                             \
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64
    CT_B64_X16, CT_B64_X16, 64,         64,         64,         64,
    64,         64,         64,         64,         64,         64,
    64,         62,         64,         64,         64,         63,
    52,         53,         54,         55,         56,         57,
    58,         59,         60,         61,         64,         64,
    64,         64,         64,         64,         64,         0,
    1,          2,          3,          4,          5,          6,
    7,          8,          9,          10,         11,         12,
    13,         14,         15,         16,         17,         18,
    19,         20,         21,         22,         23,         24,
    25,         64,         64,         64,         64,         64,
    64,         26,         27,         28,         29,         30,
    31,         32,         33,         34,         35,         36,
    37,         38,         39,         40,         41,         42,
    43,         44,         45,         46,         47,         48,
    49,         50,         51,         64,         64,         64,
    64,         64,         CT_B64_X16, CT_B64_X16, CT_B64_X16, CT_B64_X16,
    CT_B64_X16, CT_B64_X16, CT_B64_X16, CT_B64_X16,
#undef CT_B64_X16
};

long ct_b64_decode(const char *in, size_t n, unsigned char *out, size_t cap)
{
    size_t i, o = 0, pad = 0;
    uint32_t acc = 0;
    int bits = 0;

    if (n % 4 != 0)
        return -1;
    /* every quad but the last: four digits (no '=' allowed there) */
    for (i = 0; i + 4 < n; i += 4) {
        unsigned a = ct_b64_vals[(unsigned char)in[i]],
                 b = ct_b64_vals[(unsigned char)in[i + 1]],
                 c = ct_b64_vals[(unsigned char)in[i + 2]],
                 d = ct_b64_vals[(unsigned char)in[i + 3]];
        if (((a | b | c | d) & 64) || cap - o < 3 || o > cap)
            return -1;
        out[o++] = (unsigned char)(a << 2 | b >> 4);
        out[o++] = (unsigned char)(b << 4 | c >> 2);
        out[o++] = (unsigned char)(c << 6 | d);
    }
    for (; i < n; i++) { /* the last quad, padding included */
        unsigned char c = (unsigned char)in[i];
        int v;
        if (c == '=') {
            if (i < n - 2)
                return -1;
            pad++;
            continue;
        }
        if (pad)
            return -1;
        v = ct_b64_vals[c];
        if (v == 64)
            return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap)
                return -1;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    if (pad > 2)
        return -1;
    return (long)o;
}

static void ct_b64_encode(ct_buf *out, const unsigned char *in, size_t n)
{
    size_t need = 4 * ((n + 2) / 3);
    if (!ct_buf_reserve(out, need))
        return;
    EVP_EncodeBlock((unsigned char *)out->data + out->len, in, (int)n);
    out->len += need;
    out->data[out->len] = '\0';
}

/* Percent-encodes s into out in one pass: room for the worst case (3
 * bytes per input byte) is reserved once, then written in place. */
void ct_url_encode(ct_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i;
    char *w;

    if (n > ((size_t)-1) / 4 || !ct_buf_reserve(out, 3 * n))
        return;
    w = ct_buf_end(out);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            *w++ = (char)c;
        } else {
            *w++ = '%';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        }
    }
    ct_buf_commit(out, (size_t)(w - ct_buf_end(out)));
}

static int ct_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes into out in place (the result is never longer than s). */
int ct_url_decode(ct_buf *out, const char *s, size_t n, int form)
{
    size_t i;
    char *w;

    if (!ct_buf_reserve(out, n))
        return -1;
    w = ct_buf_end(out);
    for (i = 0; i < n; i++) {
        if (s[i] == '%') {
            int hi, lo;
            if (i + 2 >= n)
                break;
            hi = ct_hexval(s[i + 1]);
            lo = ct_hexval(s[i + 2]);
            if (hi < 0 || lo < 0)
                break;
            *w++ = (char)(hi * 16 + lo);
            i += 2;
        } else if (form && s[i] == '+') {
            *w++ = ' ';
        } else {
            *w++ = s[i];
        }
    }
    ct_buf_commit(out, (size_t)(w - ct_buf_end(out)));
    return i == n ? 0 : -1;
}

int ct_consttime_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    return CRYPTO_memcmp(a, b, alen) == 0;
}

int ct_hex_matches(const char *expected, size_t n, const char *got, size_t glen)
{
    unsigned char diff = 0;
    size_t i;
    if (n != glen)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)got[i];
        /* fold A-F to a-f without a data-dependent branch */
        unsigned char upper = (unsigned char)(((unsigned)(c - 'A') < 6u) << 5);
        diff |= (unsigned char)((c | upper) ^ (unsigned char)expected[i]);
    }
    return diff == 0;
}

int ct_random_alnum(char *out, size_t n)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char r[64];
    size_t o = 0;
    while (o < n) {
        size_t i;
        if (RAND_bytes(r, sizeof(r)) != 1) {
            ERR_clear_error();
            return 0;
        }
        for (i = 0; i < sizeof(r) && o < n; i++)
            if (r[i] < 252) /* 252 = 7 * 36: no modulo bias */
                out[o++] = alphabet[r[i] % 36];
    }
    out[n] = '\0';
    return 1;
}
