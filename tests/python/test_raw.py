"""`raw` (API.md "Lifecycle results"): the whole response as a read-only
mapping, card numbers masked to six and four, credentials to their last four,
everything else as received; printing, hashing and equality still work."""
import json
import pickle
import types

import pytest

import cardtoken

PAN = "4111111111111111"
TOKEN = "TOKEN_FROM_NOTIFY_SECRET_77"


def parse_payment(data):
    c = cardtoken.YabandPay(user="016683", secret_key="k", environment="production")
    req = c.build_pay_with_token(order_id="RENEW-0001", amount="9.99", currency="EUR",
                                 payment_token_object=TOKEN, description="d", token_type="MIT",
                                 notify_url="https://merchant.example.com/n")
    body = json.dumps({"status": True, "code": "200", "message": "", "data": data})
    return c.parse_pay_with_token(200, [("Content-Type", "application/json")], body.encode(), request=req)


def test_raw_is_the_whole_answer_masked():
    p = parse_payment({"order_id": "RENEW-0001", "trade_id": "t-1", "state": "paid",
                       "payment_token_object": TOKEN, "card": {"number": PAN, "cvv": "123"},
                       "order_ref": "20240304094405131317", "new_field": [1, "two", None, True]})
    assert type(p.raw) is types.MappingProxyType
    assert p.raw["status"] is True and p.raw["code"] == "200"
    d = p.raw["data"]
    assert d["payment_token_object"] == "*" * (len(TOKEN) - 4) + TOKEN[-4:]
    assert d["card"] == {"number": "411111******1111", "cvv": "***"}
    assert d["order_ref"] == "20240304094405131317"  # not Luhn-valid: an id, kept
    assert d["new_field"] == [1, "two", None, True]  # what the table does not name is reachable
    assert p.payment_token_id == TOKEN  # the named field keeps the credential
    with pytest.raises(TypeError):
        p.raw["status"] = False  # read-only


def test_raw_prints_masked_and_results_still_hash():
    p = parse_payment({"order_id": "RENEW-0001", "trade_id": "t-1", "state": "paid",
                       "payment_token_object": TOKEN, "note": "card " + PAN})
    for text in (repr(p), str(p), repr(p.raw)):
        assert TOKEN not in text and PAN not in text
    assert "raw=mappingproxy(" in repr(p)
    q = parse_payment({"order_id": "RENEW-0001", "trade_id": "t-1", "state": "paid",
                       "payment_token_object": TOKEN, "note": "card " + PAN})
    assert p == q and hash(p) == hash(q)
    assert "raw" in p._fields and p._asdict()["raw"] == p.raw
    with pytest.raises(TypeError):
        pickle.dumps(p)
