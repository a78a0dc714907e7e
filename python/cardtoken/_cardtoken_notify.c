/*
 * _cardtoken_notify.c - verify_notification() and notification_ack() of the
 * clients, both from the gateway's description: the inputs of
 * verify_notification are the gateway's notify_params, in order (required
 * ones positional, the others keyword-only, default None), and each fills
 * the ct_notification member of its name; notification_ack takes the path
 * when the gateway signs its ack (ack_signed).
 */
#include "_cardtoken.h"

#define MAX_NOTIFY 8

/* The members of ct_notification an input can fill, by name. */
typedef enum note_member {
    NM_BODY,
    NM_SIGN,
    NM_PATH,
    NM_HEADERS,
    NM_FIELDS,
    NM_MAX_AGE,
    NM_UNKNOWN
} note_member;

static const char *const NOTE_MEMBER[NM_UNKNOWN] = {
    [NM_BODY] = "body",       [NM_SIGN] = "sign",     [NM_PATH] = "path",
    [NM_HEADERS] = "headers", [NM_FIELDS] = "fields", [NM_MAX_AGE] = "max_age",
};

static note_member member_of(const char *name)
{
    for (int m = 0; m < NM_UNKNOWN; m++)
        if (strcmp(NOTE_MEMBER[m], name) == 0)
            return (note_member)m;
    return NM_UNKNOWN;
}

/* A mapping of form fields -> their JSON text (json.dumps of a dict). */
static int fields_json(modstate *st, ClientObject *self, const char *fn,
                       const char *name, PyObject *v, text *t)
{
    if (!PyDict_Check(v) && !PyObject_HasAttrString(v, "keys"))
        return type_error(st, self->gw, CT_ERR_VALIDATION, fn, name,
                          "a mapping", v);
    PyObject *d = PyObject_CallOneArg((PyObject *)&PyDict_Type, v);
    if (!d)
        return value_error(st, self->gw, CT_ERR_VALIDATION, name,
                           "is not a mapping of fields");
    PyObject *dargs = PyTuple_Pack(1, d);
    Py_DECREF(d);
    PyObject *js =
        dargs ? PyObject_Call(st->json_dumps, dargs, st->dumps_kwargs) : NULL;
    Py_XDECREF(dargs);
    if (!js)
        return value_error(st, self->gw, CT_ERR_VALIDATION, name,
                           "cannot be written as JSON (nested too deeply, "
                           "circular or not a number)");
    int r = text_from_str(st, self->gw, js, CT_ERR_VALIDATION, name, t);
    Py_DECREF(js);
    return r;
}

/* A str without NUL (a path). */
static int path_text(modstate *st, ClientObject *self, const char *fn,
                     const char *name, PyObject *v, text *t)
{
    if (!PyUnicode_Check(v))
        return type_error(st, self->gw, CT_ERR_VALIDATION, fn, name, "str", v);
    if (text_from_str(st, self->gw, v, CT_ERR_VALIDATION, name, t) < 0)
        return -1;
    if (strlen(t->p) != (size_t)t->n) {
        char msg[128];
        snprintf(msg, sizeof msg,
                 "invalid argument: %s contains a NUL character", name);
        raise_shim(st, CT_ERR_VALIDATION, self->gw, name, msg);
        return -1;
    }
    return 0;
}

/* A number of seconds (int or float); not positive is passed on for the
 * core to refuse, naming it. */
static int seconds(modstate *st, ClientObject *self, const char *fn,
                   const char *name, PyObject *v, double *out)
{
    if (PyBool_Check(v) || !(PyLong_Check(v) || PyFloat_Check(v))) {
        PyErr_Format(PyExc_TypeError,
                     "%s: %s must be int, float or None, not %.100s", fn, name,
                     Py_TYPE(v)->tp_name);
        return -1;
    }
    double d = PyFloat_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred())
        return value_error(st, self->gw, CT_ERR_VALIDATION, name,
                           "is too large a number");
    *out = d == 0 ? -1 : d;
    return 0;
}

/* Fills the member of input `p` from value v (not NULL, not a skipped
 * None). txt holds the text it points into. */
static int fill_member(modstate *st, ClientObject *self, const char *fn,
                       const ct_param_desc *p, PyObject *v,
                       ct_notification *note, text *txt, hdrs *hs)
{
    switch (member_of(p->name)) {
    case NM_BODY:
    case NM_SIGN:
        if (text_from_bytes_or_str(st, self->gw, v, CT_ERR_VALIDATION, p->name,
                                   fn, txt) < 0)
            return -1;
        if (member_of(p->name) == NM_BODY) {
            note->body = txt->p;
            note->body_len = (size_t)txt->n;
        } else {
            note->sign = txt->p;
            note->sign_len = (size_t)txt->n;
        }
        return 0;
    case NM_PATH:
        if (path_text(st, self, fn, p->name, v, txt) < 0)
            return -1;
        note->path = txt->p;
        return 0;
    case NM_HEADERS:
        if (hdrs_from_py(st, self->gw, fn, v, hs) < 0)
            return -1;
        note->headers = hs->h;
        note->nheaders = hs->n;
        return 0;
    case NM_FIELDS:
        if (fields_json(st, self, fn, p->name, v, txt) < 0)
            return -1;
        note->fields_json = txt->p;
        note->fields_json_len = (size_t)txt->n;
        return 0;
    case NM_MAX_AGE: return seconds(st, self, fn, p->name, v, &note->max_age);
    case NM_UNKNOWN:
    default:
        PyErr_Format(PyExc_SystemError,
                     "cardtoken: notification input %s has no member", p->name);
        return -1;
    }
}

/* client.verify_notification(...): parameters from the description. */
PyObject *client_verify(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    modstate *st = state_of((PyObject *)self);
    const ct_gateway_desc *gd = self->gd;
    const char *fn = "verify_notification()";
    char *kwlist[MAX_NOTIFY + 1] = {NULL};
    char fmt[2 * MAX_NOTIFY + 32];
    size_t np = gd->nnotify < MAX_NOTIFY ? gd->nnotify : MAX_NOTIFY;
    size_t f = 0;
    int optional = 0;
    for (size_t i = 0; i < np; i++) {
        kwlist[i] = (char *)gd->notify_params[i].name;
        if (!gd->notify_params[i].required && !optional) {
            fmt[f++] = '|';
            fmt[f++] = '$';
            optional = 1;
        }
        fmt[f++] = 'O';
    }
    snprintf(fmt + f, sizeof fmt - f, ":verify_notification");
    PyObject *v[MAX_NOTIFY] = {NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &v[0], &v[1],
                                     &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]))
        return NULL;

    ct_notification note;
    memset(&note, 0, sizeof note);
    text txt[MAX_NOTIFY];
    memset(txt, 0, sizeof txt);
    hdrs hs = {0};
    PyObject *out = NULL;
    /* numbers first, then the closed check, then the texts (copies) */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < np; i++) {
            const ct_param_desc *p = &gd->notify_params[i];
            int number = member_of(p->name) == NM_MAX_AGE;
            if (number != (pass == 0) || !v[i])
                continue;
            if (v[i] == Py_None && (p->nullable || !p->required))
                continue; /* absent: the core says so when it matters */
            if (fill_member(st, self, fn, p, v[i], &note, &txt[i], &hs) < 0)
                goto cleanup;
        }
        if (pass == 0 && self->closed) {
            raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
            goto cleanup;
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
            PyObject *s =
                js ? PyUnicode_DecodeUTF8(js, (Py_ssize_t)len, "replace")
                   : NULL;
            if (!js)
                PyErr_SetString(PyExc_SystemError,
                                "cardtoken: notification result without JSON");
            /* every object a Notification, so that what is nested prints
             * masked too */
            PyObject *a = s ? PyTuple_Pack(1, s) : NULL;
            PyObject *kw =
                a ? Py_BuildValue("{s:O}", "object_hook", st->notification_type)
                  : NULL;
            out = kw ? PyObject_Call(st->json_loads, a, kw) : NULL;
            Py_XDECREF(kw);
            Py_XDECREF(a);
            Py_XDECREF(s);
            if (!out)
                value_error(st, gw, CT_ERR_PROTOCOL, "body",
                            "is nested too deeply to be read");
        }
        ct_result_free(res);
        client_leave(self);
    }
cleanup:
    hdrs_free(&hs);
    for (size_t i = 0; i < MAX_NOTIFY; i++)
        text_release(&txt[i]);
    return out;
}

/* client.notification_ack() -> body, or, when the gateway signs its ack,
 * notification_ack(path) -> (headers, body). */
PyObject *client_ack(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    modstate *st = state_of((PyObject *)self);
    static char *kw_path[] = {"path", NULL};
    static char *kw_none[] = {NULL};
    PyObject *path_o = NULL;
    text path = {0};
    if (self->gd->ack_signed) {
        if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U:notification_ack",
                                         kw_path, &path_o))
            return NULL;
    } else if (!PyArg_ParseTupleAndKeywords(args, kwargs, ":notification_ack",
                                            kw_none)) {
        return NULL;
    }
    if (self->closed) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    if (path_o) {
        if (text_from_str(st, self->gw, path_o, CT_ERR_VALIDATION, "path",
                          &path) < 0)
            return NULL;
        if (strlen(path.p) != (size_t)path.n) {
            text_release(&path);
            raise_shim(st, CT_ERR_VALIDATION, self->gw, "path",
                       "invalid argument: path contains a NUL character");
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
            PyObject *body = PyUnicode_DecodeUTF8(
                b ? b : "", (Py_ssize_t)(b ? len : 0), "replace");
            if (body && self->gd->ack_signed) {
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

/* ------------------------------------------------------------------ */
/* Notification: the verified content, printed masked                  */
/* ------------------------------------------------------------------ */

/* repr()/str(): the content with the core's masking of JSON (ct_mask_json:
 * credentials, card numbers), shown as a dict. The values themselves are
 * as received: the receiver needs the token to pay with it. */
static PyObject *notification_repr(PyObject *self)
{
    modstate *st = state_of(self);
    PyObject *plain = PyDict_Copy(self), *r = NULL, *masked = NULL;
    PyObject *dargs = plain ? PyTuple_Pack(1, plain) : NULL;
    PyObject *jtext =
        dargs ? PyObject_Call(st->json_dumps, dargs, st->dumps_kwargs) : NULL;
    Py_XDECREF(dargs);
    Py_XDECREF(plain);
    if (jtext == NULL) {
        /* something not JSON was put in: say so, print nothing of it */
        PyErr_Clear();
        return PyUnicode_FromFormat("Notification(<%zd keys>)",
                                    PyDict_Size(self));
    }
    Py_ssize_t n;
    const char *u = PyUnicode_AsUTF8AndSize(jtext, &n);
    size_t mlen = 0;
    char *m = u ? ct_mask_json(u, (size_t)n, &mlen) : NULL;
    Py_DECREF(jtext);
    if (m == NULL) {
        /* not JSON the core reads back (a NUL, NaN, deep nesting): print
         * nothing of it */
        if (PyErr_Occurred())
            return NULL;
        return PyUnicode_FromFormat("Notification(<%zd keys>)",
                                    PyDict_Size(self));
    }
    PyObject *mtext = PyUnicode_DecodeUTF8(m, (Py_ssize_t)mlen, "replace");
    ct_free_string(m);
    masked = mtext ? PyObject_CallOneArg(st->json_loads, mtext) : NULL;
    Py_XDECREF(mtext);
    r = masked ? PyObject_Repr(masked) : NULL;
    Py_XDECREF(masked);
    return r;
}

static PyType_Slot notification_slots[] = {
    {Py_tp_repr, notification_repr},
    {Py_tp_doc, "The verified content verify_notification() returns: a dict "
                "whose repr()/str() mask credentials and card numbers; its "
                "values are as received."},
    {0, NULL},
};

static PyType_Spec notification_spec = {
    .name = MODULE_NAME ".Notification",
    .basicsize = 0,
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = notification_slots,
};

int notification_type_add(PyObject *m, modstate *st)
{
    PyObject *base = (PyObject *)&PyDict_Type;
    st->notification_type =
        PyType_FromModuleAndSpec(m, &notification_spec, base);
    if (!st->notification_type)
        return -1;
    return PyModule_AddObjectRef(m, "Notification", st->notification_type);
}
