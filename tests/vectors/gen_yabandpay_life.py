"""YabandPay token lifecycle vectors (called by gen_yabandpay.py): pay_with_token,
query_order, refund and query_refund (LIFECYCLE.md §3, §6.3, §9.3), and the
notifications that carry the token (§5.3). Independent of the code under test:
the strings to sign and HMACs come from Python's hmac/hashlib here, and
LIFECYCLE.md's published vectors V-YB-3..7 are asserted verbatim."""

import json

from gen_common import add, cj, hmac_hex, verr

JH = [["Content-Type", "application/json"]]
URL = "https://mapi.yabandpay.com/Payments"
SPEC_SECRET = "test_secret_key_not_real"  # LIFECYCLE.md §9.3
SPEC_CFG = {"user": "016683", "secret_key": SPEC_SECRET, "environment": "production"}

# LIFECYCLE.md §3.1 table order of the data members; the optional ones last
PAY_ORDER = ("order_id", "amount", "currency", "payment_token_object", "description", "token_type")
PAY_OPTIONAL = (("redirect_url", "redirect_url"), ("three_ds_initiate", "3ds_initiate"), ("form_type", "form_type"),
                ("demo", "demo"), ("sca_exemption", "sca_exemption"))
REFUND_ORDER = ("trade_id", "m_refund_id", "refund_amount", "refund_currency", "refund_description", "notify_url")


def sign_string(fields):
    return "&".join("%s=%s" % (k, fields[k]) for k in sorted(fields, key=lambda k: k.encode("utf-8")))


def envelope(cfg, method, t, data):
    sts = sign_string(dict(data, user=cfg["user"], method=method, time=str(t)))
    sig = hmac_hex(cfg["secret_key"], sts)
    body = cj({"user": cfg["user"], "sign": sig, "method": method, "time": t, "data": data})
    return {"string_to_sign": sts, "signature": sig, "method": "POST", "url": URL, "headers": JH, "body": body}


def published(cfg, method, t, data, sts, sig):
    """The request of `data`, whose string to sign and HMAC must be LIFECYCLE.md's."""
    b = envelope(cfg, method, t, data)
    assert b["string_to_sign"] == sts, b["string_to_sign"]
    assert b["signature"] == sig
    return b


def pay_data(args):
    d = {"pay_method": "online", "sub_pay_method": "Token", "operation": args.get("operation", "11")}
    for k in PAY_ORDER:
        d[k] = args[k]
    d["timeout"] = str(args.get("order_timeout", 30))
    d["notify_url"] = args["notify_url"]
    d["request_id"] = args["request_id"]
    for arg, wire in PAY_OPTIONAL:
        if arg in args:
            d[wire] = args[arg]
    return d


def plain_data(order, args):
    return {k: args[k] for k in order if k in args}


def answer(data, status=True, code="200", message=""):
    return cj({"status": status, "code": code, "data": data, "message": message,
               "response_id": "202612011200000000000001"})


def failure(code, message):
    return cj({"status": False, "code": code, "data": {}, "message": message,
               "response_id": "202612011200000000000002"})


# LIFECYCLE.md §6.3, payment states: (state, url?, status)
PAY_STATES = [
    ("paid", False, "succeeded"), ("PAID", False, "succeeded"), ("00", False, "succeeded"),
    ("completed", False, "succeeded"), ("authorized", False, "authorized"), ("01", False, "authorized"),
    ("pending", False, "pending"), ("pending", True, "requires_action"), ("processing", False, "pending"),
    ("Processing", True, "requires_action"), ("verify", True, "requires_action"), ("Verify", False, "pending"),
    ("declined", False, "failed"), ("05", False, "failed"), ("failed", False, "failed"), ("06", False, "failed"),
    ("expired", False, "canceled"), ("Expired", False, "canceled"), ("07", False, "canceled"),
    ("cancelled", False, "canceled"), ("Cancelled", False, "canceled"), ("canceled", False, "canceled"),
    ("08", False, "canceled"), ("refunded", False, "refunded"), ("paid", True, "succeeded"),
    ("something_new", False, "pending"), ("something_new", True, "requires_action"),
]

# §6.3 refund states: (state, status)
REFUND_STATES = [
    ("20", "pending"), ("to-be-approval", "pending"), ("21", "pending"), ("refund pending", "pending"),
    ("22", "pending"), ("Refund_Processing", "pending"), ("23", "succeeded"), ("refunded", "succeeded"),
    ("REFUNDED", "succeeded"), ("24", "failed"), ("refund failed", "failed"), ("refund-failed", "failed"),
    ("25", "failed"), ("Refund_Error", "failed"), ("26", "pending"), ("refund on hold", "pending"),
]


def refund(dd, status):
    """The Refund a refund or query_refund answer's data gives (LIFECYCLE.md 3.3, 3.4)."""
    return {"status": status, "gateway_status": dd.get("state"), "refund_id": dd.get("refund_id"),
            "merchant_refund_id": dd.get("m_refund_id"), "trade_id": dd.get("trade_id"),
            "amount": dd.get("refund_amount"), "currency": dd.get("refund_currency")}


def payment(d, status, url=None, token=None):
    """The Payment of a pay_with_token data or query_order transaction_info (3.1, 3.2)."""
    return {"status": status, "gateway_status": d["state"], "order_id": d.get("order_id"),
            "trade_id": d.get("trade_id"), "amount": d.get("amount"), "currency": d.get("currency"),
            "redirect_url": url, "payment_token_id": token}


def slug(s):
    return "".join(ch if ch.isalnum() else "_" for ch in s).lower()


def gen_pay(gw):
    # V-YB-6, exactly as LIFECYCLE.md §9.3 publishes it
    cfg = dict(SPEC_CFG, fixed_time="2025-09-03T05:49:16.000+00:00")
    args = {"order_id": "1756878999", "amount": "9.99", "currency": "EUR",
            "payment_token_object": "TOKEN_FROM_NOTIFY_0001", "description": "renewal", "token_type": "MIT",
            "order_timeout": 0, "notify_url": "https://www.yabandpay.com/notify",
            "request_id": "b8z2mpy5m7a7nex2vehoh6ufbtaf2y1z"}
    b = envelope(cfg, "v3.CreateCardPayments", 1756878556, pay_data(args))
    assert b["string_to_sign"] == (
        "amount=9.99&currency=EUR&description=renewal&method=v3.CreateCardPayments"
        "&notify_url=https://www.yabandpay.com/notify&operation=11&order_id=1756878999&pay_method=online"
        "&payment_token_object=TOKEN_FROM_NOTIFY_0001&request_id=b8z2mpy5m7a7nex2vehoh6ufbtaf2y1z"
        "&sub_pay_method=Token&time=1756878556&timeout=0&token_type=MIT&user=016683")
    assert b["signature"] == "80640c7c915e59575d97293ce8eb9704e8ef006c8a34cbb1d135a80e0bda479f"
    assert b["body"] == (
        '{"user":"016683","sign":"80640c7c915e59575d97293ce8eb9704e8ef006c8a34cbb1d135a80e0bda479f",'
        '"method":"v3.CreateCardPayments","time":1756878556,"data":{"pay_method":"online","sub_pay_method":"Token",'
        '"operation":"11","order_id":"1756878999","amount":"9.99","currency":"EUR",'
        '"payment_token_object":"TOKEN_FROM_NOTIFY_0001","description":"renewal","token_type":"MIT","timeout":"0",'
        '"notify_url":"https://www.yabandpay.com/notify","request_id":"b8z2mpy5m7a7nex2vehoh6ufbtaf2y1z"}}')
    trade = "2b2aa1af-6e97-4c01-8c52-86200bf66c82"

    def pay(name, desc, a=args, c=cfg, **rest):
        add(gw, "pay_" + name, desc, "call", c, op="pay_with_token", args=a, **rest)

    d = {"order_id": args["order_id"], "trade_id": trade, "amount": "9.99", "currency": "EUR", "state": "paid"}
    pay("v_yb_6", "LIFECYCLE.md V-YB-6 byte for byte (MIT, order_timeout 0), paid", build=b,
        response={"status": 200, "headers": JH, "body": answer(d)}, result=payment(d, "succeeded"))
    for n, (state, with_url, status) in enumerate(PAY_STATES):
        dd = dict(d, state=state)
        url = "https://pay.yabandpay.com/3ds/abc" if with_url else None
        if with_url:
            dd["url"] = url
        pay("state_%02d_%s%s" % (n, slug(state), "_url" if with_url else ""),
            "state word %r%s -> %s (LIFECYCLE.md 6.3)" % (state, " with a url" if with_url else "", status),
            build=b, response={"status": 200, "headers": JH, "body": answer(dd)},
            result=payment(dd, status, url if status == "requires_action" else None))
    dd = dict(d, state="processing", url="")
    pay("state_processing_empty_url", "an empty url is no action: pending", build=b,
        response={"status": 200, "headers": JH, "body": answer(dd)}, result=payment(dd, "pending"))
    dd = dict(d, payment_token_object="TOKEN_RENEWED_0002")
    pay("returns_token", "a payment_token_object in the answer is payment_token_id", build=b,
        response={"status": 200, "headers": JH, "body": answer(dd)},
        result=payment(dd, "succeeded", token="TOKEN_RENEWED_0002"))
    dd = {k: v for k, v in d.items() if k not in ("amount", "currency")}
    pay("no_amount", "amount and currency absent: null", build=b,
        response={"status": 200, "headers": JH, "body": answer(dd)}, result=payment(dd, "succeeded"))
    pay("other_order", "an answer about another order_id: ProtocolError, outcome unknown", build=b,
        response={"status": 200, "headers": JH, "body": answer(dict(d, order_id="1756878000"))},
        error={"code": "CT_ERR_PROTOCOL", "field": "data.order_id", "outcome_unknown": True})
    pay("no_state", "a success without state: ProtocolError", build=b,
        response={"status": 200, "headers": JH, "body": answer({k: v for k, v in d.items() if k != "state"})},
        error={"code": "CT_ERR_PROTOCOL", "field": "data.state"})
    pay("no_trade_id", "a success without trade_id: ProtocolError", build=b,
        response={"status": 200, "headers": JH,
                  "body": answer({k: v for k, v in d.items() if k != "trade_id"})},
        error={"code": "CT_ERR_PROTOCOL", "field": "trade_id"})
    pay("no_status", "no status member: ProtocolError", build=b,
        response={"status": 200, "headers": JH, "body": cj({"code": "200", "data": d})},
        error={"code": "CT_ERR_PROTOCOL", "field": "status"})
    pay("not_json", "not JSON: ProtocolError", build=b,
        response={"status": 200, "headers": [["Content-Type", "text/html"]], "body": "<html>busy</html>"},
        error={"code": "CT_ERR_PROTOCOL"})
    for code, msg in (("-403", "signature error"), ("-3001", "required field missing"),
                      ("-4118", "incorrect request ID"), ("-1000", "internal error"), ("-4120", "no permission"),
                      ("-2001", "user does not exist"), ("-4301", "Token verification failed")):
        pay("error_%s" % code.lstrip("-"), "status false, code %s: GatewayError" % code, build=b,
            response={"status": 200, "headers": JH, "body": failure(code, msg)},
            error={"code": "CT_ERR_GATEWAY", "gateway_code": code, "gateway_message": msg})
    pay("error_integer_code", "code as a JSON integer", build=b,
        response={"status": 200, "headers": JH, "body": cj({"status": False, "code": -3001, "message": "missing"})},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "-3001", "gateway_message": "missing"})

    # CIT with the optional members, in table order; low-value exemption at the EUR limit
    a2 = dict(args, token_type="CIT", operation="12", amount="30.00", order_timeout=1440,
              redirect_url="https://merchant.example.com/back", three_ds_initiate="02", form_type="01",
              demo="x", sca_exemption="LowValue")
    pay("cit_all_optional", "CIT, operation 12, every optional member (3ds_initiate 02 at the EUR limit)",
        a=a2, build=envelope(cfg, "v3.CreateCardPayments", 1756878556, pay_data(a2)))
    bad = [
        ("missing_token", {k: v for k, v in args.items() if k != "payment_token_object"}, "payment_token_object"),
        ("empty_token", dict(args, payment_token_object=""), "payment_token_object"),
        ("missing_token_type", {k: v for k, v in args.items() if k != "token_type"}, "token_type"),
        ("token_type_xit", dict(args, token_type="XIT"), "token_type"),
        ("operation_10", dict(args, operation="10"), "operation"),
        ("amount_0", dict(args, amount="0.00"), "amount"),
        ("amount_4_decimals", dict(args, amount="9.9999"), "amount"),
        ("amount_comma", dict(args, amount="9,99"), "amount"),
        ("missing_amount", {k: v for k, v in args.items() if k != "amount"}, "amount"),
        ("currency_lower", dict(args, currency="eur"), "currency"),
        ("missing_description", {k: v for k, v in args.items() if k != "description"}, "description"),
        ("missing_notify_url", {k: v for k, v in args.items() if k != "notify_url"}, "notify_url"),
        ("notify_url_ftp", dict(args, notify_url="ftp://x.example.com/n"), "notify_url"),
        ("order_timeout_1441", dict(args, order_timeout=1441), "order_timeout"),
        ("request_id_dash", dict(args, request_id="b8z2-mpy5"), "request_id"),
        ("card_number_unknown", dict(args, card_number="4235647728025682"), "card_number"),
        ("unknown_argument", dict(args, colour="blue"), "colour"),
        ("three_ds_initiate_03", dict(args, three_ds_initiate="03"), "three_ds_initiate"),
        ("lowvalue_3ds_above_eur", dict(args, amount="30.01", three_ds_initiate="02"), "three_ds_initiate"),
        ("lowvalue_sca_above_gbp", dict(args, amount="27.01", currency="GBP", sca_exemption="lowvalue"),
         "sca_exemption"),
        ("lowvalue_sca_jpy", dict(args, currency="JPY", sca_exemption="LowValue"), "sca_exemption"),
    ]
    for name, a, field in bad:
        pay("invalid_" + name, "refused before sending, naming %s" % field, a=a, build_error=verr(field))
    a3 = dict(args, amount="27.00", currency="GBP", sca_exemption="LowValue")
    pay("lowvalue_sca_at_gbp_limit", "sca_exemption LowValue at the GBP limit (27) passes", a=a3,
        build=envelope(cfg, "v3.CreateCardPayments", 1756878556, pay_data(a3)))


def gen_query(gw):
    # V-YB-3: LIFECYCLE.md §9.3's first published string, with the test secret
    cfg = dict(SPEC_CFG, fixed_time="2019-01-04T08:02:39.000+00:00")
    trade = "a8d9be05-8b39-a766-dad0-553b0640d06a"
    args = {"trade_id": trade}
    b = published(cfg, "v3.QueryOrder", 1546588959, {"trade_id": trade},
                  "method=v3.QueryOrder&time=1546588959&trade_id=a8d9be05-8b39-a766-dad0-553b0640d06a&user=016683",
                  "bd4ca1457b411af1b6ec792de531217b85a84c80e68edc91cc8546177234e02e")
    info = {"trade_id": trade, "merchant_name": "Demo", "cashier_email": "cashier@example.com",
            "pay_method": "online", "sub_pay_method": "Token", "order_id": "1756878999", "amount": "9.99",
            "tip_amount": "0.00", "currency": "EUR", "redirect_url": "https://merchant.example.com/back",
            "notify_url": "https://merchant.example.com/n", "state": "paid", "time_out": "30"}

    def q(name, desc, **rest):
        add(gw, "query_order_" + name, desc, "call", cfg, op="query_order", args=args, build=b, **rest)

    q("v_yb_3", "LIFECYCLE.md V-YB-3, paid; transaction_info.redirect_url is not an action URL",
      response={"status": 200, "headers": JH, "body": answer({"transaction_info": info})},
      result=payment(info, "succeeded"))
    for state, status in (("Cancelled", "canceled"), ("processing", "pending"), ("refunded", "refunded"),
                          ("expired", "canceled"), ("declined", "failed"), ("authorized", "authorized")):
        i = dict(info, state=state)
        q("state_" + slug(state), "state %r -> %s" % (state, status),
          response={"status": 200, "headers": JH, "body": answer({"transaction_info": i})},
          result=payment(i, status))
    i = dict(info, state="processing", url="https://pay.yabandpay.com/3ds/abc")
    q("url_no_action", "query_order never gives a redirect_url: pending",
      response={"status": 200, "headers": JH, "body": answer({"transaction_info": i})},
      result=payment(i, "pending"))
    i = dict(info, payment_token_object="TOKEN_FROM_NOTIFY_0001")
    q("with_token", "payment_token_object, when present, is payment_token_id",
      response={"status": 200, "headers": JH, "body": answer({"transaction_info": i})},
      result=payment(i, "succeeded", token="TOKEN_FROM_NOTIFY_0001"))
    i = dict(info, card_no="4111 1111 1111 1111", reference="4000000000000002", m_ref="20240304094405131317",
             masked="411111******1111", note="paid 2024-01-01 with 4000 0000 0000 0002, ref 2024-0101-4242424242424242",
             forms=["4111.1111.1111.1111", "4111  1111 1111 1111", "4111/1111/1111/1111", "4111_1111_1111_1111",
                    "4111 1111 1111 1111 2026", "\uff14\uff11\uff11\uff11" * 4, 4111111111111111.0],
             ids=["WCASSET4111111111111111", "4111111111111111abc", "ref-4111111111111111"],
             three_ds={"cavv": "AAABBBCCCDDDEEEFFF=", "eci": "05"}, token_utf8={"token": "aaaaaaaaa\u00e9aaa"},
             extra={"card": {"cvv": "123", "cvc2": 456, "token": {"id": "tok_abcdefgh1234"}},
                                              "numbers": [4242424242424242, 12345, "5555-5555-5555-4444"]})
    q("raw_masking", "raw: card numbers keep six and four, credentials their last four or ***, the rest as received",
      response={"status": 200, "headers": JH, "body": answer({"transaction_info": i})},
      result=payment(i, "succeeded"))
    q("other_trade", "an answer about another trade_id: ProtocolError, outcome unknown",
      response={"status": 200, "headers": JH,
                "body": answer({"transaction_info": dict(info, trade_id="2eb629a8-96ad-d495-38f2-41f5bebf31cd")})},
      error={"code": "CT_ERR_PROTOCOL", "field": "data.transaction_info.trade_id", "outcome_unknown": True})
    q("no_transaction_info", "data without transaction_info: ProtocolError",
      response={"status": 200, "headers": JH, "body": answer(info)},
      error={"code": "CT_ERR_PROTOCOL", "field": "data.transaction_info"})
    q("no_state", "transaction_info without state: ProtocolError",
      response={"status": 200, "headers": JH,
                "body": answer({"transaction_info": {k: v for k, v in info.items() if k != "state"}})},
      error={"code": "CT_ERR_PROTOCOL", "field": "data.transaction_info.state"})
    q("error_2001", "status false -2001: GatewayError",
      response={"status": 200, "headers": JH, "body": failure("-2001", "user does not exist")},
      error={"code": "CT_ERR_GATEWAY", "gateway_code": "-2001", "gateway_message": "user does not exist"})
    # V-YB-3's second published string
    b2 = envelope(dict(cfg, fixed_time="2024-10-10T13:27:15.000+00:00"), "v3.QueryOrder", 1728566835,
                  {"trade_id": "2eb629a8-96ad-d495-38f2-41f5bebf31cd"})
    assert b2["string_to_sign"] == ("method=v3.QueryOrder&time=1728566835"
                                    "&trade_id=2eb629a8-96ad-d495-38f2-41f5bebf31cd&user=016683")
    add(gw, "query_order_v_yb_3_second", "LIFECYCLE.md V-YB-3's second published string", "call",
        dict(cfg, fixed_time="2024-10-10T13:27:15.000+00:00"), op="query_order",
        args={"trade_id": "2eb629a8-96ad-d495-38f2-41f5bebf31cd"}, build=b2)
    for name, a, field in (("missing_trade_id", {}, "trade_id"), ("empty_trade_id", {"trade_id": ""}, "trade_id"),
                           ("by_order_id", {"order_id": "1756878999"}, "order_id")):
        add(gw, "query_order_invalid_" + name, "refused before sending, naming %s" % field, "call", cfg,
            op="query_order", args=a, build_error=verr(field))


def gen_refund(gw):
    # V-YB-4: the published string, repaired (¬ify_url -> &notify_url)
    cfg = dict(SPEC_CFG, fixed_time="2019-01-04T08:02:39.000+00:00")
    args = {"trade_id": "5feb401d-d9a4-776f-211f-882b60f14d9d", "m_refund_id": "20240304094405131317",
            "refund_amount": "0.1", "refund_currency": "EUR", "refund_description": "test",
            "notify_url": "https://www.yabandpay.com"}
    b = published(cfg, "v3.CreateRefund", 1546588959, plain_data(REFUND_ORDER, args),
                  "m_refund_id=20240304094405131317&method=v3.CreateRefund&notify_url=https://www.yabandpay.com"
                  "&refund_amount=0.1&refund_currency=EUR&refund_description=test&time=1546588959"
                  "&trade_id=5feb401d-d9a4-776f-211f-882b60f14d9d&user=016683",
                  "e91eff0171938a02a8f24411c91949864082665dfe09223dfd51c25231f16def")
    rid = "3841510a-4d18-4a61-808d-431a45006de2"
    d = {"refund_id": rid, "m_refund_id": args["m_refund_id"], "trade_id": args["trade_id"],
         "refund_amount": "0.1", "refund_currency": "EUR", "state": "to-be-approval"}

    def r(name, desc, a=args, **rest):
        add(gw, "refund_" + name, desc, "call", cfg, op="refund", args=a, **rest)

    r("v_yb_4", "LIFECYCLE.md V-YB-4 (repaired string), to-be-approval -> pending", build=b,
      response={"status": 200, "headers": JH, "body": answer(d)}, result=refund(d, "pending"))
    dd = {"refund_id": rid}
    r("no_state", "an answer without state is pending; absent fields null", build=b,
      response={"status": 200, "headers": JH, "body": answer(dd)}, result=refund(dd, "pending"))
    dd = dict(d, state="23")
    r("state_23", "state 23 -> succeeded", build=b, response={"status": 200, "headers": JH, "body": answer(dd)},
      result=refund(dd, "succeeded"))
    r("other_trade", "an answer about another trade_id: ProtocolError, outcome unknown", build=b,
      response={"status": 200, "headers": JH, "body": answer(dict(d, trade_id="2b2aa1af-6e97-4c01-8c52-86200bf66c82"))},
      error={"code": "CT_ERR_PROTOCOL", "field": "data.trade_id", "outcome_unknown": True})
    r("error_4120", "status false -4120: GatewayError", build=b,
      response={"status": 200, "headers": JH, "body": failure("-4120", "no permission")},
      error={"code": "CT_ERR_GATEWAY", "gateway_code": "-4120", "gateway_message": "no permission"})
    a2 = {k: v for k, v in args.items() if k not in ("m_refund_id", "notify_url")}
    a2["refund_amount"] = "5"
    r("partial_minimal", "only the required arguments; a partial amount", a=a2,
      build=envelope(cfg, "v3.CreateRefund", 1546588959, plain_data(REFUND_ORDER, a2)))
    for name, a, field in (
            ("amount_0", dict(args, refund_amount="0"), "refund_amount"),
            ("amount_negative", dict(args, refund_amount="-1"), "refund_amount"),
            ("amount_4_decimals", dict(args, refund_amount="0.1234"), "refund_amount"),
            ("missing_amount", {k: v for k, v in args.items() if k != "refund_amount"}, "refund_amount"),
            ("missing_currency", {k: v for k, v in args.items() if k != "refund_currency"}, "refund_currency"),
            ("currency_4", dict(args, refund_currency="EURO"), "refund_currency"),
            ("missing_description", {k: v for k, v in args.items() if k != "refund_description"},
             "refund_description"),
            ("missing_trade_id", {k: v for k, v in args.items() if k != "trade_id"}, "trade_id"),
            ("notify_url_not_url", dict(args, notify_url="merchant.example.com/n"), "notify_url"),
            ("unknown_argument", dict(args, amount="0.1"), "amount")):
        r("invalid_" + name, "refused before sending, naming %s" % field, a=a, build_error=verr(field))


def gen_query_refund(gw):
    # V-YB-5: signed sorted
    cfg = dict(SPEC_CFG, fixed_time="2024-10-10T13:27:15.000+00:00")
    rid = "3841510a-4d18-4a61-808d-431a45006de2"
    args = {"refund_id": rid}
    b = published(cfg, "v3.QueryRefundOrder", 1728566835, {"refund_id": rid},
                  "method=v3.QueryRefundOrder&refund_id=3841510a-4d18-4a61-808d-431a45006de2&time=1728566835"
                  "&user=016683", "31b85e4b853065997a7e186f1f12c599e2d5569163221b97b5c0980ff74daaba")
    d = {"transaction_id": "T1", "refund_id": rid, "m_refund_id": None, "refund_time": "2024-10-10 13:30:00",
         "state": "22", "refund_amount": "0.10", "refund_currency": "EUR", "refund_description": "test",
         "notify_url": "https://www.yabandpay.com", "demo": "", "settlement_refund_amount": "0.10",
         "settlement_refund_currency": "EUR", "merchant_cost": "0", "yb_transaction_id": "Y1"}

    def q(name, desc, **rest):
        add(gw, "query_refund_" + name, desc, "call", cfg, op="query_refund", args=args, build=b, **rest)

    q("v_yb_5", "LIFECYCLE.md V-YB-5 (signed sorted), state 22, m_refund_id null",
      response={"status": 200, "headers": JH, "body": answer(d)}, result=refund(d, "pending"))
    for n, (state, status) in enumerate(REFUND_STATES):
        dd = dict(d, state=state, m_refund_id="R-1", trade_id="2b2aa1af-6e97-4c01-8c52-86200bf66c82")
        q("state_%02d_%s" % (n, slug(state)), "refund state %r -> %s (LIFECYCLE.md 6.3)" % (state, status),
          response={"status": 200, "headers": JH, "body": answer(dd)}, result=refund(dd, status))
    q("other_refund", "an answer about another refund_id: ProtocolError, outcome unknown",
      response={"status": 200, "headers": JH, "body": answer(dict(d, refund_id="other"))},
      error={"code": "CT_ERR_PROTOCOL", "field": "data.refund_id", "outcome_unknown": True})
    q("no_state", "a query answer without state: ProtocolError",
      response={"status": 200, "headers": JH, "body": answer({k: v for k, v in d.items() if k != "state"})},
      error={"code": "CT_ERR_PROTOCOL", "field": "data.state"})
    q("error_403", "status false -403: GatewayError",
      response={"status": 200, "headers": JH, "body": failure("-403", "signature error")},
      error={"code": "CT_ERR_GATEWAY", "gateway_code": "-403", "gateway_message": "signature error"})
    add(gw, "query_refund_invalid_missing", "refund_id is required", "call", cfg, op="query_refund", args={},
        build_error=verr("refund_id"))


def gen_notifications(gw):
    # V-YB-7, verbatim
    cfg = dict(SPEC_CFG, fixed_time="2025-09-03T05:49:16.000+00:00")
    body = ('{"sign":"879495fcb583ec84286b429256844802d6d82e33368caf99a9d70f19f02441b7","data":{"type":"payment",'
            '"user":"016683","order_id":"1756878556","trade_id":"2b2aa1af-6e97-4c01-8c52-86200bf66c82",'
            '"transaction_id":"","amount":"0.10","currency":"EUR","state":"paid","demo":"",'
            '"payment_token_object":"TOKEN_FROM_NOTIFY_0001"}}')
    data = json.loads(body)["data"]
    sts = sign_string(data)
    assert sts == ("amount=0.10&currency=EUR&demo=&order_id=1756878556&payment_token_object=TOKEN_FROM_NOTIFY_0001"
                   "&state=paid&trade_id=2b2aa1af-6e97-4c01-8c52-86200bf66c82&transaction_id=&type=payment"
                   "&user=016683")
    assert hmac_hex(SPEC_SECRET, sts) == "879495fcb583ec84286b429256844802d6d82e33368caf99a9d70f19f02441b7"
    add(gw, "notification_v_yb_7_token", "LIFECYCLE.md V-YB-7: a payment notification carrying the token",
        "notification", cfg, notification={"body": body}, verified=data)
    nt = {k: v for k, v in data.items() if k != "payment_token_object"}
    nb = cj({"sign": hmac_hex(SPEC_SECRET, sign_string(nt)), "data": nt})
    add(gw, "notification_without_token", "a payment notification without a token (card not stored)",
        "notification", cfg, notification={"body": nb}, verified=nt)
    rf = {"type": "refund", "user": "016683", "trade_id": "2b2aa1af-6e97-4c01-8c52-86200bf66c82",
          "refund_id": "3841510a-4d18-4a61-808d-431a45006de2", "m_refund_id": "R-1", "refund_amount": "0.10",
          "refund_currency": "EUR", "state": "23"}
    rb = cj({"sign": hmac_hex(SPEC_SECRET, sign_string(rf)), "data": rf})
    add(gw, "notification_refund", "a refund notification (type refund) verifies the same way",
        "notification", cfg, notification={"body": rb}, verified=rf)
    tampered = body.replace("TOKEN_FROM_NOTIFY_0001", "TOKEN_FROM_NOTIFY_0002")
    add(gw, "notification_token_tampered", "V-YB-7 with another token: SignatureError", "notification", cfg,
        notification={"body": tampered}, error={"code": "CT_ERR_SIGNATURE", "field": "sign"})


def gen_life(gw):
    gen_pay(gw)
    gen_query(gw)
    gen_refund(gw)
    gen_query_refund(gw)
    gen_notifications(gw)
