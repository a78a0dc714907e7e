"""The sandbox's Pagsmile: requests built and signed by the tests' own code
(sandbox_client.py), answers and response signatures checked the same way.
Nothing here imports the cardtoken extension.
"""

import re

import pytest

from sandbox_client import (  # noqa: F401 - sb is a fixture
    BAD_LUHN,
    CARD,
    MASTER,
    OTHER,
    PATHS,
    compact,
    pagsmile_call,
    pagsmile_fields,
    pagsmile_md5,
    sb,
    send,
)


# ---------------------------------------------------------------------------
# Pagsmile
# ---------------------------------------------------------------------------


def test_pagsmile_success(sb):
    r = pagsmile_call(sb)
    assert r.status == 200
    assert r.h["content-length"] == str(len(r.body))
    obj = r.json()
    assert obj["code"] == "200"
    assert re.fullmatch(r"[0-9a-f]{32}", obj["info"]["token"])
    assert obj["info"]["card_info"] == {
        "first_six_digits": CARD[:6], "last_four_digits": CARD[-4:], "expiration_month": 9,
        "expiration_year": 2031, "cardholder_name": "Jane Doe", "payment_method_id": "visa"}
    assert pagsmile_call(sb).json()["info"]["token"] != obj["info"]["token"]


def test_pagsmile_payment_method_id(sb):
    assert pagsmile_call(sb, card_number=MASTER).json()["info"]["card_info"]["payment_method_id"] == "master"
    info = pagsmile_call(sb, card_number=OTHER).json()["info"]["card_info"]
    assert "payment_method_id" not in info
    assert info["first_six_digits"] == OTHER[:6]


@pytest.mark.parametrize("kwargs, code, info", [
    (dict(tamper={"cardholder_name": "John Doe"}), "402", "SIGN_VERIFY_FAILURE"),
    (dict(tamper={"sign": "0" * 32}), "402", "SIGN_VERIFY_FAILURE"),
    (dict(key="not-the-app-key"), "402", "SIGN_VERIFY_FAILURE"),
    (dict(sign=False), "403", "SIGN_ISNULL"),
    (dict(tamper={"sign": ""}), "403", "SIGN_ISNULL"),
    (dict(merchant_no="999999"), "502", "MERCHANT_ID_INVALID"),
    (dict(security_code=None), "401", "SYSTEM_PARAM_ERROR"),
    (dict(cardholder_name=None), "401", "SYSTEM_PARAM_ERROR"),
    (dict(card_number=BAD_LUHN), "401", "SYSTEM_PARAM_ERROR"),
    (dict(card_number="4111"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(expiration_month="13"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(expiration_month="9"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(expiration_year="31"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(security_code="12"), "401", "SYSTEM_PARAM_ERROR"),
    (dict(cardholder_name="x" * 101), "401", "SYSTEM_PARAM_ERROR"),
    (dict(cardholder_name="DECLINE-508"), "508", "MERCHANT_STATUS_ISLOCK"),
    (dict(cardholder_name="DECLINE-759"), "759", "EMAIL_ISNULL"),
    (dict(cardholder_name="FAULT-nosuchkind"), "401", "SYSTEM_PARAM_ERROR"),
])
def test_pagsmile_failures(sb, kwargs, code, info):
    r = pagsmile_call(sb, **kwargs)
    assert r.status == 200
    assert r.json() == {"code": code, "info": info}


def test_pagsmile_not_json(sb):
    r = send(sb, PATHS["pagsmile"], b"card_number=1", [("Content-Type", "application/json")])
    assert r.json() == {"code": "401", "info": "SYSTEM_PARAM_ERROR"}


def test_pagsmile_empty_values_are_left_out_of_the_signature(sb):
    # An extra empty field ("", "0", null) does not change the string to sign (PHP empty()) ...
    f = pagsmile_fields(sb)
    f["sign"] = pagsmile_md5(f, sb["pagsmile"]["app_key"])
    for extra in ({"passback": ""}, {"passback": "0"}, {"passback": None}):
        r = send(sb, PATHS["pagsmile"], compact(dict(f, **extra)), [("Content-Type", "application/json")])
        assert r.json()["code"] == "200", extra
    # ... while a non-empty one does.
    r = send(sb, PATHS["pagsmile"], compact(dict(f, passback="1")), [("Content-Type", "application/json")])
    assert r.json() == {"code": "402", "info": "SIGN_VERIFY_FAILURE"}


# ---------------------------------------------------------------------------
