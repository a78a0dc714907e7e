/*
 * _cardtoken_observe.c - what a call did, for Python: the core reports each
 * attempt and the call (ct_call_observed, core/src/trace.c: masked, no
 * secret in it) to a ct_record while the interpreter lock is released;
 * afterwards, holding the lock, the shim
 * makes the call's cardtoken.Response (result.response, exc.response) and,
 * when someone listens (an on_call hook, the "cardtoken" logger at DEBUG or
 * TRACE, OpenTelemetry), hands the records to cardtoken._observe.emit().
 * No gateway or operation is named here.
 */
#include "_cardtoken.h"

#include <string.h>

/* 0: nobody listens; 1: records; 2: records and (masked) bodies. -1 on an
 * error (raised). */
int obs_wanted(modstate *st, PyObject *on_call, ct_gateway gw)
{
    PyObject *r =
        PyObject_CallFunction(st->obs_level, "s", ct_gateway_name(gw));
    if (!r)
        return -1;
    long lv = PyLong_AsLong(r);
    Py_DECREF(r);
    if (lv == -1 && PyErr_Occurred())
        return -1;
    if (lv == 0 && on_call)
        lv = 1;
    return (int)lv;
}

static PyObject *text_or_none(const char *s, size_t n)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "replace");
}

/* new: the Response of the call, or None when no HTTP answer came. */
PyObject *obs_response(modstate *st, const ct_record *r)
{
    const ct_trace *t = ct_record_call(r);
    if (!t || t->http_status == 0)
        Py_RETURN_NONE;
    PyObject *hs = PyTuple_New((Py_ssize_t)t->nheaders);
    if (!hs)
        return NULL;
    for (size_t i = 0; i < t->nheaders; i++) {
        const ct_header *h = &t->headers[i];
        PyObject *pair =
            Py_BuildValue("(NN)", text_or_none(h->name, h->name_len),
                          text_or_none(h->value, h->value_len));
        if (!pair) {
            Py_DECREF(hs);
            return NULL;
        }
        PyTuple_SET_ITEM(hs, (Py_ssize_t)i, pair);
    }
    return PyObject_CallFunction(st->response_type, "iNid", t->http_status, hs,
                                 t->attempt, t->elapsed);
}

static PyObject *rec_dict(const ct_trace *t)
{
    char line[1024];
    ct_trace_format(t, line, sizeof line);
    return Py_BuildValue(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:N,s:s,s:d,s:d,s:d,s:d,s:d,s:O,"
        "s:L,s:L,s:s,s:N,s:O}",
        "message", line, "kind", t->kind == CT_TRACE_CALL ? "call" : "attempt",
        "gateway", t->gateway ? ct_gateway_name((ct_gateway)t->gateway) : "",
        "operation", t->operation, "method", t->method, "path", t->path,
        "server", t->server, "port", t->port, "attempt", t->attempt,
        "http_status",
        t->http_status ? PyLong_FromLong(t->http_status) : Py_NewRef(Py_None),
        "gateway_code", t->gateway_code, "elapsed", t->elapsed, "dns", t->dns,
        "connect", t->connect, "tls", t->tls, "first_byte", t->first_byte,
        "reused", t->reused ? Py_True : Py_False, "bytes_sent", t->bytes_sent,
        "bytes_received", t->bytes_received, "outcome",
        t->outcome ? t->outcome : "", "error",
        t->error && t->error[0] ? PyUnicode_FromString(t->error)
                                : Py_NewRef(Py_None),
        "retrying", t->retrying ? Py_True : Py_False);
}

/* Hands the records to cardtoken._observe.emit(records, on_call, response,
 * request_body, response_body). Keeps the exception being raised, if
 * any. 0, or -1 when emit failed (reported as unraisable). */
int obs_emit(modstate *st, PyObject *on_call, const ct_record *r,
             PyObject *response)
{
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    PyObject *recs = PyList_New(0), *res = NULL;
    const ct_trace *call = ct_record_call(r);
    int ok = recs != NULL;
    for (size_t i = 0; ok && i < ct_record_count(r); i++) {
        PyObject *d = rec_dict(ct_record_at(r, i));
        ok = d && PyList_Append(recs, d) == 0;
        Py_XDECREF(d);
    }
    if (ok)
        res = PyObject_CallFunction(
            st->obs_emit, "OOONN", recs, on_call ? on_call : Py_None,
            response ? response : Py_None,
            text_or_none(call ? call->request_body : NULL,
                         call ? call->request_body_len : 0),
            text_or_none(call ? call->response_body : NULL,
                         call ? call->response_body_len : 0));
    Py_XDECREF(recs);
    if (!res)
        PyErr_WriteUnraisable(st->obs_emit);
    int rc = res ? 0 : -1;
    Py_XDECREF(res);
    PyErr_Restore(et, ev, tb);
    return rc;
}

/* Sets exc.response on the exception being raised. */
void obs_attach_to_error(PyObject *response)
{
    if (!response || response == Py_None)
        return;
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    PyErr_NormalizeException(&et, &ev, &tb);
    if (ev && PyObject_SetAttrString(ev, "response", response) < 0)
        PyErr_Clear();
    if (ev && tb)
        PyException_SetTraceback(ev, tb);
    PyErr_Restore(et, ev, tb);
}

int obs_load(modstate *st)
{
    PyObject *m = PyImport_ImportModule(PACKAGE "._observe");
    if (!m)
        return -1;
    st->obs_emit = PyObject_GetAttrString(m, "emit");
    st->obs_level = PyObject_GetAttrString(m, "wanted");
    st->response_type = PyObject_GetAttrString(m, "Response");
    Py_DECREF(m);
    return st->obs_emit && st->obs_level && st->response_type ? 0 : -1;
}
