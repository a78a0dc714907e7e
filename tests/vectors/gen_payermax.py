"""PayerMax vectors (called by gen.py): SHA256withRSA over the body, both ways."""

import json

from gen_payermax_life import SPEC_KEY_TEXTS, T1_PUB_TEXT, gen_life  # noqa: F401 (SPEC_KEY_TEXTS: gen.py)
from gen_common import (BAD_BUILD, FT, _dt, _hget, _off, add, base_url_cases, b64text, cerr, cj, http_cases,
                        key_cases, keytext, rsa_sign_b64, rsa_verify_b64, strict_loads, verr)


def payermax_time(ft):
    dt = _dt(ft)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d" % (dt.microsecond // 1000) + _off(dt)


# ---------------------------------------------------------------------------
# PayerMax
# ---------------------------------------------------------------------------

PM_ENV = {"sandbox": "https://pay-gate-uat.payermax.com", "production": "https://pay-gate.payermax.com"}
PM_PATH = "/aggregate-pay/api/gateway/inquirePaymentToken"
PM_DATA_KEYS = (("user_id", "userId"), ("token_scope", "tokenScope"), ("payment_token_id", "paymentTokenID"),
                ("payment_method_type", "paymentMethodType"), ("target_org", "targetOrg"),
                ("card_org", "cardOrg"), ("referral_code", "referralCode"))
PM_RESULT_KEYS = (("payment_token_id", "paymentTokenID"), ("user_id", "userId"), ("token_scope", "tokenScope"),
                  ("payment_token_expiry", "paymentTokenExpiry"), ("payment_token_status", "paymentTokenStatus"),
                  ("card_info", "cardInfo"), ("if_cvv", "ifCVV"), ("brand", "brand"),
                  ("payment_method_type", "paymentMethodType"), ("target_org", "targetOrg"),
                  ("account_display", "accountDisplay"), ("referral_code", "referralCode"))


def pm_build(cfg, args, priv):
    base = cfg.get("base_url") or PM_ENV[cfg["environment"]]
    data = {}
    for a, w in PM_DATA_KEYS:
        if a in args:
            data[w] = args[a]
    body = cj({"version": "1.2", "keyVersion": cfg.get("key_version", "1"),
               "requestTime": payermax_time(cfg["fixed_time"]), "appId": cfg["app_id"],
               "merchantNo": cfg["merchant_no"], "data": data})
    sig = rsa_sign_b64(priv, body)
    return {"string_to_sign": body, "signature": sig, "method": "POST", "url": base + PM_PATH,
            "headers": [["Content-Type", "application/json"], ["sign", sig]], "body": body}


def pm_result(tokens):
    return [{a: t.get(w) for a, w in PM_RESULT_KEYS} for t in tokens]


def gen_payermax(privs):
    gw = "payermax"
    mk, gk = privs["merchant"], privs["gateway"]
    cfg = {"app_id": "46153e2b787241ae8b01857bb087d1bd", "merchant_no": "010229810189301",
           "private_key": keytext("merchant_private.pem"), "gateway_public_key": keytext("gateway_public.pem"),
           "environment": "sandbox", "fixed_time": FT}
    args = {"user_id": "czy_0088"}
    b = pm_build(cfg, args, mk)
    assert b["body"].startswith('{"version":"1.2","keyVersion":"1","requestTime":"2022-01-22T10:00:00.500+08:00"')

    def signed(body, key=gk, name="sign"):
        return {"status": 200, "headers": [["Content-Type", "application/json"], [name, rsa_sign_b64(key, body)]],
                "body": body}

    tok = {"tokenScope": "tokenAcq", "targetOrg": "", "ifCVV": "N", "cardInfo": "455701******1010",
           "paymentTokenID": "PMTOKEN20230710080439571142400031000", "accountDisplay": "",
           "paymentTokenStatus": "Activated", "userId": "czy_0088", "brand": "VISA", "paymentMethodType": "CARD",
           "paymentTokenExpiry": "2023-07-14T00:00:00.537Z", "referralCode": "xxxx"}
    ok_body = cj({"msg": "", "code": "APPLY_SUCCESS", "data": {"tokenList": [tok]}})
    add(gw, "success", "inquirePaymentToken: full build, signed response with one token", "call", cfg,
        args=args, build=b, response=signed(ok_body), result=pm_result([tok]))

    # the seed's response example, pretty-printed as published, signed by the test gateway key
    seed_body = json.dumps({"msg": "", "code": "APPLY_SUCCESS", "data": {"tokenList": [tok]}}, indent=2) + "\n"
    add(gw, "seed_response_pretty", "the seed's (pretty-printed) response: signature over the raw bytes",
        "call", cfg, args=args, build=b, response=signed(seed_body), result=pm_result([tok]))

    full = {"user_id": "TEST", "token_scope": "tokenAcq", "payment_token_id": "PMTOKEN20230424072005899168200035002",
            "payment_method_type": "CARD", "card_org": "VISA", "referral_code": "xxx"}
    tok2 = {"paymentTokenID": "PMTOKEN20230424072005899168200035002", "userId": "TEST", "tokenScope": "tokenAcq",
            "paymentTokenExpiry": "2026-04-24T07:20:05.899+08:00", "paymentTokenStatus": "Activated",
            "cardInfo": "424242******4242", "ifCVV": "Y", "brand": "VISA", "paymentMethodType": "CARD",
            "targetOrg": "", "accountDisplay": "", "referralCode": "xxx", "someFutureField": {"x": 1}}
    add(gw, "all_optional_fields", "every optional argument given (the seed's request example, targetOrg omitted); "
        "unknown response fields ignored", "call", cfg, args=full, build=pm_build(cfg, full, mk),
        response=signed(cj({"code": "APPLY_SUCCESS", "msg": "Success.", "data": {"tokenList": [tok2]}})),
        result=pm_result([tok2]))

    w = {"user_id": "wallet-user-7", "payment_method_type": "WALLET", "target_org": "GCASH",
         "token_scope": "tokenMit"}
    t3 = {"paymentTokenID": "PMTOKEN1", "userId": "wallet-user-7", "tokenScope": "tokenMit",
          "paymentTokenExpiry": "2030-01-01T00:00:00.000+08:00", "paymentTokenStatus": "Activated",
          "paymentMethodType": "WALLET", "targetOrg": "GCASH", "accountDisplay": "63-9****72123"}
    t4 = {"paymentTokenID": "PMTOKEN2", "userId": "wallet-user-7", "tokenScope": "tokenMit",
          "paymentTokenExpiry": "2021-01-01T00:00:00.000+08:00", "paymentTokenStatus": "Expired",
          "paymentMethodType": "WALLET", "targetOrg": "GCASH", "accountDisplay": None, "cardInfo": None}
    add(gw, "wallet_two_tokens", "WALLET with targetOrg; two tokens; absent and null fields -> null", "call",
        cfg, args=w, build=pm_build(cfg, w, mk),
        response=signed(cj({"code": "APPLY_SUCCESS", "msg": "", "data": {"tokenList": [t3, t4]}})),
        result=pm_result([t3, t4]))
    add(gw, "empty_token_list", "no tokens: an empty list", "call", cfg, args=args, build=b,
        response=signed('{"code":"APPLY_SUCCESS","msg":"","data":{"tokenList":[]}}'), result=[])

    c = dict(cfg, key_version="2")
    add(gw, "key_version_2", "key_version option is sent as keyVersion", "call", c, args=args,
        build=pm_build(c, args, mk))

    a = {"user_id": "用户_José_😀"}
    ta = dict(tok, userId="用户_José_😀")
    add(gw, "non_ascii_user_id", "non-ASCII userId raw in the signed body and the response", "call", cfg,
        args=a, build=pm_build(cfg, a, mk),
        response=signed(cj({"code": "APPLY_SUCCESS", "msg": "成功", "data": {"tokenList": [ta]}})),
        result=pm_result([ta]))
    a = {"user_id": 'a"b\\c/d\u2028e'}
    add(gw, "escaping_user_id", "quote and backslash escaped; '/' and U+2028 written raw", "call", cfg, args=a,
        build=pm_build(cfg, a, mk))
    assert '"userId":"a\\"b\\\\c/d\u2028e"' in pm_build(cfg, a, mk)["body"]
    a = {"user_id": "u" * 64}
    add(gw, "user_id_64_chars", "userId at its 64-character limit", "call", cfg, args=a, build=pm_build(cfg, a, mk))

    c = dict(cfg, fixed_time="2023-12-31T23:59:59.999-03:00")
    bc = pm_build(c, args, mk)
    assert '"requestTime":"2023-12-31T23:59:59.999-03:00"' in bc["body"]
    add(gw, "clock_negative_offset", "requestTime keeps the fixed_time offset and milliseconds", "call", c,
        args=args, build=bc)
    c = dict(cfg, fixed_time="2024-02-29T00:00:00.007+00:00")
    add(gw, "clock_utc_leap_day", "requestTime with +00:00 and .007 ms", "call", c, args=args,
        build=pm_build(c, args, mk))

    c = {k: v for k, v in cfg.items() if k != "environment"}
    c["base_url"] = "http://127.0.0.1:8080"
    add(gw, "loopback_base_url", "http base_url on loopback with a port", "call", c, args=args,
        build=pm_build(c, args, mk))
    c = dict(cfg, environment="production")
    add(gw, "production_environment", "environment production host", "call", c, args=args,
        build=pm_build(c, args, mk))
    c = dict(cfg, private_key=b64text("merchant_private_pkcs8.b64"),
             gateway_public_key=b64text("gateway_public_spki.b64"))
    add(gw, "bare_base64_keys", "keys as PayerMax hands them out: bare base64 PKCS#8 / SPKI; same signature",
        "call", c, args=args, build=pm_build(c, args, mk), response=signed(ok_body), result=pm_result([tok]))
    r = signed(ok_body)
    r["headers"][1][0] = "SIGN"
    add(gw, "response_sign_header_case", "response header names are case-insensitive (SIGN)", "call", cfg,
        args=args, build=b, response=r, result=pm_result([tok]))

    # gateway errors (unsigned and signed)
    jh = [["Content-Type", "application/json"]]
    add(gw, "error_sign_verify_failed", "unsigned error response SIGN_VERIFY_FAILED", "call", cfg, args=args,
        build=b, response={"status": 200, "headers": jh,
                           "body": '{"code":"SIGN_VERIFY_FAILED","msg":"sign verify failed"}'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "SIGN_VERIFY_FAILED",
               "gateway_message": "sign verify failed", "http_status": 200})
    add(gw, "error_req_time_over_time", "unsigned error response REQ_TIME_OVER_TIME", "call", cfg, args=args,
        build=b, response={"status": 200, "headers": jh,
                           "body": '{"msg":"request time is over time","code":"REQ_TIME_OVER_TIME"}'},
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "REQ_TIME_OVER_TIME",
               "gateway_message": "request time is over time", "http_status": 200})
    add(gw, "error_params_invalid_signed", "signed error response PARAMS_INVALID", "call", cfg, args=args,
        build=b, response=signed('{"code":"PARAMS_INVALID","msg":"userId is blank","data":null}'),
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "PARAMS_INVALID", "gateway_message": "userId is blank"})

    # signatures
    add(gw, "response_wrong_sign", "success response signed by another key", "call", cfg, args=args, build=b,
        response=signed(ok_body, key=mk), error={"code": "CT_ERR_SIGNATURE"})
    tampered = signed(ok_body)
    tampered["body"] = ok_body.replace("455701******1010", "455701******1011")
    add(gw, "response_tampered_body", "success body changed after signing", "call", cfg, args=args, build=b,
        response=tampered, error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "response_missing_sign", "success response without sign header", "call", cfg, args=args, build=b,
        response={"status": 200, "headers": jh, "body": ok_body}, error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "response_garbage_sign", "success response with a non-base64 sign header", "call", cfg, args=args,
        build=b, response={"status": 200, "headers": jh + [["sign", "not*base64!"]], "body": ok_body},
        error={"code": "CT_ERR_SIGNATURE"})

    # protocol (all validly signed, so only the shape is wrong)
    add(gw, "malformed_json", "truncated JSON -> protocol error", "call", cfg, args=args, build=b,
        response=signed(ok_body[:-7]), error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "duplicate_keys", "duplicate key -> protocol error", "call", cfg, args=args, build=b,
        response=signed(ok_body.replace('"code":"APPLY_SUCCESS"', '"code":"APPLY_SUCCESS","code":"SYSTEM_ERROR"')),
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "token_list_not_array", "tokenList an object -> protocol error", "call", cfg, args=args, build=b,
        response=signed(cj({"code": "APPLY_SUCCESS", "msg": "", "data": {"tokenList": tok}})),
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "token_list_item_not_object", "tokenList item a string -> protocol error", "call", cfg, args=args,
        build=b, response=signed('{"code":"APPLY_SUCCESS","msg":"","data":{"tokenList":["PMTOKEN1"]}}'),
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "missing_token_list", "success without data.tokenList -> protocol error", "call", cfg, args=args,
        build=b, response=signed('{"code":"APPLY_SUCCESS","msg":"","data":{}}'),
        error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "missing_code", "response without code -> protocol error", "call", cfg, args=args, build=b,
        response=signed('{"msg":"","data":{"tokenList":[]}}'), error={"code": "CT_ERR_PROTOCOL"})
    http_cases(gw, cfg, args, b)

    # validation
    for name, a, field in (
            ("invalid_token_scope", {"user_id": "u1", "token_scope": "bogus"}, "token_scope"),
            ("invalid_target_org_with_card", {"user_id": "u1", "payment_method_type": "CARD", "target_org": "GCASH"},
             "target_org"),
            ("invalid_missing_user_id", {"token_scope": "tokenAcq"}, "user_id"),
            ("invalid_empty_user_id", {"user_id": ""}, "user_id"),
            ("invalid_user_id_65_chars", {"user_id": "u" * 65}, "user_id"),
            ("invalid_payment_token_id_65", {"user_id": "u1", "payment_token_id": "P" * 65}, "payment_token_id"),
            ("invalid_referral_code_65", {"user_id": "u1", "referral_code": "r" * 65}, "referral_code"),
            ("invalid_user_id_control_char", {"user_id": "u\x01"}, "user_id"),
            ("invalid_unknown_argument", {"user_id": "u1", "userId": "u1"}, "userId"),
    ):
        add(gw, name, "validation: %s" % field, "call", cfg, args=a, build_error=verr(field))
    a = {"user_id": "u1", "payment_method_type": "CARD", "target_org": ""}
    add(gw, "target_org_empty_with_card", "target_org empty is allowed with CARD (sent as given)", "call", cfg,
        args=a, build=pm_build(cfg, a, mk))

    # notifications
    note = {"code": "APPLY_SUCCESS", "msg": "", "appId": cfg["app_id"], "merchantNo": cfg["merchant_no"],
            "keyVersion": "1", "notifyTime": "2022-01-22T10:05:00.000+08:00", "notifyType": "TOKENIZATION",
            "data": {"paymentTokenID": "PMTOKEN20230710080439571142400031000", "userId": "用户_001",
                     "paymentTokenStatus": "Activated", "cardInfo": "455701******1010", "amount": "10.00"}}
    nb = cj(note)
    add(gw, "notification_ok", "signed notification (compact body, non-ASCII)", "notification", cfg,
        notification={"body": nb, "sign": rsa_sign_b64(gk, nb)}, verified=note)
    pb = json.dumps(note, indent=2, ensure_ascii=False) + "\n"
    add(gw, "notification_pretty_body", "signature over the raw, pretty-printed bytes", "notification", cfg,
        notification={"body": pb, "sign": rsa_sign_b64(gk, pb)}, verified=note)
    add(gw, "notification_tampered", "body changed after signing", "notification", cfg,
        notification={"body": nb.replace('"10.00"', '"1000.00"'), "sign": rsa_sign_b64(gk, nb)},
        error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_missing_sign", "empty sign", "notification", cfg,
        notification={"body": nb, "sign": ""}, error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_wrong_key", "signed by the merchant key, not the gateway's", "notification", cfg,
        notification={"body": nb, "sign": rsa_sign_b64(mk, nb)}, error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "ack", "answer to a notification", "ack", cfg, path="/notify/payermax",
        ack={"headers": [["Content-Type", "application/json"]], "body": '{"code":"SUCCESS","msg":"Success"}'})

    key_cases(gw, cfg)
    c = base_url_cases(gw, cfg, loopback=False)
    add(gw, "config_bad_environment", "PayerMax has no environment \"sea\"", "config", dict(cfg, environment="sea"),
        config_error=cerr("environment"))
    add(gw, "config_base_url_userinfo", "no userinfo in base_url", "config",
        dict(c, base_url="https://user:pw@pay-gate-uat.payermax.com"), config_error=cerr("base_url"))
    add(gw, "config_base_url_query", "no query in base_url", "config",
        dict(c, base_url="https://pay-gate-uat.payermax.com?x=1"), config_error=cerr("base_url"))
    add(gw, "config_base_url_ipv6_loopback", "http://[::1]:8080 is loopback", "config",
        dict(c, base_url="http://[::1]:8080"))
    add(gw, "config_base_url_127_8", "127.0.0.0/8 is loopback: http://127.1.2.3", "config",
        dict(c, base_url="http://127.1.2.3"))

    # the token lifecycle (gen_payermax_life.py)
    gen_life(gw, cfg, mk, gk)


# ---------------------------------------------------------------------------
# --check
# ---------------------------------------------------------------------------


def _t1_pub():
    from cryptography.hazmat.primitives import serialization
    return serialization.load_pem_public_key(T1_PUB_TEXT.encode())


def check_build(b, body, cfg, mpub):
    """The problems of a built request: none when its signature verifies over its body
    (with the published vectors' key T1 when the case is configured with it)."""
    if cfg.get("private_key") in SPEC_KEY_TEXTS:
        mpub = _t1_pub()
    ok = (b["string_to_sign"] == b["body"] and _hget(b["headers"], "sign") == b["signature"]
            and rsa_verify_b64(mpub, b["signature"], b["body"]))
    return [] if ok else [BAD_BUILD]


def response_signature(r, gpub):
    """(the response's signature or None, whether it verifies)."""
    s = _hget(r["headers"], "sign")
    return s, s is not None and (rsa_verify_b64(gpub, s, r["body"]) or rsa_verify_b64(_t1_pub(), s, r["body"]))


def check_notification(n, cfg, gpub):
    """(signature valid, the content a verifier returns) of a notification."""
    if cfg.get("gateway_public_key") == T1_PUB_TEXT:
        gpub = _t1_pub()
    return bool(n["sign"]) and rsa_verify_b64(gpub, n["sign"], n["body"]), strict_loads(n["body"])
