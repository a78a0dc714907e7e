/* url.h - base_url and proxy URLs (url.c). Private to the core. */
#ifndef CT_URL_H
#define CT_URL_H

#include "cardtoken.h"

/* base_url and proxy, parsed by libcurl's URL API (url.c): base_url is
 * stored as scheme://host[:port] rebuilt from the parsed parts. */
ct_err ct_set_base_url(ct_client *c, const char *url, size_t n, ct_error *err);
ct_err ct_check_proxy(const char *url, size_t n, ct_error *err);

#endif /* CT_URL_H */
