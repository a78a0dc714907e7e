/*
 * ct_php_observe.c - what a call did, for PHP (README "Debugging and
 * observability"): the shim's own client options `logger` (any object with
 * log($level, $message, array $context), PSR-3 style; no psr/log needed),
 * `on_call` (a callable given each record) and `log_bodies` (the masked
 * bodies too), fed with the core's records of the call (ct_call_observed
 * into a ct_record: masked, no secret in them); and the exchange behind
 * getResponse() on results and exceptions. No gateway or operation is named
 * here.
 */
#include "php_cardtoken.h"

#include "zend_exceptions.h"

#define CT_PHP_OBS_KEYS 3
static const char *const ct_php_obs_keys[CT_PHP_OBS_KEYS] = {
    "logger", "on_call", "log_bodies"};

static int ct_php_is_logger(zval *v)
{
    return Z_TYPE_P(v) == IS_OBJECT &&
           zend_hash_str_find_ptr_lc(&Z_OBJCE_P(v)->function_table, "log", 3) !=
               NULL;
}

static int ct_php_is_callable(zval *v)
{
    return zend_is_callable(v, 0, NULL);
}

/* Copies option `name` (absent or null: nothing) into *dst when ok(value),
 * else throws the configuration error `msg` naming it. */
static zend_result ct_php_obs_hook(HashTable *options, const char *name,
                                   int (*ok)(zval *), const char *msg,
                                   zval *dst)
{
    zval *v = zend_hash_str_find_deref(options, name, strlen(name));
    if (v == NULL || Z_TYPE_P(v) == IS_NULL)
        return SUCCESS;
    if (!ok(v)) {
        ct_php_throw_code(CT_ERR_CONFIG, name, msg);
        return FAILURE;
    }
    ZVAL_COPY(dst, v);
    return SUCCESS;
}

/* Takes the shim's own options out of `options` into c; *rest: the
 * options for the core (a copy to release, or `options` itself). */
zend_result ct_php_obs_take(ct_php_client *c, HashTable *options,
                            HashTable **rest)
{
    zval *v;
    int i, found = 0;

    *rest = options;
    if (ct_php_obs_hook(options, "logger", ct_php_is_logger,
                        "invalid option: logger must be an object with a "
                        "log($level, $message, array $context) method (a "
                        "PSR-3 logger)",
                        &c->logger) == FAILURE ||
        ct_php_obs_hook(options, "on_call", ct_php_is_callable,
                        "invalid option: on_call must be a callable taking "
                        "one record (an array)",
                        &c->on_call) == FAILURE)
        return FAILURE;
    if ((v = zend_hash_str_find_deref(options, "log_bodies", 10)) != NULL &&
        Z_TYPE_P(v) != IS_NULL) {
        if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
            zend_argument_type_error(1, "option \"log_bodies\" must be bool");
            return FAILURE;
        }
        c->log_bodies = Z_TYPE_P(v) == IS_TRUE;
    }
    for (i = 0; i < CT_PHP_OBS_KEYS; i++)
        found |= zend_hash_str_exists(options, ct_php_obs_keys[i],
                                      strlen(ct_php_obs_keys[i]));
    if (found) {
        *rest = zend_array_dup(options);
        for (i = 0; i < CT_PHP_OBS_KEYS; i++)
            zend_hash_str_del(*rest, ct_php_obs_keys[i],
                              strlen(ct_php_obs_keys[i]));
    }
    return SUCCESS;
}

void ct_php_obs_release(ct_php_client *c)
{
    zval_ptr_dtor(&c->logger);
    ZVAL_UNDEF(&c->logger);
    zval_ptr_dtor(&c->on_call);
    ZVAL_UNDEF(&c->on_call);
}

HashTable *ct_php_obs_get_gc(zend_object *obj, zval **table, int *n)
{
    ct_php_client *c = ct_php_client_from_obj(obj);
    zend_get_gc_buffer *buf = zend_get_gc_buffer_create();

    zend_get_gc_buffer_add_zval(buf, &c->logger);
    zend_get_gc_buffer_add_zval(buf, &c->on_call);
    zend_get_gc_buffer_use(buf, table, n);
    return zend_std_get_properties(obj);
}

int ct_php_obs_flags(const ct_php_client *c)
{
    return c->log_bodies && Z_TYPE(c->logger) == IS_OBJECT ? CT_OBSERVE_BODIES
                                                           : 0;
}

/* The exchange of the call: an array, or null without an HTTP answer. */
void ct_php_obs_response(zval *rv, const ct_record *r)
{
    const ct_trace *t = ct_record_call(r);
    zval headers;
    size_t i;

    if (t == NULL || t->http_status == 0) {
        ZVAL_NULL(rv);
        return;
    }
    array_init(rv);
    add_assoc_long(rv, "status", t->http_status);
    array_init_size(&headers, (uint32_t)t->nheaders);
    for (i = 0; i < t->nheaders; i++) {
        zval pair;
        array_init_size(&pair, 2);
        add_next_index_stringl(&pair, t->headers[i].name,
                               t->headers[i].name_len);
        add_next_index_stringl(&pair, t->headers[i].value,
                               t->headers[i].value_len);
        add_next_index_zval(&headers, &pair);
    }
    add_assoc_zval(rv, "headers", &headers);
    add_assoc_long(rv, "attempts", t->attempt);
    add_assoc_double(rv, "elapsed", t->elapsed);
}

static void ct_php_record_array(zval *rv, const ct_trace *t)
{
    array_init(rv);
    add_assoc_string(rv, "kind", t->kind == CT_TRACE_CALL ? "call" : "attempt");
    add_assoc_string(rv, "gateway",
                     t->gateway ? ct_gateway_name((ct_gateway)t->gateway) : "");
    add_assoc_string(rv, "operation", t->operation);
    add_assoc_string(rv, "method", t->method);
    add_assoc_string(rv, "path", t->path);
    add_assoc_string(rv, "server", t->server);
    add_assoc_long(rv, "port", t->port);
    add_assoc_long(rv, "attempt", t->attempt);
    if (t->http_status != 0)
        add_assoc_long(rv, "http_status", t->http_status);
    else
        add_assoc_null(rv, "http_status");
    add_assoc_string(rv, "gateway_code", t->gateway_code);
    add_assoc_double(rv, "elapsed", t->elapsed);
    add_assoc_double(rv, "dns", t->dns);
    add_assoc_double(rv, "connect", t->connect);
    add_assoc_double(rv, "tls", t->tls);
    add_assoc_double(rv, "first_byte", t->first_byte);
    add_assoc_bool(rv, "reused", t->reused != 0);
    add_assoc_long(rv, "bytes_sent", (zend_long)t->bytes_sent);
    add_assoc_long(rv, "bytes_received", (zend_long)t->bytes_received);
    add_assoc_string(rv, "outcome", t->outcome);
    if (t->error[0] != '\0')
        add_assoc_string(rv, "error", t->error);
    else
        add_assoc_null(rv, "error");
    add_assoc_bool(rv, "retrying", t->retrying != 0);
}

/* A listener that threw: the call's outcome wins; a warning says so. */
static void ct_php_obs_swallow(const char *who)
{
    if (EG(exception) != NULL) {
        zend_string *cls = EG(exception)->ce->name;
        zend_string *name = zend_string_copy(cls);
        zend_clear_exception();
        php_error_docref(NULL, E_WARNING, "cardtoken: the %s threw %s", who,
                         ZSTR_VAL(name));
        zend_string_release(name);
    }
}

static void ct_php_obs_log(ct_php_client *c, const char *message, size_t len,
                           zval *context)
{
    zval fn, args[3], ret;

    ZVAL_STRINGL(&fn, "log", 3);
    ZVAL_STRINGL(&args[0], "debug", 5);
    ZVAL_STRINGL(&args[1], message, len);
    if (context != NULL)
        ZVAL_COPY(&args[2], context);
    else
        array_init(&args[2]);
    ZVAL_UNDEF(&ret);
    call_user_function(NULL, &c->logger, &fn, &ret, 3, args);
    zval_ptr_dtor(&ret);
    zval_ptr_dtor(&args[0]);
    zval_ptr_dtor(&args[1]);
    zval_ptr_dtor(&args[2]);
    zval_ptr_dtor(&fn);
    ct_php_obs_swallow("logger");
}

/* "<gateway> <operation> <what>: <text>", or the "not shown" note. */
static void ct_php_obs_log_body(ct_php_client *c, const ct_trace *t,
                                const char *what, const char *body, size_t len)
{
    smart_str s = {0};
    smart_str_appends(&s, t->gateway ? ct_gateway_name((ct_gateway)t->gateway)
                                     : "");
    smart_str_appendc(&s, ' ');
    smart_str_appends(&s, t->operation);
    smart_str_appendc(&s, ' ');
    smart_str_appends(&s, what);
    smart_str_appends(&s, ": ");
    if (body != NULL)
        smart_str_appendl(&s, body, len);
    else
        smart_str_appends(&s, "(not a JSON object: not shown)");
    smart_str_0(&s);
    ct_php_obs_log(c, ZSTR_VAL(s.s), ZSTR_LEN(s.s), NULL);
    smart_str_free(&s);
}

/* Hands every record to the logger and the hook. Call it with no exception
 * pending (before the call's own is thrown). */
void ct_php_obs_emit(ct_php_client *c, const ct_record *r)
{
    size_t i, n = ct_record_count(r);

    if (Z_TYPE(c->logger) != IS_OBJECT && Z_TYPE(c->on_call) == IS_UNDEF) {
        return; /* nobody listens */
    }
    for (i = 0; i < n; i++) {
        const ct_trace *t = ct_record_at(r, i);
        zval rec;
        ct_php_record_array(&rec, t);
        if (Z_TYPE(c->logger) == IS_OBJECT) {
            char line[1024];
            size_t len = ct_trace_format(t, line, sizeof(line));
            ct_php_obs_log(c, line, len, &rec);
            if (t->kind == CT_TRACE_CALL && c->log_bodies) {
                ct_php_obs_log_body(c, t, "request body (redacted)",
                                    t->request_body, t->request_body_len);
                ct_php_obs_log_body(c, t, "response body (masked)",
                                    t->response_body, t->response_body_len);
            }
        }
        if (Z_TYPE(c->on_call) != IS_UNDEF) {
            zval ret;
            ZVAL_UNDEF(&ret);
            call_user_function(NULL, NULL, &c->on_call, &ret, 1, &rec);
            zval_ptr_dtor(&ret);
            ct_php_obs_swallow("on_call hook");
        }
        zval_ptr_dtor(&rec);
    }
}
