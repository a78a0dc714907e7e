/*
 * cardtoken.h - the one public header of the cardtoken C core.
 *
 * cardtoken validates, signs, sends, verifies and parses four payment
 * gateways' card-vault calls (Pagsmile, PayerMax, YabandPay, WorldFirst).
 * The Python and PHP extensions are thin shims over this header.
 *
 * Conventions
 *  - Every symbol is prefixed ct_ / CT_. Handles are opaque.
 *  - Every fallible call returns a ct_err (CT_OK == 0) and, when the caller
 *    passes a non-NULL ct_error *, fills it with the details.
 *  - Ownership words in doc comments:
 *      "new"      the caller owns the returned object and frees it with the
 *                 named _free function;
 *      "borrowed" the pointer stays owned by its parent object and is valid
 *                 until that object is freed;
 *      "copied"   the callee copies what it needs; the caller keeps ownership.
 *  - Strings are UTF-8 and come with explicit lengths where they may hold
 *    arbitrary bytes. Nothing here is NUL-terminated unless stated.
 *  - Thread safety: ct_global_init() once per process before anything else.
 *    A ct_client may be used by several threads at once. Other handles
 *    (ct_config, ct_args, ct_request, ct_result) belong to one thread at a
 *    time.
 *  - Card data: no error message produced by this library ever holds a card
 *    number (beyond first six and last four), a CVV, a key or a secret. Every
 *    buffer that held one is wiped before it is freed.
 */
#ifndef CARDTOKEN_H
#define CARDTOKEN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exported from a shared build; hidden inside an extension module, which
 * compiles the core in with -DCT_EMBEDDED (core/build.mk). */
#if defined(__GNUC__) && !defined(CT_EMBEDDED)
#define CT_API __attribute__((visibility("default")))
#else
#define CT_API
#endif

#define CT_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/* The category of an error; each maps to one exception class. */
typedef enum ct_category {
    CT_CAT_NONE = 0,
    CT_CAT_INTERNAL = 1,      /* out of memory, internal fault: Error    */
    CT_CAT_CONFIGURATION = 2, /* ConfigurationError                      */
    CT_CAT_VALIDATION = 3,    /* ValidationError                         */
    CT_CAT_TRANSPORT = 4,     /* TransportError                          */
    CT_CAT_PROTOCOL = 5,      /* ProtocolError                           */
    CT_CAT_SIGNATURE = 6,     /* SignatureError                          */
    CT_CAT_GATEWAY = 7,       /* GatewayError                            */
    CT_CAT_RESULT_UNKNOWN = 8 /* ResultUnknownError (a GatewayError)     */
} ct_category;

/*
 * The error table. X(name, value, category, retryable, outcome_unknown,
 * message). Bindings expand this macro to build their constants, so the
 * table lives in one place.
 */
/* clang-format off */
#define CT_ERROR_TABLE(X)                                                     \
    X(CT_OK, 0, CT_CAT_NONE, 0, 0, "success")                                 \
    X(CT_ERR_NOMEM, 1, CT_CAT_INTERNAL, 0, 0, "out of memory")                \
    X(CT_ERR_INTERNAL, 2, CT_CAT_INTERNAL, 0, 0, "internal error")            \
    X(CT_ERR_CONFIG, 10, CT_CAT_CONFIGURATION, 0, 0, "invalid client option") \
    X(CT_ERR_KEY, 11, CT_CAT_CONFIGURATION, 0, 0, "invalid key")              \
    X(CT_ERR_CLOSED, 12, CT_CAT_CONFIGURATION, 0, 0, "client is closed")      \
    X(CT_ERR_VALIDATION, 20, CT_CAT_VALIDATION, 0, 0, "invalid argument")     \
    X(CT_ERR_DNS, 30, CT_CAT_TRANSPORT, 1, 0, "could not resolve host")       \
    X(CT_ERR_CONNECT, 31, CT_CAT_TRANSPORT, 1, 0, "could not connect")        \
    X(CT_ERR_TLS, 32, CT_CAT_TRANSPORT, 0, 0, "TLS handshake or verification failed") \
    X(CT_ERR_TIMEOUT, 33, CT_CAT_TRANSPORT, 0, 1, "timed out")                \
    X(CT_ERR_NETWORK, 34, CT_CAT_TRANSPORT, 0, 1, "connection failed during the exchange") \
    X(CT_ERR_REDIRECT, 35, CT_CAT_TRANSPORT, 0, 1, "redirect refused")        \
    X(CT_ERR_TOO_LARGE, 36, CT_CAT_TRANSPORT, 0, 1, "response too large")     \
    X(CT_ERR_RATE_LIMITED, 37, CT_CAT_TRANSPORT, 1, 0, "rate limited (HTTP 429)") \
    X(CT_ERR_SERVER, 38, CT_CAT_TRANSPORT, 0, 1, "gateway server error (HTTP 5xx)") \
    X(CT_ERR_PROTOCOL, 40, CT_CAT_PROTOCOL, 0, 0, "malformed response")       \
    X(CT_ERR_HTTP_STATUS, 41, CT_CAT_PROTOCOL, 0, 0, "unexpected HTTP status") \
    X(CT_ERR_SIGNATURE, 50, CT_CAT_SIGNATURE, 0, 0, "signature missing or invalid") \
    X(CT_ERR_GATEWAY, 60, CT_CAT_GATEWAY, 0, 0, "gateway declined the request") \
    X(CT_ERR_RESULT_UNKNOWN, 70, CT_CAT_RESULT_UNKNOWN, 1, 1, "result unknown; query again later")
/* clang-format on */

typedef enum ct_err {
#define CT_X_ENUM(name, value, cat, retry, unknown, msg) name = value,
    CT_ERROR_TABLE(CT_X_ENUM)
#undef CT_X_ENUM
} ct_err;

/*
 * Details of the last failure of a call. The caller allocates it (usually on
 * the stack) and passes it in; the library fills every field. All strings
 * are NUL-terminated and never hold card data, keys or secrets.
 */
typedef struct ct_error {
    ct_err code;
    ct_category category;
    int gateway;               /* ct_gateway, 0 when not tied to a gateway */
    int retryable;             /* 1: the same call may be sent again        */
    int outcome_unknown;       /* 1: the request may have reached the gateway */
    int http_status;           /* 0 when there was no HTTP response         */
    double retry_after;        /* seconds; < 0 when not given               */
    char field[64];            /* the argument or option at fault, or ""    */
    char message[320];         /* human-readable, safe to log               */
    char gateway_code[64];     /* the gateway's own code, or ""             */
    char gateway_message[256]; /* the gateway's own message, or ""          */
} ct_error;

/* Static lookups: "CT_ERR_TIMEOUT", "timed out". Never NULL (borrowed). */
CT_API const char *ct_err_name(ct_err code);
CT_API const char *ct_err_str(ct_err code);
CT_API ct_category ct_err_category(ct_err code);
/* "configuration", "validation", ... (borrowed static string). */
CT_API const char *ct_category_name(ct_category cat);
/* Resets *err to "no error". */
CT_API void ct_error_clear(ct_error *err);

/* ------------------------------------------------------------------ */
/* Library                                                             */
/* ------------------------------------------------------------------ */

/*
 * Once per process, before any other call (PHP MINIT, Python exec slot).
 * Idempotent and thread-safe. It installs, process-wide, an allocator that
 * wipes on free for jansson (json_set_alloc_funcs) and, when libcurl was
 * not initialised yet, for libcurl (curl_global_init_mem): parsed responses
 * hold card numbers. A C program that also uses jansson must call it before
 * its first jansson call and free jansson's output with jansson's free
 * function (json_get_alloc_funcs). When another component initialised
 * libcurl first (PHP's curl extension does), libcurl's own buffers are not
 * wiped; OpenSSL's plaintext buffers still are (SSL_OP_CLEANSE_PLAINTEXT).
 */
CT_API ct_err ct_global_init(void);
/* "0.1.0" (borrowed static). */
CT_API const char *ct_version(void);
/* libcurl's and OpenSSL's version strings (borrowed static). */
CT_API const char *ct_curl_version(void);
CT_API const char *ct_openssl_version(void);

/* The process-wide cache (share.c, keycache.c): clients whose endpoint,
 * CA file, proxy and timeouts match share idle connections, TLS sessions,
 * DNS answers and the CA store; parsed RSA keys are shared by the SHA-256
 * of their text. persistent: 1 on, 0 off (the default of the library; it
 * also frees what is cached); max_connections: idle connections kept per
 * endpoint (1..64, default 16); idle_timeout: seconds a connection or endpoint
 * may stay idle (1..3600, default 50). -1 leaves a setting as it is.
 * Thread-safe; a forked child never uses what its parent cached. */
CT_API ct_err ct_cache_configure(int persistent, long max_connections,
                                 long idle_timeout, ct_error *err);
/* The settings and how many endpoints and keys are cached now. */
CT_API void ct_cache_info(int *persistent, long *max_connections,
                          long *idle_timeout, size_t *endpoints, size_t *keys);
/* Frees every cached endpoint and key no client holds (wiped). */
CT_API void ct_cache_flush(void);

/* ------------------------------------------------------------------ */
/* Gateways, operations, argument types                                */
/* ------------------------------------------------------------------ */

typedef enum ct_gateway {
    CT_GW_PAGSMILE = 1,
    CT_GW_PAYERMAX = 2,
    CT_GW_YABANDPAY = 3,
    CT_GW_WORLDFIRST = 4
} ct_gateway;

/* "pagsmile", "payermax", "yabandpay", "worldfirst" (borrowed static);
 * "" when gw is not a gateway. */
CT_API const char *ct_gateway_name(ct_gateway gw);

/* How a binding should accept a value for an option, argument or
 * notification input. */
typedef enum ct_type {
    CT_TYPE_UNKNOWN = 0, /* no such option / argument                    */
    CT_TYPE_STRING = 1,  /* text                                          */
    CT_TYPE_INT = 2,     /* integer (pass its decimal text)               */
    CT_TYPE_FLOAT = 3,   /* number (pass its decimal text)                */
    CT_TYPE_SECRET = 4,  /* text that is a key, secret, card number or CVV:
                            bindings must keep it out of traces          */
    CT_TYPE_BOOL = 5,    /* passed to ct_args_set as "true"/"false"       */
    CT_TYPE_OBJECT = 6,  /* passed as the JSON text of an object;
                            `children` lists its keys                    */
    CT_TYPE_LIST = 7,    /* passed as the JSON text of an array;
                            `children`, if any, describe each element
                            object's keys                                */
    CT_TYPE_MAPPING = 8, /* notification inputs only: a str->str mapping
                            (headers, form fields)                       */
    CT_TYPE_BYTES = 9    /* notification inputs only: raw bytes (a body)  */
} ct_type;

/* ------------------------------------------------------------------ */
/* Descriptions: every gateway, its options, operations, notifications */
/* ------------------------------------------------------------------ */

/*
 * A read-only description of what the core offers, from which bindings
 * build their classes, methods and stubs. Every pointer reached from these
 * functions is borrowed static data, valid for the life of the process;
 * nothing is freed by the caller. Arrays come with their length.
 */

/* One option, argument, or notification input. */
typedef struct ct_param_desc {
    const char *name;     /* snake_case: "card_number"                      */
    const char *php_name; /* PHP spelling: options/args keep snake_case keys
                             (PHP passes one array), notification inputs are
                             camelCase parameter names ("maxAge")           */
    ct_type type;
    int required; /* 1: must be given                                       */
    int secret;   /* 1: card data, key, secret or token: PHP marks it
                     #[\SensitiveParameter], Python keeps it out of
                     repr/tracebacks                                        */
    const struct ct_param_desc *children; /* CT_TYPE_OBJECT / CT_TYPE_LIST,
                                             else NULL                      */
    size_t nchildren;
    const char *doc; /* one line, for generated stubs and docs              */
    int nullable;    /* 1: None / null is accepted for it (PayerMax's
                        notification sign: a missing header)               */
} ct_param_desc;

/* The type of a result field's value (see ct_field). */
typedef enum ct_value_type {
    CT_VAL_NULL = 0,
    CT_VAL_STRING = 1,
    CT_VAL_INT = 2,
    /* A JSON object as compact UTF-8 text in ct_field.str (the `raw`
     * field: card numbers and credentials already masked by the core);
     * bindings hand it out as a read-only mapping (Python) or an array
     * (PHP). */
    CT_VAL_JSON = 3
} ct_value_type;

/* One field of a result record. */
typedef struct ct_result_field_desc {
    const char *name;   /* "first_six_digits"                               */
    ct_value_type type; /* CT_VAL_STRING, CT_VAL_INT or CT_VAL_JSON         */
    int nullable;       /* 1: may be CT_VAL_NULL                            */
    int sensitive;      /* 1: printed masked (ct_mask)                      */
    const char *doc;
} ct_result_field_desc;

/* One operation of a gateway. */
typedef struct ct_op_desc {
    const char *name;        /* "get_card_token"                            */
    const char *php_name;    /* "getCardToken"                              */
    const char *result_name; /* "CardTokenResult"                           */
    int returns_list;        /* 1: a list of records (PayerMax inquire)     */
    const ct_param_desc *args;
    size_t nargs;
    const ct_result_field_desc *fields;
    size_t nfields;
    const char *doc;
} ct_op_desc;

/* One gateway. */
typedef struct ct_gateway_desc {
    ct_gateway id;
    const char *name;       /* "pagsmile"                                   */
    const char *class_name; /* "Pagsmile"                                   */
    const ct_param_desc *options; /* constructor options, common ones too   */
    size_t noptions;
    const ct_op_desc *ops;
    size_t nops;
    /* verify_notification / verifyNotification inputs, in positional
     * order; each maps to a ct_notification member by name: "body", "sign",
     * "path", "headers", "fields" (-> fields_json), "max_age". */
    const ct_param_desc *notify_params;
    size_t nnotify;
    int ack_signed; /* 1: notification_ack(path) returns signed headers     */
    const char *doc;
} ct_gateway_desc;

/* Number of gateways, and the i-th one (NULL when i >= count). */
CT_API size_t ct_gateway_count(void);
CT_API const ct_gateway_desc *ct_gateway_at(size_t i);
/* By name ("pagsmile"); NULL: none. */
CT_API const ct_gateway_desc *ct_gateway_find(const char *name);
/* NULL: not a gateway. */
CT_API const ct_gateway_desc *ct_gateway_describe(ct_gateway gw);
/* By snake_case or PHP name; NULL when the gateway has no such operation. */
CT_API const ct_op_desc *ct_op_find(const ct_gateway_desc *gw,
                                    const char *name);
/* By name among params[0..n) (options, args or notify inputs); NULL when
 * absent. */
CT_API const ct_param_desc *ct_param_find(const ct_param_desc *params, size_t n,
                                          const char *name);

/* ------------------------------------------------------------------ */
/* Client configuration                                                */
/* ------------------------------------------------------------------ */

typedef struct ct_config ct_config;

/* new: a configuration for gateway `gw`; NULL only when out of memory. */
CT_API ct_config *ct_config_new(ct_gateway gw);
/* Wipes and frees. NULL is a no-op. */
CT_API void ct_config_free(ct_config *cfg);
/*
 * Sets option `name` to the text value[0..len) (copied). Numbers are given
 * as their decimal text ("30", "2.5"). Unknown names and bad values give
 * CT_ERR_CONFIG naming the option. Setting an option twice keeps the last.
 */
CT_API ct_err ct_config_set(ct_config *cfg, const char *name, const char *value,
                            size_t len, ct_error *err);

/* ------------------------------------------------------------------ */
/* Client                                                              */
/* ------------------------------------------------------------------ */

typedef struct ct_client ct_client;

/*
 * new: a client built from `cfg` (copied; cfg may be freed afterwards).
 * Every option is checked here, keys are parsed here: a missing or bad
 * option is CT_ERR_CONFIG / CT_ERR_KEY naming it.
 */
CT_API ct_err ct_client_new(const ct_config *cfg, ct_client **out,
                            ct_error *err);
/* Closes connections, wipes keys and frees. NULL is a no-op. Must not race
 * with calls on the same client. */
CT_API void ct_client_free(ct_client *client);
CT_API ct_gateway ct_client_gateway(const ct_client *client);

/* ------------------------------------------------------------------ */
/* Operation arguments                                                 */
/* ------------------------------------------------------------------ */

typedef struct ct_args ct_args;

/* new: an empty argument set; NULL only when out of memory. */
CT_API ct_args *ct_args_new(void);
/* Wipes (arguments may hold card data) and frees. NULL is a no-op. */
CT_API void ct_args_free(ct_args *args);
/* Sets argument `name` to value[0..len) (copied). Validation happens when
 * the request is built, not here. */
CT_API ct_err ct_args_set(ct_args *args, const char *name, const char *value,
                          size_t len, ct_error *err);

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

typedef struct ct_request ct_request;

/*
 * new: validates `args` for operation `op` (one of the client's gateway's
 * ct_gateway_desc.ops), builds and signs the gateway request, without any
 * network I/O. Errors: CT_ERR_VALIDATION (field named; "operation" when op
 * is NULL or belongs to another gateway), CT_ERR_CLOSED, CT_ERR_NOMEM,
 * CT_ERR_INTERNAL.
 */
CT_API ct_err ct_build(ct_client *client, const ct_op_desc *op,
                       const ct_args *args, ct_request **out, ct_error *err);
/* The operation the request was built for; NULL for a notification
 * answer (borrowed static). */
CT_API const ct_op_desc *ct_request_op(const ct_request *req);
/* Wipes (the body may hold card data) and frees. NULL is a no-op. */
CT_API void ct_request_free(ct_request *req);
/* borrowed, NUL-terminated. */
CT_API const char *ct_request_method(const ct_request *req);
CT_API const char *ct_request_url(const ct_request *req);
/* borrowed: the exact body bytes to send. */
CT_API const char *ct_request_body(const ct_request *req, size_t *len);
/* new: the body with card numbers masked to first six and last four, CVVs
 * and secrets replaced by "***"; safe to print. Free with ct_free_string. */
CT_API char *ct_request_body_redacted(const ct_request *req, size_t *len);
/* Number of headers and the i-th one (borrowed, NUL-terminated). */
CT_API size_t ct_request_header_count(const ct_request *req);
CT_API ct_err ct_request_header(const ct_request *req, size_t i,
                                const char **name, const char **value);
/* 1 when the i-th header is a credential (WorldFirst Access-Token): every
 * printing path shows it masked ("***"), never its value. */
CT_API int ct_request_header_is_secret(const ct_request *req, size_t i);
/* The YabandPay request_id that was sent, or NULL (borrowed). */
CT_API const char *ct_request_id(const ct_request *req);
/* Frees a string returned as "new" by this library (wiping it). */
CT_API void ct_free_string(char *s);

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

typedef struct ct_result ct_result;

/* One field of a result record (all pointers borrowed from the result). */
typedef struct ct_field {
    const char *name; /* NUL-terminated, e.g. "token"                  */
    ct_value_type type;
    const char
        *str; /* CT_VAL_STRING / CT_VAL_JSON: the bytes (NUL-terminated too) */
    size_t len;
    long long num; /* CT_VAL_INT                                    */
    int sensitive; /* 1: card data; bindings must mask it when printing */
} ct_field;

/* Wipes (results may hold card data) and frees. NULL is a no-op. */
CT_API void ct_result_free(ct_result *res);
/* The result type's name, e.g. "CardTokenResult" (borrowed static). */
CT_API const char *ct_result_type(const ct_result *res);
/* 1 when the operation returns a list (PayerMax), else 0. */
CT_API int ct_result_is_list(const ct_result *res);
/* Number of records (1 for single results; 0 or more for lists). */
CT_API size_t ct_result_count(const ct_result *res);
/* The fields of record `i` (borrowed array of *nfields entries). */
CT_API const ct_field *ct_result_record(const ct_result *res, size_t i,
                                        size_t *nfields);
/*
 * The printable form of a sensitive value (ct_field.sensitive), the one
 * rule both bindings print: a card number (12 or more characters) keeps
 * its last four ("************1111"), anything shorter (a CVV) is "***".
 * Writes at most cap-1 bytes plus a NUL into out (copied); returns the
 * length of the masked form. cap >= len + 4 always suffices.
 */
CT_API size_t ct_mask(const char *value, size_t len, char *out, size_t cap);

/*
 * The printable form of any other text the library hands out (result string
 * fields, names echoed back): every sequence of 12 or more digits (any
 * Unicode decimal digits, groups joined by up to four separators, a run of
 * white space counting as one: "4000 -- 2718 -- ...") keeps its first six and
 * last four digits, the others become '*'; control characters become '?'.
 * Writes at most cap-1 bytes plus a NUL into out (copied); returns the length
 * written. cap >= len + 1 always suffices.
 */
CT_API size_t ct_mask_text(const char *value, size_t len, char *out,
                           size_t cap);

/*
 * new (free with ct_free_string): the printable form of a JSON object text
 * (a verified notification, a result's raw): the same value with every
 * credential (a member named as a payment or OAuth token, authorization
 * code, CVV, password or secret) masked as ct_mask does and every card
 * number (a member named as one, or 13-19 Luhn-valid digits anywhere)
 * keeping its first six and last four digits; README "raw". NULL when the
 * text is not a JSON object or memory ran out. *len gets its length.
 */
CT_API char *ct_mask_json(const char *json, size_t len, size_t *out_len);

/* For notification results: the verified JSON text (borrowed). */
CT_API const char *ct_result_json(const ct_result *res, size_t *len);

/* ------------------------------------------------------------------ */
/* Parsing and calling                                                 */
/* ------------------------------------------------------------------ */

/* One received header (pointers copied by the callee as needed). */
typedef struct ct_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} ct_header;

/*
 * new: verifies and parses a response received for operation `op` of this
 * client. `req` may be NULL; when given (as in ct_call) its request_id is
 * echoed in the YabandPay result and what it sent is checked against the
 * answer. op may be NULL when req is given (the request knows its
 * operation); an op that is not the client's gateway's, or that differs
 * from the request's, is CT_ERR_VALIDATION naming "operation". Errors:
 * CT_ERR_PROTOCOL, CT_ERR_HTTP_STATUS, CT_ERR_REDIRECT, CT_ERR_RATE_LIMITED,
 * CT_ERR_SERVER, CT_ERR_SIGNATURE, CT_ERR_GATEWAY, CT_ERR_RESULT_UNKNOWN.
 */
CT_API ct_err ct_parse(ct_client *client, const ct_op_desc *op,
                       const ct_request *req, int status,
                       const ct_header *headers, size_t nheaders,
                       const char *body, size_t len, ct_result **out,
                       ct_error *err);

/*
 * new: one whole call of operation `op`: validate, build, sign, send
 * (reusing the client's connections), verify and parse. Blocks; bindings
 * release their interpreter lock around it. Retries only connect/DNS
 * failures. The returned code never depends on whether err is NULL.
 */
CT_API ct_err ct_call(ct_client *client, const ct_op_desc *op,
                      const ct_args *args, ct_result **out, ct_error *err);

/* ------------------------------------------------------------------ */
/* Observing calls (README "Debugging and observability")              */
/* ------------------------------------------------------------------ */

#define CT_TRACE_ATTEMPT 1 /* one HTTP attempt finished (or failed)       */
#define CT_TRACE_CALL 2    /* the whole call finished (after every retry) */

/*
 * What one attempt or one call did: nothing secret in it. Every string is
 * borrowed for the duration of the observer call only (copy what you
 * keep); the path is the URL's path with the text masking rule applied
 * (ct_mask_text), never the query; no header, no body.
 */
typedef struct ct_trace {
    int kind;                 /* CT_TRACE_ATTEMPT or CT_TRACE_CALL          */
    int gateway;              /* ct_gateway                                 */
    const char *operation;    /* "get_card_token"; "" for an ack            */
    const char *method;       /* "POST"                                     */
    const char *path;         /* "/api/v1/card/token"                       */
    const char *server;       /* the URL's host: "sandbox.example.com"      */
    int port;                 /* the URL's port, 0 when not given           */
    int attempt;              /* attempt: 1, 2, ...; call: attempts made    */
    int http_status;          /* 0: no HTTP answer                          */
    const char *gateway_code; /* the gateway's code on an error, or ""      */
    double elapsed;           /* seconds (attempt: libcurl's total time)    */
    double dns, connect, tls, first_byte; /* attempt: seconds from its start
                                             (libcurl), 0 when not reached;
                                             call: the last attempt's     */
    int reused;               /* 1: no new connection was opened      */
    long long bytes_sent;     /* request body bytes uploaded          */
    long long bytes_received; /* response body bytes                  */
    const char *outcome;      /* "ok" or ct_category_name()           */
    const char *error;        /* "" or ct_err_name(), e.g. "CT_ERR_DNS" */
    int retrying;             /* attempt: 1 when another one follows  */
    /* call: the last answer's headers, each value masked: a credential's
     * (a name with auth, token, sign, secret, key, cookie, password or
     * session in it: Authorization, Access-Token, Signature, sign) as
     * "***", any other by ct_mask_text; none without an answer. */
    const ct_header *headers;
    size_t nheaders;
    /* call, only when the observer asked for CT_OBSERVE_BODIES: the request
     * body as ct_request_body_redacted() gives it and the answer's as
     * ct_mask_json() gives it (NULL when it is not a JSON object: never
     * shown then); NULL otherwise. */
    const char *request_body;
    size_t request_body_len;
    const char *response_body;
    size_t response_body_len;
} ct_trace;

/* Runs on the calling thread (for a ct_multi: inside ct_multi_action or
 * ct_transfer_finish); must not call back into the client. */
typedef void (*ct_observer_fn)(void *userp, const ct_trace *t);

/* Every call of the client (ct_call, ct_multi) reports each attempt and
 * the whole call to fn (NULL: none, the default; costs nothing). Set it
 * before the client is shared between threads. */
CT_API void ct_client_set_observer(ct_client *client, ct_observer_fn fn,
                                   void *userp);

/* The one log line of a record (both bindings log it): "pagsmile
 * get_card_token attempt 1: POST /api/getcardtoken -> 200 ok in 8.9 ms (dns
 * 0.0, connect 0.1, tls 8.1, first byte 8.9 ms), connection new, sent 232 B,
 * received 231 B" or "... call: POST ... -> 200 ok after 1 attempt(s) in 9.0
 * ms, gateway code -". Writes at most cap-1 bytes and a NUL; returns the
 * length written. 512 bytes always suffice for a masked path of 256. */
CT_API size_t ct_trace_format(const ct_trace *t, char *out, size_t cap);

/*
 * A ready-made observer for bindings: ct_record_observe (userp: the
 * ct_record) keeps a copy of every record it is given (up to 16 attempts,
 * and the call's), to be read once the call returned, in order; the last is
 * the call's (kind CT_TRACE_CALL) once the call finished. Records stay
 * valid until ct_record_free (which wipes them).
 */
typedef struct ct_record ct_record;
CT_API ct_record *ct_record_new(void); /* NULL: no memory */
CT_API void ct_record_free(ct_record *r);
CT_API void ct_record_observe(void *userp, const ct_trace *t);
CT_API size_t ct_record_count(const ct_record *r);
CT_API const ct_trace *ct_record_at(const ct_record *r, size_t i);
/* The call's record, or NULL while the call has not finished. */
CT_API const ct_trace *ct_record_call(const ct_record *r);

#define CT_OBSERVE_BODIES 1 /* the call's record carries masked bodies */

/* As ct_call, reporting this call to fn (NULL: the client's observer);
 * flags: CT_OBSERVE_*. */
CT_API ct_err ct_call_observed(ct_client *client, const ct_op_desc *op,
                               const ct_args *args, ct_observer_fn fn,
                               void *userp, int flags, ct_result **out,
                               ct_error *err);

/* ------------------------------------------------------------------ */
/* The signature doctor (README "Signature doctor")                    */
/* ------------------------------------------------------------------ */

/* One option of a configuration to check: name and its text as given to
 * ct_config_set (borrowed for the call). */
typedef struct ct_doctor_option {
    const char *name;
    const char *value;
    size_t len;
} ct_doctor_option;

/* A doctor-only option: the merchant's public key as uploaded to the
 * gateway (PEM or base64 SPKI), checked to be private_key's pair. */
#define CT_DOCTOR_MERCHANT_PUBLIC_KEY "merchant_public_key"

/*
 * new (*out, free with ct_free_string): an offline check of a client
 * configuration of gateway gw, as the JSON text
 *   {"gateway":"payermax","ok":true,"errors":0,"warnings":1,
 *    "findings":[{"level":"ok|warn|error","code":"key_pair_mismatch",
 *                 "field":"merchant_public_key","message":"..."}, ...]}
 * opts are the client's options (ct_config_set names and text; the last of
 * a repeated name counts) plus CT_DOCTOR_MERCHANT_PUBLIC_KEY. Checked:
 * required options, every option as the client checks it, the RSA keys
 * (readable, RSA, 2048..8192 bits, the private key and the merchant public
 * key a pair, the gateway key not the merchant's own), key_version (what the
 * gateway accepts), a plain-http endpoint (loopback only), and with
 * CT_DOCTOR_ONLINE the clock. Codes are stable
 * (README). No finding holds key material or a secret: at most the SHA-256
 * fingerprint prefix of a public key. Returns CT_OK whatever was found;
 * CT_ERR_VALIDATION ("gateway") when gw is not a gateway, CT_ERR_NOMEM.
 */
CT_API ct_err ct_doctor_check(ct_gateway gw, const ct_doctor_option *opts,
                              size_t n, int flags, char **out, size_t *len,
                              ct_error *err);

/* ct_doctor_check flag: also send one HEAD request to the endpoint (the
 * client's transport: TLS verified, no redirect) and compare its Date
 * header with the client's clock (clock_ok; clock_skew, a warning beyond 5
 * s, an error beyond 60 s; endpoint_unreachable). Blocks up to the client's
 * timeout. */
#define CT_DOCTOR_ONLINE 1

/* From now on, requests this client builds keep the exact string they
 * signed and the signature (wiped with the request), for
 * ct_request_explain: one more copy per build, for diagnostic clients. Set
 * it before the client is shared between threads. */
CT_API void ct_client_keep_signed(ct_client *client, int on);

/*
 * new (*out, free with ct_free_string): what req (built by client, which
 * keeps what it signs) signed, as the JSON text
 *   {"gateway","operation","algorithm","sent_in","signed","masked",
 *    "secret_shown_as","signature"}
 * signed: the exact signed string, except that a secret in it (Pagsmile's
 * app_key, always) shows as secret_shown_as ("<app_key>"; null when the
 * string holds no secret), a card number as its first six and last four
 * digits, a CVV or token as "***" (the card data the request holds, as
 * ct_request_body_redacted masks it); masked: true when card data was
 * masked (else signed is byte for byte what was signed, but for the
 * secret's placeholder). signature: the MD5 / HMAC-SHA256 hex sent,
 * or the RSA signature's base64 (WorldFirst sends it URL-encoded).
 * CT_ERR_VALIDATION ("request") when the request kept nothing.
 */
CT_API ct_err ct_request_explain(const ct_client *client, const ct_request *req,
                                 char **out, size_t *len, ct_error *err);

/* ------------------------------------------------------------------ */
/* Notifications                                                       */
/* ------------------------------------------------------------------ */

/*
 * What a gateway posted to the merchant. Which members matter:
 *  Pagsmile:   fields_json (the form fields as a JSON object);
 *  PayerMax:   body, sign;
 *  YabandPay:  body (raw JSON, or the form body "resultData=<urlencoded>");
 *  WorldFirst: path, headers, body.
 * All borrowed for the duration of the call. max_age (PayerMax, WorldFirst,
 * whose notifications carry a signed time: notifyTime, Request-Time): when
 * > 0, a notification whose time is more than max_age seconds away from the
 * client's clock (older, or ahead) is refused as CT_ERR_SIGNATURE naming
 * the time field (a replay); 0 (memset) checks nothing. The other gateways'
 * notifications carry no time: max_age > 0 is CT_ERR_VALIDATION there.
 */
typedef struct ct_notification {
    const char *body;
    size_t body_len;
    const char *sign;
    size_t sign_len;
    const char *path;
    const ct_header *headers;
    size_t nheaders;
    const char *fields_json;
    size_t fields_json_len;
    double max_age;
} ct_notification;

/*
 * new: verifies a notification (constant-time comparison) and returns the
 * verified content as JSON text (ct_result_json): Pagsmile the fields,
 * PayerMax and WorldFirst the body, YabandPay the `data` object.
 * Errors: CT_ERR_SIGNATURE, CT_ERR_PROTOCOL, CT_ERR_VALIDATION.
 */
CT_API ct_err ct_verify_notification(ct_client *client,
                                     const ct_notification *n, ct_result **out,
                                     ct_error *err);

/*
 * new: the answer a gateway expects to a notification, as a request object
 * whose headers and body are to be sent back (method and url are empty).
 * `path` is the notify path (WorldFirst signs it; others ignore it).
 */
CT_API ct_err ct_notification_ack(ct_client *client, const char *path,
                                  ct_request **out, ct_error *err);

/* ------------------------------------------------------------------ */
/* Non-blocking calls on an event loop (libcurl's multi interface)     */
/* ------------------------------------------------------------------ */

/*
 * A ct_multi runs many calls of one client at once without blocking and
 * without threads: the binding watches the sockets and the one timer the
 * multi asks for (ct_watch_fn, ct_timer_fn) on its event loop and reports
 * what happened with ct_multi_action(). Each call is built and signed by
 * ct_multi_start (as ct_build does), sent with the same settings, resend
 * guard, response caps and connect/DNS retries as ct_call, within the
 * client's timeout, over connections the multi keeps for reuse; a finished
 * call (ct_multi_done) is verified and parsed by ct_transfer_finish, which
 * gives what ct_call gives. A ct_multi and its transfers belong to one
 * thread; callbacks run inside ct_multi_start, ct_multi_action and
 * ct_multi_free, and must not call back into the multi. The client must
 * outlive the multi.
 *
 * Fork: a multi belongs to the process that made it. In a child,
 * ct_multi_start fails (CT_ERR_CLOSED) and ct_multi_free abandons it
 * without a byte sent on the parent's connections; make a new one.
 */
typedef struct ct_multi ct_multi;
typedef struct ct_transfer ct_transfer;

#define CT_WATCH_NONE 0 /* stop watching the socket                      */
#define CT_WATCH_IN 1   /* readable                                       */
#define CT_WATCH_OUT 2  /* writable (CT_WATCH_IN | CT_WATCH_OUT: both)    */
#define CT_ACTION_TIMER (-1) /* ct_multi_action's fd when the timer fired */

/* Watch `fd` for `events` (CT_WATCH_*), replacing what was asked before. */
typedef void (*ct_watch_fn)(void *userp, int fd, int events);
/* Call ct_multi_action(m, CT_ACTION_TIMER, 0) after `ms` milliseconds
 * (0: soon), replacing the previous timer. The multi asks only when it
 * needs an earlier timer than the one asked for before; a timer that fires
 * with nothing due is harmless (the multi asks again). */
typedef void (*ct_timer_fn)(void *userp, long ms);

/* new: a multi for client c (borrowed: c must outlive it). */
CT_API ct_err ct_multi_new(ct_client *c, ct_watch_fn watch, ct_timer_fn timer,
                           void *userp, ct_multi **out, ct_error *err);
/* Removes and frees every transfer not finished or cancelled yet, closes
 * the connections and frees. NULL is a no-op. */
CT_API void ct_multi_free(ct_multi *m);
/* new (freed by ct_transfer_finish or ct_transfer_cancel, or with the
 * multi): validates, builds, signs and starts one call of op; `tag` is the
 * caller's. Errors as ct_build's; nothing is sent on an error. */
CT_API ct_err ct_multi_start(ct_multi *m, const ct_op_desc *op,
                             const ct_args *args, void *tag, ct_transfer **out,
                             ct_error *err);
/* As ct_multi_start, reporting this call's attempts (inside
 * ct_multi_action) and the call (inside ct_transfer_finish) to fn (NULL:
 * the client's observer); flags: CT_OBSERVE_*. */
CT_API ct_err ct_multi_start_observed(ct_multi *m, const ct_op_desc *op,
                                      const ct_args *args, void *tag,
                                      ct_observer_fn fn, void *userp, int flags,
                                      ct_transfer **out, ct_error *err);
/* Socket fd had `events` (CT_WATCH_*), or the timer fired (fd ==
 * CT_ACTION_TIMER): lets the transfers progress. */
CT_API void ct_multi_action(ct_multi *m, int fd, int events);
/* The next finished transfer (borrowed until finished or cancelled), or
 * NULL. */
CT_API ct_transfer *ct_multi_done(ct_multi *m);
/* Calls started and not yet finished or cancelled; easy handles alive. */
CT_API size_t ct_multi_inflight(const ct_multi *m);
CT_API size_t ct_multi_handles(const ct_multi *m);
CT_API void *ct_transfer_tag(const ct_transfer *t);
/* new: the result of a finished transfer, or its error as ct_call would
 * give it; frees (wipes) the transfer either way. */
CT_API ct_err ct_transfer_finish(ct_transfer *t, ct_result **out,
                                 ct_error *err);
/* Stops the transfer where it is (its connection is closed, never reused),
 * wipes and frees it. Returns 1 when its request may have reached the
 * gateway (the outcome of the call is then unknown), 0 when it provably
 * did not. */
CT_API int ct_transfer_cancel(ct_transfer *t);

#ifdef __cplusplus
}
#endif
#endif /* CARDTOKEN_H */
