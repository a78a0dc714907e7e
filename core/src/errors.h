/* errors.h - filling a ct_error (errors.c). Private to the core. */
#ifndef CT_ERRORS_H
#define CT_ERRORS_H

#include "cardtoken.h"

/* Fills *err (if not NULL) for `code`, with the table's flags and a
 * message built from fmt (must never contain card data). Returns code. */
ct_err ct_fail(ct_error *err, ct_err code, const char *field, const char *fmt,
               ...) __attribute__((format(printf, 4, 5)));
ct_err ct_fail_nomem(ct_error *err);
/* "unknown <what> '<name>'" naming `name`, masked (ct_mask_copy) in both
 * the message and the field. Returns code. */
ct_err ct_fail_unknown_name(ct_error *err, ct_err code, const char *what,
                            const char *name);
void ct_error_set_gateway(ct_error *err, ct_gateway gw);
/* A gateway's refusal: fmt has one %s for the gateway's code; the code and
 * message are kept (truncated, sanitized to printable, card data masked by
 * ct_mask_copy; req, when not NULL, is the request answered: its card
 * number and CVV are masked wherever they appear). Returns code. */
ct_err ct_fail_gateway(ct_error *err, const struct ct_request *req, ct_err code,
                       const char *fmt, const char *gcode, size_t clen,
                       const char *gmsg, size_t mlen)
    __attribute__((format(printf, 4, 0)));

#endif /* CT_ERRORS_H */
