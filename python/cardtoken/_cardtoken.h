/*
 * _cardtoken.h - what the files of the Python shim share (private).
 *
 * The shim is split by object, as pycurl does:
 *   _cardtoken_module.c   module state, init (multi-phase), constants
 *   _cardtoken_errors.c   core errors -> the exceptions of cardtoken._errors
 *   _cardtoken_args.c     Python values -> ct_config / ct_args text, headers
 *   _cardtoken_request.c  cardtoken.Request (a built, signed request)
 *   _cardtoken_result.c   the immutable result records
 *   _cardtoken_client.c   the client classes and their operation methods
 *   _cardtoken_notify.c   verify_notification() / notification_ack()
 *   _cardtoken_async.c    _Engine: the event-loop side of the async clients
 *   _cardtoken_doctor.c   the signature doctor's calls (cardtoken._doctor)
 * Functions used by one file only are static there; the rest are declared
 * here (the module is built with -fvisibility=hidden: none is exported).
 */
#ifndef CARDTOKEN_PY_SHIM_H
#define CARDTOKEN_PY_SHIM_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>
#include <string.h>

#include "cardtoken.h"

#define MODULE_NAME "cardtoken._cardtoken"
#define PACKAGE "cardtoken"
#define MAX_FIELDS 64
#define NAME_CAP 96 /* a type or method name */
#define DOC_CAP 1024
#define N_CATEGORIES (CT_CAT_RESULT_UNKNOWN + 1)

#define CAST_METH(f) ((PyCFunction)(void (*)(void))(f))

/* ------------------------------------------------------------------ */
/* Module state                                                        */
/* ------------------------------------------------------------------ */

typedef struct modstate {
    PyObject *client_types; /* tuple, in ct_gateway_at() order */
    PyObject *request_type;
    PyObject *notification_type; /* dict subclass, masked repr */
    PyObject *result_types;      /* dict: ct_result_type() name -> type */
    PyObject *result_names;      /* dict: type name -> tuple of field names */
    PyObject *exc_by_cat[N_CATEGORIES];
    PyObject *exc_unknown_name[N_CATEGORIES];
    PyObject *exc_wrong_type[N_CATEGORIES];
    PyObject *exc_nomem;
    PyObject *json_dumps;
    PyObject *json_loads;
    PyObject
        *dumps_kwargs;   /* {"ensure_ascii": False, "separators": (",", ":")} */
    PyObject *obs_emit;  /* cardtoken._observe.emit */
    PyObject *obs_level; /* cardtoken._observe.wanted */
    PyObject *response_type; /* cardtoken.Response */
} modstate;

static inline modstate *state_of(PyObject *obj)
{
    return (modstate *)PyType_GetModuleState(Py_TYPE(obj));
}

/* ---- _cardtoken_cache.c ---- */
int cache_functions_add(PyObject *m);
/* ---- _cardtoken_doctor.c ---- */
int doctor_functions_add(PyObject *m);
/* ---- _cardtoken_observe.c ---- */
/* What the core reported of a call (ct_record, filled by ct_record_observe
 * while the lock is released) -> its Response and the listeners. */
int obs_wanted(modstate *st, PyObject *on_call, ct_gateway gw);
PyObject *obs_response(modstate *st, const ct_record *r);
int obs_emit(modstate *st, PyObject *on_call, const ct_record *r,
             PyObject *response);
void obs_attach_to_error(PyObject *response);
int obs_load(modstate *st);

/* ---- _cardtoken_errors.c ---- */
int errors_load(modstate *st);
void raise_ct(modstate *st, ct_err rc, const ct_error *e, ct_gateway gw);
/* kind: what the shim found (the exception class's TypeError mixin). */
enum { SHIM_PLAIN, SHIM_UNKNOWN_NAME, SHIM_WRONG_TYPE };
void raise_shim_ex(modstate *st, ct_err code, ct_gateway gw, const char *field,
                   const char *what, int kind);
/* A value of the wrong Python type for option/argument `name` (code:
 * CT_ERR_CONFIG or CT_ERR_VALIDATION): "fn: argument 'name' must be WANT,
 * not TYPE", as OptionTypeError / ArgumentTypeError. Returns -1. */
int type_error(modstate *st, ct_gateway gw, ct_err code, const char *fn,
               const char *name, const char *want, PyObject *got);
void raise_shim(modstate *st, ct_err code, ct_gateway gw, const char *field,
                const char *what);
void wipe(void *p, size_t n);

/* ---- _cardtoken_args.c ---- */
/* A UTF-8 view of a value; `keep` holds whatever owns the bytes. */
typedef struct text {
    const char *p;
    Py_ssize_t n;
    PyObject *keep;
    Py_buffer view;
    int has_view;
} text;

typedef struct hdrs {
    ct_header *h;
    size_t n;
    char *buf; /* one copy of every name and value */
} hdrs;

typedef ct_err (*set_fn)(void *, const char *, const char *, size_t,
                         ct_error *);

void text_release(text *t);
int text_from_str(modstate *st, ct_gateway gw, PyObject *s, ct_err code,
                  const char *field, text *t);
int text_from_bytes_or_str(modstate *st, ct_gateway gw, PyObject *o,
                           ct_err code, const char *field, const char *fn,
                           text *t);
int value_error(modstate *st, ct_gateway gw, ct_err code, const char *field,
                const char *why);
ct_err config_set(void *cfg, const char *name, const char *v, size_t n,
                  ct_error *e);
ct_err args_set(void *args, const char *name, const char *v, size_t n,
                ct_error *e);
int apply_kwargs(modstate *st, ct_gateway gw, const char *fn, PyObject *kwargs,
                 const ct_param_desc *params, size_t nparams, set_fn set,
                 void *target, ct_err bad_text);
void hdrs_free(hdrs *hs);
int hdrs_from_py(modstate *st, ct_gateway gw, const char *fn, PyObject *obj,
                 hdrs *out);

/* ---- _cardtoken_request.c ---- */
typedef struct RequestObject {
    PyObject_HEAD ct_request *req;
    PyObject *client; /* the client that built it (kept alive) */
    PyObject *method;
    PyObject *url;
    PyObject *headers; /* tuple of (name, value) tuples */
    PyObject *body;    /* bytes */
    PyObject *request_id;
} RequestObject;

extern PyType_Spec request_spec;
PyObject *request_headers(const ct_request *req);
PyObject *request_new(modstate *st, PyObject *client, ct_request *req);
PyObject *refuse_pickle(PyObject *self, PyObject *args);

/* ---- _cardtoken_result.c ---- */
int result_types_add(PyObject *m, modstate *st);
PyObject *result_to_py(modstate *st, const ct_result *res);
/* new: results whose values (and .response, from rec, unless resp is given)
 * are built when first read; takes res and rec (may be NULL), freed with the
 * last result that needs them (also on failure). */
PyObject *result_to_py_lazy(modstate *st, ct_result *res, ct_record *rec,
                            PyObject *resp);
/* cardtoken._cardtoken._lazy_live(): core results still held (tests). */
PyObject *result_lazy_live(PyObject *m, PyObject *unused);
/* Sets the result's (each record's, for a list) .response. */
void result_set_response(PyObject *out, PyObject *resp);

/* ---- _cardtoken_client.c ---- */
typedef struct ClientObject {
    PyObject_HEAD ct_client *client; /* NULL once freed */
    const ct_gateway_desc *gd;
    ct_gateway gw; /* gd->id */
    int closed;
    Py_ssize_t inflight; /* core calls running on this client (GIL-protected) */
    PyObject *on_call;   /* the on_call option, or NULL */
} ClientObject;

int client_types_add(PyObject *m, modstate *st);
ct_client *client_enter(modstate *st, ClientObject *self);
void client_leave(ClientObject *self);

/* ---- _cardtoken_notify.c ---- */
PyObject *client_verify(ClientObject *self, PyObject *args, PyObject *kwargs);
PyObject *client_ack(ClientObject *self, PyObject *args, PyObject *kwargs);
int notification_type_add(PyObject *m, modstate *st);

/* ---- _cardtoken_async.c ---- */
int async_types_add(PyObject *m, modstate *st);

#endif
