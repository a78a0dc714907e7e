/*
 * _cardtoken_request.c - cardtoken.Request, a built and signed request.
 *
 * repr() shows ct_request_body_redacted(), never the body; the body is
 * wiped when the last reference goes away with the object.
 */
#include "_cardtoken.h"

/* ------------------------------------------------------------------ */
/* Request                                                             */
/* ------------------------------------------------------------------ */

static PyObject *decode_c(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* new: the headers of a core request as a tuple of (name, value) tuples. */
PyObject *request_headers(const ct_request *req)
{
    size_t n = ct_request_header_count(req);
    PyObject *tup = PyTuple_New((Py_ssize_t)n);
    if (!tup)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL, *value = NULL;
        if (ct_request_header(req, i, &name, &value) != CT_OK || !name ||
            !value) {
            Py_DECREF(tup);
            PyErr_SetString(PyExc_SystemError,
                            "cardtoken: ct_request_header failed");
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
PyObject *request_new(modstate *st, PyObject *client, ct_request *req)
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
    self->body = self->headers
                     ? PyBytes_FromStringAndSize(body ? body : "",
                                                 (Py_ssize_t)(body ? blen : 0))
                     : NULL;
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
    if (self->body && Py_REFCNT(self->body) == 1 &&
        PyBytes_CheckExact(self->body) && PyBytes_GET_SIZE(self->body) > 1)
        wipe(PyBytes_AS_STRING(self->body),
             (size_t)PyBytes_GET_SIZE(self->body));
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
    /* credentials (ct_request_header_is_secret) print masked */
    for (Py_ssize_t i = 0; hl && i < PyList_GET_SIZE(hl); i++) {
        if (!ct_request_header_is_secret(self->req, (size_t)i))
            continue;
        PyObject *stars = PyUnicode_FromString("***");
        PyObject *pair =
            stars ? PyTuple_Pack(2, PyTuple_GET_ITEM(PyList_GET_ITEM(hl, i), 0),
                                 stars)
                  : NULL;
        Py_XDECREF(stars);
        if (!pair) {
            Py_CLEAR(hl);
            break;
        }
        PyList_SetItem(hl, i, pair);
    }
    PyObject *r =
        hl ? PyUnicode_FromFormat(
                 "<cardtoken.Request %U %U headers=%R body=%R (redacted)>",
                 self->method, self->url, hl, body)
           : NULL;
    Py_XDECREF(hl);
    Py_DECREF(body);
    return r;
}

PyObject *refuse_pickle(PyObject *self, PyObject *args)
{
    (void)args;
    PyErr_Format(PyExc_TypeError, "cannot pickle or copy '%.100s' object",
                 Py_TYPE(self)->tp_name);
    return NULL;
}

static PyMethodDef request_methods[] = {
    {"__reduce__", (PyCFunction)refuse_pickle, METH_NOARGS,
     "Requests cannot be pickled."},
    {"__reduce_ex__", (PyCFunction)refuse_pickle, METH_O,
     "Requests cannot be pickled."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef request_getset[] = {
    {"method", (getter)request_get_method, NULL, "HTTP method, e.g. 'POST'.",
     NULL},
    {"url", (getter)request_get_url, NULL, "Full URL to send the request to.",
     NULL},
    {"headers", (getter)request_get_headers, NULL,
     "Headers to send, in order: a new list of (name, value) tuples.", NULL},
    {"body", (getter)request_get_body, NULL,
     "The exact body bytes to send (holds card data).", NULL},
    {"request_id", (getter)request_get_request_id, NULL,
     "The request id that was sent, for gateways that send one, else "
     "None.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot request_slots[] = {
    {Py_tp_dealloc, request_dealloc},
    {Py_tp_repr, request_repr},
    {Py_tp_str, request_repr},
    {Py_tp_methods, request_methods},
    {Py_tp_getset, request_getset},
    {Py_tp_doc,
     "A built, signed gateway request, ready to send with any HTTP client.\n\n"
     "Made by a client's build_<op>() methods; pass it back as request= to "
     "parse_<op>(). repr() shows the body with card data redacted."},
    {0, NULL},
};

PyType_Spec request_spec = {
    PACKAGE ".Request",
    sizeof(RequestObject),
    0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
        Py_TPFLAGS_DISALLOW_INSTANTIATION,
    request_slots,
};
