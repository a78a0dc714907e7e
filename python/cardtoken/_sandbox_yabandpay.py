"""YabandPay rules of the sandbox (cardtoken.sandbox), written independently of
the core: plain Python with the decimal module, stdlib only."""

import hashlib
import hmac
from decimal import Decimal, InvalidOperation

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


def sign(fields, secret_key):
    """HMAC-SHA256 hex of the sorted name=value string of `fields`."""
    items = sorted(fields.items(), key=lambda kv: kv[0].encode("utf-8"))
    text = "&".join("%s=%s" % (k, php_string(v)) for k, v in items)
    return hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()
