/* mem.c - the core's allocator wrappers: wipe on free, and (in the
 * CT_ALLOC_TEST build) fail the n-th allocation on request. */
#include "mem.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#ifdef CT_ALLOC_TEST
/* Test builds only: fail allocation number ct_alloc_fail_at (1-based);
 * 0 disables. Not thread-safe, not compiled into releases. */
long ct_alloc_fail_at = 0;
long ct_alloc_count = 0;
int ct_alloc_should_fail(void)
{
    ct_alloc_count++;
    return ct_alloc_fail_at > 0 && ct_alloc_count == ct_alloc_fail_at;
}
#endif

void *ct_malloc(size_t n)
{
    if (ct_alloc_should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *ct_calloc(size_t n, size_t size)
{
    if (ct_alloc_should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void ct_free_secret(void *p, size_t n)
{
    if (p == NULL)
        return;
    OPENSSL_cleanse(p, n);
    free(p);
}

void ct_free_str(char *s)
{
    if (s != NULL)
        ct_free_secret(s, strlen(s));
}

char *ct_strndup(const char *s, size_t n)
{
    char *p = ct_malloc(n + 1);
    if (p == NULL)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ct_strdup(const char *s)
{
    return ct_strndup(s, strlen(s));
}

void ct_free_string(char *s)
{
    ct_free_str(s);
}

/* Size-prefixed allocator handed to jansson and libcurl, so that the
 * strings they hold (parsed responses carry card numbers and CVVs) are
 * wiped when freed. A magic word guards against pointers allocated before
 * the functions were installed, which go to plain free(). */
#define CT_WIPE_MAGIC ((size_t)0x63746b6e77697065ULL)
#define CT_WIPE_HDR 16

/* Set when an allocation by jansson or libcurl failed on this thread, so a
 * parse failure can be told apart from a memory failure. */
static _Thread_local int ct_wipe_failed;

void ct_wipe_reset_failed(void)
{
    ct_wipe_failed = 0;
}
int ct_wipe_has_failed(void)
{
    return ct_wipe_failed;
}
void ct_wipe_set_failed(void)
{
    ct_wipe_failed = 1;
}

void *ct_wipe_malloc(size_t n)
{
    unsigned char *p;
    if (ct_alloc_should_fail() || n > ((size_t)-1) - CT_WIPE_HDR) {
        ct_wipe_failed = 1;
        return NULL;
    }
    p = malloc(n + CT_WIPE_HDR);
    if (p == NULL) {
        ct_wipe_failed = 1;
        return NULL;
    }
    ((size_t *)p)[0] = n;
    ((size_t *)p)[1] = CT_WIPE_MAGIC ^ n;
    return p + CT_WIPE_HDR;
}

void ct_wipe_free(void *ptr)
{
    unsigned char *p;
    size_t n;
    if (ptr == NULL)
        return;
    p = (unsigned char *)ptr - CT_WIPE_HDR;
    n = ((size_t *)p)[0];
    if (((size_t *)p)[1] != (CT_WIPE_MAGIC ^ n)) {
        free(ptr); /* not ours */
        return;
    }
    /* explicit_bzero: the same guarantee as OPENSSL_cleanse (never
     * optimised away) but vectorised: libcurl frees kilobytes of buffers
     * per transfer, and OpenSSL's byte loop was 12 % of a Pagsmile call. */
    explicit_bzero(p, n + CT_WIPE_HDR);
    free(p);
}

void *ct_wipe_realloc(void *ptr, size_t n)
{
    size_t old;
    void *q;
    if (ptr == NULL)
        return ct_wipe_malloc(n);
    old = ((size_t *)((unsigned char *)ptr - CT_WIPE_HDR))[0];
    if (((size_t *)((unsigned char *)ptr - CT_WIPE_HDR))[1] !=
        (CT_WIPE_MAGIC ^ old))
        return realloc(ptr, n);
    q = ct_wipe_malloc(n);
    if (q == NULL)
        return NULL;
    memcpy(q, ptr, old < n ? old : n);
    ct_wipe_free(ptr);
    return q;
}

void *ct_wipe_calloc(size_t n, size_t size)
{
    void *p;
    if (size != 0 && n > ((size_t)-1) / size)
        return NULL;
    p = ct_wipe_malloc(n * size);
    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

char *ct_wipe_strdup(const char *s)
{
    size_t n = strlen(s);
    char *p = ct_wipe_malloc(n + 1);
    if (p != NULL)
        memcpy(p, s, n + 1);
    return p;
}
