/* phpstr.h - PHP's string conversions (phpstr.c). Private to the core. */
#ifndef CT_PHPSTR_H
#define CT_PHPSTR_H

#include <jansson.h>
#include "buf.h"
#include "cardtoken.h"

/* Appends PHP's (string) of a float with precision=14 ("1.5E-7", "0.3",
 * "1.2345678901235E+14", "1.0E+20", "10.5", "-0"). */
void ct_php_double(ct_buf *out, double d);
/* The sorted "k=v&..." string of obj's members as a PHP server signs them
 * after json_decode($text, true): strings as they are, numbers as (string)
 * writes them, true "1", false and null "", objects and arrays "Array".
 * raw[0..raw_len) is obj's own JSON text (exact numbers). When a member is
 * an object or an array, *nested is set and `as_received` receives the same
 * string with those values as their received text. */
ct_err ct_php_canon(ct_buf *out, ct_buf *as_received, int *nested,
                    const json_t *obj, const char *raw, size_t raw_len,
                    ct_error *err);

#endif /* CT_PHPSTR_H */
