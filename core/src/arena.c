/* arena.c - the per-call arena (arena.h). */
#include "arena.h"
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>

#include <openssl/crypto.h>

#define CT_ARENA_ALIGN 16
#define CT_ARENA_FIRST 4096

struct ct_arena_chunk {
    ct_arena_chunk *next;
    size_t cap, used;
    _Alignas(CT_ARENA_ALIGN) unsigned char data[];
};

static _Thread_local ct_arena *ct_arena_current;

void ct_arena_begin(ct_arena *a)
{
    a->chunks = NULL;
    a->allocs = 0;
    a->prev = ct_arena_current;
    ct_arena_current = a;
}

void ct_arena_end(ct_arena *a)
{
    ct_arena_chunk *c = a->chunks, *next;
    for (; c != NULL; c = next) {
        next = c->next;
        OPENSSL_cleanse(c->data, c->used);
        free(c);
    }
    a->chunks = NULL;
    ct_arena_current = a->prev;
}

static ct_arena_chunk *ct_arena_grow(ct_arena *a, size_t n)
{
    size_t cap = a->chunks ? a->chunks->cap * 2 : CT_ARENA_FIRST;
    ct_arena_chunk *c;
    while (cap < n)
        cap *= 2;
    c = malloc(sizeof(*c) + cap);
    if (c == NULL)
        return NULL;
    c->cap = cap;
    c->used = 0;
    c->next = a->chunks;
    a->chunks = c;
    return c;
}

void *ct_arena_alloc(ct_arena *a, size_t n)
{
    ct_arena_chunk *c = a->chunks;
    size_t need;
    void *p;
    if (ct_alloc_should_fail() || n > SIZE_MAX / 4)
        return NULL;
    need = (n + CT_ARENA_ALIGN - 1) & ~(size_t)(CT_ARENA_ALIGN - 1);
    if (need == 0)
        need = CT_ARENA_ALIGN;
    if (c == NULL || c->cap - c->used < need)
        if ((c = ct_arena_grow(a, need)) == NULL)
            return NULL;
    p = c->data + c->used;
    c->used += need;
    a->allocs++;
    return p;
}

static int ct_arena_owns(const ct_arena *a, const void *p)
{
    const ct_arena_chunk *c;
    uintptr_t q = (uintptr_t)p;
    for (; a != NULL; a = a->prev)
        for (c = a->chunks; c != NULL; c = c->next)
            if (q >= (uintptr_t)c->data && q < (uintptr_t)c->data + c->used)
                return 1;
    return 0;
}

void *ct_json_malloc(size_t n)
{
    void *p;
    if (ct_arena_current == NULL)
        return ct_wipe_malloc(n);
    if ((p = ct_arena_alloc(ct_arena_current, n)) == NULL)
        ct_wipe_set_failed();
    return p;
}

void ct_json_free(void *p)
{
    if (p == NULL || ct_arena_owns(ct_arena_current, p))
        return;
    ct_wipe_free(p);
}
