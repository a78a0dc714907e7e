/* ct_c.c - cardtoken's C core used directly (libcardtoken.a, the public
 * header only): what the Python and PHP extensions cost on top of it, and
 * the program to profile the core with (valgrind --tool=callgrind).
 *
 * net:   ct_call (validate, build, sign, send, verify, parse)
 * nonet: ct_build + ct_parse of the canned response
 *
 * Usage: ct_c MODE CALL N FIXTURES_JSON (see cbench.h).
 */
#include "cardtoken.h"
#include "cbench.h"

/* The client's gateway's first operation (NULL for a NULL client). */
static const ct_op_desc *op_of(const ct_client *c)
{
    const ct_gateway_desc *g = ct_gateway_describe(ct_client_gateway(c));
    return g ? g->ops : NULL;
}

static ct_client *client;
static ct_args *args;
static ct_header canned_h[32];
static size_t canned_n;
static const char *canned_body;

static int fail(const char *what, const ct_error *e)
{
    fprintf(stderr, "ct_c: %s: %s (%s)\n", what, e->message, ct_err_name(e->code));
    return -1;
}

/* ct_global_init() installs cardtoken's wiping allocator as jansson's (a
 * process-wide setting): it must come before this program's own jansson
 * objects, or they would be freed by another allocator than theirs. */
static void bench_preinit(void)
{
    if (ct_global_init() != CT_OK)
        die("ct_global_init failed");
}

static int bench_setup(const char *call, json_t *fx)
{
    json_t *c = json_object_get(json_object_get(fx, "calls"), call), *val, *resp, *pair;
    const char *key;
    ct_gateway gw;
    ct_config *cfg;
    ct_error e;
    size_t i;

    if (c == NULL)
        return -1;
    gw = !strcmp(call, "pagsmile") ? CT_GW_PAGSMILE : !strcmp(call, "payermax") ? CT_GW_PAYERMAX
       : !strcmp(call, "yabandpay") ? CT_GW_YABANDPAY : CT_GW_WORLDFIRST;
    if ((cfg = ct_config_new(gw)) == NULL)
        return -1;
    json_object_foreach(json_object_get(c, "config"), key, val) {
        if (ct_config_set(cfg, key, json_string_value(val), json_string_length(val), &e) != CT_OK)
            return fail("config", &e);
    }
    if (ct_config_set(cfg, "base_url", jstr(fx, "base_url"), strlen(jstr(fx, "base_url")), &e) ||
        ct_config_set(cfg, "ca_file", jstr(fx, "ca_file"), strlen(jstr(fx, "ca_file")), &e))
        return fail("config", &e);
    if (ct_client_new(cfg, &client, &e) != CT_OK)
        return fail("client", &e);
    ct_config_free(cfg);
    args = ct_args_new();
    json_object_foreach(json_object_get(c, "args"), key, val) {
        if (ct_args_set(args, key, json_string_value(val), json_string_length(val), &e) != CT_OK)
            return fail("args", &e);
    }
    resp = json_object_get(c, "response");
    json_array_foreach(json_object_get(resp, "wire_headers"), i, pair) {
        if (canned_n == sizeof(canned_h) / sizeof(canned_h[0]))
            break;
        canned_h[canned_n].name = json_string_value(json_array_get(pair, 0));
        canned_h[canned_n].name_len = strlen(canned_h[canned_n].name);
        canned_h[canned_n].value = json_string_value(json_array_get(pair, 1));
        canned_h[canned_n].value_len = strlen(canned_h[canned_n].value);
        canned_n++;
    }
    canned_body = jstr(resp, "body");
    return 0;
}

static int bench_call(void)
{
    ct_result *res = NULL;
    ct_error e;
    if (ct_call(client, op_of(client), args, &res, &e) != CT_OK)
        return fail("call", &e);
    ct_result_free(res);
    return 0;
}

static int bench_nonet(void)
{
    ct_request *req = NULL;
    ct_result *res = NULL;
    ct_error e;
    if (ct_build(client, op_of(client), args, &req, &e) != CT_OK)
        return fail("build", &e);
    if (ct_parse(client, op_of(client), req, 200, canned_h, canned_n, canned_body, strlen(canned_body), &res,
                 &e) != CT_OK) {
        ct_request_free(req);
        return fail("parse", &e);
    }
    ct_result_free(res);
    ct_request_free(req);
    return 0;
}

static void bench_check(json_t *out)
{
    ct_request *req = NULL;
    ct_error e;
    json_t *r = json_object(), *hs = json_array();
    size_t len, i;
    const char *body;
    if (ct_build(client, op_of(client), args, &req, &e) != CT_OK) {
        fail("build", &e);
        exit(1);
    }
    for (i = 0; i < ct_request_header_count(req); i++) {
        const char *n, *v;
        ct_request_header(req, i, &n, &v);
        json_array_append_new(hs, json_pack("[ss]", n, v));
    }
    body = ct_request_body(req, &len);
    json_object_set_new(r, "method", json_string(ct_request_method(req)));
    json_object_set_new(r, "url", json_string(ct_request_url(req)));
    json_object_set_new(r, "headers", hs);
    json_object_set_new(r, "body", json_stringn(body, len));
    json_object_set_new(out, "request", r);
    ct_request_free(req);
    json_object_set_new(out, "canned_verified", json_boolean(bench_nonet() == 0));
    json_object_set_new(out, "network_ok", json_boolean(bench_call() == 0));
}
