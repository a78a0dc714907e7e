"""PayerMax in the sandbox: POST /aggregate-pay/api/gateway/inquirePaymentToken
(SHA256withRSA over the body in the `sign` header, both ways), the token
lifecycle calls (payermax_life.py) and its PAYMENT, TOKENIZATION and REFUND
notifications."""

import base64
import datetime
import hashlib
import json
from decimal import Decimal

from ._common import (Reply, _NOTJSON_BODY, _NOT_JSON, _b64decode_strict, _json_bytes, _rfc3339_ms, _rsa_sign,
                      _rsa_verify, _text_ok, json_answer, notify_key, parse_rfc3339)
from . import payermax_life
from .faults import FAULT_KINDS, signature_header

NAME = "payermax"
PATH = "/aggregate-pay/api/gateway/inquirePaymentToken"
LIFECYCLE_PATHS = payermax_life.PATHS
CREDENTIALS = {
    "app_id": "46153e2b787241ae8b01857bb087d1bd",
    "merchant_no": "010229810189301",
    "key_version": "1",
}
RSA_KEYS = True  # a merchant and a gateway key pair
# Envelope versions the SDKs send for inquirePaymentToken: the Go server SDK
# 1.1, the documented (PHP) 1.2, the Java SDK's default 1.4.
VERSIONS = ("1.1", "1.2", "1.4")
WINDOW = 120.0  # seconds requestTime may be from the sandbox clock
MESSAGES = {
    "SIGN_VERIFY_FAILED": "Signature verification failed",
    "REQ_TIME_OVER_TIME": "The request time exceeds the allowed window",
    "TOO_MANY_REQUEST": "Too many requests",
    "MERCHANT_INVALID": "The merchant is invalid",
    "MERCHANT_APP_INVALID": "The merchant app is invalid",
    "PARAMS_INVALID": "Invalid parameters",
    "SYSTEM_ERROR": "System error",
    "REQUEST_TIMEOUT": "Request timeout",
    "UNEXPECTED_ERROR": "Unexpected error",
    "ORDER_REPEAT": "The outTradeNo is already in use",
    "ORDER_NOT_EXIST": "No such order",
    "PAYMENT_REJECTED": "The payment was rejected",
    "AMOUNT_INVALID": "Invalid amount",
    "CURRENCY_INVALID": "Invalid currency",
}


def magic_value(obj):
    """The argument carrying FAULT-/DECLINE- values: user_id (data.userId);
    for the lifecycle calls, payermax_life.magic_value."""
    data = obj.get("data")
    return payermax_life.magic_value(data) if isinstance(data, dict) else None


def _numbers_bytes(obj):
    """Compact JSON where a Decimal is written as its text (a number)."""
    marks = {}

    def mark(v):
        if isinstance(v, Decimal):
            key = "\x00num%d\x00" % len(marks)
            marks[json.dumps(key)] = str(v)
            return key
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(obj), ensure_ascii=False, separators=(",", ":"))
    for k, v in marks.items():
        text = text.replace(k, v)
    return text.encode("utf-8")


def handle(gws, headers, body, path, fault):
    """PayerMax's Reply to one request: its sign header checked with the
    merchant key of `gws`, the answer signed with the gateway key."""
    creds = CREDENTIALS
    gw_key = gws.keys[NAME]["gateway"]

    def reply(obj, raw=None):
        data = raw if raw is not None else _numbers_bytes(obj)
        hdrs = [("Content-Type", "application/json; charset=utf-8")]
        hdrs += signature_header(fault, "sign", lambda c: base64.b64encode(_rsa_sign(gw_key, c)).decode("ascii"),
                                 data)
        return Reply(200, hdrs, data)

    def fail(code, detail=None):
        msg = MESSAGES.get(code, "Declined")
        if detail:
            msg = "%s: %s" % (msg, detail)
        return reply({"msg": msg, "code": code})

    if fault == "notjson":
        return reply(None, raw=_NOTJSON_BODY)
    sign = headers.get("sign")
    if not sign:
        return fail("SIGN_VERIFY_FAILED", "sign header missing")
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return fail("PARAMS_INVALID", "body is not JSON")
    if not isinstance(obj, dict):
        return fail("PARAMS_INVALID", "body is not an object")
    if obj.get("appId") != creds["app_id"]:
        return fail("MERCHANT_APP_INVALID")
    sig = _b64decode_strict(sign)
    if sig is None or not _rsa_verify(gws.keys[NAME]["merchant_public"], sig, body):
        return fail("SIGN_VERIFY_FAILED")
    life = path in LIFECYCLE_PATHS
    if obj.get("version") not in ((payermax_life.VERSIONS[path],) if life else VERSIONS):
        return fail("PARAMS_INVALID", "version")
    if obj.get("keyVersion") != creds["key_version"]:
        return fail("PARAMS_INVALID", "keyVersion")
    if "merchantNo" in obj and obj["merchantNo"] != creds["merchant_no"]:
        return fail("MERCHANT_INVALID")
    when = parse_rfc3339(obj.get("requestTime"))
    if when is None:
        return fail("PARAMS_INVALID", "requestTime")
    now = datetime.datetime.now(datetime.timezone.utc)
    if abs((now - when).total_seconds()) > WINDOW:
        return fail("REQ_TIME_OVER_TIME")
    data = obj.get("data")
    if not isinstance(data, dict):
        return fail("PARAMS_INVALID", "data")
    if life:
        # amounts are numbers: read them exactly (10.50 stays 10.50)
        data = json.loads(body.decode("utf-8"), parse_float=Decimal)["data"]
        return payermax_life.handle(gws, path, data,
                                    lambda d: reply({"code": "APPLY_SUCCESS", "msg": "Success", "data": d}), fail)
    user_id = data.get("userId")
    if not _text_ok(user_id, 1, 64):
        return fail("PARAMS_INVALID", "userId")
    limits = {
        "tokenScope": 16,
        "paymentTokenID": 64,
        "paymentMethodType": 32,
        "targetOrg": 32,
        "cardOrg": 32,
        "referralCode": 64,
    }
    for name, hi in limits.items():
        v = data.get(name)
        if v is not None and not _text_ok(v, 0, hi):
            return fail("PARAMS_INVALID", name)
    scope = data.get("tokenScope") or "tokenAcq"
    if scope not in ("tokenAcq", "tokenMit"):
        return fail("PARAMS_INVALID", "tokenScope")
    if data.get("paymentMethodType") == "CARD" and data.get("targetOrg"):
        return fail("PARAMS_INVALID", "targetOrg")
    if user_id.startswith("FAULT-") and user_id[6:] not in FAULT_KINDS:
        return fail("PARAMS_INVALID", "userId")
    if user_id.startswith("DECLINE-"):
        return fail(user_id[8:])
    tokens = _tokens(user_id, scope, data) + _bound(gws, user_id, scope, data)
    return reply({"msg": "", "code": "APPLY_SUCCESS", "data": {"tokenList": tokens}})


def _tokens(user_id, scope, data):
    digest = hashlib.sha256(user_id.encode("utf-8")).hexdigest()
    expiry = _rfc3339_ms(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=7))
    out = []
    for i, (brand, masked, if_cvv) in enumerate(
        (("VISA", "411111******1111", "N"), ("MASTERCARD", "555555******4444", "Y"))
    ):
        token_id = "PMTOKEN" + str(int(digest[i * 16:(i + 1) * 16], 16)).zfill(29)[:29]
        token = {
            "tokenScope": scope,
            "targetOrg": "",
            "ifCVV": if_cvv,
            "cardInfo": masked,
            "paymentTokenID": token_id,
            "accountDisplay": "",
            "paymentTokenStatus": "Activated",
            "userId": user_id,
            "brand": brand,
            "paymentMethodType": "CARD",
            "paymentTokenExpiry": expiry,
        }
        if data.get("referralCode"):
            token["referralCode"] = data["referralCode"]
        if data.get("paymentTokenID") and data["paymentTokenID"] != token_id:
            continue
        if data.get("paymentMethodType") and data["paymentMethodType"] != "CARD":
            continue
        if data.get("cardOrg") and data["cardOrg"].upper() != brand:
            continue
        out.append(token)
    return out


def _bound(gws, user_id, scope, data):
    """The tokens apply_payment_token bound for the user (Deleted once removed)."""
    out = []
    for t in payermax_life.listed_tokens(gws, user_id):
        if t["tokenScope"] != scope or t["paymentTokenStatus"] == "Pending":
            continue
        if data.get("paymentTokenID") and data["paymentTokenID"] != t["paymentTokenID"]:
            continue
        if data.get("paymentMethodType") and data["paymentMethodType"] != t["paymentMethodType"]:
            continue
        if data.get("cardOrg") and data["cardOrg"].upper() != t["brand"]:
            continue
        out.append(t)
    return out


NOTIFY_KINDS = ("TOKENIZATION", "PAYMENT", "REFUND")


def notification(cfg, path, now, serial, form=False, token_object=False, kind=None):
    """(headers, body) of a correctly signed notification to `path`: kind
    TOKENIZATION (default, the seed's), PAYMENT or REFUND."""
    c = cfg[NAME]
    key = notify_key(cfg, NAME)
    if kind is not None:
        if kind not in NOTIFY_KINDS:
            raise ValueError("PayerMax notification kind must be one of %s" % ", ".join(NOTIFY_KINDS))
        obj = {"code": "APPLY_SUCCESS", "msg": "", "appId": c["app_id"], "merchantNo": c["merchant_no"],
               "keyVersion": c.get("key_version", "1"), "notifyTime": _rfc3339_ms(now), "notifyType": kind,
               "data": payermax_life.notification_data(kind, c, serial, now)}
        body = _numbers_bytes(obj)
        return [("Content-Type", "application/json"),
                ("sign", base64.b64encode(_rsa_sign(key, body)).decode("ascii"))], body
    obj = {
        "code": "APPLY_SUCCESS",
        "msg": "",
        "appId": c["app_id"],
        "merchantNo": c["merchant_no"],
        "keyVersion": c.get("key_version", "1"),
        "notifyTime": _rfc3339_ms(now),
        "notifyType": "TOKENIZATION",
        "data": {
            "userId": "sandbox-user",
            "paymentTokenID": "PMTOKEN" + serial.ljust(29, "0")[:29],
            "tokenScope": "tokenAcq",
            "paymentTokenStatus": "Activated",
            "paymentTokenExpiry": _rfc3339_ms(now + datetime.timedelta(days=7)),
            "cardInfo": "411111******1111",
            "brand": "VISA",
            "paymentMethodType": "CARD",
        },
    }
    body = _json_bytes(obj)
    headers = [
        ("Content-Type", "application/json"),
        ("sign", base64.b64encode(_rsa_sign(key, body)).decode("ascii")),
    ]
    return headers, body


def check_ack(config, path, headers, body):
    """(ok, reason) for the merchant's HTTP 200 answer to a notification."""
    obj = json_answer(body)
    if obj is _NOT_JSON:
        return False, "answer is not JSON"
    ok = isinstance(obj, dict) and obj.get("code") == "SUCCESS"
    return ok, "expected {\"code\":\"SUCCESS\",...}"
