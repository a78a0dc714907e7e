/*
 * cardtoken_classes.h - the PHP classes and methods of the cardtoken
 * extension: generated from the C core's description of itself; do not edit.
 * Regenerate with: make generate (scripts/gen_stubs.py, from build/c/ct_describe).
 *
 * cardtoken_arginfo.h (generated from cardtoken.stub.php) declares every
 * method and registers every class; these lists name them so that the
 * shim defines each method as a call of its generic handler and registers
 * each class, without naming any itself.
 */
#ifndef CARDTOKEN_CLASSES_H
#define CARDTOKEN_CLASSES_H

/* X(class): one per gateway, in ct_gateway_at() order. */
#define CT_PHP_GATEWAY_CLASSES(X) \
    X(Pagsmile) \
    X(PayerMax) \
    X(YabandPay) \
    X(WorldFirst)

/* X(class, method, kind, operation): every operation method; kind is
 * CALL, BUILD or PARSE, operation its PHP name (ct_op_find). */
#define CT_PHP_OPERATION_METHODS(X) \
    X(Pagsmile, getCardToken, CALL, "getCardToken") \
    X(Pagsmile, buildGetCardToken, BUILD, "getCardToken") \
    X(Pagsmile, parseGetCardToken, PARSE, "getCardToken") \
    X(Pagsmile, payWithToken, CALL, "payWithToken") \
    X(Pagsmile, buildPayWithToken, BUILD, "payWithToken") \
    X(Pagsmile, parsePayWithToken, PARSE, "payWithToken") \
    X(Pagsmile, queryOrder, CALL, "queryOrder") \
    X(Pagsmile, buildQueryOrder, BUILD, "queryOrder") \
    X(Pagsmile, parseQueryOrder, PARSE, "queryOrder") \
    X(Pagsmile, refund, CALL, "refund") \
    X(Pagsmile, buildRefund, BUILD, "refund") \
    X(Pagsmile, parseRefund, PARSE, "refund") \
    X(Pagsmile, applyRefund, CALL, "applyRefund") \
    X(Pagsmile, buildApplyRefund, BUILD, "applyRefund") \
    X(Pagsmile, parseApplyRefund, PARSE, "applyRefund") \
    X(PayerMax, inquirePaymentToken, CALL, "inquirePaymentToken") \
    X(PayerMax, buildInquirePaymentToken, BUILD, "inquirePaymentToken") \
    X(PayerMax, parseInquirePaymentToken, PARSE, "inquirePaymentToken") \
    X(PayerMax, payWithToken, CALL, "payWithToken") \
    X(PayerMax, buildPayWithToken, BUILD, "payWithToken") \
    X(PayerMax, parsePayWithToken, PARSE, "payWithToken") \
    X(PayerMax, applyPaymentToken, CALL, "applyPaymentToken") \
    X(PayerMax, buildApplyPaymentToken, BUILD, "applyPaymentToken") \
    X(PayerMax, parseApplyPaymentToken, PARSE, "applyPaymentToken") \
    X(PayerMax, inquireApplyRequest, CALL, "inquireApplyRequest") \
    X(PayerMax, buildInquireApplyRequest, BUILD, "inquireApplyRequest") \
    X(PayerMax, parseInquireApplyRequest, PARSE, "inquireApplyRequest") \
    X(PayerMax, removePaymentToken, CALL, "removePaymentToken") \
    X(PayerMax, buildRemovePaymentToken, BUILD, "removePaymentToken") \
    X(PayerMax, parseRemovePaymentToken, PARSE, "removePaymentToken") \
    X(PayerMax, queryOrder, CALL, "queryOrder") \
    X(PayerMax, buildQueryOrder, BUILD, "queryOrder") \
    X(PayerMax, parseQueryOrder, PARSE, "queryOrder") \
    X(PayerMax, refund, CALL, "refund") \
    X(PayerMax, buildRefund, BUILD, "refund") \
    X(PayerMax, parseRefund, PARSE, "refund") \
    X(PayerMax, queryRefund, CALL, "queryRefund") \
    X(PayerMax, buildQueryRefund, BUILD, "queryRefund") \
    X(PayerMax, parseQueryRefund, PARSE, "queryRefund") \
    X(YabandPay, createCardToken, CALL, "createCardToken") \
    X(YabandPay, buildCreateCardToken, BUILD, "createCardToken") \
    X(YabandPay, parseCreateCardToken, PARSE, "createCardToken") \
    X(YabandPay, payWithToken, CALL, "payWithToken") \
    X(YabandPay, buildPayWithToken, BUILD, "payWithToken") \
    X(YabandPay, parsePayWithToken, PARSE, "payWithToken") \
    X(YabandPay, queryOrder, CALL, "queryOrder") \
    X(YabandPay, buildQueryOrder, BUILD, "queryOrder") \
    X(YabandPay, parseQueryOrder, PARSE, "queryOrder") \
    X(YabandPay, refund, CALL, "refund") \
    X(YabandPay, buildRefund, BUILD, "refund") \
    X(YabandPay, parseRefund, PARSE, "refund") \
    X(YabandPay, queryRefund, CALL, "queryRefund") \
    X(YabandPay, buildQueryRefund, BUILD, "queryRefund") \
    X(YabandPay, parseQueryRefund, PARSE, "queryRefund") \
    X(WorldFirst, queryCardSensitiveInfo, CALL, "queryCardSensitiveInfo") \
    X(WorldFirst, buildQueryCardSensitiveInfo, BUILD, "queryCardSensitiveInfo") \
    X(WorldFirst, parseQueryCardSensitiveInfo, PARSE, "queryCardSensitiveInfo") \
    X(WorldFirst, queryCardDetail, CALL, "queryCardDetail") \
    X(WorldFirst, buildQueryCardDetail, BUILD, "queryCardDetail") \
    X(WorldFirst, parseQueryCardDetail, PARSE, "queryCardDetail") \
    X(WorldFirst, applyCard, CALL, "applyCard") \
    X(WorldFirst, buildApplyCard, BUILD, "applyCard") \
    X(WorldFirst, parseApplyCard, PARSE, "applyCard") \
    X(WorldFirst, updateCard, CALL, "updateCard") \
    X(WorldFirst, buildUpdateCard, BUILD, "updateCard") \
    X(WorldFirst, parseUpdateCard, PARSE, "updateCard") \
    X(WorldFirst, updateCardStatus, CALL, "updateCardStatus") \
    X(WorldFirst, buildUpdateCardStatus, BUILD, "updateCardStatus") \
    X(WorldFirst, parseUpdateCardStatus, PARSE, "updateCardStatus") \
    X(WorldFirst, applyToken, CALL, "applyToken") \
    X(WorldFirst, buildApplyToken, BUILD, "applyToken") \
    X(WorldFirst, parseApplyToken, PARSE, "applyToken")

/* X(class): every result class. */
#define CT_PHP_RESULT_CLASSES(X) \
    X(CardTokenResult) \
    X(Payment) \
    X(Refund) \
    X(PaymentToken) \
    X(TokenApplication) \
    X(CardPayment) \
    X(CardSensitiveInfo) \
    X(WorldCard) \
    X(AccessToken)

#endif
