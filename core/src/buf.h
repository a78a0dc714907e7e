/* buf.h - a growable, always-wiped byte buffer (buf.c). Private to the core. */
#ifndef CT_BUF_H
#define CT_BUF_H

#include <stddef.h>
#include <string.h>

/* Appends never fail loudly: the first failed allocation sets `failed`
 * and later appends are no-ops; check once with ct_buf_ok(). The data is
 * always NUL-terminated when not failed. Old storage is wiped on growth. */
typedef struct ct_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} ct_buf;

void ct_buf_init(ct_buf *b);
void ct_buf_free(ct_buf *b);                      /* wipes */
void ct_buf_reset(ct_buf *b);                     /* wipes, keeps storage */
int ct_buf_reserve_slow(ct_buf *b, size_t extra); /* grows (buf.c) */
/* Room for `extra` more bytes and the NUL; the fast path (room already
 * there) is inline: the writers call these once per byte run. */
static inline int ct_buf_reserve(ct_buf *b, size_t extra)
{
    if (!b->failed && b->cap > b->len && extra < b->cap - b->len)
        return 1;
    return ct_buf_reserve_slow(b, extra);
}
static inline void ct_buf_append(ct_buf *b, const char *s, size_t n)
{
    if (!ct_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void ct_buf_puts(ct_buf *b, const char *s)
{
    ct_buf_append(b, s, strlen(s));
}
static inline void ct_buf_putc(ct_buf *b, char c)
{
    if (!ct_buf_reserve(b, 1))
        return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
/* Writing in place: ct_buf_reserve(b, n) first, then write up to n bytes at
 * ct_buf_end(b) and commit them with ct_buf_commit(b, written). */
static inline char *ct_buf_end(ct_buf *b)
{
    return b->data + b->len;
}
static inline void ct_buf_commit(ct_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}
void ct_buf_printf(ct_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline int ct_buf_ok(const ct_buf *b)
{
    return !b->failed;
}
/* Replaces every occurrence of secret (NUL-terminated, may be NULL) by
 * "***": a gateway's text may echo a credential it refused. */
void ct_buf_redact(ct_buf *b, const char *secret);
/* new: the data as a NUL-terminated string (the buffer is emptied). */
char *ct_buf_detach(ct_buf *b, size_t *len);

#endif /* CT_BUF_H */
