/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9cd0d81b60fb956dfcc82d038acf6baa94b4533b */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_CardToken_version, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_CardToken_Pagsmile___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_Pagsmile_getCardToken, 0, 1, CardToken\\CardTokenResult, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_Pagsmile_buildGetCardToken, 0, 1, CardToken\\Request, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_Pagsmile_parseGetCardToken, 0, 3, CardToken\\CardTokenResult, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_Pagsmile_payWithToken, 0, 1, CardToken\\Payment, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Pagsmile_buildPayWithToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_Pagsmile_parsePayWithToken, 0, 3, CardToken\\Payment, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Pagsmile_queryOrder arginfo_class_CardToken_Pagsmile_payWithToken

#define arginfo_class_CardToken_Pagsmile_buildQueryOrder arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_Pagsmile_parseQueryOrder arginfo_class_CardToken_Pagsmile_parsePayWithToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_Pagsmile_refund, 0, 1, CardToken\\Refund, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Pagsmile_buildRefund arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_Pagsmile_parseRefund, 0, 3, CardToken\\Refund, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Pagsmile_applyRefund arginfo_class_CardToken_Pagsmile_refund

#define arginfo_class_CardToken_Pagsmile_buildApplyRefund arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_Pagsmile_parseApplyRefund arginfo_class_CardToken_Pagsmile_parseRefund

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_Pagsmile_verifyNotification, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, fields, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Pagsmile_notificationAck arginfo_CardToken_version

#define arginfo_class_CardToken_PayerMax___construct arginfo_class_CardToken_Pagsmile___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_PayerMax_inquirePaymentToken, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_PayerMax_buildInquirePaymentToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_PayerMax_parseInquirePaymentToken, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_PayerMax_payWithToken arginfo_class_CardToken_Pagsmile_payWithToken

#define arginfo_class_CardToken_PayerMax_buildPayWithToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_PayerMax_parsePayWithToken arginfo_class_CardToken_Pagsmile_parsePayWithToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_PayerMax_applyPaymentToken, 0, 1, CardToken\\TokenApplication, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_PayerMax_buildApplyPaymentToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_PayerMax_parseApplyPaymentToken, 0, 3, CardToken\\TokenApplication, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_PayerMax_inquireApplyRequest arginfo_class_CardToken_PayerMax_applyPaymentToken

#define arginfo_class_CardToken_PayerMax_buildInquireApplyRequest arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_PayerMax_parseInquireApplyRequest arginfo_class_CardToken_PayerMax_parseApplyPaymentToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_PayerMax_removePaymentToken, 0, 1, CardToken\\PaymentToken, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_PayerMax_buildRemovePaymentToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_PayerMax_parseRemovePaymentToken, 0, 3, CardToken\\PaymentToken, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_PayerMax_queryOrder arginfo_class_CardToken_Pagsmile_payWithToken

#define arginfo_class_CardToken_PayerMax_buildQueryOrder arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_PayerMax_parseQueryOrder arginfo_class_CardToken_Pagsmile_parsePayWithToken

#define arginfo_class_CardToken_PayerMax_refund arginfo_class_CardToken_Pagsmile_refund

#define arginfo_class_CardToken_PayerMax_buildRefund arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_PayerMax_parseRefund arginfo_class_CardToken_Pagsmile_parseRefund

#define arginfo_class_CardToken_PayerMax_queryRefund arginfo_class_CardToken_Pagsmile_refund

#define arginfo_class_CardToken_PayerMax_buildQueryRefund arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_PayerMax_parseQueryRefund arginfo_class_CardToken_Pagsmile_parseRefund

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_PayerMax_verifyNotification, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, sign, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxAge, IS_DOUBLE, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_PayerMax_notificationAck arginfo_CardToken_version

#define arginfo_class_CardToken_YabandPay___construct arginfo_class_CardToken_Pagsmile___construct

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_YabandPay_createCardToken, 0, 1, CardToken\\CardPayment, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_YabandPay_buildCreateCardToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_YabandPay_parseCreateCardToken, 0, 3, CardToken\\CardPayment, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_YabandPay_payWithToken arginfo_class_CardToken_Pagsmile_payWithToken

#define arginfo_class_CardToken_YabandPay_buildPayWithToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_YabandPay_parsePayWithToken arginfo_class_CardToken_Pagsmile_parsePayWithToken

#define arginfo_class_CardToken_YabandPay_queryOrder arginfo_class_CardToken_Pagsmile_payWithToken

#define arginfo_class_CardToken_YabandPay_buildQueryOrder arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_YabandPay_parseQueryOrder arginfo_class_CardToken_Pagsmile_parsePayWithToken

#define arginfo_class_CardToken_YabandPay_refund arginfo_class_CardToken_Pagsmile_refund

#define arginfo_class_CardToken_YabandPay_buildRefund arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_YabandPay_parseRefund arginfo_class_CardToken_Pagsmile_parseRefund

#define arginfo_class_CardToken_YabandPay_queryRefund arginfo_class_CardToken_Pagsmile_refund

#define arginfo_class_CardToken_YabandPay_buildQueryRefund arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_YabandPay_parseQueryRefund arginfo_class_CardToken_Pagsmile_parseRefund

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_YabandPay_verifyNotification, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_YabandPay_notificationAck arginfo_CardToken_version

#define arginfo_class_CardToken_WorldFirst___construct arginfo_class_CardToken_Pagsmile___construct

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_WorldFirst_queryCardSensitiveInfo, 0, 1, CardToken\\CardSensitiveInfo, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_WorldFirst_buildQueryCardSensitiveInfo arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_WorldFirst_parseQueryCardSensitiveInfo, 0, 3, CardToken\\CardSensitiveInfo, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_WorldFirst_queryCardDetail, 0, 1, CardToken\\WorldCard, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_WorldFirst_buildQueryCardDetail arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_WorldFirst_parseQueryCardDetail, 0, 3, CardToken\\WorldCard, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_WorldFirst_applyCard arginfo_class_CardToken_WorldFirst_queryCardDetail

#define arginfo_class_CardToken_WorldFirst_buildApplyCard arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_WorldFirst_parseApplyCard arginfo_class_CardToken_WorldFirst_parseQueryCardDetail

#define arginfo_class_CardToken_WorldFirst_updateCard arginfo_class_CardToken_WorldFirst_queryCardDetail

#define arginfo_class_CardToken_WorldFirst_buildUpdateCard arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_WorldFirst_parseUpdateCard arginfo_class_CardToken_WorldFirst_parseQueryCardDetail

#define arginfo_class_CardToken_WorldFirst_updateCardStatus arginfo_class_CardToken_WorldFirst_queryCardDetail

#define arginfo_class_CardToken_WorldFirst_buildUpdateCardStatus arginfo_class_CardToken_Pagsmile_buildGetCardToken

#define arginfo_class_CardToken_WorldFirst_parseUpdateCardStatus arginfo_class_CardToken_WorldFirst_parseQueryCardDetail

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_WorldFirst_applyToken, 0, 1, CardToken\\AccessToken, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_WorldFirst_buildApplyToken arginfo_class_CardToken_Pagsmile_buildGetCardToken

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_CardToken_WorldFirst_parseApplyToken, 0, 3, CardToken\\AccessToken, 0)
	ZEND_ARG_TYPE_INFO(0, status, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, request, CardToken\\Request, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_WorldFirst_verifyNotification, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxAge, IS_DOUBLE, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_WorldFirst_notificationAck, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_CardToken_Request___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_Doctor_check, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, gateway, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, config, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, online, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_Doctor_sign, 0, 4, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, gateway, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, op, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, args, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, config, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Doctor___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_CardTokenResult___construct arginfo_class_CardToken_Request___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_CardTokenResult_getResponse, 0, 0, IS_ARRAY, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Payment___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_Payment_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_Refund___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_Refund_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_PaymentToken___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_PaymentToken_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_TokenApplication___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_TokenApplication_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_CardPayment___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_CardPayment_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_CardSensitiveInfo___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_CardSensitiveInfo_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_WorldCard___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_WorldCard_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_AccessToken___construct arginfo_class_CardToken_Request___construct

#define arginfo_class_CardToken_AccessToken_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_Exception_getGateway, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Exception_getField arginfo_class_CardToken_Exception_getGateway

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_Exception_isRetryable, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Exception_isOutcomeUnknown arginfo_class_CardToken_Exception_isRetryable

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_Exception_getHttpStatus, 0, 0, IS_LONG, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Exception_getGatewayCode arginfo_class_CardToken_Exception_getGateway

#define arginfo_class_CardToken_Exception_getGatewayMessage arginfo_class_CardToken_Exception_getGateway

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_CardToken_Exception_getRetryAfter, 0, 0, IS_DOUBLE, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_CardToken_Exception_getResponse arginfo_class_CardToken_CardTokenResult_getResponse

#define arginfo_class_CardToken_Exception_getErrorName arginfo_CardToken_version


ZEND_FUNCTION(CardToken_version);
ZEND_METHOD(CardToken_Pagsmile, __construct);
ZEND_METHOD(CardToken_Pagsmile, getCardToken);
ZEND_METHOD(CardToken_Pagsmile, buildGetCardToken);
ZEND_METHOD(CardToken_Pagsmile, parseGetCardToken);
ZEND_METHOD(CardToken_Pagsmile, payWithToken);
ZEND_METHOD(CardToken_Pagsmile, buildPayWithToken);
ZEND_METHOD(CardToken_Pagsmile, parsePayWithToken);
ZEND_METHOD(CardToken_Pagsmile, queryOrder);
ZEND_METHOD(CardToken_Pagsmile, buildQueryOrder);
ZEND_METHOD(CardToken_Pagsmile, parseQueryOrder);
ZEND_METHOD(CardToken_Pagsmile, refund);
ZEND_METHOD(CardToken_Pagsmile, buildRefund);
ZEND_METHOD(CardToken_Pagsmile, parseRefund);
ZEND_METHOD(CardToken_Pagsmile, applyRefund);
ZEND_METHOD(CardToken_Pagsmile, buildApplyRefund);
ZEND_METHOD(CardToken_Pagsmile, parseApplyRefund);
ZEND_METHOD(CardToken_Pagsmile, verifyNotification);
ZEND_METHOD(CardToken_Pagsmile, notificationAck);
ZEND_METHOD(CardToken_PayerMax, __construct);
ZEND_METHOD(CardToken_PayerMax, inquirePaymentToken);
ZEND_METHOD(CardToken_PayerMax, buildInquirePaymentToken);
ZEND_METHOD(CardToken_PayerMax, parseInquirePaymentToken);
ZEND_METHOD(CardToken_PayerMax, payWithToken);
ZEND_METHOD(CardToken_PayerMax, buildPayWithToken);
ZEND_METHOD(CardToken_PayerMax, parsePayWithToken);
ZEND_METHOD(CardToken_PayerMax, applyPaymentToken);
ZEND_METHOD(CardToken_PayerMax, buildApplyPaymentToken);
ZEND_METHOD(CardToken_PayerMax, parseApplyPaymentToken);
ZEND_METHOD(CardToken_PayerMax, inquireApplyRequest);
ZEND_METHOD(CardToken_PayerMax, buildInquireApplyRequest);
ZEND_METHOD(CardToken_PayerMax, parseInquireApplyRequest);
ZEND_METHOD(CardToken_PayerMax, removePaymentToken);
ZEND_METHOD(CardToken_PayerMax, buildRemovePaymentToken);
ZEND_METHOD(CardToken_PayerMax, parseRemovePaymentToken);
ZEND_METHOD(CardToken_PayerMax, queryOrder);
ZEND_METHOD(CardToken_PayerMax, buildQueryOrder);
ZEND_METHOD(CardToken_PayerMax, parseQueryOrder);
ZEND_METHOD(CardToken_PayerMax, refund);
ZEND_METHOD(CardToken_PayerMax, buildRefund);
ZEND_METHOD(CardToken_PayerMax, parseRefund);
ZEND_METHOD(CardToken_PayerMax, queryRefund);
ZEND_METHOD(CardToken_PayerMax, buildQueryRefund);
ZEND_METHOD(CardToken_PayerMax, parseQueryRefund);
ZEND_METHOD(CardToken_PayerMax, verifyNotification);
ZEND_METHOD(CardToken_PayerMax, notificationAck);
ZEND_METHOD(CardToken_YabandPay, __construct);
ZEND_METHOD(CardToken_YabandPay, createCardToken);
ZEND_METHOD(CardToken_YabandPay, buildCreateCardToken);
ZEND_METHOD(CardToken_YabandPay, parseCreateCardToken);
ZEND_METHOD(CardToken_YabandPay, payWithToken);
ZEND_METHOD(CardToken_YabandPay, buildPayWithToken);
ZEND_METHOD(CardToken_YabandPay, parsePayWithToken);
ZEND_METHOD(CardToken_YabandPay, queryOrder);
ZEND_METHOD(CardToken_YabandPay, buildQueryOrder);
ZEND_METHOD(CardToken_YabandPay, parseQueryOrder);
ZEND_METHOD(CardToken_YabandPay, refund);
ZEND_METHOD(CardToken_YabandPay, buildRefund);
ZEND_METHOD(CardToken_YabandPay, parseRefund);
ZEND_METHOD(CardToken_YabandPay, queryRefund);
ZEND_METHOD(CardToken_YabandPay, buildQueryRefund);
ZEND_METHOD(CardToken_YabandPay, parseQueryRefund);
ZEND_METHOD(CardToken_YabandPay, verifyNotification);
ZEND_METHOD(CardToken_YabandPay, notificationAck);
ZEND_METHOD(CardToken_WorldFirst, __construct);
ZEND_METHOD(CardToken_WorldFirst, queryCardSensitiveInfo);
ZEND_METHOD(CardToken_WorldFirst, buildQueryCardSensitiveInfo);
ZEND_METHOD(CardToken_WorldFirst, parseQueryCardSensitiveInfo);
ZEND_METHOD(CardToken_WorldFirst, queryCardDetail);
ZEND_METHOD(CardToken_WorldFirst, buildQueryCardDetail);
ZEND_METHOD(CardToken_WorldFirst, parseQueryCardDetail);
ZEND_METHOD(CardToken_WorldFirst, applyCard);
ZEND_METHOD(CardToken_WorldFirst, buildApplyCard);
ZEND_METHOD(CardToken_WorldFirst, parseApplyCard);
ZEND_METHOD(CardToken_WorldFirst, updateCard);
ZEND_METHOD(CardToken_WorldFirst, buildUpdateCard);
ZEND_METHOD(CardToken_WorldFirst, parseUpdateCard);
ZEND_METHOD(CardToken_WorldFirst, updateCardStatus);
ZEND_METHOD(CardToken_WorldFirst, buildUpdateCardStatus);
ZEND_METHOD(CardToken_WorldFirst, parseUpdateCardStatus);
ZEND_METHOD(CardToken_WorldFirst, applyToken);
ZEND_METHOD(CardToken_WorldFirst, buildApplyToken);
ZEND_METHOD(CardToken_WorldFirst, parseApplyToken);
ZEND_METHOD(CardToken_WorldFirst, verifyNotification);
ZEND_METHOD(CardToken_WorldFirst, notificationAck);
ZEND_METHOD(CardToken_Request, __construct);
ZEND_METHOD(CardToken_Doctor, check);
ZEND_METHOD(CardToken_Doctor, sign);
ZEND_METHOD(CardToken_Doctor, __construct);
ZEND_METHOD(CardToken_CardTokenResult, __construct);
ZEND_METHOD(CardToken_CardTokenResult, getResponse);
ZEND_METHOD(CardToken_Payment, __construct);
ZEND_METHOD(CardToken_Payment, getResponse);
ZEND_METHOD(CardToken_Refund, __construct);
ZEND_METHOD(CardToken_Refund, getResponse);
ZEND_METHOD(CardToken_PaymentToken, __construct);
ZEND_METHOD(CardToken_PaymentToken, getResponse);
ZEND_METHOD(CardToken_TokenApplication, __construct);
ZEND_METHOD(CardToken_TokenApplication, getResponse);
ZEND_METHOD(CardToken_CardPayment, __construct);
ZEND_METHOD(CardToken_CardPayment, getResponse);
ZEND_METHOD(CardToken_CardSensitiveInfo, __construct);
ZEND_METHOD(CardToken_CardSensitiveInfo, getResponse);
ZEND_METHOD(CardToken_WorldCard, __construct);
ZEND_METHOD(CardToken_WorldCard, getResponse);
ZEND_METHOD(CardToken_AccessToken, __construct);
ZEND_METHOD(CardToken_AccessToken, getResponse);
ZEND_METHOD(CardToken_Exception, getGateway);
ZEND_METHOD(CardToken_Exception, getField);
ZEND_METHOD(CardToken_Exception, isRetryable);
ZEND_METHOD(CardToken_Exception, isOutcomeUnknown);
ZEND_METHOD(CardToken_Exception, getHttpStatus);
ZEND_METHOD(CardToken_Exception, getGatewayCode);
ZEND_METHOD(CardToken_Exception, getGatewayMessage);
ZEND_METHOD(CardToken_Exception, getRetryAfter);
ZEND_METHOD(CardToken_Exception, getResponse);
ZEND_METHOD(CardToken_Exception, getErrorName);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("CardToken", version, CardToken_version, arginfo_CardToken_version)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_Pagsmile_methods[] = {
	ZEND_ME(CardToken_Pagsmile, __construct, arginfo_class_CardToken_Pagsmile___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, getCardToken, arginfo_class_CardToken_Pagsmile_getCardToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, buildGetCardToken, arginfo_class_CardToken_Pagsmile_buildGetCardToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, parseGetCardToken, arginfo_class_CardToken_Pagsmile_parseGetCardToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, payWithToken, arginfo_class_CardToken_Pagsmile_payWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, buildPayWithToken, arginfo_class_CardToken_Pagsmile_buildPayWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, parsePayWithToken, arginfo_class_CardToken_Pagsmile_parsePayWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, queryOrder, arginfo_class_CardToken_Pagsmile_queryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, buildQueryOrder, arginfo_class_CardToken_Pagsmile_buildQueryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, parseQueryOrder, arginfo_class_CardToken_Pagsmile_parseQueryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, refund, arginfo_class_CardToken_Pagsmile_refund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, buildRefund, arginfo_class_CardToken_Pagsmile_buildRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, parseRefund, arginfo_class_CardToken_Pagsmile_parseRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, applyRefund, arginfo_class_CardToken_Pagsmile_applyRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, buildApplyRefund, arginfo_class_CardToken_Pagsmile_buildApplyRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, parseApplyRefund, arginfo_class_CardToken_Pagsmile_parseApplyRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, verifyNotification, arginfo_class_CardToken_Pagsmile_verifyNotification, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_Pagsmile, notificationAck, arginfo_class_CardToken_Pagsmile_notificationAck, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_PayerMax_methods[] = {
	ZEND_ME(CardToken_PayerMax, __construct, arginfo_class_CardToken_PayerMax___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, inquirePaymentToken, arginfo_class_CardToken_PayerMax_inquirePaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildInquirePaymentToken, arginfo_class_CardToken_PayerMax_buildInquirePaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parseInquirePaymentToken, arginfo_class_CardToken_PayerMax_parseInquirePaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, payWithToken, arginfo_class_CardToken_PayerMax_payWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildPayWithToken, arginfo_class_CardToken_PayerMax_buildPayWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parsePayWithToken, arginfo_class_CardToken_PayerMax_parsePayWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, applyPaymentToken, arginfo_class_CardToken_PayerMax_applyPaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildApplyPaymentToken, arginfo_class_CardToken_PayerMax_buildApplyPaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parseApplyPaymentToken, arginfo_class_CardToken_PayerMax_parseApplyPaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, inquireApplyRequest, arginfo_class_CardToken_PayerMax_inquireApplyRequest, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildInquireApplyRequest, arginfo_class_CardToken_PayerMax_buildInquireApplyRequest, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parseInquireApplyRequest, arginfo_class_CardToken_PayerMax_parseInquireApplyRequest, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, removePaymentToken, arginfo_class_CardToken_PayerMax_removePaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildRemovePaymentToken, arginfo_class_CardToken_PayerMax_buildRemovePaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parseRemovePaymentToken, arginfo_class_CardToken_PayerMax_parseRemovePaymentToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, queryOrder, arginfo_class_CardToken_PayerMax_queryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildQueryOrder, arginfo_class_CardToken_PayerMax_buildQueryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parseQueryOrder, arginfo_class_CardToken_PayerMax_parseQueryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, refund, arginfo_class_CardToken_PayerMax_refund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildRefund, arginfo_class_CardToken_PayerMax_buildRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parseRefund, arginfo_class_CardToken_PayerMax_parseRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, queryRefund, arginfo_class_CardToken_PayerMax_queryRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, buildQueryRefund, arginfo_class_CardToken_PayerMax_buildQueryRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, parseQueryRefund, arginfo_class_CardToken_PayerMax_parseQueryRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, verifyNotification, arginfo_class_CardToken_PayerMax_verifyNotification, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_PayerMax, notificationAck, arginfo_class_CardToken_PayerMax_notificationAck, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_YabandPay_methods[] = {
	ZEND_ME(CardToken_YabandPay, __construct, arginfo_class_CardToken_YabandPay___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, createCardToken, arginfo_class_CardToken_YabandPay_createCardToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, buildCreateCardToken, arginfo_class_CardToken_YabandPay_buildCreateCardToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, parseCreateCardToken, arginfo_class_CardToken_YabandPay_parseCreateCardToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, payWithToken, arginfo_class_CardToken_YabandPay_payWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, buildPayWithToken, arginfo_class_CardToken_YabandPay_buildPayWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, parsePayWithToken, arginfo_class_CardToken_YabandPay_parsePayWithToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, queryOrder, arginfo_class_CardToken_YabandPay_queryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, buildQueryOrder, arginfo_class_CardToken_YabandPay_buildQueryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, parseQueryOrder, arginfo_class_CardToken_YabandPay_parseQueryOrder, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, refund, arginfo_class_CardToken_YabandPay_refund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, buildRefund, arginfo_class_CardToken_YabandPay_buildRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, parseRefund, arginfo_class_CardToken_YabandPay_parseRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, queryRefund, arginfo_class_CardToken_YabandPay_queryRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, buildQueryRefund, arginfo_class_CardToken_YabandPay_buildQueryRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, parseQueryRefund, arginfo_class_CardToken_YabandPay_parseQueryRefund, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, verifyNotification, arginfo_class_CardToken_YabandPay_verifyNotification, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_YabandPay, notificationAck, arginfo_class_CardToken_YabandPay_notificationAck, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_WorldFirst_methods[] = {
	ZEND_ME(CardToken_WorldFirst, __construct, arginfo_class_CardToken_WorldFirst___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, queryCardSensitiveInfo, arginfo_class_CardToken_WorldFirst_queryCardSensitiveInfo, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, buildQueryCardSensitiveInfo, arginfo_class_CardToken_WorldFirst_buildQueryCardSensitiveInfo, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, parseQueryCardSensitiveInfo, arginfo_class_CardToken_WorldFirst_parseQueryCardSensitiveInfo, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, queryCardDetail, arginfo_class_CardToken_WorldFirst_queryCardDetail, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, buildQueryCardDetail, arginfo_class_CardToken_WorldFirst_buildQueryCardDetail, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, parseQueryCardDetail, arginfo_class_CardToken_WorldFirst_parseQueryCardDetail, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, applyCard, arginfo_class_CardToken_WorldFirst_applyCard, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, buildApplyCard, arginfo_class_CardToken_WorldFirst_buildApplyCard, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, parseApplyCard, arginfo_class_CardToken_WorldFirst_parseApplyCard, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, updateCard, arginfo_class_CardToken_WorldFirst_updateCard, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, buildUpdateCard, arginfo_class_CardToken_WorldFirst_buildUpdateCard, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, parseUpdateCard, arginfo_class_CardToken_WorldFirst_parseUpdateCard, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, updateCardStatus, arginfo_class_CardToken_WorldFirst_updateCardStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, buildUpdateCardStatus, arginfo_class_CardToken_WorldFirst_buildUpdateCardStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, parseUpdateCardStatus, arginfo_class_CardToken_WorldFirst_parseUpdateCardStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, applyToken, arginfo_class_CardToken_WorldFirst_applyToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, buildApplyToken, arginfo_class_CardToken_WorldFirst_buildApplyToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, parseApplyToken, arginfo_class_CardToken_WorldFirst_parseApplyToken, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, verifyNotification, arginfo_class_CardToken_WorldFirst_verifyNotification, ZEND_ACC_PUBLIC)
	ZEND_ME(CardToken_WorldFirst, notificationAck, arginfo_class_CardToken_WorldFirst_notificationAck, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_Request_methods[] = {
	ZEND_ME(CardToken_Request, __construct, arginfo_class_CardToken_Request___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_Doctor_methods[] = {
	ZEND_ME(CardToken_Doctor, check, arginfo_class_CardToken_Doctor_check, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(CardToken_Doctor, sign, arginfo_class_CardToken_Doctor_sign, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(CardToken_Doctor, __construct, arginfo_class_CardToken_Doctor___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_CardTokenResult_methods[] = {
	ZEND_ME(CardToken_CardTokenResult, __construct, arginfo_class_CardToken_CardTokenResult___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_CardTokenResult, getResponse, arginfo_class_CardToken_CardTokenResult_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_Payment_methods[] = {
	ZEND_ME(CardToken_Payment, __construct, arginfo_class_CardToken_Payment___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_Payment, getResponse, arginfo_class_CardToken_Payment_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_Refund_methods[] = {
	ZEND_ME(CardToken_Refund, __construct, arginfo_class_CardToken_Refund___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_Refund, getResponse, arginfo_class_CardToken_Refund_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_PaymentToken_methods[] = {
	ZEND_ME(CardToken_PaymentToken, __construct, arginfo_class_CardToken_PaymentToken___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_PaymentToken, getResponse, arginfo_class_CardToken_PaymentToken_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_TokenApplication_methods[] = {
	ZEND_ME(CardToken_TokenApplication, __construct, arginfo_class_CardToken_TokenApplication___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_TokenApplication, getResponse, arginfo_class_CardToken_TokenApplication_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_CardPayment_methods[] = {
	ZEND_ME(CardToken_CardPayment, __construct, arginfo_class_CardToken_CardPayment___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_CardPayment, getResponse, arginfo_class_CardToken_CardPayment_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_CardSensitiveInfo_methods[] = {
	ZEND_ME(CardToken_CardSensitiveInfo, __construct, arginfo_class_CardToken_CardSensitiveInfo___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_CardSensitiveInfo, getResponse, arginfo_class_CardToken_CardSensitiveInfo_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_WorldCard_methods[] = {
	ZEND_ME(CardToken_WorldCard, __construct, arginfo_class_CardToken_WorldCard___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_WorldCard, getResponse, arginfo_class_CardToken_WorldCard_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_AccessToken_methods[] = {
	ZEND_ME(CardToken_AccessToken, __construct, arginfo_class_CardToken_AccessToken___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(CardToken_AccessToken, getResponse, arginfo_class_CardToken_AccessToken_getResponse, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_Exception_methods[] = {
	ZEND_ME(CardToken_Exception, getGateway, arginfo_class_CardToken_Exception_getGateway, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, getField, arginfo_class_CardToken_Exception_getField, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, isRetryable, arginfo_class_CardToken_Exception_isRetryable, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, isOutcomeUnknown, arginfo_class_CardToken_Exception_isOutcomeUnknown, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, getHttpStatus, arginfo_class_CardToken_Exception_getHttpStatus, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, getGatewayCode, arginfo_class_CardToken_Exception_getGatewayCode, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, getGatewayMessage, arginfo_class_CardToken_Exception_getGatewayMessage, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, getRetryAfter, arginfo_class_CardToken_Exception_getRetryAfter, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, getResponse, arginfo_class_CardToken_Exception_getResponse, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_ME(CardToken_Exception, getErrorName, arginfo_class_CardToken_Exception_getErrorName, ZEND_ACC_PUBLIC|ZEND_ACC_FINAL)
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_ConfigurationException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_ValidationException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_TransportException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_ProtocolException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_SignatureException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_GatewayException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_CardToken_ResultUnknownException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_CardToken_Pagsmile(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "Pagsmile", class_CardToken_Pagsmile_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "getcardtoken", sizeof("getcardtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildgetcardtoken", sizeof("buildgetcardtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsegetcardtoken", sizeof("parsegetcardtoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "paywithtoken", sizeof("paywithtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildpaywithtoken", sizeof("buildpaywithtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsepaywithtoken", sizeof("parsepaywithtoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "queryorder", sizeof("queryorder") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildqueryorder", sizeof("buildqueryorder") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsequeryorder", sizeof("parsequeryorder") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "refund", sizeof("refund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildrefund", sizeof("buildrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parserefund", sizeof("parserefund") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "applyrefund", sizeof("applyrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildapplyrefund", sizeof("buildapplyrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseapplyrefund", sizeof("parseapplyrefund") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "verifynotification", sizeof("verifynotification") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_CardToken_PayerMax(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "PayerMax", class_CardToken_PayerMax_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "inquirepaymenttoken", sizeof("inquirepaymenttoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildinquirepaymenttoken", sizeof("buildinquirepaymenttoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseinquirepaymenttoken", sizeof("parseinquirepaymenttoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "paywithtoken", sizeof("paywithtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildpaywithtoken", sizeof("buildpaywithtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsepaywithtoken", sizeof("parsepaywithtoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "applypaymenttoken", sizeof("applypaymenttoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildapplypaymenttoken", sizeof("buildapplypaymenttoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseapplypaymenttoken", sizeof("parseapplypaymenttoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "inquireapplyrequest", sizeof("inquireapplyrequest") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildinquireapplyrequest", sizeof("buildinquireapplyrequest") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseinquireapplyrequest", sizeof("parseinquireapplyrequest") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "removepaymenttoken", sizeof("removepaymenttoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildremovepaymenttoken", sizeof("buildremovepaymenttoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseremovepaymenttoken", sizeof("parseremovepaymenttoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "queryorder", sizeof("queryorder") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildqueryorder", sizeof("buildqueryorder") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsequeryorder", sizeof("parsequeryorder") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "refund", sizeof("refund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildrefund", sizeof("buildrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parserefund", sizeof("parserefund") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "queryrefund", sizeof("queryrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildqueryrefund", sizeof("buildqueryrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsequeryrefund", sizeof("parsequeryrefund") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "verifynotification", sizeof("verifynotification") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_CardToken_YabandPay(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "YabandPay", class_CardToken_YabandPay_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "createcardtoken", sizeof("createcardtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildcreatecardtoken", sizeof("buildcreatecardtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsecreatecardtoken", sizeof("parsecreatecardtoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "paywithtoken", sizeof("paywithtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildpaywithtoken", sizeof("buildpaywithtoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsepaywithtoken", sizeof("parsepaywithtoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "queryorder", sizeof("queryorder") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildqueryorder", sizeof("buildqueryorder") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsequeryorder", sizeof("parsequeryorder") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "refund", sizeof("refund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildrefund", sizeof("buildrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parserefund", sizeof("parserefund") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "queryrefund", sizeof("queryrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildqueryrefund", sizeof("buildqueryrefund") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsequeryrefund", sizeof("parsequeryrefund") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "verifynotification", sizeof("verifynotification") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_CardToken_WorldFirst(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "WorldFirst", class_CardToken_WorldFirst_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "querycardsensitiveinfo", sizeof("querycardsensitiveinfo") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildquerycardsensitiveinfo", sizeof("buildquerycardsensitiveinfo") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsequerycardsensitiveinfo", sizeof("parsequerycardsensitiveinfo") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "querycarddetail", sizeof("querycarddetail") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildquerycarddetail", sizeof("buildquerycarddetail") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parsequerycarddetail", sizeof("parsequerycarddetail") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "applycard", sizeof("applycard") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildapplycard", sizeof("buildapplycard") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseapplycard", sizeof("parseapplycard") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "updatecard", sizeof("updatecard") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildupdatecard", sizeof("buildupdatecard") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseupdatecard", sizeof("parseupdatecard") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "updatecardstatus", sizeof("updatecardstatus") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildupdatecardstatus", sizeof("buildupdatecardstatus") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseupdatecardstatus", sizeof("parseupdatecardstatus") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "applytoken", sizeof("applytoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "buildapplytoken", sizeof("buildapplytoken") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "parseapplytoken", sizeof("parseapplytoken") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "verifynotification", sizeof("verifynotification") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_CardToken_Request(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "Request", class_CardToken_Request_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_method_default_value;
	ZVAL_UNDEF(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	zval property_url_default_value;
	ZVAL_UNDEF(&property_url_default_value);
	zend_string *property_url_name = zend_string_init("url", sizeof("url") - 1, 1);
	zend_declare_typed_property(class_entry, property_url_name, &property_url_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_url_name);

	zval property_headers_default_value;
	ZVAL_UNDEF(&property_headers_default_value);
	zend_string *property_headers_name = zend_string_init("headers", sizeof("headers") - 1, 1);
	zend_declare_typed_property(class_entry, property_headers_name, &property_headers_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_headers_name);

	zval property_body_default_value;
	ZVAL_UNDEF(&property_body_default_value);
	zend_string *property_body_name = zend_string_init("body", sizeof("body") - 1, 1);
	zend_declare_typed_property(class_entry, property_body_name, &property_body_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_body_name);

	zval property_request_id_default_value;
	ZVAL_UNDEF(&property_request_id_default_value);
	zend_string *property_request_id_name = zend_string_init("request_id", sizeof("request_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_request_id_name, &property_request_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_request_id_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_Doctor(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "Doctor", class_CardToken_Doctor_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;
#if (PHP_VERSION_ID >= 80200)


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "check", sizeof("check") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "sign", sizeof("sign") - 1), 2, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "sign", sizeof("sign") - 1), 3, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
#endif

	return class_entry;
}

static zend_class_entry *register_class_CardToken_CardTokenResult(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "CardTokenResult", class_CardToken_CardTokenResult_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_token_default_value;
	ZVAL_UNDEF(&property_token_default_value);
	zend_string *property_token_name = zend_string_init("token", sizeof("token") - 1, 1);
	zend_declare_typed_property(class_entry, property_token_name, &property_token_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_token_name);

	zval property_first_six_digits_default_value;
	ZVAL_UNDEF(&property_first_six_digits_default_value);
	zend_string *property_first_six_digits_name = zend_string_init("first_six_digits", sizeof("first_six_digits") - 1, 1);
	zend_declare_typed_property(class_entry, property_first_six_digits_name, &property_first_six_digits_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_first_six_digits_name);

	zval property_last_four_digits_default_value;
	ZVAL_UNDEF(&property_last_four_digits_default_value);
	zend_string *property_last_four_digits_name = zend_string_init("last_four_digits", sizeof("last_four_digits") - 1, 1);
	zend_declare_typed_property(class_entry, property_last_four_digits_name, &property_last_four_digits_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_last_four_digits_name);

	zval property_expiration_month_default_value;
	ZVAL_UNDEF(&property_expiration_month_default_value);
	zend_string *property_expiration_month_name = zend_string_init("expiration_month", sizeof("expiration_month") - 1, 1);
	zend_declare_typed_property(class_entry, property_expiration_month_name, &property_expiration_month_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_expiration_month_name);

	zval property_expiration_year_default_value;
	ZVAL_UNDEF(&property_expiration_year_default_value);
	zend_string *property_expiration_year_name = zend_string_init("expiration_year", sizeof("expiration_year") - 1, 1);
	zend_declare_typed_property(class_entry, property_expiration_year_name, &property_expiration_year_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_expiration_year_name);

	zval property_cardholder_name_default_value;
	ZVAL_UNDEF(&property_cardholder_name_default_value);
	zend_string *property_cardholder_name_name = zend_string_init("cardholder_name", sizeof("cardholder_name") - 1, 1);
	zend_declare_typed_property(class_entry, property_cardholder_name_name, &property_cardholder_name_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_cardholder_name_name);

	zval property_payment_method_id_default_value;
	ZVAL_UNDEF(&property_payment_method_id_default_value);
	zend_string *property_payment_method_id_name = zend_string_init("payment_method_id", sizeof("payment_method_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_payment_method_id_name, &property_payment_method_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_payment_method_id_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_Payment(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "Payment", class_CardToken_Payment_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_status_name);

	zval property_gateway_status_default_value;
	ZVAL_UNDEF(&property_gateway_status_default_value);
	zend_string *property_gateway_status_name = zend_string_init("gateway_status", sizeof("gateway_status") - 1, 1);
	zend_declare_typed_property(class_entry, property_gateway_status_name, &property_gateway_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_gateway_status_name);

	zval property_order_id_default_value;
	ZVAL_UNDEF(&property_order_id_default_value);
	zend_string *property_order_id_name = zend_string_init("order_id", sizeof("order_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_order_id_name, &property_order_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_order_id_name);

	zval property_trade_id_default_value;
	ZVAL_UNDEF(&property_trade_id_default_value);
	zend_string *property_trade_id_name = zend_string_init("trade_id", sizeof("trade_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_trade_id_name, &property_trade_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_trade_id_name);

	zval property_amount_default_value;
	ZVAL_UNDEF(&property_amount_default_value);
	zend_string *property_amount_name = zend_string_init("amount", sizeof("amount") - 1, 1);
	zend_declare_typed_property(class_entry, property_amount_name, &property_amount_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_amount_name);

	zval property_currency_default_value;
	ZVAL_UNDEF(&property_currency_default_value);
	zend_string *property_currency_name = zend_string_init("currency", sizeof("currency") - 1, 1);
	zend_declare_typed_property(class_entry, property_currency_name, &property_currency_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_currency_name);

	zval property_redirect_url_default_value;
	ZVAL_UNDEF(&property_redirect_url_default_value);
	zend_string *property_redirect_url_name = zend_string_init("redirect_url", sizeof("redirect_url") - 1, 1);
	zend_declare_typed_property(class_entry, property_redirect_url_name, &property_redirect_url_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_redirect_url_name);

	zval property_payment_token_id_default_value;
	ZVAL_UNDEF(&property_payment_token_id_default_value);
	zend_string *property_payment_token_id_name = zend_string_init("payment_token_id", sizeof("payment_token_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_payment_token_id_name, &property_payment_token_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_payment_token_id_name);

	zval property_raw_default_value;
	ZVAL_UNDEF(&property_raw_default_value);
	zend_string *property_raw_name = zend_string_init("raw", sizeof("raw") - 1, 1);
	zend_declare_typed_property(class_entry, property_raw_name, &property_raw_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_raw_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_Refund(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "Refund", class_CardToken_Refund_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_status_name);

	zval property_gateway_status_default_value;
	ZVAL_UNDEF(&property_gateway_status_default_value);
	zend_string *property_gateway_status_name = zend_string_init("gateway_status", sizeof("gateway_status") - 1, 1);
	zend_declare_typed_property(class_entry, property_gateway_status_name, &property_gateway_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_gateway_status_name);

	zval property_refund_id_default_value;
	ZVAL_UNDEF(&property_refund_id_default_value);
	zend_string *property_refund_id_name = zend_string_init("refund_id", sizeof("refund_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_refund_id_name, &property_refund_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_refund_id_name);

	zval property_merchant_refund_id_default_value;
	ZVAL_UNDEF(&property_merchant_refund_id_default_value);
	zend_string *property_merchant_refund_id_name = zend_string_init("merchant_refund_id", sizeof("merchant_refund_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_merchant_refund_id_name, &property_merchant_refund_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_merchant_refund_id_name);

	zval property_trade_id_default_value;
	ZVAL_UNDEF(&property_trade_id_default_value);
	zend_string *property_trade_id_name = zend_string_init("trade_id", sizeof("trade_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_trade_id_name, &property_trade_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_trade_id_name);

	zval property_amount_default_value;
	ZVAL_UNDEF(&property_amount_default_value);
	zend_string *property_amount_name = zend_string_init("amount", sizeof("amount") - 1, 1);
	zend_declare_typed_property(class_entry, property_amount_name, &property_amount_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_amount_name);

	zval property_currency_default_value;
	ZVAL_UNDEF(&property_currency_default_value);
	zend_string *property_currency_name = zend_string_init("currency", sizeof("currency") - 1, 1);
	zend_declare_typed_property(class_entry, property_currency_name, &property_currency_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_currency_name);

	zval property_raw_default_value;
	ZVAL_UNDEF(&property_raw_default_value);
	zend_string *property_raw_name = zend_string_init("raw", sizeof("raw") - 1, 1);
	zend_declare_typed_property(class_entry, property_raw_name, &property_raw_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_raw_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_PaymentToken(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "PaymentToken", class_CardToken_PaymentToken_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_payment_token_id_default_value;
	ZVAL_UNDEF(&property_payment_token_id_default_value);
	zend_string *property_payment_token_id_name = zend_string_init("payment_token_id", sizeof("payment_token_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_payment_token_id_name, &property_payment_token_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_payment_token_id_name);

	zval property_user_id_default_value;
	ZVAL_UNDEF(&property_user_id_default_value);
	zend_string *property_user_id_name = zend_string_init("user_id", sizeof("user_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_user_id_name, &property_user_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_user_id_name);

	zval property_token_scope_default_value;
	ZVAL_UNDEF(&property_token_scope_default_value);
	zend_string *property_token_scope_name = zend_string_init("token_scope", sizeof("token_scope") - 1, 1);
	zend_declare_typed_property(class_entry, property_token_scope_name, &property_token_scope_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_token_scope_name);

	zval property_payment_token_expiry_default_value;
	ZVAL_UNDEF(&property_payment_token_expiry_default_value);
	zend_string *property_payment_token_expiry_name = zend_string_init("payment_token_expiry", sizeof("payment_token_expiry") - 1, 1);
	zend_declare_typed_property(class_entry, property_payment_token_expiry_name, &property_payment_token_expiry_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_payment_token_expiry_name);

	zval property_payment_token_status_default_value;
	ZVAL_UNDEF(&property_payment_token_status_default_value);
	zend_string *property_payment_token_status_name = zend_string_init("payment_token_status", sizeof("payment_token_status") - 1, 1);
	zend_declare_typed_property(class_entry, property_payment_token_status_name, &property_payment_token_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_payment_token_status_name);

	zval property_card_info_default_value;
	ZVAL_UNDEF(&property_card_info_default_value);
	zend_string *property_card_info_name = zend_string_init("card_info", sizeof("card_info") - 1, 1);
	zend_declare_typed_property(class_entry, property_card_info_name, &property_card_info_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_card_info_name);

	zval property_if_cvv_default_value;
	ZVAL_UNDEF(&property_if_cvv_default_value);
	zend_string *property_if_cvv_name = zend_string_init("if_cvv", sizeof("if_cvv") - 1, 1);
	zend_declare_typed_property(class_entry, property_if_cvv_name, &property_if_cvv_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_if_cvv_name);

	zval property_brand_default_value;
	ZVAL_UNDEF(&property_brand_default_value);
	zend_string *property_brand_name = zend_string_init("brand", sizeof("brand") - 1, 1);
	zend_declare_typed_property(class_entry, property_brand_name, &property_brand_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_brand_name);

	zval property_payment_method_type_default_value;
	ZVAL_UNDEF(&property_payment_method_type_default_value);
	zend_string *property_payment_method_type_name = zend_string_init("payment_method_type", sizeof("payment_method_type") - 1, 1);
	zend_declare_typed_property(class_entry, property_payment_method_type_name, &property_payment_method_type_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_payment_method_type_name);

	zval property_target_org_default_value;
	ZVAL_UNDEF(&property_target_org_default_value);
	zend_string *property_target_org_name = zend_string_init("target_org", sizeof("target_org") - 1, 1);
	zend_declare_typed_property(class_entry, property_target_org_name, &property_target_org_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_target_org_name);

	zval property_account_display_default_value;
	ZVAL_UNDEF(&property_account_display_default_value);
	zend_string *property_account_display_name = zend_string_init("account_display", sizeof("account_display") - 1, 1);
	zend_declare_typed_property(class_entry, property_account_display_name, &property_account_display_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_account_display_name);

	zval property_referral_code_default_value;
	ZVAL_UNDEF(&property_referral_code_default_value);
	zend_string *property_referral_code_name = zend_string_init("referral_code", sizeof("referral_code") - 1, 1);
	zend_declare_typed_property(class_entry, property_referral_code_name, &property_referral_code_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_referral_code_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_TokenApplication(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "TokenApplication", class_CardToken_TokenApplication_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_request_id_default_value;
	ZVAL_UNDEF(&property_request_id_default_value);
	zend_string *property_request_id_name = zend_string_init("request_id", sizeof("request_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_request_id_name, &property_request_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_request_id_name);

	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_status_name);

	zval property_gateway_status_default_value;
	ZVAL_UNDEF(&property_gateway_status_default_value);
	zend_string *property_gateway_status_name = zend_string_init("gateway_status", sizeof("gateway_status") - 1, 1);
	zend_declare_typed_property(class_entry, property_gateway_status_name, &property_gateway_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_gateway_status_name);

	zval property_redirect_url_default_value;
	ZVAL_UNDEF(&property_redirect_url_default_value);
	zend_string *property_redirect_url_name = zend_string_init("redirect_url", sizeof("redirect_url") - 1, 1);
	zend_declare_typed_property(class_entry, property_redirect_url_name, &property_redirect_url_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_redirect_url_name);

	zval property_payment_token_id_default_value;
	ZVAL_UNDEF(&property_payment_token_id_default_value);
	zend_string *property_payment_token_id_name = zend_string_init("payment_token_id", sizeof("payment_token_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_payment_token_id_name, &property_payment_token_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_payment_token_id_name);

	zval property_raw_default_value;
	ZVAL_UNDEF(&property_raw_default_value);
	zend_string *property_raw_name = zend_string_init("raw", sizeof("raw") - 1, 1);
	zend_declare_typed_property(class_entry, property_raw_name, &property_raw_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_raw_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_CardPayment(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "CardPayment", class_CardToken_CardPayment_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_order_id_default_value;
	ZVAL_UNDEF(&property_order_id_default_value);
	zend_string *property_order_id_name = zend_string_init("order_id", sizeof("order_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_order_id_name, &property_order_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_order_id_name);

	zval property_trade_id_default_value;
	ZVAL_UNDEF(&property_trade_id_default_value);
	zend_string *property_trade_id_name = zend_string_init("trade_id", sizeof("trade_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_trade_id_name, &property_trade_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_trade_id_name);

	zval property_amount_default_value;
	ZVAL_UNDEF(&property_amount_default_value);
	zend_string *property_amount_name = zend_string_init("amount", sizeof("amount") - 1, 1);
	zend_declare_typed_property(class_entry, property_amount_name, &property_amount_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_amount_name);

	zval property_currency_default_value;
	ZVAL_UNDEF(&property_currency_default_value);
	zend_string *property_currency_name = zend_string_init("currency", sizeof("currency") - 1, 1);
	zend_declare_typed_property(class_entry, property_currency_name, &property_currency_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_currency_name);

	zval property_url_default_value;
	ZVAL_UNDEF(&property_url_default_value);
	zend_string *property_url_name = zend_string_init("url", sizeof("url") - 1, 1);
	zend_declare_typed_property(class_entry, property_url_name, &property_url_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_url_name);

	zval property_state_default_value;
	ZVAL_UNDEF(&property_state_default_value);
	zend_string *property_state_name = zend_string_init("state", sizeof("state") - 1, 1);
	zend_declare_typed_property(class_entry, property_state_name, &property_state_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_state_name);

	zval property_response_id_default_value;
	ZVAL_UNDEF(&property_response_id_default_value);
	zend_string *property_response_id_name = zend_string_init("response_id", sizeof("response_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_response_id_name, &property_response_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_response_id_name);

	zval property_request_id_default_value;
	ZVAL_UNDEF(&property_request_id_default_value);
	zend_string *property_request_id_name = zend_string_init("request_id", sizeof("request_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_request_id_name, &property_request_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_request_id_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_CardSensitiveInfo(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "CardSensitiveInfo", class_CardToken_CardSensitiveInfo_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_asset_id_default_value;
	ZVAL_UNDEF(&property_asset_id_default_value);
	zend_string *property_asset_id_name = zend_string_init("asset_id", sizeof("asset_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_asset_id_name, &property_asset_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_asset_id_name);

	zval property_account_id_default_value;
	ZVAL_UNDEF(&property_account_id_default_value);
	zend_string *property_account_id_name = zend_string_init("account_id", sizeof("account_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_account_id_name, &property_account_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_account_id_name);

	zval property_card_no_default_value;
	ZVAL_UNDEF(&property_card_no_default_value);
	zend_string *property_card_no_name = zend_string_init("card_no", sizeof("card_no") - 1, 1);
	zend_declare_typed_property(class_entry, property_card_no_name, &property_card_no_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_card_no_name);

	zval property_cvv_default_value;
	ZVAL_UNDEF(&property_cvv_default_value);
	zend_string *property_cvv_name = zend_string_init("cvv", sizeof("cvv") - 1, 1);
	zend_declare_typed_property(class_entry, property_cvv_name, &property_cvv_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_cvv_name);

	zval property_expired_month_default_value;
	ZVAL_UNDEF(&property_expired_month_default_value);
	zend_string *property_expired_month_name = zend_string_init("expired_month", sizeof("expired_month") - 1, 1);
	zend_declare_typed_property(class_entry, property_expired_month_name, &property_expired_month_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_expired_month_name);

	zval property_expired_year_default_value;
	ZVAL_UNDEF(&property_expired_year_default_value);
	zend_string *property_expired_year_name = zend_string_init("expired_year", sizeof("expired_year") - 1, 1);
	zend_declare_typed_property(class_entry, property_expired_year_name, &property_expired_year_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_expired_year_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_WorldCard(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "WorldCard", class_CardToken_WorldCard_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_asset_id_default_value;
	ZVAL_UNDEF(&property_asset_id_default_value);
	zend_string *property_asset_id_name = zend_string_init("asset_id", sizeof("asset_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_asset_id_name, &property_asset_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_asset_id_name);

	zval property_account_id_default_value;
	ZVAL_UNDEF(&property_account_id_default_value);
	zend_string *property_account_id_name = zend_string_init("account_id", sizeof("account_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_account_id_name, &property_account_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_account_id_name);

	zval property_card_status_default_value;
	ZVAL_UNDEF(&property_card_status_default_value);
	zend_string *property_card_status_name = zend_string_init("card_status", sizeof("card_status") - 1, 1);
	zend_declare_typed_property(class_entry, property_card_status_name, &property_card_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_card_status_name);

	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_status_name);

	zval property_masked_card_no_default_value;
	ZVAL_UNDEF(&property_masked_card_no_default_value);
	zend_string *property_masked_card_no_name = zend_string_init("masked_card_no", sizeof("masked_card_no") - 1, 1);
	zend_declare_typed_property(class_entry, property_masked_card_no_name, &property_masked_card_no_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_masked_card_no_name);

	zval property_card_nick_name_default_value;
	ZVAL_UNDEF(&property_card_nick_name_default_value);
	zend_string *property_card_nick_name_name = zend_string_init("card_nick_name", sizeof("card_nick_name") - 1, 1);
	zend_declare_typed_property(class_entry, property_card_nick_name_name, &property_card_nick_name_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_card_nick_name_name);

	zval property_card_brand_default_value;
	ZVAL_UNDEF(&property_card_brand_default_value);
	zend_string *property_card_brand_name = zend_string_init("card_brand", sizeof("card_brand") - 1, 1);
	zend_declare_typed_property(class_entry, property_card_brand_name, &property_card_brand_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_card_brand_name);

	zval property_created_time_default_value;
	ZVAL_UNDEF(&property_created_time_default_value);
	zend_string *property_created_time_name = zend_string_init("created_time", sizeof("created_time") - 1, 1);
	zend_declare_typed_property(class_entry, property_created_time_name, &property_created_time_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_created_time_name);

	zval property_request_id_default_value;
	ZVAL_UNDEF(&property_request_id_default_value);
	zend_string *property_request_id_name = zend_string_init("request_id", sizeof("request_id") - 1, 1);
	zend_declare_typed_property(class_entry, property_request_id_name, &property_request_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_request_id_name);

	zval property_raw_default_value;
	ZVAL_UNDEF(&property_raw_default_value);
	zend_string *property_raw_name = zend_string_init("raw", sizeof("raw") - 1, 1);
	zend_declare_typed_property(class_entry, property_raw_name, &property_raw_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_raw_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_AccessToken(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "AccessToken", class_CardToken_AccessToken_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_access_token_default_value;
	ZVAL_UNDEF(&property_access_token_default_value);
	zend_string *property_access_token_name = zend_string_init("access_token", sizeof("access_token") - 1, 1);
	zend_declare_typed_property(class_entry, property_access_token_name, &property_access_token_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_access_token_name);

	zval property_expire_time_default_value;
	ZVAL_UNDEF(&property_expire_time_default_value);
	zend_string *property_expire_time_name = zend_string_init("expire_time", sizeof("expire_time") - 1, 1);
	zend_declare_typed_property(class_entry, property_expire_time_name, &property_expire_time_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_expire_time_name);

	zval property_refresh_token_default_value;
	ZVAL_UNDEF(&property_refresh_token_default_value);
	zend_string *property_refresh_token_name = zend_string_init("refresh_token", sizeof("refresh_token") - 1, 1);
	zend_declare_typed_property(class_entry, property_refresh_token_name, &property_refresh_token_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_refresh_token_name);

	zval property_refresh_token_expire_time_default_value;
	ZVAL_UNDEF(&property_refresh_token_expire_time_default_value);
	zend_string *property_refresh_token_expire_time_name = zend_string_init("refresh_token_expire_time", sizeof("refresh_token_expire_time") - 1, 1);
	zend_declare_typed_property(class_entry, property_refresh_token_expire_time_name, &property_refresh_token_expire_time_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_refresh_token_expire_time_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "Exception", class_CardToken_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	zval property_gateway_default_value;
	ZVAL_NULL(&property_gateway_default_value);
	zend_string *property_gateway_name = zend_string_init("gateway", sizeof("gateway") - 1, 1);
	zend_declare_typed_property(class_entry, property_gateway_name, &property_gateway_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_gateway_name);

	zval property_field_default_value;
	ZVAL_NULL(&property_field_default_value);
	zend_string *property_field_name = zend_string_init("field", sizeof("field") - 1, 1);
	zend_declare_typed_property(class_entry, property_field_name, &property_field_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_field_name);

	zval property_retryable_default_value;
	ZVAL_FALSE(&property_retryable_default_value);
	zend_string *property_retryable_name = zend_string_init("retryable", sizeof("retryable") - 1, 1);
	zend_declare_typed_property(class_entry, property_retryable_name, &property_retryable_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_retryable_name);

	zval property_outcomeUnknown_default_value;
	ZVAL_FALSE(&property_outcomeUnknown_default_value);
	zend_string *property_outcomeUnknown_name = zend_string_init("outcomeUnknown", sizeof("outcomeUnknown") - 1, 1);
	zend_declare_typed_property(class_entry, property_outcomeUnknown_name, &property_outcomeUnknown_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_outcomeUnknown_name);

	zval property_httpStatus_default_value;
	ZVAL_NULL(&property_httpStatus_default_value);
	zend_string *property_httpStatus_name = zend_string_init("httpStatus", sizeof("httpStatus") - 1, 1);
	zend_declare_typed_property(class_entry, property_httpStatus_name, &property_httpStatus_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_httpStatus_name);

	zval property_gatewayCode_default_value;
	ZVAL_NULL(&property_gatewayCode_default_value);
	zend_string *property_gatewayCode_name = zend_string_init("gatewayCode", sizeof("gatewayCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_gatewayCode_name, &property_gatewayCode_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_gatewayCode_name);

	zval property_gatewayMessage_default_value;
	ZVAL_NULL(&property_gatewayMessage_default_value);
	zend_string *property_gatewayMessage_name = zend_string_init("gatewayMessage", sizeof("gatewayMessage") - 1, 1);
	zend_declare_typed_property(class_entry, property_gatewayMessage_name, &property_gatewayMessage_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_gatewayMessage_name);

	zval property_retryAfter_default_value;
	ZVAL_NULL(&property_retryAfter_default_value);
	zend_string *property_retryAfter_name = zend_string_init("retryAfter", sizeof("retryAfter") - 1, 1);
	zend_declare_typed_property(class_entry, property_retryAfter_name, &property_retryAfter_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_DOUBLE|MAY_BE_NULL));
	zend_string_release(property_retryAfter_name);

	zval property_response_default_value;
	ZVAL_NULL(&property_response_default_value);
	zend_string *property_response_name = zend_string_init("response", sizeof("response") - 1, 1);
	zend_declare_typed_property(class_entry, property_response_name, &property_response_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY|MAY_BE_NULL));
	zend_string_release(property_response_name);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_ConfigurationException(zend_class_entry *class_entry_CardToken_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "ConfigurationException", class_CardToken_ConfigurationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CardToken_Exception);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_ValidationException(zend_class_entry *class_entry_CardToken_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "ValidationException", class_CardToken_ValidationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CardToken_Exception);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_TransportException(zend_class_entry *class_entry_CardToken_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "TransportException", class_CardToken_TransportException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CardToken_Exception);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_ProtocolException(zend_class_entry *class_entry_CardToken_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "ProtocolException", class_CardToken_ProtocolException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CardToken_Exception);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_SignatureException(zend_class_entry *class_entry_CardToken_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "SignatureException", class_CardToken_SignatureException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CardToken_Exception);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_GatewayException(zend_class_entry *class_entry_CardToken_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "GatewayException", class_CardToken_GatewayException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CardToken_Exception);

	return class_entry;
}

static zend_class_entry *register_class_CardToken_ResultUnknownException(zend_class_entry *class_entry_CardToken_GatewayException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "CardToken", "ResultUnknownException", class_CardToken_ResultUnknownException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_CardToken_GatewayException);

	return class_entry;
}
