/* keycache.c - parsed RSA keys (EVP_PKEY) cached by the SHA-256 of their
 * kind and text, so that a client built per request does not parse its PEM
 * again. At most CT_KEYCACHE_MAX entries, least recently used evicted; an
 * entry holds its own reference (EVP_PKEY_up_ref), so a client keeps a key
 * after its eviction, and OpenSSL wipes the key when the last reference
 * goes. Only the digest is kept, never the text; two texts differing by one
 * byte are two entries. An EVP_PKEY is plain memory (no socket, no
 * process-bound state), so a forked child may use its parent's entries.
 * Off with the connection cache (ct_cache_configure persistent=0). */
#include "cachecfg.h"
#include "keycache.h"
#include "mem.h"

#include <pthread.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#define CT_KEYCACHE_MAX 32

typedef struct ct_key_ent {
    unsigned char digest[32];
    EVP_PKEY *key;
    unsigned long used; /* the clock of its last use */
} ct_key_ent;

static pthread_mutex_t ct_keys_lock = PTHREAD_MUTEX_INITIALIZER;
static ct_key_ent ct_keys[CT_KEYCACHE_MAX];
static unsigned long ct_keys_clock;

static void ct_keys_prepare(void)
{
    pthread_mutex_lock(&ct_keys_lock);
}
static void ct_keys_release(void)
{
    pthread_mutex_unlock(&ct_keys_lock);
}

void ct_keycache_fork_init(void)
{
    (void)pthread_atfork(ct_keys_prepare, ct_keys_release, ct_keys_release);
}

static int ct_key_digest(const char *text, size_t n, int private,
                         unsigned char out[32])
{
    unsigned char kind = private ? 'S' : 'P';
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned int len = 0;
    int ok = md != NULL && EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
             EVP_DigestUpdate(md, &kind, 1) && EVP_DigestUpdate(md, text, n) &&
             EVP_DigestFinal_ex(md, out, &len) && len == 32;
    EVP_MD_CTX_free(md);
    return ok;
}

EVP_PKEY *ct_keycache_get(const char *text, size_t n, int private)
{
    unsigned char d[32];
    EVP_PKEY *k = NULL;
    size_t i;

    if (!ct_cache_persistent() || !ct_key_digest(text, n, private, d))
        return NULL;
    pthread_mutex_lock(&ct_keys_lock);
    for (i = 0; i < CT_KEYCACHE_MAX; i++)
        if (ct_keys[i].key != NULL &&
            CRYPTO_memcmp(ct_keys[i].digest, d, sizeof(d)) == 0) {
            if (EVP_PKEY_up_ref(ct_keys[i].key)) {
                k = ct_keys[i].key;
                ct_keys[i].used = ++ct_keys_clock;
            }
            break;
        }
    pthread_mutex_unlock(&ct_keys_lock);
    OPENSSL_cleanse(d, sizeof(d));
    return k;
}

void ct_keycache_put(const char *text, size_t n, int private, EVP_PKEY *k)
{
    unsigned char d[32];
    EVP_PKEY *old = NULL;
    size_t i, slot = 0;

    if (!ct_cache_persistent() || !ct_key_digest(text, n, private, d))
        return;
    if (!EVP_PKEY_up_ref(k)) {
        OPENSSL_cleanse(d, sizeof(d));
        return;
    }
    pthread_mutex_lock(&ct_keys_lock);
    for (i = 0; i < CT_KEYCACHE_MAX; i++) {
        if (ct_keys[i].key == NULL) {
            slot = i;
            break;
        }
        if (ct_keys[i].used < ct_keys[slot].used)
            slot = i; /* the least recently used */
    }
    old = ct_keys[slot].key;
    memcpy(ct_keys[slot].digest, d, sizeof(d));
    ct_keys[slot].key = k;
    ct_keys[slot].used = ++ct_keys_clock;
    pthread_mutex_unlock(&ct_keys_lock);
    OPENSSL_cleanse(d, sizeof(d));
    EVP_PKEY_free(old); /* OpenSSL wipes the key with its last reference */
}

void ct_keycache_flush(void)
{
    EVP_PKEY *old[CT_KEYCACHE_MAX];
    size_t i;

    pthread_mutex_lock(&ct_keys_lock);
    for (i = 0; i < CT_KEYCACHE_MAX; i++) {
        old[i] = ct_keys[i].key;
        OPENSSL_cleanse(&ct_keys[i], sizeof(ct_keys[i]));
    }
    pthread_mutex_unlock(&ct_keys_lock);
    for (i = 0; i < CT_KEYCACHE_MAX; i++)
        EVP_PKEY_free(old[i]);
}

size_t ct_keycache_count(void)
{
    size_t i, n = 0;
    pthread_mutex_lock(&ct_keys_lock);
    for (i = 0; i < CT_KEYCACHE_MAX; i++)
        n += ct_keys[i].key != NULL;
    pthread_mutex_unlock(&ct_keys_lock);
    return n;
}
