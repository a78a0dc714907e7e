/* record.c - ct_record: an observer that keeps a deep copy of what it is
 * told (every attempt, then the call), for the bindings, which read it once
 * the call returned (ct_trace strings are borrowed only during the observer
 * call). Nothing here holds more than trace.c handed out (masked). */
#include "cardtoken.h"

#include "mem.h"

#include <string.h>

#define CT_RECORD_MAX 16 /* attempts kept; the call's record always */

typedef struct ct_record_entry {
    ct_trace t;
    char *text; /* every string of t, one allocation */
    size_t text_len;
    ct_header *headers;
} ct_record_entry;

struct ct_record {
    ct_record_entry e[CT_RECORD_MAX + 1];
    size_t n;
};

ct_record *ct_record_new(void)
{
    return ct_calloc(1, sizeof(ct_record));
}

static void ct_record_entry_free(ct_record_entry *e)
{
    ct_free_secret(e->text, e->text_len);
    ct_free_secret(e->headers, e->t.nheaders * sizeof(*e->headers));
    memset(e, 0, sizeof(*e));
}

void ct_record_free(ct_record *r)
{
    size_t i;
    if (r == NULL)
        return;
    for (i = 0; i < r->n; i++)
        ct_record_entry_free(&r->e[i]);
    ct_free_secret(r, sizeof(*r));
}

/* Copies s (len bytes, or strlen) to *at, NUL-terminated; the copy. */
static const char *ct_record_put(char **at, const char *s, size_t len)
{
    char *d = *at;
    if (s != NULL && len > 0)
        memcpy(d, s, len);
    d[len] = '\0';
    *at += len + 1;
    return d;
}

#define CT_LEN(s) ((s) != NULL ? strlen(s) : 0)

void ct_record_observe(void *userp, const ct_trace *t)
{
    ct_record *r = userp;
    ct_record_entry *e;
    size_t need = 0, i;
    char *at;

    if (r == NULL || t == NULL)
        return;
    if (t->kind != CT_TRACE_CALL && r->n >= CT_RECORD_MAX)
        return; /* the call's record keeps the count */
    if (r->n > CT_RECORD_MAX)
        return;
    e = &r->e[r->n];
    need = CT_LEN(t->operation) + CT_LEN(t->method) + CT_LEN(t->path) +
           CT_LEN(t->server) + CT_LEN(t->gateway_code) + CT_LEN(t->outcome) +
           CT_LEN(t->error) + t->request_body_len + t->response_body_len + 9;
    for (i = 0; i < t->nheaders; i++)
        need += t->headers[i].name_len + t->headers[i].value_len + 2;
    if ((e->text = ct_malloc(need)) == NULL)
        return;
    if (t->nheaders > 0 &&
        (e->headers = ct_calloc(t->nheaders, sizeof(*e->headers))) == NULL) {
        ct_free_secret(e->text, need);
        e->text = NULL;
        return;
    }
    e->text_len = need;
    e->t = *t;
    at = e->text;
    e->t.operation = ct_record_put(&at, t->operation, CT_LEN(t->operation));
    e->t.method = ct_record_put(&at, t->method, CT_LEN(t->method));
    e->t.path = ct_record_put(&at, t->path, CT_LEN(t->path));
    e->t.server = ct_record_put(&at, t->server, CT_LEN(t->server));
    e->t.gateway_code =
        ct_record_put(&at, t->gateway_code, CT_LEN(t->gateway_code));
    e->t.outcome = ct_record_put(&at, t->outcome, CT_LEN(t->outcome));
    e->t.error = ct_record_put(&at, t->error, CT_LEN(t->error));
    e->t.request_body =
        t->request_body != NULL
            ? ct_record_put(&at, t->request_body, t->request_body_len)
            : NULL;
    e->t.response_body =
        t->response_body != NULL
            ? ct_record_put(&at, t->response_body, t->response_body_len)
            : NULL;
    for (i = 0; i < t->nheaders; i++) {
        const ct_header *h = &t->headers[i];
        e->headers[i].name = ct_record_put(&at, h->name, h->name_len);
        e->headers[i].name_len = h->name_len;
        e->headers[i].value = ct_record_put(&at, h->value, h->value_len);
        e->headers[i].value_len = h->value_len;
    }
    e->t.headers = e->headers;
    r->n++;
}

size_t ct_record_count(const ct_record *r)
{
    return r != NULL ? r->n : 0;
}

const ct_trace *ct_record_at(const ct_record *r, size_t i)
{
    return r != NULL && i < r->n ? &r->e[i].t : NULL;
}

const ct_trace *ct_record_call(const ct_record *r)
{
    if (r == NULL || r->n == 0 || r->e[r->n - 1].t.kind != CT_TRACE_CALL)
        return NULL;
    return &r->e[r->n - 1].t;
}
