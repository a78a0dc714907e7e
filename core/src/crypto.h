/* crypto.h - hashes, MACs, RSA, base64, random (crypto.c). Private to the core.
 */
#ifndef CT_CRYPTO_H
#define CT_CRYPTO_H

#include <openssl/evp.h>
#include "buf.h"
#include "cardtoken.h"

int ct_md5_hex(const char *data, size_t n, char out[33]);
int ct_hmac_sha256_hex(const char *key, size_t klen, const char *data, size_t n,
                       char out[65]);
/* Appends the standard base64 of the SHA256withRSA signature. */
ct_err ct_rsa_sign_b64(const EVP_MD_CTX *tmpl, const char *data, size_t n,
                       ct_buf *out, ct_error *err);
/* 1 when sig (raw bytes) is a valid SHA256withRSA signature of data. */
int ct_rsa_verify(const EVP_MD_CTX *tmpl, const char *data, size_t n,
                  const unsigned char *sig, size_t siglen);
/* Fetches the algorithms once (ct_global_init). */
int ct_crypto_init(void);
/* new: a SHA256withRSA sign (sign=1) or verify context for key, copied for
 * each call (keyed once per client); NULL on failure. */
EVP_MD_CTX *ct_sign_template(EVP_PKEY *key, int sign);
/* new: an HMAC-SHA256 context keyed once per client. */
EVP_MAC_CTX *ct_hmac_template(const char *key, size_t klen);
int ct_hmac_sha256_hex_ctx(const EVP_MAC_CTX *tmpl, const char *data, size_t n,
                           char out[65]);
/* Strict standard base64 decode into out (cap bytes). -1 when invalid. */
long ct_b64_decode(const char *in, size_t n, unsigned char *out, size_t cap);
/* Percent-encodes every byte but unreserved ones, upper-case hex. */
void ct_url_encode(ct_buf *out, const char *s, size_t n);
/* Decodes %XX (and '+' as space when form); -1 when malformed. */
int ct_url_decode(ct_buf *out, const char *s, size_t n, int form);
int ct_consttime_eq(const char *a, size_t alen, const char *b, size_t blen);
/* Constant-time: does `got` equal the lowercase hex `expected`, ignoring
 * the case of got's letters? */
int ct_hex_matches(const char *expected, size_t n, const char *got,
                   size_t glen);
/* Fills out[0..n) with [a-z0-9] from the OS random source, NUL-ends. */
int ct_random_alnum(char *out, size_t n);

#endif /* CT_CRYPTO_H */
