/* setopt.h - refused libcurl settings (setopt.c). Private to the core. */
#ifndef CT_SETOPT_H
#define CT_SETOPT_H

#include <curl/curl.h>
#include "cardtoken.h"

/* A refused curl_easy_setopt: NOMEM, CONFIG naming `field` when given,
 * else INTERNAL. */
ct_err ct_fail_setopt(ct_error *err, CURLcode cc, const char *what,
                      const char *field);

#endif /* CT_SETOPT_H */
