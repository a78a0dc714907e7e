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

/* Copies at most cap-1 bytes, replacing control bytes by '?'. A gateway's
 * own text never holds the caller's card data (we never echo requests). */
static void ct_copy_clean(char *dst, size_t cap, const char *s, size_t n)
{
    size_t i;
    if (n > cap - 1)
        n = cap - 1;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        dst[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
    }
    dst[n] = '\0';
}

/* Masks, in place, every run of 12 to 19 digits (spaces and dashes allowed
 * between them) to its first six and last four digits: a gateway that
 * echoes a card number must not get it into our error. */
static void ct_mask_pans(char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t j = i, digits = 0, last = i;
        if (s[i] < '0' || s[i] > '9') {
            i++;
            continue;
        }
        while (j < n && ((s[j] >= '0' && s[j] <= '9') ||
                         ((s[j] == ' ' || s[j] == '-') && j + 1 < n &&
                          s[j + 1] >= '0' && s[j + 1] <= '9'))) {
            if (s[j] >= '0' && s[j] <= '9') {
                digits++;
                last = j;
            }
            j++;
        }
        if (digits >= 12) {
            size_t seen = 0, k;
            for (k = i; k <= last; k++) {
                if (s[k] < '0' || s[k] > '9')
                    continue;
                seen++;
                if (seen > 6 && seen <= digits - 4)
                    s[k] = '*';
            }
        }
        i = j;
    }
}

void ct_error_set_gateway_reply(ct_error *err, const char *code, size_t clen,
                                const char *msg, size_t mlen)
{
    if (err == NULL)
        return;
    if (code != NULL)
        ct_copy_clean(err->gateway_code, sizeof(err->gateway_code), code,
                      clen);
    if (msg != NULL)
        ct_copy_clean(err->gateway_message, sizeof(err->gateway_message), msg,
                      mlen);
    ct_mask_pans(err->gateway_code);
    ct_mask_pans(err->gateway_message);
}
