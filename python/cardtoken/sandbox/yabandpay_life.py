"""YabandPay's token lifecycle in the sandbox (LIFECYCLE.md §3), statefully:
pay with a token (v3.CreateCardPayments, sub_pay_method Token), v3.QueryOrder,
v3.CreateRefund and v3.QueryRefundOrder, all at POST /Payments after the
request's HMAC was checked by yabandpay.handle. Written independently of the
core: plain Python with the decimal module.

State, per sandbox server: every trade a create_card_token or pay_with_token
call made (by trade_id) and every refund (by refund_id). Tokens are
self-authenticating, so that a notification built offline (the notify
command, build_notification) carries a token this server accepts: "YBTOKEN"
+ serial + "-" + the first 16 hex digits of HMAC-SHA256(secret_key, serial).

Switches: an order_id starting with "REJECT-TOKEN" (or a token whose MAC does
not verify) is answered as a failed token verification, code -4301, the
sandbox's choice for the undocumented code (LIFECYCLE.md §7.1)."""

import hashlib
import hmac
import json
import re
import threading
import uuid
from decimal import Decimal, InvalidOperation

TOKEN_REJECTED = "-4301"
TOKEN_MESSAGE = "Token verification failed: reinitiate a standard credit card transaction to obtain a new Token"
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]{1,3})?\Z")
_URL = re.compile(r"https?://\S+\Z")
_LOCK = threading.Lock()


def token_for(secret_key, serial):
    """The token the sandbox issues for `serial` (see the module text)."""
    mac = hmac.new(secret_key.encode("utf-8"), serial.encode("utf-8"), hashlib.sha256).hexdigest()
    return "YBTOKEN%s-%s" % (serial, mac[:16])


def token_ok(secret_key, value):
    """Whether payment_token_object (a token, or the JSON text of an object
    with member "token") is one this sandbox issued."""
    token = value
    if isinstance(value, str) and value.startswith("{"):
        try:
            token = json.loads(value).get("token")
        except (ValueError, AttributeError):
            return False
    if not isinstance(token, str) or not token.startswith("YBTOKEN") or "-" not in token:
        return False
    serial = token[len("YBTOKEN"):].rsplit("-", 1)[0]
    return hmac.compare_digest(token_for(secret_key, serial), token)


def _store(gws):
    """The server's lifecycle state (made on first use)."""
    with _LOCK:
        st = getattr(gws, "_yabandpay_life", None)
        if st is None:
            st = {"trades": {}, "refunds": {}}
            gws._yabandpay_life = st
        return st


def record_trade(gws, data, trade_id, state):
    """Keeps a trade the create call made (yabandpay.handle)."""
    st = _store(gws)
    with _LOCK:
        st["trades"][trade_id] = {"trade_id": trade_id, "order_id": data["order_id"],
                                  "amount": data["amount"], "currency": data["currency"],
                                  "description": data.get("description", ""), "state": state,
                                  "sub_pay_method": data.get("sub_pay_method"), "refunded": "0"}


def handle(gws, creds, method, data, ok, fail):
    """The answer to an already authenticated lifecycle request: ok(data)
    and fail(code, detail) make the Reply."""
    if method == "v3.CreateCardPayments":
        return _pay(gws, creds, data, ok, fail)
    if method == "v3.QueryOrder":
        return _query(gws, data, ok, fail)
    if method == "v3.CreateRefund":
        return _refund(gws, data, ok, fail)
    if method == "v3.QueryRefundOrder":
        return _query_refund(gws, data, ok, fail)
    return fail("-3001", "method")


def _s(data, name):
    v = data.get(name)
    return v if isinstance(v, str) and v else None


def _pay(gws, creds, data, ok, fail):
    for name in ("pay_method", "operation", "order_id", "amount", "currency", "payment_token_object",
                 "description", "token_type", "timeout", "notify_url", "request_id"):
        if not _s(data, name):
            return fail("-3001", name)
    if data["pay_method"] != "online" or data["operation"] not in ("11", "12"):
        return fail("-3001", "operation")
    if data["token_type"] not in ("CIT", "MIT"):
        return fail("-3001", "token_type")
    if not _AMOUNT.match(data["amount"]) or Decimal(data["amount"]) == 0:
        return fail("-3001", "amount")
    if not re.match(r"[A-Z]{3}\Z", data["currency"]):
        return fail("-3001", "currency")
    if not _URL.match(data["notify_url"]):
        return fail("-3001", "notify_url")
    if not re.match(r"[A-Za-z0-9]{1,64}\Z", data["request_id"]):
        return fail("-4118")
    if data["order_id"].startswith("DECLINE-"):
        return fail(data["order_id"][8:])
    if data["order_id"].startswith("REJECT-TOKEN") or not token_ok(creds["secret_key"],
                                                                  data["payment_token_object"]):
        return fail(TOKEN_REJECTED, TOKEN_MESSAGE)
    trade_id = str(uuid.uuid4())
    # MIT: the cardholder is away, paid at once; CIT: 3DS first (LIFECYCLE.md §3.1)
    cit = data["token_type"] == "CIT"
    state = "processing" if cit else ("authorized" if data["operation"] == "12" else "paid")
    record_trade(gws, data, trade_id, state)
    answer = {"order_id": data["order_id"], "trade_id": trade_id, "amount": data["amount"],
              "currency": data["currency"], "state": state}
    if cit:
        answer["url"] = "%s/_sandbox/pay/%s" % (gws.base_url, trade_id)
    return ok(answer)


def _trade(gws, trade_id):
    st = _store(gws)
    with _LOCK:
        t = st["trades"].get(trade_id)
        return dict(t) if t else None


def _query(gws, data, ok, fail):
    trade_id = _s(data, "trade_id")
    if trade_id is None:
        return fail("-3001", "trade_id")
    t = _trade(gws, trade_id)
    if t is None:
        return fail("-3001", "trade_id: no such trade")
    info = {"trade_id": t["trade_id"], "merchant_name": "cardtoken sandbox", "pay_method": "online",
            "sub_pay_method": t["sub_pay_method"], "order_id": t["order_id"], "amount": t["amount"],
            "tip_amount": "0.00", "currency": t["currency"], "description": t["description"],
            "state": t["state"]}
    return ok({"transaction_info": info})


def _refund(gws, data, ok, fail):
    for name in ("trade_id", "refund_amount", "refund_currency", "refund_description"):
        if not _s(data, name):
            return fail("-3001", name)
    if not _AMOUNT.match(data["refund_amount"]) or Decimal(data["refund_amount"]) == 0:
        return fail("-3001", "refund_amount")
    if "notify_url" in data and not (isinstance(data["notify_url"], str) and _URL.match(data["notify_url"])):
        return fail("-3001", "notify_url")
    st = _store(gws)
    with _LOCK:
        t = st["trades"].get(data["trade_id"])
        if t is None:
            return fail("-3001", "trade_id: no such trade")
        if t["state"] not in ("paid", "authorized", "refunded"):
            return fail("-4120", "the trade is not paid")
        if data["refund_currency"] != t["currency"]:
            return fail("-3001", "refund_currency must be the original currency")
        try:
            left = Decimal(t["amount"]) - Decimal(t["refunded"])
        except InvalidOperation:
            return fail("-1000")
        amount = Decimal(data["refund_amount"])
        if amount > left:
            return fail("-3001", "refund_amount exceeds the refundable amount")
        t["refunded"] = str(Decimal(t["refunded"]) + amount)
        if amount == left:
            t["state"] = "refunded"
        refund_id = str(uuid.uuid4())
        r = {"refund_id": refund_id, "m_refund_id": data.get("m_refund_id"), "trade_id": t["trade_id"],
             "refund_amount": data["refund_amount"], "refund_currency": data["refund_currency"],
             "refund_description": data["refund_description"], "state": "to-be-approval", "queries": 0}
        st["refunds"][refund_id] = r
        answer = {k: v for k, v in r.items() if k != "queries"}
    return ok(answer)


def _query_refund(gws, data, ok, fail):
    refund_id = _s(data, "refund_id")
    if refund_id is None:
        return fail("-3001", "refund_id")
    st = _store(gws)
    with _LOCK:
        r = st["refunds"].get(refund_id)
        if r is None:
            return fail("-3001", "refund_id: no such refund")
        # the refund moves on with each look: processing, then refunded
        r["queries"] += 1
        r["state"] = "refund processing" if r["queries"] == 1 else "refunded"
        answer = {"transaction_id": "T" + r["refund_id"][:8], "refund_id": r["refund_id"],
                  "m_refund_id": r["m_refund_id"], "trade_id": r["trade_id"], "state": r["state"],
                  "refund_amount": r["refund_amount"], "refund_currency": r["refund_currency"],
                  "refund_description": r["refund_description"]}
    return ok(answer)
