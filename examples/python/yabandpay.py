"""YabandPay: create a card token through 3DS (create_card_token). The
cardholder is then sent to payment.url; the token arrives by notification."""
import cardtoken
from _config import options

with cardtoken.YabandPay(**options("yabandpay")) as client:
    payment = client.create_card_token(
        order_id="order-20261124-0001",
        card_number="5555555555554444",
        security_code="123",
        expiration_month="01",
        expiration_year="2031",
        cardholder_name="John Smith",
        email="john.smith@example.com",
        currency="EUR",
        description="save card",
        notify_url="https://merchant.example.com/notify/yabandpay",
        operation="10",  # token only, amount 0
    )

print(f"python  yabandpay  order={payment.order_id} trade={payment.trade_id} "
      f"state={payment.state} request_id={payment.request_id} 3ds_url={payment.url}")
