/* share.h - the process-wide cache of connection pools (share.c). Private
 * to the core. */
#ifndef CT_SHARE_H
#define CT_SHARE_H

#include "cardtoken.h"
#include "pool.h"

typedef struct ct_share_ent ct_share_ent;

/* The entry for the 32-byte digest of (origin, CA file, proxy, timeouts),
 * created when missing, with one more reference; NULL: no memory. */
ct_share_ent *ct_share_acquire(const unsigned char key[32], ct_error *err);
/* The entry's pool for a call; after a fork, *slot is replaced by the
 * child's own entry for the same key first. NULL: no memory. */
ct_pool *ct_share_pool(ct_share_ent **slot, ct_error *err);
void ct_share_release(ct_share_ent *e);
/* Registers its fork handler (ct_fork_init). */
void ct_share_fork_init(void);
/* Frees every unreferenced entry (ct_cache_configure, tests). */
void ct_share_flush(void);
size_t ct_share_count(void);

#endif /* CT_SHARE_H */
