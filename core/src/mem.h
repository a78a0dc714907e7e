/* mem.h - memory: every core allocation, wiped on free (mem.c). Private to the
 * core. */
#ifndef CT_MEM_H
#define CT_MEM_H

#include <stddef.h>

#define CT_UNUSED(x) (void)(x)
#define CT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* All core allocations go through these so that a test build can fail the
 * n-th one (CT_ALLOC_TEST) and every secret can be wiped on free. */
void *ct_malloc(size_t n);
void *ct_calloc(size_t n, size_t size);
/* Frees after wiping `n` bytes. */
void ct_free_secret(void *p, size_t n);
/* Frees a NUL-terminated string after wiping it. */
void ct_free_str(char *s);
/* new: copy of s[0..n) plus a NUL. */
char *ct_strndup(const char *s, size_t n);
char *ct_strdup(const char *s);

/* Wiping allocator installed for jansson and libcurl by ct_global_init. */
void *ct_wipe_malloc(size_t n);
void ct_wipe_free(void *p);
void *ct_wipe_realloc(void *p, size_t n);
void *ct_wipe_calloc(size_t n, size_t size);
char *ct_wipe_strdup(const char *s);
void ct_wipe_reset_failed(void);
int ct_wipe_has_failed(void);
/* Marks an allocation failure for ct_wipe_has_failed (the arena's). */
void ct_wipe_set_failed(void);

/* CT_ALLOC_TEST builds: 1 when this allocation is the one to fail. */
#ifdef CT_ALLOC_TEST
int ct_alloc_should_fail(void);
#else
static inline int ct_alloc_should_fail(void)
{
    return 0;
}
#endif

#endif /* CT_MEM_H */
