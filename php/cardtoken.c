/*
 * cardtoken.c - module entry, class registration, exceptions.
 *
 * The gateway and result classes are registered from the lists generated
 * from the core's description (cardtoken_classes.h), with the register_*
 * functions PHP's gen_stub.php made of the generated stub
 * (cardtoken_arginfo.h): no class is named here.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "ext/standard/info.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_smart_str.h"

#include "php_cardtoken.h"
#include "cardtoken_arginfo.h"
#include "cardtoken_classes.h"

#define CT_PHP_COUNT(...) +1
#define CT_PHP_NGATEWAYS (0 CT_PHP_GATEWAY_CLASSES(CT_PHP_COUNT))
#define CT_PHP_NRESULTS (0 CT_PHP_RESULT_CLASSES(CT_PHP_COUNT))

zend_class_entry *ct_php_gateway_ces[CT_PHP_NGATEWAYS + 1];
const size_t ct_php_ngateway_ces = CT_PHP_NGATEWAYS;
zend_class_entry *ct_php_result_ces[CT_PHP_NRESULTS + 1];
const size_t ct_php_nresult_ces = CT_PHP_NRESULTS;
zend_class_entry *ct_php_ce_request;
static zend_class_entry *ct_php_ce_exception;
static zend_class_entry *ct_php_ce_configuration_exception;
static zend_class_entry *ct_php_ce_validation_exception;
static zend_class_entry *ct_php_ce_transport_exception;
static zend_class_entry *ct_php_ce_protocol_exception;
static zend_class_entry *ct_php_ce_signature_exception;
static zend_class_entry *ct_php_ce_gateway_exception;
static zend_class_entry *ct_php_ce_result_unknown_exception;

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/* The one place mapping an error category to its exception class. */
static zend_class_entry *ct_php_exception_class(ct_category cat)
{
    switch (cat) {
    case CT_CAT_CONFIGURATION: return ct_php_ce_configuration_exception;
    case CT_CAT_VALIDATION: return ct_php_ce_validation_exception;
    case CT_CAT_TRANSPORT: return ct_php_ce_transport_exception;
    case CT_CAT_PROTOCOL: return ct_php_ce_protocol_exception;
    case CT_CAT_SIGNATURE: return ct_php_ce_signature_exception;
    case CT_CAT_GATEWAY: return ct_php_ce_gateway_exception;
    case CT_CAT_RESULT_UNKNOWN: return ct_php_ce_result_unknown_exception;
    case CT_CAT_NONE:
    case CT_CAT_INTERNAL:
    default: return ct_php_ce_exception;
    }
}

static void ct_php_set_string_prop(zend_object *ex, const char *name,
                                   const char *value, size_t cap)
{
    size_t len = strnlen(value, cap);

    if (len > 0) {
        zend_update_property_stringl(ct_php_ce_exception, ex, name,
                                     strlen(name), value, len);
    }
}

void ct_php_throw(const ct_error *err)
{
    zend_class_entry *ce = ct_php_exception_class(ct_err_category(err->code));
    size_t mlen = strnlen(err->message, sizeof(err->message));
    zend_string *msg;
    zend_object *ex;

    if (mlen > 0) {
        msg = zend_string_init(err->message, mlen, 0);
    } else {
        msg = zend_string_init(ct_err_str(err->code),
                               strlen(ct_err_str(err->code)), 0);
    }
    ex = zend_throw_exception(ce, ZSTR_VAL(msg), (zend_long)err->code);
    zend_string_release(msg);

    if (err->gateway > 0) {
        const char *gw = ct_gateway_name((ct_gateway)err->gateway);
        if (gw != NULL && gw[0] != '\0') {
            zend_update_property_string(ct_php_ce_exception, ex, "gateway",
                                        sizeof("gateway") - 1, gw);
        }
    }
    ct_php_set_string_prop(ex, "field", err->field, sizeof(err->field));
    ct_php_set_string_prop(ex, "gatewayCode", err->gateway_code,
                           sizeof(err->gateway_code));
    ct_php_set_string_prop(ex, "gatewayMessage", err->gateway_message,
                           sizeof(err->gateway_message));
    zend_update_property_bool(ct_php_ce_exception, ex, "retryable",
                              sizeof("retryable") - 1, err->retryable != 0);
    zend_update_property_bool(ct_php_ce_exception, ex, "outcomeUnknown",
                              sizeof("outcomeUnknown") - 1,
                              err->outcome_unknown != 0);
    if (err->http_status > 0) {
        zend_update_property_long(ct_php_ce_exception, ex, "httpStatus",
                                  sizeof("httpStatus") - 1, err->http_status);
    }
    if (err->retry_after >= 0) {
        zend_update_property_double(ct_php_ce_exception, ex, "retryAfter",
                                    sizeof("retryAfter") - 1, err->retry_after);
    }
}

/* Sets the pending CardToken exception's response (an array; nothing for
 * null). */
void ct_php_exception_set_response(zval *response)
{
    if (EG(exception) == NULL || Z_TYPE_P(response) != IS_ARRAY ||
        !instanceof_function(EG(exception)->ce, ct_php_ce_exception)) {
        return;
    }
    zend_update_property(ct_php_ce_exception, EG(exception), "response",
                         sizeof("response") - 1, response);
}

void ct_php_throw_code(ct_err code, const char *field, const char *message)
{
    ct_error err;

    memset(&err, 0, sizeof(err));
    err.code = code;
    err.category = ct_err_category(code);
    err.retry_after = -1;
    if (field != NULL) {
        strncpy(err.field, field, sizeof(err.field) - 1);
    }
    strncpy(err.message, message, sizeof(err.message) - 1);
    ct_php_throw(&err);
}

/* Class constants CardToken\Exception::OK, ::NOMEM, ... from the core's
 * error table: the name without its CT_ERR_ / CT_ prefix. */
static void ct_php_declare_code_constant(const char *name, zend_long value)
{
    if (strncmp(name, "CT_ERR_", 7) == 0) {
        name += 7;
    } else if (strncmp(name, "CT_", 3) == 0) {
        name += 3;
    }
    zend_declare_class_constant_long(ct_php_ce_exception, name, strlen(name),
                                     value);
}

#define CT_PHP_EXC_PROP(method, prop)                                          \
    ZEND_METHOD(CardToken_Exception, method)                                   \
    {                                                                          \
        zval rv, *value;                                                       \
        ZEND_PARSE_PARAMETERS_NONE();                                          \
        value = zend_read_property(ct_php_ce_exception, Z_OBJ_P(ZEND_THIS),    \
                                   prop, sizeof(prop) - 1, 1, &rv);            \
        RETURN_COPY_DEREF(value);                                              \
    }

CT_PHP_EXC_PROP(getGateway, "gateway")
CT_PHP_EXC_PROP(getField, "field")
CT_PHP_EXC_PROP(isRetryable, "retryable")
CT_PHP_EXC_PROP(isOutcomeUnknown, "outcomeUnknown")
CT_PHP_EXC_PROP(getHttpStatus, "httpStatus")
CT_PHP_EXC_PROP(getGatewayCode, "gatewayCode")
CT_PHP_EXC_PROP(getGatewayMessage, "gatewayMessage")
CT_PHP_EXC_PROP(getRetryAfter, "retryAfter")
CT_PHP_EXC_PROP(getResponse, "response")

ZEND_METHOD(CardToken_Exception, getErrorName)
{
    zval rv, *code;
    zend_long value;

    ZEND_PARSE_PARAMETERS_NONE();
    code = zend_read_property(zend_ce_exception, Z_OBJ_P(ZEND_THIS), "code",
                              sizeof("code") - 1, 1, &rv);
    value = zval_get_long(code);
    if (value < INT_MIN || value > INT_MAX) {
        value = -1;
    }
    RETURN_STRING(ct_err_name((ct_err)value));
}

/* The registered class whose short name (after the namespace) is `name`. */
zend_class_entry *ct_php_class_named(zend_class_entry *const *ces, size_t n,
                                     const char *name)
{
    size_t i;

    for (i = 0; name != NULL && i < n; i++) {
        const char *full = ZSTR_VAL(ces[i]->name);
        const char *slash = strrchr(full, '\\');
        if (strcmp(slash != NULL ? slash + 1 : full, name) == 0) {
            return ces[i];
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Functions                                                           */
/* ------------------------------------------------------------------ */

ZEND_FUNCTION(CardToken_version)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_STRING(ct_version());
}

/* ------------------------------------------------------------------ */
/* Module                                                              */
/* ------------------------------------------------------------------ */

/* The process-wide connection and key cache (ct_cache_configure): system
 * settings, read once at MINIT, so every thread of a ZTS build and every
 * php-fpm worker (forked after MINIT: the core gives each its own cache)
 * sees the same. */
PHP_INI_BEGIN()
PHP_INI_ENTRY("cardtoken.persistent", "1", PHP_INI_SYSTEM, NULL)
PHP_INI_ENTRY("cardtoken.max_connections", "16", PHP_INI_SYSTEM, NULL)
PHP_INI_ENTRY("cardtoken.idle_timeout", "50", PHP_INI_SYSTEM, NULL)
PHP_INI_END()

static PHP_MINIT_FUNCTION(cardtoken)
{
    ct_error cerr;

    if (ct_global_init() != CT_OK) {
        php_error_docref(NULL, E_WARNING, "cardtoken: ct_global_init() failed");
        return FAILURE;
    }
    REGISTER_INI_ENTRIES();
    memset(&cerr, 0, sizeof(cerr));
    if (ct_cache_configure(INI_BOOL("cardtoken.persistent") ? 1 : 0,
                           (long)INI_INT("cardtoken.max_connections"),
                           (long)INI_INT("cardtoken.idle_timeout"),
                           &cerr) != CT_OK) {
        /* a bad value: the sizes keep their defaults */
        php_error_docref(NULL, E_WARNING, "cardtoken.%s: %s", cerr.field,
                         cerr.message);
        ct_cache_configure(INI_BOOL("cardtoken.persistent") ? 1 : 0, -1, -1,
                           NULL);
    }

    size_t n = 0;
#define CT_PHP_REGISTER_GATEWAY(cls)                                           \
    ct_php_gateway_ces[n] = register_class_CardToken_##cls();                  \
    ct_php_gateway_ces[n++]->create_object = ct_php_client_create;
    CT_PHP_GATEWAY_CLASSES(CT_PHP_REGISTER_GATEWAY)
#undef CT_PHP_REGISTER_GATEWAY
    n = 0;
#define CT_PHP_REGISTER_RESULT(cls)                                            \
    ct_php_result_ces[n] = register_class_CardToken_##cls();                   \
    ct_php_result_ces[n++]->create_object = ct_php_result_create;
    CT_PHP_RESULT_CLASSES(CT_PHP_REGISTER_RESULT)
#undef CT_PHP_REGISTER_RESULT
    ct_php_ce_request = register_class_CardToken_Request();
    ct_php_ce_request->create_object = ct_php_request_create;
    register_class_CardToken_Doctor();

    ct_php_ce_exception =
        register_class_CardToken_Exception(spl_ce_RuntimeException);
#define CT_PHP_X_CONST(name, value, cat, retry, unknown, msg)                  \
    ct_php_declare_code_constant(#name, value);
    CT_ERROR_TABLE(CT_PHP_X_CONST)
#undef CT_PHP_X_CONST
    ct_php_ce_configuration_exception =
        register_class_CardToken_ConfigurationException(ct_php_ce_exception);
    ct_php_ce_validation_exception =
        register_class_CardToken_ValidationException(ct_php_ce_exception);
    ct_php_ce_transport_exception =
        register_class_CardToken_TransportException(ct_php_ce_exception);
    ct_php_ce_protocol_exception =
        register_class_CardToken_ProtocolException(ct_php_ce_exception);
    ct_php_ce_signature_exception =
        register_class_CardToken_SignatureException(ct_php_ce_exception);
    ct_php_ce_gateway_exception =
        register_class_CardToken_GatewayException(ct_php_ce_exception);
    ct_php_ce_result_unknown_exception =
        register_class_CardToken_ResultUnknownException(
            ct_php_ce_gateway_exception);

    ct_php_client_minit();
    ct_php_objects_minit();
    return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(cardtoken)
{
    UNREGISTER_INI_ENTRIES();
    ct_cache_flush(); /* cached connections closed, keys wiped */
    return SUCCESS;
}

static PHP_RINIT_FUNCTION(cardtoken)
{
#if defined(ZTS) && defined(COMPILE_DL_CARDTOKEN)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    return SUCCESS;
}

static PHP_MINFO_FUNCTION(cardtoken)
{
    php_info_print_table_start();
    php_info_print_table_row(2, "cardtoken support", "enabled");
    php_info_print_table_row(2, "extension version", PHP_CARDTOKEN_VERSION);
    php_info_print_table_row(2, "core version", ct_version());
    php_info_print_table_row(2, "libcurl version", ct_curl_version());
    php_info_print_table_row(2, "OpenSSL version", ct_openssl_version());
    smart_str names = {0};
    for (size_t i = 0; i < ct_gateway_count(); i++) {
        if (i > 0) {
            smart_str_appends(&names, ", ");
        }
        smart_str_appends(&names, ct_gateway_at(i)->class_name);
    }
    smart_str_0(&names);
    php_info_print_table_row(2, "gateways",
                             names.s != NULL ? ZSTR_VAL(names.s) : "");
    smart_str_free(&names);
    {
        char row[64];
        size_t endpoints = 0, keys = 0;
        ct_cache_info(NULL, NULL, NULL, &endpoints, &keys);
        snprintf(row, sizeof(row), "%zu endpoints, %zu keys", endpoints, keys);
        php_info_print_table_row(2, "cache (this process)", row);
    }
    php_info_print_table_end();
    DISPLAY_INI_ENTRIES();
}

zend_module_entry cardtoken_module_entry = {
    STANDARD_MODULE_HEADER,
    "cardtoken",
    ext_functions,
    PHP_MINIT(cardtoken),
    PHP_MSHUTDOWN(cardtoken),
    PHP_RINIT(cardtoken),
    NULL,
    PHP_MINFO(cardtoken),
    PHP_CARDTOKEN_VERSION,
    STANDARD_MODULE_PROPERTIES,
};

#ifdef COMPILE_DL_CARDTOKEN
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(cardtoken)
#endif
