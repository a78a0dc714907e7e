/* pagsmile_common.h - the Pagsmile client state and what every Pagsmile
 * call shares (pagsmile_common.c). Private to pagsmile*.c. */
#ifndef CT_PAGSMILE_COMMON_H
#define CT_PAGSMILE_COMMON_H

#include "canon.h"
#include "client.h"
#include "http.h"
#include "options.h"
#include "registry.h"
#include "request.h"

#include <jansson.h>

/* The client's Pagsmile credentials (ct_client.state). */
typedef struct pg_state {
    char *merchant_no;
    char *app_id;
    ct_client_secret app_key;
    int escape_slashes; /* nested JSON as PHP json_encode writes it */
} pg_state;

#define PG(c) ((pg_state *)(c)->state)

/* PHP empty() of a top-level text value: "" or "0". */
int pg_empty(const char *v, size_t n);

/* Sorts the pairs, joins the non-empty ones, appends "&key=<app key>" and
 * leaves MD5 of that in hex; the string signed stays in `tosign` (the
 * caller wipes it with ct_buf_free). */
ct_err pg_sign_pairs(const ct_client *c, ct_pair *pairs, size_t n,
                     ct_buf *tosign, char hex[33], ct_error *err);

/* The common envelope of every answer: parses it into *root and checks
 * `code`; any code but 200 is a GatewayError (`info` or the code's name as
 * its message). */
ct_err pg_envelope(const ct_request *req, const ct_response *resp,
                   json_t **root, ct_error *err);

#endif /* CT_PAGSMILE_COMMON_H */
