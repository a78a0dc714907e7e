/* result.c - parsed results: records of named fields (strings, integers,
 * nulls), some marked sensitive. Everything is wiped on free. */
#include "buf.h"
#include "errors.h"
#include "json.h"
#include "mem.h"
#include "result.h"

#include <string.h>

struct ct_strblock {
    ct_strblock *next;
    size_t cap, used;
    char data[];
};

#define CT_STRBLOCK_MIN 512

/* A NUL-terminated copy of s[0..n) in r's blocks; NULL on no memory. */
static char *ct_result_strdup(ct_result *r, const char *s, size_t n)
{
    ct_strblock *b = r->blocks;
    char *p;

    if (b == NULL || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > CT_STRBLOCK_MIN ? n + 1 : CT_STRBLOCK_MIN;
        if (n > ((size_t)-1) / 2 || (b = ct_malloc(sizeof(*b) + cap)) == NULL)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = r->blocks;
        r->blocks = b;
    }
    p = b->data + b->used;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static int ct_result_owns(const ct_result *r, const char *p)
{
    const ct_strblock *b;
    for (b = r->blocks; b != NULL; b = b->next)
        if (p >= b->data && p < b->data + b->cap)
            return 1;
    return 0;
}

ct_result *ct_result_alloc(const ct_op_desc *op)
{
    ct_result *r = ct_calloc(1, sizeof(*r));
    if (r != NULL) {
        r->type = op ? op->result_name : "Notification";
        r->is_list = op ? op->returns_list : 0;
    }
    return r;
}

ct_record *ct_result_add(ct_result *r)
{
    if (r->nrec == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1;
        ct_record *recs = ct_calloc(cap, sizeof(*recs));
        if (recs == NULL)
            return NULL;
        if (r->nrec)
            memcpy(recs, r->recs, r->nrec * sizeof(*recs));
        ct_free_secret(r->recs, r->cap * sizeof(*recs));
        r->recs = recs;
        r->cap = cap;
    }
    r->recs[r->nrec].owner = r;
    return &r->recs[r->nrec++];
}

void ct_result_free(ct_result *res)
{
    size_t i, k;
    ct_strblock *b;
    if (res == NULL)
        return;
    for (i = 0; i < res->nrec; i++)
        for (k = 0; k < res->recs[i].n; k++)
            if ((res->recs[i].f[k].type == CT_VAL_STRING ||
                 res->recs[i].f[k].type == CT_VAL_JSON) &&
                !ct_result_owns(res, res->recs[i].f[k].str))
                ct_free_secret((char *)res->recs[i].f[k].str,
                               res->recs[i].f[k].len + 1);
    while ((b = res->blocks) != NULL) { /* wiped whole, used or not */
        res->blocks = b->next;
        ct_free_secret(b, sizeof(*b) + b->cap);
    }
    ct_free_secret(res->recs, res->cap * sizeof(*res->recs));
    ct_free_secret(res->json, res->json_len + 1);
    ct_free_secret(res, sizeof(*res));
}

static ct_field *ct_record_next(ct_record *rec, const char *name)
{
    ct_field *f;
    if (rec->n == CT_MAX_FIELDS)
        return NULL;
    f = &rec->f[rec->n];
    memset(f, 0, sizeof(*f));
    f->name = name;
    return f;
}

int ct_record_str(ct_record *rec, const char *name, const char *s, size_t n,
                  int sensitive)
{
    ct_field *f = ct_record_next(rec, name);
    char *copy;
    if (f == NULL || (copy = rec->owner ? ct_result_strdup(rec->owner, s, n)
                                        : ct_strndup(s, n)) == NULL)
        return 0;
    f->type = CT_VAL_STRING;
    f->str = copy;
    f->len = n;
    f->sensitive = sensitive;
    rec->n++;
    return 1;
}

int ct_record_null(ct_record *rec, const char *name)
{
    ct_field *f = ct_record_next(rec, name);
    if (f == NULL)
        return 0;
    f->type = CT_VAL_NULL;
    rec->n++;
    return 1;
}

int ct_record_int(ct_record *rec, const char *name, long long v)
{
    ct_field *f = ct_record_next(rec, name);
    if (f == NULL)
        return 0;
    f->type = CT_VAL_INT;
    f->num = v;
    rec->n++;
    return 1;
}

ct_err ct_record_json(ct_record *rec, const ct_result_field_desc *f,
                      const json_t *obj, const char *key, int required,
                      ct_error *err)
{
    const json_t *v = json_object_get(obj, key);
    ct_buf tmp;
    int present = 0, ok;
    ct_err rc;

    if (v != NULL && json_is_string(v)) /* borrowed: one copy, no scratch */
        return ct_record_str(rec, f->name, json_string_value(v),
                             json_string_length(v), f->sensitive)
                   ? CT_OK
                   : ct_fail_nomem(err);
    ct_buf_init(&tmp);
    rc = ct_json_text(obj, key, required, 1, &tmp, &present, err);
    if (rc != CT_OK) {
        ct_buf_free(&tmp);
        return rc;
    }
    if (present)
        ok = ct_record_str(rec, f->name, tmp.data ? tmp.data : "", tmp.len,
                           f->sensitive);
    else
        ok = ct_record_null(rec, f->name);
    ct_buf_free(&tmp);
    return ok ? CT_OK : ct_fail_nomem(err);
}

const char *ct_result_type(const ct_result *res)
{
    return res ? res->type : "";
}
int ct_result_is_list(const ct_result *res)
{
    return res ? res->is_list : 0;
}
size_t ct_result_count(const ct_result *res)
{
    return res ? res->nrec : 0;
}

const ct_field *ct_result_record(const ct_result *res, size_t i,
                                 size_t *nfields)
{
    if (res == NULL || i >= res->nrec) {
        if (nfields != NULL)
            *nfields = 0;
        return NULL;
    }
    if (nfields != NULL)
        *nfields = res->recs[i].n;
    return res->recs[i].f;
}

size_t ct_mask(const char *value, size_t len, char *out, size_t cap)
{
    size_t n, i;
    if (cap == 0)
        return 0;
    if (value == NULL || len < 12) {
        n = cap > 3 ? 3 : cap - 1;
        memcpy(out, "***", n);
    } else {
        n = len < cap - 1 ? len : cap - 1;
        for (i = 0; i < n; i++)
            out[i] = i + 4 < len ? '*' : value[i];
    }
    out[n] = '\0';
    return n;
}

const char *ct_result_json(const ct_result *res, size_t *len)
{
    if (len != NULL)
        *len = res && res->json ? res->json_len : 0;
    return res && res->json ? res->json : NULL;
}

ct_err ct_result_from_json_text(const char *text, size_t n, ct_result **out,
                                ct_error *err)
{
    ct_result *r = ct_result_alloc(NULL);
    if (r == NULL || (r->json = ct_strndup(text, n)) == NULL) {
        ct_result_free(r);
        return ct_fail_nomem(err);
    }
    r->json_len = n;
    *out = r;
    return CT_OK;
}
