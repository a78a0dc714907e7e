/*
 * _cardtoken_result.c - the immutable result records, one class per result
 * type the core describes.
 *
 * Fields flagged `sensitive` by the core are masked in repr()/str().
 */
#include "_cardtoken.h"

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

/* A core result (and the call's record) kept alive for the results made
 * from it: their fields are converted to Python objects only when read, and
 * Response only when .response is read. Freed (the core wipes it) with the
 * last result that still needs it. */
typedef struct lazy_src {
    Py_ssize_t refs;
    ct_result *res; /* owned */
    ct_record *rec; /* owned call record, or NULL */
    PyObject *resp; /* the Response once built (a new reference), or NULL */
} lazy_src;

static Py_ssize_t g_lazy_live; /* lazy_src alive (under the GIL; tests) */

static void src_release(lazy_src *src)
{
    if (src == NULL || --src->refs > 0)
        return;
    Py_CLEAR(src->resp);
    ct_result_free(src->res);
    ct_record_free(src->rec);
    PyMem_Free(src);
    g_lazy_live--;
}

typedef struct ResultObject {
    PyObject_HEAD PyObject
        *names;         /* tuple of interned str, the ct_field names */
    PyObject *values;   /* tuple: str, int or None; NULL slots not read yet */
    uint64_t sensitive; /* bit i: field i is card data (masked when printed) */
    uint64_t mapping;   /* bit i: field i is a read-only mapping (raw)      */
    PyObject *response; /* cardtoken.Response of the call, or NULL (None) */
    lazy_src *src;      /* while some value or the response is not built */
    const ct_field *f;  /* the record's fields, in src->res */
    Py_ssize_t pending; /* values not converted yet */
} ResultObject;

/* new: v made read-only all the way down: dicts as mappingproxy, lists as
 * tuples, everything else as it is. */
static PyObject *freeze(PyObject *v)
{
    if (PyDict_Check(v)) {
        PyObject *d = PyDict_New(), *k, *x, *proxy = NULL;
        Py_ssize_t pos = 0;
        if (d == NULL)
            return NULL;
        while (PyDict_Next(v, &pos, &k, &x)) {
            PyObject *f = freeze(x);
            if (f == NULL || PyDict_SetItem(d, k, f) < 0) {
                Py_XDECREF(f);
                Py_DECREF(d);
                return NULL;
            }
            Py_DECREF(f);
        }
        proxy = PyDictProxy_New(d);
        Py_DECREF(d);
        return proxy;
    }
    if (PyList_Check(v)) {
        Py_ssize_t n = PyList_GET_SIZE(v);
        PyObject *t = PyTuple_New(n);
        for (Py_ssize_t i = 0; t != NULL && i < n; i++) {
            PyObject *f = freeze(PyList_GET_ITEM(v, i));
            if (f == NULL) {
                Py_CLEAR(t);
                break;
            }
            PyTuple_SET_ITEM(t, i, f);
        }
        return t;
    }
    return Py_NewRef(v);
}

/* new: the read-only mapping of a CT_VAL_JSON field (the core masked its
 * card numbers and credentials already), nested mappings and lists frozen
 * too. */
static PyObject *json_field(modstate *st, const ct_field *f)
{
    PyObject *jtext = PyUnicode_DecodeUTF8(
        f->str ? f->str : "{}", (Py_ssize_t)(f->str ? f->len : 2), "replace");
    PyObject *obj = jtext ? PyObject_CallOneArg(st->json_loads, jtext) : NULL;
    PyObject *proxy = NULL;
    Py_XDECREF(jtext);
    if (obj && PyDict_Check(obj))
        proxy = freeze(obj);
    else if (obj)
        PyErr_SetString(PyExc_SystemError,
                        "cardtoken: a mapping field is not a JSON object");
    Py_XDECREF(obj);
    return proxy;
}

/* new: the Python value of field f (str, int, None or a mapping). */
static PyObject *field_value(modstate *st, const ct_field *f)
{
    switch (f->type) {
    case CT_VAL_STRING:
        return PyUnicode_DecodeUTF8(
            f->str ? f->str : "", (Py_ssize_t)(f->str ? f->len : 0), "replace");
    case CT_VAL_INT: return PyLong_FromLongLong(f->num);
    case CT_VAL_JSON: return json_field(st, f);
    case CT_VAL_NULL:
    default: return Py_NewRef(Py_None);
    }
}

/* The result no longer needs its source once every value and the response
 * are built. */
static void result_maybe_release(ResultObject *self)
{
    if (self->src && self->pending == 0 &&
        (self->src->rec == NULL || self->response != NULL)) {
        src_release(self->src);
        self->src = NULL;
        self->f = NULL;
    }
}

/* borrowed: value i, converted on first use; NULL raised. */
static PyObject *result_value(ResultObject *self, Py_ssize_t i)
{
    PyObject *v = PyTuple_GET_ITEM(self->values, i);
    if (v != NULL)
        return v;
    if ((v = field_value(state_of((PyObject *)self), &self->f[i])) == NULL)
        return NULL;
    if (PyTuple_GET_ITEM(self->values, i) != NULL) {
        /* json.loads (raw) runs Python code: another thread may have
         * converted the field meanwhile; keep the first */
        Py_DECREF(v);
        return PyTuple_GET_ITEM(self->values, i);
    }
    PyTuple_SET_ITEM(self->values, i, v);
    self->pending--;
    result_maybe_release(self);
    return v;
}

/* Converts every value not read yet (repr, ==, hash, _asdict). 0 or -1. */
static int result_fill(ResultObject *self)
{
    Py_ssize_t n = PyTuple_GET_SIZE(self->values);
    for (Py_ssize_t i = 0; self->pending > 0 && i < n; i++)
        if (result_value(self, i) == NULL)
            return -1;
    return 0;
}

/* new reference: the names of a record, one tuple shared by every result
 * of the type while the names are the same (they are, for a type). */
static PyObject *record_names(modstate *st, const char *tname,
                              const ct_field *f, size_t n)
{
    PyObject *t =
        st->result_names ? PyDict_GetItemString(st->result_names, tname) : NULL;
    if (t && PyTuple_GET_SIZE(t) == (Py_ssize_t)n) {
        size_t i;
        for (i = 0; i < n; i++) {
            const char *k = PyUnicode_AsUTF8(PyTuple_GET_ITEM(t, i));
            if (!k || strcmp(k, f[i].name ? f[i].name : "") != 0)
                break;
        }
        if (i == n)
            return Py_NewRef(t);
    }
    PyErr_Clear();
    if ((t = PyTuple_New((Py_ssize_t)n)) == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *name = PyUnicode_InternFromString(f[i].name ? f[i].name : "");
        if (!name) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, name);
    }
    if (st->result_names &&
        PyDict_SetItemString(st->result_names, tname, t) < 0)
        PyErr_Clear(); /* a cache only */
    return t;
}

/* new: a result over record f[0..n) of src (a new reference to src taken)
 * or, src NULL, with every value converted now. */
static PyObject *result_from_record(modstate *st, PyTypeObject *tp,
                                    const char *tname, const ct_field *f,
                                    size_t n, lazy_src *src)
{
    if (n > MAX_FIELDS) {
        PyErr_SetString(PyExc_SystemError,
                        "cardtoken: result record has too many fields");
        return NULL;
    }
    ResultObject *self = (ResultObject *)tp->tp_alloc(tp, 0);
    if (!self)
        return NULL;
    self->names = record_names(st, tname, f, n);
    self->values = self->names ? PyTuple_New((Py_ssize_t)n) : NULL;
    if (!self->values)
        goto fail;
    self->f = f;
    self->pending = (Py_ssize_t)n;
    for (size_t i = 0; i < n; i++) {
        if (f[i].type == CT_VAL_JSON)
            self->mapping |= (uint64_t)1 << i;
        if (f[i].sensitive)
            self->sensitive |= (uint64_t)1 << i;
    }
    if (src) {
        self->src = src;
        src->refs++;
        result_maybe_release(self);
    } else if (result_fill(self) < 0) {
        goto fail;
    } else {
        self->f = NULL;
    }
    return (PyObject *)self;
fail:
    Py_DECREF(self);
    return NULL;
}

/* new: the Python value of a core result: one record, or a list. */
static void result_put_response(PyObject *r, PyObject *resp)
{
    ResultObject *self = (ResultObject *)r;
    Py_XSETREF(self->response, Py_XNewRef(resp));
    result_maybe_release(self);
}

void result_set_response(PyObject *out, PyObject *resp)
{
    if (!resp || resp == Py_None)
        return;
    if (PyList_Check(out)) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(out); i++)
            result_put_response(PyList_GET_ITEM(out, i), resp);
        return;
    }
    result_put_response(out, resp);
}

static PyObject *results_of(modstate *st, const ct_result *res, lazy_src *src)
{
    const char *tname = ct_result_type(res);
    PyObject *tp = tname ? PyDict_GetItemString(st->result_types, tname) : NULL;
    if (!tp) {
        PyErr_Format(PyExc_SystemError, "cardtoken: unknown result type %s",
                     tname ? tname : "(null)");
        return NULL;
    }
    size_t count = ct_result_count(res);
    if (!ct_result_is_list(res)) {
        size_t nf = 0;
        const ct_field *f = count ? ct_result_record(res, 0, &nf) : NULL;
        if (!f) {
            PyErr_SetString(PyExc_SystemError,
                            "cardtoken: result without a record");
            return NULL;
        }
        return result_from_record(st, (PyTypeObject *)tp, tname, f, nf, src);
    }
    PyObject *list = PyList_New((Py_ssize_t)count);
    if (!list)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        size_t nf = 0;
        const ct_field *f = ct_result_record(res, i, &nf);
        PyObject *rec =
            f ? result_from_record(st, (PyTypeObject *)tp, tname, f, nf, src)
              : NULL;
        if (!rec) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_SystemError,
                                "cardtoken: missing result record");
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, rec);
    }
    return list;
}

PyObject *result_to_py(modstate *st, const ct_result *res)
{
    return results_of(st, res, NULL);
}

PyObject *result_to_py_lazy(modstate *st, ct_result *res, ct_record *rec,
                            PyObject *resp)
{
    lazy_src *src = PyMem_Malloc(sizeof(*src));
    if (!src) {
        ct_result_free(res);
        ct_record_free(rec);
        return PyErr_NoMemory();
    }
    src->refs = 1; /* this function's, dropped below */
    src->res = res;
    src->rec = rec;
    src->resp = Py_XNewRef(resp);
    g_lazy_live++;
    PyObject *out = results_of(st, res, src);
    if (out && resp)
        result_set_response(out, resp);
    src_release(src);
    return out;
}

PyObject *result_lazy_live(PyObject *m, PyObject *unused)
{
    (void)m;
    (void)unused;
    return PyLong_FromSsize_t(g_lazy_live);
}

static void result_dealloc(ResultObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    Py_CLEAR(self->names);
    Py_CLEAR(self->values);
    Py_CLEAR(self->response);
    src_release(self->src);
    self->src = NULL;
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *result_getattro(ResultObject *self, PyObject *name)
{
    if (self->names && PyUnicode_Check(name)) {
        Py_ssize_t n = PyTuple_GET_SIZE(self->names);
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *k = PyTuple_GET_ITEM(self->names, i);
            if (k == name || PyUnicode_Compare(k, name) == 0) {
                PyObject *v = result_value(self, i);
                return v ? Py_NewRef(v) : NULL;
            }
        }
    }
    return PyObject_GenericGetAttr((PyObject *)self, name);
}

static int result_setattro(ResultObject *self, PyObject *name, PyObject *value)
{
    (void)value;
    PyErr_Format(PyExc_AttributeError,
                 "'%.100s' object is immutable (cannot set '%U')",
                 Py_TYPE(self)->tp_name, name);
    return -1;
}

/* new: the printable form of a sensitive value, by the core's one rule
 * (ct_mask): "************1234" for a card number, "***" otherwise. */
static PyObject *masked_repr(PyObject *v)
{
    if (v == Py_None)
        return PyObject_Repr(v);
    if (PyUnicode_Check(v)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(v, &n);
        char buf[64];
        if (s == NULL)
            return NULL;
        size_t m = ct_mask(s, (size_t)n, buf, sizeof(buf));
        PyObject *masked = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)m, "replace");
        PyObject *r = masked ? PyObject_Repr(masked) : NULL;
        Py_XDECREF(masked);
        return r;
    }
    return PyUnicode_FromString("***");
}

/* new: the text s[0..n) with the core's rule for text applied
 * (ct_mask_text: card-number-like digit sequences masked, even in a field
 * the gateway documents as masked). */
static PyObject *masked_text(const char *s, Py_ssize_t n)
{
    char *buf = PyMem_Malloc((size_t)n + 1);
    if (buf == NULL)
        return PyErr_NoMemory();
    size_t m = ct_mask_text(s, (size_t)n, buf, (size_t)n + 1);
    PyObject *masked = PyUnicode_DecodeUTF8(buf, (Py_ssize_t)m, "replace");
    wipe(buf, (size_t)n + 1);
    PyMem_Free(buf);
    return masked;
}

/* new: the printable form of any other value: strings by masked_text. */
static PyObject *text_repr(PyObject *v)
{
    if (!PyUnicode_Check(v))
        return PyObject_Repr(v);
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(v, &n);
    PyObject *masked = s ? masked_text(s, n) : NULL;
    PyObject *r = masked ? PyObject_Repr(masked) : NULL;
    Py_XDECREF(masked);
    return r;
}

/* new: the printable form of a mapping field (raw): its repr, with the
 * text rule applied once more over the whole (the core masked it). */
static PyObject *mapping_repr(PyObject *v)
{
    PyObject *r = PyObject_Repr(v);
    if (r == NULL)
        return NULL;
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(r, &n);
    PyObject *out = s ? masked_text(s, n) : NULL;
    Py_DECREF(r);
    return out;
}

static PyObject *result_repr(ResultObject *self)
{
    if (result_fill(self) < 0)
        return NULL;
    PyObject *parts = PyList_New(0), *sep = NULL, *joined = NULL, *r = NULL;
    if (!parts)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyTuple_GET_ITEM(self->values, i);
        PyObject *vr = (self->sensitive >> i) & 1 ? masked_repr(v)
                       : (self->mapping >> i) & 1 ? mapping_repr(v)
                                                  : text_repr(v);
        PyObject *item = vr ? PyUnicode_FromFormat(
                                  "%U=%U", PyTuple_GET_ITEM(self->names, i), vr)
                            : NULL;
        Py_XDECREF(vr);
        if (!item || PyList_Append(parts, item) < 0) {
            Py_XDECREF(item);
            goto done;
        }
        Py_DECREF(item);
    }
    sep = PyUnicode_FromString(", ");
    joined = sep ? PyUnicode_Join(sep, parts) : NULL;
    if (joined) {
        const char *tn = Py_TYPE(self)->tp_name;
        const char *dot = strrchr(tn, '.');
        r = PyUnicode_FromFormat("%s(%U)", dot ? dot + 1 : tn, joined);
    }
done:
    Py_XDECREF(joined);
    Py_XDECREF(sep);
    Py_DECREF(parts);
    return r;
}

static PyObject *result_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b))
        Py_RETURN_NOTIMPLEMENTED;
    ResultObject *x = (ResultObject *)a, *y = (ResultObject *)b;
    if (result_fill(x) < 0 || result_fill(y) < 0)
        return NULL;
    int eq = PyObject_RichCompareBool(x->names, y->names, Py_EQ);
    if (eq == 1)
        eq = PyObject_RichCompareBool(x->values, y->values, Py_EQ);
    if (eq < 0)
        return NULL;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

/* The hash of the values; a mapping field (raw, unhashable) is left out:
 * equal results still hash equal. */
static Py_hash_t result_hash(ResultObject *self)
{
    if (result_fill(self) < 0)
        return -1;
    if (self->mapping == 0)
        return PyObject_Hash(self->values);
    Py_ssize_t n = PyTuple_GET_SIZE(self->values);
    PyObject *kept = PyList_New(0), *t = NULL;
    if (kept == NULL)
        return -1;
    for (Py_ssize_t i = 0; i < n; i++)
        if (!((self->mapping >> i) & 1) &&
            PyList_Append(kept, PyTuple_GET_ITEM(self->values, i)) < 0)
            goto done;
    t = PyList_AsTuple(kept);
done:
    Py_DECREF(kept);
    Py_hash_t h = t ? PyObject_Hash(t) : -1;
    Py_XDECREF(t);
    return h;
}

static PyObject *result_get_fields(ResultObject *self, void *c)
{
    (void)c;
    return Py_NewRef(self->names);
}

static PyObject *result_asdict(ResultObject *self, PyObject *unused)
{
    (void)unused;
    if (result_fill(self) < 0)
        return NULL;
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyDict_SetItem(d, PyTuple_GET_ITEM(self->names, i),
                           PyTuple_GET_ITEM(self->values, i)) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PyObject *result_dir(ResultObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *base = PyObject_Dir((PyObject *)Py_TYPE(self));
    if (!base)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(self->names);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_Append(base, PyTuple_GET_ITEM(self->names, i)) < 0) {
            Py_DECREF(base);
            return NULL;
        }
    }
    return base;
}

static PyMethodDef result_methods[] = {
    {"_asdict", (PyCFunction)result_asdict, METH_NOARGS,
     "_asdict($self, /)\n--\n\nA new dict of the fields (unmasked: it holds "
     "card data)."},
    {"__dir__", (PyCFunction)result_dir, METH_NOARGS, NULL},
    {"__reduce__", (PyCFunction)refuse_pickle, METH_NOARGS,
     "Results cannot be pickled."},
    {"__reduce_ex__", (PyCFunction)refuse_pickle, METH_O,
     "Results cannot be pickled."},
    {NULL, NULL, 0, NULL},
};

/* Built on first read from the call's record (kept until then). */
static PyObject *result_get_response(ResultObject *self, void *c)
{
    (void)c;
    if (!self->response && self->src && self->src->rec) {
        lazy_src *src = self->src;
        if (!src->resp &&
            !(src->resp = obs_response(state_of((PyObject *)self), src->rec))) {
            PyErr_Clear(); /* metadata only */
            src->resp = Py_NewRef(Py_None);
        }
        self->response = Py_NewRef(src->resp);
        result_maybe_release(self);
    }
    return Py_NewRef(self->response ? self->response : Py_None);
}

static PyGetSetDef result_getset[] = {
    {"_fields", (getter)result_get_fields, NULL, "The field names, in order.",
     NULL},
    {"response", (getter)result_get_response, NULL,
     "The HTTP exchange (cardtoken.Response) of the call that returned it, "
     "or None (parsed by parse_<op>, or a notification).",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot result_slots[] = {
    {Py_tp_dealloc, result_dealloc},
    {Py_tp_repr, result_repr},
    {Py_tp_str, result_repr},
    {Py_tp_getattro, result_getattro},
    {Py_tp_setattro, result_setattro},
    {Py_tp_richcompare, result_richcompare},
    {Py_tp_hash, result_hash},
    {Py_tp_methods, result_methods},
    {Py_tp_getset, result_getset},
    {Py_tp_doc,
     "An immutable gateway result. Fields are attributes named as in the API; "
     "card data is masked in repr() and str()."},
    {0, NULL},
};

/* ------------------------------------------------------------------ */
/* Result types, one per result_name of the described operations       */
/* ------------------------------------------------------------------ */

typedef struct result_spec {
    char name[NAME_CAP]; /* cardtoken.<result_name> */
    PyType_Spec spec;
} result_spec;

/* Built once, for the life of the process; ends with an empty name. */
static result_spec *g_result_specs;

/* Fills the specs (identical for every module instance). 0 or -1. */
static int result_specs_build(void)
{
    if (g_result_specs)
        return 0;
    size_t cap = 0, nr = 0;
    for (size_t g = 0; g < ct_gateway_count(); g++)
        cap += ct_gateway_at(g)->nops;
    result_spec *rs = PyMem_RawCalloc(cap + 1, sizeof(result_spec));
    if (!rs) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t g = 0; g < ct_gateway_count(); g++) {
        const ct_gateway_desc *gd = ct_gateway_at(g);
        for (size_t o = 0; o < gd->nops; o++) {
            char full[NAME_CAP];
            int n = snprintf(full, sizeof full, "%s.%s", PACKAGE,
                             gd->ops[o].result_name);
            if (n < 0 || n >= NAME_CAP) {
                PyMem_RawFree(rs);
                PyErr_SetString(PyExc_SystemError,
                                "cardtoken: bad result name from the core");
                return -1;
            }
            int dup = 0;
            for (size_t j = 0; j < nr; j++)
                dup |= strcmp(rs[j].name, full) == 0;
            if (dup)
                continue;
            memcpy(rs[nr].name, full, sizeof full);
            rs[nr].spec.name = rs[nr].name;
            rs[nr].spec.basicsize = sizeof(ResultObject);
            rs[nr].spec.itemsize = 0;
            rs[nr].spec.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE |
                                Py_TPFLAGS_DISALLOW_INSTANTIATION;
            rs[nr].spec.slots = result_slots;
            nr++;
        }
    }
    g_result_specs = rs;
    return 0;
}

static PyMethodDef result_functions[] = {
    {"_lazy_live", result_lazy_live, METH_NOARGS,
     "_lazy_live() -> the number of core results still held by results "
     "not fully read (tests)."},
    {NULL, NULL, 0, NULL},
};

/* Creates the result types, adds them to the module and to
 * st->result_types (by name). 0 or -1 (raised). */
int result_types_add(PyObject *m, modstate *st)
{
    if (result_specs_build() < 0 ||
        PyModule_AddFunctions(m, result_functions) < 0)
        return -1;
    st->result_types = PyDict_New();
    st->result_names = PyDict_New();
    if (!st->result_types || !st->result_names)
        return -1;
    for (size_t i = 0; g_result_specs[i].name[0]; i++) {
        PyObject *tp =
            PyType_FromModuleAndSpec(m, &g_result_specs[i].spec, NULL);
        if (!tp)
            return -1;
        const char *shortname = strrchr(g_result_specs[i].name, '.') + 1;
        int r = PyDict_SetItemString(st->result_types, shortname, tp);
        r = r < 0 ? r : PyModule_AddObjectRef(m, shortname, tp);
        Py_DECREF(tp);
        if (r < 0)
            return -1;
    }
    return 0;
}
