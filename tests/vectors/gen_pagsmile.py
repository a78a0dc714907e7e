"""Pagsmile vectors (called by gen.py): DriectSign MD5 over the sorted fields,
PHP empty() values dropped, nested values as PHP json_encode."""

import hashlib
import hmac

import gen_pagsmile_life

from gen_common import (BAD_BUILD, FT, add, base_url_cases, bytewise, cerr, cj, http_cases, luhn_ok, md5hex,
                        verr)


# ---------------------------------------------------------------------------
# PHP json_encode (default flags) for Pagsmile nested values
# ---------------------------------------------------------------------------


def php_json_str(s):
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "/":
            out.append("\\/")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif cp < 0x20:
            out.append("\\u%04x" % cp)
        elif cp < 0x80:
            out.append(ch)
        elif cp < 0x10000:
            out.append("\\u%04x" % cp)
        else:
            v = cp - 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)))
    out.append('"')
    return "".join(out)


def php_json(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        raise ValueError("floats are not used in vectors (PHP float formatting is ambiguous)")
    if isinstance(v, str):
        return php_json_str(v)
    if isinstance(v, list):
        return "[" + ",".join(php_json(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            # PHP decodes {} to array() and re-encodes it as [] : ambiguous, never used.
            raise ValueError("empty nested object is ambiguous in PHP")
        return "{" + ",".join(php_json_str(k) + ":" + php_json(x) for k, x in v.items()) + "}"
    raise TypeError(type(v))


def php_empty(v):
    if v is None or v is False:
        return True
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return v == 0
    if isinstance(v, str):
        return v in ("", "0")
    if isinstance(v, (list, dict)):
        return len(v) == 0
    return False


def pagsmile_string(fields, app_key):
    parts = []
    for k in bytewise([k for k in fields if k != "sign"]):
        v = fields[k]
        if php_empty(v):
            continue
        if v is True:
            s = "1"
        elif isinstance(v, bool):
            raise AssertionError
        elif isinstance(v, int):
            s = str(v)
        elif isinstance(v, str):
            s = v
        else:
            s = php_json(v)
        parts.append("%s=%s" % (k, s))
    return "&".join(parts) + "&key=" + app_key


PG_ENV = {"sandbox": "https://paychanneldev.pagsmile.com", "production": "https://paychannel.pagsmile.com"}
PG_CFG = {"merchant_no": "1024201708140012289", "app_id": "2017051914172236111",
          "app_key": "pagsmile-test-key", "environment": "sandbox", "fixed_time": FT}
PG_ARGS = {"card_number": "4235647728025682", "security_code": "123", "expiration_month": "12",
           "expiration_year": "2030", "cardholder_name": "APRO"}

PUBLISHED_STRING = (
    'app_id=2017051914172236111&customer={"name":"Test User Name","buyer_ip":"127.0.0.1",'
    '"browser":"safari","email":"test@pagsmile.com","cpf":"50284414727","out_uid":"out_uid",'
    '"phone":"11941523675"}&merchant_no=102320170519&payment={"out_order_no":"test-003803",'
    '"order_amount":10,"currency":"BRL","subject":"test-subject","content":"test-content",'
    '"method":"103001","return_url":"www.pagsmile.com","notify_url":"www.pagsmile.com"}'
    '&sign_type=md5&timeout_express=15d&timestamp=1516190481&version=1.0&key=MD5Key')
PUBLISHED_MD5 = "9c359d0c63f468186ae7ea529cf202b3"

# The seed's sample response, verbatim (a comma is missing after "APRO").
SEED_PG_RESPONSE = '''  {
    "code":"200",
    "info":
        {
            "token":"2608f4508569a3461ddb8277844e8e62",
            "card_info":
                {
                    "first_six_digits":"423564",
                    "last_four_digits":"5682",
                    "expiration_month":12,
                    "expiration_year":2022,
                    "cardholder_name":"APRO"
                    "payment_method_id":"visa"
                }
        }
  }
'''


def pg_build(cfg, args):
    base = cfg.get("base_url") or PG_ENV[cfg["environment"]]
    fields = {"merchant_no": cfg["merchant_no"], "app_id": cfg["app_id"]}
    for k in ("card_number", "security_code", "expiration_month", "expiration_year", "cardholder_name"):
        fields[k] = args[k]
    sts = pagsmile_string(fields, cfg["app_key"])
    sig = md5hex(sts)
    fields["sign"] = sig
    return {"string_to_sign": sts, "signature": sig, "method": "POST", "url": base + "/api/getcardtoken",
            "headers": [["Content-Type", "application/json"]], "body": cj(fields)}


def pg_ok_response(args, code="200", token="2608f4508569a3461ddb8277844e8e62", method_id="visa"):
    card_info = {"first_six_digits": args["card_number"][:6], "last_four_digits": args["card_number"][-4:],
                 "expiration_month": int(args["expiration_month"]),
                 "expiration_year": int(args["expiration_year"]),
                 "cardholder_name": args["cardholder_name"]}
    if method_id is not None:
        card_info["payment_method_id"] = method_id
    body = cj({"code": code, "info": {"token": token, "card_info": card_info}})
    result = {"token": token, "first_six_digits": card_info["first_six_digits"],
              "last_four_digits": card_info["last_four_digits"],
              "expiration_month": card_info["expiration_month"],
              "expiration_year": card_info["expiration_year"],
              "cardholder_name": args["cardholder_name"], "payment_method_id": method_id}
    return {"status": 200, "headers": [["Content-Type", "application/json"]], "body": body}, result


def gen_pagsmile():
    gen_pagsmile_life.gen()
    gw = "pagsmile"
    cfg, args = PG_CFG, PG_ARGS
    for n in (args["card_number"],):
        assert luhn_ok(n)

    # The published vector: our PHP json_encode emulation must reproduce it byte for byte.
    pub_fields = {
        "app_id": "2017051914172236111",
        "customer": {"name": "Test User Name", "buyer_ip": "127.0.0.1", "browser": "safari",
                     "email": "test@pagsmile.com", "cpf": "50284414727", "out_uid": "out_uid",
                     "phone": "11941523675"},
        "merchant_no": "102320170519",
        "payment": {"out_order_no": "test-003803", "order_amount": 10, "currency": "BRL",
                    "subject": "test-subject", "content": "test-content", "method": "103001",
                    "return_url": "www.pagsmile.com", "notify_url": "www.pagsmile.com"},
        "sign_type": "md5", "timeout_express": "15d", "timestamp": "1516190481", "version": "1.0",
    }
    s = pagsmile_string(pub_fields, "MD5Key")
    assert s == PUBLISHED_STRING, s
    assert md5hex(s) == PUBLISHED_MD5
    assert php_json("a/b é 😀\n") == '"a\\/b \\u00e9 \\ud83d\\ude00\\n"'

    b = pg_build(cfg, args)
    resp, res = pg_ok_response(args)
    add(gw, "success", "getcardtoken: full build, string response code \"200\"", "call", cfg, args=args,
        build=b, response=resp, result=res)

    resp2, res2 = pg_ok_response(args, code=200, token="9e107d9d372bb6826bd81d3542a419d6", method_id=None)
    add(gw, "success_integer_code", "response code as integer 200, payment_method_id absent -> null",
        "call", cfg, args=args, build=b, response=resp2, result=res2)

    a = dict(args, cardholder_name="José Müller")
    r, rr = pg_ok_response(a, method_id="master")
    add(gw, "non_ascii_cardholder", "non-ASCII name: raw UTF-8 in body and string to sign", "call", cfg,
        args=a, build=pg_build(cfg, a), response=r, result=rr)

    a = dict(args, card_number="4111111111111111", security_code="0000", expiration_month="01",
             cardholder_name="张伟 Zhang Wei")
    r, rr = pg_ok_response(a)
    add(gw, "chinese_cardholder_4_digit_cvv", "Chinese name, 4-digit CVV \"0000\" (not PHP-empty), month 01",
        "call", cfg, args=a, build=pg_build(cfg, a), response=r, result=rr)

    a = dict(args, cardholder_name='Zoë "Zo" O\'Brien/Smith \\ 😀')
    add(gw, "escaping_cardholder", "quote, backslash, slash and an emoji: JSON escaping of the body",
        "call", cfg, args=a, build=pg_build(cfg, a))

    a = dict(args, cardholder_name="é" * 100)
    add(gw, "cardholder_100_chars", "100 characters (200 bytes) is within 1..100 code points", "call",
        cfg, args=a, build=pg_build(cfg, a))

    c = {k: v for k, v in cfg.items() if k != "environment"}
    c["base_url"] = "http://127.0.0.1:8080"
    add(gw, "loopback_base_url", "http base_url on loopback with a port", "call", c, args=args,
        build=pg_build(c, args))

    c = dict(cfg, environment="production")
    add(gw, "production_environment", "environment production host", "call", c, args=args,
        build=pg_build(c, args))

    fixed = SEED_PG_RESPONSE.replace('"APRO"\n', '"APRO",\n')
    seed_args = dict(args, expiration_year="2022")
    add(gw, "seed_response_repaired", "the seed's sample response with its missing comma restored",
        "call", cfg, args=seed_args, build=pg_build(cfg, seed_args),
        response={"status": 200, "headers": [["Content-Type", "application/json"]], "body": fixed},
        result={"token": "2608f4508569a3461ddb8277844e8e62", "first_six_digits": "423564",
                "last_four_digits": "5682", "expiration_month": 12, "expiration_year": 2022,
                "cardholder_name": "APRO", "payment_method_id": "visa"})
    add(gw, "seed_response_missing_comma", "the seed's sample response verbatim: not JSON -> protocol error",
        "call", cfg, args=seed_args, build=pg_build(cfg, seed_args),
        response={"status": 200, "headers": [["Content-Type", "application/json"]], "body": SEED_PG_RESPONSE},
        error={"code": "CT_ERR_PROTOCOL"})

    jh = [["Content-Type", "application/json"]]
    add(gw, "error_402_string_code", "gateway failure, code as string", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": '{"code":"402","info":"SIGN_VERIFY_FAILURE"}'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "402", "gateway_message": "SIGN_VERIFY_FAILURE",
               "http_status": 200})
    add(gw, "error_402_integer_code", "gateway failure, code as integer", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": '{"code":402,"info":"SIGN_VERIFY_FAILURE"}'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "402", "gateway_message": "SIGN_VERIFY_FAILURE",
               "http_status": 200})
    add(gw, "error_403_sign_isnull", "gateway failure 403 SIGN_ISNULL (integer code)", "call", cfg,
        args=args, build=b,
        response={"status": 200, "headers": jh, "body": '{"code":403,"info":"SIGN_ISNULL"}'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "403", "gateway_message": "SIGN_ISNULL",
               "http_status": 200})
    add(gw, "error_759_email_isnull", "gateway failure 759, pretty-printed body", "call", cfg,
        args=args, build=b,
        response={"status": 200, "headers": jh, "body": '{\n  "code": "759",\n  "info": "EMAIL_ISNULL"\n}\n'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "759", "gateway_message": "EMAIL_ISNULL"})
    add(gw, "duplicate_keys", "duplicate key in the response -> protocol error", "call", cfg, args=args,
        build=b, response={"status": 200, "headers": jh,
                           "body": resp["body"].replace('{"code":"200",', '{"code":"200","code":"402",', 1)},
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "missing_card_info", "success without info.card_info -> protocol error", "call", cfg,
        args=args, build=b, response={"status": 200, "headers": jh,
                                      "body": '{"code":"200","info":{"token":"2608f4508569a3461ddb8277844e8e62"}}'},
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "missing_code", "response without code -> protocol error", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": '{"info":"SIGN_VERIFY_FAILURE"}'},
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "wrong_type_info", "code 200 with info a string -> protocol error", "call", cfg, args=args,
        build=b, response={"status": 200, "headers": jh, "body": '{"code":"200","info":"SUCCESS"}'},
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "not_json_html", "an HTML page with status 200 -> protocol error", "call", cfg, args=args,
        build=b, response={"status": 200, "headers": [["Content-Type", "text/html"]],
                           "body": "<html><body>maintenance</body></html>"},
        error={"code": "CT_ERR_PROTOCOL"})
    http_cases(gw, cfg, args, b)

    # validation
    for name, over, field in (
            ("invalid_card_luhn", {"card_number": "4235647728025683"}, "card_number"),
            ("invalid_card_too_short", {"card_number": "42424242424"}, "card_number"),
            ("invalid_card_spaces", {"card_number": "4235 6477 2802 5682"}, "card_number"),
            ("invalid_cvv_short", {"security_code": "12"}, "security_code"),
            ("invalid_cvv_letters", {"security_code": "12a"}, "security_code"),
            ("invalid_month_13", {"expiration_month": "13"}, "expiration_month"),
            ("invalid_month_00", {"expiration_month": "00"}, "expiration_month"),
            ("invalid_month_one_digit", {"expiration_month": "1"}, "expiration_month"),
            ("invalid_year_2_digits", {"expiration_year": "30"}, "expiration_year"),
            ("invalid_cardholder_101_chars", {"cardholder_name": "é" * 101}, "cardholder_name"),
            ("invalid_cardholder_control_char", {"cardholder_name": "John\nSmith"}, "cardholder_name"),
            ("invalid_cardholder_empty", {"cardholder_name": ""}, "cardholder_name"),
    ):
        add(gw, name, "validation: %s" % field, "call", cfg, args=dict(args, **over), build_error=verr(field))
    a = {k: v for k, v in args.items() if k != "cardholder_name"}
    add(gw, "invalid_missing_cardholder", "validation: required argument absent", "call", cfg, args=a,
        build_error=verr("cardholder_name"))
    add(gw, "invalid_unknown_argument", "validation: unknown argument name", "call", cfg,
        args=dict(args, card_brand="visa"), build_error=verr("card_brand"))

    # notifications
    pub_cfg = dict(cfg, merchant_no="102320170519", app_key="MD5Key")
    f = dict(pub_fields, sign=PUBLISHED_MD5)
    add(gw, "notification_published_vector", "Pagsmile's published signing vector (nested objects, app key MD5Key)",
        "notification", pub_cfg, notification={"fields": f}, verified=f)

    nf = {"trade_no": "2022012210000012345", "out_trade_no": "ORD-0001", "trade_status": "SUCCESS",
          "passback_params": {"return": "https://merchant.example.com/a/b?x=1&y=2", "name": "José 张伟",
                              "emoji": "😀", "quote": 'say "hi" \\ ok', "n": 3, "ok": True, "none": None,
                              "list": [1, "two", {"k": "v/w"}]},
          "pay_channel": "card", "total_amount": "10.50", "currency": "BRL", "version": "2.0",
          "sign_type": "MD5"}
    nf["sign"] = md5hex(pagsmile_string(nf, cfg["app_key"]))
    assert 'https:\\/\\/merchant' in pagsmile_string(nf, cfg["app_key"])
    add(gw, "notification_nested_escapes", "nested value as PHP json_encode: \\/ , \\u00e9, surrogate pair, ints, true",
        "notification", cfg, notification={"fields": nf}, verified=nf)

    ef = {"trade_no": "2022012210000012346", "out_trade_no": "ORD-0002", "trade_status": "SUCCESS",
          "passback_params": "", "pay_channel": "card", "total_amount": "0", "refund_amount": 0,
          "coupon": None, "is_test": False, "items": [], "extra": {}, "paid": True, "currency": "BRL",
          "version": "2.0", "sign_type": "MD5"}
    ss = pagsmile_string(ef, cfg["app_key"])
    assert "total_amount" not in ss and "passback_params" not in ss and "paid=1" in ss
    ef["sign"] = md5hex(ss)
    signed_only = {k: v for k, v in ef.items() if k == "sign" or not php_empty(v)}
    add(gw, "notification_empty_values", 'PHP-empty values ("", "0", 0, null, false, [], {}) dropped from the '
        'string and, never signed, from the verified mapping; true -> 1',
        "notification", cfg, notification={"fields": ef}, verified=signed_only)
    ok_fields = {"trade_no": "2022012210000012348", "out_trade_no": "ORD-0004", "trade_status": "SUCCESS",
                 "total_amount": "5.00", "currency": "BRL"}
    injected = dict(ok_fields, sign=md5hex(pagsmile_string(ok_fields, cfg["app_key"])))
    injected.update({"refund_status": "", "is_test": 0})  # added after signing: still verifies
    assert md5hex(pagsmile_string({k: v for k, v in injected.items() if k != "sign"},
                                  cfg["app_key"])) == injected["sign"]
    add(gw, "notification_injected_empty_fields", "empty fields added after signing still verify (the k=v& "
        "scheme cannot see them) but are not in the verified mapping", "notification", cfg,
        notification={"fields": injected}, verified=dict(ok_fields, sign=injected["sign"]))

    ok = {"trade_no": "2022012210000012347", "out_trade_no": "ORD-0003", "trade_status": "SUCCESS",
          "passback_params": "José", "pay_channel": "card", "total_amount": "99.90", "currency": "BRL",
          "version": "2.0", "sign_type": "MD5"}
    ok["sign"] = md5hex(pagsmile_string(ok, cfg["app_key"]))
    add(gw, "notification_flat", "flat form fields with a non-ASCII value", "notification", cfg,
        notification={"fields": ok}, verified=ok)
    t = dict(ok, total_amount="9.99")
    add(gw, "notification_tampered", "amount changed after signing", "notification", cfg,
        notification={"fields": t}, error={"code": "CT_ERR_SIGNATURE"})
    m = {k: v for k, v in ok.items() if k != "sign"}
    add(gw, "notification_missing_sign", "no sign field", "notification", cfg, notification={"fields": m},
        error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_wrong_key", "signed with another app key", "notification", dict(cfg, app_key="other-key"),
        notification={"fields": ok}, error={"code": "CT_ERR_SIGNATURE"})

    add(gw, "ack", "answer to a notification", "ack", cfg, path="/notify/pagsmile",
        ack={"headers": [["Content-Type", "text/plain; charset=UTF-8"]], "body": "success"})

    # config
    c = base_url_cases(gw, cfg)
    add(gw, "config_base_url_localhost", "http://localhost:9000 is allowed", "config",
        dict(c, base_url="http://localhost:9000"))
    add(gw, "config_base_url_with_path", "base_url has no path", "config",
        dict(c, base_url="https://paychanneldev.pagsmile.com/api"), config_error=cerr("base_url"))
    # base_url and proxy shapes the URL checks refuse (issue 21)
    for name, desc, url in (
            ("config_base_url_bad_ipv6", "only valid IPv6 text inside brackets", "https://[1:2]"),
            ("config_base_url_bracket_userinfo", "a '[' host hiding user info, a path, a query and a fragment "
             "(issue 21): libcurl would POST to /evil", "https://[@127.0.0.1:8443/evil?#]"),
            ("config_base_url_empty_query", "an empty query is still a query", "https://paychanneldev.pagsmile.com?"),
            ("config_base_url_empty_userinfo", "an empty user and password are still user info",
             "https://:@paychanneldev.pagsmile.com"),
            ("config_base_url_ipv6_zone", "an IPv6 zone id is refused", "https://[fe80::1%25eth0]")):
        add(gw, name, desc, "config", dict(c, base_url=url), config_error=cerr("base_url"))
    add(gw, "config_proxy_with_path", "proxy is scheme://host[:port] (credentials allowed), no path", "config",
        dict(c, base_url="https://paychanneldev.pagsmile.com", proxy="http://127.0.0.1:3128/evil"),
        config_error=cerr("proxy"))
    add(gw, "config_bad_environment", "Pagsmile has no environment \"sea\"", "config",
        dict(cfg, environment="sea"), config_error=cerr("environment"))
    add(gw, "config_unknown_option", "unknown option name", "config", dict(cfg, colour="blue"),
        config_error=cerr("colour"))
    add(gw, "config_missing_app_key", "app_key required", "config",
        {k: v for k, v in cfg.items() if k != "app_key"}, config_error=cerr("app_key"))
    add(gw, "config_merchant_no_too_long", "merchant_no 21 characters", "config",
        dict(cfg, merchant_no="1" * 21), config_error=cerr("merchant_no"))


# ---------------------------------------------------------------------------
# --check
# ---------------------------------------------------------------------------


def check_build(b, body, cfg, mpub):
    """The problems of a built request (key order, string to sign, MD5)."""
    if "card_number" not in body:
        return gen_pagsmile_life.check_build(b, body, cfg)
    problems = []
    fields = {k: v for k, v in body.items() if k != "sign"}
    if list(body) != ["merchant_no", "app_id", "card_number", "security_code", "expiration_month",
                      "expiration_year", "cardholder_name", "sign"]:
        problems.append("body key order")
    sts = pagsmile_string(fields, cfg["app_key"])
    if not (sts == b["string_to_sign"] and hashlib.md5(sts.encode()).hexdigest() == b["signature"]
            == body["sign"]):
        problems.append(BAD_BUILD)
    return problems


def check_notification(n, cfg, gpub):
    """(signature valid, the content a verifier returns) of a notification."""
    fl = n["fields"]
    valid = "sign" in fl and hmac.compare_digest(
        hashlib.md5(pagsmile_string(fl, cfg["app_key"]).encode()).hexdigest(), fl["sign"])
    vd = {k: v for k, v in fl.items() if k == "sign" or not php_empty(v)}
    return valid, vd
