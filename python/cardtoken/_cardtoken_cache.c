/* _cardtoken_cache.c - cardtoken.configure_cache(): the settings of the
 * core's process-wide connection and key cache (ct_cache_configure). */
#include "_cardtoken.h"

/* -1 for None, else an int; -2 (with an exception set) for anything else. */
static long cache_int(modstate *st, PyObject *v, const char *name)
{
    long n;
    if (v == NULL || v == Py_None)
        return -1;
    if (PyBool_Check(v) || !PyLong_Check(v)) {
        raise_shim(st, CT_ERR_CONFIG, (ct_gateway)0, name,
                   "must be an int or None");
        return -2;
    }
    n = PyLong_AsLong(v);
    if (n == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        n = 1L << 30; /* out of range: the core names the field */
    }
    return n < 0 ? 1L << 30 : n;
}

static PyObject *configure_cache(PyObject *m, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"persistent", "max_connections", "idle_timeout",
                             NULL};
    modstate *st = (modstate *)PyModule_GetState(m);
    PyObject *p = Py_None, *mc = Py_None, *it = Py_None;
    int persistent = -1, on = 0;
    long max_conn, idle;
    size_t endpoints = 0, keys = 0;
    ct_error e;
    ct_err rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "|$OOO:configure_cache", kwlist,
                                     &p, &mc, &it))
        return NULL;
    if (p != Py_None) {
        if (!PyBool_Check(p)) {
            raise_shim(st, CT_ERR_CONFIG, (ct_gateway)0, "persistent",
                       "must be a bool or None");
            return NULL;
        }
        persistent = p == Py_True;
    }
    if ((max_conn = cache_int(st, mc, "max_connections")) == -2 ||
        (idle = cache_int(st, it, "idle_timeout")) == -2)
        return NULL;
    memset(&e, 0, sizeof(e));
    Py_BEGIN_ALLOW_THREADS
        rc = ct_cache_configure(persistent, max_conn, idle, &e);
    Py_END_ALLOW_THREADS
    if (rc != CT_OK) {
        raise_ct(st, rc, &e, (ct_gateway)0);
        return NULL;
    }
    ct_cache_info(&on, &max_conn, &idle, &endpoints, &keys);
    return Py_BuildValue("{s:O,s:l,s:l,s:n,s:n}", "persistent",
                         on ? Py_True : Py_False, "max_connections", max_conn,
                         "idle_timeout", idle, "endpoints",
                         (Py_ssize_t)endpoints, "keys", (Py_ssize_t)keys);
}

static PyMethodDef cache_functions[] = {
    {"configure_cache", CAST_METH(configure_cache),
     METH_VARARGS | METH_KEYWORDS,
     "configure_cache(*, persistent=None, max_connections=None, "
     "idle_timeout=None) -> dict\n--\n\n"
     "Sets the process-wide connection and key cache (None: unchanged; on "
     "from the import) and returns its settings with the number of cached "
     "endpoints and keys; persistent=False also frees what is cached."},
    {NULL, NULL, 0, NULL},
};

/* The cache is on by default, as PHP's cardtoken.persistent: a Django view
 * or a Lambda handler that builds a client per request reuses the previous
 * one's connection and parsed key. configure_cache(persistent=False) turns it
 * off for the process, the client option persistent=False for one client. */
int cache_functions_add(PyObject *m)
{
    ct_error e;
    memset(&e, 0, sizeof(e));
    if (ct_cache_configure(1, -1, -1, &e) != CT_OK) {
        PyErr_SetString(PyExc_RuntimeError, "cardtoken: cannot set the cache");
        return -1;
    }
    return PyModule_AddFunctions(m, cache_functions);
}
