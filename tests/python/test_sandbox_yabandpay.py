"""The sandbox's YabandPay: requests built and signed by the tests' own code
(sandbox_client.py), answers and response signatures checked the same way.
Nothing here imports the cardtoken extension.
"""

import re

import pytest

from sandbox_client import (  # noqa: F401 - sb is a fixture
    BAD_LUHN,
    sb,
    yaband_call,
    yaband_request,
)


# ---------------------------------------------------------------------------
# YabandPay
# ---------------------------------------------------------------------------


def test_yabandpay_success(sb):
    r = yaband_call(sb, yaband_request(sb, order_id="ORDER-77"))
    assert r.status == 200
    obj = r.json()
    assert obj["status"] is True and obj["code"] == "200" and obj["message"] == ""
    d = obj["data"]
    assert d["order_id"] == "ORDER-77"
    assert d["amount"] == "0" and d["currency"] == "EUR" and d["state"] == "processing"
    assert re.fullmatch(r"[0-9a-f-]{36}", d["trade_id"])
    assert d["url"].startswith(sb["base_url"] + "/")
    assert re.fullmatch(r"\d{24}", obj["response_id"])
    sale = yaband_call(sb, yaband_request(sb, operation="11", amount="12.5", demo="",
                                          redirect_url="https://m.example/back", form_type="02"))
    assert sale.json()["status"] is True
    assert sale.json()["data"]["amount"] == "12.5"


@pytest.mark.parametrize("kwargs, code", [
    (dict(tamper=True), "-403"),
    (dict(sign=False), "-403"),
    (dict(empty_sign=True), "-403"),
    (dict(demo="", drop_from_sign=("demo",)), "-403"),   # empty values are kept in the string
    (dict(user="999999"), "-2001"),
    (dict(notify_url=None), "-3001"),
    (dict(request_id=None), "-3001"),
    (dict(cardinfo=None), "-3001"),
    (dict(method="v3.QueryOrder"), "-3001"),
    (dict(card={"card_number": BAD_LUHN}), "-3001"),
    (dict(card={"cvc": "1"}), "-3001"),
    (dict(card={"expiration_month": "00"}), "-3001"),
    (dict(card={"emial": "no-at-sign"}), "-3001"),
    (dict(card={"card_holder": ""}), "-3001"),
    (dict(amount="0.1"), "-3001"),                        # operation 10 needs amount 0
    (dict(operation="11", amount="0"), "-3001"),
    (dict(currency="eur"), "-3001"),
    (dict(timeout="1441"), "-3001"),
    (dict(request_id="bad-id!"), "-4118"),
    (dict(order_id="DECLINE--2001"), "-2001"),
    (dict(order_id="DECLINE--4120"), "-4120"),
])
def test_yabandpay_failures(sb, kwargs, code):
    tamper = kwargs.pop("tamper", False)
    empty_sign = kwargs.pop("empty_sign", False)
    obj = yaband_request(sb, **kwargs)
    if tamper:
        obj["data"]["description"] = "changed after signing"
    if empty_sign:
        obj["sign"] = ""
    r = yaband_call(sb, obj)
    assert r.status == 200
    got = r.json()
    assert got["status"] is False
    assert got["code"] == code
    assert got["message"]


# ---------------------------------------------------------------------------
