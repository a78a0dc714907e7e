/* multi.c - non-blocking calls on a libcurl multi handle driven by the
 * caller's event loop (the sockets and the timer it asks for are watched by
 * the binding, which reports them with ct_multi_action).
 *
 * Everything a call does is the blocking path's: the request is built and
 * signed by ct_build, the easy handle gets transport.c's settings
 * (ct_transport_setopts), each attempt is armed, classified and retried by
 * transport.c's ct_xfer_* steps (connect/DNS failures only, within the
 * call's timeout, after the same back-off), the answer is verified and
 * parsed by ct_call_finish. Only the waiting differs: a back-off is a due
 * time in the multi's retry list, merged with libcurl's own timer into the
 * one timer the binding keeps.
 *
 * Connections: they live in the multi's connection cache and are reused
 * across calls; a cancelled transfer's connection is closed by libcurl
 * (curl_multi_remove_handle mid-transfer), never reused. Fork: every socket
 * the multi opens is known (open/close socket callbacks); in a child they
 * are pointed at /dev/null before anything is freed, so nothing reaches the
 * parent's peers. */
#include "call.h"
#include "client.h"
#include "errors.h"
#include "mem.h"
#include "request.h"
#include "trace.h"
#include "transport.h"

#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#define CT_MULTI_IDLE 64 /* easy handles kept for the next calls */
/* Idle connections kept for reuse: as many as calls were in flight at once
 * (libcurl's default follows the current number, which shrinks as a burst
 * ends), within these bounds. */
#define CT_MULTI_CONNS_MIN 16
#define CT_MULTI_CONNS_MAX 4096

typedef enum ct_tstate { CT_T_RUNNING, CT_T_WAITING, CT_T_DONE } ct_tstate;

struct ct_transfer {
    ct_multi *m;
    ct_transfer *prev, *next; /* every live transfer of the multi */
    ct_transfer *qnext;       /* the done queue */
    CURL *h;                  /* NULL once done */
    ct_request *req;
    ct_http_reply reply;
    ct_xfer x;
    ct_tstate state;
    double retry_at; /* CT_T_WAITING: when to start the next attempt */
    ct_err rc;
    ct_error err;
    void *tag;
};

struct ct_multi {
    ct_client *c;
    CURLM *cm;
    pid_t pid;
    ct_watch_fn watch;
    ct_timer_fn timer;
    void *userp;
    ct_transfer *live;
    ct_transfer *done_head, *done_tail;
    size_t nlive;
    size_t nretry;   /* transfers waiting for a retry (retry_at > 0) */
    size_t maxconns; /* CURLMOPT_MAXCONNECTS as set */
    double curl_due; /* libcurl's timer (ct_mono), < 0: none */
    double armed;    /* what the binding was asked for, < 0: nothing */
    CURL *idle[CT_MULTI_IDLE];
    size_t nidle;
    size_t nhandles;
    unsigned char *fds; /* fds[s] != 0: socket s is ours and open */
    size_t nfds;
};

/* ---- sockets: the fork guard's inventory ---------------------------- */

static curl_socket_t ct_multi_open_socket(void *clientp, curlsocktype purpose,
                                          struct curl_sockaddr *addr)
{
    ct_multi *m = clientp;
    curl_socket_t s;

    if (purpose != CURLSOCKTYPE_IPCXN)
        return CURL_SOCKET_BAD;
    s = socket(addr->family, addr->socktype | SOCK_CLOEXEC, addr->protocol);
    if (s == CURL_SOCKET_BAD)
        return s;
    if ((size_t)s >= m->nfds) {
        size_t n = (size_t)s * 2 + 64;
        unsigned char *f = ct_calloc(n, 1);
        if (f == NULL) {
            close(s);
            return CURL_SOCKET_BAD;
        }
        if (m->fds != NULL)
            memcpy(f, m->fds, m->nfds);
        ct_free_secret(m->fds, m->nfds);
        m->fds = f;
        m->nfds = n;
    }
    m->fds[s] = 1;
    return s;
}

static int ct_multi_close_socket(void *clientp, curl_socket_t s)
{
    ct_multi *m = clientp;
    if (s >= 0 && (size_t)s < m->nfds)
        m->fds[s] = 0;
    return close(s);
}

/* ---- the binding's watches and timer -------------------------------- */

static int ct_multi_on_socket(CURL *h, curl_socket_t s, int what, void *userp,
                              void *socketp)
{
    ct_multi *m = userp;
    int ev = 0;
    CT_UNUSED(h);
    CT_UNUSED(socketp);
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
        ev |= CT_WATCH_IN;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
        ev |= CT_WATCH_OUT;
    if (m->watch != NULL)
        m->watch(m->userp, (int)s, ev);
    return 0;
}

/* Asks the binding for one timer at the earliest of libcurl's and the
 * retries' due times. A timer already asked for that fires earlier stays:
 * when it fires, ct_multi_action finds nothing due yet and asks again (so
 * the binding is not told about every small change of libcurl's timer). */
static void ct_multi_rearm(ct_multi *m)
{
    double due = m->curl_due, now;
    ct_transfer *t;
    long ms;

    for (t = m->nretry > 0 ? m->live : NULL; t != NULL; t = t->next)
        if (t->retry_at > 0 && (due < 0 || t->retry_at < due))
            due = t->retry_at;
    if (due < 0 || m->timer == NULL || (m->armed >= 0 && m->armed <= due))
        return;
    m->armed = due;
    now = ct_mono();
    ms = due <= now ? 0 : (long)((due - now) * 1000.0) + 1;
    m->timer(m->userp, ms);
}

static int ct_multi_on_timer(CURLM *cm, long ms, void *userp)
{
    ct_multi *m = userp;
    CT_UNUSED(cm);
    m->curl_due = ms < 0 ? -1 : ct_mono() + (double)ms / 1000.0;
    ct_multi_rearm(m);
    return 0;
}

/* ---- handles -------------------------------------------------------- */

static ct_err ct_multi_handle(ct_multi *m, CURL **out, ct_error *err)
{
    CURL *h;
    CURLcode cc;
    ct_err rc;

    if (m->nidle > 0) {
        *out = m->idle[--m->nidle];
        return CT_OK;
    }
    *out = NULL;
    if ((h = curl_easy_init()) == NULL)
        return ct_fail_nomem(err);
    m->nhandles++;
    if ((cc = curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION,
                               ct_multi_open_socket)) != CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, (void *)m)) !=
            CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION,
                               ct_multi_close_socket)) != CURLE_OK ||
        (cc = curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, (void *)m)) !=
            CURLE_OK)
        rc = ct_fail_nomem(err);
    else
        rc = ct_transport_setopts(m->c, ct_transport_user_agent(m->c), h, err);
    if (rc != CT_OK) {
        curl_easy_cleanup(h);
        m->nhandles--;
        return rc;
    }
    *out = h;
    return CT_OK;
}

static void ct_multi_release(ct_multi *m, CURL *h, int reusable)
{
    if (h == NULL)
        return;
    if (reusable && m->nidle < CT_MULTI_IDLE &&
        curl_easy_setopt(h, CURLOPT_PRIVATE, NULL) == CURLE_OK) {
        m->idle[m->nidle++] = h;
        return;
    }
    curl_easy_cleanup(h);
    m->nhandles--;
}

/* ---- lifetime ------------------------------------------------------- */

ct_err ct_multi_new(ct_client *c, ct_watch_fn watch, ct_timer_fn timer,
                    void *userp, ct_multi **out, ct_error *err)
{
    ct_multi *m;

    ct_error_clear(err);
    if (out == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    if (c == NULL)
        return ct_fail(err, CT_ERR_CLOSED, NULL, "client is closed");
    ct_error_set_gateway(err, ct_client_gateway(c));
    if ((m = ct_calloc(1, sizeof(*m))) == NULL)
        return ct_fail_nomem(err);
    m->c = c;
    m->pid = getpid();
    m->watch = watch;
    m->timer = timer;
    m->userp = userp;
    m->curl_due = -1;
    m->armed = -1;
    m->maxconns = CT_MULTI_CONNS_MIN;
    m->cm = curl_multi_init();
    if (m->cm == NULL ||
        curl_multi_setopt(m->cm, CURLMOPT_SOCKETFUNCTION, ct_multi_on_socket) ||
        curl_multi_setopt(m->cm, CURLMOPT_SOCKETDATA, (void *)m) ||
        curl_multi_setopt(m->cm, CURLMOPT_TIMERFUNCTION, ct_multi_on_timer) ||
        curl_multi_setopt(m->cm, CURLMOPT_TIMERDATA, (void *)m) ||
        curl_multi_setopt(m->cm, CURLMOPT_MAXCONNECTS,
                          (long)CT_MULTI_CONNS_MIN)) {
        ct_multi_free(m);
        return ct_fail_nomem(err);
    }
    *out = m;
    return CT_OK;
}

/* t leaves the retry list (when it is on it). */
static void ct_transfer_unretry(ct_transfer *t)
{
    if (t->retry_at > 0) {
        t->retry_at = 0;
        t->m->nretry--;
    }
}

static void ct_transfer_free(ct_transfer *t, int reusable)
{
    ct_multi *m = t->m;
    ct_transfer_unretry(t);
    if (t->h != NULL) {
        if (t->state == CT_T_RUNNING)
            curl_multi_remove_handle(m->cm, t->h);
        reusable = ct_xfer_close(t->h, &t->x) && reusable;
        ct_multi_release(m, t->h, reusable);
        t->h = NULL;
    }
    curl_slist_free_all(t->x.headers);
    if (t->prev != NULL)
        t->prev->next = t->next;
    else if (m->live == t)
        m->live = t->next;
    if (t->next != NULL)
        t->next->prev = t->prev;
    m->nlive--;
    ct_http_reply_free(&t->reply);
    ct_request_free(t->req);
    ct_free_secret(t, sizeof(*t));
}

void ct_multi_free(ct_multi *m)
{
    size_t i;

    if (m == NULL)
        return;
    m->watch = NULL; /* the binding is going away */
    m->timer = NULL;
    if (m->pid != getpid()) {
        /* A forked child: whatever closing writes (a TLS close_notify)
         * goes to /dev/null, never to the parent's peers. */
        int devnull = open("/dev/null", O_RDWR | O_CLOEXEC), ok = devnull >= 0;
        for (i = 0; ok && i < m->nfds; i++)
            if (m->fds[i] && dup2(devnull, (int)i) < 0)
                ok = 0;
        if (devnull >= 0)
            close(devnull);
        if (!ok)
            return; /* leak it all: still nothing is sent */
    }
    while (m->live != NULL)
        ct_transfer_free(m->live, 0);
    for (i = 0; i < m->nidle; i++)
        curl_easy_cleanup(m->idle[i]);
    m->nidle = 0;
    if (m->cm != NULL)
        curl_multi_cleanup(m->cm); /* closes the cached connections */
    ct_free_secret(m->fds, m->nfds);
    ct_free_secret(m, sizeof(*m));
}

size_t ct_multi_inflight(const ct_multi *m)
{
    return m ? m->nlive : 0;
}

size_t ct_multi_handles(const ct_multi *m)
{
    return m ? m->nhandles : 0;
}

void *ct_transfer_tag(const ct_transfer *t)
{
    return t ? t->tag : NULL;
}

/* ---- transfers ------------------------------------------------------ */

/* Marks t finished with t->rc / t->err and queues it for ct_multi_done;
 * its handle goes back to the idle list. */
static void ct_transfer_complete(ct_transfer *t)
{
    ct_multi *m = t->m;
    int reusable = ct_xfer_close(t->h, &t->x);
    ct_multi_release(m, t->h, reusable);
    t->h = NULL;
    t->state = CT_T_DONE;
    t->qnext = NULL;
    if (m->done_tail != NULL)
        m->done_tail->qnext = t;
    else
        m->done_head = t;
    m->done_tail = t;
}

/* Starts one attempt; on failure the transfer is complete. */
static void ct_transfer_attempt(ct_transfer *t)
{
    ct_multi *m = t->m;
    CURLMcode mc;

    ct_transfer_unretry(t);
    t->rc = ct_xfer_arm(m->c, t->h, &t->x, &t->reply, &t->err);
    if (t->rc != CT_OK) {
        ct_transfer_complete(t);
        return;
    }
    t->state = CT_T_RUNNING;
    if ((mc = curl_multi_add_handle(m->cm, t->h)) != CURLM_OK) {
        t->state = CT_T_WAITING; /* not in the multi */
        t->rc = mc == CURLM_OUT_OF_MEMORY
                    ? ct_fail_nomem(&t->err)
                    : ct_fail(&t->err, CT_ERR_INTERNAL, NULL,
                              "libcurl refused the transfer (%s); nothing "
                              "was sent",
                              curl_multi_strerror(mc));
        ct_transfer_complete(t);
    }
}

ct_err ct_multi_start(ct_multi *m, const ct_op_desc *op, const ct_args *args,
                      void *tag, ct_transfer **out, ct_error *err)
{
    return ct_multi_start_observed(m, op, args, tag, NULL, NULL, 0, out, err);
}

ct_err ct_multi_start_observed(ct_multi *m, const ct_op_desc *op,
                               const ct_args *args, void *tag,
                               ct_observer_fn fn, void *userp, int flags,
                               ct_transfer **out, ct_error *err)
{
    ct_transfer *t;
    ct_request *req = NULL;
    ct_err rc;

    if (out != NULL)
        *out = NULL;
    if (m == NULL || out == NULL) {
        ct_error_clear(err);
        return ct_fail(err, m ? CT_ERR_INTERNAL : CT_ERR_CLOSED, NULL,
                       m ? "NULL argument" : "client is closed");
    }
    if (m->pid != getpid()) {
        ct_error_clear(err);
        ct_error_set_gateway(err, ct_client_gateway(m->c));
        return ct_fail(err, CT_ERR_CLOSED, NULL,
                       "this event-loop state was made before a fork; the "
                       "child needs its own");
    }
    if ((rc = ct_build(m->c, op, args, &req, err)) != CT_OK)
        return rc;
    if ((t = ct_calloc(1, sizeof(*t))) == NULL) {
        ct_request_free(req);
        return ct_fail_nomem(err);
    }
    t->m = m;
    t->req = req;
    req->observer = fn;
    req->observer_ud = userp;
    req->observer_flags = flags;
    t->tag = tag;
    t->state = CT_T_WAITING;
    t->next = m->live;
    if (m->live != NULL)
        m->live->prev = t;
    m->live = t;
    m->nlive++;
    if (m->nlive > m->maxconns && m->nlive <= CT_MULTI_CONNS_MAX &&
        curl_multi_setopt(m->cm, CURLMOPT_MAXCONNECTS, (long)m->nlive) ==
            CURLM_OK)
        m->maxconns = m->nlive;
    ct_error_clear(&t->err);
    ct_error_set_gateway(&t->err, ct_client_gateway(m->c));
    if ((rc = ct_multi_handle(m, &t->h, err)) != CT_OK ||
        (rc = ct_xfer_open(m->c, req, t->h, &t->x, err)) != CT_OK ||
        curl_easy_setopt(t->h, CURLOPT_PRIVATE, (void *)t) != CURLE_OK) {
        if (rc == CT_OK)
            rc = ct_fail_nomem(err);
        ct_transfer_free(t, 0);
        return rc;
    }
    ct_wipe_reset_failed();
    ct_transfer_attempt(t);
    ct_multi_rearm(m);
    *out = t;
    return CT_OK;
}

/* Collects what libcurl finished: retried, or queued as done. */
static void ct_multi_collect(ct_multi *m)
{
    CURLMsg *msg;
    int left;

    while ((msg = curl_multi_info_read(m->cm, &left)) != NULL) {
        char *priv = NULL;
        ct_transfer *t;
        double pause;
        if (msg->msg != CURLMSG_DONE)
            continue;
        if (curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv) !=
                CURLE_OK ||
            priv == NULL)
            continue;
        t = (ct_transfer *)priv;
        curl_multi_remove_handle(m->cm, t->h);
        t->state = CT_T_WAITING;
        if (ct_xfer_done(m->c, t->h, &t->x, msg->data.result, &t->reply, &t->rc,
                         &pause, &t->err)) {
            t->retry_at = ct_mono() + pause;
            m->nretry++;
            continue;
        }
        ct_transfer_complete(t);
    }
}

void ct_multi_action(ct_multi *m, int fd, int events)
{
    int running = 0, mask = 0;
    ct_transfer *t, *next;
    double now;

    if (m == NULL || m->pid != getpid())
        return;
    ct_wipe_reset_failed();
    if (fd == CT_ACTION_TIMER) {
        m->armed = -1; /* the binding's timer fired */
        now = ct_mono();
        if (m->curl_due >= 0 && m->curl_due <= now + 0.0005) {
            m->curl_due = -1;
            curl_multi_socket_action(m->cm, CURL_SOCKET_TIMEOUT, 0, &running);
        }
        for (t = m->nretry > 0 ? m->live : NULL; t != NULL; t = next) {
            next = t->next;
            if (t->retry_at > 0 && t->retry_at <= now + 0.0005)
                ct_transfer_attempt(t);
        }
    } else {
        if (events & CT_WATCH_IN)
            mask |= CURL_CSELECT_IN;
        if (events & CT_WATCH_OUT)
            mask |= CURL_CSELECT_OUT;
        curl_multi_socket_action(m->cm, (curl_socket_t)fd, mask, &running);
    }
    ct_multi_collect(m);
    ct_multi_rearm(m);
}

ct_transfer *ct_multi_done(ct_multi *m)
{
    ct_transfer *t;
    if (m == NULL || (t = m->done_head) == NULL)
        return NULL;
    m->done_head = t->qnext;
    if (m->done_head == NULL)
        m->done_tail = NULL;
    t->qnext = NULL;
    return t;
}

/* Takes t off the done queue (when it is on it). */
static void ct_multi_unqueue(ct_transfer *t)
{
    ct_multi *m = t->m;
    ct_transfer **pp, *prev = NULL;
    for (pp = &m->done_head; *pp != NULL; prev = *pp, pp = &(*pp)->qnext)
        if (*pp == t) {
            *pp = t->qnext;
            if (m->done_tail == t)
                m->done_tail = prev;
            return;
        }
}

ct_err ct_transfer_finish(ct_transfer *t, ct_result **out, ct_error *err)
{
    ct_error local;
    ct_err rc;

    if (out != NULL)
        *out = NULL;
    if (err == NULL)
        err = &local;
    if (t == NULL || out == NULL || t->state != CT_T_DONE) {
        ct_error_clear(err);
        return ct_fail(err, CT_ERR_INTERNAL, NULL,
                       t == NULL || out == NULL ? "NULL argument"
                                                : "the transfer is not done");
    }
    ct_multi_unqueue(t);
    if (t->rc != CT_OK) {
        *err = t->err;
        rc = t->rc;
    } else {
        rc = ct_call_finish(t->m->c, t->req->op, t->req, &t->reply, out, err);
    }
    ct_xfer_report(&t->x, &t->reply);
    ct_trace_call(t->m->c, t->req, &t->reply, rc, err);
    ct_transfer_free(t, 1);
    return rc;
}

int ct_transfer_cancel(ct_transfer *t)
{
    ct_multi *m;
    int sent;
    if (t == NULL)
        return 0;
    switch (t->state) {
    case CT_T_RUNNING:
        /* once the pre-request callback ran, the request may be out */
        sent = t->x.guard.sends > 0 || t->x.sink.started;
        break;
    case CT_T_WAITING: sent = 0; break; /* retried only when none was sent */
    default: sent = t->rc == CT_OK || t->err.outcome_unknown; break;
    }
    m = t->m;
    ct_multi_unqueue(t);
    /* a transfer stopped midway: libcurl closes its connection */
    ct_transfer_free(t, 0);
    ct_multi_rearm(m);
    return sent;
}
