/*
 * ct_describe.c - prints the core's description of every gateway and
 * operation (cardtoken.h's ct_gateway_desc and what it reaches) as JSON,
 * for the stub and docs generators. Uses cardtoken.h only.
 *
 *   build/c/ct_describe > description.json        (make describe)
 *
 * The output is stable: keys in the order of the struct members in
 * cardtoken.h, arrays in the core's order, two-space indentation. Every
 * member is printed; an array member (args, fields, options, ops,
 * notify_params, children) stands for its pointer and count; types are
 * their enum names without prefix, lower case ("string", "secret",
 * "mapping"; result fields "string" or "int"); NULL strings are null.
 */
#include "cardtoken.h"

#include <stdio.h>

static void put_str(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (s == NULL) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", stdout);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void indent(int n)
{
    while (n-- > 0)
        fputs("  ", stdout);
}

/* "key": at depth d, after a comma unless first. */
static void key(int d, int first, const char *k)
{
    fputs(first ? "\n" : ",\n", stdout);
    indent(d);
    printf("\"%s\": ", k);
}

static void member_str(int d, int first, const char *k, const char *v)
{
    key(d, first, k);
    put_str(v);
}

static void member_bool(int d, const char *k, int v)
{
    key(d, 0, k);
    fputs(v ? "true" : "false", stdout);
}

static const char *type_name(ct_type t)
{
    switch (t) {
    case CT_TYPE_STRING: return "string";
    case CT_TYPE_INT: return "int";
    case CT_TYPE_FLOAT: return "float";
    case CT_TYPE_SECRET: return "secret";
    case CT_TYPE_BOOL: return "bool";
    case CT_TYPE_OBJECT: return "object";
    case CT_TYPE_LIST: return "list";
    case CT_TYPE_MAPPING: return "mapping";
    case CT_TYPE_BYTES: return "bytes";
    case CT_TYPE_UNKNOWN: break;
    }
    return "unknown";
}

static const char *value_type_name(ct_value_type t)
{
    switch (t) {
    case CT_VAL_STRING: return "string";
    case CT_VAL_INT: return "int";
    case CT_VAL_JSON: return "json";
    case CT_VAL_NULL: break;
    }
    return "null";
}

/* Opens an array member; the caller prints the elements. */
static void open_array(int d, const char *k, size_t n)
{
    key(d, 0, k);
    fputs(n ? "[" : "[]", stdout);
}

static void close_array(int d, size_t n)
{
    if (n == 0)
        return;
    putchar('\n');
    indent(d);
    putchar(']');
}

static void element(int d, size_t i)
{
    fputs(i ? ",\n" : "\n", stdout);
    indent(d);
    putchar('{');
}

static void end_object(int d)
{
    putchar('\n');
    indent(d);
    putchar('}');
}

static void params(int d, const char *k, const ct_param_desc *p, size_t n)
{
    size_t i;
    open_array(d, k, n);
    for (i = 0; i < n; i++) {
        element(d + 1, i);
        member_str(d + 2, 1, "name", p[i].name);
        member_str(d + 2, 0, "php_name", p[i].php_name);
        member_str(d + 2, 0, "type", type_name(p[i].type));
        member_bool(d + 2, "required", p[i].required);
        member_bool(d + 2, "secret", p[i].secret);
        params(d + 2, "children", p[i].children, p[i].nchildren);
        member_str(d + 2, 0, "doc", p[i].doc);
        member_bool(d + 2, "nullable", p[i].nullable);
        end_object(d + 1);
    }
    close_array(d, n);
}

static void fields(int d, const ct_result_field_desc *f, size_t n)
{
    size_t i;
    open_array(d, "fields", n);
    for (i = 0; i < n; i++) {
        element(d + 1, i);
        member_str(d + 2, 1, "name", f[i].name);
        member_str(d + 2, 0, "type", value_type_name(f[i].type));
        member_bool(d + 2, "nullable", f[i].nullable);
        member_bool(d + 2, "sensitive", f[i].sensitive);
        member_str(d + 2, 0, "doc", f[i].doc);
        end_object(d + 1);
    }
    close_array(d, n);
}

static void ops(int d, const ct_op_desc *o, size_t n)
{
    size_t i;
    open_array(d, "ops", n);
    for (i = 0; i < n; i++) {
        element(d + 1, i);
        member_str(d + 2, 1, "name", o[i].name);
        member_str(d + 2, 0, "php_name", o[i].php_name);
        member_str(d + 2, 0, "result_name", o[i].result_name);
        member_bool(d + 2, "returns_list", o[i].returns_list);
        params(d + 2, "args", o[i].args, o[i].nargs);
        fields(d + 2, o[i].fields, o[i].nfields);
        member_str(d + 2, 0, "doc", o[i].doc);
        end_object(d + 1);
    }
    close_array(d, n);
}

int main(void)
{
    size_t i, n = ct_gateway_count();
    printf("{");
    member_str(1, 1, "version", ct_version());
    open_array(1, "gateways", n);
    for (i = 0; i < n; i++) {
        const ct_gateway_desc *g = ct_gateway_at(i);
        element(2, i);
        key(3, 1, "id");
        printf("%d", (int)g->id);
        member_str(3, 0, "name", g->name);
        member_str(3, 0, "class_name", g->class_name);
        params(3, "options", g->options, g->noptions);
        ops(3, g->ops, g->nops);
        params(3, "notify_params", g->notify_params, g->nnotify);
        member_bool(3, "ack_signed", g->ack_signed);
        member_str(3, 0, "doc", g->doc);
        end_object(2);
    }
    close_array(1, n);
    printf("\n}\n");
    return ferror(stdout) ? 1 : 0;
}
