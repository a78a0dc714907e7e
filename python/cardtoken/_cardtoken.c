/*
 * _cardtoken.c - the Python face of the cardtoken C core.
 *
 * A thin shim over core/include/cardtoken.h: it turns Python keyword
 * arguments into ct_config / ct_args text values, core handles into Python
 * objects and ct_error codes into exceptions. It holds no gateway logic:
 * method names and value types come from ct_gateway_describe() (the
 * gateway's operation and its ct_param_desc types), result types and fields from
 * ct_result_type() / ct_result_record(). The only per-gateway table here
 * (GATEWAYS) names the Python classes and the parameters of the
 * notification methods.
 *
 * Structure: multi-phase init (PyModuleDef_Init + Py_mod_exec), all types
 * are heap types made with PyType_FromModuleAndSpec, everything the module
 * needs lives in its module state. The exception classes are defined in
 * cardtoken/_errors.py; raise_ct_ex() is the one place that maps a core
 * error to one of them (by ct_err_category(); CT_ERR_NOMEM to a
 * MemoryError). An unknown keyword is the core's error for an unknown name
 * (CT_ERR_CONFIG / CT_ERR_VALIDATION naming it), raised as a subclass that
 * is also a TypeError.
 *
 * Threads: the GIL is released around every core call that does crypto or
 * network I/O. A client counts its calls in flight (under the GIL); close()
 * marks it closed and the core handle is freed when the last call returns,
 * so ct_client_free() never races with a call. No Python object is touched
 * without the GIL: everything a core call reads is either a core handle
 * owned by this call, a copy, or a buffer pinned for the call's duration.
 *
 * Card data: values are never echoed in an exception message; TypeErrors
 * name the argument and the wrong type only. Result fields flagged
 * `sensitive` by the core are masked in repr()/str(); a Request's repr()
 * shows ct_request_body_redacted(), never the body.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>
#include <string.h>

#include "cardtoken.h"

#define MODULE_NAME "cardtoken._cardtoken"
#define PACKAGE "cardtoken"
#define NGW 5 /* ct_gateway values 1..4 index arrays directly */
#define MAX_RESULT_TYPES 8
#define MAX_FIELDS 64

/* ------------------------------------------------------------------ */
/* The per-gateway table: Python class names and notification methods  */
/* ------------------------------------------------------------------ */

typedef struct gw_info {
    ct_gateway gw;
    const char *class_name;
    /* verify_notification's parameters, in order; each is a member of
     * ct_notification ("fields" means fields_json built with json.dumps). */
    const char *verify_params[4];
    /* notification_ack(path) returning (headers, body) instead of body. */
    int ack_takes_path;
    /* verify_notification(..., *, max_age=None): the notifications carry a
     * signed time (PayerMax notifyTime, WorldFirst Request-Time). */
    int has_max_age;
} gw_info;

static const gw_info GATEWAYS[] = {
    {CT_GW_PAGSMILE, "Pagsmile", {"fields", NULL, NULL, NULL}, 0, 0},
    {CT_GW_PAYERMAX, "PayerMax", {"body", "sign", NULL, NULL}, 0, 1},
    {CT_GW_YABANDPAY, "YabandPay", {"body", NULL, NULL, NULL}, 0, 0},
    {CT_GW_WORLDFIRST, "WorldFirst", {"path", "headers", "body", NULL}, 1, 1},
};
#define N_GATEWAYS ((int)(sizeof(GATEWAYS) / sizeof(GATEWAYS[0])))

static const gw_info *gw_info_of(ct_gateway gw)
{
    for (int i = 0; i < N_GATEWAYS; i++)
        if (GATEWAYS[i].gw == gw)
            return &GATEWAYS[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Exceptions: category -> class, the one mapping                      */
/* ------------------------------------------------------------------ */

#define N_CATEGORIES (CT_CAT_RESULT_UNKNOWN + 1)

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

/* The table's flags for a code (used when the core left err unfilled). */
static void code_flags(ct_err code, int *retryable, int *outcome_unknown)
{
    switch (code) {
#define CT_X_FLAGS(name, value, cat, retry, unknown, msg)                     \
    case name:                                                                \
        *retryable = retry;                                                   \
        *outcome_unknown = unknown;                                           \
        return;
        CT_ERROR_TABLE(CT_X_FLAGS)
#undef CT_X_FLAGS
    }
    *retryable = 0;
    *outcome_unknown = 0;
}

/* ------------------------------------------------------------------ */
/* Module state                                                        */
/* ------------------------------------------------------------------ */

typedef struct modstate {
    PyObject *client_type[NGW]; /* indexed by ct_gateway */
    PyObject *request_type;
    PyObject *result_types; /* dict: ct_result_type() name -> type */
    PyObject *exc_by_cat[N_CATEGORIES];
    PyObject *exc_unknown_name[N_CATEGORIES];
    PyObject *exc_nomem;
    PyObject *json_dumps;
    PyObject *json_loads;
    PyObject *dumps_kwargs; /* {"ensure_ascii": False, "separators": (",", ":")} */
} modstate;

static modstate *state_of(PyObject *obj)
{
    return (modstate *)PyType_GetModuleState(Py_TYPE(obj));
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
static void raise_ct_ex(modstate *st, ct_err rc, const ct_error *e, ct_gateway gw,
                        int unknown_name)
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
        cls = (unknown_name && st->exc_unknown_name[cat]) ? st->exc_unknown_name[cat]
                                                          : st->exc_by_cat[cat];
    }
    if (!cls) {
        PyErr_SetString(PyExc_SystemError, "cardtoken: exception classes not loaded");
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
               opt_text(gwid ? ct_gateway_name((ct_gateway)gwid) : NULL, 64)) < 0 ||
        kw_set(kw, "field", filled ? opt_text(e->field, sizeof e->field) : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "retryable", PyBool_FromLong(retryable)) < 0 ||
        kw_set(kw, "outcome_unknown", PyBool_FromLong(unknown)) < 0 ||
        kw_set(kw, "http_status",
               (filled && e->http_status) ? PyLong_FromLong(e->http_status)
                                          : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "gateway_code",
               filled ? opt_text(e->gateway_code, sizeof e->gateway_code) : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "gateway_message",
               filled ? opt_text(e->gateway_message, sizeof e->gateway_message)
                      : Py_NewRef(Py_None)) < 0 ||
        kw_set(kw, "retry_after",
               (filled && e->retry_after >= 0) ? PyFloat_FromDouble(e->retry_after)
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

static void raise_ct(modstate *st, ct_err rc, const ct_error *e, ct_gateway gw)
{
    raise_ct_ex(st, rc, e, gw, 0);
}

/* Raises a core error code detected by the shim itself (closed client,
 * unknown names, text that cannot be UTF-8). `what` is the whole message
 * (NULL: the table's) and must not hold any value. */
static void raise_shim_ex(modstate *st, ct_err code, ct_gateway gw, const char *field,
                          const char *what, int unknown_name)
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
    raise_ct_ex(st, code, &e, gw, unknown_name);
}

static void raise_shim(modstate *st, ct_err code, ct_gateway gw, const char *field,
                       const char *what)
{
    raise_shim_ex(st, code, gw, field, what, 0);
}

/* Zeroes n bytes in a way the compiler keeps. */
static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = (volatile unsigned char *)p;
    while (n--)
        *v++ = 0;
}

/* ------------------------------------------------------------------ */
/* Python values -> text                                               */
/* ------------------------------------------------------------------ */

/* A UTF-8 view of a value; `keep` holds whatever owns the bytes. */
typedef struct text {
    const char *p;
    Py_ssize_t n;
    PyObject *keep;
    Py_buffer view;
    int has_view;
} text;

static void text_release(text *t)
{
    if (t->has_view)
        PyBuffer_Release(&t->view);
    t->has_view = 0;
    Py_CLEAR(t->keep);
    t->p = NULL;
    t->n = 0;
}

/* The UTF-8 bytes of str `s` (kept in t). Lone surrogates raise the core
 * error `code` naming `field`; the value itself is never echoed. */
static int text_from_str(modstate *st, ct_gateway gw, PyObject *s, ct_err code,
                         const char *field, text *t)
{
    Py_ssize_t n = 0;
    const char *p = PyUnicode_AsUTF8AndSize(s, &n);
    if (!p) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeError)) {
            PyErr_Clear();
            char msg[160];
            snprintf(msg, sizeof msg, "%s: %.64s is not valid text (not encodable as UTF-8)",
                     ct_err_str(code), field);
            raise_shim(st, code, gw, field, msg);
        }
        return -1;
    }
    t->p = p;
    t->n = n;
    t->keep = Py_NewRef(s);
    return 0;
}

/* bytes-like or str -> text (for bodies, signatures, header parts). */
static int text_from_bytes_or_str(modstate *st, ct_gateway gw, PyObject *o, ct_err code,
                                  const char *field, const char *fn, text *t)
{
    if (PyUnicode_Check(o))
        return text_from_str(st, gw, o, code, field, t);
    if (PyBytes_Check(o)) { /* immutable: safe to read without the GIL */
        if (PyObject_GetBuffer(o, &t->view, PyBUF_SIMPLE) < 0)
            return -1;
        t->has_view = 1;
        t->p = (const char *)t->view.buf;
        t->n = t->view.len;
        return 0;
    }
    if (PyObject_CheckBuffer(o)) {
        /* bytearray, memoryview...: another thread could change them while
         * the core reads them with the GIL released, between verifying and
         * parsing: work on a private copy. */
        PyObject *copy = PyBytes_FromObject(o);
        if (copy == NULL)
            return -1;
        t->keep = copy;
        t->p = PyBytes_AS_STRING(copy);
        t->n = PyBytes_GET_SIZE(copy);
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s(): %s must be bytes or str, not %.100s", fn, field,
                 Py_TYPE(o)->tp_name);
    return -1;
}

/* The decimal text of an int (subclasses included, bool excluded). */
static int text_from_int(PyObject *v, text *t)
{
    PyObject *s = PyNumber_ToBase(v, 10);
    if (!s)
        return -1;
    t->p = PyUnicode_AsUTF8AndSize(s, &t->n);
    if (!t->p) {
        Py_DECREF(s);
        return -1;
    }
    t->keep = s;
    return 0;
}

/* The decimal text of a float: the shortest round-trip form ("2.5",
 * "30.0"), written without an exponent ("0.00001000000000000000" rather than
 * "1e-05"); "nan" and "inf" are passed on for the core to refuse. */
static int text_from_float(PyObject *v, text *t)
{
    double d = PyFloat_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred())
        return -1;
    char *s = PyOS_double_to_string(d, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (s && strpbrk(s, "eE") && Py_IS_FINITE(d)) {
        PyMem_Free(s);
        s = PyOS_double_to_string(d, 'f', 20, 0, NULL);
    }
    if (!s)
        return -1;
    t->keep = PyUnicode_FromString(s);
    PyMem_Free(s);
    if (!t->keep)
        return -1;
    t->p = PyUnicode_AsUTF8AndSize(t->keep, &t->n);
    return t->p ? 0 : -1;
}

/* Converts a Python failure that is about the value itself (an int too large
 * to write out, a structure nested too deeply...) into the core error
 * `code` naming `field`; other failures (MemoryError, KeyboardInterrupt...)
 * stay as they are. Returns -1. */
static int value_error(modstate *st, ct_gateway gw, ct_err code, const char *field,
                       const char *why)
{
    if (PyErr_ExceptionMatches(PyExc_ValueError) || PyErr_ExceptionMatches(PyExc_OverflowError) ||
        PyErr_ExceptionMatches(PyExc_RecursionError)) {
        char msg[200];
        PyErr_Clear();
        snprintf(msg, sizeof msg, "%s: %.64s %s", ct_err_str(code), field, why);
        raise_shim(st, code, gw, field, msg);
    }
    return -1;
}

/* An int argument's decimal text; an int too large to write out is the
 * core error `code` naming the argument. */
static int int_text(modstate *st, ct_gateway gw, const char *name, PyObject *v, ct_err code,
                    text *t)
{
    if (text_from_int(v, t) == 0)
        return 0;
    return value_error(st, gw, code, name, "is too large a number");
}

/* A value for an option/argument of type `ty` -> text; TypeError (naming
 * the argument and the wrong type, never the value) on a wrong type. */
static int value_text(modstate *st, ct_gateway gw, const char *fn, const char *name,
                      ct_type ty, PyObject *v, ct_err bad_text, text *t)
{
    switch (ty) {
    case CT_TYPE_STRING:
    case CT_TYPE_SECRET:
        if (!PyUnicode_Check(v)) {
            PyErr_Format(PyExc_TypeError, "%s: argument '%s' must be str, not %.100s", fn, name,
                         Py_TYPE(v)->tp_name);
            return -1;
        }
        return text_from_str(st, gw, v, bad_text, name, t);
    case CT_TYPE_INT:
        if (!PyLong_Check(v) || PyBool_Check(v)) {
            PyErr_Format(PyExc_TypeError, "%s: argument '%s' must be int, not %.100s", fn, name,
                         Py_TYPE(v)->tp_name);
            return -1;
        }
        return int_text(st, gw, name, v, bad_text, t);
    case CT_TYPE_FLOAT:
        if (PyBool_Check(v) || !(PyLong_Check(v) || PyFloat_Check(v))) {
            PyErr_Format(PyExc_TypeError, "%s: argument '%s' must be int or float, not %.100s",
                         fn, name, Py_TYPE(v)->tp_name);
            return -1;
        }
        return PyLong_Check(v) ? int_text(st, gw, name, v, bad_text, t) : text_from_float(v, t);
    case CT_TYPE_UNKNOWN:
    default:
        PyErr_Format(PyExc_TypeError, "%s got an unexpected keyword argument '%s'", fn, name);
        return -1;
    }
}

typedef ct_type (*type_fn)(ct_gateway, const char *);
static ct_type ct_option_type(ct_gateway gw, const char *n)
{
    const ct_param_desc *p = ct_param_find(ct_gateway_describe(gw)->options, ct_gateway_describe(gw)->noptions, n);
    return p ? p->type : CT_TYPE_UNKNOWN;
}
static ct_type ct_arg_type(ct_gateway gw, const char *n)
{
    const ct_param_desc *p = ct_param_find(ct_gateway_describe(gw)->ops[0].args, ct_gateway_describe(gw)->ops[0].nargs, n);
    return p ? p->type : CT_TYPE_UNKNOWN;
}
typedef ct_err (*set_fn)(void *, const char *, const char *, size_t, ct_error *);

static ct_err config_set(void *cfg, const char *name, const char *v, size_t n, ct_error *e)
{
    return ct_config_set((ct_config *)cfg, name, v, n, e);
}

static ct_err args_set(void *args, const char *name, const char *v, size_t n, ct_error *e)
{
    return ct_args_set((ct_args *)args, name, v, n, e);
}

/* Feeds keyword arguments to a ct_config / ct_args. None means absent. */
static int apply_kwargs(modstate *st, ct_gateway gw, const char *fn, PyObject *kwargs,
                        type_fn type_of, set_fn set, void *target, ct_err bad_text)
{
    if (!kwargs)
        return 0;
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(kwargs, &pos, &k, &v)) {
        if (!PyUnicode_Check(k)) {
            PyErr_Format(PyExc_TypeError, "%s: keywords must be strings", fn);
            return -1;
        }
        Py_ssize_t nlen = 0;
        const char *name = PyUnicode_AsUTF8AndSize(k, &nlen);
        if (!name)
            return -1;
        ct_type ty = strlen(name) == (size_t)nlen ? type_of(gw, name) : CT_TYPE_UNKNOWN;
        if (ty == CT_TYPE_UNKNOWN) {
            /* the core's error for an unknown name, also a TypeError */
            /* the name may be anything, a card number included: masked */
            char msg[160], shown[41];
            /* masked whole, then cut (the core's rule runs before the cut) */
            ct_mask_text(name, (size_t)nlen, shown, sizeof shown);
            snprintf(msg, sizeof msg, "%s got an unexpected keyword argument '%s'", fn, shown);
            raise_shim_ex(st, bad_text, gw, shown, msg, 1);
            return -1;
        }
        if (v == Py_None)
            continue;
        text t = {0};
        if (value_text(st, gw, fn, name, ty, v, bad_text, &t) < 0)
            return -1;
        ct_error e;
        ct_error_clear(&e);
        ct_err rc = set(target, name, t.p, (size_t)t.n, &e);
        text_release(&t);
        if (rc != CT_OK) {
            raise_ct(st, rc, &e, gw);
            return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Headers in: a mapping or a sequence of (name, value) pairs           */
/* ------------------------------------------------------------------ */

typedef struct hdrs {
    ct_header *h;
    size_t n;
    char *buf; /* one copy of every name and value */
} hdrs;

static void hdrs_free(hdrs *hs)
{
    PyMem_Free(hs->h);
    PyMem_Free(hs->buf);
    hs->h = NULL;
    hs->buf = NULL;
    hs->n = 0;
}

/* Copies headers (names and values: str or bytes) into C memory, so the
 * core may read them without the GIL. */
static int hdrs_from_py(modstate *st, ct_gateway gw, const char *fn, PyObject *obj, hdrs *out)
{
    PyObject *items = NULL;
    text *parts = NULL;
    Py_ssize_t n = 0, i;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyByteArray_Check(obj)) {
        PyErr_Format(PyExc_TypeError,
                     "%s: headers must be a mapping or a sequence of (name, value) pairs", fn);
        return -1;
    }
    if (PyDict_Check(obj) ||
        (!PyList_Check(obj) && !PyTuple_Check(obj) && PyObject_HasAttrString(obj, "items"))) {
        PyObject *list = PyMapping_Items(obj);
        if (!list)
            return -1;
        items = PySequence_Tuple(list);
        Py_DECREF(list);
    } else {
        items = PySequence_Tuple(obj);
        if (!items && PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "%s: headers must be a mapping or a sequence of (name, value) pairs, "
                         "not %.100s",
                         fn, Py_TYPE(obj)->tp_name);
        }
    }
    if (!items)
        return -1;
    n = PyTuple_GET_SIZE(items);
    /* zeroed: releasing an unused entry is a no-op */
    parts = PyMem_Calloc((size_t)n * 2 + 1, sizeof(text));
    if (!parts) {
        PyErr_NoMemory();
        goto cleanup;
    }
    size_t total = 0;
    for (i = 0; i < n; i++) {
        PyObject *pair = PyTuple_GET_ITEM(items, i);
        if (!(PyTuple_Check(pair) || PyList_Check(pair)) || PySequence_Size(pair) != 2) {
            PyErr_Format(PyExc_TypeError, "%s: each header must be a (name, value) pair", fn);
            goto cleanup;
        }
        PyObject *name = PySequence_GetItem(pair, 0);
        PyObject *value = name ? PySequence_GetItem(pair, 1) : NULL;
        int bad = !value ||
                  text_from_bytes_or_str(st, gw, name, CT_ERR_VALIDATION, "header name", fn,
                                         &parts[2 * i]) < 0 ||
                  text_from_bytes_or_str(st, gw, value, CT_ERR_VALIDATION, "header value", fn,
                                         &parts[2 * i + 1]) < 0;
        Py_XDECREF(name);
        Py_XDECREF(value);
        if (bad)
            goto cleanup;
        total += (size_t)parts[2 * i].n + (size_t)parts[2 * i + 1].n + 2;
    }
    out->h = PyMem_Calloc((size_t)n + 1, sizeof(ct_header));
    out->buf = PyMem_Malloc(total + 1);
    if (!out->h || !out->buf) {
        PyErr_NoMemory();
        hdrs_free(out);
        goto cleanup;
    }
    char *p = out->buf;
    for (i = 0; i < n; i++) {
        text *nm = &parts[2 * i], *vl = &parts[2 * i + 1];
        memcpy(p, nm->p, (size_t)nm->n);
        p[nm->n] = '\0';
        out->h[i].name = p;
        out->h[i].name_len = (size_t)nm->n;
        p += nm->n + 1;
        memcpy(p, vl->p, (size_t)vl->n);
        p[vl->n] = '\0';
        out->h[i].value = p;
        out->h[i].value_len = (size_t)vl->n;
        p += vl->n + 1;
    }
    out->n = (size_t)n;
    rc = 0;
cleanup:
    if (parts) {
        for (i = 0; i < 2 * n; i++)
            text_release(&parts[i]);
        PyMem_Free(parts);
    }
    Py_XDECREF(items);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Request                                                             */
/* ------------------------------------------------------------------ */

typedef struct RequestObject {
    PyObject_HEAD
    ct_request *req;
    PyObject *client; /* the client that built it (kept alive) */
    PyObject *method;
    PyObject *url;
    PyObject *headers; /* tuple of (name, value) tuples */
    PyObject *body;    /* bytes */
    PyObject *request_id;
} RequestObject;

static PyObject *decode_c(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* new: the headers of a core request as a tuple of (name, value) tuples. */
static PyObject *request_headers(const ct_request *req)
{
    size_t n = ct_request_header_count(req);
    PyObject *tup = PyTuple_New((Py_ssize_t)n);
    if (!tup)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL, *value = NULL;
        if (ct_request_header(req, i, &name, &value) != CT_OK || !name || !value) {
            Py_DECREF(tup);
            PyErr_SetString(PyExc_SystemError, "cardtoken: ct_request_header failed");
            return NULL;
        }
        PyObject *pn = decode_c(name);
        PyObject *pv = pn ? decode_c(value) : NULL;
        PyObject *pair = pv ? PyTuple_Pack(2, pn, pv) : NULL;
        Py_XDECREF(pn);
        Py_XDECREF(pv);
        if (!pair) {
            Py_DECREF(tup);
            return NULL;
        }
        PyTuple_SET_ITEM(tup, (Py_ssize_t)i, pair);
    }
    return tup;
}

/* new: a Request owning `req` (freed here on failure). */
static PyObject *request_new(modstate *st, PyObject *client, ct_request *req)
{
    PyTypeObject *tp = (PyTypeObject *)st->request_type;
    RequestObject *self = (RequestObject *)tp->tp_alloc(tp, 0);
    if (!self) {
        ct_request_free(req);
        return NULL;
    }
    self->req = req;
    self->client = Py_NewRef(client);
    size_t blen = 0;
    const char *body = ct_request_body(req, &blen);
    self->method = decode_c(ct_request_method(req));
    self->url = self->method ? decode_c(ct_request_url(req)) : NULL;
    self->headers = self->url ? request_headers(req) : NULL;
    self->body = self->headers ? PyBytes_FromStringAndSize(body ? body : "", (Py_ssize_t)(body ? blen : 0)) : NULL;
    self->request_id = self->body ? decode_c(ct_request_id(req)) : NULL;
    if (!self->request_id) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static void request_dealloc(RequestObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    /* The body holds card data. Nobody else holds it (it goes away with
     * this object): wipe it before it is freed. A body the caller still
     * holds cannot be wiped (bytes are immutable to everyone else). */
    if (self->body && Py_REFCNT(self->body) == 1 && PyBytes_CheckExact(self->body) &&
        PyBytes_GET_SIZE(self->body) > 1)
        wipe(PyBytes_AS_STRING(self->body), (size_t)PyBytes_GET_SIZE(self->body));
    ct_request_free(self->req);
    self->req = NULL;
    Py_CLEAR(self->client);
    Py_CLEAR(self->method);
    Py_CLEAR(self->url);
    Py_CLEAR(self->headers);
    Py_CLEAR(self->body);
    Py_CLEAR(self->request_id);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *request_get_method(RequestObject *self, void *c)
{
    (void)c;
    return Py_NewRef(self->method);
}

static PyObject *request_get_url(RequestObject *self, void *c)
{
    (void)c;
    return Py_NewRef(self->url);
}

static PyObject *request_get_headers(RequestObject *self, void *c)
{
    (void)c;
    return PySequence_List(self->headers);
}

static PyObject *request_get_body(RequestObject *self, void *c)
{
    (void)c;
    return Py_NewRef(self->body);
}

static PyObject *request_get_request_id(RequestObject *self, void *c)
{
    (void)c;
    return Py_NewRef(self->request_id);
}

static PyObject *request_repr(RequestObject *self)
{
    size_t len = 0;
    char *red = ct_request_body_redacted(self->req, &len);
    if (!red)
        return PyErr_NoMemory();
    PyObject *body = PyBytes_FromStringAndSize(red, (Py_ssize_t)len);
    ct_free_string(red);
    if (!body)
        return NULL;
    PyObject *hl = PySequence_List(self->headers);
    PyObject *r = hl ? PyUnicode_FromFormat("<cardtoken.Request %U %U headers=%R body=%R (redacted)>",
                                            self->method, self->url, hl, body)
                     : NULL;
    Py_XDECREF(hl);
    Py_DECREF(body);
    return r;
}

static PyObject *refuse_pickle(PyObject *self, PyObject *args)
{
    (void)args;
    PyErr_Format(PyExc_TypeError, "cannot pickle or copy '%.100s' object", Py_TYPE(self)->tp_name);
    return NULL;
}

static PyMethodDef request_methods[] = {
    {"__reduce__", (PyCFunction)refuse_pickle, METH_NOARGS, "Requests cannot be pickled."},
    {"__reduce_ex__", (PyCFunction)refuse_pickle, METH_O, "Requests cannot be pickled."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef request_getset[] = {
    {"method", (getter)request_get_method, NULL, "HTTP method, e.g. 'POST'.", NULL},
    {"url", (getter)request_get_url, NULL, "Full URL to send the request to.", NULL},
    {"headers", (getter)request_get_headers, NULL,
     "Headers to send, in order: a new list of (name, value) tuples.", NULL},
    {"body", (getter)request_get_body, NULL, "The exact body bytes to send (holds card data).",
     NULL},
    {"request_id", (getter)request_get_request_id, NULL,
     "The request id that was sent (YabandPay), else None.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot request_slots[] = {
    {Py_tp_dealloc, request_dealloc},
    {Py_tp_repr, request_repr},
    {Py_tp_str, request_repr},
    {Py_tp_methods, request_methods},
    {Py_tp_getset, request_getset},
    {Py_tp_doc, "A built, signed gateway request, ready to send with any HTTP client.\n\n"
                "Made by a client's build_<op>() methods; pass it back as request= to "
                "parse_<op>(). repr() shows the body with card data redacted."},
    {0, NULL},
};

static PyType_Spec request_spec = {
    PACKAGE ".Request",
    sizeof(RequestObject),
    0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    request_slots,
};

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

typedef struct ResultObject {
    PyObject_HEAD
    PyObject *names;    /* tuple of interned str, the ct_field names */
    PyObject *values;   /* tuple: str, int or None */
    uint64_t sensitive; /* bit i: field i is card data (masked when printed) */
} ResultObject;

static PyObject *result_from_record(PyTypeObject *tp, const ct_field *f, size_t n)
{
    if (n > MAX_FIELDS) {
        PyErr_SetString(PyExc_SystemError, "cardtoken: result record has too many fields");
        return NULL;
    }
    ResultObject *self = (ResultObject *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    self->names = PyTuple_New((Py_ssize_t)n);
    self->values = self->names ? PyTuple_New((Py_ssize_t)n) : NULL;
    if (!self->values)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        PyObject *name = PyUnicode_InternFromString(f[i].name ? f[i].name : "");
        if (!name)
            goto fail;
        PyTuple_SET_ITEM(self->names, (Py_ssize_t)i, name);
        PyObject *v;
        switch (f[i].type) {
        case CT_VAL_STRING:
            v = PyUnicode_DecodeUTF8(f[i].str ? f[i].str : "", (Py_ssize_t)(f[i].str ? f[i].len : 0),
                                     "replace");
            break;
        case CT_VAL_INT:
            v = PyLong_FromLongLong(f[i].num);
            break;
        case CT_VAL_NULL:
        default:
            v = Py_NewRef(Py_None);
            break;
        }
        if (!v)
            goto fail;
        PyTuple_SET_ITEM(self->values, (Py_ssize_t)i, v);
        if (f[i].sensitive)
            self->sensitive |= (uint64_t)1 << i;
    }
    return (PyObject *)self;
fail:
    Py_DECREF(self);
    return NULL;
}

/* new: the Python value of a core result: one record, or a list. */
static PyObject *result_to_py(modstate *st, const ct_result *res)
{
    const char *tname = ct_result_type(res);
    PyObject *tp = tname ? PyDict_GetItemString(st->result_types, tname) : NULL;
    if (!tp) {
        PyErr_Format(PyExc_SystemError, "cardtoken: unknown result type %s", tname ? tname : "(null)");
        return NULL;
    }
    size_t count = ct_result_count(res);
    if (!ct_result_is_list(res)) {
        size_t nf = 0;
        const ct_field *f = count ? ct_result_record(res, 0, &nf) : NULL;
        if (!f) {
            PyErr_SetString(PyExc_SystemError, "cardtoken: result without a record");
            return NULL;
        }
        return result_from_record((PyTypeObject *)tp, f, nf);
    }
    PyObject *list = PyList_New((Py_ssize_t)count);
    if (!list)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        size_t nf = 0;
        const ct_field *f = ct_result_record(res, i, &nf);
        PyObject *rec = f ? result_from_record((PyTypeObject *)tp, f, nf) : NULL;
        if (!rec) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_SystemError, "cardtoken: missing result record");
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, rec);
    }
    return list;
}

static void result_dealloc(ResultObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    Py_CLEAR(self->names);
    Py_CLEAR(self->values);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *result_getattro(ResultObject *self, PyObject *name)
{
    if (self->names && PyUnicode_Check(name)) {
        Py_ssize_t n = PyTuple_GET_SIZE(self->names);
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *k = PyTuple_GET_ITEM(self->names, i);
            if (k == name || PyUnicode_Compare(k, name) == 0)
                return Py_NewRef(PyTuple_GET_ITEM(self->values, i));
        }
    }
    return PyObject_GenericGetAttr((PyObject *)self, name);
}

static int result_setattro(ResultObject *self, PyObject *name, PyObject *value)
{
    (void)value;
    PyErr_Format(PyExc_AttributeError, "'%.100s' object is immutable (cannot set '%U')",
                 Py_TYPE(self)->tp_name, name);
    return -1;
}

/* new: the printable form of a sensitive value, by the core's one rule
 * (ct_mask): "************1234" for a card number, "***" otherwise. */
static PyObject *masked_repr(PyObject *v)
{
    if (v == Py_None)
        return PyObject_Repr(v);
    if (PyUnicode_Check(v)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(v, &n);
        char buf[64];
        if (s == NULL)
            return NULL;
        size_t m = ct_mask(s, (size_t)n, buf, sizeof(buf));
        PyObject *masked = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)m, "replace");
        PyObject *r = masked ? PyObject_Repr(masked) : NULL;
        Py_XDECREF(masked);
        return r;
    }
    return PyUnicode_FromString("***");
}

/* new: the printable form of any other value: strings by the core's rule
 * for text (ct_mask_text: card-number-like digit sequences masked, even in
 * a field the gateway documents as masked). */
static PyObject *text_repr(PyObject *v)
{
    if (!PyUnicode_Check(v))
        return PyObject_Repr(v);
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(v, &n);
    if (s == NULL)
        return NULL;
    char *buf = PyMem_Malloc((size_t)n + 1);
    if (buf == NULL)
        return PyErr_NoMemory();
    size_t m = ct_mask_text(s, (size_t)n, buf, (size_t)n + 1);
    PyObject *masked = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)m, "replace");
    wipe(buf, (size_t)n + 1);
    PyMem_Free(buf);
    PyObject *r = masked ? PyObject_Repr(masked) : NULL;
    Py_XDECREF(masked);
    return r;
}

static PyObject *result_repr(ResultObject *self)
{
    PyObject *parts = PyList_New(0), *sep = NULL, *joined = NULL, *r = NULL;
    if (!parts)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyTuple_GET_ITEM(self->values, i);
        PyObject *vr = (self->sensitive >> i) & 1 ? masked_repr(v) : text_repr(v);
        PyObject *item = vr ? PyUnicode_FromFormat("%U=%U", PyTuple_GET_ITEM(self->names, i), vr)
                            : NULL;
        Py_XDECREF(vr);
        if (!item || PyList_Append(parts, item) < 0) {
            Py_XDECREF(item);
            goto done;
        }
        Py_DECREF(item);
    }
    sep = PyUnicode_FromString(", ");
    joined = sep ? PyUnicode_Join(sep, parts) : NULL;
    if (joined) {
        const char *tn = Py_TYPE(self)->tp_name;
        const char *dot = strrchr(tn, '.');
        r = PyUnicode_FromFormat("%s(%U)", dot ? dot + 1 : tn, joined);
    }
done:
    Py_XDECREF(joined);
    Py_XDECREF(sep);
    Py_DECREF(parts);
    return r;
}

static PyObject *result_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b))
        Py_RETURN_NOTIMPLEMENTED;
    ResultObject *x = (ResultObject *)a, *y = (ResultObject *)b;
    int eq = PyObject_RichCompareBool(x->names, y->names, Py_EQ);
    if (eq == 1)
        eq = PyObject_RichCompareBool(x->values, y->values, Py_EQ);
    if (eq < 0)
        return NULL;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static Py_hash_t result_hash(ResultObject *self)
{
    return PyObject_Hash(self->values);
}

static PyObject *result_get_fields(ResultObject *self, void *c)
{
    (void)c;
    return Py_NewRef(self->names);
}

static PyObject *result_asdict(ResultObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyDict_SetItem(d, PyTuple_GET_ITEM(self->names, i), PyTuple_GET_ITEM(self->values, i)) <
            0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PyObject *result_dir(ResultObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *base = PyObject_Dir((PyObject *)Py_TYPE(self));
    if (!base)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_Append(base, PyTuple_GET_ITEM(self->names, i)) < 0) {
            Py_DECREF(base);
            return NULL;
        }
    }
    return base;
}

static PyMethodDef result_methods[] = {
    {"_asdict", (PyCFunction)result_asdict, METH_NOARGS,
     "_asdict($self, /)\n--\n\nA new dict of the fields (unmasked: it holds card data)."},
    {"__dir__", (PyCFunction)result_dir, METH_NOARGS, NULL},
    {"__reduce__", (PyCFunction)refuse_pickle, METH_NOARGS, "Results cannot be pickled."},
    {"__reduce_ex__", (PyCFunction)refuse_pickle, METH_O, "Results cannot be pickled."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef result_getset[] = {
    {"_fields", (getter)result_get_fields, NULL, "The field names, in order.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot result_slots[] = {
    {Py_tp_dealloc, result_dealloc},
    {Py_tp_repr, result_repr},
    {Py_tp_str, result_repr},
    {Py_tp_getattro, result_getattro},
    {Py_tp_setattro, result_setattro},
    {Py_tp_richcompare, result_richcompare},
    {Py_tp_hash, result_hash},
    {Py_tp_methods, result_methods},
    {Py_tp_getset, result_getset},
    {Py_tp_doc, "An immutable gateway result. Fields are attributes named as in the API; "
                "card data is masked in repr() and str()."},
    {0, NULL},
};

/* ------------------------------------------------------------------ */
/* Clients                                                             */
/* ------------------------------------------------------------------ */

typedef struct ClientObject {
    PyObject_HEAD
    ct_client *client; /* NULL once freed */
    ct_gateway gw;
    int closed;
    Py_ssize_t inflight; /* core calls running on this client (GIL-protected) */
} ClientObject;

static const char *op_name(const ClientObject *self)
{
    return ct_gateway_describe(self->gw)->ops[0].name;
}

/* Frees the core client once it is closed and no call runs on it. */
static void client_maybe_free(ClientObject *self)
{
    if (self->closed && self->inflight == 0 && self->client) {
        ct_client *c = self->client;
        self->client = NULL;
        Py_BEGIN_ALLOW_THREADS
        ct_client_free(c);
        Py_END_ALLOW_THREADS
    }
}

/* Starts a core call: NULL (CT_ERR_CLOSED raised) when closed. Keeps a
 * reference to the client until client_leave(). */
static ct_client *client_enter(modstate *st, ClientObject *self)
{
    if (self->closed || !self->client) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    self->inflight++;
    Py_INCREF(self);
    return self->client;
}

static void client_leave(ClientObject *self)
{
    self->inflight--;
    client_maybe_free(self);
    Py_DECREF(self);
}

static PyObject *client_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    modstate *st = (modstate *)PyType_GetModuleState(type);
    if (!st)
        return NULL;
    ct_gateway gw = 0;
    for (int g = 1; g < NGW; g++)
        if (st->client_type[g] == (PyObject *)type)
            gw = (ct_gateway)g;
    if (!gw) {
        PyErr_SetString(PyExc_TypeError, "cardtoken: unknown client type");
        return NULL;
    }
    char fn[96];
    snprintf(fn, sizeof fn, "%s()", gw_info_of(gw)->class_name);
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_Format(PyExc_TypeError, "%s takes keyword arguments only", fn);
        return NULL;
    }
    ct_config *cfg = ct_config_new(gw);
    if (!cfg)
        return PyErr_NoMemory();
    if (apply_kwargs(st, gw, fn, kwargs, ct_option_type, config_set, cfg, CT_ERR_CONFIG) < 0) {
        ct_config_free(cfg);
        return NULL;
    }
    ct_client *c = NULL;
    ct_error e;
    ct_error_clear(&e);
    ct_err rc;
    Py_BEGIN_ALLOW_THREADS
    rc = ct_client_new(cfg, &c, &e);
    ct_config_free(cfg);
    Py_END_ALLOW_THREADS
    if (rc != CT_OK || !c) {
        ct_client_free(c);
        raise_ct(st, rc, &e, gw);
        return NULL;
    }
    ClientObject *self = (ClientObject *)type->tp_alloc(type, 0);
    if (!self) {
        ct_client_free(c);
        return NULL;
    }
    self->client = c;
    self->gw = gw;
    return (PyObject *)self;
}

static void client_dealloc(ClientObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    /* No call can be in flight: each holds a reference. */
    ct_client_free(self->client);
    self->client = NULL;
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *client_repr(ClientObject *self)
{
    return PyUnicode_FromFormat("<%s.%s %s>", PACKAGE, gw_info_of(self->gw)->class_name,
                                self->closed ? "closed" : "open");
}

static PyObject *client_close(ClientObject *self, PyObject *unused)
{
    (void)unused;
    self->closed = 1;
    client_maybe_free(self);
    Py_RETURN_NONE;
}

static PyObject *client_enter_ctx(ClientObject *self, PyObject *unused)
{
    (void)unused;
    if (self->closed) {
        raise_shim(state_of((PyObject *)self), CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    return Py_NewRef(self);
}

static PyObject *client_exit_ctx(ClientObject *self, PyObject *args)
{
    (void)args;
    self->closed = 1;
    client_maybe_free(self);
    Py_RETURN_FALSE;
}

static PyObject *client_get_closed(ClientObject *self, void *c)
{
    (void)c;
    return PyBool_FromLong(self->closed);
}

static PyObject *client_get_gateway(ClientObject *self, void *c)
{
    (void)c;
    return PyUnicode_FromString(ct_gateway_name(self->gw));
}

/* new: a ct_args filled from keyword arguments, or NULL (raised). */
static ct_args *make_args(modstate *st, ClientObject *self, const char *fn, PyObject *args,
                          PyObject *kwargs)
{
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_Format(PyExc_TypeError, "%s takes keyword arguments only", fn);
        return NULL;
    }
    ct_args *a = ct_args_new();
    if (!a) {
        PyErr_NoMemory();
        return NULL;
    }
    if (apply_kwargs(st, self->gw, fn, kwargs, ct_arg_type, args_set, a, CT_ERR_VALIDATION) < 0) {
        ct_args_free(a);
        return NULL;
    }
    return a;
}

/* The common start of client.<op>() and client.build_<op>(): the core
 * arguments (new, in *ap) and the core client, entered (the caller leaves
 * it with client_leave). NULL with an exception set on failure. */
static ct_client *op_prologue(ClientObject *self, const char *prefix, PyObject *args,
                              PyObject *kwargs, modstate **stp, ct_args **ap)
{
    modstate *st = state_of((PyObject *)self);
    char fn[96];
    snprintf(fn, sizeof fn, "%s%s()", prefix, op_name(self));
    *stp = st;
    *ap = NULL;
    if (self->closed) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    ct_args *a = make_args(st, self, fn, args, kwargs);
    if (!a)
        return NULL;
    ct_client *c = client_enter(st, self);
    if (!c) {
        ct_args_free(a);
        return NULL;
    }
    *ap = a;
    return c;
}

/* client.<op>(**arguments): the whole call. */
static PyObject *client_op_call(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    modstate *st;
    ct_args *a;
    ct_client *c = op_prologue(self, "", args, kwargs, &st, &a);
    if (!c)
        return NULL;
    ct_gateway gw = self->gw;
    ct_result *res = NULL;
    ct_error e;
    ct_error_clear(&e);
    ct_err rc;
    Py_BEGIN_ALLOW_THREADS
    rc = ct_call(c, ct_gateway_describe(gw)->ops, a, &res, &e);
    ct_args_free(a);
    Py_END_ALLOW_THREADS
    PyObject *out = NULL;
    if (rc != CT_OK || !res)
        raise_ct(st, rc, &e, gw);
    else
        out = result_to_py(st, res);
    ct_result_free(res);
    client_leave(self);
    return out;
}

/* client.build_<op>(**arguments) -> Request. */
static PyObject *client_op_build(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    modstate *st;
    ct_args *a;
    ct_client *c = op_prologue(self, "build_", args, kwargs, &st, &a);
    if (!c)
        return NULL;
    ct_gateway gw = self->gw;
    ct_request *req = NULL;
    ct_error e;
    ct_error_clear(&e);
    ct_err rc;
    Py_BEGIN_ALLOW_THREADS
    rc = ct_build(c, ct_gateway_describe(gw)->ops, a, &req, &e);
    ct_args_free(a);
    Py_END_ALLOW_THREADS
    PyObject *out = NULL;
    if (rc != CT_OK || !req) {
        ct_request_free(req);
        raise_ct(st, rc, &e, gw);
    } else {
        out = request_new(st, (PyObject *)self, req);
    }
    client_leave(self);
    return out;
}

/* client.parse_<op>(status, headers, body, *, request=None). */
static PyObject *client_op_parse(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"status", "headers", "body", "request", NULL};
    modstate *st = state_of((PyObject *)self);
    char fn[96];
    snprintf(fn, sizeof fn, "parse_%s()", op_name(self));
    PyObject *status_o, *headers_o, *body_o, *request_o = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOO|$O", kwlist, &status_o, &headers_o,
                                     &body_o, &request_o))
        return NULL;
    if (!PyLong_Check(status_o) || PyBool_Check(status_o)) {
        PyErr_Format(PyExc_TypeError, "%s: status must be int, not %.100s", fn,
                     Py_TYPE(status_o)->tp_name);
        return NULL;
    }
    long status = PyLong_AsLong(status_o);
    if (status == -1 && PyErr_Occurred()) {
        value_error(st, self->gw, CT_ERR_VALIDATION, "status", "is not an HTTP status (100 to 999)");
        return NULL;
    }
    if (status < 0 || status > 999) {
        raise_shim(st, CT_ERR_VALIDATION, self->gw, "status",
                   "invalid argument: status is not an HTTP status (100 to 999)");
        return NULL;
    }
    const ct_request *req = NULL;
    if (request_o != Py_None) {
        if (!PyObject_TypeCheck(request_o, (PyTypeObject *)st->request_type)) {
            PyErr_Format(PyExc_TypeError, "%s: request must be a cardtoken.Request or None, not %.100s",
                         fn, Py_TYPE(request_o)->tp_name);
            return NULL;
        }
        req = ((RequestObject *)request_o)->req;
    }
    if (self->closed) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    hdrs hs;
    if (hdrs_from_py(st, self->gw, fn, headers_o, &hs) < 0)
        return NULL;
    text body = {0};
    if (text_from_bytes_or_str(st, self->gw, body_o, CT_ERR_VALIDATION, "body", fn, &body) < 0) {
        hdrs_free(&hs);
        return NULL;
    }
    PyObject *out = NULL;
    Py_XINCREF(request_o); /* keeps req alive without the GIL */
    ct_client *c = client_enter(st, self);
    if (c) {
        ct_gateway gw = self->gw;
        ct_result *res = NULL;
        ct_error e;
        ct_error_clear(&e);
        ct_err rc;
        Py_BEGIN_ALLOW_THREADS
        rc = ct_parse(c, ct_gateway_describe(gw)->ops, req, (int)status, hs.h, hs.n, body.p, (size_t)body.n, &res, &e);
        Py_END_ALLOW_THREADS
        if (rc != CT_OK || !res)
            raise_ct(st, rc, &e, gw);
        else
            out = result_to_py(st, res);
        ct_result_free(res);
        client_leave(self);
    }
    Py_XDECREF(request_o);
    text_release(&body);
    hdrs_free(&hs);
    return out;
}

/* client.verify_notification(...): parameters from GATEWAYS. */
static PyObject *client_verify(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    modstate *st = state_of((PyObject *)self);
    const gw_info *gi = gw_info_of(self->gw);
    const char *fn = "verify_notification()";
    char *kwlist[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    char fmt[48];
    int np = 0;
    while (np < 4 && gi->verify_params[np]) {
        kwlist[np] = (char *)gi->verify_params[np];
        fmt[np] = 'O';
        np++;
    }
    PyObject *v[5] = {NULL, NULL, NULL, NULL, NULL};
    PyObject *max_age_o = Py_None;
    /* max_age, keyword-only, goes in the slot after the last parameter */
    if (gi->has_max_age) {
        kwlist[np] = "max_age";
        snprintf(fmt + np, sizeof fmt - (size_t)np, "|$O:%s", "verify_notification");
    } else {
        snprintf(fmt + np, sizeof fmt - (size_t)np, ":%s", "verify_notification");
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &v[0], &v[1], &v[2], &v[3], &v[4]))
        return NULL;
    if (gi->has_max_age && v[np] != NULL)
        max_age_o = v[np];
    double max_age = 0;
    if (max_age_o != Py_None) {
        if (PyBool_Check(max_age_o) || !(PyLong_Check(max_age_o) || PyFloat_Check(max_age_o))) {
            PyErr_Format(PyExc_TypeError, "%s: max_age must be int, float or None, not %.100s", fn,
                         Py_TYPE(max_age_o)->tp_name);
            return NULL;
        }
        max_age = PyFloat_AsDouble(max_age_o);
        if (max_age == -1.0 && PyErr_Occurred()) {
            value_error(st, self->gw, CT_ERR_VALIDATION, "max_age", "is too large a number");
            return NULL;
        }
        if (!(max_age > 0)) { /* the core refuses it, naming max_age */
            max_age = max_age == 0 ? -1 : max_age;
        }
    }
    if (self->closed) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }

    ct_notification note;
    memset(&note, 0, sizeof note);
    note.max_age = max_age;
    text body = {0}, sign = {0}, path = {0}, fields = {0};
    hdrs hs = {0};
    PyObject *out = NULL;
    for (int i = 0; i < np; i++) {
        const char *p = gi->verify_params[i];
        if (strcmp(p, "fields") == 0) {
            if (!PyDict_Check(v[i]) && !PyObject_HasAttrString(v[i], "keys")) {
                PyErr_Format(PyExc_TypeError, "%s: fields must be a mapping, not %.100s", fn,
                             Py_TYPE(v[i])->tp_name);
                goto cleanup;
            }
            PyObject *d = PyObject_CallOneArg((PyObject *)&PyDict_Type, v[i]);
            if (!d) {
                value_error(st, self->gw, CT_ERR_VALIDATION, "fields", "is not a mapping of fields");
                goto cleanup;
            }
            PyObject *dargs = PyTuple_Pack(1, d);
            Py_DECREF(d);
            PyObject *js = dargs ? PyObject_Call(st->json_dumps, dargs, st->dumps_kwargs) : NULL;
            Py_XDECREF(dargs);
            if (!js) {
                value_error(st, self->gw, CT_ERR_VALIDATION, "fields",
                            "cannot be written as JSON (nested too deeply, circular or not a number)");
                goto cleanup;
            }
            int r = text_from_str(st, self->gw, js, CT_ERR_VALIDATION, "fields", &fields);
            Py_DECREF(js);
            if (r < 0)
                goto cleanup;
            note.fields_json = fields.p;
            note.fields_json_len = (size_t)fields.n;
        } else if (strcmp(p, "body") == 0) {
            if (text_from_bytes_or_str(st, self->gw, v[i], CT_ERR_VALIDATION, "body", fn, &body) < 0)
                goto cleanup;
            note.body = body.p;
            note.body_len = (size_t)body.n;
        } else if (strcmp(p, "sign") == 0) {
            if (v[i] == Py_None) /* no signature received: the core says so */
                continue;
            if (text_from_bytes_or_str(st, self->gw, v[i], CT_ERR_VALIDATION, "sign", fn, &sign) < 0)
                goto cleanup;
            note.sign = sign.p;
            note.sign_len = (size_t)sign.n;
        } else if (strcmp(p, "path") == 0) {
            if (!PyUnicode_Check(v[i])) {
                PyErr_Format(PyExc_TypeError, "%s: path must be str, not %.100s", fn,
                             Py_TYPE(v[i])->tp_name);
                goto cleanup;
            }
            if (text_from_str(st, self->gw, v[i], CT_ERR_VALIDATION, "path", &path) < 0)
                goto cleanup;
            if (strlen(path.p) != (size_t)path.n) {
                raise_shim(st, CT_ERR_VALIDATION, self->gw, "path", "invalid argument: path contains a NUL character");
                goto cleanup;
            }
            note.path = path.p;
        } else if (strcmp(p, "headers") == 0) {
            if (hdrs_from_py(st, self->gw, fn, v[i], &hs) < 0)
                goto cleanup;
            note.headers = hs.h;
            note.nheaders = hs.n;
        }
    }

    ct_client *c = client_enter(st, self);
    if (c) {
        ct_gateway gw = self->gw;
        ct_result *res = NULL;
        ct_error e;
        ct_error_clear(&e);
        ct_err rc;
        Py_BEGIN_ALLOW_THREADS
        rc = ct_verify_notification(c, &note, &res, &e);
        Py_END_ALLOW_THREADS
        if (rc != CT_OK || !res) {
            raise_ct(st, rc, &e, gw);
        } else {
            size_t len = 0;
            const char *js = ct_result_json(res, &len);
            PyObject *s = js ? PyUnicode_DecodeUTF8(js, (Py_ssize_t)len, "replace") : NULL;
            if (!js)
                PyErr_SetString(PyExc_SystemError, "cardtoken: notification result without JSON");
            out = s ? PyObject_CallOneArg(st->json_loads, s) : NULL;
            Py_XDECREF(s);
            if (!out)
                value_error(st, gw, CT_ERR_PROTOCOL, "body", "is nested too deeply to be read");
        }
        ct_result_free(res);
        client_leave(self);
    }
cleanup:
    hdrs_free(&hs);
    text_release(&fields);
    text_release(&body);
    text_release(&sign);
    text_release(&path);
    return out;
}

/* client.notification_ack() -> body, or WorldFirst's notification_ack(path)
 * -> (headers, body). */
static PyObject *client_ack(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    modstate *st = state_of((PyObject *)self);
    const gw_info *gi = gw_info_of(self->gw);
    static char *kw_path[] = {"path", NULL};
    static char *kw_none[] = {NULL};
    PyObject *path_o = NULL;
    text path = {0};
    if (gi->ack_takes_path) {
        if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U:notification_ack", kw_path, &path_o))
            return NULL;
    } else if (!PyArg_ParseTupleAndKeywords(args, kwargs, ":notification_ack", kw_none)) {
        return NULL;
    }
    if (self->closed) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    if (path_o) {
        if (text_from_str(st, self->gw, path_o, CT_ERR_VALIDATION, "path", &path) < 0)
            return NULL;
        if (strlen(path.p) != (size_t)path.n) {
            text_release(&path);
            raise_shim(st, CT_ERR_VALIDATION, self->gw, "path", "invalid argument: path contains a NUL character");
            return NULL;
        }
    }
    PyObject *out = NULL;
    ct_client *c = client_enter(st, self);
    if (c) {
        ct_gateway gw = self->gw;
        ct_request *req = NULL;
        ct_error e;
        ct_error_clear(&e);
        ct_err rc;
        Py_BEGIN_ALLOW_THREADS
        rc = ct_notification_ack(c, path.p, &req, &e);
        Py_END_ALLOW_THREADS
        if (rc != CT_OK || !req) {
            raise_ct(st, rc, &e, gw);
        } else {
            size_t len = 0;
            const char *b = ct_request_body(req, &len);
            PyObject *body = PyUnicode_DecodeUTF8(b ? b : "", (Py_ssize_t)(b ? len : 0), "replace");
            if (body && gi->ack_takes_path) {
                PyObject *ht = request_headers(req);
                PyObject *hl = ht ? PySequence_List(ht) : NULL;
                out = hl ? PyTuple_Pack(2, hl, body) : NULL;
                Py_XDECREF(hl);
                Py_XDECREF(ht);
                Py_DECREF(body);
            } else {
                out = body;
            }
        }
        ct_request_free(req);
        client_leave(self);
    }
    text_release(&path);
    return out;
}

static PyGetSetDef client_getset[] = {
    {"closed", (getter)client_get_closed, NULL, "True once close() was called.", NULL},
    {"gateway", (getter)client_get_gateway, NULL, "The gateway's name, e.g. 'pagsmile'.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Per-gateway method tables, built from ct_gateway_describe()         */
/* ------------------------------------------------------------------ */

#define N_CLIENT_METHODS 10
#define NAME_CAP 96
#define DOC_CAP 640

typedef struct client_tables {
    char names[3][NAME_CAP];
    char docs[5][DOC_CAP];
    char type_name[NAME_CAP];
    PyMethodDef methods[N_CLIENT_METHODS + 1];
    PyType_Slot slots[10];
    PyType_Spec spec;
} client_tables;

static client_tables g_client[NGW];
static char g_result_names[MAX_RESULT_TYPES][NAME_CAP];
static PyType_Spec g_result_specs[MAX_RESULT_TYPES];
static int g_tables_ready;

#define CAST_METH(f) ((PyCFunction)(void (*)(void))(f))

/* Fills the static method tables and specs (identical on every call, so a
 * second module instance sees the same content). 0 or -1 (raised). */
static int build_tables(void)
{
    if (g_tables_ready)
        return 0;
    for (int i = 0; i < N_GATEWAYS; i++) {
        const gw_info *gi = &GATEWAYS[i];
        client_tables *t = &g_client[gi->gw];
        const char *op = ct_gateway_describe(gi->gw)->ops[0].name;
        const char *rname = ct_gateway_describe(gi->gw)->ops[0].result_name;
        if (!op || !rname || strlen(op) + 8 >= NAME_CAP) {
            PyErr_SetString(PyExc_SystemError, "cardtoken: bad operation name from the core");
            return -1;
        }
        snprintf(t->names[0], NAME_CAP, "%s", op);
        snprintf(t->names[1], NAME_CAP, "build_%s", op);
        snprintf(t->names[2], NAME_CAP, "parse_%s", op);
        snprintf(t->type_name, NAME_CAP, "%s.%s", PACKAGE, gi->class_name);
        snprintf(t->docs[0], DOC_CAP,
                 "%s($self, /, **kwargs)\n--\n\n"
                 "Validate, sign and send one %s call, verify and parse the answer.\n"
                 "Arguments are keyword-only (see README.md); returns a %s (or a list of "
                 "them) or raises a cardtoken.Error.",
                 op, gi->class_name, rname);
        snprintf(t->docs[1], DOC_CAP,
                 "build_%s($self, /, **kwargs)\n--\n\n"
                 "Validate, build and sign the request of %s() without sending it; "
                 "returns a cardtoken.Request.",
                 op, op);
        snprintf(t->docs[2], DOC_CAP,
                 "parse_%s($self, /, status, headers, body, *, request=None)\n--\n\n"
                 "Verify and parse a response received for a request built by build_%s(). "
                 "headers: a mapping or a list of (name, value) pairs; body: bytes or str.",
                 op, op);
        char params[128] = "";
        for (int p = 0; p < 4 && gi->verify_params[p]; p++) {
            size_t used = strlen(params);
            snprintf(params + used, sizeof params - used, ", %s", gi->verify_params[p]);
        }
        if (gi->has_max_age) {
            size_t used = strlen(params);
            snprintf(params + used, sizeof params - used, ", *, max_age=None");
        }
        snprintf(t->docs[3], DOC_CAP,
                 "verify_notification($self%s)\n--\n\n"
                 "Verify a notification the gateway posted (SignatureError when the "
                 "signature is missing or wrong) and return its verified content.%s",
                 params,
                 gi->has_max_age ? " max_age: seconds; refuse (SignatureError) a "
                                   "notification whose signed time is further from now."
                                 : "");
        snprintf(t->docs[4], DOC_CAP,
                 gi->ack_takes_path
                     ? "notification_ack($self, /, path)\n--\n\n"
                       "The signed answer to a notification received on `path`: "
                       "(headers, body)."
                     : "notification_ack($self, /)\n--\n\n"
                       "The body the gateway expects in answer to a notification.");

        PyMethodDef m[N_CLIENT_METHODS + 1] = {
            {t->names[0], CAST_METH(client_op_call), METH_VARARGS | METH_KEYWORDS, t->docs[0]},
            {t->names[1], CAST_METH(client_op_build), METH_VARARGS | METH_KEYWORDS, t->docs[1]},
            {t->names[2], CAST_METH(client_op_parse), METH_VARARGS | METH_KEYWORDS, t->docs[2]},
            {"verify_notification", CAST_METH(client_verify), METH_VARARGS | METH_KEYWORDS,
             t->docs[3]},
            {"notification_ack", CAST_METH(client_ack), METH_VARARGS | METH_KEYWORDS, t->docs[4]},
            {"close", CAST_METH(client_close), METH_NOARGS,
             "close($self, /)\n--\n\nRelease the client's connections and keys. Calls "
             "running in other threads finish first; later calls raise ConfigurationError "
             "(CT_ERR_CLOSED). Idempotent."},
            {"__enter__", CAST_METH(client_enter_ctx), METH_NOARGS, NULL},
            {"__exit__", CAST_METH(client_exit_ctx), METH_VARARGS, NULL},
            {"__reduce__", CAST_METH(refuse_pickle), METH_NOARGS, "Clients cannot be pickled."},
            {"__reduce_ex__", CAST_METH(refuse_pickle), METH_O, "Clients cannot be pickled."},
            {NULL, NULL, 0, NULL},
        };
        memcpy(t->methods, m, sizeof m);
        PyType_Slot s[10] = {
            {Py_tp_new, client_new},
            {Py_tp_dealloc, client_dealloc},
            {Py_tp_repr, client_repr},
            {Py_tp_methods, t->methods},
            {Py_tp_getset, client_getset},
            {Py_tp_doc, "A gateway client holding one merchant's credentials and connections.\n\n"
                        "Options are keyword arguments (see README.md, Options); a missing or malformed "
                        "option raises ConfigurationError. Safe to share between threads; "
                        "a context manager."},
            {0, NULL},
        };
        memcpy(t->slots, s, sizeof s);
        t->spec.name = t->type_name;
        t->spec.basicsize = sizeof(ClientObject);
        t->spec.itemsize = 0;
        t->spec.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE;
        t->spec.slots = t->slots;
    }
    int nr = 0;
    for (int i = 0; i < N_GATEWAYS; i++) {
        const char *rname = ct_gateway_describe(GATEWAYS[i].gw)->ops[0].result_name;
        char full[NAME_CAP];
        snprintf(full, sizeof full, "%s.%s", PACKAGE, rname);
        int dup = 0;
        for (int j = 0; j < nr; j++)
            dup |= strcmp(g_result_names[j], full) == 0;
        if (dup)
            continue;
        if (nr >= MAX_RESULT_TYPES) {
            PyErr_SetString(PyExc_SystemError, "cardtoken: too many result types");
            return -1;
        }
        memcpy(g_result_names[nr], full, sizeof full);
        g_result_specs[nr].name = g_result_names[nr];
        g_result_specs[nr].basicsize = sizeof(ResultObject);
        g_result_specs[nr].itemsize = 0;
        g_result_specs[nr].flags =
            Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION;
        g_result_specs[nr].slots = result_slots;
        nr++;
    }
    g_tables_ready = 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Module                                                              */
/* ------------------------------------------------------------------ */

static int add_type(PyObject *m, PyObject *type, const char *name)
{
    return PyModule_AddObjectRef(m, name, type);
}

static int module_exec(PyObject *m)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    ct_err rc = ct_global_init();
    if (rc != CT_OK) {
        PyErr_Format(PyExc_ImportError, "cardtoken: ct_global_init() failed: %s (%s)",
                     ct_err_name(rc), ct_err_str(rc));
        return -1;
    }
    if (build_tables() < 0)
        return -1;

    /* json, for notification fields in and verified content out */
    PyObject *json = PyImport_ImportModule("json");
    if (!json)
        return -1;
    st->json_dumps = PyObject_GetAttrString(json, "dumps");
    st->json_loads = PyObject_GetAttrString(json, "loads");
    Py_DECREF(json);
    if (!st->json_dumps || !st->json_loads)
        return -1;
    st->dumps_kwargs = Py_BuildValue("{s:O,s:(ss)}", "ensure_ascii", Py_False, "separators", ",",
                                     ":");
    if (!st->dumps_kwargs)
        return -1;

    /* exceptions, from cardtoken._errors */
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
        if (!UNKNOWN_NAME_CLASS[c])
            continue;
        st->exc_unknown_name[c] = PyObject_GetAttrString(errors, UNKNOWN_NAME_CLASS[c]);
        if (!st->exc_unknown_name[c]) {
            Py_DECREF(errors);
            return -1;
        }
    }
    st->exc_nomem = PyObject_GetAttrString(errors, NOMEM_CLASS);
    Py_DECREF(errors);
    if (!st->exc_nomem)
        return -1;

    /* types */
    st->request_type = PyType_FromModuleAndSpec(m, &request_spec, NULL);
    if (!st->request_type || add_type(m, st->request_type, "Request") < 0)
        return -1;
    st->result_types = PyDict_New();
    if (!st->result_types)
        return -1;
    for (int i = 0; i < MAX_RESULT_TYPES && g_result_specs[i].name; i++) {
        PyObject *tp = PyType_FromModuleAndSpec(m, &g_result_specs[i], NULL);
        if (!tp)
            return -1;
        const char *shortname = strrchr(g_result_specs[i].name, '.') + 1;
        int r = PyDict_SetItemString(st->result_types, shortname, tp);
        r = r < 0 ? r : add_type(m, tp, shortname);
        Py_DECREF(tp);
        if (r < 0)
            return -1;
    }
    for (int i = 0; i < N_GATEWAYS; i++) {
        ct_gateway gw = GATEWAYS[i].gw;
        st->client_type[gw] = PyType_FromModuleAndSpec(m, &g_client[gw].spec, NULL);
        if (!st->client_type[gw] ||
            add_type(m, st->client_type[gw], GATEWAYS[i].class_name) < 0)
            return -1;
    }

    /* constants: the error table */
#define CT_X_CONST(name, value, cat, retry, unknown, msg)                     \
    if (PyModule_AddIntConstant(m, #name, value) < 0)                         \
        return -1;
    CT_ERROR_TABLE(CT_X_CONST)
#undef CT_X_CONST

    if (PyModule_AddStringConstant(m, "__version__", ct_version()) < 0 ||
        PyModule_AddStringConstant(m, "CURL_VERSION", ct_curl_version()) < 0 ||
        PyModule_AddStringConstant(m, "OPENSSL_VERSION", ct_openssl_version()) < 0)
        return -1;
    return 0;
}

static int module_traverse(PyObject *m, visitproc visit, void *arg)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    if (!st)
        return 0;
    for (int i = 0; i < NGW; i++)
        Py_VISIT(st->client_type[i]);
    Py_VISIT(st->request_type);
    Py_VISIT(st->result_types);
    for (int c = 0; c < N_CATEGORIES; c++) {
        Py_VISIT(st->exc_by_cat[c]);
        Py_VISIT(st->exc_unknown_name[c]);
    }
    Py_VISIT(st->exc_nomem);
    Py_VISIT(st->json_dumps);
    Py_VISIT(st->json_loads);
    Py_VISIT(st->dumps_kwargs);
    return 0;
}

static int module_clear(PyObject *m)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    if (!st)
        return 0;
    for (int i = 0; i < NGW; i++)
        Py_CLEAR(st->client_type[i]);
    Py_CLEAR(st->request_type);
    Py_CLEAR(st->result_types);
    for (int c = 0; c < N_CATEGORIES; c++) {
        Py_CLEAR(st->exc_by_cat[c]);
        Py_CLEAR(st->exc_unknown_name[c]);
    }
    Py_CLEAR(st->exc_nomem);
    Py_CLEAR(st->json_dumps);
    Py_CLEAR(st->json_loads);
    Py_CLEAR(st->dumps_kwargs);
    return 0;
}

static void module_free(void *m)
{
    module_clear((PyObject *)m);
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    MODULE_NAME,
    "The cardtoken C core, as Python classes (use the cardtoken package).",
    sizeof(modstate),
    NULL,
    module_slots,
    module_traverse,
    module_clear,
    module_free,
};

PyMODINIT_FUNC PyInit__cardtoken(void)
{
    return PyModuleDef_Init(&moduledef);
}
