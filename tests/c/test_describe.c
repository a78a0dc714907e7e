/* test_describe.c - the public description (cardtoken.h only): lookups
 * agree with each other and with the public names (the stubs, README.md), every
 * described option and argument is accepted by the core, an operation of
 * another gateway is refused naming "operation", and ct_call's code does not
 * depend on whether details were asked for. */
#include "cardtoken.h"
#include "expect.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The public names (__init__.pyi, cardtoken.stub.php): gateway, class,
 * operation, PHP method, result type, list or not, notification inputs, signed
 * ack. */
static const struct {
    ct_gateway id;
    const char *name, *class_name, *op, *php_op, *result;
    int list;
    const char *notify;
    int ack_signed;
} expected[] = {{CT_GW_PAGSMILE, "pagsmile", "Pagsmile", "get_card_token",
                 "getCardToken", "CardTokenResult", 0, "fields", 0},
                {CT_GW_PAYERMAX, "payermax", "PayerMax",
                 "inquire_payment_token", "inquirePaymentToken", "PaymentToken",
                 1, "body,sign,max_age", 0},
                {CT_GW_YABANDPAY, "yabandpay", "YabandPay", "create_card_token",
                 "createCardToken", "CardPayment", 0, "body", 0},
                {CT_GW_WORLDFIRST, "worldfirst", "WorldFirst",
                 "query_card_sensitive_info", "queryCardSensitiveInfo",
                 "CardSensitiveInfo", 0, "path,headers,body,max_age", 1}};

static void lookups(void)
{
    size_t i, j;
    EXPECT(ct_gateway_count() == 4, "count %zu", ct_gateway_count());
    EXPECT(ct_gateway_at(ct_gateway_count()) == NULL, "at(count)");
    EXPECT(ct_gateway_find("nope") == NULL && ct_gateway_find(NULL) == NULL,
           "find unknown");
    EXPECT(ct_gateway_describe((ct_gateway)0) == NULL &&
               ct_gateway_describe((ct_gateway)5) == NULL,
           "describe non-gateway");
    for (i = 0; i < 4; i++) {
        const ct_gateway_desc *g = ct_gateway_at(i);
        const ct_op_desc *op;
        char notify[64] = "";
        EXPECT(g != NULL && g->id == expected[i].id, "at(%zu)", i);
        if (g == NULL)
            continue;
        EXPECT(ct_gateway_find(expected[i].name) == g, "find %s",
               expected[i].name);
        EXPECT(ct_gateway_describe(expected[i].id) == g, "describe %s",
               expected[i].name);
        EXPECT(strcmp(g->class_name, expected[i].class_name) == 0 &&
                   strcmp(ct_gateway_name(g->id), expected[i].name) == 0,
               "%s names", expected[i].name);
        op = ct_op_find(g, expected[i].op);
        EXPECT(op != NULL && op >= g->ops && op < g->ops + g->nops &&
                   strcmp(op->name, expected[i].op) == 0 &&
                   strcmp(op->php_name, expected[i].php_op) == 0 &&
                   strcmp(op->result_name, expected[i].result) == 0 &&
                   op->returns_list == expected[i].list,
               "%s operation", expected[i].name);
        EXPECT(ct_op_find(g, expected[i].php_op) == op &&
                   ct_op_find(g, "nope") == NULL &&
                   ct_op_find(NULL, "x") == NULL,
               "%s op_find", expected[i].name);
        for (j = 0; op != NULL && j < g->nops; j++)
            EXPECT(ct_op_find(g, g->ops[j].name) == &g->ops[j] &&
                       ct_op_find(g, g->ops[j].php_name) == &g->ops[j] &&
                       g->ops[j].doc != NULL,
                   "%s op %zu", expected[i].name, j);
        for (j = 0; j < g->nnotify; j++) {
            if (j)
                strcat(notify, ",");
            strncat(notify, g->notify_params[j].name, 20);
        }
        EXPECT(strcmp(notify, expected[i].notify) == 0, "%s notify %s",
               expected[i].name, notify);
        EXPECT(g->ack_signed == expected[i].ack_signed, "%s ack_signed",
               expected[i].name);
        EXPECT(ct_param_find(g->options, g->noptions, "environment") != NULL &&
                   ct_param_find(g->options, g->noptions, "proxy")->secret &&
                   ct_param_find(g->options, g->noptions, "nope") == NULL,
               "%s options", expected[i].name);
        EXPECT(g->doc != NULL, "%s docs", expected[i].name);
    }
}

/* Every described option is one the configuration takes; every described
 * argument is one the build takes (an unknown one is refused by name). */
static void descriptions_match_the_core(void)
{
    size_t i, j, k;
    for (i = 0; i < ct_gateway_count(); i++) {
        const ct_gateway_desc *g = ct_gateway_at(i);
        ct_config *cfg = ct_config_new(g->id);
        ct_error e;
        for (j = 0; j < g->noptions; j++) {
            ct_err rc = ct_config_set(cfg, g->options[j].name, "x", 1, &e);
            EXPECT(rc == CT_OK, "%s option %s: %s", g->name, g->options[j].name,
                   e.message);
            EXPECT(g->options[j].php_name != NULL &&
                       strcmp(g->options[j].php_name, g->options[j].name) == 0,
                   "%s option php_name", g->name);
        }
        EXPECT(ct_config_set(cfg, "no_such_option", "x", 1, &e) ==
                       CT_ERR_CONFIG &&
                   strcmp(e.field, "no_such_option") == 0,
               "%s unknown option", g->name);
        ct_config_free(cfg);
        for (k = 0; k < g->nops; k++) {
            const ct_op_desc *op = &g->ops[k];
            for (j = 0; j < op->nargs; j++)
                EXPECT(op->args[j].secret ==
                               (op->args[j].type == CT_TYPE_SECRET) &&
                           ct_param_find(op->args, op->nargs,
                                         op->args[j].name) == &op->args[j],
                       "%s arg %s", g->name, op->args[j].name);
            for (j = 0; j < op->nfields; j++)
                EXPECT(op->fields[j].type == CT_VAL_STRING ||
                           op->fields[j].type == CT_VAL_INT ||
                           (op->fields[j].type == CT_VAL_JSON &&
                            strcmp(op->fields[j].name, "raw") == 0 &&
                            !op->fields[j].nullable && j + 1 == op->nfields),
                       "%s field %s", g->name, op->fields[j].name);
        }
    }
}

static ct_client *client_for(ct_gateway gw, const char *base)
{
    /* the smallest valid configuration of each gateway (keys read from the
     * test vectors' key files would do too; Pagsmile and YabandPay need
     * none) */
    static const char *const pg[][2] = {
        {"merchant_no", "1"}, {"app_id", "2"}, {"app_key", "k"}};
    static const char *const yb[][2] = {{"user", "u"}, {"secret_key", "k"}};
    ct_config *cfg = ct_config_new(gw);
    ct_client *c = NULL;
    size_t i;
    for (i = 0; gw == CT_GW_PAGSMILE && i < 3; i++)
        ct_config_set(cfg, pg[i][0], pg[i][1], strlen(pg[i][1]), NULL);
    for (i = 0; gw == CT_GW_YABANDPAY && i < 2; i++)
        ct_config_set(cfg, yb[i][0], yb[i][1], strlen(yb[i][1]), NULL);
    ct_config_set(cfg, "base_url", base, strlen(base), NULL);
    ct_config_set(cfg, "max_retries", "0", 1, NULL);
    ct_client_new(cfg, &c, NULL);
    ct_config_free(cfg);
    return c;
}

static ct_args *card_args(void)
{
    static const char *const a[][2] = {{"card_number", "4111111111111111"},
                                       {"security_code", "123"},
                                       {"expiration_month", "12"},
                                       {"expiration_year", "2030"},
                                       {"cardholder_name", "APRO"}};
    ct_args *args = ct_args_new();
    size_t i;
    for (i = 0; i < 5; i++)
        ct_args_set(args, a[i][0], a[i][1], strlen(a[i][1]), NULL);
    return args;
}

/* An operation is the client's gateway's own, by identity. */
static void foreign_operation(void)
{
    ct_client *pg = client_for(CT_GW_PAGSMILE, "http://127.0.0.1:9");
    const ct_op_desc *mine = ct_gateway_describe(CT_GW_PAGSMILE)->ops;
    const ct_op_desc *other = ct_gateway_describe(CT_GW_YABANDPAY)->ops;
    ct_op_desc copy = *mine;
    ct_args *args = card_args();
    ct_request *req = NULL;
    ct_result *res = NULL;
    ct_error e;
    ct_err rc;

    EXPECT(pg != NULL, "pagsmile client");
    rc = ct_build(pg, other, args, &req, &e);
    EXPECT(rc == CT_ERR_VALIDATION && strcmp(e.field, "operation") == 0 &&
               req == NULL,
           "build with another gateway's op: %s %s", ct_err_name(rc), e.field);
    rc = ct_build(pg, NULL, args, &req, &e);
    EXPECT(rc == CT_ERR_VALIDATION && strcmp(e.field, "operation") == 0,
           "build with no op: %s", ct_err_name(rc));
    rc = ct_build(pg, &copy, args, &req, &e);
    EXPECT(rc == CT_ERR_VALIDATION && strcmp(e.field, "operation") == 0,
           "build with a copy of the op: %s", ct_err_name(rc));
    rc = ct_call(pg, other, args, &res, &e);
    EXPECT(rc == CT_ERR_VALIDATION && strcmp(e.field, "operation") == 0 &&
               !e.outcome_unknown,
           "call with another gateway's op: %s", ct_err_name(rc));
    rc = ct_parse(pg, NULL, NULL, 200, NULL, 0, "{}", 2, &res, &e);
    EXPECT(rc == CT_ERR_VALIDATION && strcmp(e.field, "operation") == 0,
           "parse with neither op nor request: %s", ct_err_name(rc));
    rc = ct_parse(pg, other, NULL, 200, NULL, 0, "{}", 2, &res, &e);
    EXPECT(rc == CT_ERR_VALIDATION && strcmp(e.field, "operation") == 0,
           "parse with another gateway's op: %s", ct_err_name(rc));

    rc = ct_build(pg, mine, args, &req, &e);
    EXPECT(rc == CT_OK && ct_request_op(req) == mine, "build: %s",
           ct_err_name(rc));
    /* the request knows its operation: op may be NULL */
    rc = ct_parse(pg, NULL, req, 200, NULL, 0, "{\"code\":\"402\"}", 14, &res,
                  &e);
    EXPECT(rc == CT_ERR_GATEWAY, "parse with the request's op: %s",
           ct_err_name(rc));
    EXPECT(ct_request_op(NULL) == NULL, "request_op(NULL)");
    ct_request_free(req);
    ct_args_free(args);
    ct_client_free(pg);
}

/* ct_call's code is the same with and without a ct_error. */
static void call_code_without_details(void)
{
    struct sockaddr_in a;
    socklen_t al = sizeof(a);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    char base[64];
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        getsockname(s, (struct sockaddr *)&a, &al) != 0) {
        EXPECT(0, "no loopback socket");
        return;
    }
    snprintf(base, sizeof(base), "http://127.0.0.1:%d", ntohs(a.sin_port));
    close(s); /* nothing listens there: connection refused */
    {
        ct_client *pg = client_for(CT_GW_PAGSMILE, base);
        const ct_op_desc *op = ct_gateway_describe(CT_GW_PAGSMILE)->ops;
        ct_args *args = card_args();
        ct_result *res = NULL;
        ct_error e;
        ct_err with = ct_call(pg, op, args, &res, &e);
        ct_err without = ct_call(pg, op, args, &res, NULL);
        EXPECT(with == CT_ERR_CONNECT && without == with,
               "refused: %s with details, %s without", ct_err_name(with),
               ct_err_name(without));
        ct_args_free(args);
        ct_client_free(pg);
    }
}

int main(void)
{
    if (ct_global_init() != CT_OK)
        return 2;
    lookups();
    descriptions_match_the_core();
    foreign_operation();
    call_code_without_details();
    printf("describe: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
