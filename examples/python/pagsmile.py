"""Pagsmile: turn a card into a token (get_card_token)."""
import sys

import cardtoken
from _config import options

with cardtoken.Pagsmile(**options("pagsmile")) as client:
    try:
        card = client.get_card_token(
            card_number="4235647728025682",
            security_code="123",
            expiration_month="12",
            expiration_year="2030",
            cardholder_name="APRO",
        )
    except cardtoken.ValidationError as e:
        sys.exit(f"fix the input: {e.field}: {e}")
    except cardtoken.Error as e:
        sys.exit(f"pagsmile failed: {e!r}")

print(
    f"python  pagsmile   token=…{card.token[-4:]} "  # a token is a secret: its end only
    f"card={card.first_six_digits}******{card.last_four_digits} "
    f"expiry={card.expiration_month:02d}/{card.expiration_year}"
)
