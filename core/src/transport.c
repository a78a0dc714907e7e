/* transport.c - sending a built request with libcurl: TLS always verified,
 * no redirects, https only (http to loopback), no proxy unless configured,
 * capped responses, a pool of easy handles so that consecutive calls reuse
 * one connection and concurrent calls never share a handle, and retries
 * only for failures that provably sent nothing. */
#include "buf.h"
#include "cachecfg.h"
#include "client.h"
#include "clock.h"
#include "crypto.h"
#include "errors.h"
#include "mem.h"
#include "pool.h"
#include "request.h"
#include "setopt.h"
#include "share.h"
#include "trace.h"
#include "transport.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>

#define CT_MAX_RESPONSE (1024 * 1024)
#define CT_MAX_HEADER_BYTES (64 * 1024)

struct ct_transport {
    ct_pool *pool;        /* this process's; replaced after a fork (pool.c) */
    ct_share_ent *shared; /* or the process-wide one (share.c) */
    char user_agent[96];
};

static ct_err ct_handle_new(const ct_client *c, ct_transport *t, ct_pool *p,
                            CURL **out, ct_error *err);
static int ct_transport_cache_key(const ct_client *c, unsigned char key[32]);

ct_err ct_transport_new(const ct_client *c, ct_transport **out, ct_error *err)
{
    ct_transport *t;
    ct_pool *p;
    CURL *h;
    ct_err rc;

    *out = NULL;
    if (ct_global_init() != CT_OK)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "libcurl failed to start");
    t = ct_calloc(1, sizeof(*t));
    if (t == NULL)
        return ct_fail_nomem(err);
    snprintf(t->user_agent, sizeof(t->user_agent), "cardtoken/%s libcurl/%s",
             CT_VERSION, ct_curl_version());
    if (c->persistent && ct_cache_persistent()) {
        unsigned char key[32];
        if (!ct_transport_cache_key(c, key))
            rc = ct_fail_nomem(err);
        else if ((t->shared = ct_share_acquire(key, err)) == NULL)
            rc = err != NULL ? err->code : CT_ERR_NOMEM;
        else
            rc = CT_OK;
        OPENSSL_cleanse(key, sizeof(key));
        if (rc != CT_OK) {
            ct_transport_free(t);
            return rc;
        }
        p = ct_share_pool(&t->shared, err);
        if (p == NULL) {
            ct_transport_free(t);
            return err != NULL ? err->code : CT_ERR_NOMEM;
        }
        /* A warm handle of the same settings proves them already. */
        if ((h = ct_pool_get(p)) != NULL) {
            ct_pool_put(p, h);
            *out = t;
            return CT_OK;
        }
    } else if ((rc = ct_pool_new(&t->pool, err)) != CT_OK) {
        ct_transport_free(t);
        return rc;
    } else {
        p = t->pool;
    }
    /* One handle now, so that an option libcurl refuses (a proxy it cannot
     * take, say) fails the constructor rather than a call. */
    if ((rc = ct_handle_new(c, t, p, &h, err)) != CT_OK) {
        ct_transport_free(t);
        return rc;
    }
    ct_pool_put(p, h);
    *out = t;
    return CT_OK;
}

/* The digest of every setting a pooled handle takes from its client
 * (ct_transport_setopts): clients with equal digests share a pool. */
static int ct_transport_cache_key(const ct_client *c, unsigned char key[32])
{
    long low = (long)(c->timeout < 10 ? (c->timeout < 1 ? 1 : c->timeout) : 10);
    char lowtxt[24];
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned int n = 0;
    int ok;

    snprintf(lowtxt, sizeof(lowtxt), "%ld", low);
    ok = md != NULL && EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
         EVP_DigestUpdate(md, c->base_url, strlen(c->base_url) + 1) &&
         EVP_DigestUpdate(md, "c", 1) &&
         EVP_DigestUpdate(md, c->ca_file ? c->ca_file : "",
                          c->ca_file ? strlen(c->ca_file) + 1 : 0) &&
         EVP_DigestUpdate(md, "p", 1) &&
         EVP_DigestUpdate(md, c->proxy ? c->proxy : "",
                          c->proxy ? strlen(c->proxy) + 1 : 0) &&
         EVP_DigestUpdate(md, lowtxt, strlen(lowtxt) + 1) &&
         EVP_DigestFinal_ex(md, key, &n) && n == 32;
    EVP_MD_CTX_free(md);
    return ok;
}

void ct_transport_free(ct_transport *t)
{
    if (t == NULL)
        return;
    ct_pool_free(t->pool); /* abandons it instead in a forked child */
    ct_share_release(t->shared);
    ct_free_secret(t, sizeof(*t));
}

void ct_http_reply_free(ct_http_reply *r)
{
    ct_buf_free(&r->headers_raw);
    ct_buf_free(&r->body);
    ct_free_secret(r->headers, r->nheaders * sizeof(*r->headers));
    memset(r, 0, sizeof(*r));
}

/* libcurl silently resends a request whose reused keep-alive connection
 * died after the request went out. A payment request must never be sent
 * twice: the pre-request callback runs before every send of a transfer and
 * refuses the second one (ct_guard, transport.h). */
static int ct_on_prereq(void *userp, char *conn_primary_ip, char *conn_local_ip,
                        int conn_primary_port, int conn_local_port)
{
    ct_guard *g = userp;
    CT_UNUSED(conn_primary_ip);
    CT_UNUSED(conn_local_ip);
    CT_UNUSED(conn_primary_port);
    CT_UNUSED(conn_local_port);
    /* Every connection a send is about to use (for the freshness check of
     * pooled handles; a multi handle's connections are libcurl's). */
    if (g->h != NULL)
        ct_pool_note_connection(g->h);
    if (g->sends++ > 0) {
        g->refused = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

static size_t ct_on_body(char *data, size_t size, size_t nmemb, void *userp)
{
    ct_sink *s = userp;
    size_t n = size * nmemb;
    /* The cap is enforced here: CURLOPT_MAXFILESIZE misses chunked bodies. */
    if (s->reply->body.len + n > CT_MAX_RESPONSE) {
        s->too_large = 1;
        return 0;
    }
    ct_buf_append(&s->reply->body, data, n);
    s->nomem = !ct_buf_ok(&s->reply->body);
    return s->nomem ? 0 : n;
}

static size_t ct_on_header(char *data, size_t size, size_t nmemb, void *userp)
{
    ct_sink *s = userp;
    size_t n = size * nmemb;
    if (n >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        ct_buf_reset(&s->reply->headers_raw); /* a new (final) response */
        s->started = 1;
    }
    if (s->reply->headers_raw.len + n > CT_MAX_HEADER_BYTES) {
        s->too_large = 1;
        return 0;
    }
    ct_buf_append(&s->reply->headers_raw, data, n);
    s->nomem = !ct_buf_ok(&s->reply->headers_raw);
    return s->nomem ? 0 : n;
}

/* Splits the raw header block into name/value pairs (in place). */
static int ct_split_headers(ct_http_reply *r)
{
    char *p = r->headers_raw.data, *end;
    size_t cap = 0;
    if (p == NULL)
        return 1;
    end = p + r->headers_raw.len;
    for (char *q = p; q < end; q++)
        if (*q == '\n')
            cap++;
    r->headers = ct_calloc(cap + 1, sizeof(*r->headers));
    if (r->headers == NULL)
        return 0;
    while (p < end) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        /* lengths as size_t: GCC 14 cannot prove line_end >= p otherwise */
        size_t n = (size_t)((eol ? eol : end) - p);
        char *line_end, *colon, *v;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        line_end = p + n;
        colon = memchr(p, ':', n);
        if (colon != NULL &&
            !(line_end - p >= 5 && memcmp(p, "HTTP/", 5) == 0)) {
            v = colon + 1;
            while (v < line_end && (*v == ' ' || *v == '\t'))
                v++;
            r->headers[r->nheaders].name = p;
            r->headers[r->nheaders].name_len = (size_t)(colon - p);
            r->headers[r->nheaders].value = v;
            r->headers[r->nheaders].value_len = (size_t)(line_end - v);
            r->nheaders++;
        }
        if (eol == NULL)
            break;
        p = eol + 1;
    }
    return 1;
}

/* Runs on every new TLS context, after libcurl has set it up: no key log
 * (SSLKEYLOGFILE would let anyone with a capture read card data), and
 * OpenSSL wipes its plaintext buffers. */
static CURLcode ct_on_ssl_ctx(CURL *h, void *sslctx, void *userp)
{
    CT_UNUSED(h);
    CT_UNUSED(userp);
    SSL_CTX_set_keylog_callback((SSL_CTX *)sslctx, NULL);
    SSL_CTX_set_options((SSL_CTX *)sslctx, SSL_OP_CLEANSE_PLAINTEXT);
    return CURLE_OK;
}

/* Every option that carries security or routing is checked: a refused
 * one fails the call (or the constructor), never silently drops. */
#define CT_SETOPT_FIELD(h, opt, val, what, field)                              \
    do {                                                                       \
        CURLcode cc_ = curl_easy_setopt((h), (opt), (val));                    \
        if (cc_ != CURLE_OK) {                                                 \
            rc = ct_fail_setopt(err, cc_, (what), (field));                    \
            goto fail;                                                         \
        }                                                                      \
    } while (0)
#define CT_SETOPT(h, opt, val, what) CT_SETOPT_FIELD(h, opt, val, what, NULL)

static ct_err ct_handle_new(const ct_client *c, ct_transport *t, ct_pool *p,
                            CURL **out, ct_error *err)
{
    CURL *h = curl_easy_init();
    ct_err rc;

    *out = NULL;
    if (h == NULL)
        return ct_fail_nomem(err);
    if ((rc = ct_pool_attach(p, h, err)) != CT_OK ||
        (rc = ct_transport_setopts(c, t->user_agent, h, err)) != CT_OK) {
        ct_pool_discard(h);
        return rc;
    }
    *out = h;
    return CT_OK;
}

const char *ct_transport_user_agent(const ct_client *c)
{
    return c->transport->user_agent;
}

ct_err ct_transport_setopts(const ct_client *c, const char *user_agent, CURL *h,
                            ct_error *err)
{
    long low = (long)(c->timeout < 10 ? (c->timeout < 1 ? 1 : c->timeout) : 10);
    ct_err rc = CT_OK;

    CT_SETOPT(h, CURLOPT_NOSIGNAL, 1L, "signals");
#if LIBCURL_VERSION_NUM >= 0x075500
    CT_SETOPT(h, CURLOPT_PROTOCOLS_STR, "https,http", "the protocols");
    CT_SETOPT(h, CURLOPT_REDIR_PROTOCOLS_STR, "https", "the protocols");
#else
    CT_SETOPT(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTPS | CURLPROTO_HTTP),
              "the protocols");
    CT_SETOPT(h, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS,
              "the protocols");
#endif
    CT_SETOPT(h, CURLOPT_FOLLOWLOCATION, 0L, "redirects");
    CT_SETOPT(h, CURLOPT_SSL_VERIFYPEER, 1L, "TLS verification");
    CT_SETOPT(h, CURLOPT_SSL_VERIFYHOST, 2L, "TLS verification");
    CT_SETOPT(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2,
              "the TLS version");
    CT_SETOPT(h, CURLOPT_SSL_CTX_FUNCTION, ct_on_ssl_ctx, "TLS hygiene");
    if (c->ca_file != NULL)
        CT_SETOPT_FIELD(h, CURLOPT_CAINFO, c->ca_file, "ca_file", "ca_file");
    /* "" disables the proxy environment variables. */
    CT_SETOPT_FIELD(h, CURLOPT_PROXY, c->proxy ? c->proxy : "", "proxy",
                    c->proxy ? "proxy" : NULL);
    if (c->proxy != NULL) {
        CT_SETOPT(h, CURLOPT_PROXY_SSL_VERIFYPEER, 1L, "TLS verification");
        CT_SETOPT(h, CURLOPT_PROXY_SSL_VERIFYHOST, 2L, "TLS verification");
    }
    CT_SETOPT(h, CURLOPT_USERAGENT, user_agent, "the user agent");
    CT_SETOPT(h, CURLOPT_TCP_KEEPALIVE, 1L, "keep-alive");
    CT_SETOPT(h, CURLOPT_MAXAGE_CONN, ct_cache_idle_timeout(), "keep-alive");
    CT_SETOPT(h, CURLOPT_LOW_SPEED_LIMIT, 1L, "the timeouts");
    CT_SETOPT(h, CURLOPT_LOW_SPEED_TIME, low, "the timeouts");
    CT_SETOPT(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)CT_MAX_RESPONSE,
              "the response cap");
    CT_SETOPT(h, CURLOPT_PREREQFUNCTION, ct_on_prereq, "the resend guard");
    /* Small buffers: they are wiped when freed, and responses are small. */
    CT_SETOPT(h, CURLOPT_BUFFERSIZE, 4096L, "the buffers");
    CT_SETOPT(h, CURLOPT_UPLOAD_BUFFERSIZE, 16384L, "the buffers");
    CT_SETOPT(h, CURLOPT_WRITEFUNCTION, ct_on_body, "the response cap");
    CT_SETOPT(h, CURLOPT_HEADERFUNCTION, ct_on_header, "the response cap");
    CT_SETOPT(h, CURLOPT_POST, 1L, "the method");
fail:
    return rc;
}

static void ct_sleep(double secs)
{
    struct timespec ts;
    if (secs <= 0)
        return;
    ts.tv_sec = (time_t)secs;
    ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* Maps a libcurl failure to our error; *sent says whether the request may
 * have reached the server; returns whether a retry is safe. `sends` is how
 * often the pre-request callback ran in this transfer: once it ran, the
 * request may have gone out, whatever libcurl failed at afterwards (a
 * reused connection that died after the request, then a refused or
 * unresolvable reconnect, reports only the reconnect's error). */
static int ct_classify(CURLcode cc, CURL *h, const ct_sink *sink, int sends,
                       int replay, ct_err *code_out, ct_error *err)
{
    curl_off_t pre = 0, conn = 0;
    int sent, too_large = sink->too_large;
    ct_err code;

    /* When libcurl cannot say, assume the request went out. */
    if (curl_easy_getinfo(h, CURLINFO_PRETRANSFER_TIME_T, &pre) != CURLE_OK)
        pre = 1;
    if (curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &conn) != CURLE_OK)
        conn = 1;
    sent = pre > 0 || sink->started || sends > 0;
    /* libcurl reports a header line over its limit (100 KiB) as out of
     * memory: once the request went out, that is an answer too large. */
    if (cc == CURLE_OUT_OF_MEMORY && sent && !ct_wipe_has_failed()) {
        cc = CURLE_FILESIZE_EXCEEDED;
        too_large = 1;
    }
    if (replay) { /* the connection died after the request went out */
        cc = CURLE_SEND_ERROR;
        sent = 1;
    }
    /* libcurl reports some failed allocations as other errors (a proxy it
     * "could not resolve"): when one of its allocations failed, that is
     * what happened. */
    if (ct_wipe_has_failed() || sink->nomem)
        cc = CURLE_OUT_OF_MEMORY;
    switch (cc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        code = CT_ERR_DNS;
        sent = sends > 0;
        break;
    case CURLE_COULDNT_CONNECT:
        code = CT_ERR_CONNECT;
        sent = sends > 0;
        break;
    case CURLE_OPERATION_TIMEDOUT: code = CT_ERR_TIMEOUT; break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
        code = CT_ERR_TLS;
        sent = sends > 0;
        break;
#if LIBCURL_VERSION_NUM >= 0x080600
    case CURLE_TOO_LARGE: /* 8.6+: a header line over libcurl's limit */
#endif
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        code = too_large || cc != CURLE_WRITE_ERROR ? CT_ERR_TOO_LARGE
                                                    : CT_ERR_NETWORK;
        break;
    case CURLE_OUT_OF_MEMORY:
        *code_out = ct_fail_nomem(err);
        if (err != NULL)
            err->outcome_unknown = sent;
        return 0;
    default: code = CT_ERR_NETWORK; break;
    }
    *code_out = ct_fail(err, code, NULL, "%s: %s", ct_err_str(code),
                        curl_easy_strerror(cc));
    if (err != NULL) {
        err->outcome_unknown = sent;
        err->retryable = !sent && code != CT_ERR_TLS;
    }
    return !sent && (code == CT_ERR_DNS || code == CT_ERR_CONNECT ||
                     (code == CT_ERR_TIMEOUT && conn == 0));
}

/* Unhooks our stack data before the handle goes back to the pool; 0 when
 * libcurl refused (the handle is then closed, not pooled). */
static int ct_unhook(CURL *h)
{
    return curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_PREREQDATA, NULL) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_WRITEDATA, NULL) == CURLE_OK &&
           curl_easy_setopt(h, CURLOPT_HEADERDATA, NULL) == CURLE_OK;
}

ct_err ct_xfer_open(ct_client *c, const ct_request *req, CURL *h, ct_xfer *x,
                    ct_error *err)
{
    struct curl_slist *tmp;
    ct_buf line;
    size_t i;
    ct_err rc = CT_OK;

    x->started = ct_mono();
    x->deadline = x->started + c->timeout;
    x->backoff = 0.1;
    x->req = req;
    ct_buf_init(&line);
    for (i = 0; i < req->nheaders; i++) {
        ct_buf_reset(&line);
        ct_buf_puts(&line, req->hname[i]);
        ct_buf_puts(&line, ": ");
        ct_buf_puts(&line, req->hvalue[i]);
        if (!ct_buf_ok(&line) ||
            (tmp = curl_slist_append(x->headers, line.data)) == NULL) {
            ct_buf_free(&line);
            return ct_fail_nomem(err);
        }
        x->headers = tmp;
    }
    ct_buf_free(&line);
    if ((tmp = curl_slist_append(x->headers, "Expect:")) == NULL)
        return ct_fail_nomem(err);
    x->headers = tmp;
    x->broken = 1; /* until every setting below was taken */
    CT_SETOPT(h, CURLOPT_URL, req->url, "the URL");
    CT_SETOPT(h, CURLOPT_HTTPHEADER, x->headers, "the headers");
    /* POSTFIELDS: the head and the small body leave in one TLS write */
    CT_SETOPT(h, CURLOPT_POSTFIELDS, req->body.data ? req->body.data : "",
              "the body");
    CT_SETOPT(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body.len,
              "the body");
    CT_SETOPT(h, CURLOPT_PREREQDATA, &x->guard, "the resend guard");
    CT_SETOPT(h, CURLOPT_WRITEDATA, &x->sink, "the response cap");
    CT_SETOPT(h, CURLOPT_HEADERDATA, &x->sink, "the response cap");
    x->broken = 0;
fail:
    return rc;
}

ct_err ct_xfer_arm(const ct_client *c, CURL *h, ct_xfer *x,
                   ct_http_reply *reply, ct_error *err)
{
    double left = x->deadline - ct_mono();
    ct_err rc = CT_OK;

    if (left <= 0.001) {
        rc = ct_fail(err, CT_ERR_TIMEOUT, NULL,
                     "timed out before the gateway could be reached");
        if (err != NULL) {
            err->outcome_unknown = 0;
            err->retryable = 1;
        }
        return rc;
    }
    ct_http_reply_free(reply);
    x->tries++;
    x->guard.sends = 0; /* retried only when nothing was sent */
    x->guard.refused = 0;
    x->sink.reply = reply;
    x->sink.too_large = 0;
    x->sink.started = 0;
    x->sink.nomem = 0;
    x->broken = 1;
    CT_SETOPT(h, CURLOPT_TIMEOUT_MS, (long)(left * 1000), "the timeouts");
    CT_SETOPT(
        h, CURLOPT_CONNECTTIMEOUT_MS,
        (long)((c->connect_timeout < left ? c->connect_timeout : left) * 1000),
        "the timeouts");
    x->broken = 0;
fail:
    return rc;
}

int ct_xfer_done(const ct_client *c, CURL *h, ct_xfer *x, CURLcode cc,
                 ct_http_reply *reply, ct_err *rc, double *pause, ct_error *err)
{
    *rc = CT_OK;
    *pause = 0;
    if (cc == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        reply->status = (int)status;
        if (!ct_split_headers(reply)) {
            *rc = ct_fail_nomem(err);
            if (err != NULL)
                err->outcome_unknown = 1; /* it was answered */
        }
        ct_trace_attempt(c, h, x, cc, reply, *rc, err, 0);
        return 0;
    }
    if (!ct_classify(cc, h, &x->sink, x->guard.sends, x->guard.refused, rc,
                     err) ||
        x->attempt++ >= c->max_retries) {
        ct_trace_attempt(c, h, x, cc, reply, *rc, err, 0);
        return 0;
    }
    ct_trace_attempt(c, h, x, cc, reply, *rc, err, 1);
    *rc = CT_OK;
    /* Nothing reached the gateway: back off (with jitter) and retry. */
    {
        unsigned char r = 0;
        char rnd[2];
        double left = x->deadline - ct_mono();
        if (ct_random_alnum(rnd, 1))
            r = (unsigned char)rnd[0];
        *pause = x->backoff * (0.5 + (double)(r % 50) / 100.0);
        if (*pause > left - 0.05)
            *pause = left - 0.05;
        if (*pause < 0)
            *pause = 0;
        x->backoff *= 2;
    }
    return 1;
}

void ct_xfer_report(const ct_xfer *x, ct_http_reply *reply)
{
    reply->attempts = x->tries;
    reply->started = x->started;
    memcpy(reply->times, x->times, sizeof(reply->times));
    reply->reused = x->reused;
}

int ct_xfer_close(CURL *h, ct_xfer *x)
{
    int reusable = !x->broken && ct_unhook(h);
    curl_slist_free_all(x->headers); /* header values are not secret */
    x->headers = NULL;
    return reusable;
}

ct_err ct_transport_send(ct_client *c, const ct_request *req,
                         ct_http_reply *reply, ct_error *err)
{
    ct_transport *t = c->transport;
    CURL *h = NULL;
    ct_pool *pool;
    ct_xfer x;
    double pause;
    ct_err rc = CT_OK;

    memset(&x, 0, sizeof(x));
    /* After a fork this is a fresh pool: nothing inherited is used. */
    pool = t->shared != NULL ? ct_share_pool(&t->shared, err)
                             : ct_pool_current(&t->pool, err);
    if (pool == NULL) {
        rc = err != NULL ? err->code : CT_ERR_NOMEM;
        goto cleanup;
    }
    if ((h = ct_pool_get(pool)) == NULL &&
        (rc = ct_handle_new(c, t, pool, &h, err)) != CT_OK)
        goto cleanup;
    x.guard.h = h;
    if ((rc = ct_xfer_open(c, req, h, &x, err)) != CT_OK)
        goto cleanup;
    for (;;) {
        CURLcode cc;
        if ((rc = ct_xfer_arm(c, h, &x, reply, err)) != CT_OK)
            break;
        ct_wipe_reset_failed();
        cc = curl_easy_perform(h);
        ct_pool_transfer_done(h);
        if (!ct_xfer_done(c, h, &x, cc, reply, &rc, &pause, err))
            break;
        ct_sleep(pause);
    }
cleanup:
    /* a refused setting: the handle is closed, not pooled */
    if (h != NULL && ct_xfer_close(h, &x)) {
        ct_pool_put(pool, h);
        h = NULL;
    }
    ct_pool_discard(h);
    curl_slist_free_all(x.headers);
    if (rc != CT_OK)
        ct_http_reply_free(reply);
    ct_xfer_report(&x, reply);
    return rc;
}
