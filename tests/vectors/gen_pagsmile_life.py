"""Pagsmile token-lifecycle vectors (LIFECYCLE.md §1, §9.1): creditpci with
nested objects signed as their compact JSON text, checkorder, refund,
refundapply. Independent of the core: Python json/hashlib only."""

import json

from gen_common import FT, add, bytewise, cj, md5hex, verr

PS_CFG = {"merchant_no": "102320170519", "app_id": "2017051914172236111", "app_key": "MD5Key",
          "environment": "sandbox", "fixed_time": FT}
BASE = "https://paychanneldev.pagsmile.com"
HDRS = [["Content-Type", "application/json"]]


def nested_json(v, escape_slashes):
    """LIFECYCLE.md §1 step 2: compact, insertion order, raw UTF-8 and `/`
    (escape_slashes: PHP json_encode, `\\/` and \\uXXXX)."""
    text = json.dumps(v, ensure_ascii=escape_slashes, separators=(",", ":"))
    return text.replace("/", "\\/") if escape_slashes else text


def empty(v):
    return v is None or v is False or v == "" or v == "0" or (isinstance(v, int) and not isinstance(v, bool) and v == 0)


def sign_string(fields, key, escape_slashes=False):
    parts = []
    for k in bytewise([k for k in fields if k != "sign"]):
        v = fields[k]
        if empty(v):
            continue
        if isinstance(v, dict):
            s = nested_json(v, escape_slashes)
        elif isinstance(v, float):
            s = repr(v).rstrip("0").rstrip(".") if "." in repr(v) else repr(v)
        else:
            s = str(v)
        parts.append("%s=%s" % (k, s))
    return "&".join(parts) + "&key=" + key


def body_text(fields, escape_slashes=False, raw=()):
    out = []
    for k, v in fields.items():
        if isinstance(v, dict):
            t = nested_json(v, escape_slashes)
        elif k in raw:
            t = str(v)
        else:
            t = cj(v)
        out.append(cj(k) + ":" + t)
    return "{" + ",".join(out) + "}"


def build(cfg, path, members, raw=()):
    esc = bool(cfg.get("escape_slashes"))
    fields = {"merchant_no": cfg["merchant_no"], "app_id": cfg["app_id"]}
    fields.update(members)
    sts = sign_string(fields, cfg["app_key"], esc)
    sig = md5hex(sts)
    fields["sign"] = sig
    return {"string_to_sign": sts, "signature": sig, "method": "POST", "url": BASE + path,
            "headers": HDRS, "body": body_text(fields, esc, raw)}


def resp(body):
    return {"status": 200, "headers": HDRS, "body": body if isinstance(body, str) else cj(body)}


def payment(status, gw_status, order=None, trade=None, amount=None, currency=None, redirect=None):
    return {"status": status, "gateway_status": gw_status, "order_id": order, "trade_id": trade,
            "amount": amount, "currency": currency, "redirect_url": redirect, "payment_token_id": None}


def refund(status, gw_status):
    return {"status": status, "gateway_status": gw_status, "refund_id": None, "merchant_refund_id": None,
            "trade_id": None, "amount": None, "currency": None}


V6_PAYMENT = {"out_order_no": "test-003169", "order_amount": "10.00", "currency": "BRL",
              "subject": "test-subject", "content": "test-content", "token": "ce0559644ebe1251fa036ff95ea790d6",
              "installments": "3", "payment_method_id": "visa", "notify_url": "https://www.pagsmile.com/notify"}
V6_CUSTOMER = {"out_uid": "out_uid", "email": "test@pagsmile.com", "username": "APRO", "zip_code": "38082365",
               "buyer_ip": "127.0.0.1", "identification": {"type": "CPF", "number": "50284414727"}}


def published_nested():
    """V-PS-4 and V-PS-5 (published MD5s): the generator's rule reproduces
    them, and with escape_slashes it must not."""
    customer = {"username": "APRO", "buyer_ip": "127.0.0.1", "browser": "safari",
                "email": "kongdexin@xcloudgame.com", "cpf_no": "50284414727", "out_uid": "out_uid",
                "phone": "11941523675"}
    pay4 = {"out_order_no": "test-003268", "order_amount": 2000, "currency": "BRL", "subject": "test-subject",
            "content": "test-content", "paymentMethodId": None, "installments": 3,
            "token": "65800b24cb695abc9e1fca12a65d7106", "notify_url": "https://www.pagsmile.com"}
    pay5 = dict(pay4, out_order_no="test-003630", paymentMethodId="visa")
    for pay, want in ((pay4, "6fe90fb97af7d6e0b4f3344b85a9f0b5"), (pay5, "67073edadf3c554d0bf17555b0cd9e62")):
        f = {"app_id": "2017051914172236111", "customer": customer, "merchant_no": "102320170519",
             "payment": pay, "sign_type": "md5"}
        assert md5hex(sign_string(f, "MD5Key")) == want
        assert md5hex(sign_string(f, "MD5Key", True)) != want
    return pay4, customer


def gen():
    gw, cfg = "pagsmile", PS_CFG
    esc = dict(cfg, escape_slashes=True)
    pay4, cust4 = published_nested()

    def pay(name, desc, c, p, cu, **rest):
        args = {"payment": p, "customer": cu}
        if "build_error" not in rest:
            rest["build"] = build(c, "/api/creditpci", {"sign_type": "MD5", "payment": p, "customer": cu})
        add(gw, name, desc, "call", c, op="pay_with_token", result_type="Payment", args=args, **rest)

    # V-PS-6 and its escape_slashes form
    b6 = build(cfg, "/api/creditpci", {"sign_type": "MD5", "payment": V6_PAYMENT, "customer": V6_CUSTOMER})
    assert b6["signature"] == "493e13382c5528f05d811fe5bc710e64"
    assert md5hex(build(esc, "/api/creditpci", {"sign_type": "MD5", "payment": V6_PAYMENT,
                                                "customer": V6_CUSTOMER})["string_to_sign"]) \
        == "d70d750774b0ad63d2f14d651b8329bc"
    ok = {"code": "200", "info": {"trade_no": "2017111507382427391", "currency": "BRL", "amount": 1000,
                                  "out_trade_no": "test-003169", "trade_status": "TRADE_SUCCESS"}}
    pay("pay_with_token_v_ps_6", "V-PS-6: creditpci, nested objects as compact JSON, / unescaped; the "
        "documented success sample", cfg, V6_PAYMENT, V6_CUSTOMER, response=resp(ok),
        result=payment("succeeded", "TRADE_SUCCESS", "test-003169", "2017111507382427391", "1000", "BRL"))
    pay("pay_with_token_v_ps_6_escape_slashes", "V-PS-6 with escape_slashes: https:\\/\\/ signed and sent",
        esc, V6_PAYMENT, V6_CUSTOMER)
    uni = dict(V6_PAYMENT, subject="Caf\u00e9 \u6771\u4eac \U0001F600", content='quote " back\\ slash /')
    ucust = dict(V6_CUSTOMER, username="Jo\u00e3o", phone=None)
    pay("pay_with_token_non_ascii_nested", "non-ASCII, escapes and a nested null (optional phone) kept",
        cfg, uni, ucust)
    pay("pay_with_token_non_ascii_nested_escape_slashes", "the same with escape_slashes: \\uXXXX, "
        "surrogate pair", esc, uni, ucust)
    pay("pay_with_token_integer_installments", "installments as an integer is sent and signed as one",
        cfg, dict(V6_PAYMENT, installments=3), V6_CUSTOMER)
    # validation, naming the nested field
    pay("pay_with_token_published_old_names", "V-PS-4's old member name paymentMethodId is refused",
        cfg, dict(V6_PAYMENT, paymentMethodId=pay4["paymentMethodId"]), V6_CUSTOMER,
        build_error=verr("payment.paymentMethodId"))
    pay("pay_with_token_notify_url_query", "notify_url with a query string", cfg,
        dict(V6_PAYMENT, notify_url="https://shop.example/n?x=1"), V6_CUSTOMER,
        build_error=verr("payment.notify_url"))
    cust_no_number = dict(V6_CUSTOMER, identification={"type": "CPF"})
    pay("pay_with_token_missing_identification_number", "third-level required key", cfg, V6_PAYMENT,
        cust_no_number, build_error=verr("customer.identification.number"))
    pay("pay_with_token_amount_not_decimal", "order_amount must be a decimal string", cfg,
        dict(V6_PAYMENT, order_amount="10,00"), V6_CUSTOMER, build_error=verr("payment.order_amount"))
    pay("pay_with_token_amount_integer", "order_amount given as a number is refused", cfg,
        dict(V6_PAYMENT, order_amount=10), V6_CUSTOMER, build_error=verr("payment.order_amount"))
    nopay = {k: v for k, v in V6_PAYMENT.items() if k != "token"}
    pay("pay_with_token_missing_token", "payment.token is required", cfg, nopay, V6_CUSTOMER,
        build_error=verr("payment.token"))
    pay("pay_with_token_unknown_customer_key", "unknown key (old name cpf_no)", cfg, V6_PAYMENT,
        dict(V6_CUSTOMER, cpf_no="50284414727"), build_error=verr("customer.cpf_no"))
    # responses
    redirect = '{"code":"200","info":"https:\\/\\/3ds.example\\/CardAuthenticator?id=1"}'
    pay("pay_with_token_redirect", "code 200 with an https URL as info: requires_action", cfg, V6_PAYMENT,
        V6_CUSTOMER, response=resp(redirect),
        result=payment("requires_action", "200", redirect="https://3ds.example/CardAuthenticator?id=1"))
    pay("pay_with_token_text_info", "code 200 with a text info that is no https URL: ProtocolError", cfg,
        V6_PAYMENT, V6_CUSTOMER, response=resp({"code": "200", "info": "http://plain.example/x"}),
        error={"code": "CT_ERR_PROTOCOL", "field": "info"})
    risk = '{"code":200,"info":{"trade_no":"2017111507382427391","currency":"BRL","total_amount":10.50,' \
           '"out_order_no":"test-003169","trade_status":"TRADE_RISK_CONTROL"}}'
    pay("pay_with_token_risk_control_table_spelling", "TRADE_RISK_CONTROL is pending; the table's "
        "out_order_no/total_amount spelling, the amount's text kept", cfg, V6_PAYMENT, V6_CUSTOMER,
        response=resp(risk),
        result=payment("pending", "TRADE_RISK_CONTROL", "test-003169", "2017111507382427391", "10.50", "BRL"))
    other = {"code": "200", "info": dict(ok["info"], out_trade_no="test-999999")}
    pay("pay_with_token_other_order", "an answer about another order: ProtocolError, outcome unknown", cfg,
        V6_PAYMENT, V6_CUSTOMER, response=resp(other),
        error={"code": "CT_ERR_PROTOCOL", "field": "info.out_trade_no", "outcome_unknown": True})
    pay("pay_with_token_no_trade_status", "a 200 without trade_status: ProtocolError", cfg, V6_PAYMENT,
        V6_CUSTOMER, response=resp({"code": "200", "info": {"trade_no": "1", "out_trade_no": "test-003169"}}),
        error={"code": "CT_ERR_PROTOCOL"})
    pay("pay_with_token_already_paid", "804 TRADE_ALREADY_SUCCESS is a GatewayError", cfg, V6_PAYMENT,
        V6_CUSTOMER, response=resp({"code": "804", "info": "TRADE_ALREADY_SUCCESS"}),
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "804", "gateway_message": "TRADE_ALREADY_SUCCESS"})
    pay("pay_with_token_refused", "TRADE_REFUSED is failed", cfg, V6_PAYMENT, V6_CUSTOMER,
        response=resp({"code": "200", "info": dict(ok["info"], trade_status="TRADE_REFUSED")}),
        result=payment("failed", "TRADE_REFUSED", "test-003169", "2017111507382427391", "1000", "BRL"))

    # query_order
    def query(name, desc, args, **rest):
        if "build_error" not in rest:
            rest["build"] = build(cfg, "/api/checkorder", args)
        add(gw, name, desc, "call", cfg, op="query_order", result_type="Payment", args=args, **rest)

    data = {"merchant_no": "102320170519", "app_id": "2017051914172236111", "callback_status": "1",
            "order_currency": "BRL", "out_uid": "out_uid", "order_amount": "10.00",
            "trade_status": "TRADE_REFUND", "trade_no": "2017111507382427391"}
    b7 = build(cfg, "/api/checkorder", {"out_trade_no": "test-003169"})
    assert b7["signature"] == "f9448a42fc5a1cbd58b9ccb0114ddc10"
    query("query_order_v_ps_7", "V-PS-7: checkorder by out_trade_no; data carries no out_trade_no",
          {"out_trade_no": "test-003169"}, response=resp({"code": "200", "info": "SUCCESSFUL", "data": data}),
          result=payment("refunded", "TRADE_REFUND", None, "2017111507382427391", "10.00", "BRL"))
    b8 = build(cfg, "/api/checkorder", {"trade_no": "2017111507382427391"})
    assert b8["signature"] == "145db1d61047decb9b5045d9225d4aef"
    query("query_order_v_ps_8", "V-PS-8: checkorder by trade_no", {"trade_no": "2017111507382427391"},
          response=resp({"code": "200", "info": "SUCCESSFUL", "data": dict(data, trade_status="TRADE_SUCCESS")}),
          result=payment("succeeded", "TRADE_SUCCESS", None, "2017111507382427391", "10.00", "BRL"))
    query("query_order_other_trade", "an answer about another trade_no: ProtocolError",
          {"trade_no": "2017111507382427391"},
          response=resp({"code": "200", "info": "SUCCESSFUL", "data": dict(data, trade_no="2017111507382420000")}),
          error={"code": "CT_ERR_PROTOCOL", "field": "data.trade_no"})
    query("query_order_no_data", "a 200 without data: ProtocolError", {"out_trade_no": "test-003169"},
          response=resp({"code": "200", "info": "SUCCESSFUL"}), error={"code": "CT_ERR_PROTOCOL", "field": "data"})
    query("query_order_unknown_word", "an unknown trade_status is pending", {"out_trade_no": "test-003169"},
          response=resp({"code": "200", "info": "SUCCESSFUL", "data": dict(data, trade_status="NEW_WORD")}),
          result=payment("pending", "NEW_WORD", None, "2017111507382427391", "10.00", "BRL"))
    query("query_order_both_numbers", "exactly one of trade_no and out_trade_no",
          {"trade_no": "2017111507382427391", "out_trade_no": "test-003169"}, build_error=verr("trade_no"))
    query("query_order_no_number", "neither number", {}, build_error=verr("out_trade_no"))

    # refund
    def ref(name, desc, op, path, args, members, raw=(), **rest):
        if "build_error" not in rest:
            rest["build"] = build(cfg, path, members, raw)
        add(gw, name, desc, "call", cfg, op=op, result_type="Refund", args=args, **rest)

    b9 = build(cfg, "/api/refund", {"method": "101001", "trade_no": "2017111507382427391"})
    assert b9["signature"] == "d9b1a6775837a609b1a07b2c3eccfab2"
    ref("refund_v_ps_9", "V-PS-9: full refund, method defaulted", "refund", "/api/refund",
        {"trade_no": "2017111507382427391"}, {"method": "101001", "trade_no": "2017111507382427391"},
        response=resp({"code": "200", "info": "REFUND SUCCESSFUL"}),
        result=refund("succeeded", "REFUND SUCCESSFUL"))
    ref("refund_declined", "a refused refund is a GatewayError", "refund", "/api/refund",
        {"trade_no": "2017111507382427391", "method": "101002"},
        {"method": "101002", "trade_no": "2017111507382427391"},
        response=resp({"code": "805", "info": "TRADE_STATUS_EXCEPTION"}),
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "805"})
    ref("refund_trade_no_too_long", "trade_no at most 19 characters", "refund", "/api/refund",
        {"trade_no": "1" * 20}, {}, build_error=verr("trade_no"))

    # apply_refund: refund_amount written and signed in PHP's float text
    ar = {"trade_no": "2017111507382427391", "out_request_no": "R-test-003169-1", "email": "test@pagsmile.com",
          "refund_amount": "5.50"}
    m10 = {"trade_no": ar["trade_no"], "out_request_no": ar["out_request_no"], "email": ar["email"],
           "refund_amount": 5.5}
    b10 = build(cfg, "/api/refundapply", m10, raw=("refund_amount",))
    assert b10["signature"] == "23513bc4492a1cd997d8bf3903b935e6"
    ref("apply_refund_v_ps_10", "V-PS-10: 5.50 sent and signed as 5.5; data REFUND_IN_VERIFY is pending",
        "apply_refund", "/api/refundapply", ar, m10, raw=("refund_amount",),
        response=resp({"code": "200", "info": "SUCCESS", "data": "REFUND_IN_VERIFY"}),
        result=refund("pending", "REFUND_IN_VERIFY"))
    ref("apply_refund_data_null", "data null (English page): pending, gateway_status from info",
        "apply_refund", "/api/refundapply", dict(ar, refund_amount="010.00"), dict(m10, refund_amount=10),
        raw=("refund_amount",), response=resp({"code": "200", "info": "SUCCESS", "data": None}),
        result=refund("pending", "SUCCESS"))
    bank = dict(ar, description="Devolu\u00e7\u00e3o", bank_info="yes", name="Jo\u00e3o", cpf_no="50284414727",
                bank_id="341", bank_name="Itau", agency="0001", account_no="123456789", account_type=2)
    mb = dict(m10, description=bank["description"], bank_info="yes", name=bank["name"], cpf_no="50284414727",
              bank_id="341", bank_name="Itau", agency="0001", account_no=123456789, account_type=2)
    ref("apply_refund_bank_data", "bank data: account_no and account_type as JSON integers; TRADE_REFUND "
        "is succeeded", "apply_refund", "/api/refundapply", bank, mb,
        raw=("refund_amount", "account_no", "account_type"),
        response=resp({"code": "200", "info": "SUCCESS", "data": "TRADE_REFUND"}),
        result=refund("succeeded", "TRADE_REFUND"))
    ref("apply_refund_bank_without_flag", "bank fields without bank_info yes", "apply_refund",
        "/api/refundapply", dict(ar, agency="0001"), {}, build_error=verr("agency"))
    ref("apply_refund_zero", "refund_amount must be more than 0", "apply_refund", "/api/refundapply",
        dict(ar, refund_amount="0.00"), {}, build_error=verr("refund_amount"))
    ref("apply_refund_not_decimal", "refund_amount must be a decimal string", "apply_refund",
        "/api/refundapply", dict(ar, refund_amount="5,50"), {}, build_error=verr("refund_amount"))
    ref("apply_refund_no_data", "a 200 with neither a text data nor info: ProtocolError", "apply_refund",
        "/api/refundapply", ar, m10, raw=("refund_amount",), response=resp({"code": "200", "data": 5}),
        error={"code": "CT_ERR_PROTOCOL"})

    # notifications: V-PS-11, the recurring callback, unknown extra fields
    n11 = {"trade_no": "2017111507382427391", "out_trade_no": "test-003169", "trade_status": "TRADE_SUCCESS",
           "passback_params": "", "pay_channel": "101", "total_amount": "10.00", "currency": "BRL",
           "version": "1.0", "sign_type": "MD5"}
    n11["sign"] = md5hex(sign_string(n11, "MD5Key"))
    assert n11["sign"] == "564cea4067aae2f2080b0a8bd1dacfdb"
    add(gw, "notification_v_ps_11", "V-PS-11: payment notification, empty passback_params not signed",
        "notification", cfg, notification={"fields": n11},
        verified={k: v for k, v in n11.items() if k != "passback_params"})
    rec = dict(n11, subscription_no="S-0001", create_time="2022-01-22 10:00:00",
               update_time="2022-01-22 10:00:01", issue="2", extra_field="signed too")
    del rec["sign"]
    rec["sign"] = md5hex(sign_string(rec, "MD5Key"))
    add(gw, "notification_recurring", "the recurring callback's extra fields (and an unknown one) are signed",
        "notification", cfg, notification={"fields": rec},
        verified={k: v for k, v in rec.items() if k != "passback_params"})
    forged = dict(rec, total_amount="1.00")
    add(gw, "notification_recurring_amount_changed", "an amount changed after signing", "notification", cfg,
        notification={"fields": forged}, error={"code": "CT_ERR_SIGNATURE", "field": "sign"})


def check_build(b, body, cfg):
    """The problems of a lifecycle request: the string re-made from the body
    received, its MD5 on the wire."""
    esc = bool(cfg.get("escape_slashes"))
    fields = {k: v for k, v in body.items() if k != "sign"}
    if list(body)[:2] != ["merchant_no", "app_id"] or list(body)[-1] != "sign":
        return ["body key order"]
    sts = sign_string(fields, cfg["app_key"], esc)
    if not (sts == b["string_to_sign"] and md5hex(sts) == b["signature"] == body["sign"]):
        return ["string to sign or signature"]
    return []
