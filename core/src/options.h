/* options.h - reading client options (options.c). Private to the core. */
#ifndef CT_OPTIONS_H
#define CT_OPTIONS_H

#include "cardtoken.h"
#include "keys.h"
#include "kv.h"

/* A secret option's bytes (wiped on free). */
typedef struct ct_client_secret {
    char *data;
    size_t len;
} ct_client_secret;

/* Reads the options every client takes (CT_COMMON_OPTIONS) into c. */
ct_err ct_configure_common(ct_client *c, const ct_kvlist *o, ct_error *err);
/* Required text option: copies into *dst, CT_ERR_CONFIG when absent/bad. */
ct_err ct_opt_text(const ct_kvlist *opts, const char *name, size_t max,
                   int required, const char *dflt, char **dst, ct_error *err);
ct_err ct_opt_secret(const ct_kvlist *opts, const char *name,
                     ct_client_secret *dst, ct_error *err);
/* Reads options private_key and gateway_public_key and keys the templates:
 * CT_ERR_CONFIG / CT_ERR_KEY naming the option. */
ct_err ct_opt_rsa_keys(const ct_kvlist *opts, ct_rsa_keys *k, ct_error *err);

#endif /* CT_OPTIONS_H */
