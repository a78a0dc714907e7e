/* request.h - built requests (request.c). Private to the core. */
#ifndef CT_REQUEST_H
#define CT_REQUEST_H

#include "buf.h"
#include "cardtoken.h"
#include "kv.h"

#define CT_MAX_HEADERS 8
#define CT_MAX_SIGN_WORDS 16

struct ct_request {
    char *method;
    char *url;
    char *hname[CT_MAX_HEADERS];
    char *hvalue[CT_MAX_HEADERS];
    size_t nheaders;
    unsigned hsecret; /* bit i: header i is a credential (masked in print) */
    ct_buf body;
    char *request_id;
    int retry_attempt; /* WorldFirst: how many U answers came before */
    char *pan;         /* for redaction, wiped on free */
    char *cvv;
    char *token;  /* a payment token besides a CVV: redacted as the CVV */
    char *echo;   /* the key the answer must echo (asset, order, user id) */
    char *holder; /* Pagsmile: the cardholder name the answer must echo */
    const ct_op_desc *op;    /* the operation built; NULL for an ack */
    const char *path;        /* its path (ct_op_impl.path, static), or NULL */
    ct_observer_fn observer; /* who sees this call (trace.c), or NULL */
    void *observer_ud;
    int observer_flags; /* CT_OBSERVE_* */
    /* doctor.c: what was signed, kept only when the client asked for it
     * (ct_client_keep_signed); wiped on free. */
    ct_buf sign_input;            /* the exact bytes signed */
    size_t sign_secret_tail;      /* its last n bytes are a secret (the key) */
    const char *sign_secret_name; /* that secret's option name (static) */
    char *signature;              /* hex (MD5, HMAC) or base64 (RSA) */
    char *sign_words[CT_MAX_SIGN_WORDS]; /* secret argument values, masked */
    size_t nsign_words;
};

/* new: an empty request for method and url (copied); NULL: no memory. */
ct_request *ct_request_alloc(const char *method, const char *url);
ct_err ct_request_add_header(ct_request *r, const char *name, const char *value,
                             size_t vlen, ct_error *err);
/* As ct_request_add_header, for a credential (an OAuth token): sent as
 * given, printed masked (ct_request_header_is_secret). */
ct_err ct_request_add_secret_header(ct_request *r, const char *name,
                                    const char *value, size_t vlen,
                                    ct_error *err);
/* A fixed answer: appends body (NUL-terminated) and its Content-Type. */
ct_err ct_request_set_body(ct_request *r, const char *content_type,
                           const char *body, ct_error *err);
/* Records card data for ct_request_body_redacted (copied). */
ct_err ct_request_set_secrets(ct_request *r, const ct_kv *pan, const ct_kv *cvv,
                              ct_error *err);
/* Records a payment token sent besides a CVV, for ct_request_body_redacted
 * (copied). */
ct_err ct_request_set_token(ct_request *r, const ct_kv *token, ct_error *err);
/* Records what the answer must echo (copied; either may be NULL). */
ct_err ct_request_set_echo(ct_request *r, const ct_kv *key, const ct_kv *holder,
                           ct_error *err);
/* The doctor's one capture point, called where a gateway signs: when the
 * client keeps what it signs (ct_client_keep_signed), copies the signed
 * bytes in[0..n) (whose last secret_tail bytes are the secret option
 * secret_name, a static string, or 0 / NULL) and the signature sig[0..slen)
 * into req; else does nothing. */
ct_err ct_request_keep_signed(const ct_client *c, ct_request *req,
                              const char *in, size_t n, const char *secret_name,
                              size_t secret_tail, const char *sig, size_t slen,
                              ct_error *err);
/* The doctor (doctor.c): when c keeps what it signs, records the values of
 * op's secret arguments (at any depth of object and list arguments) in req,
 * to be masked by ct_request_explain. */
ct_err ct_doctor_keep_args(const ct_client *c, ct_request *req,
                           const ct_op_desc *op, const ct_args *args,
                           ct_error *err);
/* An answer is about its request: when `want` (NUL-terminated) is not NULL,
 * the echoed value got[0..glen) (present: it was in the answer) must equal
 * it; otherwise CT_ERR_PROTOCOL naming `field`, outcome unknown (the
 * request may have been carried out, the answer is someone else's). */
ct_err ct_echo_check(const char *want, const char *got, size_t glen,
                     int present, const char *gw, const char *field,
                     ct_error *err);

#endif /* CT_REQUEST_H */
