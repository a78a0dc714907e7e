"""YabandPay in the sandbox: POST /Payments (method v3.CreateCardPayments,
HMAC-SHA256 over the sorted fields, each value as the gateway's PHP server
converts it), the 3DS low-value exemption rule and its notifications.
Written independently of the core: plain Python with the decimal module."""

import hashlib
import hmac
import json
import re
import urllib.parse
import uuid
from decimal import Decimal, InvalidOperation

from ._common import (Reply, _card_number_ok, _is_digits, _json_bytes, _month_ok, _notjson_reply,
                      _response_id, _text_ok)
from .faults import FAULT_KINDS
from .yabandpay_life import handle as handle_life
from .yabandpay_life import record_trade, token_for

NAME = "yabandpay"
PATH = "/Payments"
CREDENTIALS = {"user": "016683", "secret_key": "SandboxYabandPaySecretKey"}
RSA_KEYS = False
MESSAGES = {
    "-1000": "Internal error",
    "-403": "The signature Error",
    "-2001": "The user not exist",
    "-3001": "Required field is missing",
    "-4118": "Incorrect request ID",
    "-4120": "No operational permissions",
}

# The seed page "Get Token (card Direct method)", section 3DS低价值豁免: the
# highest order amount, per currency, that may use transaction code 02 (the
# 3DS low-value exemption). A currency not listed is not eligible.
LOW_VALUE_LIMITS = {
    "EUR": Decimal("30"), "DKK": Decimal("225"), "GBP": Decimal("27"),
    "SEK": Decimal("310"), "ISK": Decimal("5000"), "NOK": Decimal("325"),
    "CHF": Decimal("32"), "PLN": Decimal("135"), "USD": Decimal("36"),
}
# 3ds_initiate: 01 = 3DS required, 02 = low-value exemption.
THREE_DS_CODES = ("01", "02")


def low_value_refusal(data):
    """Why the request's low-value exemption (3ds_initiate "02" or
    sca_exemption "LowValue", any case) is not allowed, or None when it asks
    for none or is eligible. `data` is the request's data object; amount and
    currency have been checked already."""
    sca = data.get("sca_exemption")
    by_sca = isinstance(sca, str) and sca.lower() == "lowvalue"
    if not by_sca and data.get("3ds_initiate") != "02":
        return None
    how = "sca_exemption LowValue" if by_sca else "3ds_initiate 02"
    currency = data.get("currency")
    limit = LOW_VALUE_LIMITS.get(currency)
    if limit is None:
        return "%s: no low-value exemption for currency %s" % (how, currency)
    try:
        amount = Decimal(str(data.get("amount")))
    except InvalidOperation:
        return "%s: amount" % how
    if amount > limit:
        return "%s: amount above the low-value limit of %s %s" % (how, limit, currency)
    return None


# --- signatures: the gateway's server is PHP ---
# Each value is signed as PHP's (string) after json_decode($text, true), with
# precision=14 (LIFECYCLE.md 10.1a): what the official SDK (Yabandpay/Api)
# computes, so its receivers and the sandbox agree.

_INT64 = (-(2 ** 63), 2 ** 63 - 1)


def php_float(value):
    """PHP's (string) of a float (precision 14): 1.5E-7, 0.3, 1.0E+20, -0."""
    if value != value:
        return "NAN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    sign = "-" if str(value).startswith("-") else ""
    if value == 0:
        return sign + "0"
    mantissa, exp = ("%.13e" % abs(value)).split("e")
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    point = int(exp) + 1  # value = 0.DIGITS x 10**point
    if point < -3 or point > 14:
        e = point - 1
        return "%s%s.%sE%s%d" % (sign, digits[0], digits[1:] or "0", "-" if e < 0 else "+", abs(e))
    if point <= 0:
        return sign + "0." + "0" * -point + digits
    whole = digits[:point].ljust(point, "0")
    rest = digits[point:]
    return sign + whole + ("." + rest if rest else "")


def php_string(value):
    """PHP's (string) of a json_decode'd value; arrays and objects are "Array"."""
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    if isinstance(value, int):
        return str(value) if _INT64[0] <= value <= _INT64[1] else php_float(float(value))
    if isinstance(value, float):
        return php_float(value)
    if isinstance(value, (list, dict)):
        return "Array"
    return str(value)


def yabandpay_sign(fields, secret_key):
    """HMAC-SHA256 hex of the sorted name=value string of `fields`, each value
    as the gateway's PHP server converts it (php_string)."""
    items = sorted(fields.items(), key=lambda kv: kv[0].encode("utf-8"))
    text = "&".join("%s=%s" % (k, php_string(v)) for k, v in items)
    return hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def magic_value(obj):
    """The argument carrying FAULT-/DECLINE- values: data.order_id, or for
    the lookups and refunds data.trade_id or data.refund_id."""
    data = obj.get("data", {})
    if not isinstance(data, dict):
        return None
    return data.get("order_id") or data.get("trade_id") or data.get("refund_id")


def handle(gws, headers, body, path, fault):
    """YabandPay's Reply to one request: the HMAC checked with the secret key,
    then every data field and the low-value exemption. No I/O here."""
    creds = CREDENTIALS

    def fail(code, detail=None):
        msg = MESSAGES.get(code, "Declined")
        if detail:
            msg = "%s: %s" % (msg, detail)
        return Reply(200, [("Content-Type", "application/json; charset=utf-8")],
                     _json_bytes({"status": False, "code": code, "message": msg,
                                  "response_id": _response_id()}))

    if fault == "notjson":
        return _notjson_reply()
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return fail("-3001", "body is not JSON")
    if not isinstance(obj, dict) or not isinstance(obj.get("data"), dict):
        return fail("-3001", "data")
    sign = obj.get("sign")
    if not isinstance(sign, str) or not sign:
        return fail("-403")
    if obj.get("user") != creds["user"]:
        return fail("-2001")
    data = obj["data"]
    fields = {k: v for k, v in obj.items() if k not in ("sign", "data")}
    fields.update(data)
    expected = yabandpay_sign(fields, creds["secret_key"])
    if not hmac.compare_digest(expected, sign):
        return fail("-403")
    t = obj.get("time")
    if isinstance(t, bool) or not (isinstance(t, int) or (isinstance(t, str) and t.isdigit())):
        return fail("-3001", "time")
    if obj.get("method") != "v3.CreateCardPayments" or data.get("sub_pay_method") == "Token":
        def ok(answer):
            return Reply(200, [("Content-Type", "application/json; charset=utf-8")],
                         _json_bytes({"status": True, "code": "200", "data": answer, "message": "",
                                      "response_id": _response_id()}))
        magic = magic_value(obj)
        if isinstance(magic, str) and magic.startswith("FAULT-") and magic[6:] not in FAULT_KINDS:
            return fail("-3001", "FAULT- marker")
        return handle_life(gws, creds, obj.get("method"), data, ok, fail)

    def s(name):
        v = data.get(name)
        if isinstance(v, bool):
            return None
        if isinstance(v, int):
            return str(v)
        return v if isinstance(v, str) else None

    required = ("pay_method", "sub_pay_method", "operation", "order_id", "token_type",
                "3ds_initiate", "cardinfo", "amount", "currency", "description",
                "timeout", "notify_url", "request_id")
    for name in required:
        if not s(name):
            return fail("-3001", name)
    if s("pay_method") != "online" or s("sub_pay_method") != "Card":
        return fail("-3001", "pay_method")
    operation = s("operation")
    if operation not in ("10", "11", "12"):
        return fail("-3001", "operation")
    order_id = s("order_id")
    if not _text_ok(order_id, 1, 64):
        return fail("-3001", "order_id")
    if s("token_type") not in ("CIT", "MIT"):
        return fail("-3001", "token_type")
    if s("3ds_initiate") not in THREE_DS_CODES:
        return fail("-3001", "3ds_initiate")
    amount = s("amount")
    if not re.match(r"[0-9]+(\.[0-9]{1,3})?\Z", amount):
        return fail("-3001", "amount")
    zero = float(amount) == 0
    if (operation == "10") != zero:
        return fail("-3001", "amount")
    currency = s("currency")
    if not re.match(r"[A-Z]{3}\Z", currency):
        return fail("-3001", "currency")
    if not _text_ok(s("description"), 1, 256):
        return fail("-3001", "description")
    refusal = low_value_refusal(data)
    if refusal:
        return fail("-4120", refusal)
    timeout = s("timeout")
    if not _is_digits(timeout, 1, 4) or int(timeout) > 1440:
        return fail("-3001", "timeout")
    url_re = re.compile(r"https?://\S+\Z")
    if not url_re.match(s("notify_url")):
        return fail("-3001", "notify_url")
    if "redirect_url" in data and data["redirect_url"] not in ("", None):
        if not isinstance(data["redirect_url"], str) or not url_re.match(data["redirect_url"]):
            return fail("-3001", "redirect_url")
    if "form_type" in data and data["form_type"] not in ("01", "02"):
        return fail("-3001", "form_type")
    if not re.match(r"[A-Za-z0-9]{1,64}\Z", s("request_id")):
        return fail("-4118")
    try:
        card = json.loads(s("cardinfo"))
    except ValueError:
        return fail("-3001", "cardinfo")
    if not isinstance(card, dict):
        return fail("-3001", "cardinfo")
    email = card.get("emial")
    if not (
        _text_ok(card.get("card_holder"), 1, 100)
        and _text_ok(email, 3, 128)
        and re.match(r"[^@]+@[^@]+\Z", email)
        and _card_number_ok(card.get("card_number"))
        and _month_ok(card.get("expiration_month"))
        and _is_digits(card.get("expiration_year"), 4, 4)
        and _is_digits(card.get("cvc"), 3, 4)
    ):
        return fail("-3001", "cardinfo")
    if order_id.startswith("FAULT-") and order_id[6:] not in FAULT_KINDS:
        return fail("-3001", "order_id")
    if order_id.startswith("DECLINE-"):
        return fail(order_id[8:])
    trade_id = str(uuid.uuid4())
    record_trade(gws, dict(data, order_id=order_id, amount=amount, currency=currency), trade_id, "processing")
    answer = {
        "status": True,
        "code": "200",
        "data": {
            "order_id": order_id,
            "trade_id": trade_id,
            "amount": amount,
            "currency": currency,
            "url": "%s/_sandbox/pay/%s" % (gws.base_url, trade_id),
            "state": "processing",
        },
        "message": "",
        "response_id": _response_id(),
    }
    return Reply(200, [("Content-Type", "application/json; charset=utf-8")], _json_bytes(answer))


def notification(cfg, path, now, serial, form=False, token_object=False):
    """(headers, body) of a correctly signed notification to `path`."""
    c = cfg[NAME]
    data = {
        "type": "payment",
        "user": c["user"],
        "order_id": "ORDER" + serial,
        "trade_id": str(uuid.uuid4()),
        "transaction_id": "T" + serial,
        "amount": "0",
        "currency": "EUR",
        "state": "00",
    }
    # a token this sandbox accepts for pay_with_token (yabandpay_life.token_for)
    token = {"token": token_for(c["secret_key"], serial), "token_type": "CIT", "card": "411111******1111"}
    data["payment_token_object"] = token if token_object else json.dumps(token, separators=(",", ":"))
    obj = {"sign": yabandpay_sign(data, c["secret_key"]), "data": data}
    if form:
        headers = [("Content-Type", "application/x-www-form-urlencoded")]
        body = urllib.parse.urlencode({"resultData": json.dumps(obj, ensure_ascii=False,
                                                                 separators=(",", ":"))}).encode("ascii")
    else:
        headers = [("Content-Type", "application/json")]
        body = _json_bytes(obj)
    return headers, body


def check_ack(config, path, headers, body):
    """(ok, reason) for the merchant's HTTP 200 answer to a notification."""
    return (body.strip() == b"ok"), "expected body 'ok'"
