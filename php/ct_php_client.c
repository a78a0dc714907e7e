/*
 * ct_php_client.c - the gateway classes (one per gateway the core
 * describes). Every method is the same thin translation: PHP array ->
 * ct_config / ct_args (typed by the description's options and arguments),
 * one core call, core result -> PHP objects, ct_error -> exception. The
 * method bodies are generated from the lists of cardtoken_classes.h: each
 * calls its generic handler with its kind and operation.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "zend_strtod.h"
#include "ext/json/php_json.h"

#include "php_cardtoken.h"
#include "cardtoken_classes.h"

static zend_object_handlers ct_php_client_handlers;

/* The description of the gateway of class `ce` (or of the registered
 * class it extends), or NULL. */
static const ct_gateway_desc *ct_php_gateway_of(const zend_class_entry *ce)
{
    for (; ce != NULL; ce = ce->parent) {
        size_t i;
        for (i = 0; i < ct_php_ngateway_ces; i++) {
            if (ct_php_gateway_ces[i] == ce) {
                return ct_gateway_at(i);
            }
        }
    }
    return NULL;
}

zend_object *ct_php_client_create(zend_class_entry *ce)
{
    ct_php_client *c = zend_object_alloc(sizeof(ct_php_client), ce);

    c->client = NULL;
    c->gd = ct_php_gateway_of(ce);
    ZVAL_UNDEF(&c->logger);
    ZVAL_UNDEF(&c->on_call);
    c->log_bodies = false;
    zend_object_std_init(&c->std, ce);
    object_properties_init(&c->std, ce);
    c->std.handlers = &ct_php_client_handlers;
    return &c->std;
}

static void ct_php_client_free(zend_object *obj)
{
    ct_php_client *c = ct_php_client_from_obj(obj);

    ct_client_free(c->client);
    c->client = NULL;
    ct_php_obs_release(c);
    zend_object_std_dtor(obj);
}

void ct_php_client_minit(void)
{
    memcpy(&ct_php_client_handlers, zend_get_std_object_handlers(),
           sizeof(zend_object_handlers));
    ct_php_client_handlers.offset = XtOffsetOf(ct_php_client, std);
    ct_php_client_handlers.free_obj = ct_php_client_free;
    ct_php_client_handlers.get_gc = ct_php_obs_get_gc;
    ct_php_client_handlers.clone_obj = NULL;
}

/* The constructed client behind $this, or NULL with an Error thrown. */
ct_php_client *ct_php_this_client(zend_execute_data *execute_data)
{
    ct_php_client *c = ct_php_client_from_obj(Z_OBJ_P(ZEND_THIS));

    if (c->client == NULL) {
        zend_throw_error(NULL, "%s object is not constructed",
                         ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));
        return NULL;
    }
    return c;
}

/* ------------------------------------------------------------------ */
/* PHP arrays -> client options / operation arguments                  */
/* ------------------------------------------------------------------ */

typedef ct_err (*ct_php_set_fn)(void *target, const char *name,
                                const char *value, size_t len, ct_error *err);

static ct_err ct_php_config_set(void *target, const char *name,
                                const char *value, size_t len, ct_error *err)
{
    return ct_config_set((ct_config *)target, name, value, len, err);
}

static ct_err ct_php_args_set(void *target, const char *name, const char *value,
                              size_t len, ct_error *err)
{
    return ct_args_set((ct_args *)target, name, value, len, err);
}

/* The shortest decimal text that reads back as `d`, locale-independent,
 * without an exponent for numbers whose integer part fits in 17 digits. */
static void ct_php_append_double(smart_str *s, double d)
{
    char buf[64];
    double mag = d < 0 ? -d : d;
    int prec = 1;

    if (zend_finite(d)) {
        while (prec < 17 && mag >= 10.0) {
            mag /= 10.0;
            prec++;
        }
        for (; prec <= 17; prec++) {
            zend_gcvt(d, prec, '.', 'e', buf);
            if (zend_strtod(buf, NULL) == d) {
                break;
            }
        }
    } else {
        /* The core rejects it, naming the option. */
        snprintf(buf, sizeof(buf), "%s",
                 zend_isnan(d) ? "nan" : (d > 0 ? "inf" : "-inf"));
    }
    smart_str_appends(s, buf);
}

/* Appends the JSON text of array `value`: an object (never a JSON list,
 * whatever the keys look like) when `as_object`, else as PHP encodes it. */
zend_result ct_php_json(smart_str *out, zval *value, bool as_object)
{
    zend_result rc;

    if (as_object) {
        zval object;
        object_and_properties_init(
            &object, zend_standard_class_def,
            zend_symtable_to_proptable(Z_ARRVAL_P(value)));
        rc = php_json_encode(out, &object,
                             PHP_JSON_UNESCAPED_SLASHES |
                                 PHP_JSON_UNESCAPED_UNICODE);
        zval_ptr_dtor(&object);
    } else {
        rc = php_json_encode(out, value,
                             PHP_JSON_UNESCAPED_SLASHES |
                                 PHP_JSON_UNESCAPED_UNICODE);
    }
    if (rc != SUCCESS || out->s == NULL) {
        return FAILURE;
    }
    smart_str_0(out);
    return SUCCESS;
}

/*
 * Passes every element of `ht` to `set` as text, typed by its description
 * among params[0..nparams): STRING/SECRET take a string, INT an int, FLOAT
 * an int or a float, BOOL a bool, OBJECT/LIST an array (as JSON); null
 * means absent. A wrong PHP type is a TypeError naming the key (never the
 * value). Unknown keys go to the core, which names them in its error.
 */
static zend_result ct_php_fill(const ct_param_desc *params, size_t nparams,
                               HashTable *ht, uint32_t arg_num, ct_err nul_code,
                               ct_php_set_fn set, void *target)
{
    zend_string *key;
    zend_ulong idx;
    zval *value;

    ZEND_HASH_FOREACH_KEY_VAL(ht, idx, key, value) {
        char numkey[MAX_LENGTH_OF_LONG + 1];
        const char *name;
        const char *text = NULL;
        size_t len = 0;
        smart_str buf = {0};
        ct_type type;
        ct_error err;
        ct_err rc;

        if (key != NULL) {
            if (memchr(ZSTR_VAL(key), '\0', ZSTR_LEN(key)) != NULL) {
                ct_php_throw_code(nul_code, NULL, "a key contains a NUL byte");
                return FAILURE;
            }
            name = ZSTR_VAL(key);
        } else {
            snprintf(numkey, sizeof(numkey), ZEND_ULONG_FMT, idx);
            name = numkey;
        }
        ZVAL_DEREF(value);
        if (Z_TYPE_P(value) == IS_NULL) {
            continue;
        }
        {
            const ct_param_desc *pd = ct_param_find(params, nparams, name);
            type = pd != NULL ? pd->type : CT_TYPE_UNKNOWN;
        }
        switch (type) {
        case CT_TYPE_STRING:
        case CT_TYPE_SECRET:
            if (Z_TYPE_P(value) != IS_STRING) {
                zend_argument_type_error(
                    arg_num, "key \"%s\" must be of type string, %s given",
                    name, zend_zval_type_name(value));
                return FAILURE;
            }
            text = Z_STRVAL_P(value);
            len = Z_STRLEN_P(value);
            break;
        case CT_TYPE_INT:
            if (Z_TYPE_P(value) != IS_LONG) {
                zend_argument_type_error(
                    arg_num, "key \"%s\" must be of type int, %s given", name,
                    zend_zval_type_name(value));
                return FAILURE;
            }
            smart_str_append_long(&buf, Z_LVAL_P(value));
            break;
        case CT_TYPE_FLOAT:
            if (Z_TYPE_P(value) == IS_LONG) {
                smart_str_append_long(&buf, Z_LVAL_P(value));
            } else if (Z_TYPE_P(value) == IS_DOUBLE) {
                ct_php_append_double(&buf, Z_DVAL_P(value));
            } else {
                zend_argument_type_error(
                    arg_num, "key \"%s\" must be of type int|float, %s given",
                    name, zend_zval_type_name(value));
                return FAILURE;
            }
            break;
        case CT_TYPE_BOOL:
            if (Z_TYPE_P(value) != IS_TRUE && Z_TYPE_P(value) != IS_FALSE) {
                zend_argument_type_error(
                    arg_num, "key \"%s\" must be of type bool, %s given", name,
                    zend_zval_type_name(value));
                return FAILURE;
            }
            text = Z_TYPE_P(value) == IS_TRUE ? "true" : "false";
            len = strlen(text);
            break;
        case CT_TYPE_OBJECT:
        case CT_TYPE_LIST:
            if (Z_TYPE_P(value) != IS_ARRAY) {
                zend_argument_type_error(
                    arg_num, "key \"%s\" must be of type array, %s given", name,
                    zend_zval_type_name(value));
                return FAILURE;
            }
            if (ct_php_json(&buf, value, type == CT_TYPE_OBJECT) != SUCCESS) {
                smart_str_free(&buf);
                ct_php_throw_code(nul_code, name,
                                  "invalid argument: cannot be encoded as JSON "
                                  "(invalid UTF-8?)");
                return FAILURE;
            }
            break;
        case CT_TYPE_UNKNOWN:
        default:
            /* Not ours to judge: the core rejects the name itself. */
            if (Z_TYPE_P(value) == IS_STRING) {
                text = Z_STRVAL_P(value);
                len = Z_STRLEN_P(value);
            } else if (Z_TYPE_P(value) == IS_LONG) {
                smart_str_append_long(&buf, Z_LVAL_P(value));
            } else if (Z_TYPE_P(value) == IS_DOUBLE) {
                ct_php_append_double(&buf, Z_DVAL_P(value));
            }
            break;
        }
        if (text == NULL) {
            smart_str_0(&buf);
            text = buf.s != NULL ? ZSTR_VAL(buf.s) : "";
            len = buf.s != NULL ? ZSTR_LEN(buf.s) : 0;
        }
        rc = set(target, name, text, len, &err);
        smart_str_free(&buf);
        if (rc != CT_OK) {
            ct_php_throw(&err);
            return FAILURE;
        }
    }
    ZEND_HASH_FOREACH_END();
    return SUCCESS;
}

/* new: the arguments of `op`, or NULL with an exception thrown. */
static ct_args *ct_php_args_from(const ct_op_desc *op, HashTable *ht,
                                 uint32_t arg_num)
{
    ct_args *args = ct_args_new();

    if (args == NULL) {
        ct_php_throw_code(CT_ERR_NOMEM, NULL, ct_err_str(CT_ERR_NOMEM));
        return NULL;
    }
    if (ct_php_fill(op->args, op->nargs, ht, arg_num, CT_ERR_VALIDATION,
                    ct_php_args_set, args) != SUCCESS) {
        ct_args_free(args);
        return NULL;
    }
    return args;
}

/* ------------------------------------------------------------------ */
/* Received headers: a list of [name, value] or a name => value map    */
/* ------------------------------------------------------------------ */

void ct_php_headers_free(ct_php_headers *h)
{
    size_t i;

    for (i = 0; i < h->ntmp; i++) {
        zend_string_release(h->tmp[i]);
    }
    if (h->tmp != NULL) {
        efree(h->tmp);
    }
    if (h->items != NULL) {
        efree(h->items);
    }
    memset(h, 0, sizeof(*h));
}

/* The text of a header name or value (borrowed from `v` or kept in h->tmp),
 * or NULL when `v` is neither a string nor an int. */
static const zend_string *ct_php_header_text(ct_php_headers *h, zval *v)
{
    zend_string *s;

    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) == IS_STRING) {
        return Z_STR_P(v);
    }
    if (Z_TYPE_P(v) != IS_LONG) {
        return NULL;
    }
    s = zend_long_to_str(Z_LVAL_P(v));
    h->tmp = safe_erealloc(h->tmp, h->ntmp + 1, sizeof(zend_string *), 0);
    h->tmp[h->ntmp++] = s;
    return s;
}

static void ct_php_headers_add(ct_php_headers *h, const zend_string *name,
                               const zend_string *value)
{
    if (h->count == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 8;
        h->items = safe_erealloc(h->items, h->cap, sizeof(ct_header), 0);
    }
    h->items[h->count].name = ZSTR_VAL(name);
    h->items[h->count].name_len = ZSTR_LEN(name);
    h->items[h->count].value = ZSTR_VAL(value);
    h->items[h->count].value_len = ZSTR_LEN(value);
    h->count++;
}

zend_result ct_php_headers_from(HashTable *ht, uint32_t arg_num,
                                ct_php_headers *h)
{
    zend_string *key;
    zval *entry;

    memset(h, 0, sizeof(*h));
    ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, entry) {
        ZVAL_DEREF(entry);
        if (key == NULL) {
            /* [name, value] */
            zval *zn, *zv;
            const zend_string *name, *value;

            if (Z_TYPE_P(entry) != IS_ARRAY ||
                zend_hash_num_elements(Z_ARRVAL_P(entry)) != 2 ||
                (zn = zend_hash_index_find(Z_ARRVAL_P(entry), 0)) == NULL ||
                (zv = zend_hash_index_find(Z_ARRVAL_P(entry), 1)) == NULL ||
                (name = ct_php_header_text(h, zn)) == NULL ||
                (value = ct_php_header_text(h, zv)) == NULL) {
                goto bad;
            }
            ct_php_headers_add(h, name, value);
        } else if (Z_TYPE_P(entry) == IS_ARRAY) {
            /* name => [value, ...] */
            zval *zv;
            ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(entry), zv) {
                const zend_string *value = ct_php_header_text(h, zv);
                if (value == NULL) {
                    goto bad;
                }
                ct_php_headers_add(h, key, value);
            }
            ZEND_HASH_FOREACH_END();
        } else {
            /* name => value */
            const zend_string *value = ct_php_header_text(h, entry);
            if (value == NULL) {
                goto bad;
            }
            ct_php_headers_add(h, key, value);
        }
    }
    ZEND_HASH_FOREACH_END();
    return SUCCESS;

bad:
    ct_php_headers_free(h);
    zend_argument_type_error(arg_num, "must be a list of [name, value] pairs "
                                      "or an array of name => value(s), "
                                      "with string values");
    return FAILURE;
}

/* ------------------------------------------------------------------ */
/* Shared method bodies                                                */
/* ------------------------------------------------------------------ */

static void ct_php_construct(INTERNAL_FUNCTION_PARAMETERS)
{
    ct_php_client *c = ct_php_client_from_obj(Z_OBJ_P(ZEND_THIS));
    HashTable *options, *core_options;
    ct_config *cfg;
    ct_client *client = NULL;
    ct_error err;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();

    if (c->client != NULL) {
        zend_throw_error(NULL, "%s object is already constructed",
                         ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));
        RETURN_THROWS();
    }
    if (c->gd == NULL) {
        zend_throw_error(NULL, "%s is not a cardtoken gateway class",
                         ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));
        RETURN_THROWS();
    }
    cfg = ct_config_new(c->gd->id);
    if (cfg == NULL) {
        ct_php_throw_code(CT_ERR_NOMEM, NULL, ct_err_str(CT_ERR_NOMEM));
        RETURN_THROWS();
    }
    /* logger, on_call, log_bodies: the shim's own (ct_php_observe.c) */
    ct_php_obs_release(c);
    if (ct_php_obs_take(c, options, &core_options) != SUCCESS) {
        ct_config_free(cfg);
        ct_php_obs_release(c);
        RETURN_THROWS();
    }
    if (ct_php_fill(c->gd->options, c->gd->noptions, core_options, 1,
                    CT_ERR_CONFIG, ct_php_config_set, cfg) != SUCCESS) {
        if (core_options != options) {
            zend_array_destroy(core_options);
        }
        ct_config_free(cfg);
        ct_php_obs_release(c);
        RETURN_THROWS();
    }
    if (core_options != options) {
        zend_array_destroy(core_options);
    }
    if (ct_client_new(cfg, &client, &err) != CT_OK) {
        ct_config_free(cfg);
        ct_php_obs_release(c);
        ct_php_throw(&err);
        RETURN_THROWS();
    }
    ct_config_free(cfg);
    c->client = client;
}

/* client.<op>(args): validate, build, sign, send, verify, parse; or
 * client.build<Op>(args): the signed request, no network I/O. */
static void ct_php_op_call_or_build(INTERNAL_FUNCTION_PARAMETERS,
                                    const ct_op_desc *op, bool build)
{
    HashTable *ht;
    ct_php_client *c;
    ct_args *args;
    ct_result *res = NULL;
    ct_request *req = NULL;
    ct_record *rec = NULL;
    zval response;
    ct_error err;
    ct_err rc;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();

    if ((c = ct_php_this_client(execute_data)) == NULL ||
        (args = ct_php_args_from(op, ht, 1)) == NULL) {
        RETURN_THROWS();
    }
    if (!build && (rec = ct_record_new()) == NULL) {
        ct_args_free(args);
        ct_php_throw_code(CT_ERR_NOMEM, NULL, ct_err_str(CT_ERR_NOMEM));
        RETURN_THROWS();
    }
    rc = build ? ct_build(c->client, op, args, &req, &err)
               : ct_call_observed(c->client, op, args, ct_record_observe, rec,
                                  ct_php_obs_flags(c), &res, &err);
    ct_args_free(args);
    ZVAL_NULL(&response);
    if (rec != NULL) {
        /* the listeners first: no exception may be pending then; the
         * response array is built now only for an exception (a result
         * builds it when getResponse() is called) */
        if (rc != CT_OK) {
            ct_php_obs_response(&response, rec);
        }
        ct_php_obs_emit(c, rec);
    }
    if (rc != CT_OK) {
        ct_record_free(rec);
        ct_php_throw(&err);
        ct_php_exception_set_response(&response);
        zval_ptr_dtor(&response);
        RETURN_THROWS();
    }
    if (build) {
        ct_php_request_to_zval(return_value, req);
    } else {
        if (ct_php_result_to_zval(return_value, res) == SUCCESS) {
            ct_php_result_set_callrec(return_value, rec); /* takes rec */
            rec = NULL;
        }
        ct_result_free(res);
    }
    ct_record_free(rec);
    zval_ptr_dtor(&response);
}

/* client.parse<Op>(status, headers, body, request = null). */
static void ct_php_op_parse(INTERNAL_FUNCTION_PARAMETERS, const ct_op_desc *op)
{
    zend_long status;
    HashTable *headers_ht;
    zend_string *body;
    zval *zreq = NULL;
    ct_php_client *c;
    ct_php_headers headers;
    const ct_request *req = NULL;
    ct_result *res = NULL;
    ct_error err;
    ct_err rc;

    ZEND_PARSE_PARAMETERS_START(3, 4)
        Z_PARAM_LONG(status)
        Z_PARAM_ARRAY_HT(headers_ht)
        Z_PARAM_STR(body)
        Z_PARAM_OPTIONAL
        Z_PARAM_OBJECT_OF_CLASS_OR_NULL(zreq, ct_php_ce_request)
    ZEND_PARSE_PARAMETERS_END();

    if (status < 0 || status > 999) {
        ct_php_throw_code(
            CT_ERR_VALIDATION, "status",
            "invalid argument: status is not an HTTP status (0 to 999)");
        RETURN_THROWS();
    }
    if ((c = ct_php_this_client(execute_data)) == NULL ||
        ct_php_headers_from(headers_ht, 2, &headers) != SUCCESS) {
        RETURN_THROWS();
    }
    if (zreq != NULL) {
        req = ct_php_request_from_obj(Z_OBJ_P(zreq))->req;
    }
    rc = ct_parse(c->client, op, req, (int)status, headers.items, headers.count,
                  ZSTR_VAL(body), ZSTR_LEN(body), &res, &err);
    ct_php_headers_free(&headers);
    if (rc != CT_OK) {
        ct_php_throw(&err);
        RETURN_THROWS();
    }
    ct_php_result_to_zval(return_value, res);
    ct_result_free(res);
}

/* Every operation method: `op` (PHP name) of the class's gateway. */
static void ct_php_operation(INTERNAL_FUNCTION_PARAMETERS, ct_php_op_kind kind,
                             const char *op_name)
{
    ct_php_client *c = ct_php_client_from_obj(Z_OBJ_P(ZEND_THIS));
    const ct_op_desc *op = c->gd != NULL ? ct_op_find(c->gd, op_name) : NULL;

    if (op == NULL) {
        /* the generated lists and the core disagree: say so, never guess */
        zend_throw_error(NULL, "%s has no operation %s",
                         ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name), op_name);
        RETURN_THROWS();
    }
    switch (kind) {
    case CT_PHP_CALL:
    case CT_PHP_BUILD:
        ct_php_op_call_or_build(INTERNAL_FUNCTION_PARAM_PASSTHRU, op,
                                kind == CT_PHP_BUILD);
        break;
    case CT_PHP_PARSE:
        ct_php_op_parse(INTERNAL_FUNCTION_PARAM_PASSTHRU, op);
        break;
    }
}

/* ------------------------------------------------------------------ */
/* The method bodies, from the generated lists                         */
/* ------------------------------------------------------------------ */

#define CT_PHP_CLIENT_METHODS(cls)                                             \
    ZEND_METHOD(CardToken_##cls, __construct)                                  \
    {                                                                          \
        ct_php_construct(INTERNAL_FUNCTION_PARAM_PASSTHRU);                    \
    }                                                                          \
    ZEND_METHOD(CardToken_##cls, verifyNotification)                           \
    {                                                                          \
        ct_php_verify_notification(INTERNAL_FUNCTION_PARAM_PASSTHRU);          \
    }                                                                          \
    ZEND_METHOD(CardToken_##cls, notificationAck)                              \
    {                                                                          \
        ct_php_notification_ack(INTERNAL_FUNCTION_PARAM_PASSTHRU);             \
    }
CT_PHP_GATEWAY_CLASSES(CT_PHP_CLIENT_METHODS)
#undef CT_PHP_CLIENT_METHODS

#define CT_PHP_OPERATION_METHOD(cls, method, kind, op)                         \
    ZEND_METHOD(CardToken_##cls, method)                                       \
    {                                                                          \
        ct_php_operation(INTERNAL_FUNCTION_PARAM_PASSTHRU, CT_PHP_##kind, op); \
    }
CT_PHP_OPERATION_METHODS(CT_PHP_OPERATION_METHOD)
#undef CT_PHP_OPERATION_METHOD
