"""YabandPay, the whole token lifecycle: create the token (create_card_token,
the cardholder goes through 3DS), receive it in the signed notification,
pay with it (pay_with_token), look the payment up (query_order), refund part
of it (refund) and follow the refund (query_refund).

Against the local sandbox (make demo) the notification is the one the
sandbox signs (cardtoken.sandbox.build_notification); in production it is
the body YabandPay posts to notify_url. The token is a payment credential:
store it like a card number, and never print or log it."""
import json
import os

import cardtoken
from _config import options

NOTIFY_URL = "https://merchant.example.com/notify/yabandpay"


def receive_notification(client: cardtoken.YabandPay, body: bytes) -> dict:
    """What the notify_url handler does: verify, answer "ok", keep the data."""
    data = client.verify_notification(body)  # raises SignatureError when forged
    # ... answer HTTP 200 with client.notification_ack() ("ok") ...
    return data


def notification_from_the_sandbox() -> bytes:
    from cardtoken import sandbox

    with open(os.environ["CARDTOKEN_CONFIG"], encoding="utf-8") as f:
        return sandbox.build_notification("yabandpay", json.load(f), NOTIFY_URL)["body"]


with cardtoken.YabandPay(**options("yabandpay")) as client:
    created = client.create_card_token(
        order_id="order-20261201-0001", card_number="5555555555554444", security_code="123",
        expiration_month="01", expiration_year="2031", cardholder_name="John Smith",
        email="john.smith@example.com", currency="EUR", description="save card", notify_url=NOTIFY_URL)
    print(f"python  yabandpay  lifecycle: created order={created.order_id} state={created.state} (3DS next)")

    data = receive_notification(client, notification_from_the_sandbox())
    token = data.get("payment_token_object")
    if not token:
        raise SystemExit("the cardholder did not agree to store the card: no token")
    print(f"python  yabandpay  lifecycle: notification verified, state={data['state']}, token received")

    try:
        payment = client.pay_with_token(
            order_id="renewal-20261201-0001", amount="9.99", currency="EUR", payment_token_object=token,
            description="monthly renewal", notify_url=NOTIFY_URL, token_type="MIT")
    except cardtoken.GatewayError as e:
        # final: a rejected token needs a new card payment, never a retry
        raise SystemExit(f"token payment refused: {e}")
    print(f"python  yabandpay  lifecycle: paid status={payment.status} trade={payment.trade_id}")

    order = client.query_order(trade_id=payment.trade_id)
    print(f"python  yabandpay  lifecycle: query status={order.status} ({order.gateway_status}) "
          f"amount={order.amount} {order.currency}")

    refund = client.refund(trade_id=payment.trade_id, m_refund_id="refund-20261201-0001", refund_amount="2.00",
                           refund_currency="EUR", refund_description="partial refund")
    print(f"python  yabandpay  lifecycle: refund status={refund.status} ({refund.gateway_status})")
    for _ in range(2):
        refund = client.query_refund(refund_id=refund.refund_id)
        print(f"python  yabandpay  lifecycle: refund query status={refund.status} ({refund.gateway_status})")
