/* buf.c - a growable byte buffer that wipes whatever it held. */
#include "buf.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include <openssl/crypto.h>

void ct_buf_init(ct_buf *b)
{
    memset(b, 0, sizeof(*b));
}

void ct_buf_free(ct_buf *b)
{
    ct_free_secret(b->data, b->cap);
    ct_buf_init(b);
}

void ct_buf_reset(ct_buf *b)
{
    if (b->data != NULL) {
        OPENSSL_cleanse(b->data, b->cap);
        b->data[0] = '\0';
    }
    b->len = 0;
    b->failed = 0;
}

int ct_buf_reserve_slow(ct_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (b->failed)
        return 0;
    if (extra > ((size_t)-1) / 2 - b->len) {
        b->failed = 1;
        return 0;
    }
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    p = ct_malloc(cap);
    if (p == NULL) {
        b->failed = 1;
        return 0;
    }
    if (b->data != NULL) {
        memcpy(p, b->data, b->len);
        ct_free_secret(b->data, b->cap);
    }
    p[b->len] = '\0';
    b->data = p;
    b->cap = cap;
    return 1;
}

void ct_buf_printf(ct_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(tmp)) {
        b->failed = 1;
        return;
    }
    ct_buf_append(b, tmp, (size_t)n);
    OPENSSL_cleanse(tmp, sizeof(tmp));
}

char *ct_buf_detach(ct_buf *b, size_t *len)
{
    char *p;

    if (b->failed || !ct_buf_reserve(b, 0)) {
        ct_buf_free(b);
        return NULL;
    }
    p = b->data;
    if (len != NULL)
        *len = b->len;
    ct_buf_init(b);
    return p;
}

void ct_buf_redact(ct_buf *b, const char *secret)
{
    size_t sl = secret ? strlen(secret) : 0, i;
    ct_buf out;
    if (sl == 0 || b->len < sl)
        return;
    ct_buf_init(&out);
    for (i = 0; i < b->len;) {
        if (i + sl <= b->len && memcmp(b->data + i, secret, sl) == 0) {
            ct_buf_puts(&out, "***");
            i += sl;
        } else {
            ct_buf_putc(&out, b->data[i++]);
        }
    }
    ct_buf_putc(&out, '\0');
    if (ct_buf_ok(&out)) {
        OPENSSL_cleanse(b->data, b->len);
        b->len = 0;
        ct_buf_append(b, out.data, out.len - 1);
    }
    ct_buf_free(&out);
}
