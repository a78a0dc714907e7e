/*
 * _cardtoken_notify.c - verify_notification() and notification_ack() of the
 * clients.
 */
#include "_cardtoken.h"

/* client.verify_notification(...): parameters from GATEWAYS. */
PyObject *client_verify(ClientObject *self, PyObject *args, PyObject *kwargs)
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
        snprintf(fmt + np, sizeof fmt - (size_t)np, "|$O:%s",
                 "verify_notification");
    } else {
        snprintf(fmt + np, sizeof fmt - (size_t)np, ":%s",
                 "verify_notification");
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, &v[0], &v[1],
                                     &v[2], &v[3], &v[4]))
        return NULL;
    if (gi->has_max_age && v[np] != NULL)
        max_age_o = v[np];
    double max_age = 0;
    if (max_age_o != Py_None) {
        if (PyBool_Check(max_age_o) ||
            !(PyLong_Check(max_age_o) || PyFloat_Check(max_age_o))) {
            PyErr_Format(PyExc_TypeError,
                         "%s: max_age must be int, float or None, not %.100s",
                         fn, Py_TYPE(max_age_o)->tp_name);
            return NULL;
        }
        max_age = PyFloat_AsDouble(max_age_o);
        if (max_age == -1.0 && PyErr_Occurred()) {
            value_error(st, self->gw, CT_ERR_VALIDATION, "max_age",
                        "is too large a number");
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
                PyErr_Format(PyExc_TypeError,
                             "%s: fields must be a mapping, not %.100s", fn,
                             Py_TYPE(v[i])->tp_name);
                goto cleanup;
            }
            PyObject *d = PyObject_CallOneArg((PyObject *)&PyDict_Type, v[i]);
            if (!d) {
                value_error(st, self->gw, CT_ERR_VALIDATION, "fields",
                            "is not a mapping of fields");
                goto cleanup;
            }
            PyObject *dargs = PyTuple_Pack(1, d);
            Py_DECREF(d);
            PyObject *js =
                dargs ? PyObject_Call(st->json_dumps, dargs, st->dumps_kwargs)
                      : NULL;
            Py_XDECREF(dargs);
            if (!js) {
                value_error(st, self->gw, CT_ERR_VALIDATION, "fields",
                            "cannot be written as JSON (nested too deeply, "
                            "circular or not a number)");
                goto cleanup;
            }
            int r = text_from_str(st, self->gw, js, CT_ERR_VALIDATION, "fields",
                                  &fields);
            Py_DECREF(js);
            if (r < 0)
                goto cleanup;
            note.fields_json = fields.p;
            note.fields_json_len = (size_t)fields.n;
        } else if (strcmp(p, "body") == 0) {
            if (text_from_bytes_or_str(st, self->gw, v[i], CT_ERR_VALIDATION,
                                       "body", fn, &body) < 0)
                goto cleanup;
            note.body = body.p;
            note.body_len = (size_t)body.n;
        } else if (strcmp(p, "sign") == 0) {
            if (v[i] == Py_None) /* no signature received: the core says so */
                continue;
            if (text_from_bytes_or_str(st, self->gw, v[i], CT_ERR_VALIDATION,
                                       "sign", fn, &sign) < 0)
                goto cleanup;
            note.sign = sign.p;
            note.sign_len = (size_t)sign.n;
        } else if (strcmp(p, "path") == 0) {
            if (!PyUnicode_Check(v[i])) {
                PyErr_Format(PyExc_TypeError,
                             "%s: path must be str, not %.100s", fn,
                             Py_TYPE(v[i])->tp_name);
                goto cleanup;
            }
            if (text_from_str(st, self->gw, v[i], CT_ERR_VALIDATION, "path",
                              &path) < 0)
                goto cleanup;
            if (strlen(path.p) != (size_t)path.n) {
                raise_shim(st, CT_ERR_VALIDATION, self->gw, "path",
                           "invalid argument: path contains a NUL character");
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
            PyObject *s =
                js ? PyUnicode_DecodeUTF8(js, (Py_ssize_t)len, "replace")
                   : NULL;
            if (!js)
                PyErr_SetString(PyExc_SystemError,
                                "cardtoken: notification result without JSON");
            out = s ? PyObject_CallOneArg(st->json_loads, s) : NULL;
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
    text_release(&fields);
    text_release(&body);
    text_release(&sign);
    text_release(&path);
    return out;
}

/* client.notification_ack() -> body, or WorldFirst's notification_ack(path)
 * -> (headers, body). */
PyObject *client_ack(ClientObject *self, PyObject *args, PyObject *kwargs)
{
    modstate *st = state_of((PyObject *)self);
    const gw_info *gi = gw_info_of(self->gw);
    static char *kw_path[] = {"path", NULL};
    static char *kw_none[] = {NULL};
    PyObject *path_o = NULL;
    text path = {0};
    if (gi->ack_takes_path) {
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
