/*
 * _cardtoken_module.c - the Python face of the cardtoken C core.
 *
 * A thin shim over core/include/cardtoken.h: it turns Python keyword
 * arguments into ct_config / ct_args text values, core handles into Python
 * objects and ct_error codes into exceptions. It holds no gateway logic and
 * names no gateway, operation, argument or field: the client classes, their
 * methods (<op>, build_<op>, parse_<op>, verify_notification,
 * notification_ack) and the result classes are made at module init from
 * the core's description (ct_gateway_count() / ct_gateway_at(): options,
 * operations, arguments, notification inputs), value types from its
 * ct_param_desc, result fields from ct_result_record().
 *
 * Structure: multi-phase init (PyModuleDef_Init + Py_mod_exec), all types
 * are heap types made with PyType_FromModuleAndSpec, everything the module
 * needs lives in its module state. The exception classes are defined in
 * cardtoken/_errors.py; raise_ct_ex() is the one place that maps a core
 * error to one of them (by ct_err_category(); CT_ERR_NOMEM to a
 * MemoryError). An unknown keyword is the core's error for an unknown name
 * (CT_ERR_CONFIG / CT_ERR_VALIDATION naming it), raised as a subclass that
 * is also a TypeError.
 *
 * Threads: the GIL is released around every core call that does crypto or
 * network I/O. A client counts its calls in flight (under the GIL); close()
 * marks it closed and the core handle is freed when the last call returns,
 * so ct_client_free() never races with a call. No Python object is touched
 * without the GIL: everything a core call reads is either a core handle
 * owned by this call, a copy, or a buffer pinned for the call's duration.
 *
 * Card data: values are never echoed in an exception message; TypeErrors
 * name the argument and the wrong type only. Result fields flagged
 * `sensitive` by the core are masked in repr()/str(); a Request's repr()
 * shows ct_request_body_redacted(), never the body.
 */
#include "_cardtoken.h"

/* ------------------------------------------------------------------ */
/* Module                                                              */
/* ------------------------------------------------------------------ */

static int module_exec(PyObject *m)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    ct_err rc = ct_global_init();
    if (rc != CT_OK) {
        PyErr_Format(PyExc_ImportError,
                     "cardtoken: ct_global_init() failed: %s (%s)",
                     ct_err_name(rc), ct_err_str(rc));
        return -1;
    }

    /* json, for notification fields in and verified content out */
    PyObject *json = PyImport_ImportModule("json");
    if (!json)
        return -1;
    st->json_dumps = PyObject_GetAttrString(json, "dumps");
    st->json_loads = PyObject_GetAttrString(json, "loads");
    Py_DECREF(json);
    if (!st->json_dumps || !st->json_loads)
        return -1;
    st->dumps_kwargs = Py_BuildValue("{s:O,s:(ss)}", "ensure_ascii", Py_False,
                                     "separators", ",", ":");
    if (!st->dumps_kwargs)
        return -1;

    if (errors_load(st) < 0 || obs_load(st) < 0 ||
        result_types_add(m, st) < 0 || client_types_add(m, st) < 0 ||
        notification_type_add(m, st) < 0 || async_types_add(m, st) < 0 ||
        cache_functions_add(m) < 0 || doctor_functions_add(m) < 0)
        return -1;
    st->request_type = PyType_FromModuleAndSpec(m, &request_spec, NULL);
    if (!st->request_type ||
        PyModule_AddObjectRef(m, "Request", st->request_type) < 0)
        return -1;

#define CT_X_CONST(name, value, cat, retry, unknown, msg)                      \
    if (PyModule_AddIntConstant(m, #name, value) < 0)                          \
        return -1;
    /* constants: the error table */
    CT_ERROR_TABLE(CT_X_CONST)
#undef CT_X_CONST

    if (PyModule_AddStringConstant(m, "__version__", ct_version()) < 0 ||
        PyModule_AddStringConstant(m, "CURL_VERSION", ct_curl_version()) < 0 ||
        PyModule_AddStringConstant(m, "OPENSSL_VERSION", ct_openssl_version()) <
            0)
        return -1;
    return 0;
}

static int module_traverse(PyObject *m, visitproc visit, void *arg)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    if (!st)
        return 0;
    Py_VISIT(st->client_types);
    Py_VISIT(st->request_type);
    Py_VISIT(st->notification_type);
    Py_VISIT(st->result_types);
    Py_VISIT(st->result_names);
    for (int c = 0; c < N_CATEGORIES; c++) {
        Py_VISIT(st->exc_by_cat[c]);
        Py_VISIT(st->exc_unknown_name[c]);
        Py_VISIT(st->exc_wrong_type[c]);
    }
    Py_VISIT(st->exc_nomem);
    Py_VISIT(st->json_dumps);
    Py_VISIT(st->json_loads);
    Py_VISIT(st->obs_emit);
    Py_VISIT(st->obs_level);
    Py_VISIT(st->response_type);
    Py_VISIT(st->dumps_kwargs);
    return 0;
}

static int module_clear(PyObject *m)
{
    modstate *st = (modstate *)PyModule_GetState(m);
    if (!st)
        return 0;
    Py_CLEAR(st->client_types);
    Py_CLEAR(st->request_type);
    Py_CLEAR(st->notification_type);
    Py_CLEAR(st->result_types);
    Py_CLEAR(st->result_names);
    for (int c = 0; c < N_CATEGORIES; c++) {
        Py_CLEAR(st->exc_by_cat[c]);
        Py_CLEAR(st->exc_unknown_name[c]);
        Py_CLEAR(st->exc_wrong_type[c]);
    }
    Py_CLEAR(st->exc_nomem);
    Py_CLEAR(st->json_dumps);
    Py_CLEAR(st->json_loads);
    Py_CLEAR(st->obs_emit);
    Py_CLEAR(st->obs_level);
    Py_CLEAR(st->response_type);
    Py_CLEAR(st->dumps_kwargs);
    return 0;
}

static void module_free(void *m)
{
    module_clear((PyObject *)m);
    ct_cache_flush(); /* what no client holds any more, wiped */
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    MODULE_NAME,
    "The cardtoken C core, as Python classes (use the cardtoken package).",
    sizeof(modstate),
    NULL,
    module_slots,
    module_traverse,
    module_clear,
    module_free,
};

PyMODINIT_FUNC PyInit__cardtoken(void)
{
    return PyModuleDef_Init(&moduledef);
}
