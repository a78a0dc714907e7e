/*
 * internal.h - shared declarations of the cardtoken core. Not installed,
 * not part of the API. Every file in core/src includes it.
 */
#ifndef CT_INTERNAL_H
#define CT_INTERNAL_H

#include "cardtoken.h"

#include <stdarg.h>
#include <stdint.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>

#define CT_UNUSED(x) (void)(x)
#define CT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- memory (mem.c) ------------------------------------------------- */
/* All core allocations go through these so that a test build can fail the
 * n-th one (CT_ALLOC_TEST) and every secret can be wiped on free. */
void *ct_malloc(size_t n);
void *ct_calloc(size_t n, size_t size);
/* Frees after wiping `n` bytes. */
void ct_free_secret(void *p, size_t n);
/* Frees a NUL-terminated string after wiping it. */
void ct_free_str(char *s);
/* new: copy of s[0..n) plus a NUL. */
char *ct_strndup(const char *s, size_t n);
char *ct_strdup(const char *s);

/* Wiping allocator installed for jansson and libcurl by ct_global_init. */
void *ct_wipe_malloc(size_t n);
void ct_wipe_free(void *p);
void *ct_wipe_realloc(void *p, size_t n);
void *ct_wipe_calloc(size_t n, size_t size);
char *ct_wipe_strdup(const char *s);
void ct_wipe_reset_failed(void);
int ct_wipe_has_failed(void);

/* ---- growable, always-wiped byte buffer (buf.c) -------------------- */
/* Appends never fail loudly: the first failed allocation sets `failed`
 * and later appends are no-ops; check once with ct_buf_ok(). The data is
 * always NUL-terminated when not failed. Old storage is wiped on growth. */
typedef struct ct_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} ct_buf;

void ct_buf_init(ct_buf *b);
void ct_buf_free(ct_buf *b);  /* wipes */
void ct_buf_reset(ct_buf *b); /* wipes, keeps storage */
int ct_buf_reserve(ct_buf *b, size_t extra);
void ct_buf_append(ct_buf *b, const char *s, size_t n);
void ct_buf_puts(ct_buf *b, const char *s);
void ct_buf_putc(ct_buf *b, char c);
void ct_buf_printf(ct_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline int ct_buf_ok(const ct_buf *b)
{
    return !b->failed;
}
/* new: the data as a NUL-terminated string (the buffer is emptied). */
char *ct_buf_detach(ct_buf *b, size_t *len);

/* ---- errors (errors.c) ---------------------------------------------- */
/* Fills *err (if not NULL) for `code`, with the table's flags and a
 * message built from fmt (must never contain card data). Returns code. */
ct_err ct_fail(ct_error *err, ct_err code, const char *field, const char *fmt,
               ...) __attribute__((format(printf, 4, 5)));
ct_err ct_fail_nomem(ct_error *err);
/* "unknown <what> '<name>'" naming `name`, masked (ct_mask_copy) in both
 * the message and the field. Returns code. */
ct_err ct_fail_unknown_name(ct_error *err, ct_err code, const char *what,
                            const char *name);
void ct_error_set_gateway(ct_error *err, ct_gateway gw);
struct ct_request;
/* Copies a gateway's code/message (truncated, sanitized to printable, card
 * data masked by ct_mask_copy; req, when not NULL, is the request answered:
 * its card number and CVV are masked wherever they appear). */
void ct_error_set_gateway_reply(ct_error *err, const struct ct_request *req,
                                const char *code, size_t clen, const char *msg,
                                size_t mlen);
/* A gateway's refusal: fmt has one %s for the gateway's code; the code and
 * message are kept (cleaned, card data masked as above). Returns code. */
ct_err ct_fail_gateway(ct_error *err, const struct ct_request *req, ct_err code,
                       const char *fmt, const char *gcode, size_t clen,
                       const char *gmsg, size_t mlen)
    __attribute__((format(printf, 4, 0)));

/* ---- masking of printed text (mask.c) ------------------------------- */
/* Copies src[0..n) into dst (at most cap-1 bytes, NUL-terminated) with
 * every card-number-like digit sequence masked to its first six and last
 * four digits, control characters and non-UTF-8 bytes as '?'; pan and cvv
 * (NUL-terminated, may be NULL) are the request's card data, masked
 * wherever they appear. Returns the length written (<= n). */
size_t ct_mask_copy(char *dst, size_t cap, const char *src, size_t n,
                    const char *pan, const char *cvv);

/* ---- key/value lists for options and arguments (kv.c) --------------- */
typedef struct ct_kv {
    char *name;
    char *value; /* NUL-terminated copy */
    size_t len;
} ct_kv;

typedef struct ct_kvlist {
    ct_kv *items;
    size_t n;
    size_t cap;
} ct_kvlist;

ct_err ct_kv_set(ct_kvlist *l, const char *name, const char *value, size_t len,
                 ct_error *err);
const ct_kv *ct_kv_get(const ct_kvlist *l, const char *name);
void ct_kv_free(ct_kvlist *l); /* wipes */

struct ct_config {
    ct_gateway gw;
    ct_kvlist kv;
};

struct ct_args {
    ct_kvlist kv;
};

/* ---- checks (check.c) ----------------------------------------------- */
/* The length (1 to 4) of the valid UTF-8 sequence at s[i] (i < n), its
 * code point in *cp; 0 when the bytes there are not UTF-8. */
size_t ct_utf8_decode(const char *s, size_t n, size_t i, uint32_t *cp);
/* Number of UTF-8 code points, or -1 when invalid UTF-8 or when it holds a
 * control character. */
long ct_utf8_chars(const char *s, size_t n);
int ct_all_digits(const char *s, size_t n);
int ct_luhn_ok(const char *s, size_t n);
/* Validation helpers: each returns CT_OK or a CT_ERR_VALIDATION naming
 * `field`. Text: 1..max chars (min 0 when allow_empty). */
ct_err ct_check_text(const ct_kv *v, const char *field, size_t max,
                     int allow_empty, ct_error *err);
ct_err ct_check_card_number(const ct_kv *v, const char *field, ct_error *err);
ct_err ct_check_cvv(const ct_kv *v, const char *field, ct_error *err);
ct_err ct_check_month(const ct_kv *v, const char *field, ct_error *err);
ct_err ct_check_year(const ct_kv *v, const char *field, ct_error *err);
/* The expiry (month and year already checked) against the client's clock:
 * CT_ERR_VALIDATION naming the field when the card has expired (a month
 * before the current one, as seen in the earliest time zone, UTC-12) or the
 * year lies more than CT_MAX_EXPIRY_YEARS ahead. */
#define CT_MAX_EXPIRY_YEARS 20
struct ct_client;
ct_err ct_check_expiry(const struct ct_client *c, const ct_kv *month,
                       const ct_kv *year, ct_error *err);
ct_err ct_check_oneof(const ct_kv *v, const char *field,
                      const char *const *allowed, ct_error *err);
ct_err ct_check_url(const ct_kv *v, const char *field, size_t max,
                    ct_error *err);
/* A notification's signed time t[0..n) (RFC 3339; t NULL: absent) must lie
 * within max_age seconds of the client's clock (max_age <= 0: no check);
 * otherwise CT_ERR_SIGNATURE naming `field`. */
ct_err ct_check_fresh(const struct ct_client *c, const char *t, size_t n,
                      double max_age, const char *gw, const char *field,
                      ct_error *err);
/* Parses a non-negative decimal integer text (no sign, <= 18 digits). */
int ct_parse_uint(const char *s, size_t n, long long *out);
/* Checks argument names against the gateway's table. */
ct_err ct_check_arg_names(const ct_op_desc *op, const ct_args *args,
                          ct_error *err);

/* ---- JSON text and parsing (json.c) --------------------------------- */
/* Appends s as a JSON string (with quotes). php: PHP json_encode style
 * (escape '/', \uXXXX for non-ASCII); else Python ensure_ascii=False. */
void ct_json_put_str(ct_buf *b, const char *s, size_t n, int php);
/* Appends "name":"value" with a leading comma when `comma`. */
void ct_json_put_member(ct_buf *b, int comma, const char *name,
                        const char *value, size_t n);
/* Appends any JSON value compactly (php style as above). */
void ct_json_put_value(ct_buf *b, const json_t *v, int php);
/* Appends a real in shortest round-trip form ("0.1", "10.0"). */
void ct_json_put_real(ct_buf *b, double d);
/* Parses a response body: object at top, duplicate keys rejected. */
ct_err ct_json_parse(const char *body, size_t len, json_t **out, ct_error *err);
/* As ct_json_parse, but an integer beyond 64 bits is no error: the text is
 * then read with every integer as a real (take exact digits from the text,
 * e.g. with ct_json_raw_next). */
ct_err ct_json_parse_bigint(const char *body, size_t len, json_t **out,
                            ct_error *err);
/* A member that must be a string (or, when `num_ok`, a number turned into
 * its text). Returns NULL (no error) when absent or JSON null and
 * !required; otherwise CT_ERR_PROTOCOL naming the member. */
ct_err ct_json_text(const json_t *obj, const char *key, int required,
                    int num_ok, ct_buf *out, int *present, ct_error *err);

/* An integer member (a JSON integer or a string of digits). */
ct_err ct_json_int(const json_t *obj, const char *key, int required,
                   long long *out, int *present, ct_error *err);

/* The raw text span [*vstart, *vend) of member `key` of the JSON object
 * in s[0..n) (text jansson already accepted); 0 when not found (keys
 * written with escapes are not matched). */
int ct_json_raw_member(const char *s, size_t n, const char *key, size_t *vstart,
                       size_t *vend);
/* The members of that object one by one, in text order: *pos starts at 0;
 * each call sets the raw key span [*kstart, *kend) (between the quotes) and
 * the value span, and returns 0 after the last member. */
int ct_json_raw_next(const char *s, size_t n, size_t *pos, size_t *kstart,
                     size_t *kend, size_t *vstart, size_t *vend);

/* ---- canonical strings (canon.c) ------------------------------------ */
typedef struct ct_pair {
    const char *key;
    size_t klen;
    const char *val;
    size_t vlen;
    int empty; /* PHP empty() of the original value */
} ct_pair;

/* Sorts pairs by key, byte-wise. */
void ct_pairs_sort(ct_pair *p, size_t n);
/* Appends k=v&k=v... (drop_empty: skips pairs with .empty set). */
void ct_pairs_join(ct_buf *out, const ct_pair *p, size_t n, int drop_empty);
/* Renders a JSON value for a canonical string into `out` (which must be
 * empty): strings as-is, numbers as digits, true "1", false/null "",
 * containers as compact JSON (php style or not). Returns PHP empty(). */
int ct_canon_render(ct_buf *out, const json_t *v, int php);
/* Builds the canonical string of the members of one or two JSON objects
 * (b may be NULL; `skip` names a key to leave out of both). */
ct_err ct_canon_objects(ct_buf *out, const json_t *a, const json_t *b,
                        const char *const *skip, int drop_empty, int php,
                        ct_error *err);
/* Frees the scratch of a canonical string: wipes and frees the value
 * buffers vals[0..n), then the arrays vals and pairs of `cap` entries. */
void ct_canon_scratch_free(ct_buf *vals, size_t n, ct_pair *pairs, size_t cap);

/* ---- PHP string conversion (phpstr.c) ------------------------------- */
/* Appends PHP's (string) of a float with precision=14 ("1.5E-7", "0.3",
 * "1.2345678901235E+14", "1.0E+20", "10.5", "-0"). */
void ct_php_double(ct_buf *out, double d);
/* The sorted "k=v&..." string of obj's members as a PHP server signs them
 * after json_decode($text, true): strings as they are, numbers as (string)
 * writes them, true "1", false and null "", objects and arrays "Array".
 * raw[0..raw_len) is obj's own JSON text (exact numbers). When a member is
 * an object or an array, *nested is set and `as_received` receives the same
 * string with those values as their received text. */
ct_err ct_php_canon(ct_buf *out, ct_buf *as_received, int *nested,
                    const json_t *obj, const char *raw, size_t raw_len,
                    ct_error *err);

/* ---- crypto (crypto.c) ---------------------------------------------- */
void ct_hex(const unsigned char *in, size_t n, char *out); /* 2n+1 */
int ct_md5_hex(const char *data, size_t n, char out[33]);
int ct_hmac_sha256_hex(const char *key, size_t klen, const char *data, size_t n,
                       char out[65]);
/* Appends the standard base64 of the SHA256withRSA signature. */
ct_err ct_rsa_sign_b64(const EVP_MD_CTX *tmpl, const char *data, size_t n,
                       ct_buf *out, ct_error *err);
/* 1 when sig (raw bytes) is a valid SHA256withRSA signature of data. */
int ct_rsa_verify(const EVP_MD_CTX *tmpl, const char *data, size_t n,
                  const unsigned char *sig, size_t siglen);
/* Fetches the algorithms once (ct_global_init). */
int ct_crypto_init(void);
/* new: a SHA256withRSA sign (sign=1) or verify context for key, copied for
 * each call (keyed once per client); NULL on failure. */
EVP_MD_CTX *ct_sign_template(EVP_PKEY *key, int sign);
/* new: an HMAC-SHA256 context keyed once per client. */
EVP_MAC_CTX *ct_hmac_template(const char *key, size_t klen);
int ct_hmac_sha256_hex_ctx(const EVP_MAC_CTX *tmpl, const char *data, size_t n,
                           char out[65]);
/* Strict standard base64 decode into out (cap bytes). -1 when invalid. */
long ct_b64_decode(const char *in, size_t n, unsigned char *out, size_t cap);
void ct_b64_encode(ct_buf *out, const unsigned char *in, size_t n);
/* Percent-encodes every byte but unreserved ones, upper-case hex. */
void ct_url_encode(ct_buf *out, const char *s, size_t n);
/* Decodes %XX (and '+' as space when form); -1 when malformed. */
int ct_url_decode(ct_buf *out, const char *s, size_t n, int form);
int ct_consttime_eq(const char *a, size_t alen, const char *b, size_t blen);
/* Constant-time: does `got` equal the lowercase hex `expected`, ignoring
 * the case of got's letters? */
int ct_hex_matches(const char *expected, size_t n, const char *got,
                   size_t glen);
/* Fills out[0..n) with [a-z0-9] from the OS random source, NUL-ends. */
int ct_random_alnum(char *out, size_t n);

/* ---- keys (keys.c) -------------------------------------------------- */
/* PEM with any label, or bare base64 of PKCS#1/PKCS#8 (private), SPKI /
 * PKCS#1 (public). RSA >= 2048 bits. Errors are CT_ERR_KEY naming `field`,
 * never containing key material. */
ct_err ct_load_private_key(const char *text, size_t n, const char *field,
                           EVP_PKEY **out, ct_error *err);
ct_err ct_load_public_key(const char *text, size_t n, const char *field,
                          EVP_PKEY **out, ct_error *err);

/* ---- clock (clock.c) ------------------------------------------------ */
typedef struct ct_time {
    int64_t unix_ms;
    int offset_min; /* local offset used when formatting */
} ct_time;

int ct_parse_rfc3339(const char *s, size_t n, ct_time *out);
/* The civil (UTC) year and month of a unix time in milliseconds. */
void ct_time_year_month(int64_t unix_ms, int *year, int *month);
/* "2022-01-22T10:00:00.500+08:00" (with_ms) or "2022-01-22T10:00:00+08:00" */
void ct_format_time(ct_buf *out, const ct_time *t, int with_ms);

/* ---- requests and results (request.c, result.c) --------------------- */
#define CT_MAX_HEADERS 8

struct ct_request {
    char *method;
    char *url;
    char *hname[CT_MAX_HEADERS];
    char *hvalue[CT_MAX_HEADERS];
    size_t nheaders;
    ct_buf body;
    char *request_id;
    int retry_attempt; /* WorldFirst: how many U answers came before */
    char *pan;         /* for redaction, wiped on free */
    char *cvv;
    char *echo;   /* the key the answer must echo (asset, order, user id) */
    char *holder; /* Pagsmile: the cardholder name the answer must echo */
    const ct_op_desc *op; /* the operation built; NULL for an ack */
};

/* new: an empty request for method and url (copied); NULL: no memory. */
ct_request *ct_request_alloc(const char *method, const char *url);
ct_err ct_request_add_header(ct_request *r, const char *name, const char *value,
                             size_t vlen, ct_error *err);
/* Records card data for ct_request_body_redacted (copied). */
ct_err ct_request_set_secrets(ct_request *r, const ct_kv *pan, const ct_kv *cvv,
                              ct_error *err);
/* Records what the answer must echo (copied; either may be NULL). */
ct_err ct_request_set_echo(ct_request *r, const ct_kv *key, const ct_kv *holder,
                           ct_error *err);
/* An answer is about its request: when `want` (NUL-terminated) is not NULL,
 * the echoed value got[0..glen) (present: it was in the answer) must equal
 * it; otherwise CT_ERR_PROTOCOL naming `field`, outcome unknown (the
 * request may have been carried out, the answer is someone else's). */
ct_err ct_echo_check(const char *want, const char *got, size_t glen,
                     int present, const char *gw, const char *field,
                     ct_error *err);

#define CT_MAX_FIELDS 14

typedef struct ct_record {
    ct_field f[CT_MAX_FIELDS];
    size_t n;
} ct_record;

struct ct_result {
    const char *type;
    int is_list;
    ct_record *recs;
    size_t nrec;
    size_t cap;
    char *json;
    size_t json_len;
};

/* new: an empty result of operation op's type (op NULL: a notification). */
ct_result *ct_result_alloc(const ct_op_desc *op);
/* Appends an empty record; NULL on no memory. */
ct_record *ct_result_add(ct_result *r);
/* Adds a field to a record (value copied). */
int ct_record_str(ct_record *rec, const char *name, const char *s, size_t n,
                  int sensitive);
int ct_record_null(ct_record *rec, const char *name);
int ct_record_int(ct_record *rec, const char *name, long long v);
/* Adds the member `key` of obj as field f (named f->name, masked when
 * f->sensitive): string (numbers as text), null when absent;
 * CT_ERR_PROTOCOL when required and absent or of the wrong type. */
ct_err ct_record_json(ct_record *rec, const ct_result_field_desc *f,
                      const json_t *obj, const char *key, int required,
                      ct_error *err);

/* ---- responses ------------------------------------------------------ */
typedef struct ct_response {
    int status;
    const ct_header *headers;
    size_t nheaders;
    const char *body;
    size_t len;
} ct_response;

/* The value of header `name` (case-insensitive) or NULL. */
const ct_header *ct_find_header(const ct_header *h, size_t n, const char *name);
/* Maps a non-200 status to its error (3xx, 429, 5xx, other); CT_OK for 200. */
ct_err ct_check_status(const ct_response *resp, ct_error *err);

/* ---- clients and gateways (client.c, <gateway>.c) ------------------- */
typedef struct ct_transport ct_transport;
typedef struct ct_client_secret {
    char *data;
    size_t len;
} ct_client_secret;

struct ct_client {
    const struct ct_gateway_ops *ops;
    char *base_url; /* scheme://host[:port], no trailing slash */
    double timeout;
    double connect_timeout;
    char *ca_file;
    char *proxy;
    int max_retries;
    int fixed_clock;
    ct_time fixed_time;
    /* credentials (which ones are set depends on the gateway) */
    char *merchant_no;
    char *app_id;
    char *user;
    char *client_id;
    char *key_version;
    ct_client_secret secret; /* Pagsmile app_key, YabandPay secret_key */
    EVP_PKEY *private_key;
    EVP_PKEY *gateway_public_key;
    EVP_MD_CTX *sign_ctx; /* keyed templates, copied per call */
    EVP_MD_CTX *verify_ctx;
    EVP_MAC_CTX *hmac_ctx;
    ct_transport *transport;
};

typedef struct ct_env {
    const char *name;
    const char *url;
} ct_env;

/* Description table entries (cardtoken.h's ct_param_desc and
 * ct_result_field_desc), written once in each gateway's file. */
#define CT_ARG(n, t, req, d)                                                  \
    {.name = (n), .php_name = (n), .type = (t), .required = (req),            \
     .secret = (t) == CT_TYPE_SECRET, .doc = (d)}
#define CT_NOTIFY(n, php, t, req, sec, d)                                     \
    {.name = (n), .php_name = (php), .type = (t), .required = (req),          \
     .secret = (sec), .doc = (d)}
#define CT_FIELD(n, t, nul, sens, d)                                          \
    {.name = (n), .type = (t), .nullable = (nul), .sensitive = (sens),        \
     .doc = (d)}
/* The options every client takes (read by ct_configure_common), listed
 * after each gateway's own. */
#define CT_COMMON_OPTIONS                                                     \
    CT_ARG("environment", CT_TYPE_STRING, 0,                                  \
           "named host set; environment or base_url is required"),            \
        CT_ARG("base_url", CT_TYPE_STRING, 0,                                 \
               "scheme://host[:port] instead of an environment"),             \
        CT_ARG("timeout", CT_TYPE_FLOAT, 0,                                   \
               "seconds for the whole exchange (default 30)"),                \
        CT_ARG("connect_timeout", CT_TYPE_FLOAT, 0,                           \
               "seconds to connect (default 10)"),                            \
        CT_ARG("ca_file", CT_TYPE_STRING, 0, "PEM file of trusted CAs"),      \
        CT_ARG("proxy", CT_TYPE_SECRET, 0,                                    \
               "proxy URL (may hold credentials)"),                           \
        CT_ARG("max_retries", CT_TYPE_INT, 0,                                 \
               "resends of calls that provably sent nothing (default 2)"),    \
        CT_ARG("fixed_time", CT_TYPE_STRING, 0,                               \
               "RFC 3339 time used as the clock (tests)")

/* How one operation runs: ops->impl[i] runs ops->desc.ops[i]. */
typedef struct ct_op_impl {
    const char *path; /* appended to the client's base_url */
    ct_err (*build)(ct_client *c, const ct_op_desc *op, const ct_args *args,
                    ct_request *req, ct_error *err);
    ct_err (*parse)(ct_client *c, const ct_op_desc *op, const ct_request *req,
                    const ct_response *resp, ct_result **out, ct_error *err);
} ct_op_impl;

typedef struct ct_gateway_ops {
    ct_gateway_desc desc; /* what the gateway offers (public) */
    const ct_env *envs;   /* named host sets, {NULL, NULL}-terminated */
    const ct_op_impl *impl;
    /* Reads and checks the gateway-specific options into the client. */
    ct_err (*configure)(ct_client *c, const ct_kvlist *opts, ct_error *err);
    ct_err (*verify_notification)(ct_client *c, const ct_notification *n,
                                  ct_result **out, ct_error *err);
    ct_err (*ack)(ct_client *c, const char *path, ct_request *req,
                  ct_error *err);
} ct_gateway_ops;

extern const ct_gateway_ops ct_pagsmile_ops;
extern const ct_gateway_ops ct_payermax_ops;
extern const ct_gateway_ops ct_yabandpay_ops;
extern const ct_gateway_ops ct_worldfirst_ops;

const ct_gateway_ops *ct_gateway_lookup(ct_gateway gw);
/* The implementation of op when op is one of gw's operations, else NULL. */
const ct_op_impl *ct_op_impl_of(const ct_gateway_ops *gw, const ct_op_desc *op);
/* Reads the options every client takes (CT_COMMON_OPTIONS) into c. */
ct_err ct_configure_common(ct_client *c, const ct_kvlist *o, ct_error *err);
/* The current time per the client (fixed in tests, else now in UTC). */
void ct_client_now(const ct_client *c, ct_time *t);
/* base_url and proxy, parsed by libcurl's URL API (url.c): base_url is
 * stored as scheme://host[:port] rebuilt from the parsed parts. */
ct_err ct_set_base_url(ct_client *c, const char *url, size_t n, ct_error *err);
ct_err ct_check_proxy(const char *url, size_t n, ct_error *err);
/* Required text option: copies into *dst, CT_ERR_CONFIG when absent/bad. */
ct_err ct_opt_text(const ct_kvlist *opts, const char *name, size_t max,
                   int required, const char *dflt, char **dst, ct_error *err);
ct_err ct_opt_private_key(const ct_kvlist *opts, const char *name,
                          EVP_PKEY **dst, ct_error *err);
ct_err ct_opt_public_key(const ct_kvlist *opts, const char *name,
                         EVP_PKEY **dst, ct_error *err);
ct_err ct_opt_secret(const ct_kvlist *opts, const char *name,
                     ct_client_secret *dst, ct_error *err);
/* Parses a notification JSON body (object; duplicates rejected). */
ct_err ct_result_from_json_text(const char *text, size_t n, ct_result **out,
                                ct_error *err);

/* ---- transport (transport.c) ---------------------------------------- */
typedef struct ct_http_reply {
    int status;
    ct_buf headers_raw;
    ct_header *headers;
    size_t nheaders;
    ct_buf body;
} ct_http_reply;

ct_err ct_transport_new(const ct_client *c, ct_transport **out, ct_error *err);
void ct_transport_free(ct_transport *t);
/* Sends req, with retries of failures that provably sent nothing. */
ct_err ct_transport_send(ct_client *c, const ct_request *req,
                         ct_http_reply *reply, ct_error *err);
void ct_http_reply_free(ct_http_reply *r);
/* A refused curl_easy_setopt: NOMEM, CONFIG naming `field` when given,
 * else INTERNAL. */
ct_err ct_fail_setopt(ct_error *err, CURLcode cc, const char *what,
                      const char *field);

/* ---- the per-process handle pool (pool.c) --------------------------- */
typedef struct ct_pool ct_pool;
/* Registers the fork handlers (ct_global_init). */
void ct_fork_init(void);
ct_err ct_pool_new(ct_pool **out, ct_error *err);
/* Frees it; in a forked child, abandons it without sending a byte. */
void ct_pool_free(ct_pool *p);
/* *slot, or after a fork a fresh pool stored in *slot (the inherited one
 * abandoned); NULL: no memory. */
ct_pool *ct_pool_current(ct_pool **slot, ct_error *err);
/* Hooks a new handle to the pool (socket tracking, share handle). */
ct_err ct_pool_attach(ct_pool *p, CURL *h, ct_error *err);
/* An idle handle whose connection has no unread bytes, or NULL. */
CURL *ct_pool_get(ct_pool *p);
void ct_pool_put(ct_pool *p, CURL *h);
/* Closes a handle of the pool (NULL: no-op). */
void ct_pool_discard(CURL *h);
/* Inside a transfer, once connected / after it: which connection it used. */
void ct_pool_note_connection(CURL *h);
void ct_pool_transfer_done(CURL *h);

/* ---- shared WorldFirst/Antom helpers (worldfirst.c) ----------------- */
/* Appends "POST <path>\n<client>.<time>.<body>". */
void ct_antom_content(ct_buf *out, const char *path, const char *client,
                      size_t clen, const char *time, size_t tlen,
                      const char *body, size_t blen);

#endif /* CT_INTERNAL_H */
