/* http.c - HTTP helpers shared by the parsers: header lookup and the
 * mapping of non-200 statuses to errors. */
#include "check.h"
#include "errors.h"
#include "http.h"

#include <string.h>
#include <strings.h>

const ct_header *ct_find_header(const ct_header *h, size_t n, const char *name)
{
    size_t i, len = strlen(name);
    for (i = 0; i < n; i++)
        if (h[i].name_len == len && strncasecmp(h[i].name, name, len) == 0)
            return &h[i];
    return NULL;
}

ct_err ct_check_status(const ct_response *resp, ct_error *err)
{
    ct_err rc;
    if (resp->status == 200)
        return CT_OK;
    if (resp->status >= 300 && resp->status < 400) {
        rc = ct_fail(err, CT_ERR_REDIRECT, NULL,
                     "gateway answered HTTP %d (redirects are never followed)",
                     resp->status);
    } else if (resp->status == 429) {
        const ct_header *h =
            ct_find_header(resp->headers, resp->nheaders, "Retry-After");
        rc = ct_fail(err, CT_ERR_RATE_LIMITED, NULL,
                     "gateway answered HTTP 429 (too many requests)");
        if (h != NULL) {
            long long secs;
            size_t vl = h->value_len;
            while (vl > 0 &&
                   (h->value[vl - 1] == ' ' || h->value[vl - 1] == '\r'))
                vl--;
            if (ct_parse_uint(h->value, vl, &secs) && err != NULL)
                err->retry_after = (double)secs;
        }
    } else if (resp->status >= 500 && resp->status < 600) {
        rc = ct_fail(err, CT_ERR_SERVER, NULL, "gateway answered HTTP %d",
                     resp->status);
    } else {
        rc = ct_fail(err, CT_ERR_HTTP_STATUS, NULL,
                     "gateway answered unexpected HTTP %d", resp->status);
    }
    if (err != NULL)
        err->http_status = resp->status;
    return rc;
}
