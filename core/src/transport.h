/* transport.h - sending requests with libcurl (transport.c). Private to the
 * core. */
#ifndef CT_TRANSPORT_H
#define CT_TRANSPORT_H

#include "buf.h"
#include "cardtoken.h"

typedef struct ct_transport ct_transport;

typedef struct ct_http_reply {
    int status;
    ct_buf headers_raw;
    ct_header *headers;
    size_t nheaders;
    ct_buf body;
} ct_http_reply;

ct_err ct_transport_new(const ct_client *c, ct_transport **out, ct_error *err);
void ct_transport_free(ct_transport *t);
/* Sends req, with retries of failures that provably sent nothing. */
ct_err ct_transport_send(ct_client *c, const ct_request *req,
                         ct_http_reply *reply, ct_error *err);
void ct_http_reply_free(ct_http_reply *r);

#endif /* CT_TRANSPORT_H */
