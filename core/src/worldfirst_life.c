/* worldfirst_life.c - the WorldFirst World Card lifecycle (LIFECYCLE.md
 * §4): queryCardDetail, applyCard, updateCard, updateCardStatus and the
 * OAuth applyToken, each signed and verified like the seed call
 * (worldfirst.c); the reading of every call's answer, the seed's too; and
 * WorldFirst's gateway table (ct_worldfirst_ops), which names both units'
 * operations. */
#include "check.h"
#include "errors.h"
#include "json.h"
#include "mem.h"
#include "raw.h"
#include "result.h"
#include "worldfirst.h"

#include <openssl/crypto.h>
#include <string.h>

static const ct_param_desc wf_options[] = {
    CT_ARG("client_id", CT_TYPE_STRING, 1, "WorldFirst Client-Id"),
    CT_ARG("private_key", CT_TYPE_SECRET, 1, "the merchant's RSA key (PEM)"),
    CT_ARG("gateway_public_key", CT_TYPE_STRING, 1,
           "WorldFirst's RSA public key (PEM)"),
    CT_ARG("key_version", CT_TYPE_STRING, 0, "keyVersion (default \"2\")"),
    CT_ARG("access_token", CT_TYPE_SECRET, 0,
           "OAuth token sent as the Access-Token header (not signed)"),
    CT_ARG("connected_account_id", CT_TYPE_STRING, 0,
           "sent as the Connected-AccountId header (not signed)"),
    CT_COMMON_OPTIONS};

static const ct_param_desc wf_notify[] = {
    CT_NOTIFY("path", "path", CT_TYPE_STRING, 1, 0,
              "the notify URL's path (signed)"),
    CT_NOTIFY("headers", "headers", CT_TYPE_MAPPING, 1, 0,
              "the received headers"),
    CT_NOTIFY("body", "body", CT_TYPE_BYTES, 1, 1, "the raw posted body"),
    CT_NOTIFY("max_age", "maxAge", CT_TYPE_FLOAT, 0, 0,
              "refuse a Request-Time more than this many seconds away")};

static const ct_env wf_envs[] = {{"sea", "https://open-sea.worldfirst.com"},
                                 {"eu", "https://open-eu.worldfirst.com"},
                                 {"na", "https://open-na.worldfirst.com"},
                                 {NULL, NULL}};

/* ------------------------------------------------------------------ */
/* Arguments: each with its wire name and its maximum length           */
/* ------------------------------------------------------------------ */

#define WF_ATTEMPT                                                             \
    CT_ARG("retry_attempt", CT_TYPE_INT, 0,                                    \
           "how many U answers came before (sets retry_after)")
#define WF_REQUEST_ID                                                          \
    CT_ARG("request_id", CT_TYPE_STRING, 1,                                    \
           "the idempotency key, at most 32 characters")
#define WF_ASSET_ID CT_ARG("asset_id", CT_TYPE_STRING, 1, "the card asset id")
#define WF_OBJECT(n, req, d) CT_ARG(n, CT_TYPE_OBJECT, req, d)
#define WF_TEXT(n, req, d) CT_ARG(n, CT_TYPE_STRING, req, d)

/* The wire member of argument i (NULL: not sent, retry_attempt) and its
 * maximum length in characters (objects: unused). */
typedef struct wf_wire {
    const char *member;
    size_t max;
} wf_wire;

static const ct_param_desc wf_detail_args[] = {WF_ASSET_ID, WF_ATTEMPT};
static const wf_wire wf_detail_wire[] = {{"assetId", 64}, {NULL, 0}};

static const ct_param_desc wf_apply_args[] = {
    WF_REQUEST_ID,
    WF_TEXT("card_holder_id", 1, "the cardholder (from createCardholder)"),
    WF_TEXT("card_nick_name", 0, "a name for the card"),
    WF_TEXT("note", 0, "a note"),
    WF_OBJECT("authorization_control", 0, "passed through unchanged"),
    WF_TEXT("email", 1, "the cardholder's email (3DS)"),
    WF_TEXT("mobile_number", 1, "the cardholder's phone, e.g. +6512345678"),
    WF_OBJECT("metadata", 0, "passed through unchanged"),
    WF_OBJECT("bill_address", 1, "passed through unchanged"),
    WF_ATTEMPT};
static const wf_wire wf_apply_wire[] = {
    {"requestId", 32},           {"cardHolderId", 64},
    {"cardNickName", 120},       {"note", 512},
    {"authorizationControl", 0}, {"email", 32},
    {"mobileNumber", 32},        {"metadata", 0},
    {"billAddress", 0},          {NULL, 0}};

static const ct_param_desc wf_update_args[] = {
    WF_REQUEST_ID,
    WF_ASSET_ID,
    WF_TEXT("card_nick_name", 0, "a name for the card"),
    WF_TEXT("note", 0, "a note"),
    WF_OBJECT("authorization_control", 0, "passed through unchanged"),
    WF_OBJECT("metadata", 0, "passed through unchanged"),
    WF_TEXT("card_holder_id", 0, "the cardholder (sent as cardHodlerId)"),
    WF_TEXT("email", 0, "the cardholder's email"),
    WF_TEXT("mobile_number", 0, "the cardholder's phone"),
    WF_OBJECT("bill_address", 0, "passed through unchanged"),
    WF_ATTEMPT};
/* cardHodlerId: sic, the documented wire name (LIFECYCLE.md §4.3) */
static const wf_wire wf_update_wire[] = {{"requestId", 32},
                                         {"assetId", 64},
                                         {"cardNickName", 120},
                                         {"note", 512},
                                         {"authorizationControl", 0},
                                         {"metadata", 0},
                                         {"cardHodlerId", 64},
                                         {"email", 32},
                                         {"mobileNumber", 32},
                                         {"billAddress", 0},
                                         {NULL, 0}};

static const ct_param_desc wf_status_args[] = {
    WF_REQUEST_ID, WF_ASSET_ID,
    WF_TEXT("operate_type", 1, "FREEZE, UNFREEZE or CANCEL"),
    WF_OBJECT("env", 1, "the Env object, passed through unchanged"),
    WF_ATTEMPT};
static const wf_wire wf_status_wire[] = {{"requestId", 32},
                                         {"assetId", 64},
                                         {"operateType", 16},
                                         {"env", 0},
                                         {NULL, 0}};

static const ct_param_desc wf_token_args[] = {
    WF_TEXT("grant_type", 1, "AUTHORIZATION_CODE or REFRESH_TOKEN"),
    CT_ARG("auth_code", CT_TYPE_SECRET, 0,
           "the code of the authorization redirect (AUTHORIZATION_CODE)"),
    CT_ARG("refresh_token", CT_TYPE_SECRET, 0,
           "the refresh token (REFRESH_TOKEN)"),
    WF_ATTEMPT};
static const wf_wire wf_token_wire[] = {
    {"grantType", 32}, {"authCode", 512}, {"refreshToken", 512}, {NULL, 0}};

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

enum {
    WC_ASSET_ID,
    WC_ACCOUNT_ID,
    WC_CARD_STATUS,
    WC_STATUS,
    WC_MASKED_CARD_NO,
    WC_NICK_NAME,
    WC_BRAND,
    WC_CREATED,
    WC_REQUEST_ID,
    WC_RAW, /* filled in by ct_parse (raw.c) */
    WC_NFIELDS
};

static const ct_result_field_desc wf_card_fields[] = {
    [WC_ASSET_ID] = CT_FIELD("asset_id", CT_VAL_STRING, 1, 0, "assetId"),
    [WC_ACCOUNT_ID] = CT_FIELD("account_id", CT_VAL_STRING, 1, 0, "accountId"),
    [WC_CARD_STATUS] = CT_FIELD("card_status", CT_VAL_STRING, 1, 0,
                                "ACTIVE, FROZEN or CANCEL (CALCEL read as "
                                "CANCEL); null when absent or another word"),
    [WC_STATUS] = CT_FIELD("status", CT_VAL_STRING, 1, 0,
                           "the request's SUCCESS, PROCESSING, APPLIED or "
                           "FAIL; null when absent or another word"),
    [WC_MASKED_CARD_NO] =
        CT_FIELD("masked_card_no", CT_VAL_STRING, 1, 0, "maskedCardNo"),
    [WC_NICK_NAME] =
        CT_FIELD("card_nick_name", CT_VAL_STRING, 1, 0, "cardNickName"),
    [WC_BRAND] = CT_FIELD("card_brand", CT_VAL_STRING, 1, 0, "cardBrand"),
    [WC_CREATED] = CT_FIELD("created_time", CT_VAL_STRING, 1, 0, "createdTime"),
    [WC_REQUEST_ID] = CT_FIELD("request_id", CT_VAL_STRING, 1, 0, "requestId"),
    [WC_RAW] = CT_FIELD(CT_RAW_NAME, CT_VAL_JSON, 0, 0,
                        "the whole response object, card numbers and "
                        "credentials masked")};

/* Where a result field comes from: the response member, whether it must
 * be there (CT_ERR_PROTOCOL otherwise) and, for a status word, the words
 * it may be (any other is null). */
typedef struct wf_member {
    const char *name;
    int required;
    const char *const *words;
} wf_member;

static const char *const wf_card_words[] = {"ACTIVE", "FROZEN", "CANCEL", NULL};
static const char *const wf_status_words[] = {"SUCCESS", "PROCESSING",
                                              "APPLIED", "FAIL", NULL};

/* Index for index with wf_card_fields (raw: none). */
static const wf_member wf_card_members[WC_RAW] = {
    {"assetId", 0, NULL},
    {"accountId", 0, NULL},
    {"cardStatus", 0, wf_card_words},
    {"status", 0, wf_status_words},
    {"maskedCardNo", 0, NULL},
    {"cardNickName", 0, NULL},
    {"cardBrand", 0, NULL},
    {"createdTime", 0, NULL},
    {"requestId", 0, NULL}};

/* Index for index with wf_query_fields (worldfirst.c). */
static const wf_member wf_query_members[WF_NQUERY_FIELDS] = {
    {"assetId", 0, NULL}, {"accountId", 0, NULL},    {"cardNo", 1, NULL},
    {"cvv", 1, NULL},     {"expiredMonth", 1, NULL}, {"expiredYear", 1, NULL}};

static const ct_result_field_desc wf_token_fields[] = {
    CT_FIELD("access_token", CT_VAL_STRING, 0, 1,
             "accessToken (masked when printed)"),
    CT_FIELD("expire_time", CT_VAL_STRING, 1, 0, "expireTime (ISO 8601)"),
    CT_FIELD("refresh_token", CT_VAL_STRING, 1, 1,
             "refreshToken (masked when printed)"),
    CT_FIELD("refresh_token_expire_time", CT_VAL_STRING, 1, 0,
             "refreshTokenExpireTime")};
static const wf_member wf_token_members[] = {
    {"accessToken", 1, NULL},
    {"expireTime", 0, NULL},
    {"refreshToken", 0, NULL},
    {"refreshTokenExpireTime", 0, NULL}};

/* ------------------------------------------------------------------ */
/* The operations                                                      */
/* ------------------------------------------------------------------ */

enum {
    WF_OP_SEED,
    WF_OP_DETAIL,
    WF_OP_APPLY,
    WF_OP_UPDATE,
    WF_OP_STATUS,
    WF_OP_TOKEN
};

static const ct_op_desc wf_op_descs[] = {
    [WF_OP_SEED] = {.name = "query_card_sensitive_info",
                    .php_name = "queryCardSensitiveInfo",
                    .result_name = "CardSensitiveInfo",
                    .args = wf_query_args,
                    .nargs = WF_NQUERY_ARGS,
                    .fields = wf_query_fields,
                    .nfields = WF_NQUERY_FIELDS,
                    .doc = "Reads a card's number and CVV "
                           "(queryCardSensitiveInfo)."},
    [WF_OP_DETAIL] = {.name = "query_card_detail",
                      .php_name = "queryCardDetail",
                      .result_name = "WorldCard",
                      CT_ARGS(wf_detail_args),
                      CT_FIELDS(wf_card_fields),
                      .doc = "Reads a World Card's state (queryCardDetail "
                             "v2); safe to repeat."},
    [WF_OP_APPLY] = {.name = "apply_card",
                     .php_name = "applyCard",
                     .result_name = "WorldCard",
                     CT_ARGS(wf_apply_args),
                     CT_FIELDS(wf_card_fields),
                     .doc = "Issues a World Card (applyCard v2.1); "
                            "request_id is the idempotency key."},
    [WF_OP_UPDATE] = {.name = "update_card",
                      .php_name = "updateCard",
                      .result_name = "WorldCard",
                      CT_ARGS(wf_update_args),
                      CT_FIELDS(wf_card_fields),
                      .doc = "Changes a World Card's details (updateCard v2)."},
    [WF_OP_STATUS] = {.name = "update_card_status",
                      .php_name = "updateCardStatus",
                      .result_name = "WorldCard",
                      CT_ARGS(wf_status_args),
                      CT_FIELDS(wf_card_fields),
                      .doc = "Freezes, unfreezes or cancels a World Card "
                             "(updateCardStatus v1)."},
    [WF_OP_TOKEN] = {.name = "apply_token",
                     .php_name = "applyToken",
                     .result_name = "AccessToken",
                     CT_ARGS(wf_token_args),
                     CT_FIELDS(wf_token_fields),
                     .doc = "Obtains or refreshes an OAuth access token "
                            "(applyToken)."}};

/* What each call sends (the seed call: wf_build), what the answer must
 * echo and where its result fields come from. */
typedef struct wf_life {
    const wf_wire *wire;
    const char *echo_arg;     /* the argument the answer echoes, or NULL */
    const char *echo_member;  /* under this member */
    int echo_required;        /* 1: the answer must carry it */
    int account;              /* 1: Access-Token / Connected-AccountId */
    const wf_member *members; /* index for index with the op's fields */
} wf_life;

static const wf_life wf_lives[] = {
    [WF_OP_SEED] = {NULL, "asset_id", "assetId", 1, 1, wf_query_members},
    [WF_OP_DETAIL] = {wf_detail_wire, "asset_id", "assetId", 1, 1,
                      wf_card_members},
    [WF_OP_APPLY] = {wf_apply_wire, "request_id", "requestId", 0, 1,
                     wf_card_members},
    [WF_OP_UPDATE] = {wf_update_wire, "request_id", "requestId", 0, 1,
                      wf_card_members},
    [WF_OP_STATUS] = {wf_status_wire, "request_id", "requestId", 0, 1,
                      wf_card_members},
    [WF_OP_TOKEN] = {wf_token_wire, NULL, NULL, 0, 0, wf_token_members}};

static const wf_life *wf_life_of(const ct_op_desc *op)
{
    return &wf_lives[op - wf_op_descs];
}

/* 1 when v holds a real anywhere (a float argument is refused). */
static int wf_has_real(const json_t *v)
{
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_real(v))
        return 1;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, x) if (wf_has_real(x)) return 1;
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x) if (wf_has_real(x)) return 1;
    }
    return 0;
}

/* Appends ,"member":<the caller's mapping v>, unchanged but compact. */
static ct_err wf_put_object(ct_buf *body, int comma, const char *member,
                            const char *field, const ct_kv *v, ct_error *err)
{
    json_error_t jerr;
    json_t *root = NULL;
    ct_err rc = CT_OK;

    if (!ct_json_depth_ok(v->value, v->len, 8) ||
        (root = json_loadb(v->value, v->len, JSON_REJECT_DUPLICATES, &jerr)) ==
            NULL ||
        !json_is_object(root))
        rc = ct_fail(err, CT_ERR_VALIDATION, field,
                     "%s must be a mapping (JSON object)", field);
    else if (wf_has_real(root))
        rc = ct_fail(err, CT_ERR_VALIDATION, field,
                     "%s must not hold a float (pass amounts as decimal text)",
                     field);
    OPENSSL_cleanse(&jerr, sizeof(jerr));
    if (rc == CT_OK) {
        if (comma)
            ct_buf_putc(body, ',');
        ct_json_put_str(body, member, strlen(member), 0);
        ct_buf_putc(body, ':');
        ct_json_put_value(body, root, 0);
    }
    json_decref(root);
    return rc;
}

/* The body of op from its arguments, in table order. */
static ct_err wf_life_body(const ct_op_desc *op, const wf_wire *w,
                           const ct_args *a, ct_request *req, ct_error *err)
{
    size_t i, sent = 0;
    ct_err rc;

    ct_buf_putc(&req->body, '{');
    for (i = 0; i < op->nargs; i++) {
        const ct_param_desc *p = &op->args[i];
        const ct_kv *v = ct_kv_get(&a->kv, p->name);
        if (w[i].member == NULL) {
            rc = wf_retry_attempt(v, req, err);
        } else if (v == NULL) {
            rc = p->required ? ct_fail(err, CT_ERR_VALIDATION, p->name,
                                       "%s is required", p->name)
                             : CT_OK;
        } else if (p->type == CT_TYPE_OBJECT) {
            rc = wf_put_object(&req->body, sent++ > 0, w[i].member, p->name, v,
                               err);
        } else if ((rc = ct_check_text(v, p->name, w[i].max, 0, err)) ==
                   CT_OK) {
            ct_json_put_member(&req->body, sent++ > 0, w[i].member, v->value,
                               v->len);
        }
        if (rc != CT_OK)
            return rc;
    }
    ct_buf_putc(&req->body, '}');
    return ct_buf_ok(&req->body) ? CT_OK : ct_fail_nomem(err);
}

/* The rules one field alone does not say (operate_type, grant_type). */
static ct_err wf_life_check(const ct_op_desc *op, const ct_args *a,
                            ct_request *req, ct_error *err)
{
    static const char *const operations[] = {"FREEZE", "UNFREEZE", "CANCEL",
                                             NULL};
    static const char *const grants[] = {"AUTHORIZATION_CODE", "REFRESH_TOKEN",
                                         NULL};
    ct_err rc;

    if (op == &wf_op_descs[WF_OP_STATUS]) {
        const ct_kv *t = ct_kv_get(&a->kv, "operate_type");
        return t == NULL ? CT_OK
                         : ct_check_oneof(t, "operate_type", operations, err);
    }
    if (op == &wf_op_descs[WF_OP_TOKEN]) {
        const ct_kv *g = ct_kv_get(&a->kv, "grant_type");
        const ct_kv *code = ct_kv_get(&a->kv, "auth_code");
        const ct_kv *refresh = ct_kv_get(&a->kv, "refresh_token");
        int by_code;
        if (g == NULL ||
            (rc = ct_check_oneof(g, "grant_type", grants, err)) != CT_OK)
            return g == NULL ? ct_fail(err, CT_ERR_VALIDATION, "grant_type",
                                       "grant_type is required")
                             : rc;
        by_code = g->value[0] == 'A';
        if ((by_code ? code : refresh) == NULL)
            return ct_fail(err, CT_ERR_VALIDATION,
                           by_code ? "auth_code" : "refresh_token",
                           "%s is required with grant_type %s",
                           by_code ? "auth_code" : "refresh_token", g->value);
        if ((by_code ? refresh : code) != NULL)
            return ct_fail(err, CT_ERR_VALIDATION,
                           by_code ? "refresh_token" : "auth_code",
                           "%s is refused with grant_type %s",
                           by_code ? "refresh_token" : "auth_code", g->value);
        /* the credential is redacted from every printed body */
        return ct_request_set_secrets(req, NULL, by_code ? code : refresh, err);
    }
    return CT_OK;
}

static ct_err wf_life_build(ct_client *c, const ct_op_desc *op,
                            const ct_args *a, ct_request *req, ct_error *err)
{
    const wf_life *l = wf_life_of(op);
    ct_err rc;

    if ((rc = wf_life_check(op, a, req, err)) != CT_OK ||
        (rc = wf_life_body(op, l->wire, a, req, err)) != CT_OK ||
        (l->echo_arg != NULL &&
         (rc = ct_request_set_echo(req, ct_kv_get(&a->kv, l->echo_arg), NULL,
                                   err)) != CT_OK))
        return rc;
    return wf_sign_request(c, req, l->account, err);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* s[0..n) when it is one of words, else NULL (CALCEL: CANCEL). */
static const char *wf_word(const char *const *words, const char *s, size_t n)
{
    size_t i;
    if (words == wf_card_words && n == 6 && memcmp(s, "CALCEL", 6) == 0)
        return "CANCEL";
    for (i = 0; words[i] != NULL; i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return words[i];
    return NULL;
}

/* Field f of rec from member m of root. */
static ct_err wf_field(ct_record *rec, const ct_result_field_desc *f,
                       const json_t *root, const wf_member *m, ct_error *err)
{
    ct_buf text;
    const char *w;
    int present = 0, ok;
    ct_err rc;

    if (m->words == NULL)
        return ct_record_json(rec, f, root, m->name, m->required, err);
    ct_buf_init(&text);
    if ((rc = ct_json_text(root, m->name, 0, 1, &text, &present, err)) !=
        CT_OK) {
        ct_buf_free(&text);
        return rc;
    }
    w = present ? wf_word(m->words, text.data ? text.data : "", text.len)
                : NULL;
    ok = w != NULL ? ct_record_str(rec, f->name, w, strlen(w), 0)
                   : ct_record_null(rec, f->name);
    ct_buf_free(&text);
    return ok ? CT_OK : ct_fail_nomem(err);
}

static ct_err wf_life_parse(ct_client *c, const ct_op_desc *op,
                            const ct_request *req, const ct_response *resp,
                            ct_result **out, ct_error *err)
{
    const wf_life *l = wf_life_of(op);
    json_t *root = NULL;
    ct_result *res = NULL;
    ct_record *rec;
    ct_buf echo;
    int present = 0;
    size_t i;
    ct_err rc;

    ct_buf_init(&echo);
    if ((rc = wf_answer(c, req, resp, &root, err)) != CT_OK)
        goto cleanup;
    /* an answer about another card or request is not this one's */
    if (l->echo_member != NULL &&
        ((rc = ct_json_text(root, l->echo_member, 0, 1, &echo, &present,
                            err)) != CT_OK ||
         ((present || l->echo_required) &&
          (rc = ct_echo_check(req ? req->echo : NULL, echo.data, echo.len,
                              present, "WorldFirst", l->echo_member, err)) !=
              CT_OK)))
        goto cleanup;
    res = ct_result_alloc(op);
    if (res == NULL || (rec = ct_result_add(res)) == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    for (i = 0; i < op->nfields && rc == CT_OK; i++)
        if (op->fields[i].type != CT_VAL_JSON) /* raw: ct_parse adds it */
            rc = wf_field(rec, &op->fields[i], root, &l->members[i], err);
    if (rc != CT_OK)
        goto cleanup;
    *out = res;
    res = NULL;
cleanup:
    ct_result_free(res);
    json_decref(root);
    ct_buf_free(&echo);
    return rc;
}

/* clang-format off */
#define WF_LIFE(p)                                                             \
    {                                                                          \
        .path = (p), .build = wf_life_build, .parse = wf_life_parse            \
    }
/* clang-format on */

static const ct_op_impl wf_impl[] = {
    [WF_OP_SEED] = {.path = WF_PATH, .build = wf_build, .parse = wf_life_parse},
    [WF_OP_DETAIL] =
        WF_LIFE("/amsin/api/v2/business/worldcard/queryCardDetail"),
    [WF_OP_APPLY] = WF_LIFE("/amsin/api/v2.1/business/worldcard/applyCard"),
    [WF_OP_UPDATE] = WF_LIFE("/amsin/api/v2/business/worldcard/updateCard"),
    [WF_OP_STATUS] =
        WF_LIFE("/amsin/api/v1/business/worldcard/updateCardStatus"),
    [WF_OP_TOKEN] = WF_LIFE("/amsin/api/v1/oauth/applyToken")};

const ct_gateway_ops ct_worldfirst_ops =
    CT_GATEWAY_OPS(wf, CT_GW_WORLDFIRST, "worldfirst", "WorldFirst", 1,
                   "WorldFirst card vault (Antom-signed JSON).");
