/* keycache.h - parsed RSA keys shared by digest (keycache.c). Private to
 * the core. */
#ifndef CT_KEYCACHE_H
#define CT_KEYCACHE_H

#include <stddef.h>
#include <openssl/types.h>

/* A new reference to the cached key of (text, kind), or NULL. */
EVP_PKEY *ct_keycache_get(const char *text, size_t n, int private);
/* Caches k (one more reference taken) under (text, kind). */
void ct_keycache_put(const char *text, size_t n, int private, EVP_PKEY *k);
/* Drops every entry (their references released). */
void ct_keycache_flush(void);
size_t ct_keycache_count(void);
/* Registers its fork handler (ct_fork_init). */
void ct_keycache_fork_init(void);

#endif /* CT_KEYCACHE_H */
