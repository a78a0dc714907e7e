/* phpstr.c - JSON values as a PHP server turns them into strings to sign
 * (LIFECYCLE.md 10.1a): json_decode($text, true), then (string) of each
 * value with precision=14. Used for YabandPay notifications, whose SDK (and
 * so the gateway's PHP server) signs "$key=$val" pairs that way. */
#include "buf.h"
#include "canon.h"
#include "errors.h"
#include "json.h"
#include "mem.h"
#include "phpstr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ct_php_double(ct_buf *out, double d)
{
    char tmp[40], digits[16];
    int nd = 0, decpt, i;
    const char *p;

    if (isnan(d)) {
        ct_buf_puts(out, "NAN");
        return;
    }
    if (signbit(d))
        ct_buf_putc(out, '-');
    if (isinf(d)) {
        ct_buf_puts(out, "INF");
        return;
    }
    if (d == 0) {
        ct_buf_putc(out, '0');
        return;
    }
    /* 14 significant digits, correctly rounded: "D.DDDDDDDDDDDDDe[+-]XX" */
    snprintf(tmp, sizeof(tmp), "%.13e", fabs(d));
    for (p = tmp; *p != 'e' && *p != '\0'; p++)
        if (*p >= '0' && *p <= '9' && nd < (int)sizeof(digits))
            digits[nd++] = *p;
    decpt = (*p == 'e' ? atoi(p + 1) : 0) + 1; /* d = 0.DDD... x 10^decpt */
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (decpt < 0 ? decpt < -3 : decpt > 14) { /* zend_gcvt: 1.5E-7 */
        int e = decpt - 1;
        ct_buf_putc(out, digits[0]);
        ct_buf_putc(out, '.');
        if (nd > 1)
            ct_buf_append(out, digits + 1, (size_t)nd - 1);
        else
            ct_buf_putc(out, '0');
        ct_buf_printf(out, "E%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    } else if (decpt <= 0) { /* 0.0001 */
        ct_buf_puts(out, "0.");
        for (i = 0; i < -decpt; i++)
            ct_buf_putc(out, '0');
        ct_buf_append(out, digits, (size_t)nd);
    } else { /* 10.5, 12345678901234 */
        for (i = 0; i < decpt; i++)
            ct_buf_putc(out, i < nd ? digits[i] : '0');
        if (nd > decpt) {
            ct_buf_putc(out, '.');
            ct_buf_append(out, digits + decpt, (size_t)(nd - decpt));
        }
    }
}

/* An integer literal of the JSON text raw[0..n) that fits PHP's 64-bit int:
 * appends its digits ("-0" is 0) and returns 1; else 0. */
static int ct_php_int64(ct_buf *out, const char *raw, size_t n)
{
    unsigned long long mag = 0, max;
    size_t i = 0;
    int neg = n > 0 && raw[0] == '-';

    i = (size_t)neg;
    if (i == n)
        return 0;
    max = neg ? 9223372036854775808ULL : 9223372036854775807ULL;
    for (; i < n; i++) {
        unsigned d;
        if (raw[i] < '0' || raw[i] > '9')
            return 0;
        d = (unsigned)(raw[i] - '0');
        if (mag > (max - d) / 10)
            return 0;
        mag = mag * 10 + d;
    }
    if (neg && mag != 0)
        ct_buf_putc(out, '-');
    ct_buf_printf(out, "%llu", mag);
    return 1;
}

/* (string) of json_decode's value v, whose text is raw[0..rn) (NULL when
 * unknown). Objects and arrays are PHP arrays: "Array". */
static void ct_php_render(ct_buf *out, const json_t *v, const char *raw,
                          size_t rn)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        ct_buf_append(out, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        ct_buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        /* an integer within 64 bits read as a real (ct_json_parse_bigint)
         * is still PHP's int; any other number is PHP's float */
        if (raw == NULL || !ct_php_int64(out, raw, rn))
            ct_php_double(out, json_real_value(v));
        break;
    case JSON_TRUE: ct_buf_putc(out, '1'); break;
    case JSON_OBJECT:
    case JSON_ARRAY: ct_buf_puts(out, "Array"); break;
    default: /* false, null */ break;
    }
}

ct_err ct_php_canon(ct_buf *out, ct_buf *as_received, int *nested,
                    const json_t *obj, const char *raw, size_t raw_len,
                    ct_error *err)
{
    size_t cap = json_object_size(obj), n = 0, pos = 0;
    ct_pair *pairs = NULL, *recv = NULL;
    ct_buf *vals = NULL;
    const char *key;
    json_t *v;
    ct_err rc = CT_OK;

    *nested = 0;
    if (cap == 0)
        return CT_OK;
    pairs = ct_calloc(cap, sizeof(*pairs));
    recv = ct_calloc(cap, sizeof(*recv));
    vals = ct_calloc(cap, sizeof(*vals));
    if (pairs == NULL || recv == NULL || vals == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    /* jansson keeps members in text order: walk both together */
    json_object_foreach((json_t *)obj, key, v)
    {
        size_t ks, ke, vs, ve, klen = strlen(key);
        if (!ct_json_raw_next(raw, raw_len, &pos, &ks, &ke, &vs, &ve) ||
            (memchr(raw + ks, '\\', ke - ks) == NULL &&
             (ke - ks != klen || memcmp(raw + ks, key, klen) != 0))) {
            rc = ct_fail(err, CT_ERR_PROTOCOL, NULL,
                         "notification data does not match its text");
            goto cleanup;
        }
        ct_php_render(&vals[n], v, raw + vs, ve - vs);
        if (!ct_buf_ok(&vals[n])) {
            rc = ct_fail_nomem(err);
            n++;
            goto cleanup;
        }
        pairs[n] = (ct_pair){key, klen, vals[n].data ? vals[n].data : "",
                             vals[n].len, 0};
        recv[n] = pairs[n];
        if (json_is_object(v) || json_is_array(v)) {
            recv[n].val = raw + vs; /* as received */
            recv[n].vlen = ve - vs;
            *nested = 1;
        }
        n++;
    }
    ct_pairs_sort(pairs, n);
    ct_pairs_join(out, pairs, n, 0);
    if (*nested) {
        ct_pairs_sort(recv, n);
        ct_pairs_join(as_received, recv, n, 0);
    }
    if (!ct_buf_ok(out) || !ct_buf_ok(as_received))
        rc = ct_fail_nomem(err);
cleanup:
    ct_canon_scratch_free(vals, n, pairs, cap);
    ct_free_secret(recv, cap * sizeof(*recv));
    return rc;
}
