/* canon.c - the sorted "name=value&..." strings that Pagsmile (MD5) and
 * YabandPay (HMAC-SHA256) sign. */
#include "buf.h"
#include "canon.h"
#include "errors.h"
#include "json.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static int ct_pair_cmp(const void *a, const void *b)
{
    const ct_pair *x = a, *y = b;
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->key, y->key, n);
    if (c != 0)
        return c;
    return (x->klen > y->klen) - (x->klen < y->klen);
}

/* Stable, like glibc's qsort (a merge sort) was: an insertion sort for the
 * few fields a request has, qsort beyond. */
void ct_pairs_sort(ct_pair *p, size_t n)
{
    size_t i, j;
    ct_pair t;

    if (n > 32) {
        qsort(p, n, sizeof(*p), ct_pair_cmp);
        return;
    }
    for (i = 1; i < n; i++) {
        if (ct_pair_cmp(&p[i - 1], &p[i]) <= 0)
            continue;
        t = p[i];
        for (j = i; j > 0 && ct_pair_cmp(&p[j - 1], &t) > 0; j--)
            p[j] = p[j - 1];
        p[j] = t;
    }
}

/* k1=v1&k2=v2...: the length is summed first, reserved once, and the
 * string written in place in one pass. */
void ct_pairs_join(ct_buf *out, const ct_pair *p, size_t n, int drop_empty)
{
    size_t i, need = 0;
    char *w;
    int first = 1;

    for (i = 0; i < n; i++)
        if (!(drop_empty && p[i].empty))
            need += p[i].klen + p[i].vlen + 2;
    if (need == 0 || !ct_buf_reserve(out, need))
        return;
    w = ct_buf_end(out);
    for (i = 0; i < n; i++) {
        if (drop_empty && p[i].empty)
            continue;
        if (!first)
            *w++ = '&';
        first = 0;
        if (p[i].klen)
            memcpy(w, p[i].key, p[i].klen);
        w += p[i].klen;
        *w++ = '=';
        if (p[i].vlen)
            memcpy(w, p[i].val, p[i].vlen);
        w += p[i].vlen;
    }
    ct_buf_commit(out, (size_t)(w - ct_buf_end(out)));
}

int ct_canon_render(ct_buf *out, const json_t *v, int php)
{
    switch (json_typeof(v)) {
    case JSON_STRING: {
        size_t n = json_string_length(v);
        const char *s = json_string_value(v);
        ct_buf_append(out, s, n);
        return n == 0 || (n == 1 && s[0] == '0');
    }
    case JSON_INTEGER:
        ct_buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return json_integer_value(v) == 0;
    case JSON_REAL: {
        double d = json_real_value(v);
        ct_json_put_real(out, d);
        if (out->len >= 2 && memcmp(out->data + out->len - 2, ".0", 2) == 0) {
            out->len -= 2; /* PHP's (string)10.0 is "10" */
            out->data[out->len] = '\0';
        }
        return d == 0.0;
    }
    case JSON_TRUE: ct_buf_putc(out, '1'); return 0;
    case JSON_FALSE:
    case JSON_NULL: return 1;
    case JSON_OBJECT:
        ct_json_put_value(out, v, php);
        return json_object_size(v) == 0;
    case JSON_ARRAY:
        ct_json_put_value(out, v, php);
        return json_array_size(v) == 0;
    }
    return 1;
}

static int ct_skipped(const char *key, const char *const *skip)
{
    size_t i;
    for (i = 0; skip != NULL && skip[i] != NULL; i++)
        if (strcmp(key, skip[i]) == 0)
            return 1;
    return 0;
}

ct_err ct_canon_objects(ct_buf *out, const json_t *a, const json_t *b,
                        const char *const *skip, int drop_empty, int php,
                        ct_error *err)
{
    size_t cap = json_object_size(a) + (b ? json_object_size(b) : 0);
    ct_pair *pairs = NULL;
    ct_buf *vals = NULL;
    size_t n = 0;
    const json_t *objs[2] = {a, b};
    ct_err rc = CT_OK;

    if (cap == 0)
        return CT_OK;
    pairs = ct_calloc(cap, sizeof(*pairs));
    vals = ct_calloc(cap, sizeof(*vals));
    if (pairs == NULL || vals == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    for (int o = 0; o < 2; o++) {
        const char *key;
        json_t *v;
        if (objs[o] == NULL)
            continue;
        json_object_foreach((json_t *)objs[o], key, v)
        {
            if (ct_skipped(key, skip))
                continue;
            pairs[n].key = key;
            pairs[n].klen = strlen(key);
            pairs[n].empty = ct_canon_render(&vals[n], v, php);
            if (!ct_buf_ok(&vals[n])) {
                rc = ct_fail_nomem(err);
                n++;
                goto cleanup;
            }
            pairs[n].val = vals[n].data ? vals[n].data : "";
            pairs[n].vlen = vals[n].len;
            n++;
        }
    }
    ct_pairs_sort(pairs, n);
    ct_pairs_join(out, pairs, n, drop_empty);
    if (!ct_buf_ok(out))
        rc = ct_fail_nomem(err);
cleanup:
    ct_canon_scratch_free(vals, n, pairs, cap);
    return rc;
}

void ct_canon_scratch_free(ct_buf *vals, size_t n, ct_pair *pairs, size_t cap)
{
    size_t i;
    if (vals != NULL)
        for (i = 0; i < n; i++)
            ct_buf_free(&vals[i]);
    ct_free_secret(vals, cap * sizeof(*vals));
    ct_free_secret(pairs, cap * sizeof(*pairs));
}
