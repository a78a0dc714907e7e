/* lifecycle.h - the result types every gateway's lifecycle shares
 * (lifecycle.c): API.md's "Lifecycle results", declared once so that one
 * class per result name holds by construction. Private to the core. */
#ifndef CT_LIFECYCLE_H
#define CT_LIFECYCLE_H

#include <jansson.h>
#include "cardtoken.h"

/* Payment, field for field (indexes into ct_payment_fields). */
enum {
    CT_PF_STATUS,
    CT_PF_GATEWAY_STATUS,
    CT_PF_ORDER_ID,
    CT_PF_TRADE_ID,
    CT_PF_AMOUNT,
    CT_PF_CURRENCY,
    CT_PF_REDIRECT_URL,
    CT_PF_TOKEN,
    CT_PF_RAW,
    CT_NPAYMENT_FIELDS
};

/* Refund, field for field (indexes into ct_refund_fields). */
enum {
    CT_RF_STATUS,
    CT_RF_GATEWAY_STATUS,
    CT_RF_REFUND_ID,
    CT_RF_MERCHANT_REFUND_ID,
    CT_RF_TRADE_ID,
    CT_RF_AMOUNT,
    CT_RF_CURRENCY,
    CT_RF_RAW,
    CT_NREFUND_FIELDS
};

extern const ct_result_field_desc ct_payment_fields[CT_NPAYMENT_FIELDS];
extern const ct_result_field_desc ct_refund_fields[CT_NREFUND_FIELDS];

#endif /* CT_LIFECYCLE_H */
