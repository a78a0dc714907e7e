/* arena.h - per-call arena: every jansson node a call makes comes from one
 * bump allocator, wiped once (OPENSSL_cleanse over the used bytes) and freed
 * once when the call ends (arena.c). Private to the core. */
#ifndef CT_ARENA_H
#define CT_ARENA_H

#include <stddef.h>

typedef struct ct_arena_chunk ct_arena_chunk;

typedef struct ct_arena {
    ct_arena_chunk *chunks; /* newest first */
    struct ct_arena *prev;  /* the arena this one was nested in */
    size_t allocs;          /* allocations served (tests read it) */
} ct_arena;

/* Makes `a` the calling thread's current arena: jansson's allocations on
 * this thread come from it until ct_arena_end(a). */
void ct_arena_begin(ct_arena *a);
/* Wipes every byte the arena handed out, frees its chunks and restores the
 * previous arena. Every pointer it handed out is dead afterwards. */
void ct_arena_end(ct_arena *a);
/* 16-byte aligned; NULL when out of memory (or CT_ALLOC_TEST says so). */
void *ct_arena_alloc(ct_arena *a, size_t n);

/* jansson's allocator (json_set_alloc_funcs): the current arena when there
 * is one, the wiping allocator (mem.c) otherwise; a free of an arena block
 * is a no-op (the block is wiped with its arena). */
void *ct_json_malloc(size_t n);
void ct_json_free(void *p);

#endif /* CT_ARENA_H */
