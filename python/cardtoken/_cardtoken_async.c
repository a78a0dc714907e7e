/*
 * _cardtoken_async.c - the C side of the asyncio clients: _Engine, one
 * ct_multi (core/src/multi.c) per async client, driven by the event loop.
 *
 * _Engine(client, watch, timer) borrows a sync client's core handle (entered
 * with client_enter, so close() never frees it under the engine) and makes a
 * ct_multi whose socket and timer requests go to the Python callables
 * watch(fd, events) and timer(delay_seconds_or_None); cardtoken/_aio.py maps
 * them to loop.add_reader/add_writer/call_later, and the loop's callbacks
 * come back as action(fd, events) (fd -1: the timer). Everything runs on the
 * loop's thread, holding the GIL: signing happens in start(), parsing when
 * a transfer finishes, both short.
 *
 * start(op, kwargs, future) validates the keyword arguments exactly as the
 * sync method does (apply_kwargs: the same typed errors naming the field,
 * nothing sent), starts the call and returns a capsule for cancel(); when
 * the call finishes, the future gets the result, or the exception the sync
 * call would have raised (raise_ct: the same classes, flags and masking).
 * cancel(capsule) stops a call still in flight and says whether its request
 * may have reached the gateway. No operation or gateway is named here: the
 * operation is looked up in the client's description (ct_op_find).
 */
#include "_cardtoken.h"

#include <unistd.h>

#define XFER_CAPSULE "cardtoken._transfer"

typedef struct xfer {
    ct_transfer *t; /* NULL once finished, cancelled or dropped */
    PyObject *future;
    int wanted;     /* obs_wanted() when it started */
    ct_record *rec; /* what the core reported of it (_cardtoken_observe.c) */
} xfer;

typedef struct EngineObject {
    PyObject_HEAD ClientObject *client; /* entered (client_enter) while open */
    ct_client *c;
    ct_multi *m;
    pid_t pid;
    PyObject *watch;
    PyObject *timer;
    PyObject *pending; /* set of the capsules of calls in flight */
    int busy;          /* inside the core: callbacks only, no re-entry */
} EngineObject;

static void xfer_destroy(PyObject *cap)
{
    xfer *x = PyCapsule_GetPointer(cap, XFER_CAPSULE);
    if (x) {
        Py_CLEAR(x->future);
        ct_record_free(x->rec);
        PyMem_Free(x);
    }
}

/* ---- callbacks from the core ---------------------------------------- */

static void engine_on_watch(void *userp, int fd, int events)
{
    EngineObject *self = userp;
    PyObject *r = self->watch
                      ? PyObject_CallFunction(self->watch, "ii", fd, events)
                      : NULL;
    if (!r && self->watch)
        PyErr_WriteUnraisable(self->watch);
    Py_XDECREF(r);
}

static void engine_on_timer(void *userp, long ms)
{
    EngineObject *self = userp;
    PyObject *r = NULL;
    if (!self->timer)
        return;
    if (ms < 0)
        r = PyObject_CallOneArg(self->timer, Py_None);
    else
        r = PyObject_CallFunction(self->timer, "d", (double)ms / 1000.0);
    if (!r)
        PyErr_WriteUnraisable(self->timer);
    Py_XDECREF(r);
}

/* ---- lifetime -------------------------------------------------------- */

/* Forgets every call in flight (their futures are left as they are). */
static void engine_drop_pending(EngineObject *self)
{
    if (!self->pending)
        return;
    PyObject *it = PyObject_GetIter(self->pending), *cap;
    while (it && (cap = PyIter_Next(it)) != NULL) {
        xfer *x = PyCapsule_GetPointer(cap, XFER_CAPSULE);
        if (x && x->t) {
            x->t = NULL;    /* freed with the multi */
            Py_DECREF(cap); /* the tag's reference (the set keeps one) */
        }
        Py_DECREF(cap);
    }
    Py_XDECREF(it);
    PyErr_Clear();
    PySet_Clear(self->pending);
}

static void engine_free_multi(EngineObject *self)
{
    engine_drop_pending(self);
    ct_multi *m = self->m;
    self->m = NULL;
    self->busy++;
    ct_multi_free(m); /* in a forked child: abandoned, nothing sent */
    self->busy--;
}

static int engine_make_multi(EngineObject *self, modstate *st)
{
    ct_error e;
    ct_err rc = ct_multi_new(self->c, engine_on_watch, engine_on_timer, self,
                             &self->m, &e);
    if (rc != CT_OK) {
        raise_ct(st, rc, &e, self->client->gw);
        return -1;
    }
    self->pid = getpid();
    return 0;
}

static PyObject *engine_new(PyTypeObject *type, PyObject *args,
                            PyObject *kwargs)
{
    static char *kwlist[] = {"client", "watch", "timer", NULL};
    modstate *st = (modstate *)PyType_GetModuleState(type);
    PyObject *client, *watch, *timer;
    if (!st || !PyArg_ParseTupleAndKeywords(args, kwargs, "OOO", kwlist,
                                            &client, &watch, &timer))
        return NULL;
    int ok = 0;
    for (Py_ssize_t i = 0;
         st->client_types && i < PyTuple_GET_SIZE(st->client_types); i++)
        if ((PyObject *)Py_TYPE(client) ==
            PyTuple_GET_ITEM(st->client_types, i))
            ok = 1;
    if (!ok || !PyCallable_Check(watch) || !PyCallable_Check(timer)) {
        PyErr_SetString(PyExc_TypeError,
                        "_Engine(client, watch, timer): a cardtoken client and "
                        "two callables");
        return NULL;
    }
    EngineObject *self = (EngineObject *)type->tp_alloc(type, 0);
    if (!self)
        return NULL;
    self->pending = PySet_New(NULL);
    if (!self->pending) {
        Py_DECREF(self);
        return NULL;
    }
    ClientObject *co = (ClientObject *)client;
    self->c = client_enter(st, co); /* CT_ERR_CLOSED raised when closed */
    if (!self->c) {
        Py_DECREF(self);
        return NULL;
    }
    self->client = co;
    self->watch = Py_NewRef(watch);
    self->timer = Py_NewRef(timer);
    if (engine_make_multi(self, st) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

/* Frees the multi and leaves the client (idempotent). */
static void engine_shut(EngineObject *self)
{
    if (self->m)
        engine_free_multi(self);
    Py_CLEAR(self->watch);
    Py_CLEAR(self->timer);
    if (self->client) {
        ClientObject *co = self->client;
        self->client = NULL;
        self->c = NULL;
        client_leave(co); /* drops the reference client_enter took */
    }
}

static int engine_traverse(EngineObject *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(self->client);
    Py_VISIT(self->watch);
    Py_VISIT(self->timer);
    Py_VISIT(self->pending);
    return 0;
}

static int engine_clear(EngineObject *self)
{
    Py_CLEAR(self->watch); /* callbacks first: the multi is freed quietly */
    Py_CLEAR(self->timer);
    engine_shut(self);
    Py_CLEAR(self->pending);
    return 0;
}

static void engine_dealloc(EngineObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    engine_clear(self);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

/* ---- calls ----------------------------------------------------------- */

/* Hands every finished call's outcome to its future. */
static void engine_drain(EngineObject *self, modstate *st)
{
    ct_transfer *t;
    while (self->m && (t = ct_multi_done(self->m)) != NULL) {
        PyObject *cap = ct_transfer_tag(t);
        xfer *x = PyCapsule_GetPointer(cap, XFER_CAPSULE);
        ct_result *res = NULL;
        ct_error e;
        ct_err rc = ct_transfer_finish(t, &res, &e);
        PyObject *out = NULL, *exc_type = NULL, *exc = NULL, *tb = NULL;
        PyObject *resp = x ? obs_response(st, x->rec) : NULL;
        if (x && !resp)
            PyErr_Clear(); /* metadata only: the call's outcome comes first */
        if (rc != CT_OK || !res) {
            raise_ct(st, rc, &e, self->client->gw);
            obs_attach_to_error(resp);
        } else {
            out = result_to_py(st, res);
            if (out)
                result_set_response(out, resp);
        }
        if (x && x->wanted > 0)
            obs_emit(st, self->client->on_call, x->rec, resp);
        Py_XDECREF(resp);
        ct_result_free(res);
        if (!out) {
            PyErr_Fetch(&exc_type, &exc, &tb);
            PyErr_NormalizeException(&exc_type, &exc, &tb);
            if (exc && tb)
                PyException_SetTraceback(exc, tb);
        }
        if (x) {
            x->t = NULL;
            PyObject *done = PyObject_CallMethod(x->future, "done", NULL);
            if (done && !PyObject_IsTrue(done)) {
                PyObject *r =
                    out ? PyObject_CallMethod(x->future, "set_result", "O", out)
                        : PyObject_CallMethod(x->future, "set_exception", "O",
                                              exc ? exc : Py_None);
                if (!r)
                    PyErr_WriteUnraisable(x->future);
                Py_XDECREF(r);
            } else if (!done) {
                PyErr_WriteUnraisable(x->future);
            }
            Py_XDECREF(done);
        }
        Py_XDECREF(out);
        Py_XDECREF(exc_type);
        Py_XDECREF(exc);
        Py_XDECREF(tb);
        if (PySet_Discard(self->pending, cap) < 0)
            PyErr_WriteUnraisable(cap);
        Py_DECREF(cap); /* the tag's reference */
    }
}

/* An open engine of this process; NULL (raised) when closed or in use. */
static int engine_ready(EngineObject *self, modstate *st)
{
    if (!self->m || !self->client || self->client->closed) {
        raise_shim(st, CT_ERR_CLOSED, self->client ? self->client->gw : 0, NULL,
                   NULL);
        return -1;
    }
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError,
                        "cardtoken: an async client was re-entered from one of "
                        "its own event-loop callbacks");
        return -1;
    }
    if (self->pid != getpid()) {
        /* A forked child: the parent's connections are abandoned unused
         * (ct_multi_free), this process gets its own multi. */
        engine_free_multi(self);
        return engine_make_multi(self, st);
    }
    return 0;
}

/* start(op, kwargs, future) -> capsule */
static PyObject *engine_start(EngineObject *self, PyObject *args)
{
    modstate *st = state_of((PyObject *)self);
    const char *name;
    PyObject *kwargs, *future;
    if (!PyArg_ParseTuple(args, "sOO", &name, &kwargs, &future))
        return NULL;
    if (kwargs != Py_None && !PyDict_Check(kwargs)) {
        PyErr_SetString(PyExc_TypeError, "start(): kwargs must be a dict");
        return NULL;
    }
    if (engine_ready(self, st) < 0)
        return NULL;
    ct_gateway gw = self->client->gw;
    const ct_op_desc *op = ct_op_find(self->client->gd, name);
    if (!op) {
        PyErr_Format(PyExc_AttributeError, "%s has no operation %s",
                     self->client->gd->class_name, name);
        return NULL;
    }
    char fn[NAME_CAP + 4];
    snprintf(fn, sizeof fn, "%s()", op->name);
    ct_args *a = ct_args_new();
    if (!a)
        return PyErr_NoMemory();
    if (apply_kwargs(st, gw, fn, kwargs == Py_None ? NULL : kwargs, op->args,
                     op->nargs, args_set, a, CT_ERR_VALIDATION) < 0) {
        ct_args_free(a);
        return NULL;
    }
    int wanted = obs_wanted(st, self->client->on_call, gw);
    if (wanted < 0) {
        ct_args_free(a);
        return NULL;
    }
    xfer *x = PyMem_Calloc(1, sizeof(*x));
    PyObject *cap = x ? PyCapsule_New(x, XFER_CAPSULE, xfer_destroy) : NULL;
    if (!cap) {
        PyMem_Free(x);
        ct_args_free(a);
        return PyErr_NoMemory();
    }
    x->wanted = wanted;
    if (!(x->rec = ct_record_new())) {
        ct_args_free(a);
        Py_DECREF(cap);
        return PyErr_NoMemory();
    }
    x->future = Py_NewRef(future);
    if (PySet_Add(self->pending, cap) < 0) {
        ct_args_free(a);
        Py_DECREF(cap);
        return NULL;
    }
    ct_error e;
    ct_err rc;
    self->busy++;
    rc = ct_multi_start_observed(self->m, op, a, cap, ct_record_observe, x->rec,
                                 wanted > 1 ? CT_OBSERVE_BODIES : 0, &x->t, &e);
    self->busy--;
    ct_args_free(a);
    if (rc != CT_OK) {
        PySet_Discard(self->pending, cap);
        Py_DECREF(cap);
        raise_ct(st, rc, &e, gw);
        return NULL;
    }
    Py_INCREF(cap);         /* the tag's reference, dropped when it finishes */
    engine_drain(self, st); /* a call that could not even start */
    return cap;
}

/* action(fd, events): fd had events, or (fd -1) the timer fired. */
static PyObject *engine_action(EngineObject *self, PyObject *args)
{
    int fd, events;
    if (!PyArg_ParseTuple(args, "ii", &fd, &events))
        return NULL;
    if (!self->m || self->busy || self->pid != getpid())
        Py_RETURN_NONE; /* closed, or a stale callback */
    self->busy++;
    ct_multi_action(self->m, fd, events);
    self->busy--;
    engine_drain(self, state_of((PyObject *)self));
    Py_RETURN_NONE;
}

/* cancel(capsule) -> True when the request may have reached the gateway;
 * None when the call had already finished. */
static PyObject *engine_cancel(EngineObject *self, PyObject *cap)
{
    xfer *x = PyCapsule_GetPointer(cap, XFER_CAPSULE);
    if (!x)
        return NULL;
    if (!x->t)
        Py_RETURN_NONE;
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError,
                        "cardtoken: a call was cancelled from one of its "
                        "client's own event-loop callbacks");
        return NULL;
    }
    ct_transfer *t = x->t;
    x->t = NULL;
    self->busy++;
    int sent = ct_transfer_cancel(t);
    self->busy--;
    if (PySet_Discard(self->pending, cap) < 0)
        return NULL;
    Py_DECREF(cap); /* the tag's reference */
    return PyBool_FromLong(sent);
}

static PyObject *engine_close(EngineObject *self, PyObject *unused)
{
    (void)unused;
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError,
                        "cardtoken: an async client was closed from one of its "
                        "own event-loop callbacks");
        return NULL;
    }
    engine_shut(self);
    Py_RETURN_NONE;
}

static PyObject *engine_get_inflight(EngineObject *self, void *c)
{
    (void)c;
    return PyLong_FromSize_t(ct_multi_inflight(self->m));
}

static PyObject *engine_get_handles(EngineObject *self, void *c)
{
    (void)c;
    return PyLong_FromSize_t(ct_multi_handles(self->m));
}

static PyMethodDef engine_methods[] = {
    {"start", CAST_METH(engine_start), METH_VARARGS,
     "start(op, kwargs, future) -> a handle for cancel()."},
    {"action", CAST_METH(engine_action), METH_VARARGS,
     "action(fd, events): a watched socket is ready (fd -1: the timer)."},
    {"cancel", CAST_METH(engine_cancel), METH_O,
     "cancel(handle) -> whether the request may have reached the gateway "
     "(None: already finished)."},
    {"close", CAST_METH(engine_close), METH_NOARGS,
     "Stops every call in flight and closes the connections."},
    {"__reduce__", CAST_METH(refuse_pickle), METH_NOARGS, NULL},
    {"__reduce_ex__", CAST_METH(refuse_pickle), METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef engine_getset[] = {
    {"inflight", (getter)engine_get_inflight, NULL,
     "Calls started and not finished or cancelled.", NULL},
    {"handles", (getter)engine_get_handles, NULL,
     "libcurl easy handles alive (busy and idle).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot engine_slots[] = {
    {Py_tp_new, engine_new},
    {Py_tp_dealloc, engine_dealloc},
    {Py_tp_traverse, engine_traverse},
    {Py_tp_clear, engine_clear},
    {Py_tp_methods, engine_methods},
    {Py_tp_getset, engine_getset},
    {Py_tp_doc, "The event-loop engine of an async client (cardtoken._aio)."},
    {0, NULL},
};

static PyType_Spec engine_spec = {
    .name = MODULE_NAME "._Engine",
    .basicsize = sizeof(EngineObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = engine_slots,
};

/* _operations(client_type) -> ((name, doc), ...): the operations the async
 * class makes coroutines of, from the core's description. */
static PyObject *async_operations(PyObject *m, PyObject *type)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    for (Py_ssize_t i = 0;
         st->client_types && i < PyTuple_GET_SIZE(st->client_types); i++) {
        if (PyTuple_GET_ITEM(st->client_types, i) != type)
            continue;
        const ct_gateway_desc *gd = ct_gateway_at((size_t)i);
        PyObject *out = PyTuple_New((Py_ssize_t)gd->nops);
        for (size_t k = 0; out && k < gd->nops; k++) {
            PyObject *item = Py_BuildValue(
                "(ss)", gd->ops[k].name, gd->ops[k].doc ? gd->ops[k].doc : "");
            if (!item) {
                Py_CLEAR(out);
                break;
            }
            PyTuple_SET_ITEM(out, (Py_ssize_t)k, item);
        }
        return out;
    }
    PyErr_SetString(PyExc_TypeError, "_operations(): not a client class");
    return NULL;
}

static PyMethodDef async_functions[] = {
    {"_operations", async_operations, METH_O,
     "_operations(client_type) -> ((name, doc), ...)"},
    {NULL, NULL, 0, NULL},
};

int async_types_add(PyObject *m, modstate *st)
{
    (void)st;
    PyObject *tp = PyType_FromModuleAndSpec(m, &engine_spec, NULL);
    if (!tp)
        return -1;
    int r = PyModule_AddObjectRef(m, "_Engine", tp);
    Py_DECREF(tp);
    if (r < 0)
        return -1;
    return PyModule_AddFunctions(m, async_functions);
}
