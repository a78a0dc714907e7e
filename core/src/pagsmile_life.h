/* pagsmile_life.h - the token lifecycle operations (pagsmile_life.c:
 * creditpci, checkorder, refund, refundapply), listed by pagsmile.c. */
#ifndef CT_PAGSMILE_LIFE_H
#define CT_PAGSMILE_LIFE_H

#include "pagsmile_common.h"

/* The lifecycle operations (pagsmile_life.c). */
ct_err pg_build_pay(ct_client *c, const ct_op_desc *op, const ct_args *a,
                    ct_request *req, ct_error *err);
ct_err pg_parse_pay(ct_client *c, const ct_op_desc *op, const ct_request *req,
                    const ct_response *resp, ct_result **out, ct_error *err);
ct_err pg_build_query(ct_client *c, const ct_op_desc *op, const ct_args *a,
                      ct_request *req, ct_error *err);
ct_err pg_parse_query(ct_client *c, const ct_op_desc *op, const ct_request *req,
                      const ct_response *resp, ct_result **out, ct_error *err);
ct_err pg_build_refund(ct_client *c, const ct_op_desc *op, const ct_args *a,
                       ct_request *req, ct_error *err);
ct_err pg_parse_refund(ct_client *c, const ct_op_desc *op,
                       const ct_request *req, const ct_response *resp,
                       ct_result **out, ct_error *err);
ct_err pg_build_apply_refund(ct_client *c, const ct_op_desc *op,
                             const ct_args *a, ct_request *req, ct_error *err);
ct_err pg_parse_apply_refund(ct_client *c, const ct_op_desc *op,
                             const ct_request *req, const ct_response *resp,
                             ct_result **out, ct_error *err);

#endif /* CT_PAGSMILE_LIFE_H */
