/* library.c - process-wide initialisation and version strings. */
#include "arena.h"
#include "crypto.h"
#include "mem.h"
#include "keycache.h"
#include "pool.h"
#include "share.h"

#include <pthread.h>

#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <jansson.h>

static pthread_once_t ct_once = PTHREAD_ONCE_INIT;
static CURLcode ct_curl_init_rc = CURLE_OK;

static void ct_do_global_init(void)
{
    /* jansson and libcurl hold response bodies (card numbers, CVVs): give
     * them an allocator that wipes on free; inside a call, jansson's nodes
     * come from the call's arena (arena.c), wiped once when it ends. */
    json_set_alloc_funcs(ct_json_malloc, ct_json_free);
    if (!ct_crypto_init()) {
        ct_curl_init_rc = CURLE_FAILED_INIT;
        return;
    }
    ct_fork_init();
    ct_share_fork_init();
    ct_keycache_fork_init();
    ct_curl_init_rc =
        curl_global_init_mem(CURL_GLOBAL_DEFAULT, ct_wipe_malloc, ct_wipe_free,
                             ct_wipe_realloc, ct_wipe_strdup, ct_wipe_calloc);
}

ct_err ct_global_init(void)
{
    pthread_once(&ct_once, ct_do_global_init);
    return ct_curl_init_rc == CURLE_OK ? CT_OK : CT_ERR_INTERNAL;
}

const char *ct_version(void)
{
    return CT_VERSION;
}

const char *ct_curl_version(void)
{
    return curl_version_info(CURLVERSION_NOW)->version;
}

const char *ct_openssl_version(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}
