/*
 * _cardtoken_observe.c - what a call did, for Python: the core reports each
 * attempt and the call (ct_call_observed, core/src/trace.c: masked, no
 * secret in it) to obs_collect(), which copies the records while the
 * interpreter lock is released; afterwards, holding the lock, the shim
 * makes the call's cardtoken.Response (result.response, exc.response) and,
 * when someone listens (an on_call hook, the "cardtoken" logger at DEBUG or
 * TRACE, OpenTelemetry), hands the records to cardtoken._observe.emit().
 * No gateway or operation is named here.
 */
#include "_cardtoken.h"

#include <string.h>

static void obs_copy(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s ? s : "");
}

/* ct_observer_fn: runs on the calling thread without the lock (raw
 * allocator only). */
void obs_collect(void *userp, const ct_trace *t)
{
    obs_col *c = userp;
    obs_rec *r;
    if (t->kind == CT_TRACE_CALL) {
        size_t need = 0, at = 0;
        c->have_call = 1;
        r = &c->call;
        for (size_t i = 0; i < t->nheaders; i++)
            need += t->headers[i].name_len + t->headers[i].value_len + 2;
        if (need && (c->hbuf = PyMem_RawMalloc(need)) != NULL) {
            for (size_t i = 0; i < t->nheaders; i++) {
                memcpy(c->hbuf + at, t->headers[i].name,
                       t->headers[i].name_len);
                at += t->headers[i].name_len;
                c->hbuf[at++] = '\0';
                memcpy(c->hbuf + at, t->headers[i].value,
                       t->headers[i].value_len);
                at += t->headers[i].value_len;
                c->hbuf[at++] = '\0';
            }
            c->nh = t->nheaders;
            c->hlen = need;
        }
        if (t->request_body &&
            (c->sent = PyMem_RawMalloc(t->request_body_len + 1)) != NULL) {
            memcpy(c->sent, t->request_body, t->request_body_len);
            c->sent_len = t->request_body_len;
        }
        if (t->response_body &&
            (c->got = PyMem_RawMalloc(t->response_body_len + 1)) != NULL) {
            memcpy(c->got, t->response_body, t->response_body_len);
            c->got_len = t->response_body_len;
        }
    } else {
        if (c->n >= OBS_MAX) {
            c->dropped++;
            return;
        }
        r = &c->rec[c->n++];
    }
    r->t = *t;
    r->t.headers = NULL;
    r->t.nheaders = 0;
    r->t.request_body = r->t.response_body = NULL;
    obs_copy(r->op, sizeof r->op, t->operation);
    obs_copy(r->method, sizeof r->method, t->method);
    obs_copy(r->path, sizeof r->path, t->path);
    obs_copy(r->server, sizeof r->server, t->server);
    obs_copy(r->gwcode, sizeof r->gwcode, t->gateway_code);
    /* outcome and error are the core's static strings */
}

void obs_init(obs_col *c)
{
    c->n = c->dropped = 0;
    c->have_call = 0;
    c->hbuf = c->sent = c->got = NULL;
    c->hlen = c->nh = c->sent_len = c->got_len = 0;
}

void obs_free(obs_col *c)
{
    if (c->hbuf)
        wipe(c->hbuf, c->hlen);
    PyMem_RawFree(c->hbuf);
    if (c->sent)
        wipe(c->sent, c->sent_len);
    PyMem_RawFree(c->sent);
    if (c->got)
        wipe(c->got, c->got_len);
    PyMem_RawFree(c->got);
    obs_init(c);
}

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
PyObject *obs_response(modstate *st, const obs_col *c)
{
    if (!c->have_call || c->call.t.http_status == 0)
        Py_RETURN_NONE;
    PyObject *hs = PyTuple_New((Py_ssize_t)c->nh);
    if (!hs)
        return NULL;
    size_t at = 0;
    for (size_t i = 0; i < c->nh; i++) {
        const char *name = c->hbuf + at;
        size_t nl = strlen(name);
        const char *value = name + nl + 1;
        size_t vl = strlen(value);
        at += nl + vl + 2;
        PyObject *pair = Py_BuildValue("(NN)", text_or_none(name, nl),
                                       text_or_none(value, vl));
        if (!pair) {
            Py_DECREF(hs);
            return NULL;
        }
        PyTuple_SET_ITEM(hs, (Py_ssize_t)i, pair);
    }
    return PyObject_CallFunction(st->response_type, "iNid",
                                 c->call.t.http_status, hs, c->call.t.attempt,
                                 c->call.t.elapsed);
}

static PyObject *rec_dict(const obs_rec *r)
{
    const ct_trace *t = &r->t;
    return Py_BuildValue(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:N,s:s,s:d,s:d,s:d,s:d,s:d,s:O,"
        "s:L,s:L,s:s,s:N,s:O}",
        "kind", t->kind == CT_TRACE_CALL ? "call" : "attempt", "gateway",
        t->gateway ? ct_gateway_name((ct_gateway)t->gateway) : "", "operation",
        r->op, "method", r->method, "path", r->path, "server", r->server,
        "port", t->port, "attempt", t->attempt, "http_status",
        t->http_status ? PyLong_FromLong(t->http_status) : Py_NewRef(Py_None),
        "gateway_code", r->gwcode, "elapsed", t->elapsed, "dns", t->dns,
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
int obs_emit(modstate *st, PyObject *on_call, const obs_col *c,
             PyObject *response)
{
    PyObject *et, *ev, *tb;
    PyErr_Fetch(&et, &ev, &tb);
    PyObject *recs = PyList_New(0), *res = NULL;
    int ok = recs != NULL;
    for (size_t i = 0; ok && i < c->n; i++) {
        PyObject *d = rec_dict(&c->rec[i]);
        ok = d && PyList_Append(recs, d) == 0;
        Py_XDECREF(d);
    }
    if (ok && c->have_call) {
        PyObject *d = rec_dict(&c->call);
        ok = d && PyList_Append(recs, d) == 0;
        Py_XDECREF(d);
    }
    if (ok)
        res = PyObject_CallFunction(
            st->obs_emit, "OOONN", recs, on_call ? on_call : Py_None,
            response ? response : Py_None, text_or_none(c->sent, c->sent_len),
            text_or_none(c->got, c->got_len));
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
