/* share.c - the process-wide cache of connection pools: clients of one
 * process whose endpoint, CA file, proxy and timeouts match (the 32-byte
 * digest the transport computes) share one pool (pool.c) of idle libcurl
 * handles, so a client built per request (php-fpm, a Django view) reuses
 * the warm connection, TLS session, DNS answer and CA store of the last one.
 *
 * Bounds: at most CT_SHARE_MAX entries; an entry no client holds is freed
 * when it is the least recently used one and room is needed, or when it was
 * unused for longer than the idle timeout. Each pool keeps at most
 * max_connections idle handles (pool.c); libcurl closes a connection idle
 * longer than the idle timeout (CURLOPT_MAXAGE_CONN) and the pool drops one
 * with unread bytes.
 *
 * Fork safety: in a child (pid or fork generation changed), the inherited
 * entries are taken out of the cache and their pools abandoned without a
 * byte sent (pool.c); a client that holds one gets the child's own entry
 * for the same key on its next call (ct_share_pool). */
#include "cachecfg.h"
#include "errors.h"
#include "keycache.h"
#include "mem.h"
#include "share.h"

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CT_SHARE_MAX 64

struct ct_share_ent {
    unsigned char key[32];
    ct_pool *pool;
    long refs;
    int dead; /* inherited from a parent: out of the cache */
    time_t last_used;
    struct ct_share_ent *prev, *next; /* most recently used first */
};

static pthread_mutex_t ct_share_lock = PTHREAD_MUTEX_INITIALIZER;
static ct_share_ent *ct_share_head;
static size_t ct_share_n;
static pid_t ct_share_pid;
static void ct_share_prepare(void)
{
    pthread_mutex_lock(&ct_share_lock);
}
static void ct_share_parent(void)
{
    pthread_mutex_unlock(&ct_share_lock);
}
static void ct_share_child(void)
{
    pthread_mutex_unlock(&ct_share_lock);
}

void ct_share_fork_init(void)
{
    (void)pthread_atfork(ct_share_prepare, ct_share_parent, ct_share_child);
}

static void ct_share_unlink(ct_share_ent *e)
{
    if (e->prev != NULL)
        e->prev->next = e->next;
    else
        ct_share_head = e->next;
    if (e->next != NULL)
        e->next->prev = e->prev;
    e->prev = e->next = NULL;
    ct_share_n--;
}

static void ct_share_ent_free(ct_share_ent *e)
{
    ct_pool_free(e->pool); /* abandons it instead in a forked child */
    ct_free_secret(e, sizeof(*e));
}

/* Under the lock: in a child, nothing of the parent's cache is used. */
static void ct_share_check_fork(void)
{
    ct_share_ent *e, *next;
    pid_t me = getpid();
    if (ct_share_pid == me)
        return;
    for (e = ct_share_head; e != NULL; e = next) {
        next = e->next;
        ct_share_unlink(e);
        e->dead = 1;
        ct_pool_free(e->pool); /* abandoned: no byte sent */
        e->pool = NULL;
        if (e->refs == 0)
            ct_free_secret(e, sizeof(*e));
    }
    ct_share_head = NULL;
    ct_share_n = 0;
    ct_share_pid = me;
}

/* Under the lock: frees unreferenced entries idle too long, then the least
 * recently used unreferenced ones while the cache is over `room`. */
static void ct_share_trim(size_t room, int all_idle)
{
    ct_share_ent *e, *prev, *tail = NULL;
    time_t now = time(NULL);
    long idle = ct_cache_idle_timeout();

    for (e = ct_share_head; e != NULL; e = e->next)
        tail = e;
    for (e = tail; e != NULL; e = prev) {
        prev = e->prev;
        if (e->refs > 0)
            continue;
        if (all_idle || ct_share_n > room || now - e->last_used > idle) {
            ct_share_unlink(e);
            ct_share_ent_free(e);
        }
    }
}

ct_share_ent *ct_share_acquire(const unsigned char key[32], ct_error *err)
{
    ct_share_ent *e;

    pthread_mutex_lock(&ct_share_lock);
    ct_share_check_fork();
    for (e = ct_share_head; e != NULL; e = e->next)
        if (memcmp(e->key, key, 32) == 0)
            break;
    if (e != NULL) {
        ct_share_unlink(e);
        ct_share_n++; /* re-linked at the head below */
    } else {
        ct_share_trim(CT_SHARE_MAX - 1, 0);
        e = ct_calloc(1, sizeof(*e));
        if (e == NULL || ct_pool_new(&e->pool, err) != CT_OK) {
            if (e != NULL)
                ct_free_secret(e, sizeof(*e));
            else
                ct_fail_nomem(err);
            pthread_mutex_unlock(&ct_share_lock);
            return NULL;
        }
        memcpy(e->key, key, 32);
        ct_share_n++;
    }
    e->next = ct_share_head;
    if (ct_share_head != NULL)
        ct_share_head->prev = e;
    ct_share_head = e;
    e->refs++;
    e->last_used = time(NULL);
    pthread_mutex_unlock(&ct_share_lock);
    return e;
}

void ct_share_release(ct_share_ent *e)
{
    if (e == NULL)
        return;
    pthread_mutex_lock(&ct_share_lock);
    ct_share_check_fork();
    e->last_used = time(NULL);
    if (--e->refs == 0) {
        if (e->dead)
            ct_free_secret(e, sizeof(*e)); /* its pool was abandoned */
        else if (!ct_cache_persistent() || ct_share_n > CT_SHARE_MAX) {
            ct_share_unlink(e);
            ct_share_ent_free(e);
        }
    }
    pthread_mutex_unlock(&ct_share_lock);
}

ct_pool *ct_share_pool(ct_share_ent **slot, ct_error *err)
{
    ct_share_ent *e = *slot, *fresh;
    unsigned char key[32];

    pthread_mutex_lock(&ct_share_lock);
    ct_share_check_fork();
    if (!e->dead) {
        e->last_used = time(NULL);
        pthread_mutex_unlock(&ct_share_lock);
        return e->pool;
    }
    memcpy(key, e->key, sizeof(key));
    pthread_mutex_unlock(&ct_share_lock);
    if ((fresh = ct_share_acquire(key, err)) == NULL)
        return NULL;
    /* Another thread of this child may have replaced it already. */
    if (__atomic_compare_exchange_n(slot, &e, fresh, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE)) {
        ct_share_release(e);
        return fresh->pool;
    }
    ct_share_release(fresh);
    return ct_share_pool(slot, err);
}

void ct_share_flush(void)
{
    pthread_mutex_lock(&ct_share_lock);
    ct_share_check_fork();
    ct_share_trim(0, 1);
    pthread_mutex_unlock(&ct_share_lock);
}

size_t ct_share_count(void)
{
    size_t n;
    pthread_mutex_lock(&ct_share_lock);
    ct_share_check_fork();
    n = ct_share_n;
    pthread_mutex_unlock(&ct_share_lock);
    return n;
}

ct_err ct_cache_configure(int persistent, long max_connections,
                          long idle_timeout, ct_error *err)
{
    if (max_connections != -1 && (max_connections < 1 || max_connections > 64))
        return ct_fail(err, CT_ERR_CONFIG, "max_connections",
                       "max_connections must be an integer from 1 to 64");
    if (idle_timeout != -1 && (idle_timeout < 1 || idle_timeout > 3600))
        return ct_fail(
            err, CT_ERR_CONFIG, "idle_timeout",
            "idle_timeout must be an integer from 1 to 3600 seconds");
    ct_cache_set(persistent, max_connections, idle_timeout);
    if (persistent == 0)
        ct_cache_flush();
    return CT_OK;
}

void ct_cache_info(int *persistent, long *max_connections, long *idle_timeout,
                   size_t *endpoints, size_t *keys)
{
    if (persistent != NULL)
        *persistent = ct_cache_persistent();
    if (max_connections != NULL)
        *max_connections = ct_cache_max_connections();
    if (idle_timeout != NULL)
        *idle_timeout = ct_cache_idle_timeout();
    if (endpoints != NULL)
        *endpoints = ct_share_count();
    if (keys != NULL)
        *keys = ct_keycache_count();
}

void ct_cache_flush(void)
{
    ct_share_flush();
    ct_keycache_flush();
}
