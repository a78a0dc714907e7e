/*
 * ct_php_notify.c - verifyNotification() and notificationAck() of every
 * gateway class, from the gateway's description: the parameters of
 * verifyNotification are its notify_params, in order (PHP names; the
 * optional ones may be null), each filling the ct_notification member of
 * its name (the one mechanism the Python shim uses too); notificationAck
 * takes the path when the gateway signs its ack (ack_signed) and then
 * returns [headers, body].
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "ext/json/php_json.h"

#include "php_cardtoken.h"

#define CT_PHP_MAX_NOTIFY 8

/* The members of ct_notification an input can fill, by name. */
typedef enum ct_php_member {
    CT_PHP_M_BODY,
    CT_PHP_M_SIGN,
    CT_PHP_M_PATH,
    CT_PHP_M_HEADERS,
    CT_PHP_M_FIELDS,
    CT_PHP_M_MAX_AGE,
    CT_PHP_M_UNKNOWN
} ct_php_member;

static const char *const ct_php_member_names[CT_PHP_M_UNKNOWN] = {
    [CT_PHP_M_BODY] = "body",     [CT_PHP_M_SIGN] = "sign",
    [CT_PHP_M_PATH] = "path",     [CT_PHP_M_HEADERS] = "headers",
    [CT_PHP_M_FIELDS] = "fields", [CT_PHP_M_MAX_AGE] = "max_age",
};

static ct_php_member ct_php_member_of(const char *name)
{
    int m;

    for (m = 0; m < CT_PHP_M_UNKNOWN; m++) {
        if (strcmp(ct_php_member_names[m], name) == 0) {
            return (ct_php_member)m;
        }
    }
    return CT_PHP_M_UNKNOWN;
}

/* One parsed input: what ZPP would have given for its type. */
typedef struct ct_php_input {
    zend_string *str; /* body, sign, path */
    HashTable *ht;    /* headers, fields */
    double num;       /* max_age */
    bool is_null;     /* absent or null */
} ct_php_input;

/* Parses argument `arg` (number arg_num) for input `p` as ZPP would
 * (coercive or strict typing as the caller's file says). false with a
 * TypeError thrown on a wrong type. */
static bool ct_php_parse_input(const ct_param_desc *p, zval *arg,
                               uint32_t arg_num, ct_php_input *in)
{
    bool nullable = p->nullable || !p->required;

    in->is_null = arg == NULL || Z_TYPE_P(arg) == IS_NULL;
    if (arg == NULL || (in->is_null && nullable)) {
        in->is_null = true;
        return true;
    }
    switch (ct_php_member_of(p->name)) {
    case CT_PHP_M_BODY:
    case CT_PHP_M_SIGN:
        if (zend_parse_arg_str(arg, &in->str, nullable, arg_num)) {
            return true;
        }
        zend_wrong_parameter_type_error(
            arg_num, nullable ? Z_EXPECTED_STRING_OR_NULL : Z_EXPECTED_STRING,
            arg);
        return false;
    case CT_PHP_M_PATH:
        if (zend_parse_arg_path_str(arg, &in->str, nullable, arg_num)) {
            return true;
        }
        zend_wrong_parameter_type_error(
            arg_num, nullable ? Z_EXPECTED_PATH_OR_NULL : Z_EXPECTED_PATH, arg);
        return false;
    case CT_PHP_M_HEADERS:
    case CT_PHP_M_FIELDS:
        if (Z_TYPE_P(arg) == IS_ARRAY) {
            in->ht = Z_ARRVAL_P(arg);
            return true;
        }
        zend_wrong_parameter_type_error(
            arg_num, nullable ? Z_EXPECTED_ARRAY_OR_NULL : Z_EXPECTED_ARRAY,
            arg);
        return false;
    case CT_PHP_M_MAX_AGE:
        if (zend_parse_arg_double(arg, &in->num, &in->is_null, nullable,
                                  arg_num)) {
            return true;
        }
        zend_wrong_parameter_type_error(
            arg_num, nullable ? Z_EXPECTED_DOUBLE_OR_NULL : Z_EXPECTED_DOUBLE,
            arg);
        return false;
    case CT_PHP_M_UNKNOWN:
    default:
        zend_throw_error(NULL, "cardtoken: notification input %s has no member",
                         p->name);
        return false;
    }
}

/* Fills the member of input `p` (not absent). `json` and `headers` keep
 * what the members point into. FAILURE with an exception thrown. */
static zend_result ct_php_fill_member(const ct_param_desc *p,
                                      const ct_php_input *in, uint32_t arg_num,
                                      ct_notification *n, smart_str *json,
                                      ct_php_headers *headers)
{
    switch (ct_php_member_of(p->name)) {
    case CT_PHP_M_BODY:
        n->body = ZSTR_VAL(in->str);
        n->body_len = ZSTR_LEN(in->str);
        return SUCCESS;
    case CT_PHP_M_SIGN:
        n->sign = ZSTR_VAL(in->str);
        n->sign_len = ZSTR_LEN(in->str);
        return SUCCESS;
    case CT_PHP_M_PATH: n->path = ZSTR_VAL(in->str); return SUCCESS;
    case CT_PHP_M_HEADERS:
        if (ct_php_headers_from(in->ht, arg_num, headers) != SUCCESS) {
            return FAILURE;
        }
        n->headers = headers->items;
        n->nheaders = headers->count;
        return SUCCESS;
    case CT_PHP_M_FIELDS: {
        zval fields;
        ZVAL_ARR(&fields, in->ht);
        if (ct_php_json(json, &fields, true) != SUCCESS) {
            ct_php_throw_code(CT_ERR_VALIDATION, p->name,
                              "notification fields cannot be encoded as JSON "
                              "(invalid UTF-8?)");
            return FAILURE;
        }
        n->fields_json = ZSTR_VAL(json->s);
        n->fields_json_len = ZSTR_LEN(json->s);
        return SUCCESS;
    }
    case CT_PHP_M_MAX_AGE:
        /* a given 0, negative or NaN stays invalid: the core refuses it,
         * naming max_age (0 means no check) */
        n->max_age = in->num == 0 ? -1 : in->num;
        return SUCCESS;
    case CT_PHP_M_UNKNOWN:
    default: return FAILURE;
    }
}

/* Verifies `n` and returns the verified content as a PHP array. */
static void ct_php_verify(ct_php_client *c, const ct_notification *n,
                          zval *return_value)
{
    ct_result *res = NULL;
    ct_error err;
    const char *json;
    size_t len = 0;

    if (ct_verify_notification(c->client, n, &res, &err) != CT_OK) {
        ct_php_throw(&err);
        return;
    }
    json = ct_result_json(res, &len);
    if (json == NULL ||
        php_json_decode_ex(return_value, json, len, PHP_JSON_OBJECT_AS_ARRAY,
                           PHP_JSON_PARSER_DEFAULT_DEPTH) != SUCCESS ||
        Z_TYPE_P(return_value) != IS_ARRAY) {
        zval_ptr_dtor(return_value);
        ZVAL_NULL(return_value);
        /* the core accepts deeper nesting than PHP's decoder */
        ct_php_throw_code(
            CT_ERR_PROTOCOL, "body",
            "the verified notification is nested too deeply to be read");
    }
    ct_result_free(res);
}

void ct_php_verify_notification(INTERNAL_FUNCTION_PARAMETERS)
{
    ct_php_client *c = ct_php_client_from_obj(Z_OBJ_P(ZEND_THIS));
    const ct_gateway_desc *gd = c->gd;
    ct_php_input in[CT_PHP_MAX_NOTIFY];
    uint32_t i, np, required = 0, argc = ZEND_NUM_ARGS();
    ct_notification n;
    ct_php_headers headers;
    smart_str json = {0};

    if (gd == NULL) {
        zend_throw_error(NULL, "%s is not a cardtoken gateway class",
                         ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));
        RETURN_THROWS();
    }
    np = gd->nnotify < CT_PHP_MAX_NOTIFY ? (uint32_t)gd->nnotify
                                         : CT_PHP_MAX_NOTIFY;
    for (i = 0; i < np; i++) {
        required += gd->notify_params[i].required ? 1 : 0;
    }
    if (argc < required || argc > np) {
        zend_wrong_parameters_count_error(required, np);
        RETURN_THROWS();
    }
    memset(in, 0, sizeof(in));
    for (i = 0; i < np; i++) {
        if (!ct_php_parse_input(&gd->notify_params[i],
                                i < argc ? ZEND_CALL_ARG(execute_data, i + 1)
                                         : NULL,
                                i + 1, &in[i])) {
            RETURN_THROWS();
        }
    }
    if ((c = ct_php_this_client(execute_data)) == NULL) {
        RETURN_THROWS();
    }
    memset(&n, 0, sizeof(n));
    memset(&headers, 0, sizeof(headers));
    for (i = 0; i < np; i++) {
        if (!in[i].is_null &&
            ct_php_fill_member(&gd->notify_params[i], &in[i], i + 1, &n, &json,
                               &headers) != SUCCESS) {
            break;
        }
    }
    if (i == np) {
        ct_php_verify(c, &n, return_value);
    }
    ct_php_headers_free(&headers);
    smart_str_free(&json);
}

void ct_php_notification_ack(INTERNAL_FUNCTION_PARAMETERS)
{
    ct_php_client *c = ct_php_client_from_obj(Z_OBJ_P(ZEND_THIS));
    zend_string *path = NULL;
    ct_request *req = NULL;
    ct_error err;
    const char *body;
    size_t len = 0;

    if (c->gd != NULL && c->gd->ack_signed) {
        ZEND_PARSE_PARAMETERS_START(1, 1)
            Z_PARAM_PATH_STR(path)
        ZEND_PARSE_PARAMETERS_END();
    } else {
        ZEND_PARSE_PARAMETERS_NONE();
    }
    if ((c = ct_php_this_client(execute_data)) == NULL) {
        RETURN_THROWS();
    }
    if (ct_notification_ack(c->client, path != NULL ? ZSTR_VAL(path) : "", &req,
                            &err) != CT_OK) {
        ct_php_throw(&err);
        RETURN_THROWS();
    }
    body = ct_request_body(req, &len);
    if (path != NULL) {
        /* a signed acknowledgement: [headers, body] */
        zval hdrs;
        array_init_size(return_value, 2);
        ct_php_request_headers(&hdrs, req);
        add_next_index_zval(return_value, &hdrs);
        add_next_index_stringl(return_value, body != NULL ? body : "",
                               body != NULL ? len : 0);
    } else {
        RETVAL_STRINGL(body != NULL ? body : "", body != NULL ? len : 0);
    }
    ct_request_free(req);
}
