/* url.c - the base_url and proxy options, read by libcurl's own URL parser
 * (the one that will use them), so that what is checked is what is used:
 * scheme, host and port only (no user, password, path, query or fragment);
 * a host name of letters, digits, dots and dashes, an IPv4 address, or a
 * valid IPv6 address inside brackets (no zone id). */
#include "buf.h"
#include "check.h"
#include "client.h"
#include "errors.h"
#include "mem.h"
#include "url.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

static int ct_is_loopback(const char *host)
{
    size_t n = strlen(host);
    if (strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0)
        return 1;
    if (n >= 7 && memcmp(host, "127.", 4) == 0) {
        struct in_addr a;
        return inet_pton(AF_INET, host, &a) == 1;
    }
    return 0;
}

/* A host as libcurl parsed it: [IPv6] or labels of [A-Za-z0-9-]. */
static int ct_host_ok(const char *host)
{
    size_t n = strlen(host), i, label = 0;
    if (n >= 2 && host[0] == '[') {
        char inner[64];
        struct in6_addr a;
        if (host[n - 1] != ']' || n - 2 >= sizeof(inner))
            return 0;
        memcpy(inner, host + 1, n - 2);
        inner[n - 2] = '\0';
        return inet_pton(AF_INET6, inner, &a) == 1;
    }
    for (i = 0; i < n; i++) {
        char ch = host[i];
        if (ch == '.') {
            if (label == 0)
                return 0;
            label = 0;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                   (ch >= '0' && ch <= '9') || ch == '-') {
            label++;
        } else {
            return 0;
        }
    }
    return n > 0 && label > 0;
}

/* 1: part absent (libcurl's CURLUE_NO_* code), 0: present, -1: no memory. */
static int ct_part_absent(CURLU *u, CURLUPart part)
{
    char *v = NULL;
    CURLUcode rc = curl_url_get(u, part, &v, 0);
    curl_free(v);
    if (rc == CURLUE_OUT_OF_MEMORY)
        return -1;
    return rc != CURLUE_OK;
}

/* Text of a part (curl_free it), or NULL; *nomem set on no memory. */
static char *ct_part(CURLU *u, CURLUPart part, int *nomem)
{
    char *v = NULL;
    CURLUcode rc = curl_url_get(u, part, &v, 0);
    if (rc == CURLUE_OUT_OF_MEMORY)
        *nomem = 1;
    if (rc != CURLUE_OK)
        return NULL;
    return v;
}

typedef struct ct_url {
    CURLU *u;
    char *scheme;
    char *host;
    char *port;
} ct_url;

static void ct_url_free(ct_url *p)
{
    curl_free(p->scheme);
    curl_free(p->host);
    curl_free(p->port);
    curl_url_cleanup(p->u);
    memset(p, 0, sizeof(*p));
}

/* Parses text (printable ASCII) as libcurl would. with_login: a user and
 * password are allowed (a proxy's credentials). */
static ct_err ct_url_parse(const char *text, size_t n, const char *field,
                           unsigned flags, int with_login, ct_url *out,
                           ct_error *err)
{
    static const CURLUPart absent[] = {CURLUPART_QUERY,  CURLUPART_FRAGMENT,
                                       CURLUPART_ZONEID, CURLUPART_OPTIONS,
                                       CURLUPART_USER,   CURLUPART_PASSWORD};
    size_t i;
    char *path;
    int bad, nomem = 0;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < n; i++)
        if ((unsigned char)text[i] <= 0x20 || (unsigned char)text[i] >= 0x7f ||
            text[i] == '\\' || text[i] == '?' || text[i] == '#' ||
            (!with_login && (text[i] == '@' || text[i] == '%')))
            break;
    if (n == 0 || i < n)
        return ct_fail(err, CT_ERR_CONFIG, field,
                       "option %s must be scheme://host[:port] only (no "
                       "user, path, query or fragment)",
                       field);
    if ((out->u = curl_url()) == NULL)
        return ct_fail_nomem(err);
    switch (curl_url_set(out->u, CURLUPART_URL, text, flags)) {
    case CURLUE_OK: break;
    case CURLUE_OUT_OF_MEMORY: ct_url_free(out); return ct_fail_nomem(err);
    default:
        ct_url_free(out);
        return ct_fail(err, CT_ERR_CONFIG, field,
                       "option %s is not a valid URL", field);
    }
    path = ct_part(out->u, CURLUPART_PATH, &nomem);
    out->scheme = ct_part(out->u, CURLUPART_SCHEME, &nomem);
    out->host = ct_part(out->u, CURLUPART_HOST, &nomem);
    out->port = ct_part(out->u, CURLUPART_PORT, &nomem);
    bad = path == NULL || strcmp(path, "/") != 0 || out->scheme == NULL ||
          out->host == NULL || !ct_host_ok(out->host);
    for (i = 0; i < CT_ARRAY_LEN(absent) && !nomem; i++) {
        int a;
        if (with_login &&
            (absent[i] == CURLUPART_USER || absent[i] == CURLUPART_PASSWORD))
            continue;
        if ((a = ct_part_absent(out->u, absent[i])) < 0)
            nomem = 1;
        else if (!a)
            bad = 1;
    }
    if (nomem) {
        curl_free(path);
        ct_url_free(out);
        return ct_fail_nomem(err);
    }
    if (!bad && out->port != NULL) {
        long long port = 0;
        bad = !ct_parse_uint(out->port, strlen(out->port), &port) || port < 1 ||
              port > 65535;
    }
    curl_free(path);
    if (bad) {
        ct_url_free(out);
        return ct_fail(err, CT_ERR_CONFIG, field,
                       "option %s must be scheme://host[:port] only (no "
                       "user, path, query or fragment; IPv6 only inside "
                       "brackets)",
                       field);
    }
    return CT_OK;
}

ct_err ct_set_base_url(ct_client *c, const char *url, size_t n, ct_error *err)
{
    ct_url p;
    ct_buf b;
    int https;
    ct_err rc;

    if (!(n > 8 && strncasecmp(url, "https://", 8) == 0) &&
        !(n > 7 && strncasecmp(url, "http://", 7) == 0))
        return ct_fail(err, CT_ERR_CONFIG, "base_url",
                       "base_url must start with https://");
    if ((rc = ct_url_parse(url, n, "base_url", 0, 0, &p, err)) != CT_OK)
        return rc;
    https = strcasecmp(p.scheme, "https") == 0;
    if (!https && !ct_is_loopback(p.host)) {
        ct_url_free(&p);
        return ct_fail(err, CT_ERR_CONFIG, "base_url",
                       "base_url must use https:// (http:// only for a "
                       "loopback host)");
    }
    /* What is stored is rebuilt from libcurl's parts, never the text. */
    ct_buf_init(&b);
    ct_buf_puts(&b, https ? "https://" : "http://");
    ct_buf_puts(&b, p.host);
    if (p.port != NULL) {
        ct_buf_puts(&b, ":");
        ct_buf_puts(&b, p.port);
    }
    ct_url_free(&p);
    c->base_url = ct_buf_detach(&b, NULL);
    return c->base_url ? CT_OK : ct_fail_nomem(err);
}

ct_err ct_check_proxy(const char *url, size_t n, ct_error *err)
{
    static const char *const schemes[] = {"http",    "https",  "socks4",
                                          "socks4a", "socks5", "socks5h"};
    ct_url p;
    size_t i;
    ct_err rc;

    /* The flags libcurl itself parses CURLOPT_PROXY with. */
    if ((rc = ct_url_parse(url, n, "proxy",
                           CURLU_NON_SUPPORT_SCHEME | CURLU_GUESS_SCHEME, 1, &p,
                           err)) != CT_OK)
        return rc;
    for (i = 0; i < CT_ARRAY_LEN(schemes); i++)
        if (strcasecmp(p.scheme, schemes[i]) == 0)
            break;
    ct_url_free(&p);
    if (i == CT_ARRAY_LEN(schemes))
        return ct_fail(err, CT_ERR_CONFIG, "proxy",
                       "option proxy must be an http, https or socks URL");
    return CT_OK;
}
