/* payermax.c - PayerMax's envelope and answers (SHA256withRSA over the
 * exact body in the "sign" header; success responses must be signed too),
 * inquirePaymentToken, and notifications. The lifecycle calls and the
 * gateway table are in payermax_life.c. */
#include "buf.h"
#include "check.h"
#include "client.h"
#include "clock.h"
#include "crypto.h"
#include "errors.h"
#include "http.h"
#include "json.h"
#include "keys.h"
#include "kv.h"
#include "mem.h"
#include "options.h"
#include "payermax.h"
#include "registry.h"
#include "request.h"
#include "result.h"

#include <string.h>

/* In body order; pm_members[i] is the data member args[i] becomes. */
const ct_param_desc pm_inquire_args[PM_NINQUIRE_ARGS] = {
    CT_ARG("user_id", CT_TYPE_STRING, 1, "the merchant's user id"),
    CT_ARG("token_scope", CT_TYPE_STRING, 0, "tokenAcq or tokenMit"),
    CT_ARG("payment_token_id", CT_TYPE_SECRET, 0,
           "one token only (a credential: never printed)"),
    CT_ARG("payment_method_type", CT_TYPE_STRING, 0, "e.g. CARD"),
    CT_ARG("target_org", CT_TYPE_STRING, 0, "empty for CARD"),
    CT_ARG("card_org", CT_TYPE_STRING, 0, "e.g. VISA"),
    CT_ARG("referral_code", CT_TYPE_STRING, 0, "the referral code")};

static const struct {
    const char *member;
    size_t max;
} pm_members[] = {{"userId", 64},         {"tokenScope", 16},
                  {"paymentTokenID", 64}, {"paymentMethodType", 32},
                  {"targetOrg", 32},      {"cardOrg", 32},
                  {"referralCode", 64}};

/* In record order; pm_token_members[i] is the member fields[i] comes
 * from. */
const ct_result_field_desc pm_token_fields[PM_NTOKEN_FIELDS] = {
    CT_FIELD("payment_token_id", CT_VAL_STRING, 1, 1,
             "the payment token (masked when printed)"),
    CT_FIELD("user_id", CT_VAL_STRING, 1, 0, "the user it belongs to"),
    CT_FIELD("token_scope", CT_VAL_STRING, 1, 0, "tokenAcq or tokenMit"),
    CT_FIELD("payment_token_expiry", CT_VAL_STRING, 1, 0, "its expiry"),
    CT_FIELD("payment_token_status", CT_VAL_STRING, 1, 0, "its status"),
    CT_FIELD("card_info", CT_VAL_STRING, 1, 0, "the card (JSON text)"),
    CT_FIELD("if_cvv", CT_VAL_STRING, 1, 0, "whether a CVV is needed"),
    CT_FIELD("brand", CT_VAL_STRING, 1, 0, "the card brand"),
    CT_FIELD("payment_method_type", CT_VAL_STRING, 1, 0, "e.g. CARD"),
    CT_FIELD("target_org", CT_VAL_STRING, 1, 0, "the target organisation"),
    CT_FIELD("account_display", CT_VAL_STRING, 1, 0, "the masked account"),
    CT_FIELD("referral_code", CT_VAL_STRING, 1, 0, "the referral code")};

static const struct {
    const char *member;
    int required;
} pm_token_members[] = {{"paymentTokenID", 1},
                        {"userId", 1},
                        {"tokenScope", 1},
                        {"paymentTokenExpiry", 1},
                        {"paymentTokenStatus", 1},
                        {"cardInfo", 0},
                        {"ifCVV", 0},
                        {"brand", 0},
                        {"paymentMethodType", 1},
                        {"targetOrg", 0},
                        {"accountDisplay", 0},
                        {"referralCode", 0}};

void pm_free_state(void *state)
{
    pm_state *s = state;
    ct_free_str(s->app_id);
    ct_free_str(s->merchant_no);
    ct_free_str(s->key_version);
    ct_rsa_keys_free(&s->keys);
    ct_free_secret(s, sizeof(*s));
}

ct_err pm_configure(ct_client *c, const ct_kvlist *o, ct_error *err)
{
    pm_state *s = ct_calloc(1, sizeof(*s));
    ct_err rc;
    if ((c->state = s) == NULL)
        return ct_fail_nomem(err);
    if ((rc = ct_opt_text(o, "app_id", 64, 1, NULL, &s->app_id, err)) !=
            CT_OK ||
        (rc = ct_opt_text(o, "merchant_no", 32, 1, NULL, &s->merchant_no,
                          err)) != CT_OK ||
        (rc = ct_opt_text(o, "key_version", 8, 0, "1", &s->key_version, err)) !=
            CT_OK ||
        (rc = ct_opt_rsa_keys(o, &s->keys, err)) != CT_OK)
        return rc;
    return CT_OK;
}

ct_err pm_envelope(ct_client *c, const char *version, const ct_buf *data,
                   ct_request *req, ct_error *err)
{
    ct_buf sig;
    ct_time now;
    ct_err rc;

    ct_client_now(c, &now);
    ct_buf_reserve(&req->body, 200 + data->len);
    ct_buf_puts(&req->body, "{");
    ct_json_put_member(&req->body, 0, "version", version, strlen(version));
    ct_json_put_member(&req->body, 1, "keyVersion", PM(c)->key_version,
                       strlen(PM(c)->key_version));
    ct_buf_puts(&req->body, ",\"requestTime\":\"");
    ct_format_time(&req->body, &now, 1);
    ct_buf_putc(&req->body, '"');
    ct_json_put_member(&req->body, 1, "appId", PM(c)->app_id,
                       strlen(PM(c)->app_id));
    ct_json_put_member(&req->body, 1, "merchantNo", PM(c)->merchant_no,
                       strlen(PM(c)->merchant_no));
    ct_buf_puts(&req->body, ",\"data\":");
    ct_buf_append(&req->body, data->data, data->len);
    ct_buf_putc(&req->body, '}');
    if (!ct_buf_ok(data) || !ct_buf_ok(&req->body))
        return ct_fail_nomem(err);

    ct_buf_init(&sig);
    rc = ct_rsa_sign_b64(PM(c)->keys.sign_ctx, req->body.data, req->body.len,
                         &sig, err);
    if (rc == CT_OK)
        rc = ct_request_keep_signed(c, req, req->body.data, req->body.len, NULL,
                                    0, sig.data, sig.len, err);
    if (rc == CT_OK &&
        (rc = ct_request_add_header(req, "Content-Type", "application/json", 16,
                                    err)) == CT_OK)
        rc = ct_request_add_header(req, "sign", sig.data, sig.len, err);
    ct_buf_free(&sig);
    return rc;
}

ct_err pm_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                ct_request *req, ct_error *err)
{
    static const char *const scopes[] = {"tokenAcq", "tokenMit", NULL};
    const ct_kv *v[CT_ARRAY_LEN(pm_members)];
    ct_buf data;
    size_t i;
    ct_err rc;

    for (i = 0; i < CT_ARRAY_LEN(pm_members); i++) {
        v[i] = ct_kv_get(&a->kv, op->args[i].name);
        if (i == 0 || v[i] != NULL) {
            rc = ct_check_text(v[i], op->args[i].name, pm_members[i].max,
                               i != 0, err);
            if (rc != CT_OK)
                return rc;
        }
    }
    if (v[1] != NULL &&
        (rc = ct_check_oneof(v[1], "token_scope", scopes, err)) != CT_OK)
        return rc;
    if (v[3] != NULL && v[3]->len == 4 && memcmp(v[3]->value, "CARD", 4) == 0 &&
        v[4] != NULL && v[4]->len > 0)
        return ct_fail(err, CT_ERR_VALIDATION, "target_org",
                       "target_org must be empty when payment_method_type is "
                       "CARD");

    ct_buf_init(&data);
    ct_buf_putc(&data, '{');
    for (i = 0; i < CT_ARRAY_LEN(pm_members); i++)
        if (v[i] != NULL)
            ct_json_put_member(&data, i != 0, pm_members[i].member, v[i]->value,
                               v[i]->len);
    ct_buf_putc(&data, '}');
    rc = pm_envelope(c, "1.2", &data, req, err);
    ct_buf_free(&data);
    if (rc == CT_OK && v[2] != NULL)
        rc = ct_request_set_token(req, v[2], err);
    return rc == CT_OK ? ct_request_set_echo(req, v[0], NULL, err) : rc;
}

/* Verifies a base64 SHA256withRSA signature of body with the gateway key. */
static ct_err pm_verify(const ct_client *c, const char *b64, size_t n,
                        const char *body, size_t len, const char *what,
                        ct_error *err)
{
    unsigned char sig[1024];
    long siglen;
    while (n > 0 && (b64[n - 1] == ' ' || b64[n - 1] == '\r'))
        n--;
    siglen = ct_b64_decode(b64, n, sig, sizeof(sig));
    if (siglen <= 0 ||
        !ct_rsa_verify(PM(c)->keys.verify_ctx, body, len, sig, (size_t)siglen))
        return ct_fail(err, CT_ERR_SIGNATURE, "sign",
                       "PayerMax %s signature does not verify", what);
    return CT_OK;
}

/* The codes that leave the outcome unknown (LIFECYCLE.md §7.1). */
static int pm_unknown_code(const char *code)
{
    return strcmp(code, "SYSTEM_ERROR") == 0 ||
           strcmp(code, "REQUEST_TIMEOUT") == 0 ||
           strcmp(code, "UNEXPECTED_ERROR") == 0;
}

ct_err pm_answer(ct_client *c, const ct_request *req, const ct_response *resp,
                 int unknown, json_t **root, const json_t **data, ct_error *err)
{
    const ct_header *sign =
        ct_find_header(resp->headers, resp->nheaders, "sign");
    ct_buf code, msg;
    int present;
    ct_err rc;

    *root = NULL;
    *data = NULL;
    ct_buf_init(&code);
    ct_buf_init(&msg);
    if (sign != NULL &&
        (rc = pm_verify(c, sign->value, sign->value_len, resp->body, resp->len,
                        "response", err)) != CT_OK)
        goto cleanup;
    if ((rc = ct_json_parse(resp->body, resp->len, root, err)) != CT_OK ||
        (rc = ct_json_text(*root, "code", 1, 0, &code, &present, err)) !=
            CT_OK ||
        (rc = ct_json_text(*root, "msg", 0, 0, &msg, &present, err)) != CT_OK)
        goto cleanup;
    if (strcmp(code.data, "APPLY_SUCCESS") != 0) {
        int u = unknown && pm_unknown_code(code.data);
        rc = ct_fail_gateway(
            err, req, u ? CT_ERR_RESULT_UNKNOWN : CT_ERR_GATEWAY,
            u ? "PayerMax answered %s: the outcome is unknown; "
                "query it before any resend"
              : "PayerMax declined the request (%s)",
            code.data, code.len, msg.data, msg.len);
        goto cleanup;
    }
    if (sign == NULL) {
        rc = ct_fail(err, CT_ERR_SIGNATURE, "sign",
                     "PayerMax success response is not signed");
        goto cleanup;
    }
    *data = json_object_get(*root, "data");
cleanup:
    ct_buf_free(&code);
    ct_buf_free(&msg);
    return rc;
}

ct_err pm_parse(ct_client *c, const ct_op_desc *op, const ct_request *req,
                const ct_response *resp, ct_result **out, ct_error *err)
{
    json_t *root = NULL, *list, *item;
    const json_t *data;
    ct_result *res = NULL;
    size_t i, k;
    ct_err rc;

    if ((rc = pm_answer(c, req, resp, 0, &root, &data, err)) != CT_OK)
        goto cleanup;
    list = json_object_get(data, "tokenList");
    if (!json_is_object(data) || !json_is_array(list)) {
        rc = ct_fail(err, CT_ERR_PROTOCOL, "data.tokenList",
                     "PayerMax response lacks data.tokenList");
        goto cleanup;
    }
    res = ct_result_alloc(op);
    if (res == NULL) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    json_array_foreach(list, i, item)
    {
        ct_record *rec;
        if (!json_is_object(item)) {
            rc = ct_fail(err, CT_ERR_PROTOCOL, "data.tokenList",
                         "PayerMax tokenList holds a non-object");
            goto cleanup;
        }
        if ((rec = ct_result_add(res)) == NULL) {
            rc = ct_fail_nomem(err);
            goto cleanup;
        }
        for (k = 0; k < CT_ARRAY_LEN(pm_token_members); k++)
            if ((rc = ct_record_json(
                     rec, &op->fields[k], item, pm_token_members[k].member,
                     pm_token_members[k].required, err)) != CT_OK)
                goto cleanup;
        /* every token must be the user's asked for (field 1: userId) */
        if ((rc = ct_echo_check(req ? req->echo : NULL, rec->f[1].str,
                                rec->f[1].len, 1, "PayerMax",
                                "data.tokenList.userId", err)) != CT_OK)
            goto cleanup;
    }
    *out = res;
    res = NULL;
cleanup:
    ct_result_free(res);
    json_decref(root);
    return rc;
}

ct_err pm_verify_notification(ct_client *c, const ct_notification *n,
                              ct_result **out, ct_error *err)
{
    json_t *root = NULL;
    ct_err rc;

    if (n->body == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "body",
                       "notification body is required");
    if (n->sign == NULL || n->sign_len == 0)
        return ct_fail(err, CT_ERR_SIGNATURE, "sign",
                       "PayerMax notification has no sign");
    if ((rc = pm_verify(c, n->sign, n->sign_len, n->body, n->body_len,
                        "notification", err)) != CT_OK)
        return rc;
    if ((rc = ct_json_parse(n->body, n->body_len, &root, err)) != CT_OK)
        return rc;
    {
        json_t *t = json_object_get(root, "notifyTime");
        rc = ct_check_fresh(c, json_is_string(t) ? json_string_value(t) : NULL,
                            json_is_string(t) ? json_string_length(t) : 0,
                            n->max_age, "PayerMax", "notifyTime", err);
    }
    json_decref(root);
    if (rc != CT_OK)
        return rc;
    return ct_result_from_json_text(n->body, n->body_len, out, err);
}

ct_err pm_ack(ct_client *c, const char *path, ct_request *req, ct_error *err)
{
    CT_UNUSED(c);
    CT_UNUSED(path);
    return ct_request_set_body(req, "application/json",
                               "{\"code\":\"SUCCESS\",\"msg\":\"Success\"}",
                               err);
}
