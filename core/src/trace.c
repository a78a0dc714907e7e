/* trace.c - what an attempt and a call did, handed to the client's (or
 * the call's) observer: timings, sizes and codes, never a header value or
 * a body; the URL path goes through the text masking rule. Without an
 * observer nothing here runs past the first test (no allocation). */
#include "trace.h"

#include "client.h"
#include "clock.h"
#include "mem.h"
#include "request.h"
#include "transport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ct_client_set_observer(ct_client *c, ct_observer_fn fn, void *userp)
{
    if (c == NULL)
        return;
    c->observer = fn;
    c->observer_ud = userp;
}

static ct_observer_fn ct_trace_fn(const ct_client *c, const ct_request *req,
                                  void **ud)
{
    if (req != NULL && req->observer != NULL) {
        *ud = req->observer_ud;
        return req->observer;
    }
    *ud = c != NULL ? c->observer_ud : NULL;
    return c != NULL ? c->observer : NULL;
}

/* The URL's path (no scheme, host or query), masked, into out. */
static void ct_trace_path(const ct_request *req, char *out, size_t cap)
{
    const char *u = req->url != NULL ? req->url : "", *p, *q;
    if (req->path != NULL) {
        ct_mask_text(req->path, strlen(req->path), out, cap);
        return;
    }
    p = strstr(u, "://");
    p = p != NULL ? strchr(p + 3, '/') : NULL;
    if (p == NULL)
        p = "/";
    q = p + strcspn(p, "?#");
    ct_mask_text(p, (size_t)(q - p), out, cap);
}

/* The URL's host into out (cap > 1), its port (0: none). */
static int ct_trace_server(const char *u, char *out, size_t cap)
{
    const char *p = strstr(u, "://"), *e;
    size_t n;
    out[0] = '\0';
    if (p == NULL)
        return 0;
    p += 3;
    e = p + strcspn(p, ":/?#");
    n = (size_t)(e - p) < cap ? (size_t)(e - p) : cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    if (*e != ':')
        return 0;
    return atoi(e + 1);
}

static void ct_trace_base(ct_trace *t, const ct_client *c,
                          const ct_request *req, char *path, size_t cap,
                          char *server, size_t scap)
{
    memset(t, 0, sizeof(*t));
    t->gateway = c->ops != NULL ? (int)ct_client_gateway(c) : 0;
    t->operation = req->op != NULL ? req->op->name : "";
    t->method = req->method != NULL ? req->method : "";
    ct_trace_path(req, path, cap);
    t->path = path;
    t->port = ct_trace_server(req->url != NULL ? req->url : "", server, scap);
    t->server = server;
    t->gateway_code = "";
    t->outcome = "ok";
    t->error = "";
}

static void ct_trace_outcome(ct_trace *t, ct_err code, const ct_error *err)
{
    if (code == CT_OK)
        return;
    t->outcome = ct_category_name(ct_err_category(code));
    t->error = ct_err_name(code);
    if (err != NULL && err->code == code)
        t->gateway_code = err->gateway_code;
}

static double ct_us(CURL *h, CURLINFO what)
{
    curl_off_t v = 0;
    if (curl_easy_getinfo(h, what, &v) != CURLE_OK || v < 0)
        return 0;
    return (double)v / 1e6;
}

static long long ct_count(CURL *h, CURLINFO what)
{
    curl_off_t v = 0;
    if (curl_easy_getinfo(h, what, &v) != CURLE_OK || v < 0)
        return 0;
    return (long long)v;
}

void ct_trace_attempt(const ct_client *c, CURL *h, ct_xfer *x, CURLcode cc,
                      const ct_http_reply *reply, ct_err code,
                      const ct_error *err, int retrying)
{
    void *ud;
    ct_observer_fn fn = ct_trace_fn(c, x->req, &ud);
    ct_trace t;
    char path[512], server[256];
    long conns = 0;

    if (fn == NULL || x->req == NULL)
        return;
    ct_trace_base(&t, c, x->req, path, sizeof(path), server, sizeof(server));
    t.kind = CT_TRACE_ATTEMPT;
    t.attempt = x->tries;
    t.http_status = cc == CURLE_OK ? reply->status : 0;
    t.elapsed = ct_us(h, CURLINFO_TOTAL_TIME_T);
    t.dns = ct_us(h, CURLINFO_NAMELOOKUP_TIME_T);
    t.connect = ct_us(h, CURLINFO_CONNECT_TIME_T);
    t.tls = ct_us(h, CURLINFO_APPCONNECT_TIME_T);
    t.first_byte = ct_us(h, CURLINFO_STARTTRANSFER_TIME_T);
    t.reused =
        curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &conns) == CURLE_OK &&
        conns == 0 && cc == CURLE_OK;
    t.bytes_sent = ct_count(h, CURLINFO_SIZE_UPLOAD_T);
    t.bytes_received = ct_count(h, CURLINFO_SIZE_DOWNLOAD_T);
    t.retrying = retrying;
    x->times[0] = t.dns;
    x->times[1] = t.connect;
    x->times[2] = t.tls;
    x->times[3] = t.first_byte;
    x->reused = t.reused;
    ct_trace_outcome(&t, code, err);
    fn(ud, &t);
}

/* 1 when a header of that name carries a credential (its value is never
 * shown). */
static int ct_header_secret(const char *name, size_t len)
{
    static const char *const words[] = {"auth", "token",  "sign",  "secret",
                                        "key",  "cookie", "passw", "session"};
    char low[64];
    size_t i, w;
    if (len >= sizeof(low))
        return 1; /* an odd name: shown masked */
    for (i = 0; i < len; i++)
        low[i] =
            (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    low[len] = '\0';
    for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
        if (strstr(low, words[w]) != NULL)
            return 1;
    return 0;
}

/* new (ct_free_secret(*buf, *cap), ct_free_secret(hs, n * sizeof)): the
 * reply's headers with their values masked; NULL without headers or
 * memory. */
static ct_header *ct_trace_headers(const ct_http_reply *r, char **buf,
                                   size_t *cap)
{
    ct_header *hs;
    size_t i, need = 0, at = 0;
    *buf = NULL;
    *cap = 0;
    if (r->nheaders == 0 || r->headers == NULL)
        return NULL;
    for (i = 0; i < r->nheaders; i++)
        need += r->headers[i].name_len + r->headers[i].value_len + 6;
    hs = ct_calloc(r->nheaders, sizeof(*hs));
    *buf = ct_malloc(need);
    if (hs == NULL || *buf == NULL) {
        ct_free_secret(hs, r->nheaders * sizeof(*hs));
        ct_free_secret(*buf, need);
        *buf = NULL;
        return NULL;
    }
    *cap = need;
    for (i = 0; i < r->nheaders; i++) {
        const ct_header *h = &r->headers[i];
        char *name = *buf + at, *value;
        memcpy(name, h->name, h->name_len);
        name[h->name_len] = '\0';
        at += h->name_len + 1;
        value = *buf + at;
        if (ct_header_secret(h->name, h->name_len))
            hs[i].value_len = (size_t)snprintf(value, 4, "***");
        else
            hs[i].value_len =
                ct_mask_text(h->value, h->value_len, value, need - at);
        at += hs[i].value_len + 1;
        hs[i].name = name;
        hs[i].name_len = h->name_len;
        hs[i].value = value;
    }
    return hs;
}

/* In JSON text s: every string member named sign or signature (any case)
 * gets its value replaced by '*'s, in place (a signature shown in a log
 * would let no one forge one, but the issue's rule is: masked). */
static void ct_trace_mask_signs(char *s, size_t n)
{
    static const char *const names[] = {"\"sign\"", "\"signature\""};
    size_t i, k;
    if (s == NULL)
        return;
    for (i = 0; i < n; i++) {
        for (k = 0; k < 2; k++) {
            size_t m = strlen(names[k]), j;
            if (i + m > n || strncasecmp(s + i, names[k], m) != 0)
                continue;
            j = i + m;
            while (j < n && (s[j] == ' ' || s[j] == ':'))
                j++;
            if (j >= n || s[j] != '"')
                continue;
            for (j++; j < n && s[j] != '"'; j++) {
                if (s[j] == '\\' && j + 1 < n)
                    s[j++] = '*';
                s[j] = '*';
            }
            i = j;
            break;
        }
    }
}

void ct_trace_call(const ct_client *c, const ct_request *req,
                   const ct_http_reply *reply, ct_err rc, const ct_error *err)
{
    void *ud;
    ct_observer_fn fn = ct_trace_fn(c, req, &ud);
    ct_trace t;
    char path[512], server[256], *hbuf, *sent = NULL, *got = NULL;
    ct_header *hs;
    size_t hcap;

    if (fn == NULL || req == NULL)
        return;
    ct_trace_base(&t, c, req, path, sizeof(path), server, sizeof(server));
    t.kind = CT_TRACE_CALL;
    t.attempt = reply->attempts;
    t.http_status = reply->status;
    if (rc != CT_OK && err != NULL && err->http_status != 0)
        t.http_status = err->http_status;
    t.elapsed = reply->started > 0 ? ct_mono() - reply->started : 0;
    t.bytes_received = (long long)reply->body.len;
    t.bytes_sent = (long long)req->body.len;
    t.dns = reply->times[0];
    t.connect = reply->times[1];
    t.tls = reply->times[2];
    t.first_byte = reply->times[3];
    t.reused = reply->reused;
    ct_trace_outcome(&t, rc, err);
    t.headers = hs = ct_trace_headers(reply, &hbuf, &hcap);
    t.nheaders = hs != NULL ? reply->nheaders : 0;
    if (req->observer_flags & CT_OBSERVE_BODIES) {
        sent = ct_request_body_redacted(req, &t.request_body_len);
        if (reply->body.len > 0)
            got = ct_mask_json(reply->body.data, reply->body.len,
                               &t.response_body_len);
        ct_trace_mask_signs(sent, t.request_body_len);
        ct_trace_mask_signs(got, t.response_body_len);
        t.request_body = sent;
        t.response_body = got;
    }
    fn(ud, &t);
    ct_free_secret(hs, t.nheaders * sizeof(*hs));
    ct_free_secret(hbuf, hcap);
    ct_free_string(sent);
    ct_free_string(got);
}

size_t ct_trace_format(const ct_trace *t, char *out, size_t cap)
{
    const char *gw = t->gateway ? ct_gateway_name((ct_gateway)t->gateway) : "";
    char status[16], outcome[96];
    int n;

    if (cap == 0)
        return 0;
    if (t->http_status != 0)
        snprintf(status, sizeof(status), "%d", t->http_status);
    else
        snprintf(status, sizeof(status), "-");
    snprintf(outcome, sizeof(outcome), "%s%s%s", t->outcome ? t->outcome : "",
             t->error && t->error[0] ? " " : "", t->error ? t->error : "");
    if (t->kind == CT_TRACE_ATTEMPT)
        n = snprintf(out, cap,
                     "%s %s attempt %d: %s %s -> %s %s in %.1f ms (dns %.1f, "
                     "connect %.1f, tls %.1f, first byte %.1f ms), connection "
                     "%s, sent %lld B, received %lld B%s",
                     gw, t->operation, t->attempt, t->method, t->path, status,
                     outcome, t->elapsed * 1e3, t->dns * 1e3, t->connect * 1e3,
                     t->tls * 1e3, t->first_byte * 1e3,
                     t->reused ? "reused" : "new", t->bytes_sent,
                     t->bytes_received, t->retrying ? ", retrying" : "");
    else
        n = snprintf(out, cap,
                     "%s %s call: %s %s -> %s %s after %d attempt(s) in %.1f "
                     "ms, gateway code %s",
                     gw, t->operation, t->method, t->path, status, outcome,
                     t->attempt, t->elapsed * 1e3,
                     t->gateway_code && t->gateway_code[0] ? t->gateway_code
                                                           : "-");
    if (n < 0)
        n = 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}
