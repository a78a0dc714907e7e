/*
 * _cardtoken_client.c - the client classes (one per gateway) and their
 * operation methods <op>(), build_<op>(), parse_<op>().
 *
 * Threads: the GIL is released around every core call that does crypto or
 * network I/O. A client counts its calls in flight (under the GIL); close()
 * marks it closed and the core handle is freed when the last call returns,
 * so ct_client_free() never races with a call.
 */
#include "_cardtoken.h"

/* ------------------------------------------------------------------ */
/* The per-gateway table: Python class names and notification methods  */
/* ------------------------------------------------------------------ */

static const gw_info GATEWAYS[] = {
    {CT_GW_PAGSMILE, "Pagsmile", {"fields", NULL, NULL, NULL}, 0, 0},
    {CT_GW_PAYERMAX, "PayerMax", {"body", "sign", NULL, NULL}, 0, 1},
    {CT_GW_YABANDPAY, "YabandPay", {"body", NULL, NULL, NULL}, 0, 0},
    {CT_GW_WORLDFIRST, "WorldFirst", {"path", "headers", "body", NULL}, 1, 1},
};
#define N_GATEWAYS ((int)(sizeof(GATEWAYS) / sizeof(GATEWAYS[0])))

const gw_info *gw_info_of(ct_gateway gw)
{
    for (int i = 0; i < N_GATEWAYS; i++)
        if (GATEWAYS[i].gw == gw)
            return &GATEWAYS[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Clients                                                             */
/* ------------------------------------------------------------------ */

static const char *op_name(const ClientObject *self)
{
    return ct_gateway_op_name(self->gw);
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
ct_client *client_enter(modstate *st, ClientObject *self)
{
    if (self->closed || !self->client) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    self->inflight++;
    Py_INCREF(self);
    return self->client;
}

void client_leave(ClientObject *self)
{
    self->inflight--;
    client_maybe_free(self);
    Py_DECREF(self);
}

static PyObject *client_new(PyTypeObject *type, PyObject *args,
                            PyObject *kwargs)
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
    if (apply_kwargs(st, gw, fn, kwargs, ct_option_type, config_set, cfg,
                     CT_ERR_CONFIG) < 0) {
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
    return PyUnicode_FromFormat("<%s.%s %s>", PACKAGE,
                                gw_info_of(self->gw)->class_name,
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
        raise_shim(state_of((PyObject *)self), CT_ERR_CLOSED, self->gw, NULL,
                   NULL);
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
static ct_args *make_args(modstate *st, ClientObject *self, const char *fn,
                          PyObject *args, PyObject *kwargs)
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
    if (apply_kwargs(st, self->gw, fn, kwargs, ct_arg_type, args_set, a,
                     CT_ERR_VALIDATION) < 0) {
        ct_args_free(a);
        return NULL;
    }
    return a;
}

/* The common start of client.<op>() and client.build_<op>(): the core
 * arguments (new, in *ap) and the core client, entered (the caller leaves
 * it with client_leave). NULL with an exception set on failure. */
static ct_client *op_prologue(ClientObject *self, const char *prefix,
                              PyObject *args, PyObject *kwargs, modstate **stp,
                              ct_args **ap)
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
static PyObject *client_op_call(ClientObject *self, PyObject *args,
                                PyObject *kwargs)
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
        rc = ct_call(c, a, &res, &e);
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
static PyObject *client_op_build(ClientObject *self, PyObject *args,
                                 PyObject *kwargs)
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
        rc = ct_build(c, a, &req, &e);
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
static PyObject *client_op_parse(ClientObject *self, PyObject *args,
                                 PyObject *kwargs)
{
    static char *kwlist[] = {"status", "headers", "body", "request", NULL};
    modstate *st = state_of((PyObject *)self);
    char fn[96];
    snprintf(fn, sizeof fn, "parse_%s()", op_name(self));
    PyObject *status_o, *headers_o, *body_o, *request_o = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOO|$O", kwlist, &status_o,
                                     &headers_o, &body_o, &request_o))
        return NULL;
    if (!PyLong_Check(status_o) || PyBool_Check(status_o)) {
        PyErr_Format(PyExc_TypeError, "%s: status must be int, not %.100s", fn,
                     Py_TYPE(status_o)->tp_name);
        return NULL;
    }
    long status = PyLong_AsLong(status_o);
    if (status == -1 && PyErr_Occurred()) {
        value_error(st, self->gw, CT_ERR_VALIDATION, "status",
                    "is not an HTTP status (100 to 999)");
        return NULL;
    }
    if (status < 0 || status > 999) {
        raise_shim(
            st, CT_ERR_VALIDATION, self->gw, "status",
            "invalid argument: status is not an HTTP status (100 to 999)");
        return NULL;
    }
    const ct_request *req = NULL;
    if (request_o != Py_None) {
        if (!PyObject_TypeCheck(request_o, (PyTypeObject *)st->request_type)) {
            PyErr_Format(
                PyExc_TypeError,
                "%s: request must be a cardtoken.Request or None, not %.100s",
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
    if (text_from_bytes_or_str(st, self->gw, body_o, CT_ERR_VALIDATION, "body",
                               fn, &body) < 0) {
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
            rc = ct_parse(c, req, (int)status, hs.h, hs.n, body.p,
                          (size_t)body.n, &res, &e);
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

static PyGetSetDef client_getset[] = {
    {"closed", (getter)client_get_closed, NULL, "True once close() was called.",
     NULL},
    {"gateway", (getter)client_get_gateway, NULL,
     "The gateway's name, e.g. 'pagsmile'.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* Per-gateway method tables, built from ct_gateway_op_name()          */
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
static int g_tables_ready;

/* Fills the static method tables and specs (identical on every call, so a
 * second module instance sees the same content). 0 or -1 (raised). */
static int build_tables(void)
{
    if (g_tables_ready)
        return 0;
    for (int i = 0; i < N_GATEWAYS; i++) {
        const gw_info *gi = &GATEWAYS[i];
        client_tables *t = &g_client[gi->gw];
        const char *op = ct_gateway_op_name(gi->gw);
        const char *rname = ct_gateway_result_name(gi->gw);
        if (!op || !rname || strlen(op) + 8 >= NAME_CAP) {
            PyErr_SetString(PyExc_SystemError,
                            "cardtoken: bad operation name from the core");
            return -1;
        }
        snprintf(t->names[0], NAME_CAP, "%s", op);
        snprintf(t->names[1], NAME_CAP, "build_%s", op);
        snprintf(t->names[2], NAME_CAP, "parse_%s", op);
        snprintf(t->type_name, NAME_CAP, "%s.%s", PACKAGE, gi->class_name);
        snprintf(t->docs[0], DOC_CAP,
                 "%s($self, /, **kwargs)\n--\n\n"
                 "Validate, sign and send one %s call, verify and parse the "
                 "answer.\n"
                 "Arguments are keyword-only (see API.md); returns a %s (or a "
                 "list of "
                 "them) or raises a cardtoken.Error.",
                 op, gi->class_name, rname);
        snprintf(
            t->docs[1], DOC_CAP,
            "build_%s($self, /, **kwargs)\n--\n\n"
            "Validate, build and sign the request of %s() without sending it; "
            "returns a cardtoken.Request.",
            op, op);
        snprintf(
            t->docs[2], DOC_CAP,
            "parse_%s($self, /, status, headers, body, *, request=None)\n--\n\n"
            "Verify and parse a response received for a request built by "
            "build_%s(). "
            "headers: a mapping or a list of (name, value) pairs; body: bytes "
            "or str.",
            op, op);
        char params[128] = "";
        for (int p = 0; p < 4 && gi->verify_params[p]; p++) {
            size_t used = strlen(params);
            snprintf(params + used, sizeof params - used, ", %s",
                     gi->verify_params[p]);
        }
        if (gi->has_max_age) {
            size_t used = strlen(params);
            snprintf(params + used, sizeof params - used, ", *, max_age=None");
        }
        snprintf(
            t->docs[3], DOC_CAP,
            "verify_notification($self%s)\n--\n\n"
            "Verify a notification the gateway posted (SignatureError when the "
            "signature is missing or wrong) and return its verified content.%s",
            params,
            gi->has_max_age
                ? " max_age: seconds; refuse (SignatureError) a "
                  "notification whose signed time is further from now."
                : "");
        snprintf(
            t->docs[4], DOC_CAP,
            gi->ack_takes_path
                ? "notification_ack($self, /, path)\n--\n\n"
                  "The signed answer to a notification received on `path`: "
                  "(headers, body)."
                : "notification_ack($self, /)\n--\n\n"
                  "The body the gateway expects in answer to a notification.");

        PyMethodDef m[N_CLIENT_METHODS + 1] = {
            {t->names[0], CAST_METH(client_op_call),
             METH_VARARGS | METH_KEYWORDS, t->docs[0]},
            {t->names[1], CAST_METH(client_op_build),
             METH_VARARGS | METH_KEYWORDS, t->docs[1]},
            {t->names[2], CAST_METH(client_op_parse),
             METH_VARARGS | METH_KEYWORDS, t->docs[2]},
            {"verify_notification", CAST_METH(client_verify),
             METH_VARARGS | METH_KEYWORDS, t->docs[3]},
            {"notification_ack", CAST_METH(client_ack),
             METH_VARARGS | METH_KEYWORDS, t->docs[4]},
            {"close", CAST_METH(client_close), METH_NOARGS,
             "close($self, /)\n--\n\nRelease the client's connections and "
             "keys. Calls "
             "running in other threads finish first; later calls raise "
             "ConfigurationError "
             "(CT_ERR_CLOSED). Idempotent."},
            {"__enter__", CAST_METH(client_enter_ctx), METH_NOARGS, NULL},
            {"__exit__", CAST_METH(client_exit_ctx), METH_VARARGS, NULL},
            {"__reduce__", CAST_METH(refuse_pickle), METH_NOARGS,
             "Clients cannot be pickled."},
            {"__reduce_ex__", CAST_METH(refuse_pickle), METH_O,
             "Clients cannot be pickled."},
            {NULL, NULL, 0, NULL},
        };
        memcpy(t->methods, m, sizeof m);
        PyType_Slot s[10] = {
            {Py_tp_new, client_new},
            {Py_tp_dealloc, client_dealloc},
            {Py_tp_repr, client_repr},
            {Py_tp_methods, t->methods},
            {Py_tp_getset, client_getset},
            {Py_tp_doc,
             "A gateway client holding one merchant's credentials and "
             "connections.\n\n"
             "Options are keyword arguments (see API.md); a missing or "
             "malformed "
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
    g_tables_ready = 1;
    return 0;
}

/* Creates the client types and adds them to the module. 0 or -1 (raised). */
int client_types_add(PyObject *m, modstate *st)
{
    if (build_tables() < 0)
        return -1;
    for (int i = 0; i < N_GATEWAYS; i++) {
        ct_gateway gw = GATEWAYS[i].gw;
        st->client_type[gw] =
            PyType_FromModuleAndSpec(m, &g_client[gw].spec, NULL);
        if (!st->client_type[gw] ||
            PyModule_AddObjectRef(m, GATEWAYS[i].class_name,
                                  st->client_type[gw]) < 0)
            return -1;
    }
    return 0;
}
