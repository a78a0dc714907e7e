/*
 * php_cardtoken.h - the PHP face of cardtoken: a thin shim over the C core
 * (core/include/cardtoken.h). Gateway logic never lives here.
 *
 * Thread safety: the extension has no mutable C globals. The class entries
 * and object handler tables below are written once in MINIT and only read
 * afterwards; every other piece of state lives in PHP objects.
 */
#ifndef PHP_CARDTOKEN_H
#define PHP_CARDTOKEN_H

#include "php.h"
#include "zend_smart_str.h"
#include "cardtoken.h"

extern zend_module_entry cardtoken_module_entry;
#define phpext_cardtoken_ptr &cardtoken_module_entry

#define PHP_CARDTOKEN_VERSION CT_VERSION

#if defined(ZTS) && defined(COMPILE_DL_CARDTOKEN)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/* Class entries, set in MINIT (cardtoken.c). The gateway and result
 * classes are registered from the generated lists of cardtoken_classes.h;
 * a result class is found by its name (ct_php_result_class). */
extern zend_class_entry *ct_php_ce_request;
extern zend_class_entry *ct_php_gateway_ces[]; /* ct_gateway_at() order */
extern const size_t ct_php_ngateway_ces;
extern zend_class_entry *ct_php_result_ces[];
extern const size_t ct_php_nresult_ces;

/* The registered class whose short name (after "CardToken\\") is `name`
 * among ces[0..n), or NULL. */
zend_class_entry *ct_php_class_named(zend_class_entry *const *ces, size_t n,
                                     const char *name);

/* ------------------------------------------------------------------ */
/* Errors (cardtoken.c)                                                */
/* ------------------------------------------------------------------ */

/* Throws the exception for `err` (class from ct_err_category(err->code)). */
void ct_php_throw(const ct_error *err);
/* Throws a CardToken exception for a failure found by the shim itself
 * (never carries card data: `message` is a fixed text). */
void ct_php_throw_code(ct_err code, const char *field, const char *message);
/* Sets the pending CardToken exception's getResponse() (an array). */
void ct_php_exception_set_response(zval *response);

/* ------------------------------------------------------------------ */
/* Gateway clients (ct_php_client.c)                                   */
/* ------------------------------------------------------------------ */

typedef struct ct_php_client {
    ct_client *client;         /* NULL until __construct succeeded */
    const ct_gateway_desc *gd; /* the gateway of the class; NULL: none */
    zval logger;  /* the `logger` option (ct_php_observe.c), or UNDEF */
    zval on_call; /* the `on_call` option, or UNDEF */
    bool log_bodies;
    zend_object std;
} ct_php_client;

static inline ct_php_client *ct_php_client_from_obj(zend_object *obj)
{
    return (ct_php_client *)((char *)obj - XtOffsetOf(ct_php_client, std));
}

zend_object *ct_php_client_create(zend_class_entry *ce);

/* The shim's own client options and the records of a call
 * (ct_php_observe.c). */
zend_result ct_php_obs_take(ct_php_client *c, HashTable *options,
                            HashTable **rest);
void ct_php_obs_release(ct_php_client *c);
HashTable *ct_php_obs_get_gc(zend_object *obj, zval **table, int *n);
int ct_php_obs_flags(const ct_php_client *c);
void ct_php_obs_response(zval *rv, const ct_record *r);
void ct_php_obs_emit(ct_php_client *c, const ct_record *r);
void ct_php_client_minit(void);

/* The generic handlers behind every client method (ct_php_client.c,
 * ct_php_notify.c); the method bodies are generated from the lists of
 * cardtoken_classes.h. */
typedef enum ct_php_op_kind {
    CT_PHP_CALL,
    CT_PHP_BUILD,
    CT_PHP_PARSE
} ct_php_op_kind;
void ct_php_verify_notification(INTERNAL_FUNCTION_PARAMETERS);
void ct_php_notification_ack(INTERNAL_FUNCTION_PARAMETERS);
/* The constructed client behind $this, or NULL with an Error thrown. */
ct_php_client *ct_php_this_client(zend_execute_data *execute_data);

/* Received headers: a list of [name, value] or a name => value(s) map. */
typedef struct ct_php_headers {
    ct_header *items;
    size_t count;
    size_t cap;
    zend_string **tmp; /* strings converted from ints, released at the end */
    size_t ntmp;
} ct_php_headers;

zend_result ct_php_headers_from(HashTable *ht, uint32_t arg_num,
                                ct_php_headers *h);
void ct_php_headers_free(ct_php_headers *h);
/* Appends the JSON text of array `value` (an object when as_object). */
zend_result ct_php_json(smart_str *out, zval *value, bool as_object);

/* CardToken\\Doctor's static methods (ct_php_doctor.c). */
ZEND_METHOD(CardToken_Doctor, check);
ZEND_METHOD(CardToken_Doctor, sign);

/* ------------------------------------------------------------------ */
/* Requests and results (ct_php_objects.c)                             */
/* ------------------------------------------------------------------ */

typedef struct ct_php_request {
    ct_request *req; /* owned; NULL only for an object never filled */
    zend_object std;
} ct_php_request;

/* A call's record, shared by the results of the call until one of them
 * reads getResponse() (the array is built then, once) or all are freed. */
typedef struct ct_php_callrec {
    uint32_t refs;
    ct_record *rec; /* owned */
    zval resp;      /* UNDEF until built */
} ct_php_callrec;

typedef struct ct_php_result {
    uint64_t sensitive;   /* bit n: property slot n holds card data */
    zval response;        /* getResponse(): the call's exchange, or UNDEF */
    ct_php_callrec *crec; /* NULL, or where getResponse() builds it from */
    zend_object std;
} ct_php_result;

static inline ct_php_request *ct_php_request_from_obj(zend_object *obj)
{
    return (ct_php_request *)((char *)obj - XtOffsetOf(ct_php_request, std));
}

zend_object *ct_php_request_create(zend_class_entry *ce);
zend_object *ct_php_result_create(zend_class_entry *ce);
void ct_php_objects_minit(void);

/* Wraps `req` (ownership taken, freed on failure too) in a
 * CardToken\Request. Returns FAILURE with an exception thrown. */
zend_result ct_php_request_to_zval(zval *rv, ct_request *req);
/* The headers of `req` as a list of [name, value] pairs. */
void ct_php_request_headers(zval *rv, const ct_request *req);
/* Builds the result object(s) of `res` (borrowed). Returns FAILURE with
 * an exception thrown. */
zend_result ct_php_result_to_zval(zval *rv, const ct_result *res);
/* Hands the call's record (taken) to the result(s): getResponse() builds
 * the exchange from it when first called. */
void ct_php_result_set_callrec(zval *result, ct_record *rec);

#endif /* PHP_CARDTOKEN_H */
