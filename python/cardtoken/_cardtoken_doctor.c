/*
 * _cardtoken_doctor.c - the signature doctor's core calls (README
 * "Signature doctor"), used by cardtoken._doctor and `python -m cardtoken`:
 *   _doctor_check(gateway, options, online=False) -> ct_doctor_check's JSON
 *   _keep_signed(client)            the client's requests keep what they sign
 *   _explain(request)               -> JSON text of ct_request_explain
 * options: a sequence of (name, text) pairs, the texts as ct_config_set
 * takes them (cardtoken._doctor converts the configuration's values).
 */
#include "_cardtoken.h"

/* new: the JSON text of a core answer (wiped and freed), or NULL. */
static PyObject *json_text(char *s, size_t n)
{
    PyObject *o = PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "replace");
    ct_free_string(s);
    return o;
}

static PyObject *doctor_check(PyObject *m, PyObject *args)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    const char *gname;
    int online = 0;
    PyObject *seq, *fast = NULL, *out = NULL;
    ct_doctor_option *opts = NULL;
    Py_ssize_t n, i;
    char *json = NULL;
    size_t len = 0;
    ct_error e;
    ct_err rc;

    if (!PyArg_ParseTuple(args, "sO|p:_doctor_check", &gname, &seq, &online))
        return NULL;
    const ct_gateway_desc *gd = ct_gateway_find(gname);
    if (!gd)
        return PyErr_Format(PyExc_ValueError,
                            "unknown gateway (one of pagsmile, payermax, "
                            "yabandpay, worldfirst)");
    if (!(fast = PySequence_Fast(seq, "options must be a sequence of pairs")))
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    opts = PyMem_Calloc(n ? (size_t)n : 1, sizeof(*opts));
    if (!opts) {
        Py_DECREF(fast);
        return PyErr_NoMemory();
    }
    for (i = 0; i < n; i++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(fast, i);
        Py_ssize_t vlen;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0)) ||
            !PyUnicode_Check(PyTuple_GET_ITEM(pair, 1))) {
            PyErr_SetString(PyExc_TypeError,
                            "options must be (name, text) pairs of str");
            goto done;
        }
        opts[i].name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(pair, 0));
        opts[i].value =
            PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(pair, 1), &vlen);
        if (!opts[i].name || !opts[i].value)
            goto done;
        opts[i].len = (size_t)vlen;
    }
    Py_BEGIN_ALLOW_THREADS
        rc = ct_doctor_check(gd->id, opts, (size_t)n,
                             online ? CT_DOCTOR_ONLINE : 0, &json, &len, &e);
    Py_END_ALLOW_THREADS
    if (rc != CT_OK)
        raise_ct(st, rc, &e, gd->id);
    else
        out = json_text(json, len);
done:
    PyMem_Free(opts);
    Py_DECREF(fast);
    return out;
}

/* The client object's core client, or NULL (raised). */
static ClientObject *as_client(modstate *st, PyObject *o)
{
    int ok = PyObject_IsInstance(o, st->client_types);
    if (ok < 0)
        return NULL;
    if (!ok) {
        PyErr_SetString(PyExc_TypeError, "expected a cardtoken client");
        return NULL;
    }
    return (ClientObject *)o;
}

static PyObject *keep_signed(PyObject *m, PyObject *arg)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    ClientObject *cl = as_client(st, arg);
    if (!cl)
        return NULL;
    ct_client *c = client_enter(st, cl);
    if (!c)
        return NULL;
    ct_client_keep_signed(c, 1);
    client_leave(cl);
    Py_RETURN_NONE;
}

static PyObject *explain(PyObject *m, PyObject *arg)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    int ok = PyObject_IsInstance(arg, st->request_type);
    if (ok <= 0) {
        if (ok == 0)
            PyErr_SetString(PyExc_TypeError, "expected a cardtoken.Request");
        return NULL;
    }
    RequestObject *r = (RequestObject *)arg;
    ClientObject *cl = as_client(st, r->client);
    if (!cl)
        return NULL;
    ct_client *c = client_enter(st, cl);
    if (!c)
        return NULL;
    char *json = NULL;
    size_t len = 0;
    ct_error e;
    ct_err rc = ct_request_explain(c, r->req, &json, &len, &e);
    client_leave(cl);
    if (rc != CT_OK) {
        raise_ct(st, rc, &e, cl->gw);
        return NULL;
    }
    return json_text(json, len);
}

static PyMethodDef doctor_functions[] = {
    {"_doctor_check", CAST_METH(doctor_check), METH_VARARGS,
     "_doctor_check(gateway, options, online=False) -> str: ct_doctor_check's "
     "JSON"},
    {"_keep_signed", CAST_METH(keep_signed), METH_O,
     "_keep_signed(client): its requests keep what they sign"},
    {"_explain", CAST_METH(explain), METH_O,
     "_explain(request) -> str: ct_request_explain's JSON"},
    {NULL, NULL, 0, NULL},
};

int doctor_functions_add(PyObject *m)
{
    return PyModule_AddFunctions(m, doctor_functions);
}
