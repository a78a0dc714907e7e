"""PayerMax token lifecycle vectors (called by gen_payermax.py): pay_with_token,
apply_payment_token, inquire_apply_request, remove_payment_token, query_order,
refund and query_refund (LIFECYCLE.md §2, §6.2, §7.1, §9.2), and the PAYMENT,
TOKENIZATION and REFUND notifications (§5.2). Independent of the code under
test: bodies are written here from LIFECYCLE.md's tables (snake_case ->
camelCase by the document's rule, its exceptions listed), signed with Python
`cryptography`; the published vectors V-PM-2..6 are asserted verbatim with the
test key T1 of §9.0."""

import json
import os

from cryptography.hazmat.primitives import serialization

from gen_common import KEYS, _read, add, cj, keytext, rsa_sign_b64, verr

JH = [["Content-Type", "application/json"]]
HOST = "https://pay-gate-uat.payermax.com"
API = "/aggregate-pay/api/gateway/"
T1_PRIV_TEXT = _read(os.path.join(KEYS, "spec_t1_private.pem"))
T1_PUB_TEXT = _read(os.path.join(KEYS, "spec_t1_public.pem"))
SPEC_KEY_TEXTS = (T1_PRIV_TEXT,)
T1 = serialization.load_pem_private_key(T1_PRIV_TEXT.encode(), password=None)
UNKNOWN = ("SYSTEM_ERROR", "REQUEST_TIMEOUT", "UNEXPECTED_ERROR")

# LIFECYCLE.md's snake_case rule, and the names it does not cover
SPELLED = {"payment_token_id": "paymentTokenID", "dynamic3ds": "dynamic3DS", "info3d_secure": "info3DSecure",
           "three_ds_version": "threeDSVersion"}


def camel(name):
    if name in SPELLED:
        return SPELLED[name]
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


class Num:
    """A decimal string written as a JSON number (the caller's text)."""

    def __init__(self, text):
        self.text = text


NUMERIC = {"total_amount", "refund_amount", "amount", "period_count", "total_periods", "trial_period_count",
           "trial_days"}
STRING_AMOUNT = ("trial_amount",)  # trial_config.trial_amount.amount is a string (§2.1)
FREE = {"env_info", "risk_params"}


def wire(value, key=None, parent=None):
    """The caller's value with wire names, amounts as Num."""
    if key in FREE:
        return value
    if isinstance(value, dict):
        return {camel(k): wire(v, k, key) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [wire(v, None, key) for v in value]
    if key in NUMERIC and parent not in STRING_AMOUNT and isinstance(value, str):
        return Num(value)
    return value


def enc(v):
    if isinstance(v, Num):
        return v.text
    if isinstance(v, dict):
        return "{" + ",".join(cj(k) + ":" + enc(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(enc(x) for x in v) + "]"
    return cj(v)


def payermax_time(ft):
    from gen_payermax import payermax_time as t
    return t(ft)


def envelope(cfg, api, version, data, priv):
    body = ("{" + ",".join([
        '"version":' + cj(version), '"keyVersion":' + cj(cfg.get("key_version", "1")),
        '"requestTime":' + cj(payermax_time(cfg["fixed_time"])), '"appId":' + cj(cfg["app_id"]),
        '"merchantNo":' + cj(cfg["merchant_no"]), '"data":' + enc(data)]) + "}")
    sig = rsa_sign_b64(priv, body)
    base = cfg.get("base_url") or HOST
    return {"string_to_sign": body, "signature": sig, "method": "POST", "url": base + API + api,
            "headers": [["Content-Type", "application/json"], ["sign", sig]], "body": body}


# each call's arguments in table order, with the member the client adds after one of them
PAY = ("out_trade_no", "subject", "total_amount", "currency", "country", "user_id", "expire_time", "referral_code",
       "mit_management_url", "subscription_plan", "payment_detail", "goods_details", "sub_merchant",
       "shipping_info", "billing_info", "env_info", "language", "risk_params", "terminal_type", "os_type",
       "reference", "front_callback_url", "notify_url")
APPLY = ("request_id", "country", "payment_method_type", "target_org", "user_id", "front_callback_url",
         "mit_type", "card_info", "env_info", "risk_params")
CALLS = {
    "pay_with_token": ("orderAndPay", "1.4", PAY, ("out_trade_no", "integrate", "Direct_Payment")),
    "apply_payment_token": ("applyPaymentToken", "1.4", APPLY, ("front_callback_url", "tokenScope", "tokenAcq")),
    "inquire_apply_request": ("InquireApplyRequest", "1.4", ("user_id", "request_id"),
                              ("user_id", "tokenScope", "tokenAcq")),
    "remove_payment_token": ("removePaymentToken", "1.2", ("user_id", "payment_token_id", "remove_reason"), None),
    "query_order": ("orderQuery", "1.4", ("out_trade_no",), None),
    "refund": ("refund", "1.4", ("out_refund_no", "refund_amount", "refund_currency", "out_trade_no", "trade_token",
                                 "comments", "refund_notify_url"), None),
    "query_refund": ("refundQuery", "1.4", ("out_refund_no", "refund_trade_no"), None),
}


def data_of(op, args):
    _api, _v, order, extra = CALLS[op]
    d = {}
    for a in order:
        if a in args:
            v = args[a]
            if op == "pay_with_token" and a == "payment_detail" and "token_for_future_use" not in v:
                v = dict(v, token_for_future_use=False)  # a token payment stores no new token
            if op == "apply_payment_token" and a == "card_info" and len(v["card_expiration_year"]) == 4:
                v = dict(v, card_expiration_year=v["card_expiration_year"][2:])  # 2 digits on the wire
            d[camel(a)] = wire(v, a)
        if extra and a == extra[0]:
            d[extra[1]] = extra[2]
    return d


def build(cfg, op, args, priv):
    api, version, _o, _e = CALLS[op]
    return envelope(cfg, api, version, data_of(op, args), priv)


def answer(data, code="APPLY_SUCCESS", msg="Success"):
    return cj({"code": code, "msg": msg, "data": data})


def payment(status, gw_status, order=None, trade=None, amount=None, currency=None, url=None, token=None):
    return {"status": status, "gateway_status": gw_status, "order_id": order, "trade_id": trade,
            "amount": amount, "currency": currency, "redirect_url": url, "payment_token_id": token}


def refund_result(status, gw_status, refund_id=None, merchant=None, trade=None, amount=None, currency=None):
    return {"status": status, "gateway_status": gw_status, "refund_id": refund_id,
            "merchant_refund_id": merchant, "trade_id": trade, "amount": amount, "currency": currency}


def application(request_id, status, gw_status, url=None, token=None):
    return {"request_id": request_id, "status": status, "gateway_status": gw_status, "redirect_url": url,
            "payment_token_id": token}


TOKEN_KEYS = ("payment_token_id", "user_id", "token_scope", "payment_token_expiry", "payment_token_status",
              "card_info", "if_cvv", "brand", "payment_method_type", "target_org", "account_display",
              "referral_code")


def removed(token, user, status):
    r = {k: None for k in TOKEN_KEYS}
    r.update(payment_token_id=token, user_id=user, payment_token_status=status)
    return r


# ---------------------------------------------------------------------------
# The published vectors (LIFECYCLE.md §9.2), key T1
# ---------------------------------------------------------------------------

V_PM_2_BODY = (
    '{"requestTime":"2025-06-26T20:11:36.206+08:00","keyVersion":"1","data":{"country":"SA","frontCallbackUrl":'
    '"http://www.frontCallbackUrl.example.com","subject":"MacPro14 and Mouse","userId":"TokenPay_USERIDCDd6W14OLi",'
    '"integrate":"Direct_Payment","terminalType":"WEB","totalAmount":"100","paymentDetail":{"tokenForFutureUse":'
    'false,"buyerInfo":{"userAgent":"userAgent","clientIp":"182.11.22.22"},"paymentTokenID":'
    '"PMTOKEN20250626121135955468420000003","paymentMethodType":"CARD"},"outTradeNo":'
    '"TokenPay_outTradeNo1Yfx63ylWs","notifyUrl":"http://www.notifyUrl.example.com","currency":"SAR"},"appId":'
    '"d27183b7f2ea4822aa722d9efa8e7a8b","version":"1.4","merchantNo":"SDP01010115045982"}')
V_PM_2_SIGN = (
    "b9YnwQLzUhMwegAAZs3JfUpfLVdBgq9iBIpmDLAbEAQZAgReUtfhWC5h0RUr+/cuQy7lk5cUQ7tNgu/nJmnTXQdqJ6XYxr2W2Djf7kgpY4qo"
    "gUoKmsq9JSCNaT76JsuwmKvixMAPnZqm+rWf1izT1qe75HKnxSVvu9J6LqLXKEkzUSbdo28ZMnqBF03sMtuMoYSxdpM8DlvhkeiPZG0efmwp"
    "fitAmaNFl5VhHXhH1CtCIDF+zu0afmVWXPm8ofCZ5YGfz2oE1xUd7bXM5rK084Jf8rX2apqWZmH5ysy2ArbbKKI0dObHjNCvliDnRq69Nuxc"
    "GFPYlKXOcF4PacJlvA==")
V_PM_3_BODY = (
    '{"version":"1.2","keyVersion":"1","requestTime":"2022-01-22T10:00:00.500+08:00","appId":'
    '"46153e2b787241ae8b01857bb087d1bd","merchantNo":"010229810189301","data":{"userId":"TEST","paymentTokenID":'
    '"PMTOKEN20230424072005899168200035002","removeReason":"remove"}}')
V_PM_3_SIGN = (
    "0JYX1L3z2XZxq9hifc/K0jlKCnS25LUdYiD9gzF9Fq03OYgcrgKn3vX9hAUNpKamt+ScrboM2e91G1tsT5VMmF51x2WdI+c1CSFNHkPZYM6E"
    "sVXKmThNFK7Kx7H3NiDCvNSH/f4doHjQ6qz5IQuKEkHUZEwJg9ikxUK8yyr2luAZwKTTvryROlR+dduunO8kOMLKPfH/jIo0P0BYgBMDL50e"
    "br4KZud3Z0x35RSqOs5G0J31r0kSkyr5BrUTMehN5SJjRKVOsaLqDHnzJ5Q1UXvjaOlIHs8epgggECIh/d/pBL5mo4DYfUEBD+rkZhqSIAXh"
    "9HezBxb2JMj+M7iAkw==")
V_PM_4_BODY = (
    '{"version":"1.4","keyVersion":"1","requestTime":"2024-07-02T11:39:58.720+00:00","appId":'
    '"d68f5da6a0174388821a64114c6b322c","merchantNo":"P01010118267336","data":{"userId":"ZHANGSAN","tokenScope":'
    '"tokenAcq","requestId":"DirectApi1716803778191"}}')
V_PM_4_SIGN = (
    "fbCTALEtcUhO9jggU0DY6Pbr/PVkxqIbnUNi4/AqjxM2lo4v+tSZMoYFRbwmpBs/AUipYsyBW22zDc/2c4tSn2OfLwp91S2oOogphd0SdYUn"
    "zcxpLfVMaJVXb+JK725LaOo0TrKgs3UDr0rhjTvBaooKePBfDFEqQ06vm23ztXzqoXwmzP2cntYKsZXa7rNgYoEptvVRxUswGfRzkuR0Vq1i"
    "OqeYrrcWZpSqrqya9U4j+Ev/0rs0MqfBpDNgNvYejTT3Lv44XSBe1/XYLzV7su+6iIlvsHpBGZH5QXdmjE6NM+2XDhlzKXjVoyFHrv0IqYiP"
    "V/OOp7QuuDShCUInyQ==")
V_PM_5_BODY = (
    '{"code":"APPLY_SUCCESS","data":{"accountDisplay":"63-9****72123","brand":"","cardInfo":"","ifCVV":"",'
    '"outTradeNo":"20230725203208988107020","paymentMethodType":"ONE_TOUCH","paymentTokenExpiry":'
    '"2025-01-11T20:01:55.200Z","paymentTokenID":"5265908adbaa9bd202ba1eb29bd53d68","paymentTokenStatus":'
    '"Activated","targetOrg":"DANA","tokenScope":"tokenAcq","userId":"victor002","country":"ID","referralCode":'
    '"xxx"},"keyVersion":"1","merchantAppId":"0d22b150ff58454d888d51657da98470","merchantNo":"SP103301558","msg":'
    '"Success.","notifyTime":"2023-07-25T12:40:07.072Z","notifyType":"TOKENIZATION"}')
V_PM_5_SIGN = (
    "VQZTKvsX/3ORJRSe/WBr+NxcUWvEnpHh9afhVboCP2PkOg1v7uixCGqD7xaGKqHoq+vfFVB9Wn9fVX9GUawsEZySb66Mt2K9eN/wjF3lKf7O"
    "0fSYgaFgibP87kHKLLnyvlwwAloZIaf3eCvz1Ldw81Psj73Fr6KrzOtaSbfgXXiUspRxf2b5nBWqVg7/Fj2Quq+M1nNzoiLJFwjX2ukeYtnr"
    "CTyjHi1Pw/mRlYI6/eRWN8V48Goa3fGaA2dFEVP3/PbLmrL2pkyS1qaqujIS0/s14m2THCthkOXsxOunFJfgTdYjtRf0a8J8RNC4nA1in48G"
    "i1f0bWnrx8b5CrDTcg==")
V_PM_6_BODY = (
    '{"version":"1.4","keyVersion":"1","requestTime":"2022-01-17T07:51:15.597+00:00","appId":'
    '"a0dddd1f622243cb9aa1b676e808b5f8","merchantNo":"02021382719993","data":{"outTradeNo":"P1642410680681"}}')
V_PM_6_SIGN = (
    "HisxNr4n+z0zv/2W5eutS007c6bHpwUvM6goITMLvov55ZBuM5vv1FW4jEVyIfv02IwGUH9v2q8ouxh+H2OQokXYCW1p5U+XEYjIvHLjQ4Zg"
    "VNcWCFjbZwyZiG5Q/MuyCAdYaVxAfq9qY4Ngtc+2o6cGxKkreGM+6j+GzkJVD7YQymAPzsJ23yufhR2zxkppsnoV8rUDasInP6Cfy50dmjMd"
    "Q02dDryH+uTaQ585iaUwiXvWqJhqSUua7+Glo+TuItR5wco2mttIbrsvmeIQFTdUqW4q85cA1EIohVUbJ6blrqMkCQpdBAfBs7lXVDu3VEsD"
    "clW+QNP/OmbuL+edng==")


def t1_cfg(app_id, merchant_no, fixed_time):
    return {"app_id": app_id, "merchant_no": merchant_no, "private_key": T1_PRIV_TEXT,
            "gateway_public_key": T1_PUB_TEXT, "environment": "sandbox", "fixed_time": fixed_time}


def published(cfg, op, args, body, sig):
    """The request of `args`, whose body and signature must be LIFECYCLE.md's."""
    b = build(cfg, op, args, T1)
    assert b["body"] == body, b["body"]
    assert len(body.encode()) == {V_PM_3_BODY: 259, V_PM_4_BODY: 244, V_PM_6_BODY: 192}[body]
    assert b["signature"] == sig
    return b


def signed(body, key):
    return {"status": 200, "headers": JH + [["sign", rsa_sign_b64(key, body)]], "body": body}


def unsigned(body):
    return {"status": 200, "headers": JH, "body": body}


def answers(gw, cfg, op, name, args, b, gk, mk, data, ok_result, echo_field, echo_key, echo_other,
            result_type=None):
    """The shapes every call's answer may take: success, unknown outcomes,
    refusals, bad signatures, an answer about another request, no data."""
    typed = {"result_type": result_type} if result_type else {}

    def case(suffix, desc, **rest):
        add(gw, name + "_" + suffix, desc, "call", cfg, op=op, args=args, build=b, **typed, **rest)

    ok = answer(data)
    case("ok", "%s: the signed success answer" % op, response=signed(ok, gk), result=ok_result)
    for code in UNKNOWN:
        case("unknown_%s" % code.lower(), "%s answered %s: ResultUnknownError, retry_after null (§7.1)" % (op, code),
             response=unsigned(cj({"code": code, "msg": "try later"})),
             error={"code": "CT_ERR_RESULT_UNKNOWN", "gateway_code": code, "gateway_message": "try later",
                    "outcome_unknown": True, "retry_after": -1})
    case("error_params_invalid", "PARAMS_INVALID: GatewayError with code and msg",
         response=unsigned(cj({"code": "PARAMS_INVALID", "msg": "bad field"})),
         error={"code": "CT_ERR_GATEWAY", "gateway_code": "PARAMS_INVALID", "gateway_message": "bad field",
                "outcome_unknown": False})
    case("missing_sign", "a success answer without sign: SignatureError", response=unsigned(ok),
         error={"code": "CT_ERR_SIGNATURE", "field": "sign"})
    case("wrong_key", "a success answer signed by another key: SignatureError", response=signed(ok, mk),
         error={"code": "CT_ERR_SIGNATURE", "field": "sign"})
    t = signed(ok, gk)
    t["body"] = answer(dict(data, **{echo_key: data[echo_key] + "0"}) if echo_key else dict(data, extra="x"))
    case("tampered", "a success body changed after signing: SignatureError", response=t,
         error={"code": "CT_ERR_SIGNATURE", "field": "sign"})
    if echo_key:
        case("other_request", "a signed answer about another %s: ProtocolError, outcome unknown" % echo_key,
             response=signed(answer(dict(data, **{echo_key: echo_other})), gk),
             error={"code": "CT_ERR_PROTOCOL", "field": echo_field, "outcome_unknown": True})
    case("no_data", "a signed success without data: ProtocolError", response=signed(answer(None), gk),
         error={"code": "CT_ERR_PROTOCOL", "field": "data"})
    case("not_json", "not JSON: ProtocolError",
         response={"status": 200, "headers": [["Content-Type", "text/html"]], "body": "<html>busy</html>"},
         error={"code": "CT_ERR_PROTOCOL"})


def gen_life(gw, cfg, mk, gk):
    gen_pay(gw, cfg, mk, gk)
    gen_apply(gw, cfg, mk, gk)
    gen_tokens(gw, cfg, mk, gk)
    gen_query(gw, cfg, mk, gk)
    gen_refund(gw, cfg, mk, gk)
    gen_notifications(gw, cfg, mk, gk)


PAY_ARGS = {"out_trade_no": "TokenPay_outTradeNo1Yfx63ylWs", "subject": "MacPro14 and Mouse",
            "total_amount": "100", "currency": "SAR", "country": "SA", "user_id": "TokenPay_USERIDCDd6W14OLi",
            "payment_detail": {"payment_method_type": "CARD",
                               "payment_token_id": "PMTOKEN20250626121135955468420000003",
                               "buyer_info": {"client_ip": "182.11.22.22", "user_agent": "userAgent"},
                               "token_for_future_use": False},
            "terminal_type": "WEB", "front_callback_url": "http://www.frontCallbackUrl.example.com",
            "notify_url": "http://www.notifyUrl.example.com"}


def gen_pay(gw, cfg, mk, gk):
    op = "pay_with_token"
    # V-PM-2: the published example, in its own member order, is a signing vector
    assert rsa_sign_b64(T1, V_PM_2_BODY) == V_PM_2_SIGN and len(V_PM_2_BODY.encode()) == 679
    c2 = t1_cfg("d27183b7f2ea4822aa722d9efa8e7a8b", "SDP01010115045982", "2025-06-26T20:11:36.206+08:00")
    b2 = build(c2, op, PAY_ARGS, T1)
    # the same members as example 6, in the client's order, the amount a number
    assert json.loads(b2["body"])["data"] == dict(json.loads(V_PM_2_BODY)["data"], totalAmount=100)
    assert b2["body"].startswith('{"version":"1.4","keyVersion":"1","requestTime":"2025-06-26T20:11:36.206+08:00",')
    assert '"data":{"outTradeNo":"TokenPay_outTradeNo1Yfx63ylWs","integrate":"Direct_Payment","subject"' in b2["body"]
    data = {"outTradeNo": PAY_ARGS["out_trade_no"], "tradeToken": "T2025062612113600000001", "status": "SUCCESS"}
    add(gw, "pay_v_pm_2", "V-PM-2's token payment (api.json example 6) in the client's order, key T1; paid",
        "call", c2, op=op, result_type="Payment", args=PAY_ARGS, build=b2, response=signed(answer(data), T1),
        result=payment("succeeded", "SUCCESS", data["outTradeNo"], data["tradeToken"]))

    args = dict(PAY_ARGS, out_trade_no="ORDER_0001")
    b = build(cfg, op, args, mk)
    d = dict(data, outTradeNo="ORDER_0001")
    answers(gw, cfg, op, "pay", args, b, gk, mk, d,
            payment("succeeded", "SUCCESS", "ORDER_0001", d["tradeToken"]), "data.outTradeNo", "outTradeNo",
            "ORDER_0002")
    url = "https://cashier-n-test-new.payermax.com/3ds/abc"
    for n, (st, with_url, status) in enumerate((
            ("SUCCESS", False, "succeeded"), ("PENDING", False, "pending"), ("PENDING", True, "requires_action"),
            ("FAILED", False, "failed"), ("CLOSED", False, "canceled"), (" SUCCESS\t", False, "succeeded"),
            ("PENDING\t", True, "requires_action"), ("SOMETHING_NEW", False, "pending"),
            ("SOMETHING_NEW", True, "pending"), ("FAILED", True, "failed"))):
        dd = dict(d, status=st)
        if with_url:
            dd["redirectUrl"] = url
        add(gw, "pay_state_%02d_%s%s" % (n, st.strip().lower(), "_redirect" if with_url else ""),
            "data.status %r%s -> %s (§6.2)" % (st, " with a redirectUrl" if with_url else "", status), "call", cfg,
            op=op, args=args, build=b, response=signed(answer(dd), gk),
            result=payment(status, st, "ORDER_0001", d["tradeToken"], url=url if with_url else None))
    dd = dict(d, status="PENDING", redirectUrl="")
    add(gw, "pay_pending_empty_redirect", "an empty redirectUrl is no action: pending", "call", cfg, op=op,
        args=args, build=b, response=signed(answer(dd), gk),
        result=payment("pending", "PENDING", "ORDER_0001", d["tradeToken"]))
    add(gw, "pay_no_status", "a success without data.status: ProtocolError", "call", cfg, op=op, args=args,
        build=b, response=signed(answer({k: v for k, v in d.items() if k != "status"}), gk),
        error={"code": "CT_ERR_PROTOCOL", "field": "data.status"})
    add(gw, "pay_no_out_trade_no", "a success without data.outTradeNo: ProtocolError, outcome unknown", "call",
        cfg, op=op, args=args, build=b, response=signed(answer({k: v for k, v in d.items() if k != "outTradeNo"}),
                                                        gk),
        error={"code": "CT_ERR_PROTOCOL", "field": "data.outTradeNo", "outcome_unknown": True})
    for code in ("ORDER_REPEAT", "PAYMENT_FAILED", "AUTHENTICATE_FAILED"):
        add(gw, "pay_error_%s" % code.lower(), "%s: GatewayError (§2.1)" % code, "call", cfg, op=op, args=args,
            build=b, response=unsigned(cj({"code": code, "msg": code.lower()})),
            error={"code": "CT_ERR_GATEWAY", "gateway_code": code, "gateway_message": code.lower()})

    # every optional member, nested mappings in the caller's order; the CVV the token asks for
    full = dict(args, expire_time="3600", referral_code="REF1", mit_management_url="https://m.example.com/mit",
                subscription_plan={"subscription_no": "SUB1", "subject": "monthly",
                                   "period_rule": {"period_unit": "M", "period_count": 1},
                                   "period_amount": {"amount": "9.90", "currency": "SAR"},
                                   "trial_config": {"trial_amount": {"amount": "0.99", "currency": "SAR"},
                                                    "trial_days": "7"}},
                payment_detail={"payment_token_id": "PMTOKEN20250626121135955468420000003",
                                "payment_method_type": "CARD",
                                "buyer_info": {"user_agent": "Mozilla/5.0", "client_ip": "2001:db8::1",
                                               "first_name": "José", "email": "j@example.com"},
                                "merchant_initiated": True, "mit_type": "UNSCHEDULED",
                                "card_info": {"cvv": "123", "dynamic3ds": "no3DS", "stored": "Y"},
                                "info3d_secure": {"three_ds_version": "2.2.0", "eci": "05"}},
                goods_details=[{"goods_id": "G1", "goods_name": "Mouse", "quantity": "1", "price": "100"}],
                sub_merchant={"sub_merchant_no": "SM1"},
                shipping_info={"first_name": "A", "last_name": "B", "phone_no": "123", "email": "a@b.example",
                               "address1": "Street 1", "city": "Riyadh", "country": "SA", "zip_code": "12345"},
                billing_info={"email": "a@b.example", "address1": "Street 1", "city": "Riyadh", "country": "SA"},
                env_info={"deviceId": "d1", "screenHeight": 800, "nested": {"a": [1, "x", True, None]}},
                language="ar", risk_params={"level": "low"}, os_type="IOS", reference="ref/1",
                notify_url="https://merchant.example.com/notify")
    bf = build(cfg, op, full, mk)
    assert '"paymentDetail":{"paymentTokenID":"PMTOKEN20250626121135955468420000003","paymentMethodType":"CARD",' \
           '"buyerInfo":{"userAgent":"Mozilla/5.0","clientIp":"2001:db8::1","firstName":"José"' in bf["body"]
    assert '"cardInfo":{"cvv":"123","dynamic3DS":"no3DS","stored":"Y"},"info3DSecure":{"threeDSVersion":"2.2.0",' \
           '"eci":"05"},"tokenForFutureUse":false}' in bf["body"]
    assert '"periodAmount":{"amount":9.90,"currency":"SAR"}' in bf["body"]
    assert '"trialConfig":{"trialAmount":{"amount":"0.99","currency":"SAR"},"trialDays":7}' in bf["body"]
    add(gw, "pay_all_optional", "every optional member; nested mappings mapped to wire names in the caller's "
        "order; tokenForFutureUse false added; free-form env_info and risk_params passed through; CVV sent",
        "call", cfg, op=op, args=full, build=bf)
    a = {k: v for k, v in args.items() if k != "notify_url"}
    a["payment_detail"] = {k: v for k, v in args["payment_detail"].items() if k != "token_for_future_use"}
    a["total_amount"] = "10.50"
    ba = build(cfg, op, a, mk)
    assert '"totalAmount":10.50,' in ba["body"] and '"tokenForFutureUse":false}' in ba["body"]
    add(gw, "pay_minimal", "the required arguments only: tokenForFutureUse false is filled in, the amount's text "
        "is written as a number", "call", cfg, op=op, args=a, build=ba)

    def detail(**kw):
        dd = dict(args["payment_detail"])
        dd.update(kw)
        return {k: v for k, v in dd.items() if v is not None}

    def buyer(**kw):
        bi = dict(args["payment_detail"]["buyer_info"])
        bi.update(kw)
        return {k: v for k, v in bi.items() if v is not None}

    bad = [
        ("missing_out_trade_no", {k: v for k, v in args.items() if k != "out_trade_no"}, "out_trade_no"),
        ("out_trade_no_chars", dict(args, out_trade_no="ORDER-1"), "out_trade_no"),
        ("out_trade_no_65", dict(args, out_trade_no="A" * 65), "out_trade_no"),
        ("amount_comma", dict(args, total_amount="10,00"), "total_amount"),
        ("amount_negative", dict(args, total_amount="-1"), "total_amount"),
        ("missing_subject", {k: v for k, v in args.items() if k != "subject"}, "subject"),
        ("currency_4", dict(args, currency="SARS"), "currency"),
        ("terminal_type_pc", dict(args, terminal_type="PC"), "terminal_type"),
        ("missing_front_callback_url", {k: v for k, v in args.items() if k != "front_callback_url"},
         "front_callback_url"),
        ("notify_url_not_url", dict(args, notify_url="notify"), "notify_url"),
        ("missing_payment_detail", {k: v for k, v in args.items() if k != "payment_detail"}, "payment_detail"),
        ("missing_token", dict(args, payment_detail=detail(payment_token_id=None)),
         "payment_detail.payment_token_id"),
        ("token_65", dict(args, payment_detail=detail(payment_token_id="P" * 65)),
         "payment_detail.payment_token_id"),
        ("missing_buyer_info", dict(args, payment_detail=detail(buyer_info=None)), "payment_detail.buyer_info"),
        ("missing_client_ip", dict(args, payment_detail=detail(buyer_info=buyer(client_ip=None))),
         "payment_detail.buyer_info.client_ip"),
        ("client_ip_not_ip", dict(args, payment_detail=detail(buyer_info=buyer(client_ip="localhost"))),
         "payment_detail.buyer_info.client_ip"),
        ("unknown_detail_key", dict(args, payment_detail=detail(paymentTokenID="x")), "payment_detail.paymentTokenID"),
        ("card_number_refused", dict(args, payment_detail=detail(card_info={"card_identifier_no": "4111111111111111"})),
         "payment_detail.card_info.card_identifier_no"),
        ("cvv_2_digits", dict(args, payment_detail=detail(card_info={"cvv": "12"})), "payment_detail.card_info.cvv"),
        ("dynamic3ds_bad", dict(args, payment_detail=detail(card_info={"dynamic3ds": "yes3DS"})),
         "payment_detail.card_info.dynamic3ds"),
        ("future_use_string", dict(args, payment_detail=detail(token_for_future_use="false")),
         "payment_detail.token_for_future_use"),
        ("float_in_plan", dict(args, subscription_plan={"period_rule": {"period_unit": "M", "period_count": 1},
                                                        "period_amount": {"amount": 9.9, "currency": "SAR"}}),
         "subscription_plan.period_amount.amount"),
        ("float_in_env_info", dict(args, env_info={"screenHeight": 800.5}), "env_info"),
        ("goods_missing_id", dict(args, goods_details=[{"goods_name": "x", "quantity": "1", "price": "1"}]),
         "goods_details.goods_id"),
        ("unknown_argument", dict(args, outTradeNo="x"), "outTradeNo"),
    ]
    for name, a, field in bad:
        add(gw, "pay_invalid_" + name, "validation before anything is sent: %s" % field, "call", cfg, op=op,
            args=a, build_error=verr(field))


CARD = {"card_identifier_no": "4111111111111111", "card_holder_full_name": "ZHANG SAN",
        "card_expiration_month": "12", "card_expiration_year": "2030", "cvv": "123"}
APPLY_ARGS = {"request_id": "DirectApi1718074257802", "country": "SA", "payment_method_type": "CARD",
              "user_id": "ZHANGSAN", "front_callback_url": "https://merchant.example.com/back", "card_info": CARD}


def gen_apply(gw, cfg, mk, gk):
    op = "apply_payment_token"
    args = APPLY_ARGS
    b = build(cfg, op, args, mk)
    assert ('"data":{"requestId":"DirectApi1718074257802","country":"SA","paymentMethodType":"CARD",'
            '"userId":"ZHANGSAN","frontCallbackUrl":"https://merchant.example.com/back","tokenScope":"tokenAcq",'
            '"cardInfo":{"cardIdentifierNo":"4111111111111111","cardHolderFullName":"ZHANG SAN",'
            '"cardExpirationMonth":"12","cardExpirationYear":"30","cvv":"123"}}}') in b["body"]
    token = "PMTOKEN20240611024418001000000001"
    d = {"requestId": args["request_id"], "status": "SUCCESS", "paymentTokenID": token}

    def case(name, desc, **rest):
        add(gw, "apply_" + name, desc, "call", cfg, op=op, result_type="TokenApplication", **rest)

    answers(gw, cfg, op, "apply", args, b, gk, mk, d,
            application(args["request_id"], "succeeded", "SUCCESS", token=token), "data.requestId",
            "requestId", "DirectApi0000000000000", result_type="TokenApplication")
    # the published PENDING answer (§2.2)
    pend = {"redirectUrl": "https://cashier-n-test-new.payermax.com/…", "requestId": args["request_id"],
            "status": "PENDING"}
    case("published_pending", "the published PENDING answer with a redirectUrl: requires_action", args=args,
         build=b, response=signed(cj({"msg": "", "code": "APPLY_SUCCESS", "data": pend}), gk),
         result=application(args["request_id"], "requires_action", "PENDING", url=pend["redirectUrl"]))
    case("pending", "PENDING without a redirect: pending", args=args, build=b,
         response=signed(answer({"requestId": args["request_id"], "status": "PENDING"}), gk),
         result=application(args["request_id"], "pending", "PENDING"))
    case("failed", "FAILED: failed", args=args, build=b,
         response=signed(answer({"requestId": args["request_id"], "status": "FAILED"}), gk),
         result=application(args["request_id"], "failed", "FAILED"))
    a2 = dict(args, card_info=dict(CARD, card_expiration_year="31", card_org="VISA", cvv="1234",
                                   card_identifier_no="378282246310005"),
              mit_type="UNSCHEDULE", env_info={"clientIp": "10.0.0.1", "screenWidth": "1280"},
              risk_params={"x": "y"})
    b2 = build(cfg, op, a2, mk)
    assert '"cardExpirationYear":"31"' in b2["body"] and '"mitType":"UNSCHEDULE","cardInfo":{"cardIdentifierNo"' \
        in b2["body"]
    case("two_digit_year_all_optional", "a 2-digit year sent as given; card_org, mit_type, env_info, "
         "risk_params; AMEX 4-digit CVV", args=a2, build=b2)
    bt = {k: v for k, v in args.items() if k != "card_info"}
    bt.update(payment_method_type="BANKTRANSFER", target_org="YUSHANBANK")
    case("banktransfer", "BANKTRANSFER with target_org, no card_info", args=bt, build=build(cfg, op, bt, mk))

    def card(**kw):
        cc = dict(CARD)
        cc.update(kw)
        return {k: v for k, v in cc.items() if v is not None}

    for name, a, field in [
        ("missing_card_info", {k: v for k, v in args.items() if k != "card_info"}, "card_info"),
        ("target_org_with_card", dict(args, target_org="YUSHANBANK"), "target_org"),
        ("luhn", dict(args, card_info=card(card_identifier_no="4111111111111112")),
         "card_info.card_identifier_no"),
        ("pan_short", dict(args, card_info=card(card_identifier_no="41111111")), "card_info.card_identifier_no"),
        ("missing_pan", dict(args, card_info=card(card_identifier_no=None)), "card_info.card_identifier_no"),
        ("cvv_letters", dict(args, card_info=card(cvv="12a")), "card_info.cvv"),
        ("missing_cvv", dict(args, card_info=card(cvv=None)), "card_info.cvv"),
        ("month_13", dict(args, card_info=card(card_expiration_month="13")), "card_info.card_expiration_month"),
        ("year_3_digits", dict(args, card_info=card(card_expiration_year="203")), "card_info.card_expiration_year"),
        ("expired", dict(args, card_info=card(card_expiration_year="2021")), "card_info.card_expiration_year"),
        ("expired_2_digits", dict(args, card_info=card(card_expiration_year="21")),
         "card_info.card_expiration_year"),
        ("holder_65", dict(args, card_info=card(card_holder_full_name="A" * 65)), "card_info.card_holder_full_name"),
        ("unknown_card_key", dict(args, card_info=card(cardNo="4111111111111111")), "card_info.cardNo"),
        ("missing_request_id", {k: v for k, v in args.items() if k != "request_id"}, "request_id"),
        ("front_callback_url_bad", dict(args, front_callback_url="javascript:x"), "front_callback_url"),
        ("unknown_argument", dict(args, token_scope="tokenAcq"), "token_scope"),
    ]:
        case("invalid_" + name, "validation before anything is sent: %s" % field, args=a, build_error=verr(field))


def gen_tokens(gw, cfg, mk, gk):
    # V-PM-4: InquireApplyRequest, byte for byte
    op = "inquire_apply_request"
    c4 = t1_cfg("d68f5da6a0174388821a64114c6b322c", "P01010118267336", "2024-07-02T11:39:58.720+00:00")
    a4 = {"user_id": "ZHANGSAN", "request_id": "DirectApi1716803778191"}
    b4 = published(c4, op, a4, V_PM_4_BODY, V_PM_4_SIGN)
    tok = "PMTOKEN20240527094418001000000009"
    d4 = {"requestId": a4["request_id"], "status": "SUCCESS", "paymentTokenID": tok}
    add(gw, "inquire_apply_v_pm_4", "V-PM-4 byte for byte (key T1); SUCCESS with the new token", "call", c4, op=op,
        result_type="TokenApplication", args=a4, build=b4, response=signed(answer(d4), T1),
        result=application(a4["request_id"], "succeeded", "SUCCESS", token=tok))
    b = build(cfg, op, a4, mk)
    answers(gw, cfg, op, "inquire_apply", a4, b, gk, mk, d4,
            application(a4["request_id"], "succeeded", "SUCCESS", token=tok), "data.requestId", "requestId",
            "DirectApi0000000000000", result_type="TokenApplication")
    for name, a, field in [("missing_request_id", {"user_id": "ZHANGSAN"}, "request_id"),
                           ("missing_user_id", {"request_id": "R1"}, "user_id"),
                           ("request_id_65", {"user_id": "U", "request_id": "R" * 65}, "request_id")]:
        add(gw, "inquire_apply_invalid_" + name, "validation: %s" % field, "call", cfg, op=op,
            result_type="TokenApplication", args=a, build_error=verr(field))

    # V-PM-3: removePaymentToken (version 1.2), byte for byte
    op = "remove_payment_token"
    c3 = t1_cfg("46153e2b787241ae8b01857bb087d1bd", "010229810189301", "2022-01-22T10:00:00.500+08:00")
    a3 = {"user_id": "TEST", "payment_token_id": "PMTOKEN20230424072005899168200035002", "remove_reason": "remove"}
    b3 = published(c3, op, a3, V_PM_3_BODY, V_PM_3_SIGN)
    d3 = {"paymentTokenID": a3["payment_token_id"], "userId": "TEST", "paymentTokenStatus": "Deleted"}
    add(gw, "remove_v_pm_3", "V-PM-3 byte for byte (key T1, version 1.2); the published answer (userId as asked)",
        "call", c3, op=op, result_type="PaymentToken", args=a3, build=b3,
        response=signed(cj({"code": "APPLY_SUCCESS", "msg": "Success", "data": d3}), T1),
        result=removed(a3["payment_token_id"], "TEST", "Deleted"))
    b = build(cfg, op, a3, mk)
    answers(gw, cfg, op, "remove", a3, b, gk, mk, d3, removed(a3["payment_token_id"], "TEST", "Deleted"),
            "data.userId", "userId", "OTHER", result_type="PaymentToken")
    add(gw, "remove_other_token", "an answer about another token: ProtocolError, outcome unknown", "call", cfg,
        op=op, result_type="PaymentToken", args=a3, build=b,
        response=signed(answer(dict(d3, paymentTokenID="PMTOKEN0")), gk),
        error={"code": "CT_ERR_PROTOCOL", "field": "data.paymentTokenID", "outcome_unknown": True})
    add(gw, "remove_no_status", "an answer without paymentTokenStatus: ProtocolError", "call", cfg, op=op,
        result_type="PaymentToken", args=a3, build=b,
        response=signed(answer({k: v for k, v in d3.items() if k != "paymentTokenStatus"}), gk),
        error={"code": "CT_ERR_PROTOCOL", "field": "paymentTokenStatus"})
    a = {k: v for k, v in a3.items() if k != "remove_reason"}
    add(gw, "remove_no_reason", "remove_reason is optional", "call", cfg, op=op, result_type="PaymentToken",
        args=a, build=build(cfg, op, a, mk))
    for name, a, field in [("missing_token", {"user_id": "TEST"}, "payment_token_id"),
                           ("reason_257", dict(a3, remove_reason="r" * 257), "remove_reason"),
                           ("empty_token", dict(a3, payment_token_id=""), "payment_token_id")]:
        add(gw, "remove_invalid_" + name, "validation: %s" % field, "call", cfg, op=op, result_type="PaymentToken",
            args=a, build_error=verr(field))


def gen_query(gw, cfg, mk, gk):
    op = "query_order"
    c6 = t1_cfg("a0dddd1f622243cb9aa1b676e808b5f8", "02021382719993", "2022-01-17T07:51:15.597+00:00")
    a6 = {"out_trade_no": "P1642410680681"}
    b6 = published(c6, op, a6, V_PM_6_BODY, V_PM_6_SIGN)
    tok = "PMTOKEN20220117075115000000000001"
    d6 = {"outTradeNo": "P1642410680681", "tradeToken": "T2022011707511500000001", "totalAmount": Num("10.50"),
          "currency": "SAR", "country": "SA", "status": "SUCCESS", "resultMsg": "",
          "paymentDetails": [{"paymentMethodType": "CARD", "paymentTokenID": "",
                              "cardInfo": {"cardOrg": "VISA", "cardIdentifierNo": "400555******0001",
                                           "cardHolderName": "**ngwei", "paymentTokenID": tok}}]}
    body6 = cj({"code": "APPLY_SUCCESS", "msg": "", "data": None}).replace('"data":null', '"data":' + enc(d6))
    assert '"totalAmount":10.50,' in body6
    add(gw, "query_v_pm_6", "V-PM-6 byte for byte (key T1); totalAmount 10.50 keeps its text; the token from "
        "cardInfo when paymentDetails[].paymentTokenID is empty", "call", c6, op=op, args=a6, build=b6,
        response=signed(body6, T1),
        result=payment("succeeded", "SUCCESS", "P1642410680681", d6["tradeToken"], "10.50", "SAR", token=tok))
    b = build(cfg, op, a6, mk)
    d = {k: v for k, v in d6.items() if k not in ("paymentDetails", "totalAmount")}
    d["totalAmount"] = 100
    answers(gw, cfg, op, "query", a6, b, gk, mk, d,
            payment("succeeded", "SUCCESS", "P1642410680681", d["tradeToken"], "100", "SAR"), "data.outTradeNo",
            "outTradeNo", "P0000000000000")
    dd = dict(d, status="PENDING", redirectUrl="https://x.example.com", totalAmount="7.5",
              paymentDetails=[{"paymentTokenID": "PMTOKEN_A", "cardInfo": {"paymentTokenID": "PMTOKEN_B"}}])
    add(gw, "query_pending_token_first", "query: PENDING is pending (never requires_action); a string amount "
        "as received; paymentDetails[].paymentTokenID before cardInfo's", "call", cfg, op=op, args=a6, build=b,
        response=signed(answer(dd), gk),
        result=payment("pending", "PENDING", "P1642410680681", d["tradeToken"], "7.5", "SAR", token="PMTOKEN_A"))
    dd = dict(d, status="FAILED", paymentDetails=[])
    add(gw, "query_failed_no_details", "FAILED with empty paymentDetails: no token", "call", cfg, op=op, args=a6,
        build=b, response=signed(answer(dd), gk),
        result=payment("failed", "FAILED", "P1642410680681", d["tradeToken"], "100", "SAR"))
    add(gw, "query_no_status", "a query answer without data.status: ProtocolError (§2.5)", "call", cfg, op=op,
        args=a6, build=b, response=signed(answer({k: v for k, v in d.items() if k != "status"}), gk),
        error={"code": "CT_ERR_PROTOCOL", "field": "data.status"})
    for name, a, field in [("missing", {}, "out_trade_no"), ("chars", {"out_trade_no": "P 1"}, "out_trade_no"),
                           ("extra", {"out_trade_no": "P1", "trade_token": "T1"}, "trade_token")]:
        add(gw, "query_invalid_" + name, "validation: %s" % field, "call", cfg, op=op, args=a, build_error=verr(field))


def gen_refund(gw, cfg, mk, gk):
    op = "refund"
    args = {"out_refund_no": "R1642411016202", "refund_amount": "10.5000", "refund_currency": "SAR",
            "out_trade_no": "P1642410680681"}
    b = build(cfg, op, args, mk)
    assert '"data":{"outRefundNo":"R1642411016202","refundAmount":10.5000,"refundCurrency":"SAR",' \
           '"outTradeNo":"P1642410680681"}}' in b["body"]
    d = {"outRefundNo": "R1642411016202", "tradeOrderNo": "20220117091121TI366100056090",
         "refundTradeNo": "20220117091657TI790000055087", "status": "REFUND_PENDING"}
    ok = refund_result("pending", "REFUND_PENDING", d["refundTradeNo"], d["outRefundNo"], d["tradeOrderNo"])
    add(gw, "refund_published", "the published refund answer (§2.6): REFUND_PENDING", "call", cfg, op=op,
        args=args, build=b, response=signed(cj({"code": "APPLY_SUCCESS", "msg": "", "data": d}), gk), result=ok)
    answers(gw, cfg, op, "refund", args, b, gk, mk, d, ok, "data.outRefundNo", "outRefundNo", "R0")
    add(gw, "refund_failed", "REFUND_FAILED: failed", "call", cfg, op=op, args=args, build=b,
        response=signed(answer(dict(d, status="REFUND_FAILED")), gk),
        result=refund_result("failed", "REFUND_FAILED", d["refundTradeNo"], d["outRefundNo"], d["tradeOrderNo"]))
    a = {"out_refund_no": "R2", "refund_amount": "3", "refund_currency": "SAR", "out_trade_no": "P1",
         "trade_token": "T1", "comments": "damaged", "refund_notify_url": "https://merchant.example.com/refund"}
    add(gw, "refund_all_optional", "both out_trade_no and trade_token are sent, with comments and the notify URL",
        "call", cfg, op=op, args=a, build=build(cfg, op, a, mk))
    a = {"out_refund_no": "R3", "refund_amount": "3", "refund_currency": "SAR", "trade_token": "T1"}
    add(gw, "refund_by_trade_token", "trade_token alone", "call", cfg, op=op, args=a, build=build(cfg, op, a, mk))
    for name, a, field in [
            ("neither_order", {k: v for k, v in args.items() if k != "out_trade_no"}, "out_trade_no"),
            ("five_decimals", dict(args, refund_amount="1.00001"), "refund_amount"),
            ("amount_text", dict(args, refund_amount="ten"), "refund_amount"),
            ("missing_out_refund_no", {k: v for k, v in args.items() if k != "out_refund_no"}, "out_refund_no"),
            ("comments_513", dict(args, comments="c" * 513), "comments"),
            ("out_trade_no_chars", dict(args, out_trade_no="P.1"), "out_trade_no")]:
        add(gw, "refund_invalid_" + name, "validation: %s" % field, "call", cfg, op=op, args=a,
            build_error=verr(field))

    op = "query_refund"
    args = {"out_refund_no": "R1642411016202"}
    b = build(cfg, op, args, mk)
    d = {"outRefundNo": "R1642411016202", "refundTradeNo": "20220117091657TI790000055087",
         "refundAmount": Num("10.50"), "refundCurrency": "SAR", "outTradeNo": "P1642410680681",
         "status": "REFUND_SUCCESS", "refundFinishTime": "2022-01-17T09:20:00.000Z"}
    body = answer(None).replace('"data":null', '"data":' + enc(d))
    okr = refund_result("succeeded", "REFUND_SUCCESS", d["refundTradeNo"], "R1642411016202", None, "10.50", "SAR")
    add(gw, "query_refund_success", "REFUND_SUCCESS; refundAmount keeps its text; trade_id null (§2.7)", "call",
        cfg, op=op, args=args, build=b, response=signed(body, gk), result=okr)
    dj = dict(d, refundAmount=10)
    answers(gw, cfg, op, "query_refund", args, b, gk, mk, dj,
            dict(okr, amount="10"), "data.outRefundNo", "outRefundNo", "R0")
    dt = {k: v for k, v in dj.items() if k != "refundAmount"}
    dt.update(totalAmount="12.00", status="REFUND_PENDING\t")
    add(gw, "query_refund_total_amount", "the example's totalAmount read when refundAmount is absent; "
        "'REFUND_PENDING\\t' compared trimmed, kept as received", "call", cfg, op=op, args=args, build=b,
        response=signed(answer(dt), gk),
        result=dict(okr, status="pending", gateway_status="REFUND_PENDING\t", amount="12.00"))
    add(gw, "query_refund_failed", "REFUND_FAILED with resultMsg: failed", "call", cfg, op=op, args=args, build=b,
        response=signed(answer(dict(dj, status="REFUND_FAILED", resultMsg="declined")), gk),
        result=dict(okr, status="failed", gateway_status="REFUND_FAILED", amount="10"))
    add(gw, "query_refund_unknown_word", "a status word not in §6.2: pending", "call", cfg, op=op, args=args,
        build=b, response=signed(answer(dict(dj, status="REFUND_ON_HOLD")), gk),
        result=dict(okr, status="pending", gateway_status="REFUND_ON_HOLD", amount="10"))
    a = dict(args, refund_trade_no="20220117091657TI790000055087")
    ba = build(cfg, op, a, mk)
    add(gw, "query_refund_both_numbers", "refund_trade_no is sent as well", "call", cfg, op=op, args=a, build=ba,
        response=signed(answer(dj), gk), result=dict(okr, amount="10"))
    add(gw, "query_refund_other_refund_trade_no", "an answer about another refundTradeNo: ProtocolError",
        "call", cfg, op=op, args=a, build=ba, response=signed(answer(dict(dj, refundTradeNo="X")), gk),
        error={"code": "CT_ERR_PROTOCOL", "field": "data.refundTradeNo", "outcome_unknown": True})
    add(gw, "query_refund_invalid_missing", "validation: out_refund_no is required", "call", cfg, op=op,
        args={"refund_trade_no": "X"}, build_error=verr("out_refund_no"))


def gen_notifications(gw, cfg, mk, gk):
    # V-PM-5: the TOKENIZATION example (merchantAppId), T1 standing in for PayerMax
    assert rsa_sign_b64(T1, V_PM_5_BODY) == V_PM_5_SIGN and len(V_PM_5_BODY.encode()) == 586
    c5 = t1_cfg("0d22b150ff58454d888d51657da98470", "SP103301558", "2023-07-25T12:40:07.072+00:00")
    add(gw, "notification_v_pm_5_tokenization", "V-PM-5: the published TOKENIZATION notification (merchantAppId, "
        "no appId), verified over the raw body with T1", "notification", c5,
        notification={"body": V_PM_5_BODY, "sign": V_PM_5_SIGN}, verified=json.loads(V_PM_5_BODY))
    add(gw, "notification_v_pm_5_tampered", "V-PM-5 with one byte changed: SignatureError", "notification", c5,
        notification={"body": V_PM_5_BODY.replace("victor002", "victor003"), "sign": V_PM_5_SIGN},
        error={"code": "CT_ERR_SIGNATURE"})
    env = {"code": "APPLY_SUCCESS", "msg": "", "appId": cfg["app_id"], "merchantNo": cfg["merchant_no"],
           "keyVersion": "1", "notifyTime": "2022-01-22T10:05:00.000+08:00"}
    payment_note = dict(env, notifyType="PAYMENT", data={
        "outTradeNo": "ORDER_0001", "tradeToken": "T2025062612113600000001", "totalAmount": 100,
        "currency": "SAR", "country": "SA", "status": "SUCCESS", "completeTime": "2022-01-22T02:04:59.000Z",
        "paymentDetails": [{"paymentMethodType": "CARD", "paymentTokenID": "PMTOKEN20250626121135955468420000003",
                            "cardInfo": {"cardOrg": "VISA", "cardIdentifierNo": "411111******1111"}}]})
    refund_note = dict(env, notifyType="REFUND", data={
        "outRefundNo": "R1642411016202", "refundTradeNo": "20220117091657TI790000055087",
        "outTradeNo": "P1642410680681", "refundAmount": 10.5, "refundCurrency": "SAR", "status": "REFUND_SUCCESS",
        "refundFinishTime": "2022-01-22T02:06:00.000Z"})
    failed_note = dict(env, code="PAYMENT_FAILED", msg="declined", notifyType="PAYMENT",
                       data={"outTradeNo": "ORDER_0002", "status": "FAILED"})
    token_note = dict(env, notifyType="TOKENIZATION", data={
        "userId": "ZHANGSAN", "paymentTokenID": "PMTOKEN20240611024418001000000001", "tokenScope": "tokenAcq",
        "paymentTokenExpiry": "2027-06-11T02:44:18.000Z", "paymentTokenStatus": "Activated",
        "cardInfo": "411111**1111", "ifCVV": "Y", "brand": "VISA", "paymentMethodType": "CARD", "country": "SA",
        "requestId": "DirectApi1718074257802", "supportMIT": True, "status": "SUCCESS"})
    for kind, note in (("payment", payment_note), ("payment_failed", failed_note), ("refund", refund_note),
                       ("tokenization", token_note)):
        body = cj(note)
        add(gw, "notification_%s" % kind, "a signed %s notification: verified over the raw body, returned whole"
            % note["notifyType"], "notification", cfg, notification={"body": body, "sign": rsa_sign_b64(gk, body)},
            verified=note)
        add(gw, "notification_%s_tampered" % kind, "%s body changed after signing" % note["notifyType"],
            "notification", cfg,
            notification={"body": body.replace('"keyVersion":"1"', '"keyVersion":"2"'),
                          "sign": rsa_sign_b64(gk, body)}, error={"code": "CT_ERR_SIGNATURE"})
    body = cj(refund_note)
    add(gw, "notification_refund_missing_sign", "REFUND notification without sign", "notification", cfg,
        notification={"body": body, "sign": ""}, error={"code": "CT_ERR_SIGNATURE"})
