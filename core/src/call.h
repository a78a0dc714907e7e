/* call.h - the end of a call, shared by ct_call and the multi path
 * (call.c). Private to the core. */
#ifndef CT_CALL_H
#define CT_CALL_H

#include "cardtoken.h"
#include "transport.h"

/* Verifies and parses the reply to req (sent for op); a failure after the
 * request reached the gateway is marked outcome unknown unless the gateway
 * declined or refused it. err must not be NULL. */
ct_err ct_call_finish(ct_client *c, const ct_op_desc *op, const ct_request *req,
                      const ct_http_reply *reply, ct_result **out,
                      ct_error *err);

#endif /* CT_CALL_H */
