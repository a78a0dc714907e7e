/* errors.c - the error table and the ct_error filler. */
#include "errors.h"
#include "mask.h"
#include "mem.h"
#include "request.h"

#include <stdio.h>
#include <string.h>
#include <stdarg.h>

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

const char *ct_err_name(ct_err code)
{
    return ct_err_lookup(code)->name;
}
const char *ct_err_str(ct_err code)
{
    return ct_err_lookup(code)->msg;
}
ct_category ct_err_category(ct_err code)
{
    return ct_err_lookup(code)->cat;
}

const char *ct_category_name(ct_category cat)
{
    static const char *const names[] = {
        "none",     "internal",  "configuration", "validation",    "transport",
        "protocol", "signature", "gateway",       "result_unknown"};
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

ct_err ct_fail_unknown_name(ct_error *err, ct_err code, const char *what,
                            const char *name)
{
    char shown[64];
    /* a name may be anything the caller passed, a card number included */
    ct_mask_copy(shown, 41, name, strlen(name), NULL, NULL);
    ct_fail(err, code, NULL, "unknown %s '%s'", what, shown);
    if (err != NULL)
        snprintf(err->field, sizeof(err->field), "%s", shown);
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

/* Copies a gateway's code/message into *err (see ct_fail_gateway). */
static void ct_error_set_gateway_reply(ct_error *err, const ct_request *req,
                                       const char *code, size_t clen,
                                       const char *msg, size_t mlen)
{
    const char *pan = req ? req->pan : NULL, *cvv = req ? req->cvv : NULL;
    if (err == NULL)
        return;
    if (code != NULL)
        ct_mask_copy(err->gateway_code, sizeof(err->gateway_code), code, clen,
                     pan, cvv);
    if (msg != NULL)
        ct_mask_copy(err->gateway_message, sizeof(err->gateway_message), msg,
                     mlen, pan, cvv);
}

ct_err ct_fail_gateway(ct_error *err, const ct_request *req, ct_err code,
                       const char *fmt, const char *gcode, size_t clen,
                       const char *gmsg, size_t mlen)
{
    char shown[24];
    ct_mask_copy(shown, sizeof(shown), gcode ? gcode : "", gcode ? clen : 0,
                 req ? req->pan : NULL, req ? req->cvv : NULL);
    ct_fail(err, code, NULL, fmt, shown);
    ct_error_set_gateway_reply(err, req, gcode ? gcode : "", gcode ? clen : 0,
                               gmsg ? gmsg : "", gmsg ? mlen : 0);
    return code;
}
