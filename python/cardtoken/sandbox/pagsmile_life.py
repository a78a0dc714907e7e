"""Pagsmile's token lifecycle in the sandbox (LIFECYCLE.md §1): creditpci
pays once with a token that getcardtoken issued (within 7 days), checkorder
answers about the order, refund and refundapply change its state. State is
per sandbox (one Gateways object) and guarded by a lock. No I/O here.

Magic values (FAULT-<kind> / DECLINE-<code>): creditpci customer.username,
checkorder the number queried, refund trade_no, refundapply out_request_no.
customer.username "RISK" puts the payment under risk control
(TRADE_RISK_CONTROL, pending); its next checkorder finds it TRADE_SUCCESS.
When its payment.notify_url is on this machine (127.0.0.1, localhost, ::1)
the review also ends by itself after REVIEW_SECONDS: the order is paid and
the sandbox posts Pagsmile's signed payment notification (LIFECYCLE.md §5.1)
to notify_url, once, from a thread of its own after the answer (the only
I/O of this module); the order's "notification" then says whether the
receiver answered `success`. Other URLs get no post: the sandbox never
leaves the machine."""

import functools
import http.client
import json
import secrets
import threading
import time
import urllib.parse
from decimal import Decimal, InvalidOperation

TOKEN_LIFETIME = 7 * 24 * 3600
REVIEW_SECONDS = 0.2
PATHS = ("/api/creditpci", "/api/checkorder", "/api/refund", "/api/refundapply")
_LOCK = threading.Lock()


class _State:
    def __init__(self):
        self.tokens = {}  # token -> {"expires": t, "used": bool, "method": brand}
        self.orders = {}  # out_order_no -> order dict
        self.trades = {}  # trade_no -> out_order_no
        self.refund_requests = {}  # out_request_no -> answer data


def _state(gws):
    with _LOCK:
        st = getattr(gws, "_pagsmile_life", None)
        if st is None:
            st = _State()
            gws._pagsmile_life = st
        return st


def remember_token(gws, token, method):
    """getcardtoken issued `token`: it may pay once within 7 days."""
    st = _state(gws)
    with _LOCK:
        st.tokens[token] = {"expires": time.time() + TOKEN_LIFETIME, "used": False, "method": method}


def nested_forms(value):
    """The texts a client may have signed for a nested object: compact JSON
    with raw `/` and UTF-8 (the default), or PHP json_encode's (escape_slashes)."""
    plain = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    php = json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    return (plain, php) if plain != php else (plain,)


def magic_value(path, obj):
    if path == "/api/creditpci":
        cust = obj.get("customer")
        return cust.get("username") if isinstance(cust, dict) else None
    if path == "/api/checkorder":
        return obj.get("out_trade_no") or obj.get("trade_no")
    if path == "/api/refund":
        return obj.get("trade_no")
    return obj.get("out_request_no")


def _amount_ok(v):
    return isinstance(v, str) and v.replace(".", "", 1).isdigit()


def handle(gws, path, obj, answer, fail):
    """The Reply to a signed lifecycle request (the sign already checked)."""
    st = _state(gws)
    magic = magic_value(path, obj)
    if isinstance(magic, str) and magic.startswith("DECLINE-"):
        return fail(magic[8:])
    with _LOCK:
        if path == "/api/creditpci":
            return _pay(gws, st, obj, answer, fail)
        if path == "/api/checkorder":
            return _query(st, obj, answer, fail)
        if path == "/api/refund":
            return _refund(st, obj, answer, fail)
        return _apply_refund(st, obj, answer, fail)


def _pay(gws, st, obj, answer, fail):
    if obj.get("sign_type") not in ("MD5", "md5"):
        return fail("405")
    pay, cust = obj.get("payment"), obj.get("customer")
    if not isinstance(pay, dict) or not isinstance(cust, dict):
        return fail("401")
    for k in ("out_order_no", "order_amount", "currency", "subject", "content", "token", "installments",
              "payment_method_id", "notify_url"):
        if pay.get(k) in (None, ""):
            return fail("512" if k == "out_order_no" else "401")
    if not cust.get("email"):
        return fail("759")
    ident = cust.get("identification")
    if not isinstance(ident, dict) or not ident.get("number"):
        return fail("752")
    if not cust.get("username"):
        return fail("930")
    if not _amount_ok(pay["order_amount"]) or "?" in str(pay["notify_url"]):
        return fail("401")
    order_no = pay["out_order_no"]
    if order_no in st.orders:
        return fail("804")
    tok = st.tokens.get(pay["token"])
    if tok is None or tok["used"] or tok["expires"] < time.time():
        return answer("401", "TOKEN_INVALID")
    tok["used"] = True
    trade_no = "%019d" % secrets.randbelow(10 ** 19)
    status = "TRADE_RISK_CONTROL" if cust.get("username") == "RISK" else "TRADE_SUCCESS"
    st.orders[order_no] = {"trade_no": trade_no, "out_trade_no": order_no, "amount": pay["order_amount"],
                           "currency": pay["currency"], "status": status, "out_uid": cust.get("out_uid", ""),
                           "refunded": Decimal(0), "notify_url": pay["notify_url"]}
    st.trades[trade_no] = order_no
    reply = answer("200", {"trade_no": trade_no, "currency": pay["currency"], "amount": pay["order_amount"],
                           "out_trade_no": order_no, "trade_status": status})
    from .notify import is_loopback_url  # (notify imports the gateways, this one too)

    if status == "TRADE_RISK_CONTROL" and is_loopback_url(str(pay["notify_url"])):
        reply.after = (functools.partial(_review, gws, order_no),)
    return reply


def _review(gws, order_no):
    """Risk control cleared order_no: it is paid, and the payment
    notification goes to its (loopback) notify_url."""
    from . import notify, pagsmile  # signing and I/O (both import this module)

    st = _state(gws)
    time.sleep(REVIEW_SECONDS)
    with _LOCK:
        order = st.orders[order_no]
        if order["status"] == "TRADE_RISK_CONTROL":
            order["status"] = "TRADE_SUCCESS"
        # the order's state now (a refund may have come first)
        fields = {"trade_no": order["trade_no"], "out_trade_no": order_no, "trade_status": order["status"],
                  "passback_params": "", "pay_channel": "101", "total_amount": str(order["amount"]),
                  "currency": order["currency"], "version": "1.0", "sign_type": "MD5"}
        url = order["notify_url"]
    fields["sign"] = pagsmile.pagsmile_sign(fields, pagsmile.CREDENTIALS["app_key"])
    parts = urllib.parse.urlsplit(url)
    path = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    body = urllib.parse.urlencode(list(fields.items())).encode("ascii")
    try:
        status, _, answer_body = notify.post_notification(url, path, headers, body, timeout=5.0,
                                                          ca_file=gws.notify_ca_file)
        result = "acknowledged" if status == 200 and answer_body.strip() == b"success" else "not acknowledged"
    except (OSError, ValueError, http.client.HTTPException):
        result = "unreachable"
    with _LOCK:
        order["notification"] = result


def _find(st, obj):
    if obj.get("out_trade_no"):
        return st.orders.get(obj["out_trade_no"])
    return st.orders.get(st.trades.get(obj.get("trade_no"), ""))


def _query(st, obj, answer, fail):
    if bool(obj.get("out_trade_no")) == bool(obj.get("trade_no")):
        return fail("401")
    order = _find(st, obj)
    if order is None:
        return answer("401", "ORDER_NOT_EXIST")
    data = {"merchant_no": obj["merchant_no"], "app_id": obj["app_id"], "callback_status": "0",
            "order_currency": order["currency"], "out_uid": order["out_uid"],
            "order_amount": order["amount"], "trade_status": order["status"], "trade_no": order["trade_no"]}
    if order["status"] == "TRADE_RISK_CONTROL":
        order["status"] = "TRADE_SUCCESS"  # reviewed: the next look finds it paid
    return answer("200", "SUCCESSFUL", data)


def _refund(st, obj, answer, fail):
    order = st.orders.get(st.trades.get(obj.get("trade_no"), ""))
    if not obj.get("method"):
        return fail("401")
    if order is None:
        return answer("401", "ORDER_NOT_EXIST")
    if order["status"] != "TRADE_SUCCESS":
        return answer("805", "TRADE_STATUS_EXCEPTION")
    order["status"] = "TRADE_REFUND"
    order["refunded"] = Decimal(order["amount"])
    return answer("200", "REFUND SUCCESSFUL")


def _apply_refund(st, obj, answer, fail):
    req_no = obj.get("out_request_no")
    if not req_no or not obj.get("email"):
        return fail("401" if not req_no else "759")
    if req_no in st.refund_requests:  # the idempotency key: the same answer
        return answer("200", "SUCCESS", st.refund_requests[req_no])
    order = st.orders.get(st.trades.get(obj.get("trade_no"), ""))
    if order is None:
        return answer("401", "ORDER_NOT_EXIST")
    if order["status"] != "TRADE_SUCCESS":
        return answer("805", "TRADE_STATUS_EXCEPTION")
    amount = obj.get("refund_amount")
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        return fail("401")
    try:
        amt = Decimal(str(amount))
    except InvalidOperation:
        return fail("401")
    total = Decimal(order["amount"])
    if amt <= 0 or order["refunded"] + amt > total:
        return answer("401", "REFUND_AMOUNT_ERROR")
    order["refunded"] += amt
    data = "REFUND_IN_PROCESS"
    if order["refunded"] == total:
        order["status"] = data = "TRADE_REFUND"
    st.refund_requests[req_no] = data
    return answer("200", "SUCCESS", data)
