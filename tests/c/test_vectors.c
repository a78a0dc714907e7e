/* test_vectors.c - runs every case of tests/vectors through the C API and
 * compares with the independently generated expectations.
 * Usage: test_vectors <vectors dir> [name filter] */
#include "cardtoken.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* The client's gateway's first operation (NULL for a NULL client). */
/* The case's "op" (default: the gateway's first operation). */
static const char *case_op;
static const ct_op_desc *op_of(const ct_client *c)
{
    const ct_gateway_desc *g = ct_gateway_describe(ct_client_gateway(c));
    size_t i;
    if (g == NULL || case_op == NULL) return g ? g->ops : NULL;
    for (i = 0; i < g->nops; i++)
        if (strcmp(g->ops[i].name, case_op) == 0) return &g->ops[i];
    return NULL;
}

static int failures, passes;
static char why[512];

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            snprintf(why, sizeof(why), __VA_ARGS__);                          \
            return 0;                                                         \
        }                                                                     \
    } while (0)

static ct_gateway gw_of(const char *name)
{
    if (strcmp(name, "pagsmile") == 0) return CT_GW_PAGSMILE;
    if (strcmp(name, "payermax") == 0) return CT_GW_PAYERMAX;
    if (strcmp(name, "yabandpay") == 0) return CT_GW_YABANDPAY;
    return CT_GW_WORLDFIRST;
}

/* A JSON scalar as the text the bindings would pass. */
static const char *text_of(json_t *v, char *tmp, size_t cap)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) { snprintf(tmp, cap, "%lld", (long long)json_integer_value(v)); return tmp; }
    if (json_is_real(v)) { snprintf(tmp, cap, "%.17g", json_real_value(v)); return tmp; }
    if (json_is_boolean(v)) return json_is_true(v) ? "true" : "false";
    return NULL;
}

static int check_error(json_t *exp, ct_err rc, const ct_error *e)
{
    json_t *v;
    CHECK(rc != CT_OK, "expected %s, got success", json_string_value(json_object_get(exp, "code")));
    CHECK(strcmp(ct_err_name(rc), json_string_value(json_object_get(exp, "code"))) == 0,
          "expected %s, got %s (%s)", json_string_value(json_object_get(exp, "code")), ct_err_name(rc), e->message);
    CHECK(e->code == rc, "error object code differs");
    if ((v = json_object_get(exp, "field")))
        CHECK(strcmp(e->field, json_string_value(v)) == 0, "field: expected %s got %s", json_string_value(v), e->field);
    if ((v = json_object_get(exp, "gateway_code")))
        CHECK(strcmp(e->gateway_code, json_string_value(v)) == 0, "gateway_code: expected %s got %s", json_string_value(v), e->gateway_code);
    if ((v = json_object_get(exp, "gateway_message")))
        CHECK(strcmp(e->gateway_message, json_string_value(v)) == 0, "gateway_message: expected %s got %s", json_string_value(v), e->gateway_message);
    if ((v = json_object_get(exp, "http_status")))
        CHECK(e->http_status == json_integer_value(v), "http_status: expected %lld got %d", (long long)json_integer_value(v), e->http_status);
    if ((v = json_object_get(exp, "retry_after")))
        CHECK(e->retry_after == json_number_value(v), "retry_after: expected %g got %g", json_number_value(v), e->retry_after);
    if ((v = json_object_get(exp, "outcome_unknown")))
        CHECK(e->outcome_unknown == json_is_true(v),
              "outcome_unknown: expected %d got %d", json_is_true(v),
              e->outcome_unknown);
    if ((v = json_object_get(exp, "category")))
        CHECK(strcmp(ct_category_name(e->category), json_string_value(v)) == 0, "category");
    return 1;
}

static int check_record(json_t *exp, const ct_field *f, size_t n)
{
    const char *key;
    json_t *v;
    CHECK(json_object_size(exp) == n, "result has %zu fields, expected %zu", n, json_object_size(exp));
    json_object_foreach(exp, key, v) {
        size_t i;
        for (i = 0; i < n; i++)
            if (strcmp(f[i].name, key) == 0) break;
        CHECK(i < n, "result lacks field %s", key);
        if (json_is_null(v)) CHECK(f[i].type == CT_VAL_NULL, "%s should be null", key);
        else if (json_is_integer(v)) CHECK(f[i].type == CT_VAL_INT && f[i].num == json_integer_value(v), "%s integer differs", key);
        else if (json_is_object(v)) {
            /* a mapping field (raw): the same JSON value as the vector's */
            json_t *got;
            int same;
            CHECK(f[i].type == CT_VAL_JSON, "%s should be a mapping", key);
            got = json_loadb(f[i].str, f[i].len, JSON_REJECT_DUPLICATES, NULL);
            same = got != NULL && json_equal(got, v);
            json_decref(got);
            CHECK(same, "%s differs: %s", key, f[i].str);
        }
        else CHECK(f[i].type == CT_VAL_STRING && f[i].len == json_string_length(v) &&
                   memcmp(f[i].str, json_string_value(v), f[i].len) == 0, "%s differs", key);
    }
    return 1;
}

static int check_result(json_t *exp, const ct_result *res)
{
    size_t n;
    if (json_is_array(exp)) {
        size_t i;
        CHECK(ct_result_is_list(res), "expected a list");
        CHECK(ct_result_count(res) == json_array_size(exp), "list length %zu, expected %zu", ct_result_count(res), json_array_size(exp));
        for (i = 0; i < json_array_size(exp); i++) {
            const ct_field *f = ct_result_record(res, i, &n);
            if (!check_record(json_array_get(exp, i), f, n)) return 0;
        }
        return 1;
    }
    const ct_field *f;
    CHECK(!ct_result_is_list(res) && ct_result_count(res) == 1, "expected one record");
    f = ct_result_record(res, 0, &n);
    return check_record(exp, f, n);
}

static ct_header *headers_of(json_t *arr, size_t *n)
{
    size_t i;
    ct_header *h = calloc(json_array_size(arr) + 1, sizeof(*h));
    *n = json_array_size(arr);
    for (i = 0; i < *n; i++) {
        json_t *pair = json_array_get(arr, i);
        h[i].name = json_string_value(json_array_get(pair, 0));
        h[i].name_len = strlen(h[i].name);
        h[i].value = json_string_value(json_array_get(pair, 1));
        h[i].value_len = json_string_length(json_array_get(pair, 1));
    }
    return h;
}

static int check_request_headers(json_t *exp, const ct_request *req)
{
    size_t i;
    CHECK(ct_request_header_count(req) == json_array_size(exp), "header count %zu, expected %zu", ct_request_header_count(req), json_array_size(exp));
    for (i = 0; i < json_array_size(exp); i++) {
        const char *name, *value;
        json_t *pair = json_array_get(exp, i);
        ct_request_header(req, i, &name, &value);
        CHECK(strcmp(name, json_string_value(json_array_get(pair, 0))) == 0, "header %zu name %s", i, name);
        CHECK(strcmp(value, json_string_value(json_array_get(pair, 1))) == 0, "header %s value differs:\n got  %s\n want %s", name, value, json_string_value(json_array_get(pair, 1)));
    }
    return 1;
}

static int run_case(json_t *c)
{
    ct_gateway gw = gw_of(json_string_value(json_object_get(c, "gateway")));
    const char *kind = json_string_value(json_object_get(c, "kind"));
    ct_config *cfg = ct_config_new(gw);
    ct_client *client = NULL;
    ct_request *req = NULL;
    ct_result *res = NULL;
    ct_args *args = NULL;
    ct_error e;
    ct_err rc = CT_OK;
    const char *key;
    json_t *v, *exp;
    char tmp[64];
    int ok = 0;

    json_object_foreach(json_object_get(c, "config"), key, v) {
        const char *t = text_of(v, tmp, sizeof(tmp));
        rc = ct_config_set(cfg, key, t ? t : "", t ? strlen(t) : 0, &e);
        if (rc != CT_OK) break;
    }
    if (rc == CT_OK) rc = ct_client_new(cfg, &client, &e);
    ct_config_free(cfg);
    if ((exp = json_object_get(c, "config_error"))) {
        ok = check_error(exp, rc, &e);
        goto done;
    }
    if (rc != CT_OK) { snprintf(why, sizeof(why), "client: %s %s (%s)", ct_err_name(rc), e.field, e.message); goto done; }
    if (strcmp(kind, "config") == 0) { ok = 1; goto done; }

    if (strcmp(kind, "call") == 0) {
        json_t *b = json_object_get(c, "build"), *resp = json_object_get(c, "response");
        args = ct_args_new();
        case_op = json_string_value(json_object_get(c, "op"));
        json_object_foreach(json_object_get(c, "args"), key, v) {
            const char *t = text_of(v, tmp, sizeof(tmp));
            if (t) ct_args_set(args, key, t, strlen(t), &e);
            else if (json_is_object(v)) { /* a mapping: its JSON text */
                char *js = json_dumps(v, JSON_COMPACT);
                json_malloc_t m;
                json_free_t f;
                if (js) ct_args_set(args, key, js, strlen(js), &e);
                json_get_alloc_funcs(&m, &f);
                f(js);
            }
        }
        rc = ct_build(client, op_of(client), args, &req, &e);
        if ((exp = json_object_get(c, "build_error"))) {
            if (!check_error(exp, rc, &e)) goto done;
        } else if (b) {
            size_t blen;
            const char *body;
            if (rc != CT_OK) { snprintf(why, sizeof(why), "build: %s %s (%s)", ct_err_name(rc), e.field, e.message); goto done; }
            body = ct_request_body(req, &blen);
            if (strcmp(ct_request_method(req), json_string_value(json_object_get(b, "method"))) != 0) { snprintf(why, sizeof(why), "method"); goto done; }
            if (strcmp(ct_request_url(req), json_string_value(json_object_get(b, "url"))) != 0) { snprintf(why, sizeof(why), "url %s", ct_request_url(req)); goto done; }
            if (!check_request_headers(json_object_get(b, "headers"), req)) goto done;
            if (blen != json_string_length(json_object_get(b, "body")) || memcmp(body, json_string_value(json_object_get(b, "body")), blen) != 0) {
                snprintf(why, sizeof(why), "body differs:\n got  %.200s\n want %.200s", body, json_string_value(json_object_get(b, "body")));
                goto done;
            }
        }
        if (resp) {
            size_t nh;
            ct_header *h = headers_of(json_object_get(resp, "headers"), &nh);
            json_t *body = json_object_get(resp, "body");
            rc = ct_parse(client, op_of(client), req, (int)json_integer_value(json_object_get(resp, "status")), h, nh,
                          json_string_value(body), json_string_length(body), &res, &e);
            free(h);
            if ((exp = json_object_get(c, "error"))) { ok = check_error(exp, rc, &e); goto done; }
            if (rc != CT_OK) { snprintf(why, sizeof(why), "parse: %s %s (%s)", ct_err_name(rc), e.field, e.message); goto done; }
            if (!check_result(json_object_get(c, "result"), res)) goto done;
        }
        ok = 1;
    } else if (strcmp(kind, "notification") == 0) {
        json_t *n = json_object_get(c, "notification");
        ct_notification note;
        char *fields = NULL;
        size_t nh = 0;
        memset(&note, 0, sizeof(note));
        if ((v = json_object_get(n, "fields"))) {
            fields = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
            note.fields_json = fields;
            note.fields_json_len = strlen(fields);
        }
        if ((v = json_object_get(n, "body"))) { note.body = json_string_value(v); note.body_len = json_string_length(v); }
        if ((v = json_object_get(n, "sign"))) { note.sign = json_string_value(v); note.sign_len = json_string_length(v); }
        if ((v = json_object_get(n, "path"))) note.path = json_string_value(v);
        if ((v = json_object_get(n, "max_age")))
            note.max_age = json_number_value(v);
        if ((v = json_object_get(n, "headers"))) note.headers = headers_of(v, &nh);
        note.nheaders = nh;
        rc = ct_verify_notification(client, &note, &res, &e);
        {
            json_malloc_t m;
            json_free_t f;
            json_get_alloc_funcs(&m, &f); /* the core installs its own */
            f(fields);
        }
        free((void *)note.headers);
        if ((exp = json_object_get(c, "error"))) { ok = check_error(exp, rc, &e); goto done; }
        if (rc != CT_OK) { snprintf(why, sizeof(why), "verify: %s %s (%s)", ct_err_name(rc), e.field, e.message); goto done; }
        {
            size_t jl;
            const char *js = ct_result_json(res, &jl);
            json_t *got = json_loadb(js, jl, 0, NULL), *want = json_object_get(c, "verified");
            if (got != NULL) {
                ok = json_equal(got, want);
            } else { /* an integer beyond 64 bits: compare with every number a real */
                json_malloc_t m;
                json_free_t f;
                char *w = json_dumps(want, JSON_COMPACT | JSON_ENCODE_ANY);
                json_t *wr = w ? json_loads(w, JSON_DECODE_INT_AS_REAL | JSON_DECODE_ANY, NULL) : NULL;
                got = json_loadb(js, jl, JSON_DECODE_INT_AS_REAL, NULL);
                ok = got != NULL && json_equal(got, wr);
                json_get_alloc_funcs(&m, &f);
                f(w);
                json_decref(wr);
            }
            if (!ok) snprintf(why, sizeof(why), "verified content differs: %.200s", js);
            json_decref(got);
        }
    } else if (strcmp(kind, "ack") == 0) {
        json_t *a = json_object_get(c, "ack");
        size_t blen;
        const char *body;
        rc = ct_notification_ack(client, json_string_value(json_object_get(c, "path")), &req, &e);
        if (rc != CT_OK) { snprintf(why, sizeof(why), "ack: %s (%s)", ct_err_name(rc), e.message); goto done; }
        if (!check_request_headers(json_object_get(a, "headers"), req)) goto done;
        body = ct_request_body(req, &blen);
        ok = blen == json_string_length(json_object_get(a, "body")) && memcmp(body, json_string_value(json_object_get(a, "body")), blen) == 0;
        if (!ok) snprintf(why, sizeof(why), "ack body differs: %s", body);
    } else {
        snprintf(why, sizeof(why), "unknown kind %s", kind);
    }
done:
    ct_result_free(res);
    ct_request_free(req);
    ct_args_free(args);
    ct_client_free(client);
    return ok;
}

int main(int argc, char **argv)
{
    static const char *const gws[] = {"pagsmile", "payermax", "yabandpay", "worldfirst"};
    const char *dir = argc > 1 ? argv[1] : "tests/vectors";
    const char *filter = argc > 2 ? argv[2] : NULL;
    size_t g;

    if (ct_global_init() != CT_OK) return 2;
    for (g = 0; g < 4; g++) {
        char path[1024];
        struct dirent **list;
        int n, i;
        snprintf(path, sizeof(path), "%s/%s", dir, gws[g]);
        n = scandir(path, &list, NULL, alphasort);
        if (n < 0) { fprintf(stderr, "cannot read %s\n", path); return 2; }
        for (i = 0; i < n; i++) {
            char file[1400];
            json_error_t jerr;
            json_t *c;
            size_t len = strlen(list[i]->d_name);
            if (len < 6 || strcmp(list[i]->d_name + len - 5, ".json") != 0 ||
                (filter && !strstr(list[i]->d_name, filter))) { free(list[i]); continue; }
            snprintf(file, sizeof(file), "%s/%s", path, list[i]->d_name);
            c = json_load_file(file, 0, &jerr);
            if (c == NULL && json_error_code(&jerr) == json_error_numeric_overflow)
                c = json_load_file(file, JSON_DECODE_INT_AS_REAL, &jerr); /* big integers */
            why[0] = '\0';
            if (c != NULL && run_case(c)) {
                passes++;
            } else {
                failures++;
                printf("FAIL %s/%s: %s\n", gws[g], list[i]->d_name, c ? why : "unreadable case");
            }
            json_decref(c);
            free(list[i]);
        }
        free(list);
    }
    printf("vectors: %d passed, %d failed\n", passes, failures);
    return failures ? 1 : (passes ? 0 : 3);
}
