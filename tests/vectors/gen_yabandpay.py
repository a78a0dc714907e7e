"""YabandPay vectors (called by gen.py): HMAC-SHA256 over the sorted fields, empty
values kept; notifications signed as PHP's (string) (gen_phpstr.py); the 3DS
low-value exemption (gen_lowvalue.py)."""

import hashlib
import hmac
import json
import math
import urllib.parse

from gen_common import (BAD_BUILD, FT, _dt, add, base_url_cases, bytewise, cerr, cj, hmac_hex, http_cases,
                        luhn_ok, strict_loads, verr)
from gen_lowvalue import gen_low_value
from gen_phpstr import check_php_form, gen_php_notifications


def yabandpay_value(v):
    if v is None or v is False:
        return ""
    if v is True:
        return "1"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        raise ValueError("floats are not used in vectors")
    if isinstance(v, str):
        return v
    return cj(v)


def raw_members(text, start=0):
    """{key: raw value text} of the JSON object starting at text[start]
    (the bytes as received; independent of the core's scanner)."""
    dec = json.JSONDecoder()
    ws = " \t\r\n"
    i = start + 1
    out = {}
    while True:
        while text[i] in ws:
            i += 1
        if text[i] == "}":
            return out
        key, i = dec.raw_decode(text, i)
        while text[i] in ws + ":":
            i += 1
        _, end = dec.raw_decode(text, i)
        out[key] = (text[i:end], i)
        i = end
        while text[i] in ws + ",":
            i += 1


def yabandpay_string(fields):
    return "&".join("%s=%s" % (k, yabandpay_value(fields[k])) for k in bytewise(fields))


def unix_seconds(ft):
    return math.floor(_dt(ft).timestamp())


# ---------------------------------------------------------------------------
# YabandPay
# ---------------------------------------------------------------------------

YP_ENV = {"production": "https://mapi.yabandpay.com"}
YP_METHOD = "v3.CreateCardPayments"
YP_SEED_STRING = (
    '3ds_initiate=01&amount=0.1&cardinfo={"card_holder":"John Smith","emial":"JohnSmith@gmail.com",'
    '"card_number":"4356789012345670","expiration_month":"01","expiration_year":"2023","cvc":"123"}'
    '&currency=EUR&description=test&method=v3.CreateCardPayments&notify_url=https://www.yabandpay.com/notify'
    '&operation=11&order_id=1756878556&pay_method=online&redirect_url=https://www.yabandpay.com/redirect_url'
    '&request_id=a7z1lox4l6z6mdx1udgn5gtezasze1x0&sca_exemption=LowValue&sub_pay_method=Card&time=1756878556'
    '&timeout=0&user=016683')
# the seed's own request body ("提交示例"), as published (order_id a number, no token_type)
YP_SEED_BODY = {
    "user": "016683", "method": "v3.CreateCardPayments", "time": 1756878556,
    "data": {"description": "test", "3ds_initiate": "01", "timeout": "0", "pay_method": "online",
             "sub_pay_method": "Card", "operation": "11", "order_id": 1756878556,
             "cardinfo": "{\"card_holder\":\"John Smith\",\"emial\":\"JohnSmith@gmail.com\",\"card_number\":"
                         "\"4356789012345670\",\"expiration_month\":\"01\",\"expiration_year\":\"2023\",\"cvc\":\"123\"}",
             "sca_exemption": "LowValue", "amount": "0.1", "currency": "EUR",
             "redirect_url": "https://www.yabandpay.com/redirect_url", "notify_url": "https://www.yabandpay.com/notify",
             "request_id": "a7z1lox4l6z6mdx1udgn5gtezasze1x0"}}
YP_SEED_RESPONSE = '''{
"status": true,
"code": "200",
"data": {
"order_id": "1725875388",
"trade_id": "2b2aa1af-6e97-4c01-8c52-86200bf66c82",
"amount": "0.1",
"currency": "EUR",
"url": "https://pay.yabandpay.com/pay_method/Y3JlZGl0Y2FyZA==/MmIyYWExYWYtNmU5Ny00YzAxLThjNTItODYyMDBiZjY2Yzgy",
"state": "processing"
},
"message": "",
"response_id": "202409091749500451314672"
}'''


def yp_build(cfg, args):
    base = cfg.get("base_url") or YP_ENV[cfg["environment"]]
    cardinfo = cj({"card_holder": args["cardholder_name"], "emial": args["email"],
                   "card_number": args["card_number"], "expiration_month": args["expiration_month"],
                   "expiration_year": args["expiration_year"], "cvc": args["security_code"]})
    data = {"pay_method": "online", "sub_pay_method": "Card", "operation": args.get("operation", "10"),
            "order_id": args["order_id"], "token_type": args.get("token_type", "CIT"),
            "3ds_initiate": args.get("three_ds_initiate", "01"), "cardinfo": cardinfo,
            "amount": args.get("amount", "0"), "currency": args["currency"], "description": args["description"],
            "timeout": str(args.get("order_timeout", 30)), "notify_url": args["notify_url"],
            "request_id": args["request_id"]}
    for k in ("redirect_url", "form_type", "demo", "sca_exemption"):
        if k in args:
            data[k] = args[k]
    t = unix_seconds(cfg["fixed_time"])
    fields = dict(data, user=cfg["user"], method=YP_METHOD, time=t)
    sts = yabandpay_string(fields)
    sig = hmac_hex(cfg["secret_key"], sts)
    body = cj({"user": cfg["user"], "sign": sig, "method": YP_METHOD, "time": t, "data": data})
    return {"string_to_sign": sts, "signature": sig, "method": "POST", "url": base + "/Payments",
            "headers": [["Content-Type", "application/json"]], "body": body}


def yp_result(resp_data, response_id, request_id):
    r = {k: resp_data.get(k) for k in ("order_id", "trade_id", "amount", "currency", "url", "state")}
    r["response_id"] = response_id
    r["request_id"] = request_id
    return r


YP_CFG = {"user": "016683", "secret_key": "yabandpay-test-secret", "environment": "production", "fixed_time": FT}
YP_ARGS = {"order_id": "ORD-20220122-0001", "card_number": "4235647728025682", "security_code": "123",
           "expiration_month": "12", "expiration_year": "2030", "cardholder_name": "John Smith",
           "email": "john.smith@example.com", "currency": "EUR", "description": "Card token",
           "notify_url": "https://merchant.example.com/notify/yabandpay",
           "request_id": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"}


def gen_yabandpay():
    gw = "yabandpay"
    cfg, args = dict(YP_CFG), dict(YP_ARGS)
    jh = [["Content-Type", "application/json"]]

    # 1. our sign-string function reproduces the repaired seed string from the seed's own body
    seed_fields = dict(YP_SEED_BODY["data"], user=YP_SEED_BODY["user"], method=YP_SEED_BODY["method"],
                       time=YP_SEED_BODY["time"])
    assert yabandpay_string(seed_fields) == YP_SEED_STRING
    seed_ft = "2025-09-03T05:49:16.000+00:00"
    assert unix_seconds(seed_ft) == 1756878556
    assert unix_seconds(FT) == 1642816800

    # 2. the seed example built through the API: the seed's card fails Luhn ...
    seed_args = {"order_id": "1756878556", "card_number": "4356789012345670", "security_code": "123",
                 "expiration_month": "01", "expiration_year": "2023", "cardholder_name": "John Smith",
                 "email": "JohnSmith@gmail.com", "currency": "EUR", "description": "test",
                 "notify_url": "https://www.yabandpay.com/notify", "operation": "11", "amount": "0.1",
                 "order_timeout": 0, "request_id": "a7z1lox4l6z6mdx1udgn5gtezasze1x0",
                 "redirect_url": "https://www.yabandpay.com/redirect_url", "sca_exemption": "LowValue"}
    seed_cfg = dict(cfg, fixed_time=seed_ft)
    assert not luhn_ok(seed_args["card_number"])
    add(gw, "seed_example_card_fails_luhn", "the seed's example exactly: its card 4356789012345670 fails Luhn",
        "call", seed_cfg, args=seed_args, build_error=verr("card_number"))
    # ... so the repaired case uses a Luhn-valid card and the core's always-sent token_type=CIT
    good = "4356789012345674"
    assert luhn_ok(good)
    # ... and its expiry 01/2023 had passed at its own time (2025-09-03): the repaired case
    # also moves the expiry to 01/2027
    add(gw, "seed_example_expired", "the seed's example with a Luhn-valid card: expiry 01/2023 is past at the "
        "seed's time 2025-09-03", "call", seed_cfg, args=dict(seed_args, card_number=good),
        build_error=verr("expiration_year"))
    ra = dict(seed_args, card_number=good, expiration_year="2027")
    rb = yp_build(seed_cfg, ra)
    expect = YP_SEED_STRING.replace("4356789012345670", good).replace("&timeout=0&user=",
                                                                      "&timeout=0&token_type=CIT&user=")
    expect = expect.replace('"expiration_year":"2023"', '"expiration_year":"2027"')
    assert rb["string_to_sign"] == expect, rb["string_to_sign"]
    seed_resp_data = json.loads(YP_SEED_RESPONSE)["data"]
    # The seed's response example is about another order (1725875388) than its request example
    # (1756878556): parsed with that request it is not about it.
    assert seed_resp_data["order_id"] != ra["order_id"]
    add(gw, "seed_example_repaired", "PROTOCOLS.md's repaired seed string with a Luhn-valid card, token_type=CIT "
        "and an expiry (01/2027) not yet past at the seed's time; the seed's response example is about another "
        "order_id: not this request's answer", "call", seed_cfg, args=ra, build=rb,
        response={"status": 200, "headers": jh, "body": YP_SEED_RESPONSE},
        error={"code": "CT_ERR_PROTOCOL", "field": "data.order_id", "outcome_unknown": True})
    ro = dict(ra, order_id=seed_resp_data["order_id"])
    add(gw, "seed_response_example", "the seed's response example, answering a request for its order_id",
        "call", seed_cfg, args=ro, build=yp_build(seed_cfg, ro),
        response={"status": 200, "headers": jh, "body": YP_SEED_RESPONSE},
        result=yp_result(seed_resp_data, "202409091749500451314672", ro["request_id"]))

    b = yp_build(cfg, args)
    assert '"time":1642816800' in b["body"]
    rd = {"order_id": args["order_id"], "trade_id": "2b2aa1af-6e97-4c01-8c52-86200bf66c82", "amount": "0",
          "currency": "EUR", "url": "https://pay.yabandpay.com/pay_method/Y3JlZGl0Y2FyZA==/abc", "state": "processing"}
    ok = cj({"status": True, "code": "200", "data": rd, "message": "", "response_id": "202201221000000000000001"})
    add(gw, "success", "operation 10 defaults (amount 0, CIT, 3ds 01, timeout 30), full build and response",
        "call", cfg, args=args, build=b, response={"status": 200, "headers": jh, "body": ok},
        result=yp_result(rd, "202201221000000000000001", args["request_id"]))

    a = dict(args, operation="12", amount="12.345", token_type="MIT", three_ds_initiate="02", order_timeout=1440,
             redirect_url="http://merchant.example.com/back?x=1&y=2", form_type="02", demo="custom data",
             sca_exemption="LowValue")
    add(gw, "all_optional_fields", "every optional argument; optional data fields in README order", "call", cfg,
        args=a, build=yp_build(cfg, a))
    a = dict(args, demo="", order_timeout=0)
    ba = yp_build(cfg, a)
    assert "&demo=&" in ba["string_to_sign"] and "&timeout=0&" in ba["string_to_sign"]
    add(gw, "empty_demo_kept", 'demo "" is kept and signed as "demo="; timeout 0', "call", cfg, args=a, build=ba)
    a = dict(args, amount="0.00")
    add(gw, "amount_zero_decimal", 'operation 10 with amount "0.00" (numerically 0) is sent as given', "call",
        cfg, args=a, build=yp_build(cfg, a))
    a = dict(args, cardholder_name="José Müller", description="测试订单 café", order_id="订单-001")
    add(gw, "non_ascii", "non-ASCII in cardinfo, description and order_id: raw UTF-8", "call", cfg, args=a,
        build=yp_build(cfg, a))
    a = dict(args, cardholder_name='Anne "Annie" O\'Brien\\Jr', description='Order "42" \\ A/B 😀')
    ba = yp_build(cfg, a)
    assert '\\\\\\"Annie\\\\\\"' in ba["body"]
    add(gw, "escaping", "quotes/backslash inside cardinfo are escaped twice in the body; '/' raw", "call", cfg,
        args=a, build=ba)
    c = dict(cfg, fixed_time="2023-12-31T23:59:59.999-03:00")
    bc = yp_build(c, args)
    assert '"time":1704077999' in bc["body"]
    add(gw, "clock_negative_offset", "time = floor of the instant in unix seconds", "call", c, args=args, build=bc)
    c = {k: v for k, v in cfg.items() if k != "environment"}
    c["base_url"] = "http://127.0.0.1:8080"
    add(gw, "loopback_base_url", "http base_url on loopback with a port", "call", c, args=args, build=yp_build(c, args))

    add(gw, "error_minus_403", "status false, code -403", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh,
                  "body": '{"status":false,"code":"-403","message":"The signature Error","response_id":"2022012210000002"}'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "-403", "gateway_message": "The signature Error",
               "http_status": 200})
    add(gw, "error_minus_3001", "status false, code -3001", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh,
                  "body": '{"status":false,"code":"-3001","message":"Required field is missing"}'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "-3001", "gateway_message": "Required field is missing",
               "http_status": 200})
    add(gw, "malformed_json", "truncated JSON -> protocol error", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": ok[:-10]}, error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "duplicate_keys", "duplicate key -> protocol error", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": ok.replace('"status":true,', '"status":true,"status":false,')},
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "missing_data", "status true without data -> protocol error", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": '{"status":true,"code":"200","message":"","response_id":"1"}'},
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "missing_status", "no status -> protocol error", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": cj({"code": "200", "data": rd, "message": ""})},
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "wrong_type_data", "data a string -> protocol error", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": '{"status":true,"code":"200","data":"ok","message":""}'},
        error={"code": "CT_ERR_PROTOCOL"})
    http_cases(gw, cfg, args, b)

    for name, over, field in (
            ("invalid_currency_lowercase", {"currency": "eur"}, "currency"),
            ("invalid_operation_10_amount_5", {"operation": "10", "amount": "5"}, "amount"),
            ("invalid_operation_11_amount_0", {"operation": "11", "amount": "0"}, "amount"),
            ("invalid_operation_13", {"operation": "13"}, "operation"),
            ("invalid_amount_4_decimals", {"operation": "11", "amount": "1.2345"}, "amount"),
            ("invalid_amount_negative", {"operation": "11", "amount": "-1"}, "amount"),
            ("invalid_order_timeout_1441", {"order_timeout": 1441}, "order_timeout"),
            ("invalid_order_timeout_negative", {"order_timeout": -1}, "order_timeout"),
            ("invalid_token_type", {"token_type": "XIT"}, "token_type"),
            ("invalid_three_ds_initiate", {"three_ds_initiate": "1"}, "three_ds_initiate"),
            ("invalid_form_type", {"form_type": "03"}, "form_type"),
            ("invalid_email", {"email": "john.smith.example.com"}, "email"),
            ("invalid_notify_url", {"notify_url": "ftp://merchant.example.com/notify"}, "notify_url"),
            ("invalid_redirect_url", {"redirect_url": "javascript:alert(1)"}, "redirect_url"),
            ("invalid_request_id_chars", {"request_id": "req-2022-01-22"}, "request_id"),
            ("invalid_card_luhn", {"card_number": "4235647728025683"}, "card_number"),
            ("invalid_month_13", {"expiration_month": "13"}, "expiration_month"),
            ("invalid_unknown_argument", {"token": "x"}, "token"),
    ):
        add(gw, name, "validation: %s" % field, "call", cfg, args=dict(args, **over), build_error=verr(field))
    gen_low_value(gw, cfg, args, add, yp_build, verr)
    a = {k: v for k, v in args.items() if k != "description"}
    add(gw, "invalid_missing_description", "validation: required argument absent", "call", cfg, args=a,
        build_error=verr("description"))

    # notifications
    nd = {"type": "payment", "user": "016683", "order_id": "ORD-20220122-0001",
          "trade_id": "2b2aa1af-6e97-4c01-8c52-86200bf66c82", "transaction_id": "T202201221000000001",
          "amount": "0.1", "currency": "EUR", "state": "00", "time": 1642817100, "description": "Café 测试",
          "demo": "", "stored": True, "refunded": False, "remark": None,
          "payment_token_object": {"token": "tok_9f8e7d6c", "brand": "VISA", "last4": "5682",
                                   "expiry": "12/2030", "holder": "José"}}
    ns = yabandpay_string(nd)
    assert "&demo=&" in ns and "&stored=1&" in ns and "&refunded=&" in ns and "&remark=&" in ns
    assert 'payment_token_object={"token":"tok_9f8e7d6c","brand":"VISA","last4":"5682","expiry":"12/2030",' in ns
    nsig = hmac_hex(cfg["secret_key"], ns)
    nbody = cj({"sign": nsig, "data": nd})
    add(gw, "notification_json", "raw JSON notification: numbers, true/false/null, \"\" kept, nested as compact JSON",
        "notification", cfg, notification={"body": nbody}, verified=nd)
    form = "resultData=" + urllib.parse.quote_plus(nbody)
    assert "+" in form  # spaces encoded as '+' (form encoding)
    add(gw, "notification_form", "the same notification as resultData=<urlencoded JSON>", "notification", cfg,
        notification={"body": form}, verified=nd)
    simple = {"type": "payment", "user": "016683", "order_id": "1756878556", "trade_id": "t-1",
              "transaction_id": "x-1", "amount": "0.1", "currency": "EUR", "state": "01"}
    sb = cj({"sign": hmac_hex(cfg["secret_key"], yabandpay_string(simple)), "data": simple})
    add(gw, "notification_flat", "flat data, state 01", "notification", cfg, notification={"body": sb},
        verified=simple)
    # payment_token_object as the gateway wrote it (spaces, an escaped '/'):
    # signed over its received text (PROTOCOLS.md 3), never a re-serialization.
    pto_raw = '{ "token": "tok_5a4b3c2d", "url": "https:\\/\\/pay.yabandpay.com\\/t", "brand" : "VISA" }'
    pto = json.loads(pto_raw)
    assert pto["url"] == "https://pay.yabandpay.com/t" and cj(pto) != pto_raw
    td = {"type": "payment", "user": "016683", "order_id": "ORD-2", "trade_id": "t-2", "amount": "0.1",
          "currency": "EUR", "state": "00"}
    tsig = hmac_hex(cfg["secret_key"], yabandpay_string(dict(td, payment_token_object=pto_raw)))
    tbody = '{"sign":"%s","data":%s}' % (tsig, cj(td)[:-1] + ',"payment_token_object":' + pto_raw + '}')
    assert json.loads(tbody)["data"]["payment_token_object"] == pto
    add(gw, "notification_token_object_raw_text", "payment_token_object signed over its received text "
        "(spaces, escaped slashes)", "notification", cfg, notification={"body": tbody},
        verified=dict(td, payment_token_object=pto))
    gen_php_notifications(gw, cfg, add, hmac_hex, strict_loads)
    add(gw, "notification_tampered", "amount changed after signing", "notification", cfg,
        notification={"body": nbody.replace('"amount":"0.1"', '"amount":"100.1"')}, error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_form_tampered", "form body with state changed after signing", "notification", cfg,
        notification={"body": "resultData=" + urllib.parse.quote_plus(nbody.replace('"state":"00"', '"state":"05"'))},
        error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_missing_sign", "no sign", "notification", cfg,
        notification={"body": cj({"data": nd})}, error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_wrong_secret", "signed with another secret", "notification", dict(cfg, secret_key="other"),
        notification={"body": nbody}, error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "ack", "answer to a notification", "ack", cfg, path="/notify/yabandpay",
        ack={"headers": [["Content-Type", "text/plain; charset=UTF-8"]], "body": "ok"})

    c = base_url_cases(gw, cfg)
    add(gw, "config_bad_environment", "YabandPay has only production", "config", dict(cfg, environment="sandbox"),
        config_error=cerr("environment"))
    add(gw, "config_missing_secret_key", "secret_key required", "config",
        {k: v for k, v in cfg.items() if k != "secret_key"}, config_error=cerr("secret_key"))
    add(gw, "config_empty_secret_key", "secret_key non-empty", "config", dict(cfg, secret_key=""),
        config_error=cerr("secret_key"))
    add(gw, "config_timeout_zero", "timeout must be > 0", "config", dict(cfg, timeout=0), config_error=cerr("timeout"))
    add(gw, "config_timeout_ok", "timeout 2.5 and connect_timeout 1 and max_retries 0", "config",
        dict(cfg, timeout=2.5, connect_timeout=1, max_retries=0))
    add(gw, "config_max_retries_11", "max_retries 0..10", "config", dict(cfg, max_retries=11),
        config_error=cerr("max_retries"))
    add(gw, "config_fixed_time_malformed", "fixed_time needs RFC 3339 with ms and offset", "config",
        dict(cfg, fixed_time="2022-01-22 10:00:00"), config_error=cerr("fixed_time"))

    # the token lifecycle: pay_with_token, query_order, refund, query_refund
    from gen_yabandpay_life import gen_life
    gen_life(gw)


# ---------------------------------------------------------------------------
# --check
# ---------------------------------------------------------------------------


def check_build(b, body, cfg, mpub):
    """The problems of a built request: none when its string to sign and HMAC are right."""
    f = dict(body["data"], user=body["user"], method=body["method"], time=body["time"])
    sts = "&".join("%s=%s" % (k, f[k]) for k in sorted(f, key=lambda k: k.encode()))
    ok = (sts == b["string_to_sign"] and isinstance(body["time"], int)
            and hmac.compare_digest(hmac.new(cfg["secret_key"].encode(), sts.encode(),
                                             hashlib.sha256).hexdigest(), b["signature"])
            and body["sign"] == b["signature"]
            and (body["data"].get("sub_pay_method") != "Card"
                 or isinstance(strict_loads(body["data"]["cardinfo"]), dict)))
    return [] if ok else [BAD_BUILD]


def check_notification(n, cfg, gpub):
    """(signature valid, the content a verifier returns) of a notification."""
    text = n["body"]
    if text.startswith("resultData="):
        text = urllib.parse.unquote_plus(text[len("resultData="):])
    obj = strict_loads(text)
    valid = "sign" in obj and check_php_form(text, obj["sign"], cfg["secret_key"], hmac_hex,
                                             hmac.compare_digest, raw_members)
    return valid, obj["data"]
