/* keys.c - RSA key loading: PEM with any label, or bare base64 of PKCS#1 or
 * PKCS#8 (private) and SPKI or PKCS#1 (public). Key material never reaches
 * an error message; every decoded buffer is wiped. */
#include "buf.h"
#include "crypto.h"
#include "errors.h"
#include "keycache.h"
#include "keys.h"
#include "mem.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

/* Extracts the base64 payload (PEM body or the whole text), drops
 * whitespace, decodes it. Returns the DER length, -1 when unreadable, -2
 * when out of memory. */
static long ct_key_der(const char *text, size_t n, unsigned char **der)
{
    ct_buf b64;
    const char *p = text, *end = text + n;
    long len = -1;
    size_t i;

    ct_buf_init(&b64);
    *der = NULL;
    if (n >= 11 && memmem(text, n, "-----BEGIN ", 11) != NULL) {
        const char *begin = memmem(text, n, "-----BEGIN ", 11);
        const char *eol = memchr(begin, '\n', (size_t)(end - begin));
        const char *stop;
        if (eol == NULL)
            goto cleanup;
        stop = memmem(eol, (size_t)(end - eol), "-----END ", 9);
        if (stop == NULL)
            goto cleanup;
        p = eol + 1;
        end = stop;
        /* Reject encrypted PEM (header lines such as Proc-Type). */
        if (memchr(p, ':', (size_t)(end - p)) != NULL)
            goto cleanup;
    }
    for (i = 0; p + i < end; i++) {
        char c = p[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        ct_buf_putc(&b64, c);
    }
    if (!ct_buf_ok(&b64)) {
        len = -2;
        goto cleanup;
    }
    if (b64.len == 0)
        goto cleanup;
    *der = ct_malloc(b64.len);
    if (*der == NULL) {
        len = -2;
        goto cleanup;
    }
    len = ct_b64_decode(b64.data, b64.len, *der, b64.len);
    if (len <= 0) {
        ct_free_secret(*der, b64.len);
        *der = NULL;
    }
cleanup:
    ct_buf_free(&b64);
    return len;
}

static ct_err ct_key_check(EVP_PKEY *k, const char *field, ct_error *err)
{
    if (EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA)
        return ct_fail(err, CT_ERR_KEY, field, "%s is not an RSA key", field);
    if (EVP_PKEY_get_bits(k) < 2048 || EVP_PKEY_get_bits(k) > 8192)
        return ct_fail(err, CT_ERR_KEY, field, "%s must be 2048 to 8192 bits",
                       field);
    return CT_OK;
}

/* Decodes DER as a private key (PKCS#8 or PKCS#1) or a public key (SPKI
 * or PKCS#1), refusing trailing bytes. */
static EVP_PKEY *ct_key_decode(const unsigned char *der, long len, int private)
{
    const unsigned char *p = der;
    EVP_PKEY *k =
        private ? d2i_AutoPrivateKey(NULL, &p, len) : d2i_PUBKEY(NULL, &p, len);
    if (k != NULL && p != der + len) {
        EVP_PKEY_free(k);
        k = NULL;
    }
    if (k == NULL && !private) {
        p = der;
        k = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, len);
        if (k != NULL && p != der + len) {
            EVP_PKEY_free(k);
            k = NULL;
        }
    }
    return k;
}

static ct_err ct_load_key(const char *text, size_t n, const char *field,
                          int private, EVP_PKEY **out, ct_error *err)
{
    unsigned char *der = NULL;
    long len;
    EVP_PKEY *k;
    ct_err rc;

    *out = NULL;
    /* Only a key that passed the checks below is ever cached. */
    if ((k = ct_keycache_get(text, n, private)) != NULL) {
        *out = k;
        return CT_OK;
    }
    len = ct_key_der(text, n, &der);
    k = len > 0 ? ct_key_decode(der, len, private) : NULL;
    ERR_clear_error();
    if (der != NULL)
        ct_free_secret(der, len > 0 ? (size_t)len : 0);
    if (len == -2)
        return ct_fail_nomem(err);
    if (k == NULL)
        return ct_fail(err, CT_ERR_KEY, field,
                       private ? "%s is not a readable RSA private key (PEM, "
                                 "or base64 of PKCS#1 or PKCS#8)"
                               : "%s is not a readable RSA public key (PEM, "
                                 "or base64 of SPKI or PKCS#1)",
                       field);
    rc = ct_key_check(k, field, err);
    if (rc != CT_OK) {
        EVP_PKEY_free(k);
        return rc;
    }
    ct_keycache_put(text, n, private, k);
    *out = k;
    return CT_OK;
}

ct_err ct_load_private_key(const char *text, size_t n, const char *field,
                           EVP_PKEY **out, ct_error *err)
{
    return ct_load_key(text, n, field, 1, out, err);
}

ct_err ct_load_public_key(const char *text, size_t n, const char *field,
                          EVP_PKEY **out, ct_error *err)
{
    return ct_load_key(text, n, field, 0, out, err);
}

EVP_PKEY *ct_key_parse(const char *text, size_t n, int private, int *nomem)
{
    unsigned char *der = NULL;
    long len = ct_key_der(text, n, &der);
    EVP_PKEY *k = len > 0 ? ct_key_decode(der, len, private) : NULL;

    ERR_clear_error();
    if (der != NULL)
        ct_free_secret(der, len > 0 ? (size_t)len : 0);
    *nomem = len == -2;
    return k;
}

void ct_rsa_keys_free(ct_rsa_keys *k)
{
    EVP_MD_CTX_free(k->sign_ctx);
    EVP_MD_CTX_free(k->verify_ctx);
    EVP_PKEY_free(k->private_key);
    EVP_PKEY_free(k->gateway_public_key);
    memset(k, 0, sizeof(*k));
}
