/* request.c - a built request: method, URL, headers and the exact body.
 * The body may hold card data: it is wiped on free, and a redacted copy is
 * available for printing. */
#include "buf.h"
#include "client.h"
#include "errors.h"
#include "kv.h"
#include "mem.h"
#include "request.h"

#include <string.h>

ct_request *ct_request_alloc(const char *method, const char *url)
{
    ct_request *r = ct_calloc(1, sizeof(ct_request));
    if (r == NULL)
        return NULL;
    r->method = ct_strdup(method);
    r->url = ct_strdup(url);
    if (r->method == NULL || r->url == NULL) {
        ct_request_free(r);
        return NULL;
    }
    return r;
}

void ct_request_free(ct_request *req)
{
    size_t i;
    if (req == NULL)
        return;
    ct_free_str(req->method);
    ct_free_str(req->url);
    for (i = 0; i < req->nheaders; i++) {
        ct_free_str(req->hname[i]);
        ct_free_str(req->hvalue[i]);
    }
    ct_buf_free(&req->body);
    ct_free_str(req->request_id);
    ct_free_str(req->pan);
    ct_free_str(req->cvv);
    ct_free_str(req->token);
    ct_free_str(req->echo);
    ct_free_str(req->holder);
    ct_buf_free(&req->sign_input);
    ct_free_str(req->signature);
    for (i = 0; i < req->nsign_words; i++)
        ct_free_str(req->sign_words[i]);
    ct_free_secret(req, sizeof(*req));
}

ct_err ct_request_add_header(ct_request *r, const char *name, const char *value,
                             size_t vlen, ct_error *err)
{
    if (r->nheaders == CT_MAX_HEADERS)
        return ct_fail(err, CT_ERR_INTERNAL, NULL, "too many headers");
    r->hname[r->nheaders] = ct_strdup(name);
    r->hvalue[r->nheaders] = ct_strndup(value, vlen);
    if (r->hname[r->nheaders] == NULL || r->hvalue[r->nheaders] == NULL) {
        ct_free_str(r->hname[r->nheaders]);
        ct_free_str(r->hvalue[r->nheaders]);
        r->hname[r->nheaders] = r->hvalue[r->nheaders] = NULL;
        return ct_fail_nomem(err);
    }
    r->nheaders++;
    return CT_OK;
}

ct_err ct_request_add_secret_header(ct_request *r, const char *name,
                                    const char *value, size_t vlen,
                                    ct_error *err)
{
    ct_err rc = ct_request_add_header(r, name, value, vlen, err);
    if (rc == CT_OK)
        r->hsecret |= 1u << (r->nheaders - 1);
    return rc;
}

ct_err ct_request_set_body(ct_request *r, const char *content_type,
                           const char *body, ct_error *err)
{
    ct_buf_puts(&r->body, body);
    return ct_request_add_header(r, "Content-Type", content_type,
                                 strlen(content_type), err);
}

ct_err ct_request_set_secrets(ct_request *r, const ct_kv *pan, const ct_kv *cvv,
                              ct_error *err)
{
    if (pan != NULL && (r->pan = ct_strndup(pan->value, pan->len)) == NULL)
        return ct_fail_nomem(err);
    if (cvv != NULL && (r->cvv = ct_strndup(cvv->value, cvv->len)) == NULL)
        return ct_fail_nomem(err);
    return CT_OK;
}

ct_err ct_request_set_token(ct_request *r, const ct_kv *token, ct_error *err)
{
    if ((r->token = ct_strndup(token->value, token->len)) == NULL)
        return ct_fail_nomem(err);
    return CT_OK;
}

ct_err ct_request_set_echo(ct_request *r, const ct_kv *key, const ct_kv *holder,
                           ct_error *err)
{
    if (key != NULL && (r->echo = ct_strndup(key->value, key->len)) == NULL)
        return ct_fail_nomem(err);
    if (holder != NULL &&
        (r->holder = ct_strndup(holder->value, holder->len)) == NULL)
        return ct_fail_nomem(err);
    return CT_OK;
}

ct_err ct_request_keep_signed(const ct_client *c, ct_request *req,
                              const char *in, size_t n, const char *secret_name,
                              size_t secret_tail, const char *sig, size_t slen,
                              ct_error *err)
{
    if (!c->keep_signed)
        return CT_OK;
    ct_buf_reset(&req->sign_input);
    ct_buf_append(&req->sign_input, in, n);
    ct_free_str(req->signature);
    req->signature = ct_strndup(sig, slen);
    req->sign_secret_name = secret_name;
    req->sign_secret_tail = secret_tail <= n ? secret_tail : n;
    if (!ct_buf_ok(&req->sign_input) || req->signature == NULL)
        return ct_fail_nomem(err);
    return CT_OK;
}

ct_err ct_echo_check(const char *want, const char *got, size_t glen,
                     int present, const char *gw, const char *field,
                     ct_error *err)
{
    if (want == NULL ||
        (present && strlen(want) == glen && memcmp(want, got, glen) == 0))
        return CT_OK;
    ct_fail(err, CT_ERR_PROTOCOL, field,
            "%s answer is not about this request (%s %s): a stale or "
            "misrouted response; the request may have been carried out",
            gw, field, present ? "differs" : "is missing");
    if (err != NULL)
        err->outcome_unknown = 1;
    return CT_ERR_PROTOCOL;
}

const char *ct_request_method(const ct_request *req)
{
    return req && req->method ? req->method : "";
}

const char *ct_request_url(const ct_request *req)
{
    return req && req->url ? req->url : "";
}

const char *ct_request_body(const ct_request *req, size_t *len)
{
    if (len != NULL)
        *len = req && req->body.data ? req->body.len : 0;
    return req && req->body.data ? req->body.data : "";
}

size_t ct_request_header_count(const ct_request *req)
{
    return req ? req->nheaders : 0;
}

ct_err ct_request_header(const ct_request *req, size_t i, const char **name,
                         const char **value)
{
    if (req == NULL || i >= req->nheaders)
        return CT_ERR_INTERNAL;
    *name = req->hname[i];
    *value = req->hvalue[i];
    return CT_OK;
}

int ct_request_header_is_secret(const ct_request *req, size_t i)
{
    return req != NULL && i < req->nheaders && ((req->hsecret >> i) & 1u);
}

const char *ct_request_id(const ct_request *req)
{
    return req ? req->request_id : NULL;
}

const ct_op_desc *ct_request_op(const ct_request *req)
{
    return req ? req->op : NULL;
}

/* Is s[i..i+n) bounded by a quote (plain or JSON-escaped) on both sides? */
static int ct_quoted(const char *s, size_t len, size_t i, size_t n)
{
    return i > 0 && s[i - 1] == '"' && i + n < len &&
           (s[i + n] == '"' || s[i + n] == '\\');
}

char *ct_request_body_redacted(const ct_request *req, size_t *len)
{
    ct_buf out;
    const char *s;
    unsigned char *covered = NULL;
    size_t n, i = 0, k;
    size_t plen = req && req->pan ? strlen(req->pan) : 0;
    size_t clen = req && req->cvv ? strlen(req->cvv) : 0;
    size_t tlen = req && req->token ? strlen(req->token) : 0;

    if (req == NULL)
        return NULL;
    s = ct_request_body(req, &n);
    ct_buf_init(&out);
    /* Every byte covered by any occurrence of the card number (they may
     * overlap) belongs to a stretch that shows only its first six and last
     * four characters. */
    if (plen >= 10 && n >= plen) {
        covered = ct_calloc(n, 1);
        if (covered == NULL)
            return NULL;
        for (i = 0; i + plen <= n; i++)
            if (memcmp(s + i, req->pan, plen) == 0)
                memset(covered + i, 1, plen);
    }
    i = 0;
    while (i < n) {
        if (covered != NULL && covered[i]) {
            size_t end = i;
            while (end < n && covered[end])
                end++;
            for (k = i; k < end; k++)
                ct_buf_putc(&out, (k < i + 6 || k + 4 >= end) ? s[k] : '*');
            i = end;
        } else if (clen && i + clen <= n &&
                   memcmp(s + i, req->cvv, clen) == 0 &&
                   ct_quoted(s, n, i, clen)) {
            ct_buf_puts(&out, "***");
            i += clen;
        } else if (tlen && i + tlen <= n &&
                   memcmp(s + i, req->token, tlen) == 0 &&
                   ct_quoted(s, n, i, tlen)) {
            ct_buf_puts(&out, "***");
            i += tlen;
        } else {
            ct_buf_putc(&out, s[i]);
            i++;
        }
    }
    ct_free_secret(covered, covered ? n : 0);
    return ct_buf_detach(&out, len);
}
