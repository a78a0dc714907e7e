/*
 * _cardtoken_errors.c - core errors become the exceptions of cardtoken._errors.
 *
 * raise_ct_ex() is the one place that maps a core error to an exception
 * class (by ct_err_category(); CT_ERR_NOMEM to a MemoryError). An unknown
 * keyword is the core's error for an unknown name (CT_ERR_CONFIG /
 * CT_ERR_VALIDATION naming it), raised as a subclass that is also a
 * TypeError. Messages never hold a value.
 */
#include "_cardtoken.h"

/* ------------------------------------------------------------------ */
/* Exceptions: category -> class, the one mapping                      */
/* ------------------------------------------------------------------ */

/* Class names in cardtoken._errors, indexed by ct_category. CT_ERR_NOMEM
 * is the one code mapped by itself: OutOfMemoryError (Error, MemoryError). */
static const char *const CATEGORY_CLASS[N_CATEGORIES] = {
    [CT_CAT_NONE] = "Error",
    [CT_CAT_INTERNAL] = "Error",
    [CT_CAT_CONFIGURATION] = "ConfigurationError",
    [CT_CAT_VALIDATION] = "ValidationError",
    [CT_CAT_TRANSPORT] = "TransportError",
    [CT_CAT_PROTOCOL] = "ProtocolError",
    [CT_CAT_SIGNATURE] = "SignatureError",
    [CT_CAT_GATEWAY] = "GatewayError",
    [CT_CAT_RESULT_UNKNOWN] = "ResultUnknownError",
};
#define NOMEM_CLASS "OutOfMemoryError"
/* An unknown option / argument name is also a TypeError (as any unexpected
 * keyword argument): these subclasses are (category class, TypeError). */
static const char *const UNKNOWN_NAME_CLASS[N_CATEGORIES] = {
    [CT_CAT_CONFIGURATION] = "UnknownOptionError",
    [CT_CAT_VALIDATION] = "UnknownArgumentError",
};
/* So is a value of the wrong Python type. */
static const char *const WRONG_TYPE_CLASS[N_CATEGORIES] = {
    [CT_CAT_CONFIGURATION] = "OptionTypeError",
    [CT_CAT_VALIDATION] = "ArgumentTypeError",
};

/* The table's flags for a code (used when the core left err unfilled). */
static void code_flags(ct_err code, int *retryable, int *outcome_unknown)
{
    switch (code) {
#define CT_X_FLAGS(name, value, cat, retry, unknown, msg)                      \
    case name:                                                                 \
        *retryable = retry;                                                    \
        *outcome_unknown = unknown;                                            \
        return;
        CT_ERROR_TABLE(CT_X_FLAGS)
#undef CT_X_FLAGS
    }
    *retryable = 0;
    *outcome_unknown = 0;
}

/* ------------------------------------------------------------------ */
/* Raising                                                             */
/* ------------------------------------------------------------------ */

/* new: a str from a NUL-terminated field of at most `cap` bytes, or None. */
static PyObject *opt_text(const char *s, size_t cap)
{
    size_t n = s ? strnlen(s, cap) : 0;
    if (n == 0)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "replace");
}

static int kw_set(PyObject *kw, const char *key, PyObject *value)
{
    if (!value)
        return -1;
    int rc = PyDict_SetItemString(kw, key, value);
    Py_DECREF(value);
    return rc;
}

/*
 * Raises the exception for a failed core call: rc is what the call returned,
 * e what it filled (may be NULL), gw the client's gateway (used when e names
 * none). Every attribute is set on every instance (None when not
 * applicable). The one place where core errors become Python exceptions.
 */
static void raise_ct_ex(modstate *st, ct_err rc, const ct_error *e,
                        ct_gateway gw, int kind)
{
    ct_err code = (e && e->code != CT_OK) ? e->code : rc;
    if (code == CT_OK)
        code = CT_ERR_INTERNAL; /* a failure reported without a code */
    int filled = e && e->code == code;

    PyObject *cls;
    if (code == CT_ERR_NOMEM) {
        cls = st->exc_nomem;
    } else {
        int cat = (int)ct_err_category(code);
        if (cat < 0 || cat >= N_CATEGORIES)
            cat = CT_CAT_INTERNAL;
        cls = (kind == SHIM_UNKNOWN_NAME && st->exc_unknown_name[cat])
                  ? st->exc_unknown_name[cat]
              : (kind == SHIM_WRONG_TYPE && st->exc_wrong_type[cat])
                  ? st->exc_wrong_type[cat]
                  : st->exc_by_cat[cat];
    }
    if (!cls) {
        PyErr_SetString(PyExc_SystemError,
                        "cardtoken: exception classes not loaded");
        return;
    }

    int retryable, unknown;
    code_flags(code, &retryable, &unknown);
    if (filled) {
        retryable = e->retryable;
        unknown = e->outcome_unknown;
    }
    int gwid = (filled && e->gateway) ? e->gateway : (int)gw;

    PyObject *msg = NULL, *args = NULL, *kw = NULL, *exc = NULL;
    if (filled && e->message[0])
        msg = opt_text(e->message, sizeof e->message);
    else
        msg = PyUnicode_FromString(ct_err_str(code));
    if (!msg)
        goto done;
    args = PyTuple_Pack(1, msg);
    kw = PyDict_New();
    if (!args || !kw)
        goto done;
    if (kw_set(kw, "code", PyLong_FromLong((long)code)) < 0 ||
        kw_set(kw, "name", PyUnicode_FromString(ct_err_name(code))) < 0 ||
        kw_set(kw, "gateway",
               opt_text(gwid ? ct_gateway_name((ct_gateway)gwid) : NULL, 64)) <
            0 ||
        kw_set(kw, "field",
               filled ? opt_text(e->field, sizeof e->field)
                      : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "retryable", PyBool_FromLong(retryable)) < 0 ||
        kw_set(kw, "outcome_unknown", PyBool_FromLong(unknown)) < 0 ||
        kw_set(kw, "http_status",
               (filled && e->http_status) ? PyLong_FromLong(e->http_status)
                                          : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "gateway_code",
               filled ? opt_text(e->gateway_code, sizeof e->gateway_code)
                      : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "gateway_message",
               filled ? opt_text(e->gateway_message, sizeof e->gateway_message)
                      : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "retry_after",
               (filled && e->retry_after >= 0)
                   ? PyFloat_FromDouble(e->retry_after)
                   : Py_NewRef(Py_None)) < 0)
        goto done;
    exc = PyObject_Call(cls, args, kw);
    if (exc)
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
done:
    Py_XDECREF(exc);
    Py_XDECREF(kw);
    Py_XDECREF(args);
    Py_XDECREF(msg);
}

void raise_ct(modstate *st, ct_err rc, const ct_error *e, ct_gateway gw)
{
    raise_ct_ex(st, rc, e, gw, SHIM_PLAIN);
}

/* Raises a core error code detected by the shim itself (closed client,
 * unknown names, text that cannot be UTF-8). `what` is the whole message
 * (NULL: the table's) and must not hold any value. */
void raise_shim_ex(modstate *st, ct_err code, ct_gateway gw, const char *field,
                   const char *what, int kind)
{
    ct_error e;
    memset(&e, 0, sizeof e);
    ct_error_clear(&e);
    e.code = code;
    e.category = ct_err_category(code);
    e.gateway = (int)gw;
    code_flags(code, &e.retryable, &e.outcome_unknown);
    e.http_status = 0;
    e.retry_after = -1;
    if (field)
        snprintf(e.field, sizeof e.field, "%s", field);
    snprintf(e.message, sizeof e.message, "%s", what ? what : ct_err_str(code));
    raise_ct_ex(st, code, &e, gw, kind);
}

int type_error(modstate *st, ct_gateway gw, ct_err code, const char *fn,
               const char *name, const char *want, PyObject *got)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s: argument '%s' must be %s, not %.100s", fn,
             name, want, Py_TYPE(got)->tp_name);
    raise_shim_ex(st, code, gw, name, msg, SHIM_WRONG_TYPE);
    return -1;
}

void raise_shim(modstate *st, ct_err code, ct_gateway gw, const char *field,
                const char *what)
{
    raise_shim_ex(st, code, gw, field, what, SHIM_PLAIN);
}

/* Zeroes n bytes in a way the compiler keeps. */
void wipe(void *p, size_t n)
{
    volatile unsigned char *v = (volatile unsigned char *)p;
    while (n--)
        *v++ = 0;
}

/* Loads the exception classes of cardtoken._errors into the module state.
 * 0 or -1 (raised). */
int errors_load(modstate *st)
{
    PyObject *errors = PyImport_ImportModule(PACKAGE "._errors");
    if (!errors)
        return -1;
    for (int c = 0; c < N_CATEGORIES; c++) {
        st->exc_by_cat[c] = PyObject_GetAttrString(errors, CATEGORY_CLASS[c]);
        if (!st->exc_by_cat[c]) {
            Py_DECREF(errors);
            return -1;
        }
    }
    for (int c = 0; c < N_CATEGORIES; c++) {
        if (UNKNOWN_NAME_CLASS[c] &&
            !(st->exc_unknown_name[c] =
                  PyObject_GetAttrString(errors, UNKNOWN_NAME_CLASS[c]))) {
            Py_DECREF(errors);
            return -1;
        }
        if (WRONG_TYPE_CLASS[c] &&
            !(st->exc_wrong_type[c] =
                  PyObject_GetAttrString(errors, WRONG_TYPE_CLASS[c]))) {
            Py_DECREF(errors);
            return -1;
        }
    }
    st->exc_nomem = PyObject_GetAttrString(errors, NOMEM_CLASS);
    Py_DECREF(errors);
    return st->exc_nomem ? 0 : -1;
}
