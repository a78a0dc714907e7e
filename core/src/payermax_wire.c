/* payermax_wire.c - the data members of PayerMax's lifecycle calls: the
 * caller's arguments and nested mappings (snake_case keys) checked against
 * a call's node table and written with the wire names, members in table
 * order and a mapping's keys in the caller's order (LIFECYCLE.md §2). The
 * raw body is signed, so no canonical form is needed. */
#include "payermax_wire.h"
#include "check.h"
#include "errors.h"
#include "json.h"
#include "mask.h"
#include "mem.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>

/* Undocumented lengths: a generous bound, so nothing unbounded is sent. */
#define PM_DEFAULT_MAX 2048
/* Arguments nest at most this deep (subscription_plan: 4). */
#define PM_MAX_DEPTH 6

static size_t pm_max(const pm_node *n)
{
    return n->max ? n->max : PM_DEFAULT_MAX;
}

int pm_word_chars(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return n > 0;
}

static ct_err pm_check_amount(const char *s, size_t n, const char *field,
                              ct_error *err)
{
    if (!ct_decimal_text(s, n) || n > 32)
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must be a decimal string such as \"10.00\"", field);
    return CT_OK;
}

/* No float anywhere inside a free-form value (LIFECYCLE.md conventions). */
static ct_err pm_check_free(const json_t *v, const char *field, ct_error *err)
{
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_real(v))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s holds a float: give amounts as decimal strings",
                       field);
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, x)
        {
            ct_err rc = pm_check_free(x, field, err);
            if (rc != CT_OK)
                return rc;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x)
        {
            ct_err rc = pm_check_free(x, field, err);
            if (rc != CT_OK)
                return rc;
        }
    }
    return CT_OK;
}

static ct_err pm_check_object(const pm_node *n, const json_t *v,
                              const char *field, ct_error *err);

/* One value of a nested mapping, `field` its dotted name. */
static ct_err pm_check_value(const pm_node *n, const json_t *v,
                             const char *field, ct_error *err)
{
    ct_kv kv;
    size_t i;
    json_t *x;

    if (json_is_real(v))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s must not be a float: give amounts as decimal "
                       "strings",
                       field);
    switch (n->kind) {
    case PK_STR:
    case PK_SECRET:
    case PK_URL:
        if (!json_is_string(v))
            return ct_fail(err, CT_ERR_VALIDATION, field, "%s must be a string",
                           field);
        kv = (ct_kv){(char *)field, (char *)json_string_value(v),
                     json_string_length(v)};
        return n->kind == PK_URL ? ct_check_url(&kv, field, pm_max(n), err)
                                 : ct_check_text(&kv, field, pm_max(n), 0, err);
    case PK_AMOUNT:
        if (json_is_integer(v) && json_integer_value(v) >= 0)
            return CT_OK;
        if (!json_is_string(v))
            return ct_fail(err, CT_ERR_VALIDATION, field,
                           "%s must be a decimal string such as \"10.00\"",
                           field);
        return pm_check_amount(json_string_value(v), json_string_length(v),
                               field, err);
    case PK_BOOL:
        if (!json_is_boolean(v))
            return ct_fail(err, CT_ERR_VALIDATION, field,
                           "%s must be true or false", field);
        return CT_OK;
    case PK_OBJ: return pm_check_object(n, v, field, err);
    case PK_LIST:
        if (!json_is_array(v) || json_array_size(v) == 0 ||
            json_array_size(v) > 100)
            return ct_fail(err, CT_ERR_VALIDATION, field,
                           "%s must be a list of 1 to 100 mappings", field);
        json_array_foreach(v, i, x)
        {
            ct_err rc = pm_check_object(n, x, field, err);
            if (rc != CT_OK)
                return rc;
        }
        return CT_OK;
    case PK_FREE:
    default:
        if (!json_is_object(v))
            return ct_fail(err, CT_ERR_VALIDATION, field,
                           "%s must be a mapping", field);
        return pm_check_free(v, field, err);
    }
}

/* A documented mapping: no unknown key, every required one, each value of
 * its kind and length. */
static ct_err pm_check_object(const pm_node *n, const json_t *v,
                              const char *field, ct_error *err)
{
    char sub[128];
    const char *key;
    json_t *x;
    size_t i;

    if (!json_is_object(v))
        return ct_fail(err, CT_ERR_VALIDATION, field, "%s must be a mapping",
                       field);
    json_object_foreach((json_t *)v, key, x)
    {
        ct_err rc;
        snprintf(sub, sizeof(sub), "%s.%s", field, key);
        for (i = 0; i < n->nkids && strcmp(n->kids[i].arg, key) != 0; i++)
            ;
        if (i == n->nkids) {
            /* a key may be anything the caller passed: shown masked */
            char shown[64];
            ct_mask_copy(shown, sizeof(shown), sub, strlen(sub), NULL, NULL);
            return ct_fail(err, CT_ERR_VALIDATION, shown, "unknown key '%s'",
                           shown);
        }
        if (json_is_null(x) && !n->kids[i].required)
            continue;
        if ((rc = pm_check_value(&n->kids[i], x, sub, err)) != CT_OK)
            return rc;
    }
    for (i = 0; i < n->nkids; i++) {
        x = json_object_get(v, n->kids[i].arg);
        if (n->kids[i].required && (x == NULL || json_is_null(x))) {
            snprintf(sub, sizeof(sub), "%s.%s", field, n->kids[i].arg);
            return ct_fail(err, CT_ERR_VALIDATION, sub, "%s is required", sub);
        }
    }
    return CT_OK;
}

static ct_err pm_read_one(const pm_node *n, const ct_kv *v, pm_value *out,
                          ct_error *err)
{
    json_error_t jerr;

    switch (n->kind) {
    case PK_STR:
    case PK_SECRET: return ct_check_text(v, n->arg, pm_max(n), 0, err);
    case PK_URL: return ct_check_url(v, n->arg, pm_max(n), err);
    case PK_AMOUNT: return pm_check_amount(v->value, v->len, n->arg, err);
    case PK_BOOL:
        if (strcmp(v->value, "true") != 0 && strcmp(v->value, "false") != 0)
            return ct_fail(err, CT_ERR_VALIDATION, n->arg,
                           "%s must be true or false", n->arg);
        return CT_OK;
    default: break;
    }
    if (!ct_json_depth_ok(v->value, v->len, PM_MAX_DEPTH) ||
        (out->j = json_loadb(v->value, v->len,
                             JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
                             &jerr)) == NULL) {
        OPENSSL_cleanse(&jerr, sizeof(jerr));
        return ct_fail(err, CT_ERR_VALIDATION, n->arg,
                       "%s must be a %s of strings, integers and booleans",
                       n->arg, n->kind == PK_LIST ? "list" : "mapping");
    }
    OPENSSL_cleanse(&jerr, sizeof(jerr));
    return pm_check_value(n, out->j, n->arg, err);
}

ct_err pm_read_args(const pm_node *nodes, size_t n, const ct_args *a,
                    pm_value *val, ct_error *err)
{
    size_t i;
    memset(val, 0, n * sizeof(*val));
    for (i = 0; i < n; i++) {
        ct_err rc;
        val[i].v = ct_kv_get(&a->kv, nodes[i].arg);
        if (val[i].v == NULL) {
            if (nodes[i].required)
                return ct_fail(err, CT_ERR_VALIDATION, nodes[i].arg,
                               "%s is required", nodes[i].arg);
            continue;
        }
        if ((rc = pm_read_one(&nodes[i], val[i].v, &val[i], err)) != CT_OK)
            return rc;
    }
    return CT_OK;
}

/* Wipes every string inside a parsed value. */
static void pm_wipe(json_t *j)
{
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_string(j))
        OPENSSL_cleanse((char *)json_string_value(j), json_string_length(j));
    else if (json_is_object(j)) {
        json_object_foreach(j, key, x) pm_wipe(x);
    } else if (json_is_array(j)) {
        json_array_foreach(j, i, x) pm_wipe(x);
    }
}

void pm_values_free(pm_value *val, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (val[i].j != NULL) {
            pm_wipe(val[i].j);
            json_decref(val[i].j);
            val[i].j = NULL;
        }
}

static void pm_name(ct_buf *b, const char *name, int *first)
{
    if (!*first)
        ct_buf_putc(b, ',');
    *first = 0;
    ct_json_put_str(b, name, strlen(name), 0);
    ct_buf_putc(b, ':');
}

static void pm_write_json(ct_buf *b, const pm_node *n, const json_t *v);

/* A documented mapping, its keys in the caller's order, nulls left out. */
static void pm_write_object(ct_buf *b, const pm_node *n, const json_t *v)
{
    const char *key;
    json_t *x;
    int first = 1;
    size_t i;
    ct_buf_putc(b, '{');
    json_object_foreach((json_t *)v, key, x)
    {
        if (json_is_null(x))
            continue;
        for (i = 0; i < n->nkids && strcmp(n->kids[i].arg, key) != 0; i++)
            ;
        if (i == n->nkids)
            continue; /* refused by pm_check_object */
        pm_name(b, n->kids[i].wire, &first);
        pm_write_json(b, &n->kids[i], x);
    }
    ct_buf_putc(b, '}');
}

static void pm_write_json(ct_buf *b, const pm_node *n, const json_t *v)
{
    size_t i;
    json_t *x;
    switch (n->kind) {
    case PK_AMOUNT:
        if (json_is_string(v))
            ct_buf_append(b, json_string_value(v), json_string_length(v));
        else
            ct_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case PK_OBJ: pm_write_object(b, n, v); break;
    case PK_LIST:
        ct_buf_putc(b, '[');
        json_array_foreach(v, i, x)
        {
            if (i > 0)
                ct_buf_putc(b, ',');
            pm_write_object(b, n, x);
        }
        ct_buf_putc(b, ']');
        break;
    default: ct_json_put_value(b, v, 0); break;
    }
}

void pm_write_members(ct_buf *b, const pm_node *nodes, const pm_value *val,
                      size_t from, size_t to, int *first)
{
    size_t i;
    for (i = from; i < to; i++) {
        const ct_kv *v = val[i].v;
        if (v == NULL)
            continue;
        pm_name(b, nodes[i].wire, first);
        if (val[i].j != NULL)
            pm_write_json(b, &nodes[i], val[i].j);
        else if (nodes[i].kind == PK_AMOUNT || nodes[i].kind == PK_BOOL)
            ct_buf_append(b, v->value, v->len);
        else
            ct_json_put_str(b, v->value, v->len, 0);
    }
}

void pm_write_const(ct_buf *b, const char *name, const char *value, int *first)
{
    pm_name(b, name, first);
    ct_json_put_str(b, value, strlen(value), 0);
}

const json_t *pm_get(const json_t *j, const char *k1, const char *k2)
{
    const json_t *x = json_object_get(j, k1);
    return k2 != NULL ? json_object_get(x, k2) : x;
}
