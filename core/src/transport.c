/* transport.c - sending a built request with libcurl: TLS always verified,
 * no redirects, https only (http to loopback), no proxy unless configured,
 * capped responses, a pool of easy handles so that consecutive calls reuse
 * one connection and concurrent calls never share a handle, and retries
 * only for failures that provably sent nothing. */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/ssl.h>

#define CT_POOL_MAX 16
#define CT_MAX_RESPONSE (1024 * 1024)
#define CT_MAX_HEADER_BYTES (64 * 1024)

struct ct_transport {
    pthread_mutex_t lock;
    CURL *idle[CT_POOL_MAX];
    size_t nidle;
    CURLSH *share;
    pthread_mutex_t share_lock[CURL_LOCK_DATA_LAST];
    char user_agent[96];
};

static void ct_share_lock(CURL *h, curl_lock_data data,
                          curl_lock_access access, void *userp)
{
    struct ct_transport *t = userp;
    CT_UNUSED(h);
    CT_UNUSED(access);
    if ((int)data >= 0 && data < CURL_LOCK_DATA_LAST)
        pthread_mutex_lock(&t->share_lock[data]);
}

static void ct_share_unlock(CURL *h, curl_lock_data data, void *userp)
{
    struct ct_transport *t = userp;
    CT_UNUSED(h);
    if ((int)data >= 0 && data < CURL_LOCK_DATA_LAST)
        pthread_mutex_unlock(&t->share_lock[data]);
}

ct_err ct_transport_new(const ct_client *c, ct_transport **out, ct_error *err)
{
    ct_transport *t;
    int i;

    CT_UNUSED(c);
    *out = NULL;
    if (ct_global_init() != CT_OK)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "libcurl failed to start");
    t = ct_calloc(1, sizeof(*t));
    if (t == NULL)
        return ct_fail_nomem(err);
    pthread_mutex_init(&t->lock, NULL);
    for (i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_init(&t->share_lock[i], NULL);
    t->share = curl_share_init();
    if (t->share == NULL) {
        ct_transport_free(t);
        return ct_fail_nomem(err);
    }
    curl_share_setopt(t->share, CURLSHOPT_LOCKFUNC, ct_share_lock);
    curl_share_setopt(t->share, CURLSHOPT_UNLOCKFUNC, ct_share_unlock);
    curl_share_setopt(t->share, CURLSHOPT_USERDATA, t);
    curl_share_setopt(t->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(t->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    snprintf(t->user_agent, sizeof(t->user_agent),
             "cardtoken/%s libcurl/%s", CT_VERSION, ct_curl_version());
    *out = t;
    return CT_OK;
}

void ct_transport_free(ct_transport *t)
{
    size_t i;
    if (t == NULL)
        return;
    for (i = 0; i < t->nidle; i++)
        curl_easy_cleanup(t->idle[i]);
    if (t->share != NULL)
        curl_share_cleanup(t->share);
    for (i = 0; i < CURL_LOCK_DATA_LAST; i++)
        pthread_mutex_destroy(&t->share_lock[i]);
    pthread_mutex_destroy(&t->lock);
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
 * refuses the second one. */
typedef struct ct_guard {
    int sends;
    int refused;
} ct_guard;

static int ct_on_prereq(void *userp, char *conn_primary_ip,
                        char *conn_local_ip, int conn_primary_port,
                        int conn_local_port)
{
    ct_guard *g = userp;
    CT_UNUSED(conn_primary_ip);
    CT_UNUSED(conn_local_ip);
    CT_UNUSED(conn_primary_port);
    CT_UNUSED(conn_local_port);
    if (g->sends++ > 0) {
        g->refused = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

typedef struct ct_sink {
    ct_http_reply *reply;
    int too_large;
} ct_sink;

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
    return ct_buf_ok(&s->reply->body) ? n : 0;
}

static size_t ct_on_header(char *data, size_t size, size_t nmemb, void *userp)
{
    ct_sink *s = userp;
    size_t n = size * nmemb;
    if (n >= 5 && memcmp(data, "HTTP/", 5) == 0)
        ct_buf_reset(&s->reply->headers_raw); /* a new (final) response */
    if (s->reply->headers_raw.len + n > CT_MAX_HEADER_BYTES) {
        s->too_large = 1;
        return 0;
    }
    ct_buf_append(&s->reply->headers_raw, data, n);
    return ct_buf_ok(&s->reply->headers_raw) ? n : 0;
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
        char *line_end = eol ? eol : end, *colon, *v;
        if (line_end > p && line_end[-1] == '\r')
            line_end--;
        colon = memchr(p, ':', (size_t)(line_end - p));
        if (colon != NULL && !(line_end - p >= 5 && memcmp(p, "HTTP/", 5) == 0)) {
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

static CURL *ct_handle_new(const ct_client *c, ct_transport *t)
{
    CURL *h = curl_easy_init();
    if (h == NULL)
        return NULL;
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_SHARE, t->share);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTPS | CURLPROTO_HTTP));
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, ct_on_ssl_ctx);
    if (c->ca_file != NULL)
        curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
    /* "" disables the proxy environment variables. */
    curl_easy_setopt(h, CURLOPT_PROXY, c->proxy ? c->proxy : "");
    curl_easy_setopt(h, CURLOPT_USERAGENT, t->user_agent);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_MAXAGE_CONN, 50L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME,
                     (long)(c->timeout < 10 ? (c->timeout < 1 ? 1 : c->timeout) : 10));
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)CT_MAX_RESPONSE);
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, ct_on_prereq);
    /* Small buffers: they are wiped when freed, and responses are small. */
    curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 4096L);
    curl_easy_setopt(h, CURLOPT_UPLOAD_BUFFERSIZE, 16384L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, ct_on_body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, ct_on_header);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    return h;
}

static CURL *ct_pool_get(const ct_client *c, ct_transport *t)
{
    CURL *h = NULL;
    pthread_mutex_lock(&t->lock);
    if (t->nidle > 0)
        h = t->idle[--t->nidle];
    pthread_mutex_unlock(&t->lock);
    return h != NULL ? h : ct_handle_new(c, t);
}

static void ct_pool_put(ct_transport *t, CURL *h)
{
    pthread_mutex_lock(&t->lock);
    if (t->nidle < CT_POOL_MAX) {
        t->idle[t->nidle++] = h;
        h = NULL;
    }
    pthread_mutex_unlock(&t->lock);
    if (h != NULL)
        curl_easy_cleanup(h);
}

static double ct_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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
 * have reached the server; returns whether a retry is safe. */
static int ct_classify(CURLcode cc, CURL *h, int too_large, int replay,
                       ct_error *err)
{
    curl_off_t pre = 0, conn = 0;
    int sent;
    ct_err code;

    curl_easy_getinfo(h, CURLINFO_PRETRANSFER_TIME_T, &pre);
    curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &conn);
    sent = pre > 0;
    if (replay) { /* the connection died after the request went out */
        cc = CURLE_SEND_ERROR;
        sent = 1;
    }
    switch (cc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        code = CT_ERR_DNS;
        sent = 0;
        break;
    case CURLE_COULDNT_CONNECT:
        code = CT_ERR_CONNECT;
        sent = 0;
        break;
    case CURLE_OPERATION_TIMEDOUT:
        code = CT_ERR_TIMEOUT;
        break;
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
        sent = 0;
        break;
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        code = too_large || cc == CURLE_FILESIZE_EXCEEDED ? CT_ERR_TOO_LARGE
                                                          : CT_ERR_NETWORK;
        break;
    case CURLE_OUT_OF_MEMORY:
        ct_fail_nomem(err);
        if (err != NULL)
            err->outcome_unknown = sent;
        return 0;
    default:
        code = CT_ERR_NETWORK;
        break;
    }
    ct_fail(err, code, NULL, "%s: %s", ct_err_str(code), curl_easy_strerror(cc));
    if (err != NULL) {
        err->outcome_unknown = sent;
        err->retryable = !sent && code != CT_ERR_TLS;
    }
    return !sent && (code == CT_ERR_DNS || code == CT_ERR_CONNECT ||
                     (code == CT_ERR_TIMEOUT && conn == 0));
}

ct_err ct_transport_send(ct_client *c, const ct_request *req,
                         ct_http_reply *reply, ct_error *err)
{
    ct_transport *t = c->transport;
    struct curl_slist *headers = NULL, *tmp;
    ct_buf line;
    CURL *h = NULL;
    ct_sink sink;
    ct_guard guard;
    double deadline = ct_mono() + c->timeout, backoff = 0.1;
    int attempt;
    size_t i;
    ct_err rc = CT_OK;

    ct_buf_init(&line);
    for (i = 0; i < req->nheaders; i++) {
        ct_buf_reset(&line);
        ct_buf_puts(&line, req->hname[i]);
        ct_buf_puts(&line, ": ");
        ct_buf_puts(&line, req->hvalue[i]);
        if (!ct_buf_ok(&line) ||
            (tmp = curl_slist_append(headers, line.data)) == NULL) {
            rc = ct_fail_nomem(err);
            goto cleanup;
        }
        headers = tmp;
    }
    if ((tmp = curl_slist_append(headers, "Expect:")) == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    headers = tmp;
    if ((h = ct_pool_get(c, t)) == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    curl_easy_setopt(h, CURLOPT_URL, req->url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    /* POSTFIELDS: the head and the small body leave in one TLS write */
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body.data ? req->body.data : "");
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body.len);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, &guard);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);

    for (attempt = 0;; attempt++) {
        double left = deadline - ct_mono();
        CURLcode cc;
        long status = 0;
        if (left <= 0.001) {
            rc = ct_fail(err, CT_ERR_TIMEOUT, NULL,
                         "timed out before the gateway could be reached");
            if (err != NULL) {
                err->outcome_unknown = 0;
                err->retryable = 1;
            }
            break;
        }
        ct_http_reply_free(reply);
        guard.sends = 0; /* retried only when nothing was sent */
        guard.refused = 0;
        sink.reply = reply;
        sink.too_large = 0;
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(left * 1000));
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                         (long)((c->connect_timeout < left ? c->connect_timeout
                                                           : left) *
                                1000));
        cc = curl_easy_perform(h);
        if (cc == CURLE_OK) {
            curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
            reply->status = (int)status;
            if (!ct_split_headers(reply))
                rc = ct_fail_nomem(err);
            break;
        }
        if (!ct_classify(cc, h, sink.too_large, guard.refused, err) ||
            attempt >= c->max_retries) {
            rc = err ? err->code : CT_ERR_NETWORK;
            if (err == NULL)
                rc = CT_ERR_NETWORK;
            break;
        }
        /* Nothing reached the gateway: back off (with jitter) and retry. */
        {
            unsigned char r = 0;
            char rnd[2];
            if (ct_random_alnum(rnd, 1))
                r = (unsigned char)rnd[0];
            double pause = backoff * (0.5 + (double)(r % 50) / 100.0);
            left = deadline - ct_mono();
            if (pause > left - 0.05)
                pause = left - 0.05;
            ct_sleep(pause);
            backoff *= 2;
        }
    }
    /* Unhook our stack data before the handle goes back to the pool. */
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, NULL);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, NULL);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, NULL);
    ct_pool_put(t, h);
cleanup:
    ct_buf_free(&line);
    curl_slist_free_all(headers); /* header values are not secret */
    if (rc != CT_OK)
        ct_http_reply_free(reply);
    return rc;
}
