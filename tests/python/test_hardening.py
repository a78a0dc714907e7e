"""Issue 21 (data half): answers about their request, card data in printed
text, edge inputs as typed errors, Request.body wiped.

Expected values come from the tests' own code (cryptography signs the
responses, the masks are spelled out here), never from the code under test.
"""

import base64
import ctypes
import gc
import http.server
import json
import os
import sys
import threading

import pytest

import cardtoken
from conftest import VECTORS

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

PAN = "4235647728025682"
MASKED = "423564******5682"


def vector(gw, name):
    with open(os.path.join(VECTORS, gw, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def gateway_sign(data):
    with open(os.path.join(VECTORS, "keys", "gateway_private.pem"), "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    return base64.b64encode(key.sign(data, padding.PKCS1v15(), hashes.SHA256())).decode()


def digits(text):
    return "".join(c for c in text if c.isdigit())


# ---- names echoed in errors ---------------------------------------------


@pytest.mark.parametrize("name", [PAN, "4235-6477-2802-5682", "x" + PAN], ids=["plain", "dashed", "prefixed"])
def test_unknown_keyword_that_is_a_card_number_is_masked(name):
    v = vector("pagsmile", "success")
    c = cardtoken.Pagsmile(**v["config"])
    with pytest.raises(cardtoken.ValidationError) as info:
        c.build_get_card_token(**v["args"], **{name: "x"})
    assert isinstance(info.value, TypeError)
    for text in (str(info.value), repr(info.value), info.value.field, info.value.message):
        assert PAN not in digits(text), text
    assert digits(info.value.field) == "4235645682"


@pytest.mark.parametrize("pad", [26, 28, 30, 34])
def test_long_unknown_keyword_is_masked_before_it_is_cut(pad):
    """The shown name is cut to 40 bytes: the card number in it is masked
    first, so the cut never exposes digits 7-12 (or a wrong 'last four')."""
    v = vector("pagsmile", "success")
    c = cardtoken.Pagsmile(**v["config"])
    with pytest.raises(cardtoken.ValidationError) as info:
        c.build_get_card_token(**v["args"], **{"x" * pad + PAN: "x"})
    for text in (str(info.value), info.value.field, info.value.message):
        d = digits(text)  # at most the first six, then (part of) the real last four
        assert PAN[:6].startswith(d[:6]) and PAN[-4:].startswith(d[6:]), text


def test_unknown_option_that_is_a_card_number_is_masked():
    v = vector("pagsmile", "success")
    with pytest.raises(cardtoken.ConfigurationError) as info:
        cardtoken.Pagsmile(**v["config"], **{PAN: "x"})
    assert PAN not in digits(str(info.value)) and info.value.field == MASKED


# ---- every printed result string is masked -------------------------------


def test_full_card_number_in_a_documented_masked_field_prints_masked():
    v = vector("payermax", "success")
    tok = {"paymentTokenID": "PMTOKEN1", "userId": v["args"]["user_id"], "tokenScope": "tokenAcq",
           "paymentTokenExpiry": "2030-01-01T00:00:00.000+08:00", "paymentTokenStatus": "Activated",
           "cardInfo": PAN, "accountDisplay": "４２３５６４７７２８０２５６８２", "paymentMethodType": "CARD"}
    body = json.dumps({"code": "APPLY_SUCCESS", "msg": "", "data": {"tokenList": [tok]}}).encode()
    c = cardtoken.PayerMax(**v["config"])
    [res] = c.parse_inquire_payment_token(200, [("sign", gateway_sign(body))], body)
    assert res.card_info == PAN  # readable as it came
    for text in (repr(res), str(res), repr([res])):
        assert PAN not in digits(text), text
        assert "card_info='%s'" % MASKED in text
        assert "account_display='４２３５６４******５６８２'" in text


# ---- an answer must be about its request, also through a real call --------


class _Wrong(http.server.BaseHTTPRequestHandler):
    """Answers every YabandPay request with a success about another order."""

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps({"status": True, "code": "200", "message": "", "response_id": "1",
                           "data": {"order_id": "VICTIM-ORDER", "trade_id": "t", "amount": "0",
                                    "currency": "EUR", "url": "https://x.invalid/", "state": "processing"}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *a):
        pass


def test_call_answered_about_another_order_is_outcome_unknown():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Wrong)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        v = vector("yabandpay", "success")
        cfg = dict(v["config"], base_url="http://127.0.0.1:%d" % srv.server_address[1])
        cfg.pop("environment", None)
        cfg.pop("fixed_time", None)
        with cardtoken.YabandPay(**cfg) as c:
            with pytest.raises(cardtoken.ProtocolError) as info:
                c.create_card_token(**v["args"])
        assert info.value.field == "data.order_id"
        assert info.value.outcome_unknown is True
        assert "VICTIM" not in str(info.value)
    finally:
        srv.shutdown()
        srv.server_close()


# ---- edge inputs: typed errors naming the field ---------------------------


def test_huge_integers_are_typed_errors_naming_the_field():
    v = vector("worldfirst", "success")
    w = cardtoken.WorldFirst(**v["config"])
    with pytest.raises(cardtoken.ValidationError) as info:
        w.build_query_card_sensitive_info(asset_id="a", retry_attempt=10 ** 5000)
    assert info.value.field == "retry_attempt"
    with pytest.raises(cardtoken.ConfigurationError) as info:
        cardtoken.WorldFirst(**dict(v["config"], timeout=10 ** 5000))
    assert info.value.field == "timeout"
    for status in (10 ** 30, -10 ** 30, 1000, -1):
        with pytest.raises(cardtoken.ValidationError) as info:
            w.parse_query_card_sensitive_info(status, [], b"")
        assert info.value.field == "status"


def test_deeply_nested_notification_fields_are_a_validation_error():
    v = vector("pagsmile", "notification_flat")
    c = cardtoken.Pagsmile(**v["config"])
    deep = {}
    node = deep
    for _ in range(100):  # deeper than the core's limit (64), shallow for any Python
        node["a"] = {}
        node = node["a"]
    with pytest.raises(cardtoken.ValidationError) as info:
        c.verify_notification(dict(v["notification"]["fields"], passback_params=deep))
    assert info.value.field == "fields"
    circular = {}
    circular["self"] = circular
    with pytest.raises(cardtoken.ValidationError) as info:
        c.verify_notification(dict(v["notification"]["fields"], passback_params=circular))
    assert info.value.field == "fields"


def test_deeply_nested_signed_notification_is_a_protocol_error():
    v = vector("payermax", "notification_ok")
    c = cardtoken.PayerMax(**v["config"])
    depth = 100  # deeper than the core's limit (64): refused whatever Python could read
    body = ('{"code":"SUCCESS","notifyType":"TOKENIZATION","data":' + "[" * depth + "]" * depth + "}").encode()
    with pytest.raises(cardtoken.ProtocolError) as info:
        c.verify_notification(body, gateway_sign(body))
    assert info.value.field == "body"


# ---- Request.body is wiped when the Request goes --------------------------

_BYTES_DATA = sys.getsizeof(b"") - 1  # offset of a bytes object's data


def test_request_body_is_wiped_on_dealloc():
    v = vector("pagsmile", "success")
    c = cardtoken.Pagsmile(**v["config"])
    found = []
    for _ in range(20):
        req = c.build_get_card_token(**v["args"])
        n = len(req.body)
        addr = id(req.body) + _BYTES_DATA  # the body object lives as long as req
        assert PAN.encode() in ctypes.string_at(addr, n)
        del req
        gc.collect()
        found.append(PAN.encode() in ctypes.string_at(addr, n))
    assert not any(found)


def test_held_request_body_is_not_wiped():
    v = vector("pagsmile", "success")
    c = cardtoken.Pagsmile(**v["config"])
    req = c.build_get_card_token(**v["args"])
    body = req.body
    del req
    gc.collect()
    assert body == v["build"]["body"].encode()


# ---- notifications: optional max_age -------------------------------------


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), 10 ** 400])
def test_max_age_must_be_a_positive_number(bad):
    v = vector("payermax", "notification_max_age_fresh")
    c = cardtoken.PayerMax(**v["config"])
    n = v["notification"]
    with pytest.raises(cardtoken.ValidationError) as info:
        c.verify_notification(n["body"], n["sign"], max_age=bad)
    assert info.value.field == "max_age"
    with pytest.raises(TypeError):
        c.verify_notification(n["body"], n["sign"], max_age=True)
    assert c.verify_notification(n["body"], n["sign"], max_age=None) == v["verified"]


def test_max_age_refuses_a_replayed_notification():
    v = vector("payermax", "notification_max_age_stale")
    c = cardtoken.PayerMax(**v["config"])
    n = v["notification"]
    assert c.verify_notification(n["body"], n["sign"])["notifyType"] == "TOKENIZATION"  # no window by default
    with pytest.raises(cardtoken.SignatureError) as info:
        c.verify_notification(n["body"], n["sign"], max_age=300)
    assert info.value.field == "notifyTime"
    assert c.verify_notification(n["body"], n["sign"], max_age=7200)["notifyType"] == "TOKENIZATION"
