/* json.c - writing JSON text byte-exactly, and reading responses with
 * jansson (duplicate keys rejected, numbers never turned into amounts). */
#include "buf.h"
#include "check.h"
#include "errors.h"
#include "json.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>

static const char ct_hexdigits[] = "0123456789abcdef";

static void ct_put_u(ct_buf *b, unsigned cp)
{
    char e[6] = {'\\',
                 'u',
                 ct_hexdigits[(cp >> 12) & 15],
                 ct_hexdigits[(cp >> 8) & 15],
                 ct_hexdigits[(cp >> 4) & 15],
                 ct_hexdigits[cp & 15]};
    ct_buf_append(b, e, 6);
}

/* Decodes one UTF-8 sequence at s[0..n); returns its length or 0. */
static size_t ct_utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
    size_t len, k;
    unsigned v;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        v = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        v = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        v = s[0] & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[k] & 0x3f);
    }
    *cp = v;
    return len;
}

/* ct_json_plain[c]: bit 0 set, byte c is copied as is in plain JSON; bit 1
 * set, also in PHP's style (json_encode escapes '/' too and writes
 * non-ASCII as \uXXXX). JSON escapes '"', '\\' and controls. */
static const unsigned char ct_json_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* One escaped byte (or UTF-8 sequence) at p[i]; returns the bytes used. */
static size_t ct_json_put_escape(ct_buf *b, const unsigned char *p, size_t i,
                                 size_t n)
{
    unsigned char c = p[i];
    const char *esc = NULL;
    unsigned cp;
    size_t len;

    switch (c) {
    case '"': esc = "\\\""; break;
    case '\\': esc = "\\\\"; break;
    case '/': esc = "\\/"; break;
    case '\b': esc = "\\b"; break;
    case '\f': esc = "\\f"; break;
    case '\n': esc = "\\n"; break;
    case '\r': esc = "\\r"; break;
    case '\t': esc = "\\t"; break;
    default: break;
    }
    if (esc != NULL) {
        ct_buf_append(b, esc, 2);
        return 1;
    }
    if (c < 0x20) {
        ct_put_u(b, c);
        return 1;
    }
    len = ct_utf8_next(p + i, n - i, &cp);
    if (len == 0) { /* invalid UTF-8: keep the byte */
        ct_buf_putc(b, (char)c);
        return 1;
    }
    if (cp >= 0x10000) {
        cp -= 0x10000;
        ct_put_u(b, 0xd800 + (cp >> 10));
        ct_put_u(b, 0xdc00 + (cp & 0x3ff));
    } else {
        ct_put_u(b, cp);
    }
    return len;
}

void ct_json_put_str(ct_buf *b, const char *s, size_t n, int php)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char mask = php ? 2 : 1;
    size_t i = 0, start;

    if (!ct_buf_reserve(b, n + 2))
        return;
    ct_buf_putc(b, '"');
    while (i < n) {
        start = i;
        while (i < n && (ct_json_plain[p[i]] & mask))
            i++;
        ct_buf_append(b, s + start, i - start);
        if (i < n)
            i += ct_json_put_escape(b, p, i, n);
    }
    ct_buf_putc(b, '"');
}

void ct_json_put_member(ct_buf *b, int comma, const char *name,
                        const char *value, size_t n)
{
    if (comma)
        ct_buf_putc(b, ',');
    ct_json_put_str(b, name, strlen(name), 0);
    ct_buf_putc(b, ':');
    ct_json_put_str(b, value, n, 0);
}

/* Shortest round-trip digits of d, written as Python's repr() writes a
 * float: positional for exponents -4..15 ("150.0", "0.1", "0.0001"),
 * scientific otherwise ("1e+16", "1e-05"). */
void ct_json_put_real(ct_buf *b, double d)
{
    char tmp[48], digits[24];
    int prec, exp, nd = 0, i;
    char *p;

    if (isnan(d) || isinf(d)) {
        ct_buf_puts(b, "null"); /* JSON has no NaN or infinity */
        return;
    }
    for (prec = 0; prec <= 16; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*e", prec, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    /* tmp is "[-]D.DDDDe[+-]XX": collect the digits and the exponent */
    p = tmp;
    if (*p == '-') {
        ct_buf_putc(b, '-');
        p++;
    }
    for (; *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    exp = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (exp < -4 || exp >= 16) {
        ct_buf_putc(b, digits[0]);
        if (nd > 1) {
            ct_buf_putc(b, '.');
            ct_buf_append(b, digits + 1, (size_t)nd - 1);
        }
        ct_buf_printf(b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    } else if (exp < 0) {
        ct_buf_puts(b, "0.");
        for (i = 0; i < -exp - 1; i++)
            ct_buf_putc(b, '0');
        ct_buf_append(b, digits, (size_t)nd);
    } else {
        for (i = 0; i <= exp; i++)
            ct_buf_putc(b, i < nd ? digits[i] : '0');
        ct_buf_putc(b, '.');
        if (nd > exp + 1)
            ct_buf_append(b, digits + exp + 1, (size_t)(nd - exp - 1));
        else
            ct_buf_putc(b, '0');
    }
}

void ct_json_put_filtered(ct_buf *b, const json_t *v, int php,
                          const ct_json_filter *f, int state)
{
    const char *key;
    json_t *item;
    size_t i;
    int first = 1;

    if (f != NULL && json_typeof(v) != JSON_OBJECT &&
        json_typeof(v) != JSON_ARRAY && f->scalar(b, v, state))
        return;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        ct_buf_putc(b, '{');
        json_object_foreach((json_t *)v, key, item)
        {
            if (!first)
                ct_buf_putc(b, ',');
            first = 0;
            ct_json_put_str(b, key, strlen(key), php);
            ct_buf_putc(b, ':');
            ct_json_put_filtered(b, item, php, f,
                                 f != NULL ? f->member(key, state) : 0);
        }
        ct_buf_putc(b, '}');
        break;
    case JSON_ARRAY:
        ct_buf_putc(b, '[');
        json_array_foreach(v, i, item)
        {
            if (i)
                ct_buf_putc(b, ',');
            ct_json_put_filtered(b, item, php, f, state);
        }
        ct_buf_putc(b, ']');
        break;
    case JSON_STRING:
        ct_json_put_str(b, json_string_value(v), json_string_length(v), php);
        break;
    case JSON_INTEGER:
        ct_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL: ct_json_put_real(b, json_real_value(v)); break;
    case JSON_TRUE: ct_buf_puts(b, "true"); break;
    case JSON_FALSE: ct_buf_puts(b, "false"); break;
    default: ct_buf_puts(b, "null"); break;
    }
}

void ct_json_put_value(ct_buf *b, const json_t *v, int php)
{
    ct_json_put_filtered(b, v, php, NULL, 0);
}

static ct_err ct_json_load(const char *body, size_t len, size_t flags,
                           json_t **out, int *overflow, ct_error *err)
{
    json_error_t jerr;
    json_t *root;

    *out = NULL;
    if (len == 0)
        return ct_fail(err, CT_ERR_PROTOCOL, NULL, "empty response body");
    if (!ct_json_depth_ok(body, len, CT_JSON_MAX_DEPTH))
        return ct_fail(err, CT_ERR_PROTOCOL, NULL,
                       "response JSON is nested deeper than %d levels",
                       CT_JSON_MAX_DEPTH);
    ct_wipe_reset_failed();
    root = json_loadb(body, len, JSON_REJECT_DUPLICATES | flags, &jerr);
    if (root == NULL) {
        int line = jerr.line, column = jerr.column;
        enum json_error_code jcode = json_error_code(&jerr);
        /* jerr.text quotes the input (maybe a card number): wipe it. */
        OPENSSL_cleanse(&jerr, sizeof(jerr));
        if (jcode == json_error_out_of_memory || ct_wipe_has_failed())
            return ct_fail_nomem(err);
        if (overflow != NULL)
            *overflow = jcode == json_error_numeric_overflow;
        if (jcode == json_error_duplicate_key)
            return ct_fail(err, CT_ERR_PROTOCOL, NULL,
                           "response JSON has a duplicate key");
        return ct_fail(err, CT_ERR_PROTOCOL, NULL,
                       "response is not valid JSON (line %d, column %d)", line,
                       column);
    }
    if (ct_wipe_has_failed()) {
        /* jansson drops bytes silently when an allocation fails while it
         * lexes a string: a parse that saw a failed allocation is void. */
        json_decref(root);
        return ct_fail_nomem(err);
    }
    if (!json_is_object(root)) {
        json_decref(root);
        return ct_fail(err, CT_ERR_PROTOCOL, NULL,
                       "response JSON is not an object");
    }
    *out = root;
    return CT_OK;
}

ct_err ct_json_parse(const char *body, size_t len, json_t **out, ct_error *err)
{
    return ct_json_load(body, len, 0, out, NULL, err);
}

ct_err ct_json_parse_bigint(const char *body, size_t len, json_t **out,
                            ct_error *err)
{
    int overflow = 0;
    ct_err rc = ct_json_load(body, len, 0, out, &overflow, err);
    if (rc == CT_ERR_PROTOCOL && overflow) {
        rc = ct_json_load(body, len, JSON_DECODE_INT_AS_REAL, out, NULL, err);
        if (rc == CT_OK && err != NULL) { /* forget the first attempt */
            int gw = err->gateway;
            ct_error_clear(err);
            err->gateway = gw;
        }
    }
    return rc;
}

ct_err ct_json_text(const json_t *obj, const char *key, int required,
                    int num_ok, ct_buf *out, int *present, ct_error *err)
{
    const json_t *v = json_object_get(obj, key);

    *present = 0;
    if (v == NULL || json_is_null(v)) {
        if (required)
            return ct_fail(err, CT_ERR_PROTOCOL, key,
                           "response member '%s' is missing", key);
        return CT_OK;
    }
    if (json_is_string(v)) {
        ct_buf_append(out, json_string_value(v), json_string_length(v));
    } else if (num_ok && json_is_integer(v)) {
        ct_buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    } else if (num_ok && json_is_real(v)) {
        ct_buf_reset(out);
        ct_json_put_real(out, json_real_value(v));
        if (out->len >= 2 && memcmp(out->data + out->len - 2, ".0", 2) == 0 &&
            strchr(out->data, 'e') == NULL) {
            out->len -= 2;
            out->data[out->len] = '\0';
        }
    } else {
        return ct_fail(err, CT_ERR_PROTOCOL, key,
                       "response member '%s' has the wrong type", key);
    }
    if (!ct_buf_ok(out))
        return ct_fail_nomem(err);
    *present = 1;
    return CT_OK;
}

ct_err ct_json_int(const json_t *obj, const char *key, int required,
                   long long *out, int *present, ct_error *err)
{
    const json_t *v = json_object_get(obj, key);
    *present = 0;
    if (v == NULL || json_is_null(v)) {
        if (required)
            return ct_fail(err, CT_ERR_PROTOCOL, key,
                           "response member '%s' is missing", key);
        return CT_OK;
    }
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
    } else if (!json_is_string(v) ||
               !ct_parse_uint(json_string_value(v), json_string_length(v),
                              out)) {
        return ct_fail(err, CT_ERR_PROTOCOL, key,
                       "response member '%s' is not an integer", key);
    }
    *present = 1;
    return CT_OK;
}

/* ---- raw spans in JSON text already validated by jansson ------------ */

static size_t ct_skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n &&
           (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* s[i] == '"': the index just past the closing quote (n when unclosed). */
static size_t ct_skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

static size_t ct_skip_value(const char *s, size_t n, size_t i)
{
    size_t depth = 0;
    if (i >= n)
        return n;
    if (s[i] == '"')
        return ct_skip_string(s, n, i);
    if (s[i] != '{' && s[i] != '[') {
        while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
               s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            i++;
        return i;
    }
    while (i < n) {
        if (s[i] == '"') {
            i = ct_skip_string(s, n, i);
            continue;
        }
        if (s[i] == '{' || s[i] == '[')
            depth++;
        else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
            return i + 1;
        i++;
    }
    return n;
}

int ct_json_raw_next(const char *s, size_t n, size_t *pos, size_t *kstart,
                     size_t *kend, size_t *vstart, size_t *vend)
{
    size_t i = *pos;
    if (i == 0) { /* the opening brace */
        i = ct_skip_ws(s, n, 0);
        if (i >= n || s[i] != '{')
            return 0;
    } else if (i >= n || s[i] != ',') {
        return 0;
    }
    i = ct_skip_ws(s, n, i + 1);
    if (i >= n || s[i] != '"')
        return 0;
    *kstart = i + 1;
    i = ct_skip_string(s, n, i);
    *kend = i - 1;
    i = ct_skip_ws(s, n, i);
    if (i >= n || s[i] != ':' || *kend < *kstart)
        return 0;
    i = ct_skip_ws(s, n, i + 1);
    *vstart = i;
    i = ct_skip_value(s, n, i);
    *vend = i;
    *pos = ct_skip_ws(s, n, i);
    return 1;
}

int ct_json_raw_member(const char *s, size_t n, const char *key, size_t *vstart,
                       size_t *vend)
{
    size_t klen = strlen(key), pos = 0, ks, ke;
    while (ct_json_raw_next(s, n, &pos, &ks, &ke, vstart, vend))
        if (ke - ks == klen && memcmp(s + ks, key, klen) == 0)
            return 1;
    return 0;
}
