/*
 * ct_php_objects.c - CardToken\Request and the result classes.
 *
 * Results are built generically from ct_result_type() / ct_result_record()
 * (the class of that name, registered from cardtoken_classes.h):
 * each core field fills the readonly property of the same name. Fields the
 * core marks sensitive (card data) stay readable as properties but
 * every dump path (var_dump, print_r, var_export, json_encode,
 * debug_zval_dump, array casts) goes through get_properties_for, which
 * masks them. A Request's dumps show ct_request_body_redacted(), never the
 * body.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"

#include "php_cardtoken.h"
#include "cardtoken_classes.h"

static zend_object_handlers ct_php_request_handlers;
static zend_object_handlers ct_php_result_handlers;
static void ct_php_request_headers_masked(zval *rv, const ct_request *req,
                                          int masked);

static inline ct_php_result *ct_php_result_from_obj(zend_object *obj)
{
    return (ct_php_result *)((char *)obj - XtOffsetOf(ct_php_result, std));
}

/* The private constructors only exist to forbid `new`. */
#define CT_PHP_PRIVATE_CTOR(cls)                                               \
    ZEND_METHOD(cls, __construct)                                              \
    {                                                                          \
        ZEND_PARSE_PARAMETERS_NONE();                                          \
    }

CT_PHP_PRIVATE_CTOR(CardToken_Request)
CT_PHP_PRIVATE_CTOR(CardToken_Doctor)
static void ct_php_callrec_release(ct_php_callrec *cr)
{
    if (cr == NULL || --cr->refs > 0) {
        return;
    }
    zval_ptr_dtor(&cr->resp);
    ct_record_free(cr->rec);
    efree(cr);
}

/* Builds the response from the call's record on the first getResponse()
 * (once for all the results of the call) and lets the record go. */
static void ct_php_result_resolve_response(ct_php_result *r)
{
    ct_php_callrec *cr = r->crec;
    if (cr == NULL) {
        return;
    }
    if (Z_TYPE(cr->resp) == IS_UNDEF) {
        ct_php_obs_response(&cr->resp, cr->rec);
    }
    if (Z_TYPE(cr->resp) == IS_ARRAY && Z_TYPE(r->response) == IS_UNDEF) {
        ZVAL_COPY(&r->response, &cr->resp);
    }
    r->crec = NULL;
    ct_php_callrec_release(cr);
}

/* getResponse(): the exchange of the call that returned the result (an
 * array), or null (parsed from the caller's own HTTP exchange). */
#define CT_PHP_RESULT_CTOR(cls)                                                \
    CT_PHP_PRIVATE_CTOR(CardToken_##cls)                                       \
    ZEND_METHOD(CardToken_##cls, getResponse)                                  \
    {                                                                          \
        ct_php_result *r = ct_php_result_from_obj(Z_OBJ_P(ZEND_THIS));         \
        ZEND_PARSE_PARAMETERS_NONE();                                          \
        ct_php_result_resolve_response(r);                                     \
        if (Z_TYPE(r->response) == IS_UNDEF) {                                 \
            RETURN_NULL();                                                     \
        }                                                                      \
        RETURN_COPY(&r->response);                                             \
    }
CT_PHP_RESULT_CLASSES(CT_PHP_RESULT_CTOR)
#undef CT_PHP_RESULT_CTOR

/* Initializes a declared (readonly) property from inside the class scope. */
static void ct_php_init_prop(zend_object *obj, const char *name, size_t len,
                             zval *value)
{
    zend_update_property(obj->ce, obj, name, len, value);
}

/* Sets every declared property still uninitialized to null. */
/* Initializes the (readonly, typed) property pi of a new result with v
 * (taken): written straight into its slot after the type check that
 * zend_update_property_ex would make, without its name lookup and scope
 * checks. A slot already set goes the usual way (and fails: readonly). */
static void ct_php_prop_init(zend_object *obj, zend_property_info *pi, zval *v)
{
    zval *slot = OBJ_PROP(obj, pi->offset);

    if (Z_TYPE_P(slot) != IS_UNDEF) {
        zend_update_property_ex(obj->ce, obj, pi->name, v);
        zval_ptr_dtor(v);
        return;
    }
    if (ZEND_TYPE_IS_SET(pi->type) && !zend_verify_property_type(pi, v, 1)) {
        zval_ptr_dtor(v); /* TypeError thrown */
        return;
    }
    ZVAL_COPY_VALUE(slot, v);
    Z_PROP_FLAG_P(slot) = 0;
}

static void ct_php_null_missing(zend_object *obj)
{
    zend_property_info *pi;

    ZEND_HASH_FOREACH_PTR(&obj->ce->properties_info, pi) {
        if (pi->flags & ZEND_ACC_STATIC) {
            continue;
        }
        if (Z_TYPE_P(OBJ_PROP(obj, pi->offset)) == IS_UNDEF) {
            zval null;
            ZVAL_NULL(&null);
            ct_php_prop_init(obj, pi, &null);
            if (EG(exception)) {
                return;
            }
        }
    }
    ZEND_HASH_FOREACH_END();
}

/* A copy of the object's properties for printing (new; the caller of
 * get_properties_for releases it). NULL when the object has none. */
static HashTable *ct_php_printable_copy(zend_object *obj,
                                        zend_prop_purpose purpose)
{
    HashTable *props = zend_std_get_properties_for(obj, purpose);
    HashTable *copy;

    if (props == NULL) {
        return NULL;
    }
    copy = zend_array_dup(props);
    zend_release_properties(props);
    return copy;
}

/* The printable form of a sensitive value, by the core's one rule
 * (ct_mask): "************1234" for a card number, "***" otherwise. */
static zend_string *ct_php_mask(const zend_string *value)
{
    size_t cap = ZSTR_LEN(value) + 4, n;
    zend_string *masked = zend_string_alloc(cap, 0);

    n = ct_mask(ZSTR_VAL(value), ZSTR_LEN(value), ZSTR_VAL(masked), cap);
    ZSTR_LEN(masked) = n;
    return masked;
}

/* The printable form of any other text (ct_mask_text), or NULL when it
 * prints as it is. */
static zend_string *ct_php_mask_text(const zend_string *value)
{
    zend_string *masked = zend_string_alloc(ZSTR_LEN(value), 0);
    size_t n = ct_mask_text(ZSTR_VAL(value), ZSTR_LEN(value), ZSTR_VAL(masked),
                            ZSTR_LEN(value) + 1);

    if (n == ZSTR_LEN(value) &&
        memcmp(ZSTR_VAL(masked), ZSTR_VAL(value), n) == 0) {
        zend_string_efree(masked);
        return NULL;
    }
    ZSTR_LEN(masked) = n;
    return masked;
}

/* ------------------------------------------------------------------ */
/* Request                                                             */
/* ------------------------------------------------------------------ */

zend_object *ct_php_request_create(zend_class_entry *ce)
{
    ct_php_request *r = zend_object_alloc(sizeof(ct_php_request), ce);

    r->req = NULL;
    zend_object_std_init(&r->std, ce);
    object_properties_init(&r->std, ce);
    r->std.handlers = &ct_php_request_handlers;
    return &r->std;
}

/* Wipes the body property (card data) when this object holds the only
 * reference to its string: a copy the script still holds is left alone. */
static void ct_php_request_wipe_body(zend_object *obj)
{
    zend_property_info *pi = zend_hash_str_find_ptr(&obj->ce->properties_info,
                                                    "body", sizeof("body") - 1);
    zval *slot;

    if (pi == NULL || (pi->flags & ZEND_ACC_STATIC)) {
        return;
    }
    slot = OBJ_PROP(obj, pi->offset);
    if (Z_TYPE_P(slot) == IS_STRING && !ZSTR_IS_INTERNED(Z_STR_P(slot)) &&
        GC_REFCOUNT(Z_STR_P(slot)) == 1) {
        ZEND_SECURE_ZERO(ZSTR_VAL(Z_STR_P(slot)), ZSTR_LEN(Z_STR_P(slot)));
    }
}

static void ct_php_request_free(zend_object *obj)
{
    ct_php_request *r = ct_php_request_from_obj(obj);

    ct_php_request_wipe_body(obj);
    ct_request_free(r->req);
    r->req = NULL;
    zend_object_std_dtor(obj);
}

static HashTable *ct_php_request_get_properties_for(zend_object *obj,
                                                    zend_prop_purpose purpose)
{
    ct_php_request *r = ct_php_request_from_obj(obj);
    HashTable *copy = ct_php_printable_copy(obj, purpose);
    zval redacted;

    if (copy == NULL) {
        return NULL;
    }
    if (zend_hash_str_exists(copy, "body", sizeof("body") - 1)) {
        size_t len = 0;
        char *text =
            r->req != NULL ? ct_request_body_redacted(r->req, &len) : NULL;

        if (text != NULL) {
            ZVAL_STRINGL(&redacted, text, len);
            ct_free_string(text);
        } else {
            ZVAL_STRINGL(&redacted, "***", 3);
        }
        zend_hash_str_update(copy, "body", sizeof("body") - 1, &redacted);
    }
    if (r->req != NULL &&
        zend_hash_str_exists(copy, "headers", sizeof("headers") - 1)) {
        /* credentials (ct_request_header_is_secret) print masked */
        zval headers;
        ct_php_request_headers_masked(&headers, r->req, 1);
        zend_hash_str_update(copy, "headers", sizeof("headers") - 1, &headers);
    }
    return copy;
}

void ct_php_request_headers(zval *rv, const ct_request *req)
{
    ct_php_request_headers_masked(rv, req, 0);
}

static void ct_php_request_headers_masked(zval *rv, const ct_request *req,
                                          int masked)
{
    size_t n = ct_request_header_count(req);
    size_t i;

    array_init_size(rv, (uint32_t)n);
    for (i = 0; i < n; i++) {
        const char *name = NULL, *value = NULL;
        zval pair;

        if (ct_request_header(req, i, &name, &value) != CT_OK || name == NULL ||
            value == NULL) {
            continue;
        }
        array_init_size(&pair, 2);
        add_next_index_string(&pair, name);
        add_next_index_string(
            &pair,
            masked && ct_request_header_is_secret(req, i) ? "***" : value);
        add_next_index_zval(rv, &pair);
    }
}

zend_result ct_php_request_to_zval(zval *rv, ct_request *req)
{
    ct_php_request *r;
    zend_object *obj;
    const char *body;
    size_t len = 0;
    zval v;

    if (object_init_ex(rv, ct_php_ce_request) != SUCCESS) {
        ct_request_free(req);
        return FAILURE;
    }
    obj = Z_OBJ_P(rv);
    r = ct_php_request_from_obj(obj);
    r->req = req;

    ZVAL_STRING(&v, ct_request_method(req));
    ct_php_init_prop(obj, "method", sizeof("method") - 1, &v);
    zval_ptr_dtor(&v);

    ZVAL_STRING(&v, ct_request_url(req));
    ct_php_init_prop(obj, "url", sizeof("url") - 1, &v);
    zval_ptr_dtor(&v);

    ct_php_request_headers(&v, req);
    ct_php_init_prop(obj, "headers", sizeof("headers") - 1, &v);
    zval_ptr_dtor(&v);

    body = ct_request_body(req, &len);
    if (body != NULL) {
        ZVAL_STRINGL(&v, body, len);
    } else {
        ZVAL_EMPTY_STRING(&v);
    }
    ct_php_init_prop(obj, "body", sizeof("body") - 1, &v);
    zval_ptr_dtor(&v);

    if (ct_request_id(req) != NULL) {
        ZVAL_STRING(&v, ct_request_id(req));
    } else {
        ZVAL_NULL(&v);
    }
    ct_php_init_prop(obj, "request_id", sizeof("request_id") - 1, &v);
    zval_ptr_dtor(&v);

    if (EG(exception)) {
        zval_ptr_dtor(rv);
        ZVAL_UNDEF(rv);
        return FAILURE;
    }
    return SUCCESS;
}

/* The printable form of an array (a result's raw): a copy with every
 * string masked by ct_php_mask_text, at every depth. */
static void ct_php_mask_array(zval *dst, const HashTable *src)
{
    zend_string *key;
    zend_ulong idx;
    zval *v;

    array_init_size(dst, zend_hash_num_elements(src));
    ZEND_HASH_FOREACH_KEY_VAL((HashTable *)src, idx, key, v) {
        zval item;
        zend_string *masked;

        ZVAL_DEREF(v);
        if (Z_TYPE_P(v) == IS_STRING &&
            (masked = ct_php_mask_text(Z_STR_P(v))) != NULL) {
            ZVAL_STR(&item, masked);
        } else if (Z_TYPE_P(v) == IS_ARRAY) {
            ct_php_mask_array(&item, Z_ARRVAL_P(v));
        } else {
            ZVAL_COPY(&item, v);
        }
        if (key != NULL) {
            zend_hash_update(Z_ARRVAL_P(dst), key, &item);
        } else {
            zend_hash_index_update(Z_ARRVAL_P(dst), idx, &item);
        }
    }
    ZEND_HASH_FOREACH_END();
}

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

zend_object *ct_php_result_create(zend_class_entry *ce)
{
    ct_php_result *r = zend_object_alloc(sizeof(ct_php_result), ce);

    r->sensitive = 0;
    ZVAL_UNDEF(&r->response);
    r->crec = NULL;
    zend_object_std_init(&r->std, ce);
    object_properties_init(&r->std, ce);
    r->std.handlers = &ct_php_result_handlers;
    return &r->std;
}

static HashTable *ct_php_result_get_properties_for(zend_object *obj,
                                                   zend_prop_purpose purpose)
{
    ct_php_result *r = ct_php_result_from_obj(obj);
    HashTable *copy;
    zend_property_info *pi;

    copy = ct_php_printable_copy(obj, purpose);
    if (copy == NULL) {
        return NULL;
    }
    ZEND_HASH_FOREACH_PTR(&obj->ce->properties_info, pi) {
        uint32_t slot;
        zval *value;

        if (pi->flags & ZEND_ACC_STATIC) {
            continue;
        }
        slot = OBJ_PROP_TO_NUM(pi->offset);
        value = zend_hash_find(copy, pi->name);
        if (value != NULL && Z_TYPE_P(value) == IS_ARRAY) {
            /* raw: the core masked it; the text rule once more, as for
             * every other field */
            zval masked;
            ct_php_mask_array(&masked, Z_ARRVAL_P(value));
            zend_hash_update(copy, pi->name, &masked);
            continue;
        }
        if (value == NULL || Z_TYPE_P(value) != IS_STRING) {
            continue;
        }
        if (slot < 64 && (r->sensitive & ((uint64_t)1 << slot))) {
            zval masked;
            ZVAL_STR(&masked, ct_php_mask(Z_STR_P(value)));
            zend_hash_update(copy, pi->name, &masked);
        } else {
            /* any other text: card-number-like digits masked all the same
             * (a gateway may send a full number where it documents a
             * masked one) */
            zend_string *masked = ct_php_mask_text(Z_STR_P(value));
            if (masked != NULL) {
                zval mz;
                ZVAL_STR(&mz, masked);
                zend_hash_update(copy, pi->name, &mz);
            }
        }
    }
    ZEND_HASH_FOREACH_END();
    return copy;
}

/* One record of `res` as an object of class `ce`. */
static zend_result ct_php_record_to_zval(zval *rv, zend_class_entry *ce,
                                         const ct_result *res, size_t index)
{
    size_t nfields = 0, i;
    const ct_field *fields = ct_result_record(res, index, &nfields);
    ct_php_result *r;
    zend_object *obj;

    if (object_init_ex(rv, ce) != SUCCESS) {
        return FAILURE;
    }
    obj = Z_OBJ_P(rv);
    r = ct_php_result_from_obj(obj);

    for (i = 0; fields != NULL && i < nfields; i++) {
        const ct_field *f = &fields[i];
        zend_property_info *pi;
        zval v;

        if (f->name == NULL) {
            continue;
        }
        pi = zend_hash_str_find_ptr(&ce->properties_info, f->name,
                                    strlen(f->name));
        if (pi == NULL || (pi->flags & ZEND_ACC_STATIC)) {
            /* The stub and the core disagree: say so, never guess. */
            ct_php_throw_code(CT_ERR_INTERNAL, f->name,
                              "result field not declared by the PHP class");
            goto fail;
        }
        switch (f->type) {
        case CT_VAL_STRING:
            ZVAL_STRINGL(&v, f->str != NULL ? f->str : "",
                         f->str != NULL ? f->len : 0);
            break;
        case CT_VAL_INT: ZVAL_LONG(&v, (zend_long)f->num); break;
        case CT_VAL_JSON:
            /* raw: the core masked its card numbers and credentials */
            if (php_json_decode_ex(&v, f->str != NULL ? f->str : "{}",
                                   f->str != NULL ? f->len : 2,
                                   PHP_JSON_OBJECT_AS_ARRAY,
                                   PHP_JSON_PARSER_DEFAULT_DEPTH) != SUCCESS ||
                Z_TYPE(v) != IS_ARRAY) {
                zval_ptr_dtor(&v);
                ct_php_throw_code(CT_ERR_PROTOCOL, f->name,
                                  "the response is nested too deeply to be "
                                  "read");
                goto fail;
            }
            break;
        case CT_VAL_NULL:
        default: ZVAL_NULL(&v); break;
        }
        if (f->sensitive) {
            uint32_t slot = OBJ_PROP_TO_NUM(pi->offset);
            if (slot < 64) {
                r->sensitive |= (uint64_t)1 << slot;
            }
        }
        ct_php_prop_init(obj, pi, &v);
        if (EG(exception)) {
            goto fail;
        }
    }
    ct_php_null_missing(obj);
    if (EG(exception)) {
        goto fail;
    }
    return SUCCESS;

fail:
    zval_ptr_dtor(rv);
    ZVAL_UNDEF(rv);
    return FAILURE;
}

static void ct_php_result_free(zend_object *obj)
{
    ct_php_result *r = ct_php_result_from_obj(obj);
    zval_ptr_dtor(&r->response);
    ZVAL_UNDEF(&r->response);
    ct_php_callrec_release(r->crec);
    r->crec = NULL;
    zend_object_std_dtor(obj);
}

static void ct_php_result_put_callrec(zval *item, ct_php_callrec *cr)
{
    ct_php_result *r;
    if (Z_TYPE_P(item) != IS_OBJECT) {
        return;
    }
    r = ct_php_result_from_obj(Z_OBJ_P(item));
    ct_php_callrec_release(r->crec);
    cr->refs++;
    r->crec = cr;
}

void ct_php_result_set_callrec(zval *result, ct_record *rec)
{
    ct_php_callrec *cr = emalloc(sizeof(*cr));
    zval *item;

    cr->refs = 1; /* this function's, dropped below */
    cr->rec = rec;
    ZVAL_UNDEF(&cr->resp);
    if (Z_TYPE_P(result) == IS_ARRAY) {
        ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(result), item) {
            ct_php_result_put_callrec(item, cr);
        }
        ZEND_HASH_FOREACH_END();
    } else {
        ct_php_result_put_callrec(result, cr);
    }
    ct_php_callrec_release(cr);
}

zend_result ct_php_result_to_zval(zval *rv, const ct_result *res)
{
    const char *type = ct_result_type(res);
    zend_class_entry *ce =
        ct_php_class_named(ct_php_result_ces, ct_php_nresult_ces, type);
    size_t n, i;

    if (ce == NULL) {
        ct_php_throw_code(CT_ERR_INTERNAL, NULL, "unknown result type");
        return FAILURE;
    }
    if (!ct_result_is_list(res)) {
        return ct_php_record_to_zval(rv, ce, res, 0);
    }
    n = ct_result_count(res);
    array_init_size(rv, (uint32_t)n);
    for (i = 0; i < n; i++) {
        zval item;
        if (ct_php_record_to_zval(&item, ce, res, i) != SUCCESS) {
            zval_ptr_dtor(rv);
            ZVAL_UNDEF(rv);
            return FAILURE;
        }
        add_next_index_zval(rv, &item);
    }
    return SUCCESS;
}

void ct_php_objects_minit(void)
{
    memcpy(&ct_php_request_handlers, zend_get_std_object_handlers(),
           sizeof(zend_object_handlers));
    ct_php_request_handlers.offset = XtOffsetOf(ct_php_request, std);
    ct_php_request_handlers.free_obj = ct_php_request_free;
    ct_php_request_handlers.clone_obj = NULL;
    ct_php_request_handlers.get_properties_for =
        ct_php_request_get_properties_for;

    memcpy(&ct_php_result_handlers, zend_get_std_object_handlers(),
           sizeof(zend_object_handlers));
    ct_php_result_handlers.offset = XtOffsetOf(ct_php_result, std);
    ct_php_result_handlers.free_obj = ct_php_result_free;
    ct_php_result_handlers.clone_obj = NULL;
    ct_php_result_handlers.get_properties_for =
        ct_php_result_get_properties_for;
}
