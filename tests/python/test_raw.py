"""`raw` (API.md "Lifecycle results"): the whole response as a read-only
mapping, card numbers masked to six and four, credentials to their last four,
everything else as received; printing, hashing and equality still work."""
import json
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
    assert d["new_field"] == (1, "two", None, True)  # what the table does not name is reachable
    assert p.payment_token_id == TOKEN  # the named field keeps the credential
    with pytest.raises(TypeError):
        p.raw["status"] = False  # read-only ...
    with pytest.raises(TypeError):
        d["card"]["number"] = PAN  # ... all the way down
    with pytest.raises(AttributeError):
        d["new_field"].append(PAN)


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


VISA = "4000056655665556"  # a test card number whose middle digits are not its ends
FULL_WIDTH = "".join(chr(0xFF10 + int(ch)) for ch in VISA)


def _digits(text):
    return "".join(str(int(ch)) for ch in text if ch.isdecimal())


@pytest.mark.parametrize("form", ["4000.0566.5566.5556", "4000  0566 5566 5556", "4000/0566/5566/5556",
                                  "4000_0566_5566_5556", "4000 0566 5566 5556 2026", "card 4000-0566-5566-5556-123",
                                  FULL_WIDTH],
                         ids=["dots", "double-space", "slashes", "underscores", "trailing-group", "dashes-cvv",
                              "full-width"])
def test_raw_masks_card_numbers_however_grouped(form):
    p = parse_payment({"order_id": "RENEW-0001", "trade_id": "t-1", "state": "paid", "note": form})
    shown = p.raw["data"]["note"]
    assert _digits(shown) == _digits(form).replace(VISA, VISA[:6] + VISA[-4:]), shown
    for text in (repr(p.raw), str(p.raw), repr(p)):
        assert VISA not in _digits(text) and VISA[6:12] not in _digits(text)


def test_raw_card_number_as_a_number_and_non_ascii_credentials():
    p = parse_payment({"order_id": "RENEW-0001", "trade_id": "t-1", "state": "paid", "n": 4111111111111111,
                       "r": 4111111111111111.0, "token": "aaaaaaaaa\u00e9aaa",
                       "threeDSResult": {"cavv": "AAABBBCCCDDDEEEFFF=", "eci": "05"}})
    d = p.raw["data"]
    assert (d["n"], d["r"], d["token"]) == ("411111******1111", "411111******1111", "***")
    assert d["threeDSResult"] == {"cavv": "***************FFF=", "eci": "05"}


def test_notification_nested_objects_print_masked_too():
    """PayerMax's notification keeps its token under data: nested objects are
    Notifications too, and print masked on their own."""
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "vectors", "payermax", "notification_ok.json"), encoding="utf-8") as f:
        vec = json.load(f)
    with cardtoken.PayerMax(**vec["config"]) as c:
        n = c.verify_notification(vec["notification"]["body"], vec["notification"]["sign"])
    assert n == vec["verified"] and type(n["data"]) is cardtoken.Notification
    token = n["data"]["paymentTokenID"]
    assert len(token) >= 12
    for text in (repr(n), repr(n["data"]), str(n["data"])):
        assert token not in text and token[-4:] in text
