/* check.h - validation of arguments and notification times (check.c). Private
 * to the core. */
#ifndef CT_CHECK_H
#define CT_CHECK_H

#include <stdint.h>
#include "cardtoken.h"
#include "kv.h"

/* The length (1 to 4) of the valid UTF-8 sequence at s[i] (i < n), its
 * code point in *cp; 0 when the bytes there are not UTF-8. */
size_t ct_utf8_decode(const char *s, size_t n, size_t i, uint32_t *cp);
/* Number of UTF-8 code points, or -1 when invalid UTF-8 or when it holds a
 * control character. */
long ct_utf8_chars(const char *s, size_t n);
int ct_all_digits(const char *s, size_t n);
int ct_luhn_ok(const char *s, size_t n);
/* Validation helpers: each returns CT_OK or a CT_ERR_VALIDATION naming
 * `field`. Text: 1..max chars (min 0 when allow_empty). */
ct_err ct_check_text(const ct_kv *v, const char *field, size_t max,
                     int allow_empty, ct_error *err);
ct_err ct_check_card_number(const ct_kv *v, const char *field, ct_error *err);
ct_err ct_check_cvv(const ct_kv *v, const char *field, ct_error *err);
ct_err ct_check_month(const ct_kv *v, const char *field, ct_error *err);
ct_err ct_check_year(const ct_kv *v, const char *field, ct_error *err);
/* The expiry (month and year already checked) against the client's clock:
 * CT_ERR_VALIDATION naming the field when the card has expired (a month
 * before the current one, as seen in the earliest time zone, UTC-12) or the
 * year lies more than CT_MAX_EXPIRY_YEARS ahead. */
#define CT_MAX_EXPIRY_YEARS 20
ct_err ct_check_expiry(const ct_client *c, const ct_kv *month,
                       const ct_kv *year, ct_error *err);
ct_err ct_check_oneof(const ct_kv *v, const char *field,
                      const char *const *allowed, ct_error *err);
ct_err ct_check_url(const ct_kv *v, const char *field, size_t max,
                    ct_error *err);
/* A notification's signed time t[0..n) (RFC 3339; t NULL: absent) must lie
 * within max_age seconds of the client's clock (max_age <= 0: no check);
 * otherwise CT_ERR_SIGNATURE naming `field`. */
ct_err ct_check_fresh(const ct_client *c, const char *t, size_t n,
                      double max_age, const char *gw, const char *field,
                      ct_error *err);
/* 1 when s[0..n) is an amount's decimal text: ^[0-9]+(\.[0-9]+)?$ */
int ct_decimal_text(const char *s, size_t n);
/* Parses a non-negative decimal integer text (no sign, <= 18 digits). */
int ct_parse_uint(const char *s, size_t n, long long *out);
/* Checks argument names against the gateway's table. */
ct_err ct_check_arg_names(const ct_op_desc *op, const ct_args *args,
                          ct_error *err);

/* JSON deeper than this is refused before it is parsed, whatever the
 * language of the caller could read (a gateway's answer is 3-4 deep). */
#define CT_JSON_MAX_DEPTH 64
/* 1 when the JSON text s[0..n) nests arrays and objects at most `max`
 * deep (brackets inside strings do not count). */
int ct_json_depth_ok(const char *s, size_t n, int max);

#endif /* CT_CHECK_H */
