/* pool.c - the pool of libcurl easy handles behind a transport, per
 * process.
 *
 * Fork safety: a pool belongs to the process that made it. After fork()
 * (found by pthread_atfork or, for a clone that skips the handlers, by
 * getpid) the child gets a fresh pool and share handle on its first call;
 * the inherited ones are abandoned without a byte sent: their sockets are
 * first pointed at /dev/null (dup2), so whatever closing them writes (a TLS
 * close_notify) goes nowhere, and the parent's connections, traffic keys and
 * TLS sessions are never used by the child.
 *
 * Freshness: every socket a handle opens is known (open/close socket
 * callbacks), and an idle handle whose connection has unread bytes (the
 * socket is readable, or OpenSSL holds buffered data) is dropped instead of
 * reused, so an unsolicited or stale answer can never become the answer of
 * the next call. */
#include "cachecfg.h"
#include "errors.h"
#include "mem.h"
#include "pool.h"
#include "setopt.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/ssl.h>

#define CT_POOL_MAX 64 /* the cap of max_connections (share.c) */
#define CT_HANDLE_FDS 4

typedef struct ct_hinfo {
    struct ct_pool *pool;
    struct ct_hinfo *prev, *next; /* every live handle of the pool */
    curl_socket_t fd[CT_HANDLE_FDS];
    SSL *tls;             /* TLS object of the last transfer's connection */
    curl_socket_t tls_fd; /* ... and its socket (cleared when closed) */
} ct_hinfo;

struct ct_pool {
    pid_t pid; /* the process and fork generation it belongs to */
    unsigned long gen;
    int dead; /* abandoned in a child: no locking any more */
    pthread_mutex_t lock;
    CURL *idle[CT_POOL_MAX];
    size_t nidle;
    ct_hinfo *handles;
    CURLSH *share;
    pthread_mutex_t share_lock[CURL_LOCK_DATA_LAST];
};

/* ---- fork detection ------------------------------------------------- */

static pthread_mutex_t ct_fork_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long ct_fork_gen;

static void ct_atfork_prepare(void)
{
    pthread_mutex_lock(&ct_fork_lock);
}
static void ct_atfork_parent(void)
{
    pthread_mutex_unlock(&ct_fork_lock);
}
static void ct_atfork_child(void)
{
    __atomic_add_fetch(&ct_fork_gen, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&ct_fork_lock);
}

void ct_fork_init(void)
{
    /* Without the handlers the pid check still finds every fork. */
    (void)pthread_atfork(ct_atfork_prepare, ct_atfork_parent, ct_atfork_child);
}

static int ct_pool_inherited(const ct_pool *p)
{
    return p->pid != getpid() ||
           p->gen != __atomic_load_n(&ct_fork_gen, __ATOMIC_ACQUIRE);
}

static void ct_pool_lock(ct_pool *p)
{
    if (!p->dead)
        pthread_mutex_lock(&p->lock);
}

static void ct_pool_unlock(ct_pool *p)
{
    if (!p->dead)
        pthread_mutex_unlock(&p->lock);
}

/* ---- the share handle ----------------------------------------------- */

static void ct_share_lock(CURL *h, curl_lock_data data, curl_lock_access access,
                          void *userp)
{
    ct_pool *p = userp;
    CT_UNUSED(h);
    CT_UNUSED(access);
    if (!p->dead && (int)data >= 0 && data < CURL_LOCK_DATA_LAST)
        pthread_mutex_lock(&p->share_lock[data]);
}

static void ct_share_unlock(CURL *h, curl_lock_data data, void *userp)
{
    ct_pool *p = userp;
    CT_UNUSED(h);
    if (!p->dead && (int)data >= 0 && data < CURL_LOCK_DATA_LAST)
        pthread_mutex_unlock(&p->share_lock[data]);
}

ct_err ct_pool_new(ct_pool **out, ct_error *err)
{
    ct_pool *p;
    int i;

    *out = NULL;
    p = ct_calloc(1, sizeof(*p));
    if (p == NULL)
        return ct_fail_nomem(err);
    p->pid = getpid();
    p->gen = __atomic_load_n(&ct_fork_gen, __ATOMIC_ACQUIRE);
    pthread_mutex_init(&p->lock, NULL);
    for (i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_init(&p->share_lock[i], NULL);
    p->share = curl_share_init();
    if (p->share == NULL ||
        curl_share_setopt(p->share, CURLSHOPT_LOCKFUNC, ct_share_lock) ||
        curl_share_setopt(p->share, CURLSHOPT_UNLOCKFUNC, ct_share_unlock) ||
        curl_share_setopt(p->share, CURLSHOPT_USERDATA, p) ||
        curl_share_setopt(p->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) ||
        curl_share_setopt(p->share, CURLSHOPT_SHARE,
                          CURL_LOCK_DATA_SSL_SESSION)) {
        ct_pool_free(p);
        return ct_fail_nomem(err);
    }
    *out = p;
    return CT_OK;
}

/* ---- sockets -------------------------------------------------------- */

static curl_socket_t ct_on_open_socket(void *clientp, curlsocktype purpose,
                                       struct curl_sockaddr *addr)
{
    ct_hinfo *hi = clientp;
    curl_socket_t s = CURL_SOCKET_BAD;
    size_t i;

    if (purpose != CURLSOCKTYPE_IPCXN)
        return CURL_SOCKET_BAD;
    ct_pool_lock(hi->pool);
    for (i = 0; i < CT_HANDLE_FDS && hi->fd[i] != CURL_SOCKET_BAD; i++)
        ;
    if (i < CT_HANDLE_FDS) {
        s = socket(addr->family, addr->socktype | SOCK_CLOEXEC, addr->protocol);
        hi->fd[i] = s;
    }
    ct_pool_unlock(hi->pool);
    return s;
}

static int ct_on_close_socket(void *clientp, curl_socket_t s)
{
    ct_hinfo *hi = clientp;
    size_t i;

    ct_pool_lock(hi->pool);
    for (i = 0; i < CT_HANDLE_FDS; i++)
        if (hi->fd[i] == s)
            hi->fd[i] = CURL_SOCKET_BAD;
    if (hi->tls_fd == s) {
        hi->tls_fd = CURL_SOCKET_BAD;
        hi->tls = NULL;
    }
    ct_pool_unlock(hi->pool);
    return close(s);
}

static ct_hinfo *ct_hinfo_of(CURL *h)
{
    char *hi = NULL;
    curl_easy_getinfo(h, CURLINFO_PRIVATE, &hi);
    return (ct_hinfo *)hi;
}

/* ---- handles -------------------------------------------------------- */

ct_err ct_pool_attach(ct_pool *p, CURL *h, ct_error *err)
{
    ct_hinfo *hi = ct_calloc(1, sizeof(*hi));
    size_t i;
    CURLcode cc;

    if (hi == NULL)
        return ct_fail_nomem(err);
    hi->pool = p;
    hi->tls_fd = CURL_SOCKET_BAD;
    for (i = 0; i < CT_HANDLE_FDS; i++)
        hi->fd[i] = CURL_SOCKET_BAD;
    if ((cc = curl_easy_setopt(h, CURLOPT_PRIVATE, (void *)hi)) != CURLE_OK) {
        ct_free_secret(hi, sizeof(*hi));
        return ct_fail_setopt(err, cc, "the connection pool", NULL);
    }
    ct_pool_lock(p);
    hi->next = p->handles;
    if (p->handles != NULL)
        p->handles->prev = hi;
    p->handles = hi;
    ct_pool_unlock(p);
    /* One connection per handle: the freshness check sees all of them. */
    if ((cc = curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION,
                               ct_on_open_socket)) != CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, (void *)hi)) !=
            CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION,
                               ct_on_close_socket)) != CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, (void *)hi)) !=
            CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_MAXCONNECTS, 1L)) != CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_SHARE, p->share)) != CURLE_OK)
        return ct_fail_setopt(err, cc, "the connection pool", NULL);
    return CT_OK;
}

/* Closes a handle of the pool (its connection, if any, with it). */
void ct_pool_discard(CURL *h)
{
    ct_hinfo *hi;
    ct_pool *p;
    if (h == NULL)
        return;
    hi = ct_hinfo_of(h);
    curl_easy_cleanup(h); /* runs the close socket callback */
    if (hi == NULL)
        return;
    p = hi->pool;
    ct_pool_lock(p);
    if (hi->prev != NULL)
        hi->prev->next = hi->next;
    else
        p->handles = hi->next;
    if (hi->next != NULL)
        hi->next->prev = hi->prev;
    ct_pool_unlock(p);
    ct_free_secret(hi, sizeof(*hi));
}

void ct_pool_note_connection(CURL *h)
{
    ct_hinfo *hi = ct_hinfo_of(h);
    struct curl_tlssessioninfo *tsi = NULL;
    if (hi == NULL)
        return;
    /* Valid while the transfer runs: the connection's SSL object. */
    if (curl_easy_getinfo(h, CURLINFO_TLS_SSL_PTR, &tsi) != CURLE_OK ||
        tsi == NULL || tsi->backend != CURLSSLBACKEND_OPENSSL)
        tsi = NULL;
    ct_pool_lock(hi->pool);
    hi->tls = tsi != NULL ? tsi->internals : NULL;
    hi->tls_fd = CURL_SOCKET_BAD;
    ct_pool_unlock(hi->pool);
}

void ct_pool_transfer_done(CURL *h)
{
    ct_hinfo *hi = ct_hinfo_of(h);
    curl_socket_t s = CURL_SOCKET_BAD;
    size_t i;
    if (hi == NULL)
        return;
    /* The connection kept for reuse is the one the transfer used. */
    if (curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, &s) != CURLE_OK)
        s = CURL_SOCKET_BAD;
    ct_pool_lock(hi->pool);
    for (i = 0; i < CT_HANDLE_FDS && s != CURL_SOCKET_BAD; i++)
        if (hi->fd[i] == s)
            break;
    if (s == CURL_SOCKET_BAD || i == CT_HANDLE_FDS) {
        hi->tls = NULL;
        s = CURL_SOCKET_BAD;
    }
    hi->tls_fd = s;
    ct_pool_unlock(hi->pool);
}

/* Whether the idle handle's connection has bytes nobody asked for: a
 * readable (or failed, or closed) socket, or data OpenSSL already read. */
static int ct_handle_is_stale(CURL *h)
{
    ct_hinfo *hi = ct_hinfo_of(h);
    struct pollfd pfd[CT_HANDLE_FDS];
    nfds_t n = 0;
    size_t i;
    int stale = 0;

    if (hi == NULL)
        return 1;
    ct_pool_lock(hi->pool);
    for (i = 0; i < CT_HANDLE_FDS; i++) {
        if (hi->fd[i] == CURL_SOCKET_BAD)
            continue;
        pfd[n].fd = hi->fd[i];
        pfd[n].events = POLLIN | POLLPRI;
        pfd[n].revents = 0;
        n++;
    }
    if (hi->tls != NULL && hi->tls_fd != CURL_SOCKET_BAD &&
        (SSL_has_pending(hi->tls) || SSL_pending(hi->tls) > 0))
        stale = 1;
    ct_pool_unlock(hi->pool);
    if (!stale && n > 0 && poll(pfd, n, 0) != 0)
        stale = 1; /* readable, hung up, failed, or poll failed */
    return stale;
}

CURL *ct_pool_get(ct_pool *p)
{
    for (;;) {
        CURL *h = NULL;
        ct_pool_lock(p);
        if (p->nidle > 0)
            h = p->idle[--p->nidle];
        ct_pool_unlock(p);
        if (h == NULL || !ct_handle_is_stale(h))
            return h;
        ct_pool_discard(h);
    }
}

void ct_pool_put(ct_pool *p, CURL *h)
{
    size_t max = (size_t)ct_cache_max_connections();
    ct_pool_lock(p);
    if (p->nidle < max && p->nidle < CT_POOL_MAX) {
        p->idle[p->nidle++] = h;
        h = NULL;
    }
    ct_pool_unlock(p);
    ct_pool_discard(h);
}

/* ---- lifetime ------------------------------------------------------- */

/* In a child: nothing the parent's pool holds may send a byte. Sockets are
 * pointed at /dev/null first; idle handles are then closed (what they write
 * is lost); handles another thread of the parent was using at fork time are
 * leaked, as is the share they hold (that thread does not exist here). */
static void ct_pool_abandon(ct_pool *p)
{
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    ct_hinfo *hi;
    size_t i;

    p->dead = 1; /* its locks may have been held by a vanished thread */
    if (devnull < 0)
        return; /* leak it all: still nothing is sent */
    for (hi = p->handles; hi != NULL; hi = hi->next)
        for (i = 0; i < CT_HANDLE_FDS; i++)
            if (hi->fd[i] != CURL_SOCKET_BAD && dup2(devnull, hi->fd[i]) < 0)
                hi->fd[i] = CURL_SOCKET_BAD; /* left open, never used */
    close(devnull);
    for (i = 0; i < p->nidle; i++)
        ct_pool_discard(p->idle[i]);
    p->nidle = 0;
    if (p->handles != NULL)
        return;
    curl_share_cleanup(p->share);
    ct_free_secret(p, sizeof(*p));
}

void ct_pool_free(ct_pool *p)
{
    size_t i;
    if (p == NULL)
        return;
    if (ct_pool_inherited(p)) {
        ct_pool_abandon(p);
        return;
    }
    for (i = 0; i < p->nidle; i++)
        ct_pool_discard(p->idle[i]);
    p->nidle = 0;
    if (p->share != NULL)
        curl_share_cleanup(p->share);
    for (i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_destroy(&p->share_lock[i]);
    pthread_mutex_destroy(&p->lock);
    ct_free_secret(p, sizeof(*p));
}

ct_pool *ct_pool_current(ct_pool **slot, ct_error *err)
{
    ct_pool *p = __atomic_load_n(slot, __ATOMIC_ACQUIRE), *fresh;

    if (!ct_pool_inherited(p))
        return p;
    pthread_mutex_lock(&ct_fork_lock);
    p = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (ct_pool_inherited(p)) {
        if (ct_pool_new(&fresh, err) != CT_OK) {
            pthread_mutex_unlock(&ct_fork_lock);
            return NULL;
        }
        ct_pool_abandon(p);
        __atomic_store_n(slot, fresh, __ATOMIC_RELEASE);
        p = fresh;
    }
    pthread_mutex_unlock(&ct_fork_lock);
    return p;
}
