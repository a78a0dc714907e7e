/* clock.c - the timestamps the gateways want (RFC 3339 / ISO 8601 with an
 * offset, unix seconds), computed without the C library's time zones. */
#include "buf.h"
#include "clock.h"

#include <string.h>
#include <time.h>

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t ct_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void ct_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int ct_num(const char *s, size_t n, int *out)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int ct_parse_rfc3339(const char *s, size_t n, ct_time *out)
{
    int y, mo, d, h, mi, sec, ms = 0, oh = 0, om = 0, sign = 1;
    size_t i = 19;

    if (n < 20 || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        return 0;
    if (!ct_num(s, 4, &y) || !ct_num(s + 5, 2, &mo) || !ct_num(s + 8, 2, &d) ||
        !ct_num(s + 11, 2, &h) || !ct_num(s + 14, 2, &mi) ||
        !ct_num(s + 17, 2, &sec))
        return 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return 0;
    if (s[i] == '.') {
        size_t start = ++i, k;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return 0;
        for (k = 0; k < 3; k++)
            ms = ms * 10 + (start + k < i ? s[start + k] - '0' : 0);
    }
    if (i == n - 1 && (s[i] == 'Z' || s[i] == 'z')) {
        /* UTC */
    } else if (i + 6 == n && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
        sign = s[i] == '-' ? -1 : 1;
        if (!ct_num(s + i + 1, 2, &oh) || !ct_num(s + i + 4, 2, &om) ||
            oh > 23 || om > 59)
            return 0;
    } else {
        return 0;
    }
    out->offset_min = sign * (oh * 60 + om);
    out->unix_ms =
        ((ct_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) -
         (int64_t)out->offset_min * 60) *
            1000 +
        ms;
    return 1;
}

/* v (0 <= v < 10^width) as `width` decimal digits, zero-padded. */
static void ct_put_digits(char *w, int v, int width)
{
    while (width-- > 0) {
        w[width] = (char)('0' + v % 10);
        v /= 10;
    }
}

void ct_format_time(ct_buf *out, const ct_time *t, int with_ms)
{
    int64_t local_ms = t->unix_ms + (int64_t)t->offset_min * 60000;
    int64_t secs = local_ms >= 0 ? local_ms / 1000 : (local_ms - 999) / 1000;
    int ms = (int)(local_ms - secs * 1000);
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    int64_t rem = secs - days * 86400, y;
    int m, d, off = t->offset_min < 0 ? -t->offset_min : t->offset_min;

    ct_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) { /* outside 4 digits: as printf writes it */
        ct_buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d", (int)y, m, d,
                      (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
    } else {
        char t4[20];
        ct_put_digits(t4, (int)y, 4);
        t4[4] = '-';
        ct_put_digits(t4 + 5, m, 2);
        t4[7] = '-';
        ct_put_digits(t4 + 8, d, 2);
        t4[10] = 'T';
        ct_put_digits(t4 + 11, (int)(rem / 3600), 2);
        t4[13] = ':';
        ct_put_digits(t4 + 14, (int)(rem / 60 % 60), 2);
        t4[16] = ':';
        ct_put_digits(t4 + 17, (int)(rem % 60), 2);
        ct_buf_append(out, t4, 19);
    }
    if (with_ms) {
        char f[4] = {'.'};
        ct_put_digits(f + 1, ms, 3);
        ct_buf_append(out, f, 4);
    }
    if (off / 60 > 99) {
        ct_buf_printf(out, "%c%02d:%02d", t->offset_min < 0 ? '-' : '+',
                      off / 60, off % 60);
    } else {
        char z[6] = {t->offset_min < 0 ? '-' : '+'};
        ct_put_digits(z + 1, off / 60, 2);
        z[3] = ':';
        ct_put_digits(z + 4, off % 60, 2);
        ct_buf_append(out, z, 6);
    }
}

void ct_time_year_month(int64_t unix_ms, int *year, int *month)
{
    int64_t secs = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400, y;
    int m, d;
    ct_civil_from_days(days, &y, &m, &d);
    *year = (int)y;
    *month = m;
}

double ct_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
