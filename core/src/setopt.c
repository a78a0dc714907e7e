/* setopt.c - the error of a refused libcurl setting (transport and pool). */
#include "errors.h"
#include "setopt.h"

#include <curl/curl.h>

ct_err ct_fail_setopt(ct_error *err, CURLcode cc, const char *what,
                      const char *field)
{
    if (cc == CURLE_OUT_OF_MEMORY)
        return ct_fail_nomem(err);
    if (field != NULL)
        return ct_fail(err, CT_ERR_CONFIG, field,
                       "option %s is not accepted by libcurl (%s)", field,
                       curl_easy_strerror(cc));
    return ct_fail(err, CT_ERR_INTERNAL, NULL,
                   "libcurl refused a setting of %s (%s); nothing was sent",
                   what, curl_easy_strerror(cc));
}
