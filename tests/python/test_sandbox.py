"""Tests of the local gateway emulator (python/cardtoken/sandbox.py).

Every request here is built and signed by this file's own code (hashlib, hmac,
cryptography) and sent with http.client + ssl over loopback; every response
signature is checked with the gateway public key from the sandbox's config.
Nothing here imports the cardtoken extension.
"""

import base64
import datetime
import hashlib
import hmac
import http.client
import http.server
import importlib.util
import json
import os
import re
import signal
import socket
import ssl
import stat
import subprocess
import threading
import time
import urllib.parse

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding

import sandbox_util
from sandbox_util import PATHS, get_stats, reset_stats, running_sandbox, wait_for_stats

# ---------------------------------------------------------------------------
# Canary card data (searched for in the sandbox's logs)
# ---------------------------------------------------------------------------


def luhn_complete(prefix):
    """prefix + the Luhn check digit."""
    for d in "0123456789":
        n = prefix + d
        total = 0
        for i, ch in enumerate(reversed(n)):
            v = int(ch)
            if i % 2 == 1:
                v *= 2
                if v > 9:
                    v -= 9
            total += v
        if total % 10 == 0:
            return n
    raise AssertionError("unreachable")


CARD = luhn_complete("491761873305217")        # Pagsmile / YabandPay canary (visa)
MASTER = luhn_complete("535310049988127")      # a mastercard-like canary
OTHER = luhn_complete("630495060000001")       # neither 4 nor 5
CVV = "8317"
WORLD_CARD = luhn_complete("457173901148362")  # WorldFirst canary
WORLD_CVV = "6029"
BAD_LUHN = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)


def test_canaries_are_luhn_valid():
    for n in (CARD, MASTER, OTHER, WORLD_CARD):
        assert len(n) == 16
        total = sum(int(c) if i % 2 == 0 else (int(c) * 2 - 9 if int(c) * 2 > 9 else int(c) * 2)
                    for i, c in enumerate(reversed(n)))
        assert total % 10 == 0
    assert BAD_LUHN != CARD


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sb():
    with running_sandbox("--delay-seconds", "2", "--verbose",
                         "--world-card", "%s:%s:07:31" % (WORLD_CARD, WORLD_CVV)) as cfg:
        yield cfg


@pytest.fixture(scope="module")
def sb_http():
    with running_sandbox("--http", "--verbose") as cfg:
        yield cfg


# ---------------------------------------------------------------------------
# Independent HTTP and signing code
# ---------------------------------------------------------------------------


def port_of(url):
    return urllib.parse.urlsplit(url).port


def tls_context(cfg):
    return ssl.create_default_context(cafile=cfg["ca_file"])


def connect(cfg, timeout=10.0):
    port = port_of(cfg["base_url"])
    if cfg["base_url"].startswith("http://"):
        return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    return http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=tls_context(cfg))


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers                      # list of pairs, as received
        self.h = {k.lower(): v for k, v in headers}
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def send(cfg, path, body, headers=(), conn=None, timeout=10.0):
    own = conn is None
    if own:
        conn = connect(cfg, timeout)
    try:
        conn.putrequest("POST", path, skip_accept_encoding=True)
        for k, v in headers:
            conn.putheader(k, v)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        data = r.read()
        return Resp(r.status, r.getheaders(), data)
    finally:
        if own:
            conn.close()


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load_private(pem):
    return serialization.load_pem_private_key(pem.encode("ascii"), password=None)


def load_public(pem):
    return serialization.load_pem_public_key(pem.encode("ascii"))


def rsa_sign(pem, data):
    return load_private(pem).sign(data, padding.PKCS1v15(), hashes.SHA256())


def rsa_ok(pub_pem, sig, data):
    try:
        load_public(pub_pem).verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
        return True
    except InvalidSignature:
        return False


# --- Pagsmile ---


def pagsmile_md5(fields, key):
    items = sorted((k, v) for k, v in fields.items() if k != "sign" and v not in ("", "0", None))
    text = "&".join("%s=%s" % kv for kv in items) + "&key=" + key
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def pagsmile_fields(cfg, **over):
    c = cfg["pagsmile"]
    f = {
        "merchant_no": c["merchant_no"],
        "app_id": c["app_id"],
        "card_number": CARD,
        "security_code": CVV,
        "expiration_month": "09",
        "expiration_year": "2031",
        "cardholder_name": "Jane Doe",
    }
    f.update(over)
    return {k: v for k, v in f.items() if v is not None}


def pagsmile_call(cfg, sign=True, key=None, tamper=None, **over):
    f = pagsmile_fields(cfg, **over)
    if sign:
        f["sign"] = pagsmile_md5(f, key or cfg["pagsmile"]["app_key"])
    if tamper:
        f.update(tamper)
    return send(cfg, PATHS["pagsmile"], compact(f), [("Content-Type", "application/json")])


# --- PayerMax ---


def rfc3339_ms(dt):
    off = dt.strftime("%z")
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d" % (dt.microsecond // 1000) + off[:3] + ":" + off[3:]


def payermax_body(cfg, data=None, when=None, **envelope):
    c = cfg["payermax"]
    when = when or datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    obj = {"version": "1.2", "keyVersion": c["key_version"], "requestTime": rfc3339_ms(when),
           "appId": c["app_id"], "merchantNo": c["merchant_no"],
           "data": data if data is not None else {"userId": "user-1"}}
    obj.update(envelope)
    return compact(obj)


def payermax_call(cfg, body, sign=True, sig_override=None, path=None):
    headers = [("Content-Type", "application/json")]
    if sig_override is not None:
        headers.append(("sign", sig_override))
    elif sign:
        headers.append(("sign", base64.b64encode(rsa_sign(cfg["payermax"]["private_key"], body)).decode()))
    return send(cfg, path or PATHS["payermax"], body, headers)


def payermax_response_ok(cfg, r):
    sig = r.h.get("sign")
    if not sig:
        return False
    return rsa_ok(cfg["payermax"]["gateway_public_key"], base64.b64decode(sig, validate=True), r.body)


# --- YabandPay ---


def yaband_request(cfg, sign=True, drop_from_sign=(), **over):
    c = cfg["yabandpay"]
    card = {"card_holder": "Jane Doe", "emial": "jane@example.com", "card_number": CARD,
            "expiration_month": "09", "expiration_year": "2031", "cvc": CVV}
    card.update(over.pop("card", {}))
    data = {"pay_method": "online", "sub_pay_method": "Card", "operation": "10",
            "order_id": "ORD-1", "token_type": "CIT", "3ds_initiate": "01",
            "cardinfo": json.dumps(card, separators=(",", ":")), "amount": "0", "currency": "EUR",
            "description": "sandbox test", "timeout": "30",
            "notify_url": "https://merchant.example/notify",
            "request_id": "a7z1lox4l6z6mdx1udgn5gtezasze1x0"}
    top = {"user": c["user"], "method": "v3.CreateCardPayments", "time": int(time.time())}
    for k, v in over.items():
        if k in top:
            top[k] = v
        elif v is None:
            data.pop(k, None)
        else:
            data[k] = v
    fields = dict(top)
    fields.update(data)
    for k in drop_from_sign:
        fields.pop(k, None)
    text = "&".join("%s=%s" % (k, v) for k, v in sorted(fields.items()))
    obj = {"user": top["user"]}
    if sign:
        obj["sign"] = hmac.new(c["secret_key"].encode(), text.encode(), hashlib.sha256).hexdigest()
    obj["method"] = top["method"]
    obj["time"] = top["time"]
    obj["data"] = data
    return obj


def yaband_call(cfg, obj):
    return send(cfg, PATHS["yabandpay"], compact(obj), [("Content-Type", "application/json")])


# --- WorldFirst ---


def wf_now():
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).replace(microsecond=0).isoformat()


def wf_call(cfg, asset_id="ASSET-1", body=None, client_id=None, sign=True, key_version=None,
            url_encode=True, tamper_body=None, request_time=None, path=None):
    c = cfg["worldfirst"]
    path = path or PATHS["worldfirst"]
    body = body if body is not None else compact({"assetId": asset_id})
    client_id = client_id or c["client_id"]
    rt = request_time if request_time is not None else wf_now()
    content = ("POST %s\n%s.%s." % (path, client_id, rt)).encode() + body
    headers = [("Content-Type", "application/json; charset=UTF-8"), ("Client-Id", client_id)]
    if rt:
        headers.append(("Request-Time", rt))
    if sign:
        sig = base64.b64encode(rsa_sign(c["private_key"], content)).decode()
        if url_encode:
            sig = urllib.parse.quote(sig, safe="")
        headers.append(("Signature", "algorithm=RSA256,keyVersion=%s,signature=%s"
                        % (key_version or c["key_version"], sig)))
    return send(cfg, path, tamper_body if tamper_body is not None else body, headers)


def wf_response_ok(cfg, r, path=None):
    path = path or PATHS["worldfirst"]
    sig_header = r.h.get("signature")
    if not sig_header or "response-time" not in r.h or "client-id" not in r.h:
        return False
    parts = dict(p.strip().split("=", 1) for p in sig_header.split(","))
    assert parts["algorithm"] == "RSA256"
    assert parts["keyVersion"] == cfg["worldfirst"]["key_version"]
    assert re.fullmatch(r"[A-Za-z0-9%]+", parts["signature"]), "signature must be URL-encoded base64"
    sig = base64.b64decode(urllib.parse.unquote(parts["signature"]), validate=True)
    content = ("POST %s\n%s.%s." % (path, r.h["client-id"], r.h["response-time"])).encode() + r.body
    return rsa_ok(cfg["worldfirst"]["gateway_public_key"], sig, content)


def wf_result(r):
    return r.json()["result"]


# ---------------------------------------------------------------------------
# Config, help, process
# ---------------------------------------------------------------------------


def test_config_file(sb):
    assert sb["base_url"].startswith("https://127.0.0.1:")
    assert os.path.isfile(sb["ca_file"])
    assert os.path.dirname(sb["ca_file"]) == os.path.dirname(sb.config_path)
    mode = stat.S_IMODE(os.stat(sb.config_path).st_mode)
    assert mode & 0o077 == 0, "config holds private keys: must not be group/world readable"
    # Written atomically: no temporary file left beside it.
    assert sorted(os.listdir(os.path.dirname(sb.config_path))) == sorted(
        ["sandbox.json", "sandbox-ca.pem", "sandbox.log"])
    expected = {
        "pagsmile": {"merchant_no", "app_id", "app_key", "base_url", "ca_file"},
        "payermax": {"app_id", "merchant_no", "private_key", "gateway_public_key", "key_version",
                     "base_url", "ca_file"},
        "yabandpay": {"user", "secret_key", "base_url", "ca_file"},
        "worldfirst": {"client_id", "private_key", "gateway_public_key", "key_version", "base_url",
                       "ca_file"},
    }
    for gw, keys in expected.items():
        assert set(sb[gw]) == keys, gw
        assert sb[gw]["base_url"] == sb["base_url"]
        assert sb[gw]["ca_file"] == sb["ca_file"]
    assert sb["payermax"]["key_version"] == "1"
    assert sb["worldfirst"]["key_version"] == "2"
    for gw in ("payermax", "worldfirst"):
        priv = load_private(sb[gw]["private_key"])
        assert priv.key_size == 2048
        gw_priv = load_private(sb["gateway_private_keys"][gw])
        pub = load_public(sb[gw]["gateway_public_key"])
        assert pub.public_numbers() == gw_priv.public_key().public_numbers()
        assert priv.public_key().public_numbers() != pub.public_numbers()
    with open(sb["ca_file"], "rb") as f:
        ca = x509.load_pem_x509_certificate(f.read())
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert sb["pid"] == sb.proc.pid


def test_help_documents_credentials_faults_and_magic(sb):
    out = subprocess.run(sandbox_util.sandbox_command() + ["--help"], capture_output=True,
                         timeout=60, check=True).stdout.decode()
    for value in (sb["pagsmile"]["merchant_no"], sb["pagsmile"]["app_id"], sb["pagsmile"]["app_key"],
                  sb["payermax"]["app_id"], sb["payermax"]["merchant_no"], sb["yabandpay"]["user"],
                  sb["yabandpay"]["secret_key"], sb["worldfirst"]["client_id"]):
        assert value in out
    for kind in ("delay", "drip", "reset", "truncate", "http500", "http429", "notjson", "huge",
                 "redirect", "nosign", "badsign", "unknown"):
        assert re.search(r"^\s+%s\s" % kind, out, re.M), kind
    for text in ("FAULT-<kind>", "DECLINE-<code>", "--world-card", "--tls", "--stats-port",
                 "/_sandbox/stats", "/_sandbox/reset-stats", "notify"):
        assert text in out


def test_bad_world_card_is_refused_without_echoing_it(tmp_path):
    bad = BAD_LUHN + ":123:01:30"
    r = subprocess.run(sandbox_util.sandbox_command() + ["--world-card", bad, "--config-out",
                                                          str(tmp_path / "c.json")],
                       capture_output=True, timeout=60)
    assert r.returncode == 2
    assert BAD_LUHN not in (r.stdout + r.stderr).decode()
    assert not (tmp_path / "c.json").exists()


def test_sigint_stops_cleanly_and_removes_files():
    cfg = sandbox_util.start_sandbox()
    try:
        assert cfg.proc.poll() is None
        code = cfg.stop(signal.SIGINT)
        assert code == 0
        assert not os.path.exists(cfg.config_path)
        assert not os.path.exists(cfg["ca_file"])
    finally:
        cfg.cleanup()


def test_sigterm_stops_cleanly_even_with_a_request_in_flight():
    cfg = sandbox_util.start_sandbox("--delay-seconds", "300")
    try:
        conn = connect(cfg, timeout=30)
        body = compact({"cardholder_name": "FAULT-delay"})
        conn.request("POST", PATHS["pagsmile"], body=body)
        deadline = time.monotonic() + 10
        while get_stats(cfg)["in_flight"] != 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert get_stats(cfg)["in_flight"] == 1
        t0 = time.monotonic()
        assert cfg.stop(signal.SIGTERM) == 0
        assert time.monotonic() - t0 < 5
        conn.close()
    finally:
        cfg.cleanup()


# ---------------------------------------------------------------------------
# Pagsmile
# ---------------------------------------------------------------------------


def test_pagsmile_success(sb):
    r = pagsmile_call(sb)
    assert r.status == 200
    assert r.h["content-length"] == str(len(r.body))
    obj = r.json()
    assert obj["code"] == "200"
    assert re.fullmatch(r"[0-9a-f]{32}", obj["info"]["token"])
    assert obj["info"]["card_info"] == {
        "first_six_digits": CARD[:6], "last_four_digits": CARD[-4:], "expiration_month": 9,
        "expiration_year": 2031, "cardholder_name": "Jane Doe", "payment_method_id": "visa"}
    assert pagsmile_call(sb).json()["info"]["token"] != obj["info"]["token"]


def test_pagsmile_payment_method_id(sb):
    assert pagsmile_call(sb, card_number=MASTER).json()["info"]["card_info"]["payment_method_id"] == "master"
    info = pagsmile_call(sb, card_number=OTHER).json()["info"]["card_info"]
    assert "payment_method_id" not in info
    assert info["first_six_digits"] == OTHER[:6]


@pytest.mark.parametrize("kwargs, code, info", [
    (dict(tamper={"cardholder_name": "John Doe"}), "402", "SIGN_VERIFY_FAILURE"),
    (dict(tamper={"sign": "0" * 32}), "402", "SIGN_VERIFY_FAILURE"),
    (dict(key="not-the-app-key"), "402", "SIGN_VERIFY_FAILURE"),
    (dict(sign=False), "403", "SIGN_ISNULL"),
    (dict(tamper={"sign": ""}), "403", "SIGN_ISNULL"),
    (dict(merchant_no="999999"), "502", "MERCHANT_ID_INVALID"),
    (dict(security_code=None), "401", "SYSTEM_PARAM_ERROR"),
    (dict(cardholder_name=None), "401", "SYSTEM_PARAM_ERROR"),
    (dict(card_number=BAD_LUHN), "401", "SYSTEM_PARAM_ERROR"),
    (dict(card_number="4111"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(expiration_month="13"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(expiration_month="9"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(expiration_year="31"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(security_code="12"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(cardholder_name="x" * 101), "401", "SYSTEM_PARAM_ERROR"),
    (dict(cardholder_name="DECLINE-508"), "508", "MERCHANT_STATUS_ISLOCK"),
    (dict(cardholder_name="DECLINE-759"), "759", "EMAIL_ISNULL"),
    (dict(cardholder_name="FAULT-nosuchkind"), "401", "SYSTEM_PARAM_ERROR"),
])
def test_pagsmile_failures(sb, kwargs, code, info):
    r = pagsmile_call(sb, **kwargs)
    assert r.status == 200
    assert r.json() == {"code": code, "info": info}


def test_pagsmile_not_json(sb):
    r = send(sb, PATHS["pagsmile"], b"card_number=1", [("Content-Type", "application/json")])
    assert r.json() == {"code": "401", "info": "SYSTEM_PARAM_ERROR"}


def test_pagsmile_empty_values_are_left_out_of_the_signature(sb):
    # An extra empty field ("", "0", null) does not change the string to sign (PHP empty()) ...
    f = pagsmile_fields(sb)
    f["sign"] = pagsmile_md5(f, sb["pagsmile"]["app_key"])
    for extra in ({"passback": ""}, {"passback": "0"}, {"passback": None}):
        r = send(sb, PATHS["pagsmile"], compact(dict(f, **extra)), [("Content-Type", "application/json")])
        assert r.json()["code"] == "200", extra
    # ... while a non-empty one does.
    r = send(sb, PATHS["pagsmile"], compact(dict(f, passback="1")), [("Content-Type", "application/json")])
    assert r.json() == {"code": "402", "info": "SIGN_VERIFY_FAILURE"}


# ---------------------------------------------------------------------------
# PayerMax
# ---------------------------------------------------------------------------


def test_payermax_success_and_signed_response(sb):
    body = payermax_body(sb, {"userId": "user-42"})
    r = payermax_call(sb, body)
    assert r.status == 200
    assert payermax_response_ok(sb, r)
    obj = r.json()
    assert obj["code"] == "APPLY_SUCCESS" and obj["msg"] == ""
    tokens = obj["data"]["tokenList"]
    assert len(tokens) == 2
    for t in tokens:
        assert t["userId"] == "user-42"
        assert re.fullmatch(r"PMTOKEN\d{29}", t["paymentTokenID"])
        assert re.fullmatch(r"\d{6}\*{6}\d{4}", t["cardInfo"])
        assert t["paymentTokenStatus"] == "Activated"
        assert t["tokenScope"] == "tokenAcq"
        assert t["paymentMethodType"] == "CARD"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)", t["paymentTokenExpiry"])
    assert {t["brand"] for t in tokens} == {"VISA", "MASTERCARD"}
    # The same user gets the same tokens; filters narrow the list.
    again = payermax_call(sb, payermax_body(sb, {"userId": "user-42"})).json()["data"]["tokenList"]
    assert [t["paymentTokenID"] for t in again] == [t["paymentTokenID"] for t in tokens]
    visa = payermax_call(sb, payermax_body(sb, {"userId": "user-42", "cardOrg": "VISA"})).json()
    assert [t["brand"] for t in visa["data"]["tokenList"]] == ["VISA"]
    one = payermax_call(sb, payermax_body(sb, {"userId": "user-42", "tokenScope": "tokenMit",
                                               "paymentTokenID": tokens[1]["paymentTokenID"],
                                               "referralCode": "ref-1"})).json()
    assert len(one["data"]["tokenList"]) == 1
    assert one["data"]["tokenList"][0]["tokenScope"] == "tokenMit"
    assert one["data"]["tokenList"][0]["referralCode"] == "ref-1"


def test_payermax_response_signature_covers_the_exact_bytes(sb):
    r = payermax_call(sb, payermax_body(sb))
    assert payermax_response_ok(sb, r)
    tampered = Resp(r.status, r.headers, r.body.replace(b"APPLY_SUCCESS", b"APPLY_SUCCESs"))
    assert not payermax_response_ok(sb, tampered)


def _old(seconds):
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)


@pytest.mark.parametrize("case, code", [
    ("tampered", "SIGN_VERIFY_FAILED"),
    ("missing_sign", "SIGN_VERIFY_FAILED"),
    ("garbage_sign", "SIGN_VERIFY_FAILED"),
    ("wrong_key", "SIGN_VERIFY_FAILED"),
    ("stale", "REQ_TIME_OVER_TIME"),
    ("future", "REQ_TIME_OVER_TIME"),
    ("no_offset", "PARAMS_INVALID"),
    ("missing_user", "PARAMS_INVALID"),
    ("long_user", "PARAMS_INVALID"),
    ("card_with_target_org", "PARAMS_INVALID"),
    ("bad_scope", "PARAMS_INVALID"),
    ("bad_version", "PARAMS_INVALID"),
    ("wrong_app", "MERCHANT_APP_INVALID"),
    ("wrong_merchant", "MERCHANT_INVALID"),
    ("decline", "MERCHANT_INVALID"),
])
def test_payermax_failures(sb, case, code):
    body = payermax_body(sb)
    kwargs = {}
    if case == "tampered":
        signed = body
        body = body.replace(b"user-1", b"user-2")
        kwargs["sig_override"] = base64.b64encode(rsa_sign(sb["payermax"]["private_key"], signed)).decode()
    elif case == "missing_sign":
        kwargs["sign"] = False
    elif case == "garbage_sign":
        kwargs["sig_override"] = "not base64 !!"
    elif case == "wrong_key":
        kwargs["sig_override"] = base64.b64encode(rsa_sign(sb["gateway_private_keys"]["payermax"], body)).decode()
    elif case == "stale":
        body = payermax_body(sb, when=_old(-180))
    elif case == "future":
        body = payermax_body(sb, when=_old(180))
    elif case == "no_offset":  # RFC 3339 needs one; fraction digits may vary (test_sandbox_sdk.py)
        body = payermax_body(sb, requestTime=datetime.datetime.now(datetime.timezone.utc)
                             .replace(tzinfo=None).isoformat(timespec="milliseconds"))
    elif case == "missing_user":
        body = payermax_body(sb, {"tokenScope": "tokenAcq"})
    elif case == "long_user":
        body = payermax_body(sb, {"userId": "u" * 65})
    elif case == "card_with_target_org":
        body = payermax_body(sb, {"userId": "u1", "paymentMethodType": "CARD", "targetOrg": "GCASH"})
    elif case == "bad_scope":
        body = payermax_body(sb, {"userId": "u1", "tokenScope": "tokenAll"})
    elif case == "bad_version":
        body = payermax_body(sb, version="9.9")  # 1.1, 1.2, 1.4: test_sandbox_sdk.py
    elif case == "wrong_app":
        body = payermax_body(sb, appId="0" * 32)
    elif case == "wrong_merchant":
        body = payermax_body(sb, merchantNo="000000000000000")
    elif case == "decline":
        body = payermax_body(sb, {"userId": "DECLINE-MERCHANT_INVALID"})
    r = payermax_call(sb, body, **kwargs)
    assert r.status == 200
    obj = r.json()
    assert obj["code"] == code
    assert "data" not in obj
    assert payermax_response_ok(sb, r), "error responses are signed too"


def test_payermax_request_time_inside_window_is_accepted(sb):
    for seconds in (-100, 100):
        r = payermax_call(sb, payermax_body(sb, when=_old(seconds)))
        assert r.json()["code"] == "APPLY_SUCCESS", seconds
    utc = datetime.datetime.now(datetime.timezone.utc)
    z = utc.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (utc.microsecond // 1000)
    assert payermax_call(sb, payermax_body(sb, requestTime=z)).json()["code"] == "APPLY_SUCCESS"


# ---------------------------------------------------------------------------
# YabandPay
# ---------------------------------------------------------------------------


def test_yabandpay_success(sb):
    r = yaband_call(sb, yaband_request(sb, order_id="ORDER-77"))
    assert r.status == 200
    obj = r.json()
    assert obj["status"] is True and obj["code"] == "200" and obj["message"] == ""
    d = obj["data"]
    assert d["order_id"] == "ORDER-77"
    assert d["amount"] == "0" and d["currency"] == "EUR" and d["state"] == "processing"
    assert re.fullmatch(r"[0-9a-f-]{36}", d["trade_id"])
    assert d["url"].startswith(sb["base_url"] + "/")
    assert re.fullmatch(r"\d{24}", obj["response_id"])
    sale = yaband_call(sb, yaband_request(sb, operation="11", amount="12.5", demo="",
                                          redirect_url="https://m.example/back", form_type="02"))
    assert sale.json()["status"] is True
    assert sale.json()["data"]["amount"] == "12.5"


@pytest.mark.parametrize("kwargs, code", [
    (dict(tamper=True), "-403"),
    (dict(sign=False), "-403"),
    (dict(empty_sign=True), "-403"),
    (dict(demo="", drop_from_sign=("demo",)), "-403"),   # empty values are kept in the string
    (dict(user="999999"), "-2001"),
    (dict(notify_url=None), "-3001"),
    (dict(request_id=None), "-3001"),
    (dict(cardinfo=None), "-3001"),
    (dict(method="v3.QueryOrder"), "-3001"),
    (dict(card={"card_number": BAD_LUHN}), "-3001"),
    (dict(card={"cvc": "1"}), "-3001"),
    (dict(card={"expiration_month": "00"}), "-3001"),
    (dict(card={"emial": "no-at-sign"}), "-3001"),
    (dict(card={"card_holder": ""}), "-3001"),
    (dict(amount="0.1"), "-3001"),                        # operation 10 needs amount 0
    (dict(operation="11", amount="0"), "-3001"),
    (dict(currency="eur"), "-3001"),
    (dict(timeout="1441"), "-3001"),
    (dict(request_id="bad-id!"), "-4118"),
    (dict(order_id="DECLINE--2001"), "-2001"),
    (dict(order_id="DECLINE--4120"), "-4120"),
])
def test_yabandpay_failures(sb, kwargs, code):
    tamper = kwargs.pop("tamper", False)
    empty_sign = kwargs.pop("empty_sign", False)
    obj = yaband_request(sb, **kwargs)
    if tamper:
        obj["data"]["description"] = "changed after signing"
    if empty_sign:
        obj["sign"] = ""
    r = yaband_call(sb, obj)
    assert r.status == 200
    got = r.json()
    assert got["status"] is False
    assert got["code"] == code
    assert got["message"]


# ---------------------------------------------------------------------------
# WorldFirst
# ---------------------------------------------------------------------------


def test_worldfirst_success_and_signed_response(sb):
    r = wf_call(sb, "ASSET-9")
    assert r.status == 200
    assert r.h["client-id"] == sb["worldfirst"]["client_id"]
    assert wf_response_ok(sb, r)
    obj = r.json()
    assert obj["result"] == {"resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success"}
    assert obj["assetId"] == "ASSET-9"
    assert obj["cardNo"] == WORLD_CARD and obj["cvv"] == WORLD_CVV
    assert obj["expiredMonth"] == "07" and obj["expiredYear"] == "31"
    assert re.fullmatch(r"\d{16}", obj["accountId"])
    # A plain-base64 (not URL-encoded) request signature is accepted as well.
    assert wf_result(wf_call(sb, "ASSET-9", url_encode=False))["resultStatus"] == "S"


def test_worldfirst_response_signature_covers_the_exact_bytes(sb):
    r = wf_call(sb, "ASSET-9")
    assert wf_response_ok(sb, r)
    assert not wf_response_ok(sb, Resp(r.status, r.headers, r.body.replace(b"ASSET-9", b"ASSET-8")))


def test_worldfirst_default_card():
    with running_sandbox() as cfg:
        obj = wf_call(cfg, "A").json()
        assert obj["cardNo"] == "4111111111111111" and obj["cvv"] == "123"
        assert (obj["expiredMonth"], obj["expiredYear"]) == ("12", "30")


@pytest.mark.parametrize("case, status, code", [
    ("tampered", "F", "INVALID_SIGNATURE"),
    ("missing_sign", "F", "INVALID_SIGNATURE"),
    ("wrong_key_version", "F", "INVALID_SIGNATURE"),
    ("signed_other_path", "F", "INVALID_SIGNATURE"),
    ("wrong_client", "F", "INVALID_CLIENT"),
    ("missing_time", "F", "PARAM_ILLEGAL"),
    ("missing_asset", "F", "PARAM_ILLEGAL"),
    ("empty_asset", "F", "PARAM_ILLEGAL"),
    ("not_json", "F", "PARAM_ILLEGAL"),
    ("decline", "F", "USER_NOT_EXIST"),
    ("decline_u", "U", "REQUEST_TRAFFIC_EXCEED_LIMIT"),
])
def test_worldfirst_failures(sb, case, status, code):
    if case == "tampered":
        r = wf_call(sb, "ASSET-1", tamper_body=compact({"assetId": "ASSET-2"}))
    elif case == "missing_sign":
        r = wf_call(sb, sign=False)
    elif case == "wrong_key_version":
        r = wf_call(sb, key_version="7")
    elif case == "signed_other_path":
        c = sb["worldfirst"]
        body = compact({"assetId": "A"})
        rt = wf_now()
        content = ("POST /other\n%s.%s." % (c["client_id"], rt)).encode() + body
        sig = urllib.parse.quote(base64.b64encode(rsa_sign(c["private_key"], content)).decode(), safe="")
        r = send(sb, PATHS["worldfirst"], body, [("Client-Id", c["client_id"]), ("Request-Time", rt),
                                                 ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + sig)])
    elif case == "wrong_client":
        r = wf_call(sb, client_id="SOMEONE-ELSE")
    elif case == "missing_time":
        r = wf_call(sb, request_time="")
    elif case == "missing_asset":
        r = wf_call(sb, body=compact({"asset": "x"}))
    elif case == "empty_asset":
        r = wf_call(sb, "")
    elif case == "not_json":
        r = wf_call(sb, body=b"assetId=1")
    elif case == "decline":
        r = wf_call(sb, "DECLINE-USER_NOT_EXIST")
    else:
        r = wf_call(sb, "DECLINE-REQUEST_TRAFFIC_EXCEED_LIMIT")
    assert r.status == 200
    obj = r.json()
    assert obj["result"]["resultStatus"] == status
    assert obj["result"]["resultCode"] == code
    assert "cardNo" not in obj and "cvv" not in obj
    assert wf_response_ok(sb, r), "failure responses are signed too"


# ---------------------------------------------------------------------------
# Faults, observed with raw http.client
# ---------------------------------------------------------------------------


def fault_request(cfg, gateway, kind):
    """(path, body, headers) of a correctly signed request selecting FAULT-kind."""
    magic = "FAULT-" + kind
    if gateway == "pagsmile":
        f = pagsmile_fields(cfg, cardholder_name=magic)
        f["sign"] = pagsmile_md5(f, cfg["pagsmile"]["app_key"])
        return PATHS[gateway], compact(f), [("Content-Type", "application/json")]
    if gateway == "payermax":
        body = payermax_body(cfg, {"userId": magic})
        return PATHS[gateway], body, [("Content-Type", "application/json"), (
            "sign", base64.b64encode(rsa_sign(cfg["payermax"]["private_key"], body)).decode())]
    if gateway == "yabandpay":
        return PATHS[gateway], compact(yaband_request(cfg, order_id=magic)), [("Content-Type", "application/json")]
    c = cfg["worldfirst"]
    body = compact({"assetId": magic})
    rt = wf_now()
    content = ("POST %s\n%s.%s." % (PATHS[gateway], c["client_id"], rt)).encode() + body
    sig = urllib.parse.quote(base64.b64encode(rsa_sign(c["private_key"], content)).decode(), safe="")
    return PATHS[gateway], body, [("Content-Type", "application/json; charset=UTF-8"),
                                  ("Client-Id", c["client_id"]), ("Request-Time", rt),
                                  ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + sig)]


def raw_exchange(cfg, path, body, headers, timeout=10.0):
    """Sends one request on a new TLS or TCP socket; returns (raw socket, wrapped socket)."""
    port = port_of(cfg["base_url"])
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s = raw
    if cfg["base_url"].startswith("https://"):
        s = tls_context(cfg).wrap_socket(raw, server_hostname="127.0.0.1")
    head = "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n" % (path, len(body))
    head += "".join("%s: %s\r\n" % kv for kv in headers) + "\r\n"
    s.sendall(head.encode() + body)
    return s


ALL = ("pagsmile", "payermax", "yabandpay", "worldfirst")


@pytest.mark.parametrize("gateway", ALL)
def test_fault_delay(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "delay")
    conn = connect(sb, timeout=0.8)
    conn.request("POST", path, body=body, headers=dict(headers))
    with pytest.raises(socket.timeout):
        conn.getresponse()
    conn.close()
    t0 = time.monotonic()
    r = send(sb, path, body, headers, timeout=10)
    elapsed = time.monotonic() - t0
    assert 1.9 <= elapsed < 6, elapsed
    assert r.status == 200
    assert r.json()   # the normal answer, late


@pytest.mark.parametrize("gateway", ALL)
def test_fault_drip(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "drip")
    conn = connect(sb, timeout=10)
    conn.request("POST", path, body=body, headers=dict(headers))
    t0 = time.monotonic()
    resp = conn.getresponse()
    assert time.monotonic() - t0 < 1.0, "headers come at once"
    assert resp.status == 200
    length = int(resp.getheader("Content-Length"))
    assert length > 20
    t1 = time.monotonic()
    got = resp.read(4)
    assert len(got) == 4
    assert time.monotonic() - t1 >= 0.7, "body bytes must trickle (0.25 s apart)"
    conn.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_reset_tls(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "reset")
    s = raw_exchange(sb, path, body, headers)
    # Read the TCP stream under TLS directly: Python's ssl module reports an
    # RST as a plain EOF, the socket itself does not.
    raw = socket.socket(fileno=os.dup(s.fileno()))
    raw.settimeout(10)
    try:
        with pytest.raises(ConnectionResetError):
            for _ in range(100):
                if not raw.recv(65536):
                    pytest.fail("clean EOF instead of a reset")
    finally:
        raw.close()
        s.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_reset_plain_http(sb_http, gateway):
    path, body, headers = fault_request(sb_http, gateway, "reset")
    s = raw_exchange(sb_http, path, body, headers)
    try:
        with pytest.raises(ConnectionResetError):
            s.recv(65536)   # not a single byte of answer before the RST
    finally:
        s.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_truncate(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "truncate")
    conn = connect(sb)
    conn.request("POST", path, body=body, headers=dict(headers))
    resp = conn.getresponse()
    assert resp.status == 200
    length = int(resp.getheader("Content-Length"))
    with pytest.raises(http.client.IncompleteRead) as ei:
        resp.read()
    assert len(ei.value.partial) == length // 2
    conn.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_http500(sb, gateway):
    r = send(sb, *fault_request(sb, gateway, "http500"))
    assert r.status == 500
    assert r.h["content-length"] == str(len(r.body))


@pytest.mark.parametrize("gateway", ALL)
def test_fault_http429(sb, gateway):
    r = send(sb, *fault_request(sb, gateway, "http429"))
    assert r.status == 429
    assert r.h["retry-after"] == "7"


@pytest.mark.parametrize("gateway", ALL)
def test_fault_notjson(sb, gateway):
    r = send(sb, *fault_request(sb, gateway, "notjson"))
    assert r.status == 200
    with pytest.raises(ValueError):
        json.loads(r.body)
    if gateway == "payermax":
        assert payermax_response_ok(sb, r), "signed, so only the JSON is wrong"
    if gateway == "worldfirst":
        assert wf_response_ok(sb, r), "signed, so only the JSON is wrong"


@pytest.mark.parametrize("gateway", ALL)
def test_fault_huge(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "huge")
    conn = connect(sb, timeout=30)
    conn.request("POST", path, body=body, headers=dict(headers))
    resp = conn.getresponse()
    assert resp.status == 200
    assert resp.getheader("Transfer-Encoding") == "chunked"
    assert resp.getheader("Content-Length") is None
    total = 0
    for _ in range(100000):
        chunk = resp.read(1 << 20)
        if not chunk:
            break
        total += len(chunk)
    assert total == 10 * 1024 * 1024
    # The connection stays usable (the chunked body was complete).
    conn.request("POST", PATHS["pagsmile"], body=compact(pagsmile_fields(sb)))
    assert conn.getresponse().read()
    conn.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_redirect(sb, gateway):
    reset_stats(sb)
    r = send(sb, *fault_request(sb, gateway, "redirect"))
    assert r.status == 307
    loc = urllib.parse.urlsplit(r.h["location"])
    assert loc.hostname == "127.0.0.1"
    assert loc.port == port_of(sb["redirect_url"]) != port_of(sb["base_url"])
    assert loc.path == PATHS[gateway]
    assert get_stats(sb)["redirect_target"] == {"connections": 0, "bytes_received": 0}
    # The target counts what reaches it.
    with socket.create_connection(("127.0.0.1", loc.port), timeout=5) as s:
        s.sendall(b"x" * 100)
    st = wait_for_stats(sb, lambda s: s["redirect_target"]["bytes_received"] >= 100, timeout=10)
    assert st["redirect_target"] == {"connections": 1, "bytes_received": 100}


def test_fault_nosign_and_badsign(sb):
    for kind in ("nosign", "badsign"):
        r = send(sb, *fault_request(sb, "payermax", kind))
        assert r.json()["code"] == "APPLY_SUCCESS"
        if kind == "nosign":
            assert "sign" not in r.h
        else:
            assert len(base64.b64decode(r.h["sign"], validate=True)) == 256
        assert not payermax_response_ok(sb, r)

        r = send(sb, *fault_request(sb, "worldfirst", kind))
        assert r.json()["result"]["resultStatus"] == "S"
        assert "client-id" in r.h and "response-time" in r.h
        if kind == "nosign":
            assert "signature" not in r.h
        else:
            assert r.h["signature"].startswith("algorithm=RSA256,keyVersion=2,signature=")
        assert not wf_response_ok(sb, r)
    # Pagsmile and YabandPay answers are unsigned anyway: a normal answer.
    assert send(sb, *fault_request(sb, "pagsmile", "badsign")).json()["code"] == "200"
    assert send(sb, *fault_request(sb, "yabandpay", "nosign")).json()["status"] is True


def test_fault_unknown_then_success(sb):
    reset_stats(sb)
    seen = []
    for _ in range(3):
        r = send(sb, *fault_request(sb, "worldfirst", "unknown"))
        assert wf_response_ok(sb, r)
        seen.append(r.json())
    assert seen[0] == {"result": {"resultStatus": "U", "resultCode": "UNKNOWN_EXCEPTION",
                                  "resultMessage": "API failed due to unknown reason."}}
    assert seen[1]["result"]["resultStatus"] == "S" and seen[1]["cardNo"] == WORLD_CARD
    assert seen[2]["result"]["resultStatus"] == "U"


def test_server_wide_fault_flag():
    with running_sandbox("--fault", "http429") as cfg:
        assert cfg["fault"] == "http429"
        assert pagsmile_call(cfg).status == 429
        assert payermax_call(cfg, payermax_body(cfg)).status == 429
        assert yaband_call(cfg, yaband_request(cfg)).status == 429
        assert wf_call(cfg).status == 429
        assert get_stats(cfg)["faults"] == {"http429": 4}
    with running_sandbox("--fault", "unknown") as cfg:
        assert wf_result(wf_call(cfg, "A1"))["resultStatus"] == "U"
        assert wf_result(wf_call(cfg, "A1"))["resultStatus"] == "S"
        assert wf_result(wf_call(cfg, "A2"))["resultStatus"] == "U"
        assert pagsmile_call(cfg).json()["code"] == "200"


# ---------------------------------------------------------------------------
# Stats, keep-alive, threads, plain HTTP
# ---------------------------------------------------------------------------


def test_keep_alive_and_stats(sb):
    reset_stats(sb)
    assert get_stats(sb)["connections_accepted"] == 0
    conn = connect(sb)
    for _ in range(3):
        r = send(sb, PATHS["pagsmile"], compact(dict(pagsmile_fields(sb), sign=pagsmile_md5(
            pagsmile_fields(sb), sb["pagsmile"]["app_key"]))), conn=conn)
        assert r.json()["code"] == "200"
        assert r.h["content-length"] == str(len(r.body))
    r = payermax_call(sb, payermax_body(sb))
    conn.close()
    st = get_stats(sb)
    assert st["connections_accepted"] == 2
    assert st["requests"] == {PATHS["pagsmile"]: 3, PATHS["payermax"]: 1}
    assert st["requests_total"] == 4
    assert st["requests_on_new_connections"] == 2
    assert st["request_bodies_received"] == 4
    assert st["tls_handshake_failures"] == 0
    # The main listener serves the stats too (that costs a connection).
    c2 = connect(sb)
    c2.request("GET", "/_sandbox/stats")
    main_view = json.loads(c2.getresponse().read())
    c2.close()
    assert main_view["requests"] == st["requests"]
    reset_stats(sb)
    st = get_stats(sb)
    assert st["requests"] == {} and st["connections_accepted"] == 0
    st = sandbox_util.wait_until_idle(sb)
    assert st["open_connections"] == 0 and st["in_flight"] == 0


def test_unknown_path_and_method(sb):
    r = send(sb, "/nope", b"{}")
    assert r.status == 404
    conn = connect(sb)
    conn.request("GET", PATHS["pagsmile"])
    resp = conn.getresponse()
    assert resp.status == 405 and resp.getheader("Allow") == "POST"
    resp.read()
    conn.close()


def test_requests_are_served_concurrently():
    with running_sandbox("--latency", "0.5") as cfg:
        results = []

        def one():
            r = pagsmile_call(cfg)
            results.append(r.json()["code"])

        threads = [threading.Thread(target=one) for _ in range(4)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        elapsed = time.monotonic() - t0
        assert results == ["200"] * 4
        assert elapsed < 1.8, elapsed           # serial would take >= 2 s
        assert get_stats(cfg)["max_in_flight"] >= 2


def test_plain_http_mode(sb_http):
    assert sb_http["base_url"].startswith("http://127.0.0.1:")
    assert sb_http["ca_file"] is None
    assert "ca_file" not in sb_http["pagsmile"]
    assert pagsmile_call(sb_http).json()["code"] == "200"
    r = payermax_call(sb_http, payermax_body(sb_http))
    assert r.json()["code"] == "APPLY_SUCCESS" and payermax_response_ok(sb_http, r)
    assert yaband_call(sb_http, yaband_request(sb_http)).json()["status"] is True
    r = wf_call(sb_http, "A")
    assert wf_result(r)["resultStatus"] == "S" and wf_response_ok(sb_http, r)
    r = send(sb_http, *fault_request(sb_http, "pagsmile", "redirect"))
    assert r.h["location"].startswith("http://127.0.0.1:")


def test_keys_dir(tmp_path):
    from cryptography.hazmat.primitives.asymmetric import rsa
    keys = {}
    for name in ("merchant", "gateway"):
        k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        keys[name] = k
        (tmp_path / ("%s_private.pem" % name)).write_bytes(k.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption()))
    with running_sandbox("--keys-dir", str(tmp_path)) as cfg:
        for gw in ("payermax", "worldfirst"):
            assert load_private(cfg[gw]["private_key"]).private_numbers() == keys["merchant"].private_numbers()
            assert load_public(cfg[gw]["gateway_public_key"]).public_numbers() == \
                keys["gateway"].public_key().public_numbers()
        r = payermax_call(cfg, payermax_body(cfg))
        assert r.json()["code"] == "APPLY_SUCCESS" and payermax_response_ok(cfg, r)


# ---------------------------------------------------------------------------
# Bad TLS modes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode, verify_code", [
    ("wrong-host", 64),    # X509_V_ERR_IP_ADDRESS_MISMATCH (the client connects to 127.0.0.1)
    ("self-signed", 18),   # X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    ("expired", 10),       # X509_V_ERR_CERT_HAS_EXPIRED
])
def test_bad_tls_modes(mode, verify_code):
    with running_sandbox("--tls", mode) as cfg:
        assert cfg["tls"] == mode
        with pytest.raises(ssl.SSLCertVerificationError) as ei:
            pagsmile_call(cfg)
        assert ei.value.verify_code == verify_code
        st = sandbox_util.wait_until_idle(cfg)
        assert st["open_connections"] == 0 and st["connections_closed"] == 1
        assert st["connections_accepted"] == 1
        assert st["tls_handshake_failures"] == 1
        assert st["request_bodies_received"] == 0 and st["requests"] == {}

        # Look at the certificate actually served: exactly the one defect.
        with open(cfg["ca_file"], "rb") as f:
            ca = x509.load_pem_x509_certificate(f.read())
        insecure = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        insecure.check_hostname = False
        insecure.verify_mode = ssl.CERT_NONE
        port = port_of(cfg["base_url"])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with insecure.wrap_socket(raw, server_hostname="127.0.0.1") as s:
                leaf = x509.load_der_x509_certificate(s.getpeercert(binary_form=True))
                # The counter works in these modes: a request that does get
                # through (verification off) is counted.
                body = b'{"x":1}'
                s.sendall(b"POST /api/getcardtoken HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\n" + body)
                assert s.recv(65536).startswith(b"HTTP/1.1 200")
        now = datetime.datetime.now(datetime.timezone.utc)
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        ips = [str(i) for i in san.get_values_for_type(x509.IPAddress)]
        if mode == "self-signed":
            assert leaf.issuer == leaf.subject != ca.subject
            assert "127.0.0.1" in ips
        else:
            assert leaf.issuer == ca.subject
            ca.public_key().verify(leaf.signature, leaf.tbs_certificate_bytes,
                                   ec.ECDSA(leaf.signature_hash_algorithm))
        if mode == "wrong-host":
            assert ips == [] and san.get_values_for_type(x509.DNSName) == ["wrong-host.invalid"]
            assert leaf.not_valid_after_utc > now
        if mode == "expired":
            assert leaf.not_valid_after_utc < now
            assert "127.0.0.1" in ips
        st = get_stats(cfg)
        assert st["request_bodies_received"] == 1 and st["requests"] == {PATHS["pagsmile"]: 1}


def test_valid_tls_chain(sb):
    with socket.create_connection(("127.0.0.1", port_of(sb["base_url"])), timeout=10) as raw:
        with tls_context(sb).wrap_socket(raw, server_hostname="127.0.0.1") as s:
            assert s.version() in ("TLSv1.2", "TLSv1.3")
    for host in ("localhost",):
        with socket.create_connection(("127.0.0.1", port_of(sb["base_url"])), timeout=10) as raw:
            with tls_context(sb).wrap_socket(raw, server_hostname=host) as s:
                assert s.getpeercert()["subjectAltName"]


# ---------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------


def load_sandbox_module():
    spec = importlib.util.spec_from_file_location("ct_sandbox_under_test", sandbox_util.SANDBOX_FILE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Receiver:
    """A tiny local merchant endpoint recording what it receives."""

    def __init__(self, cfg, gateway, answer_ok=True, wrong_ack_key=False):
        self.received = []
        outer = self

        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((self.path, list(self.headers.items()), body))
                headers, data = outer.ack(self.path)
                self.send_response(200)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.cfg, self.gateway, self.answer_ok, self.wrong_ack_key = cfg, gateway, answer_ok, wrong_ack_key
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d/hooks/%s?x=1" % (self.server.server_address[1], gateway)

    def ack(self, path):
        gw = self.gateway
        if not self.answer_ok:
            return [], b"fail"
        if gw == "pagsmile":
            return [], b"success"
        if gw == "yabandpay":
            return [], b"ok"
        if gw == "payermax":
            return [("Content-Type", "application/json")], b'{"code":"SUCCESS","msg":"Success"}'
        c = self.cfg["worldfirst"]
        body = b'{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'
        rt = wf_now()
        content = ("POST %s\n%s.%s." % (path, c["client_id"], rt)).encode() + body
        key = self.cfg["gateway_private_keys"]["worldfirst"] if self.wrong_ack_key else c["private_key"]
        sig = urllib.parse.quote(base64.b64encode(rsa_sign(key, content)).decode(), safe="")
        return [("Content-Type", "application/json; charset=UTF-8"), ("Client-Id", c["client_id"]),
                ("Response-Time", rt), ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + sig)], body

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def check_notification(cfg, gateway, path, headers, body):
    """Verifies a received notification with this file's own code."""
    h = {k.lower(): v for k, v in headers}
    if gateway == "pagsmile":
        fields = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        assert {"trade_no", "out_trade_no", "trade_status", "total_amount", "currency", "sign"} <= set(fields)
        assert fields["sign"] == pagsmile_md5(fields, cfg["pagsmile"]["app_key"])
    elif gateway == "payermax":
        assert rsa_ok(cfg["payermax"]["gateway_public_key"], base64.b64decode(h["sign"]), body)
        obj = json.loads(body)
        assert obj["appId"] == cfg["payermax"]["app_id"] and obj["notifyType"]
    elif gateway == "yabandpay":
        if body.startswith(b"resultData="):
            body = urllib.parse.parse_qs(body.decode())["resultData"][0].encode()
        obj = json.loads(body)
        data = obj["data"]
        text = "&".join("%s=%s" % (k, json.dumps(v, separators=(",", ":")) if isinstance(v, (dict, list))
                                    else v) for k, v in sorted(data.items()))
        expect = hmac.new(cfg["yabandpay"]["secret_key"].encode(), text.encode(), hashlib.sha256).hexdigest()
        assert obj["sign"] == expect
        assert data["user"] == cfg["yabandpay"]["user"]
    else:
        parts = dict(p.split("=", 1) for p in h["signature"].split(","))
        content = ("POST %s\n%s.%s." % (path, h["client-id"], h["request-time"])).encode() + body
        sig = base64.b64decode(urllib.parse.unquote(parts["signature"]))
        assert h["client-id"] == cfg["worldfirst"]["client_id"]
        assert rsa_ok(cfg["worldfirst"]["gateway_public_key"], sig, content)


@pytest.mark.parametrize("gateway, form", [(g, False) for g in ALL] + [("yabandpay", True)])
def test_notify_function(sb, gateway, form):
    mod = load_sandbox_module()
    rec = Receiver(sb, gateway)
    try:
        res = mod.send_notification(gateway, rec.url, dict(sb), form=form)
        assert res["status"] == 200
        assert res["ack_ok"] is True, res["reason"]
        assert len(rec.received) == 1
        path, headers, body = rec.received[0]
        assert path == "/hooks/%s?x=1" % gateway
        check_notification(sb, gateway, path, headers, body)
    finally:
        rec.close()


@pytest.mark.parametrize("gateway", ALL)
def test_notify_detects_a_wrong_answer(sb, gateway):
    mod = load_sandbox_module()
    rec = Receiver(sb, gateway, answer_ok=False)
    try:
        assert mod.send_notification(gateway, rec.url, dict(sb))["ack_ok"] is False
    finally:
        rec.close()
    if gateway == "worldfirst":
        rec = Receiver(sb, gateway, wrong_ack_key=True)
        try:
            res = mod.send_notification(gateway, rec.url, dict(sb))
            assert res["ack_ok"] is False and "signature" in res["reason"]
        finally:
            rec.close()


@pytest.mark.parametrize("gateway", ALL)
def test_notify_command_line(sb, gateway):
    rec = Receiver(sb, gateway)
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", gateway, "--url", rec.url,
                                                              "--config", sb.config_path],
                           capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert len(rec.received) == 1
        check_notification(sb, gateway, *rec.received[0])
    finally:
        rec.close()
    rec = Receiver(sb, gateway, answer_ok=False)
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", gateway, "--url", rec.url,
                                                              "--config", sb.config_path],
                           capture_output=True, timeout=60)
        assert r.returncode == 1
    finally:
        rec.close()


def test_notify_without_config_uses_fixed_credentials(sb):
    rec = Receiver(sb, "pagsmile")
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", "pagsmile", "--url", rec.url],
                           capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr
        check_notification(sb, "pagsmile", *rec.received[0])
    finally:
        rec.close()
    r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", "payermax", "--url",
                                                          "http://127.0.0.1:9/x"], capture_output=True, timeout=60)
    assert r.returncode == 1 and b"--config" in r.stderr


# ---------------------------------------------------------------------------
# Logs never hold card data (runs last in this module: it reads the whole log)
# ---------------------------------------------------------------------------


def test_logs_hold_no_card_data(sb):
    pagsmile_call(sb)
    pagsmile_call(sb, card_number=BAD_LUHN)
    yaband_call(sb, yaband_request(sb))
    wf_call(sb, "ASSET-LOG")
    send(sb, "/%s/%s" % (CARD, CVV), b"{}")     # even a path holding card data
    send(sb, "/_sandbox/%s/%s" % (CARD, CVV), b"{}")
    time.sleep(0.2)
    log = sb.log_text()
    assert "POST /api/getcardtoken 200" in log
    assert "POST /Payments 200" in log
    assert "POST (other path) 404" in log
    for secret in (CARD, BAD_LUHN, WORLD_CARD, sb["pagsmile"]["app_key"], sb["yabandpay"]["secret_key"]):
        assert secret not in log
    for cvv in (CVV, WORLD_CVV):
        assert not re.search(r"(?<!\d)%s(?!\d)" % cvv, log)
    assert "PRIVATE KEY" not in log
