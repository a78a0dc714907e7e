/* errors.c - the error table and the ct_error filler. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

typedef struct ct_err_info {
    ct_err code;
    const char *name;
    ct_category cat;
    int retryable;
    int unknown;
    const char *msg;
} ct_err_info;

static const ct_err_info ct_err_table[] = {
#define CT_X_INFO(name, value, cat, retry, unknown, msg)                       \
    {name, #name, cat, retry, unknown, msg},
    CT_ERROR_TABLE(CT_X_INFO)
#undef CT_X_INFO
};

static const ct_err_info *ct_err_lookup(ct_err code)
{
    size_t i;
    for (i = 0; i < CT_ARRAY_LEN(ct_err_table); i++)
        if (ct_err_table[i].code == code)
            return &ct_err_table[i];
    return &ct_err_table[2]; /* CT_ERR_INTERNAL */
}

const char *ct_err_name(ct_err code) { return ct_err_lookup(code)->name; }
const char *ct_err_str(ct_err code) { return ct_err_lookup(code)->msg; }
ct_category ct_err_category(ct_err code) { return ct_err_lookup(code)->cat; }

const char *ct_category_name(ct_category cat)
{
    static const char *const names[] = {
        "none",     "internal",  "configuration", "validation",
        "transport", "protocol", "signature",     "gateway",
        "result_unknown"};
    if ((unsigned)cat < CT_ARRAY_LEN(names))
        return names[cat];
    return "internal";
}

void ct_error_clear(ct_error *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof(*err));
    err->retry_after = -1.0;
}

ct_err ct_fail(ct_error *err, ct_err code, const char *field, const char *fmt,
               ...)
{
    const ct_err_info *info;
    va_list ap;
    int gw;

    if (err == NULL)
        return code;
    info = ct_err_lookup(code);
    gw = err->gateway;
    ct_error_clear(err);
    err->gateway = gw;
    err->code = code;
    err->category = info->cat;
    err->retryable = info->retryable;
    err->outcome_unknown = info->unknown;
    if (field != NULL)
        snprintf(err->field, sizeof(err->field), "%s", field);
    if (fmt != NULL) {
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
        va_end(ap);
    } else {
        snprintf(err->message, sizeof(err->message), "%s", info->msg);
    }
    return code;
}

ct_err ct_fail_nomem(ct_error *err)
{
    return ct_fail(err, CT_ERR_NOMEM, NULL, "out of memory");
}

void ct_error_set_gateway(ct_error *err, ct_gateway gw)
{
    if (err != NULL)
        err->gateway = (int)gw;
}

static int ct_is_digit(char c) { return c >= '0' && c <= '9'; }
static int ct_is_sep(char c) { return c == ' ' || c == '-' || c == '.'; }

/* Copies src[0..n) into dst (at most cap-1 bytes, NUL-terminated),
 * replacing control bytes by '?' and masking every run of 12 to 19 digits
 * (up to two separators " -." between digits) to its first six and last
 * four. The runs are found in the whole source before it is cut, so a
 * card number cannot survive truncation. */
static void ct_copy_masked(char *dst, size_t cap, const char *src, size_t n)
{
    size_t i = 0, o = 0;
    while (i < n && o + 1 < cap) {
        size_t j = i, digits = 0, last = i, k, seen = 0;
        if (!ct_is_digit(src[i])) {
            unsigned char ch = (unsigned char)src[i++];
            dst[o++] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
            continue;
        }
        while (j < n) {
            if (ct_is_digit(src[j])) {
                digits++;
                last = j++;
            } else if (ct_is_sep(src[j]) && j + 1 < n &&
                       (ct_is_digit(src[j + 1]) ||
                        (ct_is_sep(src[j + 1]) && j + 2 < n &&
                         ct_is_digit(src[j + 2])))) {
                j++;
            } else {
                break;
            }
        }
        for (k = i; k <= last && o + 1 < cap; k++) {
            char ch = src[k];
            if (ct_is_digit(ch) && digits >= 12) {
                seen++;
                if (seen > 6 && seen + 4 <= digits)
                    ch = '*';
            }
            dst[o++] = ch;
        }
        i = last + 1;
    }
    dst[o] = '\0';
}

void ct_error_set_gateway_reply(ct_error *err, const char *code, size_t clen,
                                const char *msg, size_t mlen)
{
    if (err == NULL)
        return;
    if (code != NULL)
        ct_copy_masked(err->gateway_code, sizeof(err->gateway_code), code,
                       clen);
    if (msg != NULL)
        ct_copy_masked(err->gateway_message, sizeof(err->gateway_message), msg,
                       mlen);
}

ct_err ct_fail_gateway(ct_error *err, ct_err code, const char *fmt,
                       const char *gcode, size_t clen, const char *gmsg,
                       size_t mlen)
{
    char shown[24];
    ct_copy_masked(shown, sizeof(shown), gcode ? gcode : "", gcode ? clen : 0);
    ct_fail(err, code, NULL, fmt, shown);
    ct_error_set_gateway_reply(err, gcode ? gcode : "", gcode ? clen : 0,
                               gmsg ? gmsg : "", gmsg ? mlen : 0);
    return code;
}
