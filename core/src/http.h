/* http.h - HTTP helpers: headers and statuses (http.c). Private to the core. */
#ifndef CT_HTTP_H
#define CT_HTTP_H

#include "cardtoken.h"

typedef struct ct_response {
    int status;
    const ct_header *headers;
    size_t nheaders;
    const char *body;
    size_t len;
    const char *path; /* the operation's path (ct_op_impl.path) */
} ct_response;

/* The value of header `name` (case-insensitive) or NULL. */
const ct_header *ct_find_header(const ct_header *h, size_t n, const char *name);
/* Maps a non-200 status to its error (3xx, 429, 5xx, other); CT_OK for 200. */
ct_err ct_check_status(const ct_response *resp, ct_error *err);

#endif /* CT_HTTP_H */
