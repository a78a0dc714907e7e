/* transport.h - sending requests with libcurl (transport.c). Private to the
 * core. */
#ifndef CT_TRANSPORT_H
#define CT_TRANSPORT_H

#include "buf.h"
#include "clock.h"
#include "cardtoken.h"

#include <curl/curl.h>

typedef struct ct_transport ct_transport;

typedef struct ct_http_reply {
    int status;
    ct_buf headers_raw;
    ct_header *headers;
    size_t nheaders;
    ct_buf body;
    /* set when the transfer ends, for trace.c */
    int attempts;
    double started;  /* ct_mono() when the call was opened */
    double times[4]; /* the last attempt's DNS, connect, TLS, first byte */
    int reused;
} ct_http_reply;

ct_err ct_transport_new(const ct_client *c, ct_transport **out, ct_error *err);
void ct_transport_free(ct_transport *t);
/* Sends req, with retries of failures that provably sent nothing. */
ct_err ct_transport_send(ct_client *c, const ct_request *req,
                         ct_http_reply *reply, ct_error *err);
void ct_http_reply_free(ct_http_reply *r);

/* ---- one transfer's steps, shared by ct_transport_send (blocking) and
 * multi.c (on a libcurl multi handle) ---- */

/* The no-silent-resend guard (the pre-request callback's data). `h`: a
 * pooled handle whose connections the pool tracks, or NULL. */
typedef struct ct_guard {
    CURL *h;
    int sends;
    int refused;
} ct_guard;

/* Where the answer goes (write/header callbacks' data), capped. */
typedef struct ct_sink {
    ct_http_reply *reply;
    int too_large;
    int started; /* a status line arrived */
    int nomem;
} ct_sink;

typedef struct ct_xfer {
    struct curl_slist *headers;
    ct_guard guard;
    ct_sink sink;
    double deadline; /* ct_mono() seconds: the call's timeout */
    double backoff;
    int attempt;
    int tries;       /* attempts armed */
    double started;  /* ct_mono() at ct_xfer_open */
    double times[4]; /* the last attempt's (trace.c; only when observed) */
    int reused;
    const ct_request *req;
    int broken; /* a setting was refused: close the handle, never reuse it */
} ct_xfer;

/* Every security, routing and cap setting of a new easy handle. */
ct_err ct_transport_setopts(const ct_client *c, const char *user_agent, CURL *h,
                            ct_error *err);
const char *ct_transport_user_agent(const ct_client *c);
/* Binds req (borrowed until ct_xfer_close) to h, sets the deadline. */
ct_err ct_xfer_open(ct_client *c, const ct_request *req, CURL *h, ct_xfer *x,
                    ct_error *err);
/* Before each attempt: the time left (CT_ERR_TIMEOUT, retryable, when none),
 * reply emptied. */
ct_err ct_xfer_arm(const ct_client *c, CURL *h, ct_xfer *x,
                   ct_http_reply *reply, ct_error *err);
/* After an attempt that ended with cc: 1 when it may be retried after
 * *pause seconds (nothing was sent), else 0 with the outcome in *rc. */
int ct_xfer_done(const ct_client *c, CURL *h, ct_xfer *x, CURLcode cc,
                 ct_http_reply *reply, ct_err *rc, double *pause,
                 ct_error *err);
/* The transfer's attempts, start and last timings into reply (after any
 * ct_http_reply_free), for the call's trace. */
void ct_xfer_report(const ct_xfer *x, ct_http_reply *reply);
/* Unhooks the transfer's data from h; 1 when h may be reused. */
int ct_xfer_close(CURL *h, ct_xfer *x);

#endif /* CT_TRANSPORT_H */
