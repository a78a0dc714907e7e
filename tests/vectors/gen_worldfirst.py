"""WorldFirst vectors (called by gen.py): SHA256withRSA over
"POST <path>\\n<client_id>.<time>.<body>", both ways, and signed acknowledgements."""

import json
import urllib.parse

from gen_common import (BAD_BUILD, FT, _dt, _hget, _off, _wf_sig_value, add, base_url_cases, b64text, cerr,
                        cj, http_cases, key_cases, keytext, luhn_ok, rsa_sign_b64, rsa_verify_b64,
                        strict_loads, urlenc_sig, verr)


def wf_time(ft):
    dt = _dt(ft)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + _off(dt)


# ---------------------------------------------------------------------------
# WorldFirst
# ---------------------------------------------------------------------------

WF_ENV = {"sea": "https://open-sea.worldfirst.com", "eu": "https://open-eu.worldfirst.com",
          "na": "https://open-na.worldfirst.com"}
WF_PATH = "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo"
WF_CT = "application/json; charset=UTF-8"
WF_DELAYS = (300, 600, 1200, 2400, 4800, 9600, 19200)
RESP_TIME = "2022-01-22T10:00:01+08:00"


def wf_sig_header(kv, b64):
    return "algorithm=RSA256,keyVersion=%s,signature=%s" % (kv, urlenc_sig(b64))


def wf_build(cfg, args, priv):
    base = cfg.get("base_url") or WF_ENV[cfg["environment"]]
    t = wf_time(cfg["fixed_time"])
    body = cj({"assetId": args["asset_id"]})
    sts = "POST %s\n%s.%s.%s" % (WF_PATH, cfg["client_id"], t, body)
    sig = rsa_sign_b64(priv, sts)
    kv = cfg.get("key_version", "2")
    return {"string_to_sign": sts, "signature": urlenc_sig(sig), "method": "POST", "url": base + WF_PATH,
            "headers": [["Content-Type", WF_CT], ["Client-Id", cfg["client_id"]], ["Request-Time", t],
                        ["Signature", wf_sig_header(kv, sig)]], "body": body}


def wf_config(client_id):
    """The WorldFirst client options of the vectors (client_id given)."""
    return {"client_id": client_id, "private_key": keytext("merchant_private.pem"),
            "gateway_public_key": keytext("gateway_public.pem"), "key_version": "2", "environment": "sea",
            "fixed_time": FT}


def gen_worldfirst(privs):
    gw = "worldfirst"
    mk, gk = privs["merchant"], privs["gateway"]
    cid = "5J5Y3N5Z2Y9T9L04"
    cfg = wf_config(cid)
    args = {"asset_id": "2022012210000000000000001"}
    b = wf_build(cfg, args, mk)
    assert b["string_to_sign"] == (
        "POST /amsin/api/v2/business/worldcard/queryCardSensitiveInfo\n"
        '5J5Y3N5Z2Y9T9L04.2022-01-22T10:00:00+08:00.{"assetId":"2022012210000000000000001"}')

    def signed(body, key=gk, rtime=RESP_TIME, sign_time=None, plain=False, names=("Client-Id", "Response-Time",
                                                                               "Signature")):
        sts = "POST %s\n%s.%s.%s" % (WF_PATH, cid, sign_time or rtime, body)
        s = rsa_sign_b64(key, sts)
        sv = ("algorithm=RSA256,keyVersion=2,signature=" + s) if plain else wf_sig_header("2", s)
        return {"status": 200, "headers": [["Content-Type", WF_CT], [names[0], cid], [names[1], rtime],
                                           [names[2], sv]], "body": body}

    card = "5555555555554444"
    assert luhn_ok(card)
    okd = {"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
           "assetId": args["asset_id"], "accountId": "1234567890123456", "cvv": "321", "cardNo": card,
           "expiredMonth": "07", "expiredYear": "29"}
    ok = cj(okd)
    res = {"asset_id": args["asset_id"], "account_id": "1234567890123456", "card_no": card, "cvv": "321",
           "expired_month": "07", "expired_year": "29"}
    add(gw, "success", "queryCardSensitiveInfo: full build, signed S response", "call", cfg, args=args, build=b,
        response=signed(ok), result=res)
    add(gw, "response_plain_base64_signature", "response signature as plain (not URL-encoded) base64 is accepted",
        "call", cfg, args=args, build=b, response=signed(ok, plain=True), result=res)
    add(gw, "response_header_names_lowercase", "response header names are case-insensitive", "call", cfg,
        args=args, build=b, response=signed(ok, names=("client-id", "response-time", "signature")), result=res)
    pretty = json.dumps(okd, indent=2) + "\n"
    add(gw, "response_pretty_body", "signature over the raw, pretty-printed response bytes", "call", cfg,
        args=args, build=b, response=signed(pretty), result=res)
    for env in ("eu", "na"):
        c = dict(cfg, environment=env)
        add(gw, "environment_" + env, "environment %s host" % env, "call", c, args=args, build=wf_build(c, args, mk))
    c = {k: v for k, v in cfg.items() if k != "key_version"}
    add(gw, "key_version_default", "key_version defaults to 2", "call", c, args=args, build=wf_build(c, args, mk))
    c = dict(cfg, key_version="5")
    add(gw, "key_version_5", "key_version option appears in the Signature header", "call", c, args=args,
        build=wf_build(c, args, mk))
    a = {"asset_id": "资产-José-01"}
    add(gw, "non_ascii_asset_id", "non-ASCII assetId raw in body and signed content", "call", cfg, args=a,
        build=wf_build(cfg, a, mk))
    a = {"asset_id": 'a"b\\c/d'}
    add(gw, "escaping_asset_id", "JSON escaping of the body", "call", cfg, args=a, build=wf_build(cfg, a, mk))
    c = dict(cfg, fixed_time="2023-12-31T23:59:59.999-03:00")
    bc = wf_build(c, args, mk)
    assert ["Request-Time", "2023-12-31T23:59:59-03:00"] in bc["headers"]
    add(gw, "clock_negative_offset", "Request-Time: same offset, fraction dropped (not rounded)", "call", c,
        args=args, build=bc)
    c = {k: v for k, v in cfg.items() if k != "environment"}
    c["base_url"] = "http://127.0.0.1:8080"
    add(gw, "loopback_base_url", "http base_url on loopback with a port", "call", c, args=args,
        build=wf_build(c, args, mk))
    c = dict(cfg, private_key=b64text("merchant_private_pkcs1.b64"),
             gateway_public_key=b64text("gateway_public_pkcs1.b64"))
    add(gw, "bare_base64_pkcs1_keys", "bare base64 PKCS#1 private and public keys: same signature", "call", c,
        args=args, build=wf_build(c, args, mk), response=signed(ok), result=res)

    def fres(status, code, msg):
        return cj({"result": {"resultCode": code, "resultStatus": status, "resultMessage": msg}})

    add(gw, "error_f_invalid_signature", "F INVALID_SIGNATURE", "call", cfg, args=args, build=b,
        response=signed(fres("F", "INVALID_SIGNATURE", "The signature is invalid.")),
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "INVALID_SIGNATURE",
               "gateway_message": "The signature is invalid.", "http_status": 200})
    add(gw, "error_f_param_illegal", "F PARAM_ILLEGAL", "call", cfg, args=args, build=b,
        response=signed(fres("F", "PARAM_ILLEGAL", "Illegal parameters exist.")),
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "PARAM_ILLEGAL",
               "gateway_message": "Illegal parameters exist.", "http_status": 200})
    add(gw, "error_f_system_error", "F SYSTEM_ERROR (a failure, not unknown)", "call", cfg, args=args, build=b,
        response=signed(fres("F", "SYSTEM_ERROR", "System error.")),
        error={"code": "CT_ERR_GATEWAY", "gateway_code": "SYSTEM_ERROR", "gateway_message": "System error."})
    ubody = fres("U", "UNKNOWN_EXCEPTION", "API failed due to unknown reason.")
    add(gw, "error_u_default", "U without retry_attempt: retry_after 300", "call", cfg, args=args, build=b,
        response=signed(ubody),
        error={"code": "CT_ERR_RESULT_UNKNOWN", "gateway_code": "UNKNOWN_EXCEPTION",
               "gateway_message": "API failed due to unknown reason.", "http_status": 200, "retry_after": 300})
    for n in (0, 2, 6, 7):
        a = dict(args, retry_attempt=n)
        ra = WF_DELAYS[n] if n < len(WF_DELAYS) else -1
        add(gw, "error_u_retry_attempt_%d" % n, "U with retry_attempt %d: retry_after %d" % (n, ra), "call", cfg,
            args=a, build=wf_build(cfg, a, mk), response=signed(ubody),
            error={"code": "CT_ERR_RESULT_UNKNOWN", "gateway_code": "UNKNOWN_EXCEPTION", "retry_after": ra})
    add(gw, "error_u_traffic_limit", "U REQUEST_TRAFFIC_EXCEED_LIMIT", "call", cfg, args=args, build=b,
        response=signed(fres("U", "REQUEST_TRAFFIC_EXCEED_LIMIT", "The request traffic exceeds the limit.")),
        error={"code": "CT_ERR_RESULT_UNKNOWN", "gateway_code": "REQUEST_TRAFFIC_EXCEED_LIMIT", "retry_after": 300})

    t = signed(ok)
    t["body"] = ok.replace('"cvv":"321"', '"cvv":"322"')
    add(gw, "response_tampered_body", "body changed after signing", "call", cfg, args=args, build=b, response=t,
        error={"code": "CT_ERR_SIGNATURE"})
    t = signed(ok)
    t["headers"] = [h for h in t["headers"] if h[0] != "Signature"]
    add(gw, "response_missing_signature", "no Signature header", "call", cfg, args=args, build=b, response=t,
        error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "response_wrong_key", "signed by the merchant key, not the gateway's", "call", cfg, args=args, build=b,
        response=signed(ok, key=mk), error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "response_time_mismatch", "signed over another Response-Time than the header's", "call", cfg, args=args,
        build=b, response=signed(ok, sign_time="2022-01-22T10:00:02+08:00"), error={"code": "CT_ERR_SIGNATURE"})

    add(gw, "malformed_json", "truncated JSON (validly signed) -> protocol error", "call", cfg, args=args, build=b,
        response=signed(ok[:-5]), error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "duplicate_keys", "duplicate key (validly signed) -> protocol error", "call", cfg, args=args, build=b,
        response=signed(ok.replace('"cvv":"321"', '"cvv":"321","cvv":"999"')), error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "missing_result", "no result object -> protocol error", "call", cfg, args=args, build=b,
        response=signed(cj({k: v for k, v in okd.items() if k != "result"})), error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "wrong_type_result", "result a string -> protocol error", "call", cfg, args=args, build=b,
        response=signed(cj(dict(okd, result="SUCCESS"))), error={"code": "CT_ERR_PROTOCOL"})
    add(gw, "unknown_result_status", "resultStatus X -> protocol error", "call", cfg, args=args, build=b,
        response=signed(fres("X", "SUCCESS", "success")), error={"code": "CT_ERR_PROTOCOL"})
    http_cases(gw, cfg, args, b)

    for name, a, field in (
            ("invalid_missing_asset_id", {}, "asset_id"),
            ("invalid_empty_asset_id", {"asset_id": ""}, "asset_id"),
            ("invalid_asset_id_65_chars", {"asset_id": "a" * 65}, "asset_id"),
            ("invalid_retry_attempt_negative", {"asset_id": "a1", "retry_attempt": -1}, "retry_attempt"),
            ("invalid_unknown_argument", {"asset_id": "a1", "assetId": "a1"}, "assetId"),
    ):
        add(gw, name, "validation: %s" % field, "call", cfg, args=a, build_error=verr(field))

    npath = "/notify/worldfirst"
    nbody_d = {"notifyType": "WORLD_CARD_STATUS", "assetId": args["asset_id"], "cardStatus": "ACTIVE",
               "cardholderName": "José Müller", "memo": "卡片已激活"}
    nbody = cj(nbody_d)
    ntime = "2022-01-22T10:04:00+08:00"

    def nheaders(body, key=gk, path=npath):
        s = rsa_sign_b64(key, "POST %s\n%s.%s.%s" % (path, cid, ntime, body))
        return [["Content-Type", WF_CT], ["Client-Id", cid], ["Request-Time", ntime],
                ["Signature", wf_sig_header("2", s)]]

    add(gw, "notification_ok", "signed notification", "notification", cfg,
        notification={"path": npath, "headers": nheaders(nbody), "body": nbody}, verified=nbody_d)
    add(gw, "notification_tampered", "body changed after signing", "notification", cfg,
        notification={"path": npath, "headers": nheaders(nbody), "body": nbody.replace("ACTIVE", "FROZEN")},
        error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_missing_signature", "no Signature header", "notification", cfg,
        notification={"path": npath, "headers": nheaders(nbody)[:3], "body": nbody},
        error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_wrong_path", "signed for another path", "notification", cfg,
        notification={"path": npath, "headers": nheaders(nbody, path="/notify/other"), "body": nbody},
        error={"code": "CT_ERR_SIGNATURE"})

    ack_body = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'
    at = wf_time(FT)
    asig = rsa_sign_b64(mk, "POST %s\n%s.%s.%s" % (npath, cid, at, ack_body))
    add(gw, "ack", "signed acknowledgement of a notification on /notify/worldfirst", "ack", cfg, path=npath,
        ack={"headers": [["Content-Type", WF_CT], ["Client-Id", cid], ["Response-Time", at],
                         ["Signature", wf_sig_header("2", asig)]], "body": ack_body})

    key_cases(gw, cfg)
    c = base_url_cases(gw, cfg)
    add(gw, "config_bad_environment", "WorldFirst has no environment sandbox", "config",
        dict(cfg, environment="sandbox"), config_error=cerr("environment"))
    add(gw, "config_missing_client_id", "client_id required", "config",
        {k: v for k, v in cfg.items() if k != "client_id"}, config_error=cerr("client_id"))

    from gen_worldfirst_life import gen_life
    gen_life(gw, cfg, mk, gk, wf_time, wf_sig_header)


# ---------------------------------------------------------------------------
# --check
# ---------------------------------------------------------------------------


def _content(path, headers, time_header, body):
    return "POST %s\n%s.%s.%s" % (path, _hget(headers, "Client-Id"), _hget(headers, time_header), body)


def check_build(b, body, cfg, mpub):
    """The problems of a built request: none when its Signature verifies over its content."""
    sts = _content(urllib.parse.urlsplit(b["url"]).path, b["headers"], "Request-Time", b["body"])
    sv = _wf_sig_value(_hget(b["headers"], "Signature"))
    ok = (sts == b["string_to_sign"] and urllib.parse.unquote(b["signature"]) == sv
            and rsa_verify_b64(mpub, sv, sts))
    return [] if ok else [BAD_BUILD]


def response_signature(r, gpub):
    """(the response's Signature or None, whether it verifies)."""
    s = _hget(r["headers"], "Signature")
    sv = _wf_sig_value(s) if s else None
    from gen_worldfirst_life import PATHS
    # the response of any WorldFirst call: signed over its request's path
    return s, sv is not None and any(
        rsa_verify_b64(gpub, sv, _content(p, r["headers"], "Response-Time", r["body"]))
        for p in (WF_PATH,) + tuple(PATHS.values()))


def check_notification(n, cfg, gpub):
    """(signature valid, the content a verifier returns) of a notification."""
    h = n["headers"]
    s = _hget(h, "Signature")
    sts = _content(n["path"], h, "Request-Time", n["body"])
    return s is not None and rsa_verify_b64(gpub, _wf_sig_value(s), sts), strict_loads(n["body"])


def check_ack(c, mpub):
    """Whether an acknowledgement's Signature verifies with the merchant key."""
    h = c["ack"]["headers"]
    sts = _content(c["path"], h, "Response-Time", c["ack"]["body"])
    return rsa_verify_b64(mpub, _wf_sig_value(_hget(h, "Signature")), sts)
