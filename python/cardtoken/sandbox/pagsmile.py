"""Pagsmile in the sandbox: POST /api/getcardtoken ("DriectSign": MD5 over
the sorted fields, PHP empty() values dropped), the token lifecycle calls
(pagsmile_life.py) and its notifications."""

import hashlib
import hmac
import json
import secrets
import urllib.parse

from ._common import (Reply, _card_number_ok, _is_digits, _json_bytes, _month_ok, _notjson_reply, json_object,
                      _text_ok)
from . import pagsmile_life
from .faults import FAULT_KINDS

NAME = "pagsmile"
PATH = "/api/getcardtoken"
LIFECYCLE_PATHS = pagsmile_life.PATHS
CREDENTIALS = {
    "merchant_no": "102320170519",
    "app_id": "2017051914172236111",
    "app_key": "SandboxPagsmileMD5Key",
}
RSA_KEYS = False
MESSAGES = {
    "200": "SUCCESS",
    "300": "WARNING",
    "400": "SYSTEM_ERROR",
    "401": "SYSTEM_PARAM_ERROR",
    "402": "SIGN_VERIFY_FAILURE",
    "403": "SIGN_ISNULL",
    "404": "SIGN_TYPE_ERROR",
    "405": "SIGN_TYPE_ISNULL",
    "501": "MERCHANT_ID_INVALID",
    "502": "MERCHANT_ID_INVALID",
    "508": "MERCHANT_STATUS_ISLOCK",
    "550": "SINGLE_DAY_PAY_LIMIT",
    "551": "IP_REQUEST_TOO_FAST_LIMIT",
    "759": "EMAIL_ISNULL",
}

# --- "DriectSign" (PHP empty() rule, PHP json_encode for nested) ---

def _php_empty(value):
    if value is None or value is False:
        return True
    if value is True:
        return False
    if isinstance(value, (int, float)):
        return value == 0
    if isinstance(value, str):
        return value == "" or value == "0"
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


def _php_scalar(value, nested=None):
    if value is True:
        return "1"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (list, dict)) and nested == "plain":
        # LIFECYCLE.md §1: compact, raw "/" and UTF-8 (escape_slashes false)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, (list, dict)):
        # PHP json_encode: compact, "\/" for "/", \uXXXX for non-ASCII.
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    return str(value)


def pagsmile_sign(fields, app_key, nested=None):
    """MD5 (lowercase hex) of Pagsmile's string to sign for `fields`; nested
    objects as PHP json_encode writes them, or (nested "plain") as compact
    JSON with raw "/" and UTF-8."""
    items = sorted(
        ((k, v) for k, v in fields.items() if k != "sign" and not _php_empty(v)),
        key=lambda kv: kv[0].encode("utf-8"),
    )
    text = "&".join("%s=%s" % (k, _php_scalar(v, nested)) for k, v in items) + "&key=" + app_key
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _lifecycle_path(obj):
    """Which lifecycle call a body is (the server routes by path; the magic
    value is read before, from the body alone)."""
    if "payment" in obj or "customer" in obj:
        return "/api/creditpci"
    if "out_request_no" in obj or "refund_amount" in obj:
        return "/api/refundapply"
    if "method" in obj:
        return "/api/refund"
    return "/api/checkorder"


def magic_value(obj):
    """The argument carrying FAULT-/DECLINE- values: cardholder_name, or the
    lifecycle call's (pagsmile_life.magic_value)."""
    if "card_number" in obj or "cardholder_name" in obj:
        return obj.get("cardholder_name")
    return pagsmile_life.magic_value(_lifecycle_path(obj), obj)


def handle(gws, headers, body, path, fault):
    """Pagsmile's Reply to one request: the MD5 sign checked with the app key,
    then the card fields. No I/O here."""
    creds = CREDENTIALS

    def answer(code, info, data=None):
        body = {"code": code, "info": info}
        if data is not None or path == "/api/refundapply":
            body["data"] = data
        return Reply(200, [("Content-Type", "application/json; charset=utf-8")], _json_bytes(body))

    def fail(code):
        return answer(code, MESSAGES.get(code, "DECLINED"))

    if fault == "notjson":
        return _notjson_reply()
    obj = json_object(body)
    if obj is None:
        return fail("401")
    sign = obj.get("sign")
    if sign is None or sign == "":
        return fail("403")
    if obj.get("merchant_no") != creds["merchant_no"] or obj.get("app_id") != creds["app_id"]:
        return fail("502")
    if not isinstance(sign, str):
        return fail("402")
    # nested objects: either rendering the client may use (escape_slashes)
    good = [hmac.compare_digest(pagsmile_sign(obj, creds["app_key"], n), sign) for n in (None, "plain")]
    if not any(good):
        return fail("402")
    if path in pagsmile_life.PATHS:
        return pagsmile_life.handle(gws, path, obj, answer, fail)
    card = obj.get("card_number")
    cvv = obj.get("security_code")
    month = obj.get("expiration_month")
    year = obj.get("expiration_year")
    holder = obj.get("cardholder_name")
    if not (
        _card_number_ok(card)
        and _is_digits(cvv, 3, 4)
        and _month_ok(month)
        and _is_digits(year, 4, 4)
        and _text_ok(holder, 1, 100)
    ):
        return fail("401")
    magic = holder
    if magic.startswith("FAULT-") and magic[6:] not in FAULT_KINDS:
        return fail("401")
    if magic.startswith("DECLINE-"):
        return fail(magic[8:])
    card_info = {
        "first_six_digits": card[:6],
        "last_four_digits": card[-4:],
        "expiration_month": int(month),
        "expiration_year": int(year),
        "cardholder_name": holder,
    }
    if card[0] == "4":
        card_info["payment_method_id"] = "visa"
    elif card[0] == "5":
        card_info["payment_method_id"] = "master"
    token = secrets.token_hex(16)
    pagsmile_life.remember_token(gws, token, card_info.get("payment_method_id"))
    return answer("200", {"token": token, "card_info": card_info})


def notification(cfg, path, now, serial, form=False, token_object=False):
    """(headers, body) of a correctly signed notification to `path`."""
    c = cfg[NAME]
    fields = {
        "trade_no": "SB" + serial,
        "out_trade_no": "ORDER" + serial,
        "trade_status": "SUCCESS",
        "passback_params": "",
        "pay_channel": "CreditCard",
        "total_amount": "10.00",
        "currency": "BRL",
        "version": "2.0",
        "sign_type": "MD5",
    }
    fields["sign"] = pagsmile_sign(fields, c["app_key"])
    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    body = urllib.parse.urlencode(list(fields.items())).encode("ascii")
    return headers, body


def check_ack(config, path, headers, body):
    """(ok, reason) for the merchant's HTTP 200 answer to a notification."""
    return (body.strip() == b"success"), "expected body 'success'"
