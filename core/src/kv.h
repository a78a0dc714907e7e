/* kv.h - key/value lists: configurations and arguments (kv.c). Private to the
 * core. */
#ifndef CT_KV_H
#define CT_KV_H

#include "cardtoken.h"

typedef struct ct_kv {
    char *name;
    char *value; /* NUL-terminated copy */
    size_t len;
} ct_kv;

typedef struct ct_kvlist {
    ct_kv *items;
    size_t n;
    size_t cap;
} ct_kvlist;

const ct_kv *ct_kv_get(const ct_kvlist *l, const char *name);

struct ct_config {
    ct_gateway gw;
    ct_kvlist kv;
};

struct ct_args {
    ct_kvlist kv;
};

#endif /* CT_KV_H */
