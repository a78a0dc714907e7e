"""Pagsmile: token -> pay -> query -> refund (pay_with_token, query_order,
refund). Prints no card number or token."""
import sys
import uuid

import cardtoken
from _config import options

order = "ORDER-" + uuid.uuid4().hex[:12]  # the merchant's number: keep it, it is the query key
with cardtoken.Pagsmile(**options("pagsmile")) as client:
    try:
        card = client.get_card_token(card_number="4235647728025682", security_code="123",
                                     expiration_month="12", expiration_year="2030", cardholder_name="APRO")
        try:
            paid = client.pay_with_token(
                payment={"out_order_no": order, "order_amount": "10.00", "currency": "BRL",
                         "subject": "demo", "content": "demo order", "token": card.token,
                         "installments": "1", "payment_method_id": card.payment_method_id,
                         "notify_url": "https://shop.example/pagsmile/notify"},
                customer={"out_uid": "user-1", "email": "buyer@example.com", "username": "APRO",
                          "zip_code": "38082365", "identification": {"type": "CPF", "number": "50284414727"}})
        except cardtoken.TransportError as e:
            if not e.outcome_unknown:
                raise
            # the payment may have gone through: look it up, never pay again
            paid = client.query_order(out_trade_no=order)
        found = client.query_order(out_trade_no=order)
        refunded = client.refund(trade_no=paid.trade_id)
        after = client.query_order(out_trade_no=order)
    except cardtoken.ValidationError as e:
        sys.exit(f"fix the input: {e.field}: {e}")
    except cardtoken.Error as e:
        sys.exit(f"pagsmile failed: {e!r}")

print(f"python  pagsmile   pay={paid.status} query={found.status} amount={found.amount} {found.currency} "
      f"refund={refunded.status} then={after.status}")
