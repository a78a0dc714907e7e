/* payermax_life.h - the PayerMax lifecycle units' shared declarations: the
 * argument tables (payermax_args.c) and the results with their parsing
 * (payermax_parse.c), for the builds and the gateway table
 * (payermax_life.c). Private to the core. */
#ifndef CT_PAYERMAX_LIFE_H
#define CT_PAYERMAX_LIFE_H

#include "payermax.h"
#include "payermax_wire.h"

/* Each call's arguments: the description (pm_<call>_args) and the node
 * table (pm_<call>_nodes), index for index; the indexes the builds read. */
enum {
    PP_OUT_TRADE_NO,
    PP_AMOUNT = 2,
    PP_DETAIL = 10,
    PP_TERMINAL = 18,
    PP_NARGS = 23
};
enum { PA_REQUEST_ID, PA_METHOD = 2, PA_TARGET, PA_CARD = 7, PA_NARGS = 10 };
#define PM_NINQUIRE_APPLY_ARGS 2
#define PM_NREMOVE_ARGS 3
#define PM_NQUERY_ARGS 1
#define PM_NREFUND_ARGS 7
#define PM_NQUERY_REFUND_ARGS 2

extern const ct_param_desc pm_pay_args[PP_NARGS];
extern const pm_node pm_pay_nodes[PP_NARGS];
extern const ct_param_desc pm_apply_args[PA_NARGS];
extern const pm_node pm_apply_nodes[PA_NARGS];
extern const ct_param_desc pm_inquire_apply_args[PM_NINQUIRE_APPLY_ARGS];
extern const pm_node pm_inquire_apply_nodes[PM_NINQUIRE_APPLY_ARGS];
extern const ct_param_desc pm_remove_args[PM_NREMOVE_ARGS];
extern const pm_node pm_remove_nodes[PM_NREMOVE_ARGS];
extern const ct_param_desc pm_query_args[PM_NQUERY_ARGS];
extern const pm_node pm_query_nodes[PM_NQUERY_ARGS];
extern const ct_param_desc pm_refund_args[PM_NREFUND_ARGS];
extern const pm_node pm_refund_nodes[PM_NREFUND_ARGS];
extern const ct_param_desc pm_query_refund_args[PM_NQUERY_REFUND_ARGS];
extern const pm_node pm_query_refund_nodes[PM_NQUERY_REFUND_ARGS];

/* TokenApplication (Payment and Refund are lifecycle.h's). */
extern const ct_result_field_desc pm_application_fields[6];

/* orderAndPay and orderQuery (a Payment), applyPaymentToken and
 * InquireApplyRequest (a TokenApplication), removePaymentToken (a
 * PaymentToken), refund and refundQuery (a Refund). */
ct_err pm_parse_payment(ct_client *c, const ct_op_desc *op,
                        const ct_request *req, const ct_response *resp,
                        ct_result **out, ct_error *err);
ct_err pm_parse_application(ct_client *c, const ct_op_desc *op,
                            const ct_request *req, const ct_response *resp,
                            ct_result **out, ct_error *err);
ct_err pm_parse_remove(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       ct_result **out, ct_error *err);
ct_err pm_parse_refund(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       ct_result **out, ct_error *err);

#endif /* CT_PAYERMAX_LIFE_H */
