/*
 * _cardtoken_args.c - Python values become the text values of ct_config /
 * ct_args, and headers (a mapping or (name, value) pairs) become ct_header
 * arrays.
 *
 * TypeErrors name the argument and the wrong type, never the value.
 */
#include "_cardtoken.h"

/* ------------------------------------------------------------------ */
/* Python values -> text                                               */
/* ------------------------------------------------------------------ */

void text_release(text *t)
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
int text_from_str(modstate *st, ct_gateway gw, PyObject *s, ct_err code,
                  const char *field, text *t)
{
    Py_ssize_t n = 0;
    const char *p = PyUnicode_AsUTF8AndSize(s, &n);
    if (!p) {
        if (PyErr_ExceptionMatches(PyExc_UnicodeError)) {
            PyErr_Clear();
            char msg[160];
            snprintf(msg, sizeof msg,
                     "%s: %.64s is not valid text (not encodable as UTF-8)",
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
int text_from_bytes_or_str(modstate *st, ct_gateway gw, PyObject *o,
                           ct_err code, const char *field, const char *fn,
                           text *t)
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
    char f[NAME_CAP + 4];
    snprintf(f, sizeof f, "%s()", fn);
    return type_error(st, gw, code, f, field, "bytes or str", o);
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
int value_error(modstate *st, ct_gateway gw, ct_err code, const char *field,
                const char *why)
{
    if (PyErr_ExceptionMatches(PyExc_ValueError) ||
        PyErr_ExceptionMatches(PyExc_OverflowError) ||
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
static int int_text(modstate *st, ct_gateway gw, const char *name, PyObject *v,
                    ct_err code, text *t)
{
    if (text_from_int(v, t) == 0)
        return 0;
    return value_error(st, gw, code, name, "is too large a number");
}

/* A dict (CT_TYPE_OBJECT) or a list/tuple (CT_TYPE_LIST) as its JSON text
 * (json.dumps, compact, ensure_ascii=False). */
static int json_text(modstate *st, ct_gateway gw, const char *fn,
                     const char *name, ct_type ty, PyObject *v, ct_err bad_text,
                     text *t)
{
    int ok = ty == CT_TYPE_OBJECT ? PyDict_Check(v)
                                  : (PyList_Check(v) || PyTuple_Check(v));
    if (!ok)
        return type_error(st, gw, bad_text, fn, name,
                          ty == CT_TYPE_OBJECT ? "dict" : "list", v);
    PyObject *a = PyTuple_Pack(1, v);
    PyObject *js =
        a ? PyObject_Call(st->json_dumps, a, st->dumps_kwargs) : NULL;
    Py_XDECREF(a);
    if (!js)
        return value_error(st, gw, bad_text, name,
                           "cannot be written as JSON (nested too deeply, "
                           "circular or not a number)");
    int r = text_from_str(st, gw, js, bad_text, name, t);
    Py_DECREF(js);
    return r;
}

/* A value for an option/argument of type `ty` -> text; TypeError (naming
 * the argument and the wrong type, never the value) on a wrong type. */
static int value_text(modstate *st, ct_gateway gw, const char *fn,
                      const char *name, ct_type ty, PyObject *v,
                      ct_err bad_text, text *t)
{
    switch (ty) {
    case CT_TYPE_STRING:
    case CT_TYPE_SECRET:
        if (!PyUnicode_Check(v))
            return type_error(st, gw, bad_text, fn, name, "str", v);
        return text_from_str(st, gw, v, bad_text, name, t);
    case CT_TYPE_INT:
        if (!PyLong_Check(v) || PyBool_Check(v))
            return type_error(st, gw, bad_text, fn, name, "int", v);
        return int_text(st, gw, name, v, bad_text, t);
    case CT_TYPE_FLOAT:
        if (PyBool_Check(v) || !(PyLong_Check(v) || PyFloat_Check(v)))
            return type_error(st, gw, bad_text, fn, name, "int or float", v);
        return PyLong_Check(v) ? int_text(st, gw, name, v, bad_text, t)
                               : text_from_float(v, t);
    case CT_TYPE_BOOL:
        if (!PyBool_Check(v))
            return type_error(st, gw, bad_text, fn, name, "bool", v);
        t->p = v == Py_True ? "true" : "false";
        t->n = (Py_ssize_t)strlen(t->p);
        return 0;
    case CT_TYPE_OBJECT:
    case CT_TYPE_LIST: return json_text(st, gw, fn, name, ty, v, bad_text, t);
    case CT_TYPE_UNKNOWN:
    default:
        PyErr_Format(PyExc_TypeError,
                     "%s got an unexpected keyword argument '%s'", fn, name);
        return -1;
    }
}

ct_err config_set(void *cfg, const char *name, const char *v, size_t n,
                  ct_error *e)
{
    return ct_config_set((ct_config *)cfg, name, v, n, e);
}

ct_err args_set(void *args, const char *name, const char *v, size_t n,
                ct_error *e)
{
    return ct_args_set((ct_args *)args, name, v, n, e);
}

/* Feeds keyword arguments to a ct_config / ct_args. None means absent. */
int apply_kwargs(modstate *st, ct_gateway gw, const char *fn, PyObject *kwargs,
                 const ct_param_desc *params, size_t nparams, set_fn set,
                 void *target, ct_err bad_text)
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
        const ct_param_desc *pd = strlen(name) == (size_t)nlen
                                      ? ct_param_find(params, nparams, name)
                                      : NULL;
        ct_type ty = pd ? pd->type : CT_TYPE_UNKNOWN;
        if (ty == CT_TYPE_UNKNOWN) {
            /* the core's error for an unknown name, also a TypeError */
            /* the name may be anything, a card number included: masked */
            char msg[160], shown[41];
            /* masked whole, then cut (the core's rule runs before the cut) */
            ct_mask_text(name, (size_t)nlen, shown, sizeof shown);
            snprintf(msg, sizeof msg,
                     "%s got an unexpected keyword argument '%s'", fn, shown);
            raise_shim_ex(st, bad_text, gw, shown, msg, SHIM_UNKNOWN_NAME);
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

void hdrs_free(hdrs *hs)
{
    PyMem_Free(hs->h);
    PyMem_Free(hs->buf);
    hs->h = NULL;
    hs->buf = NULL;
    hs->n = 0;
}

/* Copies headers (names and values: str or bytes) into C memory, so the
 * core may read them without the GIL. */
int hdrs_from_py(modstate *st, ct_gateway gw, const char *fn, PyObject *obj,
                 hdrs *out)
{
    PyObject *items = NULL;
    text *parts = NULL;
    Py_ssize_t n = 0, i;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyByteArray_Check(obj)) {
        PyErr_Format(PyExc_TypeError,
                     "%s: headers must be a mapping or a sequence of (name, "
                     "value) pairs",
                     fn);
        return -1;
    }
    if (PyDict_Check(obj) || (!PyList_Check(obj) && !PyTuple_Check(obj) &&
                              PyObject_HasAttrString(obj, "items"))) {
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
                         "%s: headers must be a mapping or a sequence of "
                         "(name, value) pairs, "
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
        if (!(PyTuple_Check(pair) || PyList_Check(pair)) ||
            PySequence_Size(pair) != 2) {
            PyErr_Format(PyExc_TypeError,
                         "%s: each header must be a (name, value) pair", fn);
            goto cleanup;
        }
        PyObject *name = PySequence_GetItem(pair, 0);
        PyObject *value = name ? PySequence_GetItem(pair, 1) : NULL;
        int bad =
            !value ||
            text_from_bytes_or_str(st, gw, name, CT_ERR_VALIDATION,
                                   "header name", fn, &parts[2 * i]) < 0 ||
            text_from_bytes_or_str(st, gw, value, CT_ERR_VALIDATION,
                                   "header value", fn, &parts[2 * i + 1]) < 0;
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
