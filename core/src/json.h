/* json.h - JSON text and parsing (jansson) (json.c). Private to the core. */
#ifndef CT_JSON_H
#define CT_JSON_H

#include <jansson.h>
#include "buf.h"
#include "cardtoken.h"

/* Appends s as a JSON string (with quotes). php: PHP json_encode style
 * (escape '/', \uXXXX for non-ASCII); else Python ensure_ascii=False. */
void ct_json_put_str(ct_buf *b, const char *s, size_t n, int php);
/* Appends "name":"value" with a leading comma when `comma`. */
void ct_json_put_member(ct_buf *b, int comma, const char *name,
                        const char *value, size_t n);
/* Appends any JSON value compactly (php style as above). */
void ct_json_put_value(ct_buf *b, const json_t *v, int php);
/* A say over what ct_json_put_filtered writes: `member` gives the state of
 * a member's value from its key and the object's state (arrays pass theirs
 * on); `scalar` may write a non-container value itself (returns 1) or
 * leave it to the default (0). */
typedef struct ct_json_filter {
    int (*member)(const char *key, int state);
    int (*scalar)(ct_buf *b, const json_t *v, int state);
} ct_json_filter;
/* As ct_json_put_value, through filter f (NULL: none) from `state`. */
void ct_json_put_filtered(ct_buf *b, const json_t *v, int php,
                          const ct_json_filter *f, int state);
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

#endif /* CT_JSON_H */
