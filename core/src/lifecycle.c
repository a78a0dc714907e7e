/* lifecycle.c - the Payment and Refund result types (lifecycle.h). */
#include "lifecycle.h"
#include "raw.h"
#include "registry.h"

/* clang-format off */
#define CT_RAW_DESC                                                            \
    CT_FIELD(CT_RAW_NAME, CT_VAL_JSON, 0, 0,                                  \
             "the whole response object, card numbers and credentials "      \
             "masked")
/* clang-format on */

const ct_result_field_desc ct_payment_fields[CT_NPAYMENT_FIELDS] = {
    [CT_PF_STATUS] = CT_FIELD("status", CT_VAL_STRING, 0, 0,
                              "succeeded, authorized, pending, "
                              "requires_action, failed, canceled or refunded"),
    [CT_PF_GATEWAY_STATUS] = CT_FIELD("gateway_status", CT_VAL_STRING, 0, 0,
                                      "the gateway's own status word or code"),
    [CT_PF_ORDER_ID] = CT_FIELD("order_id", CT_VAL_STRING, 1, 0,
                                "the merchant's order number"),
    [CT_PF_TRADE_ID] =
        CT_FIELD("trade_id", CT_VAL_STRING, 1, 0, "the gateway's trade number"),
    [CT_PF_AMOUNT] = CT_FIELD("amount", CT_VAL_STRING, 1, 0, "as received"),
    [CT_PF_CURRENCY] = CT_FIELD("currency", CT_VAL_STRING, 1, 0, "ISO 4217"),
    [CT_PF_REDIRECT_URL] =
        CT_FIELD("redirect_url", CT_VAL_STRING, 1, 0,
                 "where to send the cardholder when requires_action"),
    [CT_PF_TOKEN] = CT_FIELD("payment_token_id", CT_VAL_STRING, 1, 1,
                             "a token the gateway returned (masked when "
                             "printed)"),
    [CT_PF_RAW] = CT_RAW_DESC};

const ct_result_field_desc ct_refund_fields[CT_NREFUND_FIELDS] = {
    [CT_RF_STATUS] =
        CT_FIELD("status", CT_VAL_STRING, 0, 0, "succeeded, pending or failed"),
    [CT_RF_GATEWAY_STATUS] = CT_FIELD("gateway_status", CT_VAL_STRING, 1, 0,
                                      "the gateway's own state word or code"),
    [CT_RF_REFUND_ID] =
        CT_FIELD("refund_id", CT_VAL_STRING, 1, 0, "the gateway's refund id"),
    [CT_RF_MERCHANT_REFUND_ID] = CT_FIELD("merchant_refund_id", CT_VAL_STRING,
                                          1, 0, "the merchant's refund number"),
    [CT_RF_TRADE_ID] =
        CT_FIELD("trade_id", CT_VAL_STRING, 1, 0, "the gateway's trade number"),
    [CT_RF_AMOUNT] =
        CT_FIELD("amount", CT_VAL_STRING, 1, 0, "the refund amount"),
    [CT_RF_CURRENCY] =
        CT_FIELD("currency", CT_VAL_STRING, 1, 0, "the refund currency"),
    [CT_RF_RAW] = CT_RAW_DESC};
