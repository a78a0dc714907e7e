/* clock.h - RFC 3339 times (clock.c). Private to the core. */
#ifndef CT_CLOCK_H
#define CT_CLOCK_H

#include <stdint.h>
#include "buf.h"

typedef struct ct_time {
    int64_t unix_ms;
    int offset_min; /* local offset used when formatting */
} ct_time;

int ct_parse_rfc3339(const char *s, size_t n, ct_time *out);
/* The civil (UTC) year and month of a unix time in milliseconds. */
void ct_time_year_month(int64_t unix_ms, int *year, int *month);
/* "2022-01-22T10:00:00.500+08:00" (with_ms) or "2022-01-22T10:00:00+08:00" */
void ct_format_time(ct_buf *out, const ct_time *t, int with_ms);

/* Monotonic seconds (timeouts, elapsed times). */
double ct_mono(void);

#endif /* CT_CLOCK_H */
