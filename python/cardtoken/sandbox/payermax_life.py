"""PayerMax's token lifecycle in the sandbox (LIFECYCLE.md §2): orderAndPay,
applyPaymentToken, InquireApplyRequest, removePaymentToken, orderQuery, refund
and refundQuery at their real paths, each checked here independently of the
client (per-call version, fixed members, required members and their types,
the card data of a binding) after payermax.py has verified the sign, app,
key version and requestTime. State is per sandbox (one Gateways object) and
guarded by a lock. No I/O here.

State: a card bound by applyPaymentToken is a token of its user (listed by
inquirePaymentToken, Deleted once removed); orderAndPay pays with an
Activated token of the same user (or one inquirePaymentToken lists); a paid
order answers orderQuery and can be refunded (partially, in its currency);
a refund is REFUND_PENDING until its first refundQuery, then REFUND_SUCCESS.

Markers (magic values; see magic_value): FAULT-<kind> and DECLINE-<code> as
for every gateway (DECLINE-SYSTEM_ERROR answers SYSTEM_ERROR and changes
nothing); ACTION-<x> answers PENDING with a redirectUrl (the next query finds
the binding or payment SUCCESS); UNKNOWN-<x> carries the call out and then
answers SYSTEM_ERROR, so the matching query shows what happened (an unknown
outcome resolved by the query the README names)."""

import datetime
import hashlib
import secrets
import threading
from decimal import Decimal, InvalidOperation

from ._common import _card_number_ok, _month_ok, _rfc3339_ms, _text_ok

API = "/aggregate-pay/api/gateway/"
PAY, APPLY, INQUIRE_APPLY, REMOVE, QUERY, REFUND, QUERY_REFUND = (
    API + n for n in ("orderAndPay", "applyPaymentToken", "InquireApplyRequest", "removePaymentToken",
                      "orderQuery", "refund", "refundQuery"))
PATHS = (PAY, APPLY, INQUIRE_APPLY, REMOVE, QUERY, REFUND, QUERY_REFUND)
# api.json's version per call (LIFECYCLE.md §2)
VERSIONS = {p: ("1.2" if p == REMOVE else "1.4") for p in PATHS}
REDIRECT = "https://cashier-sandbox.payermax.invalid/authenticate/"
_LOCK = threading.Lock()


class _State:
    def __init__(self):
        self.tokens = {}  # paymentTokenID -> token dict (inquirePaymentToken's members)
        self.applies = {}  # requestId -> {"userId", "status", "token", "redirect"}
        self.orders = {}  # outTradeNo (lower case: case-insensitive) -> order dict
        self.refunds = {}  # outRefundNo -> refund dict


def _state(gws):
    with _LOCK:
        st = getattr(gws, "_payermax_life", None)
        if st is None:
            st = gws._payermax_life = _State()
        return st


def listed_tokens(gws, user_id):
    """The tokens bound to `user_id` in this sandbox, for inquirePaymentToken."""
    st = _state(gws)
    with _LOCK:
        return [dict(t) for t in st.tokens.values() if t["userId"] == user_id]


def magic_value(data):
    """The member carrying FAULT-/DECLINE-/ACTION-/UNKNOWN- values of a
    lifecycle call: orderAndPay `reference` (else userId), refund and
    refundQuery outRefundNo, orderQuery outTradeNo (whose letters, digits and
    `_` only allow FAULT_<kind> / DECLINE_<code>), the others userId."""
    if "outRefundNo" in data:
        return data.get("outRefundNo")
    if "reference" in data:
        return data.get("reference")
    if "outTradeNo" in data and "userId" not in data:
        v = data.get("outTradeNo")
        if isinstance(v, str) and (v.startswith("FAULT_") or v.startswith("DECLINE_")):
            return v.replace("_", "-", 1)
        return v
    return data.get("userId")


def _amount(v):
    """A documented number (or its decimal text, as the api.json examples
    send) as a positive Decimal, else None."""
    if isinstance(v, bool) or not isinstance(v, (str, int, Decimal)):
        return None
    try:
        d = Decimal(str(v))
    except InvalidOperation:
        return None
    return d if d.is_finite() and d > 0 else None


def _missing(data, names, hi=64):
    """The first of `names` that is not a 1..hi character string, or None."""
    for n in names:
        if not _text_ok(data.get(n), 1, hi):
            return n
    return None


def _new_id(prefix, n=24):
    return prefix + datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S") + "".join(
        secrets.choice("0123456789") for _ in range(n - 14))


class _Marker:
    def __init__(self, magic):
        m = magic if isinstance(magic, str) else ""
        self.decline = m[8:] if m.startswith("DECLINE-") else None
        self.action = m.startswith("ACTION-")
        self.unknown = m.startswith("UNKNOWN-")


def handle(gws, path, data, answer, fail):
    """The Reply to a signed lifecycle request (the envelope already checked);
    `data` was parsed with numbers as Decimal."""
    st = _state(gws)
    mark = _Marker(magic_value(data))
    if mark.decline:
        return fail(mark.decline)
    with _LOCK:
        reply = _CALLS[path](gws, st, data, mark, answer, fail)
    return fail("SYSTEM_ERROR") if reply is None else reply


def _unknown_or(mark, answer, data):
    """SYSTEM_ERROR after the work was done (UNKNOWN- marker), else the answer."""
    if mark.unknown:
        return None
    return answer(data)


def _apply(gws, st, data, mark, answer, fail):
    bad = _missing(data, ("requestId", "userId")) or _missing(data, ("country",), 2) or \
        _missing(data, ("paymentMethodType",)) or _missing(data, ("frontCallbackUrl",), 1024)
    if bad:
        return fail("PARAMS_INVALID", bad)
    if data.get("tokenScope") != "tokenAcq":
        return fail("PARAMS_INVALID", "tokenScope")
    req_id = data["requestId"]
    if req_id in st.applies:  # the idempotency key: the same request's answer
        return answer(_application(st.applies[req_id]))
    card = data.get("cardInfo")
    if data["paymentMethodType"] == "CARD":
        if not isinstance(card, dict):
            return fail("PARAMS_INVALID", "cardInfo")
        if data.get("targetOrg"):
            return fail("PARAMS_INVALID", "targetOrg")
        pan, cvv = card.get("cardIdentifierNo"), card.get("cvv")
        if not _card_number_ok(pan):
            return fail("PARAMS_INVALID", "cardInfo.cardIdentifierNo")
        if not (isinstance(cvv, str) and cvv.isdigit() and len(cvv) in (3, 4)):
            return fail("PARAMS_INVALID", "cardInfo.cvv")
        if not _month_ok(card.get("cardExpirationMonth")):
            return fail("PARAMS_INVALID", "cardInfo.cardExpirationMonth")
        year = card.get("cardExpirationYear")
        if not (isinstance(year, str) and len(year) == 2 and year.isdigit()):  # "只取后两位年份"
            return fail("PARAMS_INVALID", "cardInfo.cardExpirationYear")
        if not _text_ok(card.get("cardHolderFullName"), 1, 64):
            return fail("PARAMS_INVALID", "cardInfo.cardHolderFullName")
        masked, brand = pan[:6] + "**" + pan[-4:], {"4": "VISA", "5": "MASTERCARD", "3": "AMEX"}.get(pan[0], "CARD")
    else:
        masked, brand = "", ""
    token_id = "PMTOKEN" + _new_id("", 29)
    now = datetime.datetime.now(datetime.timezone.utc)
    st.tokens[token_id] = {
        "tokenScope": "tokenAcq", "targetOrg": data.get("targetOrg") or "", "ifCVV": "N", "cardInfo": masked,
        "paymentTokenID": token_id, "accountDisplay": "", "userId": data["userId"], "brand": brand,
        "paymentMethodType": data["paymentMethodType"],
        "paymentTokenExpiry": _rfc3339_ms(now + datetime.timedelta(days=3 * 365)),
        "paymentTokenStatus": "Pending" if mark.action else "Activated"}
    app = {"requestId": req_id, "userId": data["userId"], "token": token_id,
           "status": "PENDING" if mark.action else "SUCCESS",
           "redirect": REDIRECT + req_id if mark.action else None}
    st.applies[req_id] = app
    return _unknown_or(mark, answer, _application(app))


def _application(app):
    d = {"requestId": app["requestId"], "status": app["status"]}
    if app["status"] == "PENDING" and app["redirect"]:
        d["redirectUrl"] = app["redirect"]
    if app["status"] == "SUCCESS":
        d["paymentTokenID"] = app["token"]
    return d


def _inquire_apply(gws, st, data, mark, answer, fail):
    bad = _missing(data, ("userId", "requestId"))
    if bad or data.get("tokenScope") != "tokenAcq":
        return fail("PARAMS_INVALID", bad or "tokenScope")
    app = st.applies.get(data["requestId"])
    if app is None or app["userId"] != data["userId"]:
        return fail("APPLY_NOT_EXIST", "requestId")
    d = _application(app)
    if app["status"] == "PENDING":  # the user authenticated: the next look finds it bound
        app["status"] = "SUCCESS"
        st.tokens[app["token"]]["paymentTokenStatus"] = "Activated"
    return answer(d)


def _remove(gws, st, data, mark, answer, fail):
    bad = _missing(data, ("userId", "paymentTokenID"))
    if bad:
        return fail("PARAMS_INVALID", bad)
    if "removeReason" in data and not _text_ok(data["removeReason"], 0, 256):
        return fail("PARAMS_INVALID", "removeReason")
    tok = st.tokens.get(data["paymentTokenID"])
    if tok is None or tok["userId"] != data["userId"]:
        return fail("TOKEN_NOT_EXIST", "paymentTokenID")
    tok["paymentTokenStatus"] = "Deleted"  # a second remove answers the same
    return _unknown_or(mark, answer, {"userId": tok["userId"], "paymentTokenID": tok["paymentTokenID"],
                                      "paymentTokenStatus": "Deleted"})


def _seed_token(gws, user_id, token_id):
    """A token inquirePaymentToken lists for everyone (payermax._tokens)."""
    from .payermax import _tokens
    for t in _tokens(user_id, "tokenAcq", {}):
        if t["paymentTokenID"] == token_id:
            return t
    return None


def _pay(gws, st, data, mark, answer, fail):
    bad = _missing(data, ("outTradeNo", "userId")) or _missing(data, ("subject",), 256) or \
        _missing(data, ("currency",), 3) or _missing(data, ("country",), 2) or \
        _missing(data, ("terminalType",), 3) or _missing(data, ("frontCallbackUrl",), 1024)
    if bad:
        return fail("PARAMS_INVALID", bad)
    if data.get("integrate") != "Direct_Payment":
        return fail("PARAMS_INVALID", "integrate")
    amount = _amount(data.get("totalAmount"))
    if amount is None:
        return fail("AMOUNT_INVALID", "totalAmount")
    detail = data.get("paymentDetail")
    if not isinstance(detail, dict) or not _text_ok(detail.get("paymentTokenID"), 1, 64):
        return fail("PARAMS_INVALID", "paymentDetail.paymentTokenID")
    buyer = detail.get("buyerInfo")
    if not isinstance(buyer, dict) or _missing(buyer, ("clientIp", "userAgent"), 2048):
        return fail("PARAMS_INVALID", "paymentDetail.buyerInfo")
    card = detail.get("cardInfo") or {}
    if any(k in card for k in ("cardIdentifierNo", "cardExpirationYear", "cardExpirationMonth")):
        return fail("PARAMS_INVALID", "paymentDetail.cardInfo")
    key = data["outTradeNo"].lower()  # "case-insensitive (AAA = AAa)"
    if key in st.orders:
        return fail("ORDER_REPEAT", "outTradeNo")
    tid = detail["paymentTokenID"]
    tok = st.tokens.get(tid) or _seed_token(gws, data["userId"], tid)
    if tok is None or tok["userId"] != data["userId"] or tok["paymentTokenStatus"] != "Activated":
        return fail("PAYMENT_REJECTED", "paymentTokenID")
    if tok.get("ifCVV") == "Y" and not card.get("cvv"):
        return fail("PARAMS_INVALID", "paymentDetail.cardInfo.cvv")
    order = {"outTradeNo": data["outTradeNo"], "tradeToken": _new_id("T", 30), "totalAmount": amount,
             "currency": data["currency"], "country": data["country"], "token": tok,
             "status": "PENDING" if mark.action else "SUCCESS", "refunded": Decimal(0),
             "redirect": REDIRECT + data["outTradeNo"] if mark.action else None}
    st.orders[key] = order
    d = {"outTradeNo": order["outTradeNo"], "tradeToken": order["tradeToken"], "status": order["status"]}
    if order["redirect"]:
        d["redirectUrl"] = order["redirect"]
    return _unknown_or(mark, answer, d)


def _query(gws, st, data, mark, answer, fail):
    if _missing(data, ("outTradeNo",)):
        return fail("PARAMS_INVALID", "outTradeNo")
    order = st.orders.get(data["outTradeNo"].lower())
    if order is None:
        return fail("ORDER_NOT_EXIST", "outTradeNo")
    tok = order["token"]
    d = {"outTradeNo": order["outTradeNo"], "tradeToken": order["tradeToken"], "totalAmount": order["totalAmount"],
         "currency": order["currency"], "country": order["country"], "status": order["status"],
         "resultCode": "", "resultMsg": "",
         "paymentDetails": [{"paymentMethodType": "CARD", "paymentTokenID": tok["paymentTokenID"],
                             "cardInfo": {"cardOrg": tok["brand"], "cardIdentifierNo": tok["cardInfo"],
                                          "paymentTokenID": tok["paymentTokenID"]}}]}
    if order["status"] == "PENDING":  # authenticated: the next look finds it paid
        order["status"] = "SUCCESS"
    return answer(d)


def _refund(gws, st, data, mark, answer, fail):
    if _missing(data, ("outRefundNo",)) or _missing(data, ("refundCurrency",), 3):
        return fail("PARAMS_INVALID", "outRefundNo" if _missing(data, ("outRefundNo",)) else "refundCurrency")
    if not data.get("outTradeNo") and not data.get("tradeToken"):
        return fail("PARAMS_INVALID", "outTradeNo")
    amount = _amount(data.get("refundAmount"))
    if amount is None:
        return fail("AMOUNT_INVALID", "refundAmount")
    prior = st.refunds.get(data["outRefundNo"])
    if prior is not None:  # the idempotency key
        return answer(_refund_answer(prior))
    order = st.orders.get((data.get("outTradeNo") or "").lower())
    if order is None:
        order = next((o for o in st.orders.values() if o["tradeToken"] == data.get("tradeToken")), None)
    if order is None or (data.get("tradeToken") and order["tradeToken"] != data["tradeToken"]):
        return fail("ORDER_NOT_EXIST", "outTradeNo")
    if order["status"] != "SUCCESS":
        return fail("ORDER_STATUS_INVALID", "status")
    if data["refundCurrency"] != order["currency"]:
        return fail("CURRENCY_INVALID", "refundCurrency")
    if order["refunded"] + amount > order["totalAmount"]:
        return fail("AMOUNT_INVALID", "refundAmount")
    order["refunded"] += amount
    r = {"outRefundNo": data["outRefundNo"], "refundTradeNo": _new_id("R", 30), "order": order,
         "amount": amount, "currency": data["refundCurrency"], "status": "REFUND_PENDING"}
    st.refunds[data["outRefundNo"]] = r
    return _unknown_or(mark, answer, _refund_answer(r))


def _refund_answer(r):
    return {"outRefundNo": r["outRefundNo"], "tradeOrderNo": r["order"]["tradeToken"],
            "refundTradeNo": r["refundTradeNo"], "status": r["status"]}


def _query_refund(gws, st, data, mark, answer, fail):
    if _missing(data, ("outRefundNo",)):
        return fail("PARAMS_INVALID", "outRefundNo")
    r = st.refunds.get(data["outRefundNo"])
    if r is None or (data.get("refundTradeNo") and data["refundTradeNo"] != r["refundTradeNo"]):
        return fail("REFUND_NOT_EXIST", "outRefundNo")
    d = {"outRefundNo": r["outRefundNo"], "refundTradeNo": r["refundTradeNo"], "refundAmount": r["amount"],
         "refundCurrency": r["currency"], "outTradeNo": r["order"]["outTradeNo"], "status": r["status"]}
    if r["status"] == "REFUND_SUCCESS":
        d["refundFinishTime"] = r["finished"]
    else:  # it moves on: the next look finds it done
        r["status"] = "REFUND_SUCCESS"
        r["finished"] = _rfc3339_ms(datetime.datetime.now(datetime.timezone.utc))
    return answer(d)


_CALLS = {PAY: _pay, APPLY: _apply, INQUIRE_APPLY: _inquire_apply, REMOVE: _remove, QUERY: _query,
          REFUND: _refund, QUERY_REFUND: _query_refund}


def notification_data(kind, c, serial, now):
    """The `data` of a PAYMENT, TOKENIZATION or REFUND notification."""
    token_id = "PMTOKEN" + serial.ljust(29, "0")[:29]
    if kind == "PAYMENT":
        return {"outTradeNo": "ORDER_" + serial, "tradeToken": "T" + serial, "totalAmount": Decimal("10.00"),
                "currency": "USD", "country": "US", "status": "SUCCESS", "completeTime": _rfc3339_ms(now),
                "paymentDetails": [{"paymentMethodType": "CARD", "paymentTokenID": token_id,
                                    "cardInfo": {"cardOrg": "VISA", "cardIdentifierNo": "411111******1111"}}]}
    if kind == "REFUND":
        return {"outRefundNo": "REFUND_" + serial, "refundTradeNo": "R" + serial, "outTradeNo": "ORDER_" + serial,
                "refundAmount": Decimal("10.00"), "refundCurrency": "USD", "status": "REFUND_SUCCESS",
                "refundFinishTime": _rfc3339_ms(now)}
    return {"userId": "sandbox-user", "paymentTokenID": token_id, "tokenScope": "tokenAcq",
            "paymentTokenStatus": "Activated", "paymentTokenExpiry": _rfc3339_ms(now + datetime.timedelta(days=7)),
            "cardInfo": "411111**1111", "ifCVV": "N", "brand": "VISA", "paymentMethodType": "CARD",
            "country": "US", "requestId": "REQ" + hashlib.sha256(serial.encode()).hexdigest()[:20],
            "supportMIT": True, "status": "SUCCESS"}
