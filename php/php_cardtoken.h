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
#include "cardtoken.h"

extern zend_module_entry cardtoken_module_entry;
#define phpext_cardtoken_ptr &cardtoken_module_entry

#define PHP_CARDTOKEN_VERSION CT_VERSION

#if defined(ZTS) && defined(COMPILE_DL_CARDTOKEN)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/* Class entries, set in MINIT (cardtoken.c). */
extern zend_class_entry *ct_php_ce_pagsmile;
extern zend_class_entry *ct_php_ce_payermax;
extern zend_class_entry *ct_php_ce_yabandpay;
extern zend_class_entry *ct_php_ce_worldfirst;
extern zend_class_entry *ct_php_ce_request;
extern zend_class_entry *ct_php_ce_card_token_result;
extern zend_class_entry *ct_php_ce_payment_token;
extern zend_class_entry *ct_php_ce_card_payment;
extern zend_class_entry *ct_php_ce_card_sensitive_info;
extern zend_class_entry *ct_php_ce_exception;

/* ------------------------------------------------------------------ */
/* Errors (cardtoken.c)                                                */
/* ------------------------------------------------------------------ */

/* The exception class for an error category: the one mapping table. */
zend_class_entry *ct_php_exception_class(ct_category cat);
/* Throws the exception for `err` (class from ct_err_category(err->code)). */
void ct_php_throw(const ct_error *err);
/* Throws a CardToken exception for a failure found by the shim itself
 * (never carries card data: `message` is a fixed text). */
void ct_php_throw_code(ct_err code, const char *field, const char *message);

/* ------------------------------------------------------------------ */
/* Gateway clients (ct_php_client.c)                                   */
/* ------------------------------------------------------------------ */

typedef struct ct_php_client {
    ct_client *client; /* NULL until __construct succeeded */
    ct_gateway gateway;
    zend_object std;
} ct_php_client;

zend_object *ct_php_client_create(zend_class_entry *ce);
void ct_php_client_minit(void);

/* ------------------------------------------------------------------ */
/* Requests and results (ct_php_objects.c)                             */
/* ------------------------------------------------------------------ */

typedef struct ct_php_request {
    ct_request *req; /* owned; NULL only for an object never filled */
    zend_object std;
} ct_php_request;

typedef struct ct_php_result {
    uint64_t sensitive; /* bit n: property slot n holds card data */
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

#endif /* PHP_CARDTOKEN_H */
