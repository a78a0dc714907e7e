/* canon.h - canonical k=v strings to sign (canon.c). Private to the core. */
#ifndef CT_CANON_H
#define CT_CANON_H

#include <jansson.h>
#include "buf.h"
#include "cardtoken.h"

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

#endif /* CT_CANON_H */
