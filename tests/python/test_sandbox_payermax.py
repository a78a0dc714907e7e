"""The sandbox's PayerMax: requests built and signed by the tests' own code
(sandbox_client.py), answers and response signatures checked the same way.
Nothing here imports the cardtoken extension.
"""

import base64
import datetime
import re

import pytest

from sandbox_client import (  # noqa: F401 - sb is a fixture
    Resp,
    payermax_body,
    payermax_call,
    payermax_response_ok,
    rsa_sign,
    sb,
)


# ---------------------------------------------------------------------------
# PayerMax
# ---------------------------------------------------------------------------


def test_payermax_success_and_signed_response(sb):
    body = payermax_body(sb, {"userId": "user-42"})
    r = payermax_call(sb, body)
    assert r.status == 200
    assert payermax_response_ok(sb, r)
    obj = r.json()
    assert obj["code"] == "APPLY_SUCCESS" and obj["msg"] == ""
    tokens = obj["data"]["tokenList"]
    assert len(tokens) == 2
    for t in tokens:
        assert t["userId"] == "user-42"
        assert re.fullmatch(r"PMTOKEN\d{29}", t["paymentTokenID"])
        assert re.fullmatch(r"\d{6}\*{6}\d{4}", t["cardInfo"])
        assert t["paymentTokenStatus"] == "Activated"
        assert t["tokenScope"] == "tokenAcq"
        assert t["paymentMethodType"] == "CARD"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)", t["paymentTokenExpiry"])
    assert {t["brand"] for t in tokens} == {"VISA", "MASTERCARD"}
    # The same user gets the same tokens; filters narrow the list.
    again = payermax_call(sb, payermax_body(sb, {"userId": "user-42"})).json()["data"]["tokenList"]
    assert [t["paymentTokenID"] for t in again] == [t["paymentTokenID"] for t in tokens]
    visa = payermax_call(sb, payermax_body(sb, {"userId": "user-42", "cardOrg": "VISA"})).json()
    assert [t["brand"] for t in visa["data"]["tokenList"]] == ["VISA"]
    one = payermax_call(sb, payermax_body(sb, {"userId": "user-42", "tokenScope": "tokenMit",
                                               "paymentTokenID": tokens[1]["paymentTokenID"],
                                               "referralCode": "ref-1"})).json()
    assert len(one["data"]["tokenList"]) == 1
    assert one["data"]["tokenList"][0]["tokenScope"] == "tokenMit"
    assert one["data"]["tokenList"][0]["referralCode"] == "ref-1"


def test_payermax_response_signature_covers_the_exact_bytes(sb):
    r = payermax_call(sb, payermax_body(sb))
    assert payermax_response_ok(sb, r)
    tampered = Resp(r.status, r.headers, r.body.replace(b"APPLY_SUCCESS", b"APPLY_SUCCESs"))
    assert not payermax_response_ok(sb, tampered)


def _old(seconds):
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)


@pytest.mark.parametrize("case, code", [
    ("tampered", "SIGN_VERIFY_FAILED"),
    ("missing_sign", "SIGN_VERIFY_FAILED"),
    ("garbage_sign", "SIGN_VERIFY_FAILED"),
    ("wrong_key", "SIGN_VERIFY_FAILED"),
    ("stale", "REQ_TIME_OVER_TIME"),
    ("future", "REQ_TIME_OVER_TIME"),
    ("no_offset", "PARAMS_INVALID"),
    ("missing_user", "PARAMS_INVALID"),
    ("long_user", "PARAMS_INVALID"),
    ("card_with_target_org", "PARAMS_INVALID"),
    ("bad_scope", "PARAMS_INVALID"),
    ("bad_version", "PARAMS_INVALID"),
    ("wrong_app", "MERCHANT_APP_INVALID"),
    ("wrong_merchant", "MERCHANT_INVALID"),
    ("decline", "MERCHANT_INVALID"),
])
def test_payermax_failures(sb, case, code):
    body = payermax_body(sb)
    kwargs = {}
    if case == "tampered":
        signed = body
        body = body.replace(b"user-1", b"user-2")
        kwargs["sig_override"] = base64.b64encode(rsa_sign(sb["payermax"]["private_key"], signed)).decode()
    elif case == "missing_sign":
        kwargs["sign"] = False
    elif case == "garbage_sign":
        kwargs["sig_override"] = "not base64 !!"
    elif case == "wrong_key":
        kwargs["sig_override"] = base64.b64encode(rsa_sign(sb["gateway_private_keys"]["payermax"], body)).decode()
    elif case == "stale":
        body = payermax_body(sb, when=_old(-180))
    elif case == "future":
        body = payermax_body(sb, when=_old(180))
    elif case == "no_offset":  # RFC 3339 needs one; fraction digits may vary (test_sandbox_sdk.py)
        body = payermax_body(sb, requestTime=datetime.datetime.now(datetime.timezone.utc)
                             .replace(tzinfo=None).isoformat(timespec="milliseconds"))
    elif case == "missing_user":
        body = payermax_body(sb, {"tokenScope": "tokenAcq"})
    elif case == "long_user":
        body = payermax_body(sb, {"userId": "u" * 65})
    elif case == "card_with_target_org":
        body = payermax_body(sb, {"userId": "u1", "paymentMethodType": "CARD", "targetOrg": "GCASH"})
    elif case == "bad_scope":
        body = payermax_body(sb, {"userId": "u1", "tokenScope": "tokenAll"})
    elif case == "bad_version":
        body = payermax_body(sb, version="9.9")  # 1.1, 1.2, 1.4: test_sandbox_sdk.py
    elif case == "wrong_app":
        body = payermax_body(sb, appId="0" * 32)
    elif case == "wrong_merchant":
        body = payermax_body(sb, merchantNo="000000000000000")
    elif case == "decline":
        body = payermax_body(sb, {"userId": "DECLINE-MERCHANT_INVALID"})
    r = payermax_call(sb, body, **kwargs)
    assert r.status == 200
    obj = r.json()
    assert obj["code"] == code
    assert "data" not in obj
    assert payermax_response_ok(sb, r), "error responses are signed too"


def test_payermax_request_time_inside_window_is_accepted(sb):
    for seconds in (-100, 100):
        r = payermax_call(sb, payermax_body(sb, when=_old(seconds)))
        assert r.json()["code"] == "APPLY_SUCCESS", seconds
    utc = datetime.datetime.now(datetime.timezone.utc)
    z = utc.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (utc.microsecond // 1000)
    assert payermax_call(sb, payermax_body(sb, requestTime=z)).json()["code"] == "APPLY_SUCCESS"


# ---------------------------------------------------------------------------
