/* cachecfg.h - the settings of the process-wide cache (cachecfg.c; set by
 * ct_cache_configure in share.c). Private to the core. */
#ifndef CT_CACHECFG_H
#define CT_CACHECFG_H

/* Idle seconds of a connection or endpoint, idle connections kept per
 * endpoint, and whether the cache is on. */
long ct_cache_idle_timeout(void);
long ct_cache_max_connections(void);
int ct_cache_persistent(void);
void ct_cache_set(int persistent, long max_connections, long idle_timeout);

#endif /* CT_CACHECFG_H */
