/* client.h - the client: common settings, the gateway's state (client.c).
 * Private to the core. */
#ifndef CT_CLIENT_H
#define CT_CLIENT_H

#include "cardtoken.h"
#include "clock.h"

typedef struct ct_transport ct_transport;
struct ct_client {
    const struct ct_gateway_ops *ops; /* registry.h */
    char *base_url; /* scheme://host[:port], no trailing slash */
    double timeout;
    double connect_timeout;
    char *ca_file;
    char *proxy;
    int max_retries;
    int persistent; /* may use the process-wide connection cache */
    int fixed_clock;
    ct_time fixed_time;
    void *state; /* the gateway's own: credentials, keyed contexts */
    ct_transport *transport;
    ct_observer_fn observer; /* ct_client_set_observer, or NULL */
    void *observer_ud;
    int keep_signed; /* ct_client_keep_signed: requests keep what they sign */
};

/* The current time per the client (fixed in tests, else now in UTC). */
void ct_client_now(const ct_client *c, ct_time *t);

#endif /* CT_CLIENT_H */
