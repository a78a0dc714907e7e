/* payermax_wire.h - the data members of PayerMax's lifecycle calls
 * (payermax_wire.c): one table per call gives, for every argument and every
 * key of its nested mappings, the wire name, the kind, whether it is
 * required and its maximum length; the same walk checks the caller's values
 * and writes them. Private to the core. */
#ifndef CT_PAYERMAX_WIRE_H
#define CT_PAYERMAX_WIRE_H

#include <jansson.h>
#include "buf.h"
#include "kv.h"

typedef enum pm_kind {
    PK_STR,    /* a JSON string: 1..max characters, no control character */
    PK_SECRET, /* as PK_STR; a card number, CVV or token                  */
    PK_URL,    /* as PK_STR; an http(s) URL                               */
    PK_AMOUNT, /* decimal text ^[0-9]+(\.[0-9]+)?$ written as a number    */
    PK_BOOL,   /* true / false                                            */
    PK_OBJ,    /* a documented mapping: `kids` are its keys               */
    PK_LIST,   /* a list of documented mappings (`kids`)                  */
    PK_FREE    /* a free-form mapping, passed through (no float inside)   */
} pm_kind;

typedef struct pm_node {
    const char *arg;  /* snake_case argument or key                      */
    const char *wire; /* the member name sent                             */
    pm_kind kind;
    int required;
    size_t max; /* characters; 0: not documented (8192)                 */
    const struct pm_node *kids;
    size_t nkids;
} pm_node;

#define PM_KIDS(k) .kids = (k), .nkids = CT_ARRAY_LEN(k)

/* The values of one call's top-level arguments, index for index with its
 * node table: text (v) or, for mappings and lists, the parsed value (j). */
typedef struct pm_value {
    const ct_kv *v;
    json_t *j;
} pm_value;

#define PM_MAX_ARGS 26

/* Reads and checks args against nodes[0..n): required ones, lengths,
 * kinds, nested keys (unknown ones named); into val[0..n). Call
 * pm_values_free afterwards in every case. */
ct_err pm_read_args(const pm_node *nodes, size_t n, const ct_args *a,
                    pm_value *val, ct_error *err);
/* Wipes the strings of the parsed values (they may hold card data) and
 * frees them. */
void pm_values_free(pm_value *val, size_t n);
/* Appends the given ones of nodes[from..to) as members ("wire":value),
 * each after a comma unless it is the object's first (*first). */
void pm_write_members(ct_buf *b, const pm_node *nodes, const pm_value *val,
                      size_t from, size_t to, int *first);
/* Appends "name":"value" (a constant the client fills in). */
void pm_write_const(ct_buf *b, const char *name, const char *value, int *first);
/* Member k1 of a parsed mapping (caller's keys), then its member k2 when
 * k2 is not NULL; NULL when absent. */
const json_t *pm_get(const json_t *j, const char *k1, const char *k2);

/* Letters, digits and '_' only. */
int pm_word_chars(const char *s, size_t n);

#endif /* CT_PAYERMAX_WIRE_H */
