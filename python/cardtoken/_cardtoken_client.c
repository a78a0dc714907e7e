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
/* Clients                                                             */
/* ------------------------------------------------------------------ */

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
    const ct_gateway_desc *gd = NULL;
    Py_ssize_t ntypes =
        st->client_types ? PyTuple_GET_SIZE(st->client_types) : 0;
    for (Py_ssize_t i = 0; i < ntypes; i++)
        if (PyTuple_GET_ITEM(st->client_types, i) == (PyObject *)type)
            gd = ct_gateway_at((size_t)i);
    if (!gd) {
        PyErr_SetString(PyExc_TypeError, "cardtoken: unknown client type");
        return NULL;
    }
    ct_gateway gw = gd->id;
    char fn[96];
    snprintf(fn, sizeof fn, "%s()", gd->class_name);
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_Format(PyExc_TypeError, "%s takes keyword arguments only", fn);
        return NULL;
    }
    /* on_call: the shim's own option (a callable), not the core's */
    PyObject *on_call = NULL, *core_kwargs = NULL;
    if (kwargs) {
        on_call = PyDict_GetItemString(kwargs, "on_call");
        if (on_call == Py_None)
            on_call = NULL;
        if (on_call && !PyCallable_Check(on_call)) {
            raise_shim_ex(st, CT_ERR_CONFIG, gw, "on_call",
                          "on_call must be a callable taking one record",
                          SHIM_WRONG_TYPE);
            return NULL;
        }
        if (PyDict_GetItemString(kwargs, "on_call")) {
            if (!(core_kwargs = PyDict_Copy(kwargs)) ||
                PyDict_DelItemString(core_kwargs, "on_call") < 0) {
                Py_XDECREF(core_kwargs);
                return NULL;
            }
            kwargs = core_kwargs;
        }
    }
    ct_config *cfg = ct_config_new(gw);
    if (!cfg) {
        Py_XDECREF(core_kwargs);
        return PyErr_NoMemory();
    }
    int bad = apply_kwargs(st, gw, fn, kwargs, gd->options, gd->noptions,
                           config_set, cfg, CT_ERR_CONFIG) < 0;
    Py_XDECREF(core_kwargs);
    if (bad) {
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
    self->gd = gd;
    self->gw = gw;
    self->on_call = on_call ? Py_NewRef(on_call) : NULL;
    return (PyObject *)self;
}

static void client_dealloc(ClientObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    /* No call can be in flight: each holds a reference. */
    ct_client_free(self->client);
    self->client = NULL;
    Py_CLEAR(self->on_call);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *client_repr(ClientObject *self)
{
    return PyUnicode_FromFormat("<%s.%s %s>", PACKAGE, self->gd->class_name,
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

/* ------------------------------------------------------------------ */
/* Operation methods: one C function per kind, the operation bound in   */
/* ------------------------------------------------------------------ */

/*
 * Every operation of the description gets three methods, <op>(),
 * build_<op>() and parse_<op>(). Each is a builtin function whose self is
 * a capsule of its op_entry (the operation and the kind), wrapped in an
 * instancemethod so that it binds to the client like any method:
 * client.op(**kw) calls fn(capsule, (client,), kw). Their text signatures
 * name self without "$" (self is not the builtin's bound self here).
 */
typedef enum op_kind { OP_CALL, OP_BUILD, OP_PARSE, N_OP_KINDS } op_kind;

typedef struct op_entry {
    const ct_gateway_desc *gd;
    const ct_op_desc *op;
    char name[NAME_CAP]; /* the method's name, e.g. build_<op> */
    char doc[DOC_CAP];
    PyMethodDef def;
} op_entry;

#define OP_CAPSULE "cardtoken._operation"

/* The entry and the client of a call; new: the arguments after the client.
 * NULL (raised) when called with something that is not this gateway's
 * client. */
static PyObject *op_bind(PyObject *cap, PyObject *args, const op_entry **oep,
                         ClientObject **selfp)
{
    const op_entry *oe = PyCapsule_GetPointer(cap, OP_CAPSULE);
    if (!oe)
        return NULL;
    PyObject *self =
        PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    modstate *st = self ? state_of(self) : NULL;
    if (!self || !st || !st->client_types ||
        PyObject_IsInstance(self, (PyObject *)&PyType_Type) ||
        Py_TYPE(self)->tp_dealloc != (destructor)client_dealloc ||
        ((ClientObject *)self)->gd != oe->gd) {
        PyErr_Format(PyExc_TypeError,
                     "%s() must be called on a " PACKAGE ".%s object", oe->name,
                     oe->gd->class_name);
        return NULL;
    }
    *oep = oe;
    *selfp = (ClientObject *)self;
    return PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
}

/* new: a ct_args filled from keyword arguments, or NULL (raised). */
static ct_args *make_args(modstate *st, ClientObject *self,
                          const ct_op_desc *op, const char *fn, PyObject *args,
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
    if (apply_kwargs(st, self->gw, fn, kwargs, op->args, op->nargs, args_set, a,
                     CT_ERR_VALIDATION) < 0) {
        ct_args_free(a);
        return NULL;
    }
    return a;
}

/* The common start of client.<op>() and client.build_<op>(): the core
 * arguments (new, in *ap) and the core client, entered (the caller leaves
 * it with client_leave). NULL with an exception set on failure. */
static ct_client *op_prologue(ClientObject *self, const op_entry *oe,
                              PyObject *args, PyObject *kwargs, modstate **stp,
                              ct_args **ap)
{
    modstate *st = state_of((PyObject *)self);
    char fn[NAME_CAP + 4];
    snprintf(fn, sizeof fn, "%s()", oe->name);
    *stp = st;
    *ap = NULL;
    if (self->closed) {
        raise_shim(st, CT_ERR_CLOSED, self->gw, NULL, NULL);
        return NULL;
    }
    ct_args *a = make_args(st, self, oe->op, fn, args, kwargs);
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

/* op_prologue() for the method called as fn(capsule, (client, ...), kw):
 * the entry and the client in *oep and *selfp. */
static ct_client *op_start(PyObject *cap, PyObject *args, PyObject *kwargs,
                           const op_entry **oep, ClientObject **selfp,
                           modstate **stp, ct_args **ap)
{
    PyObject *rest = op_bind(cap, args, oep, selfp);
    if (!rest)
        return NULL;
    ct_client *c = op_prologue(*selfp, *oep, rest, kwargs, stp, ap);
    Py_DECREF(rest);
    return c;
}

/* client.<op>(**arguments), the whole call, or client.build_<op>(
 * **arguments) -> Request, without sending it. */
static PyObject *op_call_or_build(PyObject *cap, PyObject *args,
                                  PyObject *kwargs, int build)
{
    const op_entry *oe;
    ClientObject *self;
    modstate *st;
    ct_args *a;
    ct_client *c = op_start(cap, args, kwargs, &oe, &self, &st, &a);
    if (!c)
        return NULL;
    ct_gateway gw = self->gw;
    ct_result *res = NULL;
    ct_request *req = NULL;
    ct_error e;
    ct_error_clear(&e);
    ct_err rc;
    /* Who listens is asked once per call, holding the lock. */
    int wanted = build ? 0 : obs_wanted(st, self->on_call, gw);
    if (wanted < 0) {
        ct_args_free(a);
        client_leave(self);
        return NULL;
    }
    ct_record *rec = build ? NULL : ct_record_new();
    if (!build && !rec) {
        ct_args_free(a);
        client_leave(self);
        return PyErr_NoMemory();
    }
    Py_BEGIN_ALLOW_THREADS
        rc = build ? ct_build(c, oe->op, a, &req, &e)
                   : ct_call_observed(c, oe->op, a, ct_record_observe, rec,
                                      wanted > 1 ? CT_OBSERVE_BODIES : 0, &res,
                                      &e);
        ct_args_free(a);
    Py_END_ALLOW_THREADS
    PyObject *out = NULL, *resp = NULL;
    int ok = rc == CT_OK && (build ? req != NULL : res != NULL);
    /* Response is built now only for an error or a listener; a result
     * builds it from the record when .response is read. */
    if (rec && (!ok || wanted > 0) && !(resp = obs_response(st, rec)))
        PyErr_Clear(); /* metadata only: the call's outcome comes first */
    if (!ok) {
        ct_request_free(req);
        raise_ct(st, rc, &e, gw);
        obs_attach_to_error(resp);
    } else if (build) {
        out = request_new(st, (PyObject *)self, req); /* owns req */
    }
    if (rec && wanted > 0)
        obs_emit(st, self->on_call, rec, resp);
    if (ok && !build) {
        /* takes res and rec: freed with the last result that needs them */
        out = result_to_py_lazy(st, res, rec, resp);
        res = NULL;
        rec = NULL;
    }
    ct_record_free(rec);
    Py_XDECREF(resp);
    ct_result_free(res);
    client_leave(self);
    return out;
}

static PyObject *client_op_call(PyObject *cap, PyObject *args, PyObject *kwargs)
{
    return op_call_or_build(cap, args, kwargs, 0);
}

static PyObject *client_op_build(PyObject *cap, PyObject *args,
                                 PyObject *kwargs)
{
    return op_call_or_build(cap, args, kwargs, 1);
}

/* client.parse_<op>(status, headers, body, *, request=None). */
static PyObject *op_parse(ClientObject *self, const op_entry *oe,
                          PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"status", "headers", "body", "request", NULL};
    modstate *st = state_of((PyObject *)self);
    char fn[NAME_CAP + 4];
    snprintf(fn, sizeof fn, "%s()", oe->name);
    PyObject *status_o, *headers_o, *body_o, *request_o = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOO|$O", kwlist, &status_o,
                                     &headers_o, &body_o, &request_o))
        return NULL;
    if (!PyLong_Check(status_o) || PyBool_Check(status_o)) {
        type_error(st, self->gw, CT_ERR_VALIDATION, fn, "status", "int",
                   status_o);
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
            type_error(st, self->gw, CT_ERR_VALIDATION, fn, "request",
                       "a cardtoken.Request or None", request_o);
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
            rc = ct_parse(c, oe->op, req, (int)status, hs.h, hs.n, body.p,
                          (size_t)body.n, &res, &e);
        Py_END_ALLOW_THREADS
        if (rc != CT_OK || !res) {
            raise_ct(st, rc, &e, gw);
            ct_result_free(res);
        } else { /* takes res: values converted when read */
            out = result_to_py_lazy(st, res, NULL, NULL);
        }
        client_leave(self);
    }
    Py_XDECREF(request_o);
    text_release(&body);
    hdrs_free(&hs);
    return out;
}

static PyObject *client_op_parse(PyObject *cap, PyObject *args,
                                 PyObject *kwargs)
{
    const op_entry *oe;
    ClientObject *self;
    PyObject *rest = op_bind(cap, args, &oe, &self);
    if (!rest)
        return NULL;
    PyObject *out = op_parse(self, oe, rest, kwargs);
    Py_DECREF(rest);
    return out;
}

static PyGetSetDef client_getset[] = {
    {"closed", (getter)client_get_closed, NULL, "True once close() was called.",
     NULL},
    {"gateway", (getter)client_get_gateway, NULL,
     "The gateway's name (ct_gateway_name).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ------------------------------------------------------------------ */
/* The client types, built from the core's description                 */
/* ------------------------------------------------------------------ */

#define N_CLIENT_METHODS 8

typedef struct client_tables {
    const ct_gateway_desc *gd;
    char type_name[NAME_CAP];
    char verify_doc[DOC_CAP];
    char ack_doc[DOC_CAP];
    PyMethodDef methods[N_CLIENT_METHODS + 1];
    PyType_Slot slots[8];
    PyType_Spec spec;
    op_entry *ops; /* N_OP_KINDS per operation */
} client_tables;

/* One per gateway, in ct_gateway_at() order; built once, for the life of
 * the process (the types of every module instance point into it). */
static client_tables *g_client;
static size_t g_nclient;

static const char *const OP_DOC[N_OP_KINDS] = {
    [OP_CALL] = "%s(self, /, **kwargs)\n--\n\n"
                "%s\nValidate, sign and send one %s call, verify and parse the "
                "answer. Arguments are keyword-only; returns a %s%s or raises "
                "a cardtoken.Error.",
    [OP_BUILD] = "%s(self, /, **kwargs)\n--\n\n"
                 "%s\nValidate, build and sign the request of %s.%s() without "
                 "sending it; returns a cardtoken.Request.",
    [OP_PARSE] = "%s(self, /, status, headers, body, *, request=None)\n--\n\n"
                 "%s\nVerify and parse a response received for a request built "
                 "by %s.build_%s(). headers: a mapping or a list of (name, "
                 "value) pairs; body: bytes or str.",
};
static const char *const OP_PREFIX[N_OP_KINDS] = {"", "build_", "parse_"};
static const PyCFunction OP_FN[N_OP_KINDS] = {CAST_METH(client_op_call),
                                              CAST_METH(client_op_build),
                                              CAST_METH(client_op_parse)};

static int fill_op_entry(op_entry *oe, const ct_gateway_desc *gd,
                         const ct_op_desc *op, op_kind k)
{
    oe->gd = gd;
    oe->op = op;
    int n = snprintf(oe->name, NAME_CAP, "%s%s", OP_PREFIX[k], op->name);
    if (n < 0 || n >= NAME_CAP)
        return -1;
    const char *doc = op->doc ? op->doc : "";
    if (k == OP_CALL)
        snprintf(oe->doc, DOC_CAP, OP_DOC[k], oe->name, doc, gd->class_name,
                 op->result_name, op->returns_list ? " list" : "");
    else
        snprintf(oe->doc, DOC_CAP, OP_DOC[k], oe->name, doc, gd->class_name,
                 op->name);
    oe->def.ml_name = oe->name;
    oe->def.ml_meth = OP_FN[k];
    oe->def.ml_flags = METH_VARARGS | METH_KEYWORDS;
    oe->def.ml_doc = oe->doc;
    return 0;
}

/* verify_notification's text signature, from the notification inputs:
 * the required ones positional, the others keyword-only (default None). */
static void verify_doc(char *out, size_t cap, const ct_gateway_desc *gd)
{
    char params[256] = "";
    int star = 0;
    for (size_t i = 0; i < gd->nnotify; i++) {
        const ct_param_desc *p = &gd->notify_params[i];
        size_t used = strlen(params);
        if (!p->required && !star) {
            snprintf(params + used, sizeof params - used, ", *");
            used = strlen(params);
            star = 1;
        }
        snprintf(params + used, sizeof params - used, ", %s%s", p->name,
                 p->required ? "" : "=None");
    }
    size_t used = (size_t)snprintf(
        out, cap,
        "verify_notification($self%s)\n--\n\n"
        "Verify a notification the gateway posted (SignatureError when the "
        "signature is missing or wrong) and return its verified content.",
        params);
    for (size_t i = 0; i < gd->nnotify && used < cap; i++)
        if (gd->notify_params[i].doc)
            used += (size_t)snprintf(out + used, cap - used, "\n%s: %s",
                                     gd->notify_params[i].name,
                                     gd->notify_params[i].doc);
}

static int build_gateway_tables(client_tables *t, const ct_gateway_desc *gd)
{
    t->gd = gd;
    snprintf(t->type_name, NAME_CAP, "%s.%s", PACKAGE, gd->class_name);
    verify_doc(t->verify_doc, DOC_CAP, gd);
    snprintf(t->ack_doc, DOC_CAP, "%s",
             gd->ack_signed
                 ? "notification_ack($self, /, path)\n--\n\n"
                   "The signed answer to a notification received on `path`: "
                   "(headers, body)."
                 : "notification_ack($self, /)\n--\n\n"
                   "The body the gateway expects in answer to a notification.");
    t->ops = PyMem_RawCalloc(gd->nops * N_OP_KINDS + 1, sizeof(op_entry));
    if (!t->ops)
        return -1;
    for (size_t i = 0; i < gd->nops; i++)
        for (int k = 0; k < N_OP_KINDS; k++)
            if (fill_op_entry(&t->ops[i * N_OP_KINDS + (size_t)k], gd,
                              &gd->ops[i], (op_kind)k) < 0)
                return -1;
    PyMethodDef m[N_CLIENT_METHODS + 1] = {
        {"verify_notification", CAST_METH(client_verify),
         METH_VARARGS | METH_KEYWORDS, t->verify_doc},
        {"notification_ack", CAST_METH(client_ack),
         METH_VARARGS | METH_KEYWORDS, t->ack_doc},
        {"close", CAST_METH(client_close), METH_NOARGS,
         "close($self, /)\n--\n\nRelease the client's connections and keys. "
         "Calls running in other threads finish first; later calls raise "
         "ConfigurationError (CT_ERR_CLOSED). Idempotent."},
        {"__enter__", CAST_METH(client_enter_ctx), METH_NOARGS, NULL},
        {"__exit__", CAST_METH(client_exit_ctx), METH_VARARGS, NULL},
        {"__reduce__", CAST_METH(refuse_pickle), METH_NOARGS,
         "Clients cannot be pickled."},
        {"__reduce_ex__", CAST_METH(refuse_pickle), METH_O,
         "Clients cannot be pickled."},
        {NULL, NULL, 0, NULL},
    };
    memcpy(t->methods, m, sizeof m);
    PyType_Slot sl[8] = {
        {Py_tp_new, client_new},
        {Py_tp_dealloc, client_dealloc},
        {Py_tp_repr, client_repr},
        {Py_tp_methods, t->methods},
        {Py_tp_getset, client_getset},
        {Py_tp_doc,
         "A gateway client holding one merchant's credentials and "
         "connections.\n\nOptions are keyword arguments; a missing or "
         "malformed option raises ConfigurationError. Safe to share between "
         "threads; a context manager."},
        {0, NULL},
    };
    memcpy(t->slots, sl, sizeof sl);
    t->spec.name = t->type_name;
    t->spec.basicsize = sizeof(ClientObject);
    t->spec.itemsize = 0;
    /* made immutable once the operation methods are in (client_types_add) */
    t->spec.flags = Py_TPFLAGS_DEFAULT;
    t->spec.slots = t->slots;
    return 0;
}

/* Fills the method tables and specs once. 0 or -1 (raised). */
static int build_tables(void)
{
    if (g_client)
        return 0;
    size_t n = ct_gateway_count();
    client_tables *t = PyMem_RawCalloc(n + 1, sizeof(client_tables));
    if (!t) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const ct_gateway_desc *gd = ct_gateway_at(i);
        if (!gd || !gd->class_name || build_gateway_tables(&t[i], gd) < 0) {
            /* the tables of earlier gateways stay allocated: a failed
             * import is not retried in a loop */
            PyErr_SetString(PyExc_SystemError,
                            "cardtoken: bad gateway description from the core");
            return -1;
        }
    }
    g_client = t;
    g_nclient = n;
    return 0;
}

/* A client type with its operation methods, then made immutable. */
static PyObject *client_type_new(PyObject *m, client_tables *t)
{
    PyObject *tp = PyType_FromModuleAndSpec(m, &t->spec, NULL);
    if (!tp)
        return NULL;
    for (size_t i = 0; i < t->gd->nops * N_OP_KINDS; i++) {
        PyObject *cap = PyCapsule_New(&t->ops[i], OP_CAPSULE, NULL);
        PyObject *fn =
            cap ? PyCFunction_NewEx(&t->ops[i].def, cap, NULL) : NULL;
        PyObject *meth = fn ? PyInstanceMethod_New(fn) : NULL;
        int r = meth ? PyObject_SetAttrString(tp, t->ops[i].name, meth) : -1;
        Py_XDECREF(meth);
        Py_XDECREF(fn);
        Py_XDECREF(cap);
        if (r < 0) {
            Py_DECREF(tp);
            return NULL;
        }
    }
    ((PyTypeObject *)tp)->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
    PyType_Modified((PyTypeObject *)tp);
    return tp;
}

/* Creates the client types (st->client_types, in ct_gateway_at() order)
 * and adds them to the module. 0 or -1 (raised). */
int client_types_add(PyObject *m, modstate *st)
{
    if (build_tables() < 0)
        return -1;
    st->client_types = PyTuple_New((Py_ssize_t)g_nclient);
    if (!st->client_types)
        return -1;
    for (size_t i = 0; i < g_nclient; i++) {
        PyObject *tp = client_type_new(m, &g_client[i]);
        if (!tp)
            return -1;
        PyTuple_SET_ITEM(st->client_types, (Py_ssize_t)i, tp);
        if (PyModule_AddObjectRef(m, g_client[i].gd->class_name, tp) < 0)
            return -1;
    }
    return 0;
}
