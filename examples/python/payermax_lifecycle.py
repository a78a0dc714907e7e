"""PayerMax, the whole token lifecycle: bind a card (apply_payment_token),
follow the binding (inquire_apply_request), list the user's tokens
(inquire_payment_token), pay with the token (pay_with_token), look the payment
up (query_order), refund part of it (refund, query_refund) and remove the token
(remove_payment_token). A notification receiver handles PAYMENT,
TOKENIZATION and REFUND notifications alike.

Unknown outcomes: a ResultUnknownError (SYSTEM_ERROR, REQUEST_TIMEOUT,
UNEXPECTED_ERROR) or a TransportError with outcome_unknown means the call may
have been carried out. Never send it again with new numbers: ask the query
that answers for it (pay_with_token -> query_order by out_trade_no, refund ->
query_refund by out_refund_no, apply_payment_token -> inquire_apply_request by
request_id; remove_payment_token may simply be repeated).

The token is a payment credential: store it like a card number, never print
or log it (results print it masked)."""
import http.server
import json
import os
import threading

import cardtoken
from _config import options

FRONT = "https://merchant.example.com/payermax/back"
USER = "user-20261201-0001"


def last4(token: str) -> str:
    return "…" + token[-4:]


def pay_once(client: cardtoken.PayerMax, **args) -> cardtoken.Payment:
    """pay_with_token, and when its outcome is unknown the query that settles it
    (the same out_trade_no: never a new order number, never a blind resend)."""
    try:
        return client.pay_with_token(**args)
    except (cardtoken.ResultUnknownError, cardtoken.TransportError) as e:
        if isinstance(e, cardtoken.TransportError) and not e.outcome_unknown:
            raise  # provably never sent
        print(f"python  payermax   lifecycle: outcome unknown ({e.name}): asking query_order")
        return client.query_order(out_trade_no=args["out_trade_no"])


def receiver(client: cardtoken.PayerMax):
    """A notify URL handler: verify over the raw body, then act on the kind."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            try:
                note = client.verify_notification(body, self.headers.get("sign"))
            except cardtoken.SignatureError:
                self.send_response(401)
                self.end_headers()
                return
            kind, data = note["notifyType"], note["data"]
            if kind == "PAYMENT":
                what = f"order {data['outTradeNo']} {data['status']}"
            elif kind == "TOKENIZATION":
                what = f"token {last4(data['paymentTokenID'])} {data['paymentTokenStatus']}"
            elif kind == "REFUND":
                what = f"refund {data['outRefundNo']} {data['status']}"
            else:
                what = "kept as received"
            seen.append(kind)
            print(f"python  payermax   lifecycle: {kind} notification verified: {what}")
            ack = client.notification_ack().encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(ack)))
            self.end_headers()
            self.wfile.write(ack)

        def log_message(self, *args):
            pass

    return Handler, seen


with cardtoken.PayerMax(**options("payermax")) as client:
    app = client.apply_payment_token(
        request_id="bind-20261201-0001", country="SA", payment_method_type="CARD", user_id=USER,
        front_callback_url=FRONT,
        card_info={"card_identifier_no": "4111111111111111", "card_holder_full_name": "ZHANG SAN",
                   "card_expiration_month": "12", "card_expiration_year": "2031", "cvv": "123"})
    print(f"python  payermax   lifecycle: bind {app.status} ({app.gateway_status})")
    if app.status == "requires_action":
        print(f"python  payermax   lifecycle: send the user to {app.redirect_url}")
    app = client.inquire_apply_request(user_id=USER, request_id=app.request_id)
    token = app.payment_token_id
    print(f"python  payermax   lifecycle: inquire {app.status}, token {last4(token)}")
    for t in client.inquire_payment_token(user_id=USER):
        if t.payment_token_id == token:
            print(f"python  payermax   lifecycle: listed {t.brand} {t.card_info} {t.payment_token_status}")

    payment = pay_once(client, out_trade_no="renewal_20261201_0001", subject="monthly renewal",
                       total_amount="19.90", currency="SAR", country="SA", user_id=USER, terminal_type="WEB",
                       front_callback_url=FRONT, notify_url="https://merchant.example.com/payermax/notify",
                       payment_detail={"payment_method_type": "CARD", "payment_token_id": token,
                                       "buyer_info": {"client_ip": "203.0.113.7", "user_agent": "Mozilla/5.0"}})
    print(f"python  payermax   lifecycle: paid {payment.status} ({payment.gateway_status}) order={payment.order_id}")
    if payment.status == "requires_action":
        print(f"python  payermax   lifecycle: send the cardholder to {payment.redirect_url}")
    order = client.query_order(out_trade_no=payment.order_id)
    print(f"python  payermax   lifecycle: query {order.status} {order.amount} {order.currency}")

    refund = client.refund(out_refund_no="refund_20261201_0001", refund_amount="5.00", refund_currency="SAR",
                           out_trade_no=payment.order_id, comments="partial refund")
    print(f"python  payermax   lifecycle: refund {refund.status} ({refund.gateway_status})")
    for _ in range(2):
        refund = client.query_refund(out_refund_no=refund.merchant_refund_id)
        print(f"python  payermax   lifecycle: refund query {refund.status} amount={refund.amount}")

    gone = client.remove_payment_token(user_id=USER, payment_token_id=token, remove_reason="card closed")
    print(f"python  payermax   lifecycle: removed, token {last4(token)} {gone.payment_token_status}")

    # the notifications: the sandbox signs them as PayerMax does
    from cardtoken import sandbox

    Handler, seen = receiver(client)
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(os.environ["CARDTOKEN_CONFIG"], encoding="utf-8") as f:
        cfg = json.load(f)
    for kind in ("PAYMENT", "TOKENIZATION"):
        sent = sandbox.send_notification("payermax", f"http://127.0.0.1:{server.server_port}/notify",
                                         config=cfg, kind=kind)
        if not sent["ack_ok"]:
            raise SystemExit(f"{kind}: the gateway would not accept our answer ({sent['reason']})")
    server.shutdown()
    print(f"python  payermax   lifecycle: answered {', '.join(seen)}")
