/* raw.h - a result's `raw` mapping of the whole response (raw.c). Private
 * to the core. */
#ifndef CT_RAW_H
#define CT_RAW_H

#include <jansson.h>
#include "cardtoken.h"

/* The name of the field (type CT_VAL_JSON) a result type declares when
 * its records carry the whole response. */
#define CT_RAW_NAME "raw"

/* What the values of a member named `key` are, by the raw rule's names
 * (compared without regard to case, '_' or '-'): CT_RAW_SECRET for a
 * credential (token, CVV, cavv, ...), CT_RAW_CARD for a card number,
 * CT_RAW_PLAIN otherwise. */
enum { CT_RAW_PLAIN, CT_RAW_CARD, CT_RAW_SECRET };
int ct_raw_kind(const char *key);

/* new (*out, wiped on free by the caller with ct_free_secret(*out,
 * *len + 1)): obj as compact JSON text, card numbers and credentials
 * masked. */
ct_err ct_raw_text(const json_t *obj, char **out, size_t *len, ct_error *err);

/* When op's result type declares `raw` and res is a single record whose
 * parser left `raw` unset or null: parses body (the response, already
 * verified by the parser) and stores it masked as that record's `raw`.
 * A no-op for every other operation. */
ct_err ct_raw_attach(const ct_op_desc *op, ct_result *res, const char *body,
                     size_t len, ct_error *err);

#endif /* CT_RAW_H */
