/*
 * ct_php_doctor.c - CardToken\Doctor (README "Signature doctor"): the same
 * core calls as Python's `python -m cardtoken doctor|sign`.
 *
 *   Doctor::check(string $gateway, array $config, bool $online = false): array
 *       ct_doctor_check's findings (the client's options plus the
 *       doctor-only merchant_public_key; values as the client takes them;
 *       $online: CT_DOCTOR_ONLINE, the clock against the endpoint's Date).
 *   Doctor::sign(string $gateway, string $op, array $args, array $config):
 * array builds $op with a client of $config that keeps what it signs (the
 *       client's own build<Op>() path) and returns ct_request_explain's
 *       answer plus the request's method and url.
 * Nothing returned holds key material, a secret or a full card number.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/json/php_json.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_cardtoken.h"

#include <string.h>

/* The gateway named `name`, or NULL with a ValidationException thrown. */
static const ct_gateway_desc *ct_php_doctor_gateway(const zend_string *name)
{
    const ct_gateway_desc *gd = ct_gateway_find(ZSTR_VAL(name));
    if (gd == NULL || strlen(ZSTR_VAL(name)) != ZSTR_LEN(name)) {
        ct_php_throw_code(CT_ERR_VALIDATION, "gateway",
                          "gateway is not one of pagsmile, payermax, "
                          "yabandpay, worldfirst");
        return NULL;
    }
    return gd;
}

/* Decodes the core's JSON answer (wiped and freed) into rv. */
static zend_result ct_php_doctor_decode(zval *rv, char *json, size_t len)
{
    zend_result rc =
        php_json_decode_ex(rv, json, len, PHP_JSON_OBJECT_AS_ARRAY, 64);
    ct_free_string(json);
    if (rc != SUCCESS) {
        ct_php_throw_code(CT_ERR_INTERNAL, NULL, "bad doctor answer");
    }
    return rc;
}

ZEND_METHOD(CardToken_Doctor, check)
{
    zend_string *gname;
    HashTable *config;
    zend_string *key;
    zval *val;
    ct_doctor_option *opts;
    zend_string **texts;
    size_t n = 0, i;
    char *json = NULL;
    size_t len = 0;
    ct_error err;
    ct_err rc;

    bool online = false;

    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_STR(gname)
        Z_PARAM_ARRAY_HT(config)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(online)
    ZEND_PARSE_PARAMETERS_END();

    const ct_gateway_desc *gd = ct_php_doctor_gateway(gname);
    if (gd == NULL) {
        RETURN_THROWS();
    }
    opts = ecalloc(zend_hash_num_elements(config) + 1, sizeof(*opts));
    texts = ecalloc(zend_hash_num_elements(config) + 1, sizeof(*texts));
    ZEND_HASH_FOREACH_STR_KEY_VAL(config, key, val) {
        ZVAL_DEREF(val);
        if (key == NULL || Z_TYPE_P(val) == IS_NULL) {
            continue;
        }
        if (Z_TYPE_P(val) == IS_ARRAY || Z_TYPE_P(val) == IS_OBJECT) {
            continue; /* logger, on_call: the shim's own options */
        }
        texts[n] = Z_TYPE_P(val) == IS_TRUE    ? zend_string_init("true", 4, 0)
                   : Z_TYPE_P(val) == IS_FALSE ? zend_string_init("false", 5, 0)
                                               : zval_get_string(val);
        opts[n].name = ZSTR_VAL(key);
        opts[n].value = ZSTR_VAL(texts[n]);
        opts[n].len = ZSTR_LEN(texts[n]);
        n++;
    }
    ZEND_HASH_FOREACH_END();
    rc = ct_doctor_check(gd->id, opts, n, online ? CT_DOCTOR_ONLINE : 0, &json,
                         &len, &err);
    for (i = 0; i < n; i++) {
        /* the caller's own strings (shared, never wiped here) or the text
         * of a number or bool */
        zend_string_release(texts[i]);
    }
    efree(texts);
    efree(opts);
    if (rc != CT_OK) {
        ct_php_throw(&err);
        RETURN_THROWS();
    }
    if (ct_php_doctor_decode(return_value, json, len) != SUCCESS) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(CardToken_Doctor, sign)
{
    zend_string *gname, *opname;
    HashTable *args, *config;
    zval client, cfg, argv, request, method;
    zend_class_entry *ce = NULL;
    const ct_op_desc *op;
    char *json = NULL, *mname;
    size_t len = 0, i;
    ct_error err;
    ct_err rc;

    ZEND_PARSE_PARAMETERS_START(4, 4)
        Z_PARAM_STR(gname)
        Z_PARAM_STR(opname)
        Z_PARAM_ARRAY_HT(args)
        Z_PARAM_ARRAY_HT(config)
    ZEND_PARSE_PARAMETERS_END();

    const ct_gateway_desc *gd = ct_php_doctor_gateway(gname);
    if (gd == NULL) {
        RETURN_THROWS();
    }
    op = ct_op_find(gd, ZSTR_VAL(opname));
    if (op == NULL) {
        ct_php_throw_code(CT_ERR_VALIDATION, "operation",
                          "operation is not one of the gateway's operations");
        RETURN_THROWS();
    }
    for (i = 0; i < ct_php_ngateway_ces; i++) {
        if (ct_gateway_at(i) == gd) {
            ce = ct_php_gateway_ces[i];
        }
    }
    if (ce == NULL) {
        ct_php_throw_code(CT_ERR_INTERNAL, NULL, "no class for the gateway");
        RETURN_THROWS();
    }
    /* The client's options without the doctor's own. */
    ZVAL_ARR(&cfg, zend_array_dup(config));
    zend_hash_str_del(Z_ARRVAL(cfg), CT_DOCTOR_MERCHANT_PUBLIC_KEY,
                      strlen(CT_DOCTOR_MERCHANT_PUBLIC_KEY));
    if (object_init_ex(&client, ce) != SUCCESS) {
        zval_ptr_dtor(&cfg);
        RETURN_THROWS();
    }
    zend_call_known_instance_method_with_1_params(ce->constructor,
                                                  Z_OBJ(client), NULL, &cfg);
    zval_ptr_dtor(&cfg);
    if (EG(exception)) {
        zval_ptr_dtor(&client);
        RETURN_THROWS();
    }
    ct_client_keep_signed(ct_php_client_from_obj(Z_OBJ(client))->client, 1);

    mname = emalloc(strlen(op->php_name) + 6);
    memcpy(mname, "build", 5);
    memcpy(mname + 5, op->php_name, strlen(op->php_name) + 1);
    mname[5] = (char)toupper((unsigned char)mname[5]);
    ZVAL_STRING(&method, mname);
    efree(mname);
    ZVAL_ARR(&argv, zend_array_dup(args));
    ZVAL_UNDEF(&request);
    call_user_function(NULL, &client, &method, &request, 1, &argv);
    zval_ptr_dtor(&argv);
    zval_ptr_dtor(&method);
    if (EG(exception) || Z_TYPE(request) != IS_OBJECT ||
        Z_OBJCE(request) != ct_php_ce_request) {
        zval_ptr_dtor(&request);
        zval_ptr_dtor(&client);
        if (!EG(exception)) {
            ct_php_throw_code(CT_ERR_INTERNAL, NULL, "no request was built");
        }
        RETURN_THROWS();
    }
    const ct_request *req = ct_php_request_from_obj(Z_OBJ(request))->req;
    rc = ct_request_explain(ct_php_client_from_obj(Z_OBJ(client))->client, req,
                            &json, &len, &err);
    if (rc == CT_OK &&
        ct_php_doctor_decode(return_value, json, len) == SUCCESS) {
        add_assoc_string(return_value, "method",
                         (char *)ct_request_method(req));
        add_assoc_string(return_value, "url", (char *)ct_request_url(req));
    } else if (rc != CT_OK) {
        ct_php_throw(&err);
    }
    zval_ptr_dtor(&request);
    zval_ptr_dtor(&client);
}
