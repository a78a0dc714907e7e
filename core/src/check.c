/* check.c - argument checks: UTF-8 text, card numbers (Luhn), CVV,
 * expiry, enumerations, URLs. Messages name the field, never the value. */
#include "check.h"
#include "client.h"
#include "clock.h"
#include "errors.h"
#include "kv.h"

#include <string.h>

size_t ct_utf8_decode(const char *str, size_t n, size_t i, uint32_t *out)
{
    const unsigned char *p = (const unsigned char *)str;
    unsigned char c = p[i];
    size_t extra, k;
    uint32_t cp;

    if (c < 0x80) {
        *out = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        extra = 1;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        extra = 2;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n - i <= extra)
        return 0;
    for (k = 1; k <= extra; k++) {
        if ((p[i + k] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    *out = cp;
    return extra + 1;
}

long ct_utf8_chars(const char *s, size_t n)
{
    size_t i = 0, len;
    long count = 0;
    uint32_t cp;

    while (i < n) {
        if ((len = ct_utf8_decode(s, n, i, &cp)) == 0)
            return -1;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) /* C0, DEL, C1 */
            return -1;
        i += len;
        count++;
    }
    return count;
}

int ct_all_digits(const char *s, size_t n)
{
    size_t i;
    if (n == 0)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int ct_luhn_ok(const char *s, size_t n)
{
    unsigned sum = 0;
    size_t i;
    int dbl = 0;
    for (i = n; i-- > 0;) {
        unsigned d = (unsigned)(s[i] - '0');
        if (dbl) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        dbl = !dbl;
    }
    return sum % 10 == 0;
}

int ct_decimal_text(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0)
        return 0;
    if (i == n)
        return 1;
    if (s[i++] != '.' || i == n)
        return 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i == n;
}

int ct_parse_uint(const char *s, size_t n, long long *out)
{
    long long v = 0;
    size_t i;
    if (n == 0 || n > 18 || !ct_all_digits(s, n))
        return 0;
    for (i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    *out = v;
    return 1;
}

static ct_err ct_missing(const char *field, ct_error *err)
{
    return ct_fail(err, CT_ERR_VALIDATION, field, "%s is required", field);
}

ct_err ct_check_text(const ct_kv *v, const char *field, size_t max,
                     int allow_empty, ct_error *err)
{
    long chars;
    if (v == NULL)
        return ct_missing(field, err);
    chars = ct_utf8_chars(v->value, v->len);
    if (chars < 0)
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be UTF-8 text without control characters",
                       field);
    if (chars == 0 && !allow_empty)
        return ct_missing(field, err);
    if ((size_t)chars > max)
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s is longer than %zu characters", field, max);
    return CT_OK;
}

ct_err ct_check_card_number(const ct_kv *v, const char *field, ct_error *err)
{
    if (v == NULL || v->len == 0)
        return ct_missing(field, err);
    if (v->len < 12 || v->len > 19 || !ct_all_digits(v->value, v->len))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be 12 to 19 digits", field);
    if (!ct_luhn_ok(v->value, v->len))
        return ct_fail(err, CT_ERR_VALIDATION, field, "%s fails the Luhn check",
                       field);
    return CT_OK;
}

ct_err ct_check_cvv(const ct_kv *v, const char *field, ct_error *err)
{
    if (v == NULL || v->len == 0)
        return ct_missing(field, err);
    if (v->len < 3 || v->len > 4 || !ct_all_digits(v->value, v->len))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be 3 or 4 digits", field);
    return CT_OK;
}

ct_err ct_check_month(const ct_kv *v, const char *field, ct_error *err)
{
    if (v == NULL || v->len == 0)
        return ct_missing(field, err);
    if (v->len != 2 || !ct_all_digits(v->value, 2) ||
        (v->value[0] == '0' && v->value[1] == '0') ||
        (v->value[0] == '1' && v->value[1] > '2') || v->value[0] > '1')
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be two digits, 01 to 12", field);
    return CT_OK;
}

ct_err ct_check_year(const ct_kv *v, const char *field, ct_error *err)
{
    if (v == NULL || v->len == 0)
        return ct_missing(field, err);
    if (v->len != 4 || !ct_all_digits(v->value, 4))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be a 4-digit year", field);
    return CT_OK;
}

ct_err ct_check_expiry(const ct_client *c, const ct_kv *month,
                       const ct_kv *year, ct_error *err)
{
    ct_time now;
    int cur_y, cur_m, m, y;

    ct_client_now(c, &now);
    /* the earliest time zone: a card is good until its month ends there */
    ct_time_year_month(now.unix_ms - 12LL * 3600 * 1000, &cur_y, &cur_m);
    m = (month->value[0] - '0') * 10 + (month->value[1] - '0');
    y = (year->value[0] - '0') * 1000 + (year->value[1] - '0') * 100 +
        (year->value[2] - '0') * 10 + (year->value[3] - '0');
    if (y < cur_y)
        return ct_fail(err, CT_ERR_VALIDATION, "expiration_year",
                       "expiration_year is in the past: the card has expired");
    if (y == cur_y && m < cur_m)
        return ct_fail(err, CT_ERR_VALIDATION, "expiration_month",
                       "expiration_month is before the current month: the "
                       "card has expired");
    if (y > cur_y + CT_MAX_EXPIRY_YEARS)
        return ct_fail(err, CT_ERR_VALIDATION, "expiration_year",
                       "expiration_year is more than %d years ahead",
                       CT_MAX_EXPIRY_YEARS);
    return CT_OK;
}

ct_err ct_check_fresh(const ct_client *c, const char *t, size_t n,
                      double max_age, const char *gw, const char *field,
                      ct_error *err)
{
    ct_time now, when;
    double age;

    if (!(max_age > 0))
        return CT_OK;
    if (t == NULL || !ct_parse_rfc3339(t, n, &when))
        return ct_fail(err, CT_ERR_SIGNATURE, field,
                       "%s notification has no readable %s to check its age",
                       gw, field);
    ct_client_now(c, &now);
    age = (double)(now.unix_ms - when.unix_ms) / 1000.0;
    if (age > max_age)
        return ct_fail(err, CT_ERR_SIGNATURE, field,
                       "%s notification is older than max_age (%s is %.0f s "
                       "old): a replay?",
                       gw, field, age);
    if (-age > max_age)
        return ct_fail(err, CT_ERR_SIGNATURE, field,
                       "%s notification's %s is more than max_age ahead of "
                       "the clock",
                       gw, field);
    return CT_OK;
}

ct_err ct_check_oneof(const ct_kv *v, const char *field,
                      const char *const *allowed, ct_error *err)
{
    size_t i;
    if (v == NULL)
        return ct_missing(field, err);
    for (i = 0; allowed[i] != NULL; i++)
        if (strlen(allowed[i]) == v->len &&
            memcmp(allowed[i], v->value, v->len) == 0)
            return CT_OK;
    return ct_fail(err, CT_ERR_VALIDATION, field,
                   "%s is not one of the allowed values", field);
}

ct_err ct_check_url(const ct_kv *v, const char *field, size_t max,
                    ct_error *err)
{
    ct_err rc = ct_check_text(v, field, max, 0, err);
    if (rc != CT_OK)
        return rc;
    if (!((v->len > 8 && strncmp(v->value, "https://", 8) == 0) ||
          (v->len > 7 && strncmp(v->value, "http://", 7) == 0)) ||
        memchr(v->value, ' ', v->len) != NULL)
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be an http(s) URL", field);
    return CT_OK;
}

ct_err ct_check_arg_names(const ct_op_desc *op, const ct_args *args,
                          ct_error *err)
{
    size_t i;
    for (i = 0; i < args->kv.n; i++) {
        const char *name = args->kv.items[i].name;
        if (ct_param_find(op->args, op->nargs, name) == NULL)
            return ct_fail_unknown_name(err, CT_ERR_VALIDATION, "argument",
                                        name);
    }
    return CT_OK;
}

int ct_json_depth_ok(const char *s, size_t n, int max)
{
    int depth = 0;
    size_t i = 0;
    while (i < n) {
        char ch = s[i++];
        if (ch == '"') { /* skip the string: only '"' and '\\' matter */
            while (i < n && s[i] != '"') {
                if (s[i] == '\\')
                    i++;
                i++;
            }
            i++;
        } else if (ch == '{' || ch == '[') {
            if (++depth > max)
                return 0;
        } else if (ch == '}' || ch == ']') {
            depth--;
        }
    }
    return 1;
}
