/* cachecfg.c - the settings of the process-wide cache, read without a lock
 * by the pool, the key cache and the transport. */
#include "cachecfg.h"

/* Off unless turned on: the PHP extension turns it on at MINIT (ini
 * cardtoken.persistent, default On), the Python module at import (off with
 * configure_cache(persistent=False)); C programs opt in. */
static int ct_cfg_persistent = 0;
static long ct_cfg_max_connections = 16;
static long ct_cfg_idle_timeout = 50;

long ct_cache_idle_timeout(void)
{
    return __atomic_load_n(&ct_cfg_idle_timeout, __ATOMIC_RELAXED);
}

long ct_cache_max_connections(void)
{
    return __atomic_load_n(&ct_cfg_max_connections, __ATOMIC_RELAXED);
}

int ct_cache_persistent(void)
{
    return __atomic_load_n(&ct_cfg_persistent, __ATOMIC_RELAXED);
}

/* -1: unchanged (the caller checked the ranges). */
void ct_cache_set(int persistent, long max_connections, long idle_timeout)
{
    if (persistent != -1)
        __atomic_store_n(&ct_cfg_persistent, persistent != 0, __ATOMIC_RELAXED);
    if (max_connections != -1)
        __atomic_store_n(&ct_cfg_max_connections, max_connections,
                         __ATOMIC_RELAXED);
    if (idle_timeout != -1)
        __atomic_store_n(&ct_cfg_idle_timeout, idle_timeout, __ATOMIC_RELAXED);
}
