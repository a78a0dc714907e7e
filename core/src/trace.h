/* trace.h - the record of what an attempt and a call did, for the
 * observer (trace.c). Private to the core. */
#ifndef CT_TRACE_H
#define CT_TRACE_H

#include "cardtoken.h"
#include "transport.h"

#include <curl/curl.h>

/* One attempt on h ended with cc; code: its outcome (CT_OK: answered);
 * retrying: another attempt follows. No-op without an observer. */
void ct_trace_attempt(const ct_client *c, CURL *h, ct_xfer *x, CURLcode cc,
                      const ct_http_reply *reply, ct_err code,
                      const ct_error *err, int retrying);
/* The call of req ended with rc (err: its details). No-op without an
 * observer. */
void ct_trace_call(const ct_client *c, const ct_request *req,
                   const ct_http_reply *reply, ct_err rc, const ct_error *err);

#endif /* CT_TRACE_H */
