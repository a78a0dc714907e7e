/* keys.h - RSA keys (keys.c). Private to the core. */
#ifndef CT_KEYS_H
#define CT_KEYS_H

#include <openssl/types.h>
#include "cardtoken.h"

/* PEM with any label, or bare base64 of PKCS#1/PKCS#8 (private), SPKI /
 * PKCS#1 (public). RSA >= 2048 bits. Errors are CT_ERR_KEY naming `field`,
 * never containing key material. */
ct_err ct_load_private_key(const char *text, size_t n, const char *field,
                           EVP_PKEY **out, ct_error *err);
ct_err ct_load_public_key(const char *text, size_t n, const char *field,
                          EVP_PKEY **out, ct_error *err);

/* new (EVP_PKEY_free): the key as ct_load_*_key reads it, of any type and
 * size, not cached (the doctor reports what it found); NULL when unreadable,
 * *nomem = 1 when memory ran out. */
EVP_PKEY *ct_key_parse(const char *text, size_t n, int private, int *nomem);

/* An RSA key pair and its keyed SHA256withRSA templates (copied per call). */
typedef struct ct_rsa_keys {
    EVP_PKEY *private_key;
    EVP_PKEY *gateway_public_key;
    EVP_MD_CTX *sign_ctx;
    EVP_MD_CTX *verify_ctx;
} ct_rsa_keys;
void ct_rsa_keys_free(ct_rsa_keys *k);

#endif /* CT_KEYS_H */
