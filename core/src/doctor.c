/* doctor.c - the signature doctor (README "Signature doctor"): an offline
 * check of a client configuration (keys parse, belong together, sizes, key
 * version, endpoint, required options; the clock against the endpoint's
 * Date header when asked) and the printable form of what a
 * built request signed. Nothing it writes holds key material or a secret:
 * at most a SHA-256 fingerprint prefix of a public key. */
#include "buf.h"
#include "client.h"
#include "errors.h"
#include "json.h"
#include "kv.h"
#include "keys.h"
#include "mem.h"
#include "registry.h"
#include "request.h"
#include "transport.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#define DR_MAX_FIELDS 32

/* The findings being written: a JSON array's members, and the option names
 * already reported as errors (one error per option is enough). */
typedef struct dr_report {
    ct_buf items;
    int nerrors, nwarnings, nitems;
    char failed[DR_MAX_FIELDS][64];
    size_t nfailed;
} dr_report;

static int dr_failed(const dr_report *d, const char *field)
{
    size_t i;
    for (i = 0; field != NULL && i < d->nfailed; i++)
        if (strcmp(d->failed[i], field) == 0)
            return 1;
    return 0;
}

static void dr_add(dr_report *d, const char *level, const char *code,
                   const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Appends one finding; level "ok", "warn" or "error"; field may be "". */
static void dr_add(dr_report *d, const char *level, const char *code,
                   const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (strcmp(level, "error") == 0) {
        d->nerrors++;
        if (field[0] != '\0' && !dr_failed(d, field) &&
            d->nfailed < DR_MAX_FIELDS)
            snprintf(d->failed[d->nfailed++], 64, "%s", field);
    } else if (strcmp(level, "warn") == 0) {
        d->nwarnings++;
    }
    ct_buf_puts(&d->items, d->nitems++ ? ",{" : "{");
    ct_json_put_member(&d->items, 0, "level", level, strlen(level));
    ct_json_put_member(&d->items, 1, "code", code, strlen(code));
    ct_json_put_member(&d->items, 1, "field", field, strlen(field));
    ct_json_put_member(&d->items, 1, "message", msg, strlen(msg));
    ct_buf_putc(&d->items, '}');
}

/* The last value given for option `name`, or NULL (absent). */
static const ct_doctor_option *dr_opt(const ct_doctor_option *o, size_t n,
                                      const char *name)
{
    const ct_doctor_option *found = NULL;
    size_t i;
    for (i = 0; i < n; i++)
        if (o[i].name != NULL && strcmp(o[i].name, name) == 0)
            found = &o[i];
    return found;
}

static int dr_given(const ct_doctor_option *v)
{
    return v != NULL && v->value != NULL && v->len > 0;
}

/* "SHA256:" and the first 8 bytes (hex) of the SHA-256 of the key's SPKI. */
static void dr_fingerprint(EVP_PKEY *k, char out[40])
{
    unsigned char *der = NULL, md[32];
    unsigned int mdlen = 0;
    int len = i2d_PUBKEY(k, &der), i;

    snprintf(out, 40, "SHA256:?");
    if (len <= 0 ||
        !EVP_Digest(der, (size_t)len, md, &mdlen, EVP_sha256(), NULL)) {
        OPENSSL_free(der);
        return;
    }
    OPENSSL_free(der);
    memcpy(out, "SHA256:", 7);
    for (i = 0; i < 8; i++)
        snprintf(out + 7 + 2 * i, 3, "%02x", md[i]);
}

/* Parses key option `name` (private or public) and reports what it is;
 * new: the key when it is an RSA key of a usable size, else NULL. */
static EVP_PKEY *dr_key(dr_report *d, const ct_gateway_desc *gd,
                        const ct_doctor_option *v, const char *name,
                        int private)
{
    const char *what = private ? "private" : "public";
    char fp[40];
    int nomem = 0, bits;
    EVP_PKEY *k;

    if (!dr_given(v))
        return NULL;
    k = ct_key_parse(v->value, v->len, private, &nomem);
    if (k == NULL && nomem) {
        dr_add(d, "error", "out_of_memory", name,
               "out of memory while reading %s", name);
        return NULL;
    }
    if (k == NULL) {
        dr_add(d, "error", "key_unreadable", name,
               "%s is not a readable RSA %s key (PEM, or base64 of %s)", name,
               what, private ? "PKCS#1 or PKCS#8" : "SPKI or PKCS#1");
        return NULL;
    }
    if (EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA) {
        dr_add(d, "error", "key_type", name,
               "%s is a %s key, not RSA: %s signs with SHA256withRSA", name,
               OBJ_nid2sn(EVP_PKEY_get_base_id(k)), gd->class_name);
        EVP_PKEY_free(k);
        return NULL;
    }
    bits = EVP_PKEY_get_bits(k);
    if (bits < 2048 || bits > 8192) {
        dr_add(d, "error", bits < 2048 ? "key_too_small" : "key_too_large",
               name, "%s is a %d-bit RSA key: %s needs 2048 to 8192 bits", name,
               bits, gd->class_name);
        EVP_PKEY_free(k);
        return NULL;
    }
    dr_fingerprint(k, fp);
    if (private)
        dr_add(d, "ok", "key_ok", name, "%s: RSA %d-bit private key", name,
               bits);
    else
        dr_add(d, "ok", "key_ok", name,
               "%s: RSA %d-bit public key, fingerprint %s", name, bits, fp);
    return k;
}

/* 1: sig over a probe made with priv verifies with pub; 0: it does not;
 * -1: OpenSSL failed. */
static int dr_pair(EVP_PKEY *priv, EVP_PKEY *pub)
{
    static const unsigned char probe[] = "cardtoken doctor probe";
    unsigned char sig[1024];
    size_t siglen = sizeof sig;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = -1;

    if (ctx != NULL &&
        EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, priv) == 1 &&
        EVP_DigestSign(ctx, sig, &siglen, probe, sizeof probe - 1) == 1) {
        EVP_MD_CTX_reset(ctx);
        ok = EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, pub) == 1 &&
             EVP_DigestVerify(ctx, sig, siglen, probe, sizeof probe - 1) == 1;
    }
    ERR_clear_error();
    EVP_MD_CTX_free(ctx);
    return ok;
}

/* The key version the gateway accepts: PayerMax "1" only; WorldFirst's
 * documented one is "2" (the Alipay SDKs' default "1" is refused). */
static void dr_key_version(dr_report *d, ct_gateway gw,
                           const ct_doctor_option *v)
{
    const char *want = gw == CT_GW_PAYERMAX ? "1" : "2";
    char got[16];
    size_t i, n = dr_given(v) ? v->len : 0;
    int digits = n > 0 && n < sizeof got;

    for (i = 0; digits && i < n; i++)
        digits = v->value[i] >= '0' && v->value[i] <= '9';
    if (n == 0) {
        dr_add(d, "ok", "key_version_ok", "key_version",
               "key_version %s (the default)", want);
        return;
    }
    if (!digits) {
        dr_add(d, "error", "key_version_wrong", "key_version",
               "key_version must be a number (%s sends it as keyVersion)",
               gw == CT_GW_PAYERMAX ? "PayerMax" : "WorldFirst");
        return;
    }
    memcpy(got, v->value, n);
    got[n] = '\0';
    if (strcmp(got, want) == 0)
        dr_add(d, "ok", "key_version_ok", "key_version", "key_version %s", got);
    else if (gw == CT_GW_PAYERMAX || strcmp(got, "1") == 0)
        dr_add(d, "error", "key_version_wrong", "key_version",
               "key_version %s is not one %s accepts (%s)%s", got,
               gw == CT_GW_PAYERMAX ? "PayerMax" : "WorldFirst",
               gw == CT_GW_PAYERMAX ? "\"1\", the only signature version"
                                    : "its RSA256 keys are version \"2\"",
               gw == CT_GW_PAYERMAX ? "" : "; 1 is the Alipay SDKs' default");
    else
        dr_add(d, "warn", "key_version_unusual", "key_version",
               "key_version %s is not WorldFirst's documented \"2\": it must "
               "be the version of the key uploaded in the portal",
               got);
}

/* The RSA checks of PayerMax and WorldFirst. */
static void dr_rsa(dr_report *d, const ct_gateway_desc *gd,
                   const ct_doctor_option *o, size_t n)
{
    EVP_PKEY *priv =
        dr_key(d, gd, dr_opt(o, n, "private_key"), "private_key", 1);
    EVP_PKEY *gpub = dr_key(d, gd, dr_opt(o, n, "gateway_public_key"),
                            "gateway_public_key", 0);
    const ct_doctor_option *mv = dr_opt(o, n, CT_DOCTOR_MERCHANT_PUBLIC_KEY);
    EVP_PKEY *mpub = dr_key(d, gd, mv, CT_DOCTOR_MERCHANT_PUBLIC_KEY, 0);
    int pair;

    if (priv != NULL && mpub != NULL) {
        pair = dr_pair(priv, mpub);
        if (pair == 1)
            dr_add(d, "ok", "key_pair_ok", CT_DOCTOR_MERCHANT_PUBLIC_KEY,
                   "private_key and merchant_public_key are a key pair (a "
                   "probe signed with one verifies with the other)");
        else
            dr_add(d, "error", "key_pair_mismatch",
                   CT_DOCTOR_MERCHANT_PUBLIC_KEY,
                   "private_key and merchant_public_key are not a key pair: "
                   "%s cannot verify what this client signs (upload the "
                   "public half of private_key, or configure the private key "
                   "of the uploaded one)",
                   gd->class_name);
    } else if (priv != NULL && !dr_given(mv)) {
        dr_add(d, "warn", "key_pair_unchecked", CT_DOCTOR_MERCHANT_PUBLIC_KEY,
               "merchant_public_key not given: give the public key uploaded "
               "to %s to check that it belongs to private_key",
               gd->class_name);
    }
    if (gpub != NULL && ((priv != NULL && EVP_PKEY_eq(gpub, priv) == 1) ||
                         (mpub != NULL && EVP_PKEY_eq(gpub, mpub) == 1)))
        dr_add(d, "error", "gateway_key_is_merchant_key", "gateway_public_key",
               "gateway_public_key is the merchant's own public key, not "
               "%s's: responses would never verify",
               gd->class_name);
    dr_key_version(d, gd->id, dr_opt(o, n, "key_version"));
    EVP_PKEY_free(priv);
    EVP_PKEY_free(gpub);
    EVP_PKEY_free(mpub);
}

/* The Date header of the answer (HEADERFUNCTION). */
static size_t dr_on_header(char *b, size_t size, size_t n, void *ud)
{
    char *date = ud;
    size_t len = size * n, k;

    if (len > 5 && strncasecmp(b, "date:", 5) == 0) {
        for (k = 5; k < len && (b[k] == ' ' || b[k] == '\t'); k++)
            ;
        snprintf(date, 64, "%.*s", (int)(len - k), b + k);
        date[strcspn(date, "\r\n")] = '\0';
    }
    return len;
}

static size_t dr_on_body(char *b, size_t size, size_t n, void *ud)
{
    CT_UNUSED(b);
    CT_UNUSED(ud);
    return size * n;
}

/* --online: a HEAD to the endpoint with the client's transport settings
 * (TLS verified, no redirect, its CA file and proxy), its Date header
 * compared with the client's clock. */
static void dr_clock(dr_report *d, ct_client *c)
{
    char date[64] = "", url[1100];
    CURL *h = curl_easy_init();
    ct_error e;
    ct_time now;
    CURLcode cc;
    time_t gw;
    double skew;

    if (h == NULL) {
        dr_add(d, "error", "out_of_memory", "", "out of memory");
        return;
    }
    snprintf(url, sizeof url, "%s/", c->base_url);
    if (ct_transport_setopts(c, ct_transport_user_agent(c), h, &e) != CT_OK) {
        dr_add(d, "error", "clock_unchecked", e.field, "%s", e.message);
        curl_easy_cleanup(h);
        return;
    }
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, NULL);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, dr_on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, (void *)date);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, dr_on_body);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     (long)(c->connect_timeout * 1000));
    cc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    if (cc != CURLE_OK) {
        dr_add(d, "error", "endpoint_unreachable", "base_url",
               "the endpoint did not answer a HEAD request: %s",
               curl_easy_strerror(cc));
        return;
    }
    gw = date[0] ? curl_getdate(date, NULL) : (time_t)-1;
    if (gw == (time_t)-1) {
        dr_add(d, "warn", "clock_unchecked", "base_url",
               "the endpoint's answer has no readable Date header");
        return;
    }
    ct_client_now(c, &now);
    skew = (double)now.unix_ms / 1000.0 - (double)gw;
    if (skew > -5 && skew < 5)
        dr_add(d, "ok", "clock_ok", "", "clock within %.0f s of the gateway's",
               skew < 0 ? -skew : skew);
    else
        dr_add(d, skew > -60 && skew < 60 ? "warn" : "error", "clock_skew", "",
               "this clock is %.0f s %s the gateway's Date header "
               "(signed times are refused beyond a minute or two)",
               skew < 0 ? -skew : skew, skew < 0 ? "behind" : "ahead of");
}

/* The option checks the client itself makes (ct_config_set, ct_client_new):
 * reported for any option not reported yet. */
static void dr_client(dr_report *d, ct_gateway gw, const ct_doctor_option *o,
                      size_t n, int flags)
{
    const ct_doctor_option *base = dr_opt(o, n, "base_url");
    ct_config *cfg = ct_config_new(gw);
    ct_client *c = NULL;
    ct_error e;
    size_t i;

    if (cfg == NULL) {
        dr_add(d, "error", "out_of_memory", "", "out of memory");
        return;
    }
    for (i = 0; i < n; i++) {
        if (o[i].name == NULL ||
            strcmp(o[i].name, CT_DOCTOR_MERCHANT_PUBLIC_KEY) == 0)
            continue;
        if (ct_config_set(cfg, o[i].name, o[i].value ? o[i].value : "",
                          o[i].value ? o[i].len : 0, &e) != CT_OK &&
            !dr_failed(d, e.field))
            dr_add(d, "error", "option_invalid", e.field, "%s", e.message);
    }
    if (ct_client_new(cfg, &c, &e) != CT_OK) {
        if (!dr_failed(d, e.field)) {
            int insecure = strcmp(e.field, "base_url") == 0 && dr_given(base) &&
                           base->len >= 7 &&
                           strncasecmp(base->value, "http://", 7) == 0;
            dr_add(d, "error",
                   insecure ? "endpoint_insecure" : "option_invalid", e.field,
                   "%s", e.message);
        }
    } else if (d->nerrors == 0) {
        dr_add(d, "ok", "client_ok", "base_url",
               "the client builds; endpoint %s", c->base_url);
    }
    if (c != NULL && (flags & CT_DOCTOR_ONLINE))
        dr_clock(d, c);
    ct_client_free(c);
    ct_config_free(cfg);
}

ct_err ct_doctor_check(ct_gateway gw, const ct_doctor_option *opts, size_t n,
                       int flags, char **out, size_t *len, ct_error *err)
{
    const ct_gateway_desc *gd = ct_gateway_describe(gw);
    const ct_doctor_option *env;
    dr_report d;
    ct_buf res;
    size_t i;

    ct_error_clear(err);
    if (out == NULL || (opts == NULL && n > 0))
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    if (gd == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "gateway",
                       "gateway is not one of cardtoken's gateways");
    memset(&d, 0, sizeof d);
    ct_buf_init(&d.items);
    for (i = 0; i < gd->noptions; i++)
        if (gd->options[i].required &&
            !dr_given(dr_opt(opts, n, gd->options[i].name)))
            dr_add(&d, "error", "option_missing", gd->options[i].name,
                   "option %s is required", gd->options[i].name);
    env = dr_opt(opts, n, "environment");
    if (!dr_given(env) && !dr_given(dr_opt(opts, n, "base_url")))
        dr_add(&d, "error", "option_missing", "environment",
               "environment or base_url is required");
    if (ct_param_find(gd->options, gd->noptions, "private_key") != NULL)
        dr_rsa(&d, gd, opts, n);
    dr_client(&d, gw, opts, n, flags);

    ct_buf_init(&res);
    ct_buf_puts(&res, "{");
    ct_json_put_member(&res, 0, "gateway", gd->name, strlen(gd->name));
    ct_buf_printf(&res, ",\"ok\":%s,\"errors\":%d,\"warnings\":%d",
                  d.nerrors ? "false" : "true", d.nerrors, d.nwarnings);
    ct_buf_puts(&res, ",\"findings\":[");
    ct_buf_append(&res, d.items.data ? d.items.data : "", d.items.len);
    ct_buf_puts(&res, "]}");
    ct_buf_free(&d.items);
    if (!ct_buf_ok(&d.items) || !ct_buf_ok(&res)) {
        ct_buf_free(&res);
        return ct_fail_nomem(err);
    }
    *out = ct_buf_detach(&res, len);
    return CT_OK;
}

void ct_client_keep_signed(ct_client *client, int on)
{
    if (client != NULL)
        client->keep_signed = on != 0;
}

/* Records v (a secret value) in req, once. */
static ct_err dr_word(ct_request *req, const char *v, size_t n, ct_error *err)
{
    size_t i;
    if (n == 0)
        return CT_OK;
    for (i = 0; i < req->nsign_words; i++)
        if (strlen(req->sign_words[i]) == n &&
            memcmp(req->sign_words[i], v, n) == 0)
            return CT_OK;
    if (req->nsign_words == CT_MAX_SIGN_WORDS)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "too many secret values");
    if ((req->sign_words[req->nsign_words] = ct_strndup(v, n)) == NULL)
        return ct_fail_nomem(err);
    req->nsign_words++;
    return CT_OK;
}

/* The secret members of JSON value v described by params[0..n): objects'
 * members by name, lists' elements each. */
static ct_err dr_walk(ct_request *req, const json_t *v,
                      const ct_param_desc *params, size_t n, ct_error *err)
{
    size_t i;
    ct_err rc = CT_OK;

    if (json_is_array(v)) {
        for (i = 0; rc == CT_OK && i < json_array_size(v); i++)
            rc = dr_walk(req, json_array_get(v, i), params, n, err);
        return rc;
    }
    for (i = 0; rc == CT_OK && json_is_object(v) && i < n; i++) {
        const json_t *m = json_object_get(v, params[i].name);
        if (params[i].secret && json_is_string(m))
            rc = dr_word(req, json_string_value(m), json_string_length(m), err);
        else if (m != NULL && params[i].children != NULL)
            rc = dr_walk(req, m, params[i].children, params[i].nchildren, err);
    }
    return rc;
}

ct_err ct_doctor_keep_args(const ct_client *c, ct_request *req,
                           const ct_op_desc *op, const ct_args *args,
                           ct_error *err)
{
    size_t i;
    ct_err rc = CT_OK;

    if (!c->keep_signed)
        return CT_OK;
    for (i = 0; rc == CT_OK && i < op->nargs; i++) {
        const ct_param_desc *p = &op->args[i];
        const ct_kv *v = ct_kv_get(&args->kv, p->name);
        json_t *root = NULL;
        if (v == NULL)
            continue;
        if (p->secret) {
            rc = dr_word(req, v->value, v->len, err);
        } else if (p->children != NULL &&
                   ct_json_parse(v->value, v->len, &root, NULL) == CT_OK) {
            rc = dr_walk(req, root, p->children, p->nchildren, err);
            json_decref(root);
        }
    }
    return rc;
}

/* Is s[i..i+n) a whole value: after '=', '"' or ':', before '&', '"', '\\'
 * or the end? (a CVV's digits may occur inside other values) */
static int dr_whole(const char *s, size_t len, size_t i, size_t n)
{
    return i > 0 && strchr("=\":", s[i - 1]) != NULL &&
           (i + n == len || strchr("&\"\\", s[i + n]) != NULL);
}

/* 1 when s is 12 to 19 digits (a card number: masked to 6 + 4). */
static int dr_is_pan(const char *s)
{
    size_t n = strlen(s), i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n >= 12 && n <= 19;
}

/* The printable form of what req signed: every card number the request
 * holds (its own, a secret argument of 12 to 19 digits) as its first six and
 * last four digits wherever it occurs; every other secret value (CVV, token,
 * secret argument) as "***" where it is a whole value; the secret tail as
 * <name>. Not the generic card rule: merchant and app ids are often
 * Luhn-valid digit runs, and the point is a byte-for-byte comparison.
 * *masked: 1 when card data was replaced (the secret always is). */
static ct_err dr_printable(const ct_request *req, ct_buf *out, int *masked,
                           ct_error *err)
{
    const char *s = req->sign_input.data;
    size_t n = req->sign_input.len - req->sign_secret_tail, i = 0, k, w;
    const char *pan[1 + CT_MAX_SIGN_WORDS], *word[2 + CT_MAX_SIGN_WORDS];
    size_t npan = 0, nword = 0;

    *masked = 0;
    if (req->pan != NULL && strlen(req->pan) >= 10)
        pan[npan++] = req->pan;
    if (req->cvv != NULL)
        word[nword++] = req->cvv;
    if (req->token != NULL)
        word[nword++] = req->token;
    for (w = 0; w < req->nsign_words; w++) {
        if (dr_is_pan(req->sign_words[w]))
            pan[npan++] = req->sign_words[w];
        else
            word[nword++] = req->sign_words[w];
    }
    while (i < n) {
        int hit = 0;
        for (w = 0; w < npan && !hit; w++) {
            size_t pl = strlen(pan[w]);
            if (i + pl <= n && memcmp(s + i, pan[w], pl) == 0) {
                for (k = 0; k < pl; k++)
                    ct_buf_putc(out, (k < 6 || k + 4 >= pl) ? s[i + k] : '*');
                i += pl;
                hit = *masked = 1;
            }
        }
        for (w = 0; w < nword && !hit; w++) {
            size_t wl = strlen(word[w]);
            if (wl && i + wl <= n && memcmp(s + i, word[w], wl) == 0 &&
                dr_whole(s, n, i, wl)) {
                ct_buf_puts(out, "***");
                i += wl;
                hit = *masked = 1;
            }
        }
        if (!hit)
            ct_buf_putc(out, s[i++]);
    }
    if (req->sign_secret_tail > 0)
        ct_buf_printf(out, "<%s>", req->sign_secret_name);
    if (!ct_buf_ok(out))
        return ct_fail_nomem(err);
    return CT_OK;
}

ct_err ct_request_explain(const ct_client *client, const ct_request *req,
                          char **out, size_t *len, ct_error *err)
{
    static const struct {
        ct_gateway gw;
        const char *algorithm, *sent_in;
    } how[] = {
        {CT_GW_PAGSMILE, "MD5, lowercase hex", "body member \"sign\""},
        {CT_GW_PAYERMAX, "SHA256withRSA, base64", "header \"sign\""},
        {CT_GW_YABANDPAY, "HMAC-SHA256, lowercase hex", "body member \"sign\""},
        {CT_GW_WORLDFIRST, "SHA256withRSA, base64",
         "header \"Signature\" (signature=, URL-encoded)"},
    };
    const char *gname, *algorithm = "", *sent_in = "";
    ct_buf res;
    size_t i;
    int masked = 0;
    ct_err rc;

    ct_error_clear(err);
    if (out == NULL || client == NULL || req == NULL)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "NULL argument");
    *out = NULL;
    ct_error_set_gateway(err, client->ops->desc.id);
    if (req->signature == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "request",
                       "the request kept nothing of its signature: build it "
                       "with a client set to ct_client_keep_signed");
    for (i = 0; i < CT_ARRAY_LEN(how); i++)
        if (how[i].gw == client->ops->desc.id) {
            algorithm = how[i].algorithm;
            sent_in = how[i].sent_in;
        }
    gname = client->ops->desc.name;
    ct_buf_init(&res);
    ct_buf_puts(&res, "{");
    ct_json_put_member(&res, 0, "gateway", gname, strlen(gname));
    ct_json_put_member(&res, 1, "operation", req->op ? req->op->name : "",
                       req->op ? strlen(req->op->name) : 0);
    ct_json_put_member(&res, 1, "algorithm", algorithm, strlen(algorithm));
    ct_json_put_member(&res, 1, "sent_in", sent_in, strlen(sent_in));
    ct_buf_puts(&res, ",\"signed\":");
    {
        ct_buf p;
        ct_buf_init(&p);
        rc = dr_printable(req, &p, &masked, err);
        if (rc == CT_OK)
            ct_json_put_str(&res, p.data ? p.data : "", p.len, 0);
        ct_buf_free(&p);
    }
    ct_buf_printf(&res, ",\"masked\":%s", masked ? "true" : "false");
    ct_buf_puts(&res, ",\"secret_shown_as\":");
    if (req->sign_secret_tail > 0)
        ct_buf_printf(&res, "\"<%s>\"", req->sign_secret_name);
    else
        ct_buf_puts(&res, "null");
    ct_json_put_member(&res, 1, "signature", req->signature,
                       strlen(req->signature));
    ct_buf_puts(&res, "}");
    if (rc == CT_OK && !ct_buf_ok(&res))
        rc = ct_fail_nomem(err);
    if (rc != CT_OK) {
        ct_buf_free(&res);
        return rc;
    }
    *out = ct_buf_detach(&res, len);
    return CT_OK;
}
