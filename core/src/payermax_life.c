/* payermax_life.c - the PayerMax token lifecycle (LIFECYCLE.md §2): pay with
 * a token (orderAndPay, Direct_Payment), bind a card (applyPaymentToken),
 * InquireApplyRequest, removePaymentToken (version 1.2), orderQuery, refund
 * and refundQuery, each signed like the seed call (payermax.c); and
 * PayerMax's gateway table (ct_payermax_ops), which names both units'
 * operations. */
#include "check.h"
#include "errors.h"
#include "json.h"
#include "mem.h"
#include "payermax.h"
#include "payermax_wire.h"
#include "result.h"

#include <arpa/inet.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The arguments: one table per call (payermax_wire.h)                 */
/* ------------------------------------------------------------------ */

#define PM_N(a, w, k, r, m)                                                    \
    {                                                                          \
        .arg = (a), .wire = (w), .kind = (k), .required = (r), .max = (m)      \
    }
#define PM_NK(a, w, r, kids)                                                   \
    {                                                                          \
        .arg = (a), .wire = (w), .kind = PK_OBJ, .required = (r),              \
        PM_KIDS(kids)                                                          \
    }

/* A call's top-level arguments are written once, as X(arg, wire, kind,
 * required, max, kids, doc), and give both its description (PM_DESC) and
 * its node table (PM_NODE). */
#define PM_CT_TYPE(k)                                                          \
    ((k) == PK_SECRET                    ? CT_TYPE_SECRET                      \
     : (k) == PK_BOOL                    ? CT_TYPE_BOOL                        \
     : (k) == PK_LIST                    ? CT_TYPE_LIST                        \
     : ((k) == PK_OBJ || (k) == PK_FREE) ? CT_TYPE_OBJECT                      \
                                         : CT_TYPE_STRING)
#define PM_NOKIDS .kids = NULL
#define PM_DESC(a, w, k, r, m, K, d)                                           \
    {.name = (a),                                                              \
     .php_name = (a),                                                          \
     .type = PM_CT_TYPE(k),                                                    \
     .required = (r),                                                          \
     .secret = (k) == PK_SECRET,                                               \
     .doc = (d)},
#define PM_NODE(a, w, k, r, m, K, d)                                           \
    {.arg = (a), .wire = (w), .kind = (k), .required = (r), .max = (m), K},

static const pm_node pm_buyer_kids[] = {
    PM_N("client_ip", "clientIp", PK_STR, 1, 64),
    PM_N("user_agent", "userAgent", PK_STR, 1, 2048),
    PM_N("first_name", "firstName", PK_STR, 0, 64),
    PM_N("middle_name", "middleName", PK_STR, 0, 64),
    PM_N("last_name", "lastName", PK_STR, 0, 64),
    PM_N("email", "email", PK_STR, 0, 255),
    PM_N("phone_no", "phoneNo", PK_STR, 0, 32),
    PM_N("phone_no_region", "phoneNoRegion", PK_STR, 0, 16),
    PM_N("id_type", "idType", PK_STR, 0, 32),
    PM_N("id_no", "idNo", PK_STR, 0, 64),
    PM_N("tax_type", "taxType", PK_STR, 0, 32),
    PM_N("tax_no", "taxNo", PK_STR, 0, 64),
    PM_N("address", "address", PK_STR, 0, 1024),
    PM_N("city", "city", PK_STR, 0, 64),
    PM_N("region", "region", PK_STR, 0, 64),
    PM_N("zip_code", "zipCode", PK_STR, 0, 32)};

/* In a token payment only these (no card number, holder or expiry). */
static const pm_node pm_pay_card_kids[] = {
    PM_N("cvv", "cvv", PK_SECRET, 0, 4), PM_N("stored", "stored", PK_STR, 0, 1),
    PM_N("dynamic3ds", "dynamic3DS", PK_STR, 0, 64)};

static const pm_node pm_3ds_kids[] = {
    PM_N("three_ds_version", "threeDSVersion", PK_STR, 0, 0),
    PM_N("eci", "eci", PK_STR, 0, 0), PM_N("cavv", "cavv", PK_SECRET, 0, 0),
    PM_N("ds_transaction_id", "dsTransactionId", PK_STR, 0, 0),
    PM_N("xid", "xid", PK_STR, 0, 0)};

enum { PD_METHOD, PD_TOKEN, PD_BUYER, PD_TARGET, PD_FUTURE, PD_CARD = 7 };

static const pm_node pm_detail_kids[] = {
    [PD_METHOD] =
        PM_N("payment_method_type", "paymentMethodType", PK_STR, 1, 16),
    [PD_TOKEN] = PM_N("payment_token_id", "paymentTokenID", PK_SECRET, 1, 64),
    [PD_BUYER] = PM_NK("buyer_info", "buyerInfo", 1, pm_buyer_kids),
    [PD_TARGET] = PM_N("target_org", "targetOrg", PK_STR, 0, 32),
    [PD_FUTURE] =
        PM_N("token_for_future_use", "tokenForFutureUse", PK_BOOL, 0, 0),
    PM_N("merchant_initiated", "merchantInitiated", PK_BOOL, 0, 0),
    PM_N("mit_type", "mitType", PK_STR, 0, 0),
    [PD_CARD] = PM_NK("card_info", "cardInfo", 0, pm_pay_card_kids),
    PM_NK("info3d_secure", "info3DSecure", 0, pm_3ds_kids)};

static const pm_node pm_goods_kids[] = {
    PM_N("goods_id", "goodsId", PK_STR, 1, 64),
    PM_N("goods_name", "goodsName", PK_STR, 1, 128),
    PM_N("quantity", "quantity", PK_STR, 1, 16),
    PM_N("price", "price", PK_STR, 1, 20),
    PM_N("goods_currency", "goodsCurrency", PK_STR, 0, 3),
    PM_N("show_url", "showUrl", PK_STR, 0, 128),
    PM_N("goods_category", "goodsCategory", PK_STR, 0, 128)};

static const pm_node pm_sub_merchant_kids[] = {
    PM_N("sub_merchant_no", "subMerchantNo", PK_STR, 0, 64)};

static const pm_node pm_shipping_kids[] = {
    PM_N("first_name", "firstName", PK_STR, 1, 64),
    PM_N("middle_name", "middleName", PK_STR, 0, 64),
    PM_N("last_name", "lastName", PK_STR, 1, 64),
    PM_N("phone_no", "phoneNo", PK_STR, 1, 32),
    PM_N("email", "email", PK_STR, 1, 255),
    PM_N("address1", "address1", PK_STR, 1, 1024),
    PM_N("address2", "address2", PK_STR, 0, 1024),
    PM_N("address3", "address3", PK_STR, 0, 1024),
    PM_N("city", "city", PK_STR, 1, 64),
    PM_N("region", "region", PK_STR, 0, 64),
    PM_N("state", "state", PK_STR, 0, 32),
    PM_N("country", "country", PK_STR, 1, 2),
    PM_N("zip_code", "zipCode", PK_STR, 1, 32)};

static const pm_node pm_billing_kids[] = {
    PM_N("first_name", "firstName", PK_STR, 0, 64),
    PM_N("middle_name", "middleName", PK_STR, 0, 64),
    PM_N("last_name", "lastName", PK_STR, 0, 64),
    PM_N("phone_no", "phoneNo", PK_STR, 0, 32),
    PM_N("phone_no_region", "phoneNoRegion", PK_STR, 0, 16),
    PM_N("email", "email", PK_STR, 1, 255),
    PM_N("address1", "address1", PK_STR, 1, 1024),
    PM_N("address2", "address2", PK_STR, 0, 1024),
    PM_N("address3", "address3", PK_STR, 0, 1024),
    PM_N("city", "city", PK_STR, 1, 64),
    PM_N("region", "region", PK_STR, 0, 64),
    PM_N("state", "state", PK_STR, 0, 32),
    PM_N("country", "country", PK_STR, 1, 2),
    PM_N("zip_code", "zipCode", PK_STR, 0, 16)};

/* subscription_plan; counts are numbers (written unquoted) [INFERRED] */
static const pm_node pm_rule_kids[] = {
    PM_N("period_unit", "periodUnit", PK_STR, 1, 1),
    PM_N("period_count", "periodCount", PK_AMOUNT, 1, 0)};
static const pm_node pm_money_kids[] = {
    PM_N("amount", "amount", PK_AMOUNT, 1, 0),
    PM_N("currency", "currency", PK_STR, 1, 3)};
static const pm_node pm_trial_money_kids[] = {
    PM_N("amount", "amount", PK_AMOUNT, 0, 0),
    PM_N("currency", "currency", PK_STR, 0, 3)};
static const pm_node pm_trial_amount_kids[] = {
    PM_N("amount", "amount", PK_STR, 1, 32),
    PM_N("currency", "currency", PK_STR, 1, 3)};
static const pm_node pm_trial_period_kids[] = {
    PM_N("trial_period_count", "trialPeriodCount", PK_AMOUNT, 1, 0),
    PM_NK("trial_period_amount", "trialPeriodAmount", 0, pm_trial_money_kids)};
static const pm_node pm_trial_kids[] = {
    PM_NK("trial_amount", "trialAmount", 1, pm_trial_amount_kids),
    PM_N("trial_days", "trialDays", PK_AMOUNT, 1, 0)};
static const pm_node pm_plan_kids[] = {
    PM_N("subscription_no", "subscriptionNo", PK_STR, 0, 64),
    PM_N("subject", "subject", PK_STR, 0, 256),
    PM_N("description", "description", PK_STR, 0, 256),
    PM_N("total_periods", "totalPeriods", PK_AMOUNT, 0, 0),
    PM_N("first_period_start_date", "firstPeriodStartDate", PK_STR, 0, 64),
    PM_NK("period_rule", "periodRule", 1, pm_rule_kids),
    PM_NK("period_amount", "periodAmount", 1, pm_money_kids),
    PM_NK("trial_period_config", "trialPeriodConfig", 0, pm_trial_period_kids),
    PM_NK("trial_config", "trialConfig", 0, pm_trial_kids)};

#define PM_K(kids) PM_KIDS(kids)

/* orderAndPay (§2.1); integrate follows outTradeNo. */
#define PM_PAY_ARGS(X)                                                         \
    X("out_trade_no", "outTradeNo", PK_STR, 1, 64, PM_NOKIDS,                  \
      "the merchant's order number (letters, digits, _); the idempotency key") \
    X("subject", "subject", PK_STR, 1, 256, PM_NOKIDS, "what is paid for")     \
    X("total_amount", "totalAmount", PK_AMOUNT, 1, 32, PM_NOKIDS,              \
      "decimal text in major units, sent as a number")                         \
    X("currency", "currency", PK_STR, 1, 3, PM_NOKIDS, "ISO 4217 code")        \
    X("country", "country", PK_STR, 1, 2, PM_NOKIDS, "ISO 3166 code")          \
    X("user_id", "userId", PK_STR, 1, 64, PM_NOKIDS,                           \
      "the user the token was bound to")                                       \
    X("expire_time", "expireTime", PK_STR, 0, 16, PM_NOKIDS,                   \
      "seconds until the order expires")                                       \
    X("referral_code", "referralCode", PK_STR, 0, 32, PM_NOKIDS,               \
      "the referral code")                                                     \
    X("mit_management_url", "mitManagementUrl", PK_URL, 0, 1024, PM_NOKIDS,    \
      "where the user manages the MIT agreement")                              \
    X("subscription_plan", "subscriptionPlan", PK_OBJ, 0, 0,                   \
      PM_K(pm_plan_kids), "the subscription plan (a mapping)")                 \
    X("payment_detail", "paymentDetail", PK_OBJ, 1, 0, PM_K(pm_detail_kids),   \
      "payment_method_type, payment_token_id, buyer_info {client_ip, "         \
      "user_agent, ...}, card_info {cvv, stored, dynamic3ds}, ...")            \
    X("goods_details", "goodsDetails", PK_LIST, 0, 0, PM_K(pm_goods_kids),     \
      "a list of goods mappings")                                              \
    X("sub_merchant", "subMerchant", PK_OBJ, 0, 0, PM_K(pm_sub_merchant_kids), \
      "{sub_merchant_no}")                                                     \
    X("shipping_info", "shippingInfo", PK_OBJ, 0, 0, PM_K(pm_shipping_kids),   \
      "the shipping address (a mapping)")                                      \
    X("billing_info", "billingInfo", PK_OBJ, 0, 0, PM_K(pm_billing_kids),      \
      "the billing address (a mapping)")                                       \
    X("env_info", "envInfo", PK_FREE, 0, 0, PM_NOKIDS,                         \
      "free-form device data, passed through")                                 \
    X("language", "language", PK_STR, 0, 16, PM_NOKIDS, "the page language")   \
    X("risk_params", "riskParams", PK_FREE, 0, 0, PM_NOKIDS,                   \
      "free-form risk data, passed through")                                   \
    X("terminal_type", "terminalType", PK_STR, 1, 3, PM_NOKIDS,                \
      "WEB, WAP or APP")                                                       \
    X("os_type", "osType", PK_STR, 0, 16, PM_NOKIDS, "ANDROID or IOS")         \
    X("reference", "reference", PK_STR, 0, 512, PM_NOKIDS, "echoed back")      \
    X("front_callback_url", "frontCallbackUrl", PK_URL, 1, 1024, PM_NOKIDS,    \
      "where the user returns")                                                \
    X("notify_url", "notifyUrl", PK_URL, 0, 256, PM_NOKIDS,                    \
      "where the payment result is posted")

enum {
    PP_OUT_TRADE_NO,
    PP_AMOUNT = 2,
    PP_DETAIL = 10,
    PP_TERMINAL = 18,
    PP_NARGS = 23
};

static const ct_param_desc pm_pay_args[] = {PM_PAY_ARGS(PM_DESC)};
static const pm_node pm_pay_nodes[] = {PM_PAY_ARGS(PM_NODE)};
_Static_assert(CT_ARRAY_LEN(pm_pay_nodes) == PP_NARGS, "PP_NARGS");

/* applyPaymentToken (§2.2): the card data. */
enum { AC_ORG, AC_PAN, AC_HOLDER, AC_MONTH, AC_YEAR, AC_CVV };
static const pm_node pm_apply_card_kids[] = {
    [AC_ORG] = PM_N("card_org", "cardOrg", PK_STR, 0, 32),
    [AC_PAN] = PM_N("card_identifier_no", "cardIdentifierNo", PK_SECRET, 1, 19),
    [AC_HOLDER] =
        PM_N("card_holder_full_name", "cardHolderFullName", PK_STR, 1, 64),
    [AC_MONTH] =
        PM_N("card_expiration_month", "cardExpirationMonth", PK_STR, 1, 2),
    [AC_YEAR] =
        PM_N("card_expiration_year", "cardExpirationYear", PK_STR, 1, 4),
    [AC_CVV] = PM_N("cvv", "cvv", PK_SECRET, 1, 4)};

/* tokenScope follows frontCallbackUrl. */
#define PM_APPLY_ARGS(X)                                                       \
    X("request_id", "requestId", PK_STR, 1, 64, PM_NOKIDS,                     \
      "the merchant's request number; the idempotency key")                    \
    X("country", "country", PK_STR, 1, 2, PM_NOKIDS, "ISO 3166 code")          \
    X("payment_method_type", "paymentMethodType", PK_STR, 1, 64, PM_NOKIDS,    \
      "CARD or BANKTRANSFER")                                                  \
    X("target_org", "targetOrg", PK_STR, 0, 32, PM_NOKIDS,                     \
      "for BANKTRANSFER; not for CARD")                                        \
    X("user_id", "userId", PK_STR, 1, 64, PM_NOKIDS, "the merchant's user id") \
    X("front_callback_url", "frontCallbackUrl", PK_URL, 1, 1024, PM_NOKIDS,    \
      "where the user returns after binding")                                  \
    X("mit_type", "mitType", PK_STR, 0, 16, PM_NOKIDS,                         \
      "SCHEDULE or UNSCHEDULE (absent: CIT only)")                             \
    X("card_info", "cardInfo", PK_OBJ, 0, 0, PM_K(pm_apply_card_kids),         \
      "for CARD: card_identifier_no, card_holder_full_name, "                  \
      "card_expiration_month, card_expiration_year, cvv (card_org)")           \
    X("env_info", "envInfo", PK_FREE, 0, 0, PM_NOKIDS,                         \
      "free-form device data, passed through")                                 \
    X("risk_params", "riskParams", PK_FREE, 0, 0, PM_NOKIDS,                   \
      "free-form risk data, passed through")

enum { PA_REQUEST_ID, PA_METHOD = 2, PA_TARGET, PA_CARD = 7, PA_NARGS = 10 };

static const ct_param_desc pm_apply_args[] = {PM_APPLY_ARGS(PM_DESC)};
static const pm_node pm_apply_nodes[] = {PM_APPLY_ARGS(PM_NODE)};
_Static_assert(CT_ARRAY_LEN(pm_apply_nodes) == PA_NARGS, "PA_NARGS");

/* InquireApplyRequest (§2.3): tokenScope between the two. */
#define PM_INQUIRE_APPLY_ARGS(X)                                               \
    X("user_id", "userId", PK_STR, 1, 64, PM_NOKIDS, "the merchant's user id") \
    X("request_id", "requestId", PK_STR, 1, 64, PM_NOKIDS,                     \
      "the apply_payment_token request_id")
static const ct_param_desc pm_inquire_apply_args[] = {
    PM_INQUIRE_APPLY_ARGS(PM_DESC)};
static const pm_node pm_inquire_apply_nodes[] = {
    PM_INQUIRE_APPLY_ARGS(PM_NODE)};

/* removePaymentToken (§2.4). */
#define PM_REMOVE_ARGS(X)                                                      \
    X("user_id", "userId", PK_STR, 1, 64, PM_NOKIDS, "the merchant's user id") \
    X("payment_token_id", "paymentTokenID", PK_SECRET, 1, 64, PM_NOKIDS,       \
      "the token to remove")                                                   \
    X("remove_reason", "removeReason", PK_STR, 0, 256, PM_NOKIDS, "why")
static const ct_param_desc pm_remove_args[] = {PM_REMOVE_ARGS(PM_DESC)};
static const pm_node pm_remove_nodes[] = {PM_REMOVE_ARGS(PM_NODE)};

/* orderQuery (§2.5). */
#define PM_QUERY_ARGS(X)                                                       \
    X("out_trade_no", "outTradeNo", PK_STR, 1, 64, PM_NOKIDS,                  \
      "the merchant's order number")
static const ct_param_desc pm_query_args[] = {PM_QUERY_ARGS(PM_DESC)};
static const pm_node pm_query_nodes[] = {PM_QUERY_ARGS(PM_NODE)};

/* refund (§2.6). */
#define PM_REFUND_ARGS(X)                                                      \
    X("out_refund_no", "outRefundNo", PK_STR, 1, 64, PM_NOKIDS,                \
      "the merchant's refund number; the idempotency key")                     \
    X("refund_amount", "refundAmount", PK_AMOUNT, 1, 32, PM_NOKIDS,            \
      "decimal text, at most 4 decimals, sent as a number")                    \
    X("refund_currency", "refundCurrency", PK_STR, 1, 3, PM_NOKIDS,            \
      "the payment's currency")                                                \
    X("out_trade_no", "outTradeNo", PK_STR, 0, 64, PM_NOKIDS,                  \
      "the order refunded (or trade_token)")                                   \
    X("trade_token", "tradeToken", PK_STR, 0, 64, PM_NOKIDS,                   \
      "PayerMax's trade number (or out_trade_no)")                             \
    X("comments", "comments", PK_STR, 0, 512, PM_NOKIDS, "why")                \
    X("refund_notify_url", "refundNotifyUrl", PK_URL, 0, 256, PM_NOKIDS,       \
      "where the refund result is posted")
enum { PR_OUT_REFUND_NO, PR_AMOUNT, PR_OUT_TRADE_NO = 3, PR_TRADE_TOKEN };
static const ct_param_desc pm_refund_args[] = {PM_REFUND_ARGS(PM_DESC)};
static const pm_node pm_refund_nodes[] = {PM_REFUND_ARGS(PM_NODE)};

/* refundQuery (§2.7). */
#define PM_QUERY_REFUND_ARGS(X)                                                \
    X("out_refund_no", "outRefundNo", PK_STR, 1, 64, PM_NOKIDS,                \
      "the merchant's refund number")                                          \
    X("refund_trade_no", "refundTradeNo", PK_STR, 0, 64, PM_NOKIDS,            \
      "PayerMax's refund number (sent as well when given)")
static const ct_param_desc pm_query_refund_args[] = {
    PM_QUERY_REFUND_ARGS(PM_DESC)};
static const pm_node pm_query_refund_nodes[] = {PM_QUERY_REFUND_ARGS(PM_NODE)};

/* ------------------------------------------------------------------ */
/* Results (API.md "Lifecycle results"; the same fields for every      */
/* gateway's Payment and Refund)                                       */
/* ------------------------------------------------------------------ */

enum {
    PF_STATUS,
    PF_GATEWAY_STATUS,
    PF_ORDER_ID,
    PF_TRADE_ID,
    PF_AMOUNT,
    PF_CURRENCY,
    PF_REDIRECT_URL,
    PF_TOKEN
};

static const ct_result_field_desc pm_pay_fields[] = {
    [PF_STATUS] = CT_FIELD("status", CT_VAL_STRING, 0, 0,
                           "succeeded, authorized, pending, requires_action, "
                           "failed, canceled or refunded"),
    [PF_GATEWAY_STATUS] = CT_FIELD("gateway_status", CT_VAL_STRING, 0, 0,
                                   "PayerMax's data.status"),
    [PF_ORDER_ID] =
        CT_FIELD("order_id", CT_VAL_STRING, 1, 0, "the merchant's order id"),
    [PF_TRADE_ID] =
        CT_FIELD("trade_id", CT_VAL_STRING, 1, 0, "PayerMax's tradeToken"),
    [PF_AMOUNT] = CT_FIELD("amount", CT_VAL_STRING, 1, 0, "the amount"),
    [PF_CURRENCY] = CT_FIELD("currency", CT_VAL_STRING, 1, 0, "the currency"),
    [PF_REDIRECT_URL] =
        CT_FIELD("redirect_url", CT_VAL_STRING, 1, 0,
                 "where to send the cardholder when requires_action"),
    [PF_TOKEN] = CT_FIELD("payment_token_id", CT_VAL_STRING, 1, 1,
                          "a token PayerMax returned (masked when printed)")};

enum {
    RF_STATUS,
    RF_GATEWAY_STATUS,
    RF_REFUND_ID,
    RF_MERCHANT_ID,
    RF_TRADE_ID,
    RF_AMOUNT,
    RF_CURRENCY
};

static const ct_result_field_desc pm_refund_fields[] = {
    [RF_STATUS] =
        CT_FIELD("status", CT_VAL_STRING, 0, 0, "succeeded, pending or failed"),
    [RF_GATEWAY_STATUS] =
        CT_FIELD("gateway_status", CT_VAL_STRING, 1, 0, "PayerMax's status"),
    [RF_REFUND_ID] =
        CT_FIELD("refund_id", CT_VAL_STRING, 1, 0, "PayerMax's refundTradeNo"),
    [RF_MERCHANT_ID] =
        CT_FIELD("merchant_refund_id", CT_VAL_STRING, 1, 0, "outRefundNo"),
    [RF_TRADE_ID] =
        CT_FIELD("trade_id", CT_VAL_STRING, 1, 0, "PayerMax's trade number"),
    [RF_AMOUNT] = CT_FIELD("amount", CT_VAL_STRING, 1, 0, "the refund amount"),
    [RF_CURRENCY] =
        CT_FIELD("currency", CT_VAL_STRING, 1, 0, "the refund currency")};

enum { TA_REQUEST_ID, TA_STATUS, TA_GATEWAY_STATUS, TA_REDIRECT_URL, TA_TOKEN };

static const ct_result_field_desc pm_application_fields[] = {
    [TA_REQUEST_ID] = CT_FIELD("request_id", CT_VAL_STRING, 1, 0,
                               "the apply_payment_token request_id"),
    [TA_STATUS] = CT_FIELD("status", CT_VAL_STRING, 0, 0,
                           "succeeded, pending, requires_action or failed"),
    [TA_GATEWAY_STATUS] = CT_FIELD("gateway_status", CT_VAL_STRING, 0, 0,
                                   "PayerMax's data.status"),
    [TA_REDIRECT_URL] = CT_FIELD("redirect_url", CT_VAL_STRING, 1, 0,
                                 "where to send the user when requires_action"),
    [TA_TOKEN] = CT_FIELD("payment_token_id", CT_VAL_STRING, 1, 1,
                          "the bound token (masked when printed)")};

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

/* Appends `extra` checks' failure or builds {members} with `konst` (when
 * not NULL: "name":"value" after member `at`), and sends it in the
 * envelope. */
static ct_err pm_send(ct_client *c, const char *version, const pm_node *nodes,
                      size_t n, const pm_value *val, size_t at,
                      const char *kname, const char *kvalue, ct_request *req,
                      ct_error *err)
{
    ct_buf data;
    int first = 1;
    ct_err rc;

    ct_buf_init(&data);
    ct_buf_putc(&data, '{');
    pm_write_members(&data, nodes, val, 0, kname ? at + 1 : n, &first);
    if (kname != NULL) {
        pm_write_const(&data, kname, kvalue, &first);
        pm_write_members(&data, nodes, val, at + 1, n, &first);
    }
    ct_buf_putc(&data, '}');
    rc = pm_envelope(c, version, &data, req, err);
    ct_buf_free(&data); /* wiped: it may hold card data */
    return rc;
}

/* A text that is a kv for the request's echo / secrets. */
static ct_kv pm_kv_of(const char *name, const json_t *s)
{
    return (ct_kv){(char *)name, (char *)json_string_value(s),
                   json_string_length(s)};
}

static ct_err pm_check_trade_no(const ct_kv *v, const char *field,
                                ct_error *err)
{
    if (v != NULL && !pm_word_chars(v->value, v->len))
        return ct_fail(err, CT_ERR_VALIDATION, field,
                       "%s may hold only letters, digits and _", field);
    return CT_OK;
}

/* An IPv4 or IPv6 address. */
static int pm_ip_ok(const char *s)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

static ct_err pm_pay_validate(const pm_value *val, ct_error *err)
{
    static const char *const terminals[] = {"WEB", "WAP", "APP", NULL};
    static const char *const d3s[] = {"do3ds", "no3ds", "ext3ds", NULL};
    const json_t *detail = val[PP_DETAIL].j, *ip, *d;
    ct_err rc;

    if ((rc = pm_check_trade_no(val[PP_OUT_TRADE_NO].v, "out_trade_no", err)) !=
            CT_OK ||
        (rc = ct_check_oneof(val[PP_TERMINAL].v, "terminal_type", terminals,
                             err)) != CT_OK)
        return rc;
    ip = pm_get(detail, "buyer_info", "client_ip");
    if (!json_is_string(ip) || !pm_ip_ok(json_string_value(ip)))
        return ct_fail(err, CT_ERR_VALIDATION,
                       "payment_detail.buyer_info.client_ip",
                       "payment_detail.buyer_info.client_ip must be an IPv4 "
                       "or IPv6 address");
    d = pm_get(pm_get(detail, "card_info", NULL), "cvv", NULL);
    if (d != NULL) {
        ct_kv cvv = pm_kv_of("payment_detail.card_info.cvv", d);
        if ((rc = ct_check_cvv(&cvv, cvv.name, err)) != CT_OK)
            return rc;
    }
    d = pm_get(pm_get(detail, "card_info", NULL), "dynamic3ds", NULL);
    if (json_is_string(d)) {
        char low[8];
        size_t i, n = json_string_length(d);
        for (i = 0; i < n && i + 1 < sizeof(low); i++)
            low[i] = (char)(json_string_value(d)[i] | 0x20);
        low[i] = '\0';
        ct_kv kv = {"dynamic3ds", low, n < sizeof(low) ? n : sizeof(low)};
        if (n >= sizeof(low) || ct_check_oneof(&kv, "dynamic3ds", d3s, err))
            return ct_fail(err, CT_ERR_VALIDATION,
                           "payment_detail.card_info.dynamic3ds",
                           "payment_detail.card_info.dynamic3ds must be "
                           "do3DS, no3DS or ext3DS");
    }
    return CT_OK;
}

static ct_err pm_pay_build(ct_client *c, const ct_op_desc *op, const ct_args *a,
                           ct_request *req, ct_error *err)
{
    pm_value val[PP_NARGS];
    json_t *detail;
    ct_err rc;

    CT_UNUSED(op);
    if ((rc = pm_read_args(pm_pay_nodes, PP_NARGS, a, val, err)) != CT_OK ||
        (rc = pm_pay_validate(val, err)) != CT_OK)
        goto cleanup;
    /* a token payment stores no new token unless asked (example 6) */
    detail = val[PP_DETAIL].j;
    if (json_object_get(detail, pm_detail_kids[PD_FUTURE].arg) == NULL &&
        json_object_set_new(detail, pm_detail_kids[PD_FUTURE].arg,
                            json_false()) != 0) {
        rc = ct_fail_nomem(err);
        goto cleanup;
    }
    if ((rc = pm_send(c, "1.4", pm_pay_nodes, PP_NARGS, val, PP_OUT_TRADE_NO,
                      "integrate", "Direct_Payment", req, err)) != CT_OK)
        goto cleanup;
    {
        ct_kv tok = pm_kv_of("payment_token_id",
                             pm_get(detail, "payment_token_id", NULL));
        const json_t *cvv =
            pm_get(pm_get(detail, "card_info", NULL), "cvv", NULL);
        ct_kv cv = pm_kv_of("cvv", cvv);
        /* the token is a payment credential: redacted like the CVV */
        if ((rc = ct_request_set_secrets(req, NULL, cvv ? &cv : &tok, err)) ==
                CT_OK &&
            (cvv == NULL ||
             (rc = ct_request_set_token(req, &tok, err)) == CT_OK))
            rc = ct_request_set_echo(req, val[PP_OUT_TRADE_NO].v, NULL, err);
    }
cleanup:
    pm_values_free(val, PP_NARGS);
    return rc;
}

/* card_info of a CARD binding: the seed calls' card checks; a 4-digit
 * year is sent as its last two digits (§2.2). */
static ct_err pm_apply_card(ct_client *c, json_t *card, ct_kv *pan, ct_kv *cvv,
                            ct_error *err)
{
    const json_t *m = pm_get(card, "card_expiration_month", NULL);
    const json_t *y = pm_get(card, "card_expiration_year", NULL);
    ct_kv month = pm_kv_of("card_info.card_expiration_month", m);
    ct_kv year = pm_kv_of("card_info.card_expiration_year", y);
    char full[5] = "20";
    ct_kv year4 = {"card_info.card_expiration_year", full, 4};
    ct_err rc;

    *pan = pm_kv_of("card_info.card_identifier_no",
                    pm_get(card, "card_identifier_no", NULL));
    *cvv = pm_kv_of("card_info.cvv", pm_get(card, "cvv", NULL));
    if ((rc = ct_check_card_number(pan, pan->name, err)) != CT_OK ||
        (rc = ct_check_cvv(cvv, cvv->name, err)) != CT_OK ||
        (rc = ct_check_month(&month, month.name, err)) != CT_OK)
        return rc;
    if (year.len == 4 && ct_all_digits(year.value, 4))
        memcpy(full, year.value, 4);
    else if (year.len == 2 && ct_all_digits(year.value, 2))
        memcpy(full + 2, year.value, 2);
    else
        return ct_fail(err, CT_ERR_VALIDATION, year.name,
                       "%s must be a 2- or 4-digit year", year.name);
    if (ct_check_expiry(c, &month, &year4, err) != CT_OK)
        return ct_fail(err, CT_ERR_VALIDATION, year.name,
                       "%s: the card has expired, or its year lies more than "
                       "%d years ahead",
                       year.name, CT_MAX_EXPIRY_YEARS);
    if (year.len == 4 && json_object_set_new(card, "card_expiration_year",
                                             json_stringn(full + 2, 2)) != 0)
        return ct_fail_nomem(err);
    return CT_OK;
}

static ct_err pm_apply_build(ct_client *c, const ct_op_desc *op,
                             const ct_args *a, ct_request *req, ct_error *err)
{
    pm_value val[PA_NARGS];
    const ct_kv *method;
    ct_kv pan, cvv;
    int card;
    ct_err rc;

    CT_UNUSED(op);
    if ((rc = pm_read_args(pm_apply_nodes, PA_NARGS, a, val, err)) != CT_OK)
        goto cleanup;
    method = val[PA_METHOD].v;
    card = method->len == 4 && memcmp(method->value, "CARD", 4) == 0;
    if (card && val[PA_CARD].j == NULL) {
        rc = ct_fail(err, CT_ERR_VALIDATION, "card_info",
                     "card_info is required when payment_method_type is CARD");
        goto cleanup;
    }
    if (card && val[PA_TARGET].v != NULL) {
        rc = ct_fail(err, CT_ERR_VALIDATION, "target_org",
                     "target_org is not sent for CARD");
        goto cleanup;
    }
    if (val[PA_CARD].j != NULL &&
        (rc = pm_apply_card(c, val[PA_CARD].j, &pan, &cvv, err)) != CT_OK)
        goto cleanup;
    if ((rc = pm_send(c, "1.4", pm_apply_nodes, PA_NARGS, val, 5, "tokenScope",
                      "tokenAcq", req, err)) != CT_OK)
        goto cleanup;
    if (val[PA_CARD].j != NULL &&
        (rc = ct_request_set_secrets(req, &pan, &cvv, err)) != CT_OK)
        goto cleanup;
    rc = ct_request_set_echo(req, val[PA_REQUEST_ID].v, NULL, err);
cleanup:
    pm_values_free(val, PA_NARGS);
    return rc;
}

/* A call of text arguments: the first is echoed (and, when `echo2`, the
 * argument of that index as the second key); `konst` after member `at`. */
static ct_err pm_plain(ct_client *c, const char *version, const pm_node *nodes,
                       size_t n, const ct_args *a, size_t at, const char *kname,
                       const char *kvalue, int echo2, ct_request *req,
                       ct_error *err)
{
    pm_value val[8];
    ct_err rc;

    if ((rc = pm_read_args(nodes, n, a, val, err)) == CT_OK &&
        (rc = pm_send(c, version, nodes, n, val, at, kname, kvalue, req,
                      err)) == CT_OK)
        rc = ct_request_set_echo(req, val[0].v, echo2 ? val[echo2].v : NULL,
                                 err);
    pm_values_free(val, n);
    return rc;
}

static ct_err pm_inquire_apply_build(ct_client *c, const ct_op_desc *op,
                                     const ct_args *a, ct_request *req,
                                     ct_error *err)
{
    CT_UNUSED(op);
    return pm_plain(c, "1.4", pm_inquire_apply_nodes,
                    CT_ARRAY_LEN(pm_inquire_apply_nodes), a, 0, "tokenScope",
                    "tokenAcq", 1, req, err);
}

static ct_err pm_remove_build(ct_client *c, const ct_op_desc *op,
                              const ct_args *a, ct_request *req, ct_error *err)
{
    ct_err rc;
    CT_UNUSED(op);
    rc = pm_plain(c, "1.2", pm_remove_nodes, CT_ARRAY_LEN(pm_remove_nodes), a,
                  0, NULL, NULL, 1, req, err);
    return rc == CT_OK
               ? ct_request_set_secrets(
                     req, NULL, ct_kv_get(&a->kv, "payment_token_id"), err)
               : rc;
}

static ct_err pm_query_build(ct_client *c, const ct_op_desc *op,
                             const ct_args *a, ct_request *req, ct_error *err)
{
    ct_err rc = pm_check_trade_no(ct_kv_get(&a->kv, "out_trade_no"),
                                  "out_trade_no", err);
    CT_UNUSED(op);
    return rc != CT_OK ? rc
                       : pm_plain(c, "1.4", pm_query_nodes,
                                  CT_ARRAY_LEN(pm_query_nodes), a, 0, NULL,
                                  NULL, 0, req, err);
}

static ct_err pm_refund_build(ct_client *c, const ct_op_desc *op,
                              const ct_args *a, ct_request *req, ct_error *err)
{
    const ct_kv *amount = ct_kv_get(&a->kv, "refund_amount");
    const ct_kv *trade = ct_kv_get(&a->kv, "out_trade_no");
    const char *dot;
    ct_err rc;

    CT_UNUSED(op);
    if (trade == NULL && ct_kv_get(&a->kv, "trade_token") == NULL)
        return ct_fail(err, CT_ERR_VALIDATION, "out_trade_no",
                       "out_trade_no or trade_token is required");
    if ((rc = pm_check_trade_no(trade, "out_trade_no", err)) != CT_OK)
        return rc;
    if (amount != NULL && (dot = memchr(amount->value, '.', amount->len)) &&
        amount->len - (size_t)(dot - amount->value) - 1 > 4)
        return ct_fail(err, CT_ERR_VALIDATION, "refund_amount",
                       "refund_amount has at most 4 decimals");
    return pm_plain(c, "1.4", pm_refund_nodes, CT_ARRAY_LEN(pm_refund_nodes), a,
                    0, NULL, NULL, 0, req, err);
}

static ct_err pm_query_refund_build(ct_client *c, const ct_op_desc *op,
                                    const ct_args *a, ct_request *req,
                                    ct_error *err)
{
    CT_UNUSED(op);
    return pm_plain(c, "1.4", pm_query_refund_nodes,
                    CT_ARRAY_LEN(pm_query_refund_nodes), a, 0, NULL, NULL, 1,
                    req, err);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

typedef struct pm_word {
    const char *word;
    const char *status;
} pm_word;

static const pm_word pm_pay_words[] = {
    {"SUCCESS", "succeeded"}, {"FAILED", "failed"}, {"CLOSED", "canceled"}};
static const pm_word pm_refund_words[] = {{"REFUND_SUCCESS", "succeeded"},
                                          {"REFUND_FAILED", "failed"}};
static const pm_word pm_apply_words[] = {{"SUCCESS", "succeeded"},
                                         {"FAILED", "failed"}};

/* The status of s[0..n) (surrounding white space ignored) in w; NULL when
 * not listed (pending, never a final state). *pending: it is PENDING or
 * REFUND_PENDING. */
static const char *pm_status_of(const pm_word *w, size_t nw, const char *s,
                                size_t n, int *pending)
{
    size_t i;
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        n--;
    *pending = n == 7 && memcmp(s, "PENDING", 7) == 0;
    for (i = 0; i < nw; i++)
        if (strlen(w[i].word) == n && memcmp(w[i].word, s, n) == 0)
            return w[i].status;
    return NULL;
}

/* One record of `op`'s result, read from data (an object). */
typedef struct pm_reading {
    ct_result *res;
    ct_record *rec;
    ct_buf state; /* data.status */
    ct_buf url;   /* data.redirectUrl */
    int has_url;
} pm_reading;

static ct_err pm_begin(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       json_t **root, const json_t **data, pm_reading *r,
                       ct_error *err)
{
    int present;
    ct_err rc;

    memset(r, 0, sizeof(*r));
    ct_buf_init(&r->state);
    ct_buf_init(&r->url);
    if ((rc = pm_answer(c, req, resp, 1, root, data, err)) != CT_OK)
        return rc;
    if (!json_is_object(*data))
        return ct_fail(err, CT_ERR_PROTOCOL, "data",
                       "PayerMax success answer lacks the data object");
    if ((r->res = ct_result_alloc(op)) == NULL ||
        (r->rec = ct_result_add(r->res)) == NULL)
        return ct_fail_nomem(err);
    if (op->fields == pm_token_fields)
        return CT_OK;
    if ((rc = ct_json_text(*data, "status", 0, 0, &r->state, &present, err)) !=
            CT_OK ||
        (!present &&
         (rc = ct_fail(err, CT_ERR_PROTOCOL, "data.status",
                       "PayerMax answer lacks data.status")) != CT_OK) ||
        (rc = ct_json_text(*data, "redirectUrl", 0, 0, &r->url, &r->has_url,
                           err)) != CT_OK)
        return rc;
    r->has_url = r->has_url && r->url.len > 0;
    return CT_OK;
}

static ct_err pm_end(pm_reading *r, ct_err rc, json_t *root, ct_result **out)
{
    if (rc == CT_OK) {
        *out = r->res;
        r->res = NULL;
    }
    ct_result_free(r->res);
    ct_buf_free(&r->state);
    ct_buf_free(&r->url);
    json_decref(root);
    return rc;
}

/* status, gateway_status from data.status in table w; a PENDING with a
 * redirect is requires_action when `action`. */
static int pm_put_status(pm_reading *r, const ct_result_field_desc *st,
                         const ct_result_field_desc *gst, const pm_word *w,
                         size_t nw, int action)
{
    int pending;
    const char *s = pm_status_of(w, nw, r->state.data, r->state.len, &pending);
    if (s == NULL)
        s = action && pending && r->has_url ? "requires_action" : "pending";
    return ct_record_str(r->rec, st->name, s, strlen(s), 0) &&
           ct_record_str(r->rec, gst->name, r->state.data, r->state.len, 0);
}

static int pm_put_url(pm_reading *r, const ct_result_field_desc *f)
{
    return r->has_url
               ? ct_record_str(r->rec, f->name, r->url.data, r->url.len, 0)
               : ct_record_null(r->rec, f->name);
}

/* A money member keeps its received text (a JSON number as written, "10.50"
 * stays "10.50"): the raw text of data.<key> in the body. */
static ct_err pm_put_amount(pm_reading *r, const char *name,
                            const ct_response *resp, const json_t *data,
                            const char *key, ct_error *err)
{
    size_t ds, de, vs, ve;
    const json_t *v = json_object_get(data, key);
    ct_result_field_desc f = CT_FIELD(name, CT_VAL_STRING, 1, 0, "");
    if (json_is_number(v) &&
        ct_json_raw_member(resp->body, resp->len, "data", &ds, &de) &&
        ct_json_raw_member(resp->body + ds, de - ds, key, &vs, &ve))
        return ct_record_str(r->rec, name, resp->body + ds + vs, ve - vs, 0)
                   ? CT_OK
                   : ct_fail_nomem(err);
    return ct_record_json(r->rec, &f, data, key, 0, err);
}

/* The echoed key field i of the record must be what the request asked
 * (want NULL: not checked). */
static ct_err pm_echo(const pm_reading *r, size_t i, const char *want,
                      const char *where, ct_error *err)
{
    const ct_field *f = &r->rec->f[i];
    return ct_echo_check(want, f->str, f->len, f->type == CT_VAL_STRING,
                         "PayerMax", where, err);
}

/* The new token of an orderQuery: the first non-empty
 * paymentDetails[i].paymentTokenID, else its cardInfo.paymentTokenID. */
static const json_t *pm_detail_token(const json_t *data)
{
    const json_t *list = json_object_get(data, "paymentDetails"), *d, *t;
    size_t i;
    int pass;
    for (pass = 0; pass < 2; pass++)
        json_array_foreach(list, i, d)
        {
            t = pass == 0 ? json_object_get(d, "paymentTokenID")
                          : pm_get(d, "cardInfo", "paymentTokenID");
            if (json_is_string(t) && json_string_length(t) > 0)
                return t;
        }
    return NULL;
}

static ct_err pm_parse_payment(ct_client *c, const ct_op_desc *op,
                               const ct_request *req, const ct_response *resp,
                               ct_result **out, ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    int query = strcmp(op->name, "query_order") == 0;
    json_t *root = NULL;
    const json_t *data = NULL, *tok;
    pm_reading r;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    if (rc != CT_OK)
        return pm_end(&r, rc, root, out);
    if (query)
        r.has_url = 0; /* not part of an orderQuery */
    if (!pm_put_status(&r, &f[PF_STATUS], &f[PF_GATEWAY_STATUS], pm_pay_words,
                       CT_ARRAY_LEN(pm_pay_words), 1))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    if ((rc = ct_record_json(r.rec, &f[PF_ORDER_ID], data, "outTradeNo", 0,
                             err)) != CT_OK ||
        (rc = ct_record_json(r.rec, &f[PF_TRADE_ID], data, "tradeToken", 0,
                             err)) != CT_OK ||
        (rc = pm_echo(&r, PF_ORDER_ID, req ? req->echo : NULL,
                      "data.outTradeNo", err)) != CT_OK)
        return pm_end(&r, rc, root, out);
    if (query) {
        if ((rc = pm_put_amount(&r, f[PF_AMOUNT].name, resp, data,
                                "totalAmount", err)) != CT_OK ||
            (rc = ct_record_json(r.rec, &f[PF_CURRENCY], data, "currency", 0,
                                 err)) != CT_OK)
            return pm_end(&r, rc, root, out);
    } else if (!ct_record_null(r.rec, f[PF_AMOUNT].name) ||
               !ct_record_null(r.rec, f[PF_CURRENCY].name))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    tok = query ? pm_detail_token(data) : NULL;
    if (!pm_put_url(&r, &f[PF_REDIRECT_URL]) ||
        !(tok ? ct_record_str(r.rec, f[PF_TOKEN].name, json_string_value(tok),
                              json_string_length(tok), 1)
              : ct_record_null(r.rec, f[PF_TOKEN].name)))
        rc = ct_fail_nomem(err);
    return pm_end(&r, rc, root, out);
}

static ct_err pm_parse_application(ct_client *c, const ct_op_desc *op,
                                   const ct_request *req,
                                   const ct_response *resp, ct_result **out,
                                   ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    json_t *root = NULL;
    const json_t *data = NULL;
    pm_reading r;
    /* apply echoes request_id (echo); inquire user_id, request_id (holder) */
    const char *want = req ? (req->holder ? req->holder : req->echo) : NULL;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    if (rc == CT_OK &&
        (rc = ct_record_json(r.rec, &f[TA_REQUEST_ID], data, "requestId", 0,
                             err)) == CT_OK &&
        (rc = pm_echo(&r, TA_REQUEST_ID, want, "data.requestId", err)) ==
            CT_OK) {
        if (!pm_put_status(&r, &f[TA_STATUS], &f[TA_GATEWAY_STATUS],
                           pm_apply_words, CT_ARRAY_LEN(pm_apply_words), 1) ||
            !pm_put_url(&r, &f[TA_REDIRECT_URL]))
            rc = ct_fail_nomem(err);
        else
            rc = ct_record_json(r.rec, &f[TA_TOKEN], data, "paymentTokenID", 0,
                                err);
    }
    return pm_end(&r, rc, root, out);
}

/* removePaymentToken: a PaymentToken with the three members it carries. */
static ct_err pm_parse_remove(ct_client *c, const ct_op_desc *op,
                              const ct_request *req, const ct_response *resp,
                              ct_result **out, ct_error *err)
{
    static const char *const members[] = {"paymentTokenID", "userId", NULL,
                                          NULL, "paymentTokenStatus"};
    json_t *root = NULL;
    const json_t *data = NULL;
    pm_reading r;
    size_t i;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    for (i = 0; rc == CT_OK && i < op->nfields; i++)
        rc = i < CT_ARRAY_LEN(members) && members[i] != NULL
                 ? ct_record_json(r.rec, &op->fields[i], data, members[i],
                                  i == 4, err)
             : ct_record_null(r.rec, op->fields[i].name) ? CT_OK
                                                         : ct_fail_nomem(err);
    if (rc == CT_OK && (rc = pm_echo(&r, 1, req ? req->echo : NULL,
                                     "data.userId", err)) == CT_OK)
        rc = pm_echo(&r, 0, req ? req->holder : NULL, "data.paymentTokenID",
                     err);
    return pm_end(&r, rc, root, out);
}

/* refund and refundQuery. */
static ct_err pm_parse_refund(ct_client *c, const ct_op_desc *op,
                              const ct_request *req, const ct_response *resp,
                              ct_result **out, ct_error *err)
{
    const ct_result_field_desc *f = op->fields;
    int query = strcmp(op->name, "query_refund") == 0;
    json_t *root = NULL;
    const json_t *data = NULL;
    pm_reading r;
    ct_err rc = pm_begin(c, op, req, resp, &root, &data, &r, err);

    if (rc != CT_OK)
        return pm_end(&r, rc, root, out);
    if (!pm_put_status(&r, &f[RF_STATUS], &f[RF_GATEWAY_STATUS],
                       pm_refund_words, CT_ARRAY_LEN(pm_refund_words), 0))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    if ((rc = ct_record_json(r.rec, &f[RF_REFUND_ID], data, "refundTradeNo", 0,
                             err)) != CT_OK ||
        (rc = ct_record_json(r.rec, &f[RF_MERCHANT_ID], data, "outRefundNo", 0,
                             err)) != CT_OK ||
        (rc = pm_echo(&r, RF_MERCHANT_ID, req ? req->echo : NULL,
                      "data.outRefundNo", err)) != CT_OK ||
        (rc = pm_echo(&r, RF_REFUND_ID, req ? req->holder : NULL,
                      "data.refundTradeNo", err)) != CT_OK)
        return pm_end(&r, rc, root, out);
    if (!query) {
        if ((rc = ct_record_json(r.rec, &f[RF_TRADE_ID], data, "tradeOrderNo",
                                 0, err)) == CT_OK &&
            (!ct_record_null(r.rec, f[RF_AMOUNT].name) ||
             !ct_record_null(r.rec, f[RF_CURRENCY].name)))
            rc = ct_fail_nomem(err);
        return pm_end(&r, rc, root, out);
    }
    if (!ct_record_null(r.rec, f[RF_TRADE_ID].name))
        return pm_end(&r, ct_fail_nomem(err), root, out);
    /* the schema says refundAmount, the example totalAmount: read both */
    if ((rc = pm_put_amount(&r, f[RF_AMOUNT].name, resp, data,
                            json_object_get(data, "refundAmount") != NULL
                                ? "refundAmount"
                                : "totalAmount",
                            err)) == CT_OK)
        rc = ct_record_json(r.rec, &f[RF_CURRENCY], data, "refundCurrency", 0,
                            err);
    return pm_end(&r, rc, root, out);
}

/* ------------------------------------------------------------------ */
/* The gateway's table: options, operations, notification inputs      */
/* ------------------------------------------------------------------ */

static const ct_param_desc pm_options[] = {
    CT_ARG("app_id", CT_TYPE_STRING, 1, "PayerMax application id"),
    CT_ARG("merchant_no", CT_TYPE_STRING, 1, "PayerMax merchant number"),
    CT_ARG("private_key", CT_TYPE_SECRET, 1, "the merchant's RSA key (PEM)"),
    CT_ARG("gateway_public_key", CT_TYPE_STRING, 1,
           "PayerMax's RSA public key (PEM)"),
    CT_ARG("key_version", CT_TYPE_STRING, 0, "keyVersion (default \"1\")"),
    CT_COMMON_OPTIONS};

static const ct_param_desc pm_notify[] = {
    CT_NOTIFY("body", "body", CT_TYPE_BYTES, 1, 1, "the raw posted body"),
    {.name = "sign",
     .php_name = "sign",
     .type = CT_TYPE_STRING,
     .required = 1,
     .nullable = 1,
     .doc = "the sign header (None when absent)"},
    CT_NOTIFY("max_age", "maxAge", CT_TYPE_FLOAT, 0, 0,
              "refuse a notifyTime more than this many seconds away")};

static const ct_env pm_envs[] = {
    {"sandbox", "https://pay-gate-uat.payermax.com"},
    {"production", "https://pay-gate.payermax.com"},
    {NULL, NULL}};

static const ct_op_desc pm_op_descs[] = {
    {.name = "inquire_payment_token",
     .php_name = "inquirePaymentToken",
     .result_name = "PaymentToken",
     .returns_list = 1,
     CT_ARGS(pm_inquire_args),
     CT_FIELDS(pm_token_fields),
     .doc = "Lists a user's payment tokens (inquirePaymentToken)."},
    {.name = "pay_with_token",
     .php_name = "payWithToken",
     .result_name = "Payment",
     CT_ARGS(pm_pay_args),
     CT_FIELDS(pm_pay_fields),
     .doc = "Pays with a payment token (orderAndPay, Direct_Payment)."},
    {.name = "apply_payment_token",
     .php_name = "applyPaymentToken",
     .result_name = "TokenApplication",
     CT_ARGS(pm_apply_args),
     CT_FIELDS(pm_application_fields),
     .doc = "Binds a card without a payment (applyPaymentToken)."},
    {.name = "inquire_apply_request",
     .php_name = "inquireApplyRequest",
     .result_name = "TokenApplication",
     CT_ARGS(pm_inquire_apply_args),
     CT_FIELDS(pm_application_fields),
     .doc = "Looks a binding up by request_id (InquireApplyRequest)."},
    {.name = "remove_payment_token",
     .php_name = "removePaymentToken",
     .result_name = "PaymentToken",
     CT_ARGS(pm_remove_args),
     CT_FIELDS(pm_token_fields),
     .doc = "Removes a payment token (removePaymentToken, version 1.2)."},
    {.name = "query_order",
     .php_name = "queryOrder",
     .result_name = "Payment",
     CT_ARGS(pm_query_args),
     CT_FIELDS(pm_pay_fields),
     .doc = "Looks an order up by out_trade_no (orderQuery)."},
    {.name = "refund",
     .php_name = "refund",
     .result_name = "Refund",
     CT_ARGS(pm_refund_args),
     CT_FIELDS(pm_refund_fields),
     .doc = "Refunds a payment, wholly or in part (refund)."},
    {.name = "query_refund",
     .php_name = "queryRefund",
     .result_name = "Refund",
     CT_ARGS(pm_query_refund_args),
     CT_FIELDS(pm_refund_fields),
     .doc = "Looks a refund up by out_refund_no (refundQuery)."}};

#define PM_PATH(api) "/aggregate-pay/api/gateway/" api

static const ct_op_impl pm_impl[] = {{.path = PM_PATH("inquirePaymentToken"),
                                      .build = pm_build,
                                      .parse = pm_parse},
                                     {.path = PM_PATH("orderAndPay"),
                                      .build = pm_pay_build,
                                      .parse = pm_parse_payment},
                                     {.path = PM_PATH("applyPaymentToken"),
                                      .build = pm_apply_build,
                                      .parse = pm_parse_application},
                                     {.path = PM_PATH("InquireApplyRequest"),
                                      .build = pm_inquire_apply_build,
                                      .parse = pm_parse_application},
                                     {.path = PM_PATH("removePaymentToken"),
                                      .build = pm_remove_build,
                                      .parse = pm_parse_remove},
                                     {.path = PM_PATH("orderQuery"),
                                      .build = pm_query_build,
                                      .parse = pm_parse_payment},
                                     {.path = PM_PATH("refund"),
                                      .build = pm_refund_build,
                                      .parse = pm_parse_refund},
                                     {.path = PM_PATH("refundQuery"),
                                      .build = pm_query_refund_build,
                                      .parse = pm_parse_refund}};

const ct_gateway_ops ct_payermax_ops =
    CT_GATEWAY_OPS(pm, CT_GW_PAYERMAX, "payermax", "PayerMax", 0,
                   "PayerMax payment tokens (SHA256withRSA-signed JSON).");
