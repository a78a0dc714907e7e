"""The sandbox's WorldFirst: requests built and signed by the tests' own code
(sandbox_client.py), answers and response signatures checked the same way.
Nothing here imports the cardtoken extension.
"""

import base64
import re
import urllib.parse

import pytest
from sandbox_util import running_sandbox

from sandbox_client import (  # noqa: F401 - sb is a fixture
    PATHS,
    Resp,
    WORLD_CARD,
    WORLD_CVV,
    compact,
    rsa_sign,
    sb,
    send,
    wf_call,
    wf_now,
    wf_response_ok,
    wf_result,
)


# ---------------------------------------------------------------------------
# WorldFirst
# ---------------------------------------------------------------------------


def test_worldfirst_success_and_signed_response(sb):
    r = wf_call(sb, "ASSET-9")
    assert r.status == 200
    assert r.h["client-id"] == sb["worldfirst"]["client_id"]
    assert wf_response_ok(sb, r)
    obj = r.json()
    assert obj["result"] == {"resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success"}
    assert obj["assetId"] == "ASSET-9"
    assert obj["cardNo"] == WORLD_CARD and obj["cvv"] == WORLD_CVV
    assert obj["expiredMonth"] == "07" and obj["expiredYear"] == "31"
    assert re.fullmatch(r"\d{16}", obj["accountId"])
    # A plain-base64 (not URL-encoded) request signature is accepted as well.
    assert wf_result(wf_call(sb, "ASSET-9", url_encode=False))["resultStatus"] == "S"


def test_worldfirst_response_signature_covers_the_exact_bytes(sb):
    r = wf_call(sb, "ASSET-9")
    assert wf_response_ok(sb, r)
    assert not wf_response_ok(sb, Resp(r.status, r.headers, r.body.replace(b"ASSET-9", b"ASSET-8")))


def test_worldfirst_default_card():
    with running_sandbox() as cfg:
        obj = wf_call(cfg, "A").json()
        assert obj["cardNo"] == "4111111111111111" and obj["cvv"] == "123"
        assert (obj["expiredMonth"], obj["expiredYear"]) == ("12", "30")


@pytest.mark.parametrize("case, status, code", [
    ("tampered", "F", "INVALID_SIGNATURE"),
    ("missing_sign", "F", "INVALID_SIGNATURE"),
    ("wrong_key_version", "F", "INVALID_SIGNATURE"),
    ("signed_other_path", "F", "INVALID_SIGNATURE"),
    ("wrong_client", "F", "INVALID_CLIENT"),
    ("missing_time", "F", "PARAM_ILLEGAL"),
    ("missing_asset", "F", "PARAM_ILLEGAL"),
    ("empty_asset", "F", "PARAM_ILLEGAL"),
    ("not_json", "F", "PARAM_ILLEGAL"),
    ("decline", "F", "USER_NOT_EXIST"),
    ("decline_u", "U", "REQUEST_TRAFFIC_EXCEED_LIMIT"),
])
def test_worldfirst_failures(sb, case, status, code):
    if case == "tampered":
        r = wf_call(sb, "ASSET-1", tamper_body=compact({"assetId": "ASSET-2"}))
    elif case == "missing_sign":
        r = wf_call(sb, sign=False)
    elif case == "wrong_key_version":
        r = wf_call(sb, key_version="7")
    elif case == "signed_other_path":
        c = sb["worldfirst"]
        body = compact({"assetId": "A"})
        rt = wf_now()
        content = ("POST /other\n%s.%s." % (c["client_id"], rt)).encode() + body
        sig = urllib.parse.quote(base64.b64encode(rsa_sign(c["private_key"], content)).decode(), safe="")
        r = send(sb, PATHS["worldfirst"], body, [("Client-Id", c["client_id"]), ("Request-Time", rt),
                                                 ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + sig)])
    elif case == "wrong_client":
        r = wf_call(sb, client_id="SOMEONE-ELSE")
    elif case == "missing_time":
        r = wf_call(sb, request_time="")
    elif case == "missing_asset":
        r = wf_call(sb, body=compact({"asset": "x"}))
    elif case == "empty_asset":
        r = wf_call(sb, "")
    elif case == "not_json":
        r = wf_call(sb, body=b"assetId=1")
    elif case == "decline":
        r = wf_call(sb, "DECLINE-USER_NOT_EXIST")
    else:
        r = wf_call(sb, "DECLINE-REQUEST_TRAFFIC_EXCEED_LIMIT")
    assert r.status == 200
    obj = r.json()
    assert obj["result"]["resultStatus"] == status
    assert obj["result"]["resultCode"] == code
    assert "cardNo" not in obj and "cvv" not in obj
    assert wf_response_ok(sb, r), "failure responses are signed too"
    if case == "wrong_key_version":
        assert "keyVersion 7" in obj["result"]["resultMessage"], obj


# ---------------------------------------------------------------------------
