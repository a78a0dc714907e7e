/* result.h - results and their records (result.c). Private to the core. */
#ifndef CT_RESULT_H
#define CT_RESULT_H

#include <jansson.h>
#include "cardtoken.h"

#define CT_MAX_FIELDS 14

struct ct_result;
typedef struct ct_strblock ct_strblock; /* result.c */

typedef struct ct_record {
    ct_field f[CT_MAX_FIELDS];
    size_t n;
    struct ct_result *owner; /* whose string blocks hold the field texts */
} ct_record;

/* The field texts of every record live in a few blocks owned by the result
 * (one allocation for a whole answer, wiped and freed once with it); a text
 * outside them (raw.c's raw member) is freed on its own. */
struct ct_result {
    const char *type;
    int is_list;
    ct_record *recs;
    size_t nrec;
    size_t cap;
    char *json;
    size_t json_len;
    ct_strblock *blocks; /* newest first */
};

/* new: an empty result of operation op's type (op NULL: a notification). */
ct_result *ct_result_alloc(const ct_op_desc *op);
/* Appends an empty record; NULL on no memory. */
ct_record *ct_result_add(ct_result *r);
/* Adds a field to a record (value copied into the result's blocks). */
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
/* Parses a notification JSON body (object; duplicates rejected). */
ct_err ct_result_from_json_text(const char *text, size_t n, ct_result **out,
                                ct_error *err);

#endif /* CT_RESULT_H */
