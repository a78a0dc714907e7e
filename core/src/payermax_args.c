/* payermax_args.c - the arguments of PayerMax's lifecycle calls
 * (LIFECYCLE.md §2.1-2.7): for each call one list gives its description
 * (what the bindings show) and its node table (what payermax_wire.c checks
 * and writes), and the nested mappings' keys with their wire names, kinds,
 * required flags and lengths. */
#include "mem.h"
#include "payermax_life.h"
#include "registry.h"

/* ------------------------------------------------------------------ */
/* The arguments: one table per call (payermax_wire.h)                 */
/* ------------------------------------------------------------------ */

/* clang-format off */
#define PM_N(a, w, k, r, m)                                                    \
    {                                                                          \
        .arg = (a), .wire = (w), .kind = (k), .required = (r), .max = (m)      \
    }
#define PM_NK(a, w, r, kids)                                                   \
    {                                                                          \
        .arg = (a), .wire = (w), .kind = PK_OBJ, .required = (r),              \
        PM_KIDS(kids)                                                          \
    }
/* clang-format on */

/* A call's top-level arguments are written once, as X(arg, wire, kind,
 * required, max, kids, doc), and give both its description (PM_DESC) and
 * its node table (PM_NODE). */
/* clang-format off */
#define PM_CT_TYPE(k)                                                          \
    ((k) == PK_SECRET                    ? CT_TYPE_SECRET                      \
     : (k) == PK_BOOL                    ? CT_TYPE_BOOL                        \
     : (k) == PK_LIST                    ? CT_TYPE_LIST                        \
     : ((k) == PK_OBJ || (k) == PK_FREE) ? CT_TYPE_OBJECT                      \
                                         : CT_TYPE_STRING)
/* clang-format on */
#define PM_NOKIDS .kids = NULL
/* clang-format off */
#define PM_DESC(a, w, k, r, m, K, d)                                           \
    {.name = (a),                                                              \
     .php_name = (a),                                                          \
     .type = PM_CT_TYPE(k),                                                    \
     .required = (r),                                                          \
     .secret = (k) == PK_SECRET,                                               \
     .doc = (d)},
#define PM_NODE(a, w, k, r, m, K, d)                                           \
    {.arg = (a), .wire = (w), .kind = (k), .required = (r), .max = (m), K},
/* clang-format on */

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

static const pm_node pm_detail_kids[] = {
    PM_N("payment_method_type", "paymentMethodType", PK_STR, 1, 16),
    PM_N("payment_token_id", "paymentTokenID", PK_SECRET, 1, 64),
    PM_NK("buyer_info", "buyerInfo", 1, pm_buyer_kids),
    PM_N("target_org", "targetOrg", PK_STR, 0, 32),
    PM_N("token_for_future_use", "tokenForFutureUse", PK_BOOL, 0, 0),
    PM_N("merchant_initiated", "merchantInitiated", PK_BOOL, 0, 0),
    PM_N("mit_type", "mitType", PK_STR, 0, 0),
    PM_NK("card_info", "cardInfo", 0, pm_pay_card_kids),
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

/* The members shipping_info and billing_info share. */
/* clang-format off */
#define PM_ADDRESS                                                             \
    PM_N("address1", "address1", PK_STR, 1, 1024),                             \
        PM_N("address2", "address2", PK_STR, 0, 1024),                         \
        PM_N("address3", "address3", PK_STR, 0, 1024),                         \
        PM_N("city", "city", PK_STR, 1, 64),                                   \
        PM_N("region", "region", PK_STR, 0, 64),                               \
        PM_N("state", "state", PK_STR, 0, 32),                                 \
        PM_N("country", "country", PK_STR, 1, 2)
/* clang-format on */

static const pm_node pm_shipping_kids[] = {
    PM_N("first_name", "firstName", PK_STR, 1, 64),
    PM_N("middle_name", "middleName", PK_STR, 0, 64),
    PM_N("last_name", "lastName", PK_STR, 1, 64),
    PM_N("phone_no", "phoneNo", PK_STR, 1, 32),
    PM_N("email", "email", PK_STR, 1, 255),
    PM_ADDRESS,
    PM_N("zip_code", "zipCode", PK_STR, 1, 32)};

static const pm_node pm_billing_kids[] = {
    PM_N("first_name", "firstName", PK_STR, 0, 64),
    PM_N("middle_name", "middleName", PK_STR, 0, 64),
    PM_N("last_name", "lastName", PK_STR, 0, 64),
    PM_N("phone_no", "phoneNo", PK_STR, 0, 32),
    PM_N("phone_no_region", "phoneNoRegion", PK_STR, 0, 16),
    PM_N("email", "email", PK_STR, 1, 255),
    PM_ADDRESS,
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
/* clang-format off */
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
/* clang-format on */

const ct_param_desc pm_pay_args[] = {PM_PAY_ARGS(PM_DESC)};
const pm_node pm_pay_nodes[] = {PM_PAY_ARGS(PM_NODE)};

/* applyPaymentToken (§2.2): the card data. */
static const pm_node pm_apply_card_kids[] = {
    PM_N("card_org", "cardOrg", PK_STR, 0, 32),
    PM_N("card_identifier_no", "cardIdentifierNo", PK_SECRET, 1, 19),
    PM_N("card_holder_full_name", "cardHolderFullName", PK_STR, 1, 64),
    PM_N("card_expiration_month", "cardExpirationMonth", PK_STR, 1, 2),
    PM_N("card_expiration_year", "cardExpirationYear", PK_STR, 1, 4),
    PM_N("cvv", "cvv", PK_SECRET, 1, 4)};

/* tokenScope follows frontCallbackUrl. */
/* clang-format off */
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
/* clang-format on */

const ct_param_desc pm_apply_args[] = {PM_APPLY_ARGS(PM_DESC)};
const pm_node pm_apply_nodes[] = {PM_APPLY_ARGS(PM_NODE)};

/* InquireApplyRequest (§2.3): tokenScope between the two. */
/* clang-format off */
#define PM_INQUIRE_APPLY_ARGS(X)                                               \
    X("user_id", "userId", PK_STR, 1, 64, PM_NOKIDS, "the merchant's user id") \
    X("request_id", "requestId", PK_STR, 1, 64, PM_NOKIDS,                     \
      "the apply_payment_token request_id")
/* clang-format on */
const ct_param_desc pm_inquire_apply_args[] = {PM_INQUIRE_APPLY_ARGS(PM_DESC)};
const pm_node pm_inquire_apply_nodes[] = {PM_INQUIRE_APPLY_ARGS(PM_NODE)};

/* removePaymentToken (§2.4). */
/* clang-format off */
#define PM_REMOVE_ARGS(X)                                                      \
    X("user_id", "userId", PK_STR, 1, 64, PM_NOKIDS, "the merchant's user id") \
    X("payment_token_id", "paymentTokenID", PK_SECRET, 1, 64, PM_NOKIDS,       \
      "the token to remove")                                                   \
    X("remove_reason", "removeReason", PK_STR, 0, 256, PM_NOKIDS, "why")
/* clang-format on */
const ct_param_desc pm_remove_args[] = {PM_REMOVE_ARGS(PM_DESC)};
const pm_node pm_remove_nodes[] = {PM_REMOVE_ARGS(PM_NODE)};

/* orderQuery (§2.5). */
/* clang-format off */
#define PM_QUERY_ARGS(X)                                                       \
    X("out_trade_no", "outTradeNo", PK_STR, 1, 64, PM_NOKIDS,                  \
      "the merchant's order number")
/* clang-format on */
const ct_param_desc pm_query_args[] = {PM_QUERY_ARGS(PM_DESC)};
const pm_node pm_query_nodes[] = {PM_QUERY_ARGS(PM_NODE)};

/* refund (§2.6). */
/* clang-format off */
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
/* clang-format on */
const ct_param_desc pm_refund_args[] = {PM_REFUND_ARGS(PM_DESC)};
const pm_node pm_refund_nodes[] = {PM_REFUND_ARGS(PM_NODE)};

/* refundQuery (§2.7). */
/* clang-format off */
#define PM_QUERY_REFUND_ARGS(X)                                                \
    X("out_refund_no", "outRefundNo", PK_STR, 1, 64, PM_NOKIDS,                \
      "the merchant's refund number")                                          \
    X("refund_trade_no", "refundTradeNo", PK_STR, 0, 64, PM_NOKIDS,            \
      "PayerMax's refund number (sent as well when given)")
/* clang-format on */
const ct_param_desc pm_query_refund_args[] = {PM_QUERY_REFUND_ARGS(PM_DESC)};
const pm_node pm_query_refund_nodes[] = {PM_QUERY_REFUND_ARGS(PM_NODE)};
