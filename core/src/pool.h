/* pool.h - the per-process handle pool (pool.c). Private to the core. */
#ifndef CT_POOL_H
#define CT_POOL_H

#include <curl/curl.h>
#include "cardtoken.h"

typedef struct ct_pool ct_pool;
/* Registers the fork handlers (ct_global_init). */
void ct_fork_init(void);
ct_err ct_pool_new(ct_pool **out, ct_error *err);
/* Frees it; in a forked child, abandons it without sending a byte. */
void ct_pool_free(ct_pool *p);
/* *slot, or after a fork a fresh pool stored in *slot (the inherited one
 * abandoned); NULL: no memory. */
ct_pool *ct_pool_current(ct_pool **slot, ct_error *err);
/* Hooks a new handle to the pool (socket tracking, share handle). */
ct_err ct_pool_attach(ct_pool *p, CURL *h, ct_error *err);
/* An idle handle whose connection has no unread bytes, or NULL. */
CURL *ct_pool_get(ct_pool *p);
void ct_pool_put(ct_pool *p, CURL *h);
/* Closes a handle of the pool (NULL: no-op). */
void ct_pool_discard(CURL *h);
/* Inside a transfer, once connected / after it: which connection it used. */
void ct_pool_note_connection(CURL *h);
void ct_pool_transfer_done(CURL *h);

#endif /* CT_POOL_H */
