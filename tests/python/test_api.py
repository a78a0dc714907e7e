"""The Python API surface of cardtoken: argument handling, types, errors,
immutability, pickling, closed clients, the module itself and its stub.

Offline: clients are built from the vectors' configurations and only
build_/parse_/verify/ack are used.
"""

import copy
import importlib.machinery
import importlib.util
import json
import os
import pickle
import re
import subprocess
import sys

import pytest

import cardtoken
from conftest import (
    CLIENTS,
    ERROR_ATTRIBUTES,
    ERROR_TABLE,
    GATEWAYS,
    HEADER,
    OPS,
    REPO,
    RESULT_TYPES,
    VECTORS,
    check_error,
)


def vector(gw, name):
    with open(os.path.join(VECTORS, gw, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


SUCCESS = {gw: vector(gw, "success") for gw in GATEWAYS}


def client(gw, **overrides):
    cfg = dict(SUCCESS[gw]["config"])
    cfg.update(overrides)
    return CLIENTS[gw](**cfg)


def offline_client(gw):
    """A client whose base_url is a closed loopback port: safe for whole calls."""
    return client(gw, environment=None, base_url="http://127.0.0.1:9", max_retries=0)


def args(gw, **overrides):
    a = dict(SUCCESS[gw]["args"])
    a.update(overrides)
    return {k: v for k, v in a.items() if v is not None}


def response(gw):
    r = SUCCESS[gw]["response"]
    return r["status"], [tuple(h) for h in r["headers"]], r["body"].encode("utf-8")


def parsed(gw):
    c = client(gw)
    req = getattr(c, "build_" + OPS[gw])(**args(gw))
    return getattr(c, "parse_" + OPS[gw])(*response(gw), request=req)


# ------------------------------------------------------------------ module


def test_module_names():
    for name in (
        "Pagsmile PayerMax YabandPay WorldFirst Request CardTokenResult PaymentToken "
        "CardPayment CardSensitiveInfo Error ConfigurationError ValidationError "
        "TransportError ProtocolError SignatureError GatewayError ResultUnknownError"
    ).split():
        assert hasattr(cardtoken, name), name
        assert name in cardtoken.__all__
        assert getattr(cardtoken, name).__module__ == "cardtoken"
    assert type(cardtoken._cardtoken).__name__ == "module"
    assert cardtoken._cardtoken.__file__.endswith(".so")


def test_version_matches_header():
    with open(HEADER, encoding="utf-8") as f:
        want = re.search(r'#define CT_VERSION "([^"]+)"', f.read()).group(1)
    assert cardtoken.__version__ == want
    assert "curl" in cardtoken.CURL_VERSION.lower() or re.match(r"\d", cardtoken.CURL_VERSION)
    assert "openssl" in cardtoken.OPENSSL_VERSION.lower()


def test_error_code_constants_match_header():
    for name, (value, _cat, _r, _u) in ERROR_TABLE.items():
        assert getattr(cardtoken, name) == value, name
        assert name in cardtoken.__all__


def test_exception_hierarchy():
    E = cardtoken
    assert issubclass(E.Error, Exception)
    assert issubclass(E.ConfigurationError, E.Error) and issubclass(E.ConfigurationError, ValueError)
    assert issubclass(E.ValidationError, E.Error) and issubclass(E.ValidationError, ValueError)
    for cls in (E.TransportError, E.ProtocolError, E.SignatureError, E.GatewayError):
        assert issubclass(cls, E.Error) and not issubclass(cls, ValueError)
    assert issubclass(E.ResultUnknownError, E.GatewayError)
    assert issubclass(E.UnknownOptionError, E.ConfigurationError)
    assert issubclass(E.UnknownOptionError, TypeError)
    assert issubclass(E.UnknownArgumentError, E.ValidationError)
    assert issubclass(E.UnknownArgumentError, TypeError)
    assert issubclass(E.OptionTypeError, E.ConfigurationError) and issubclass(E.OptionTypeError, TypeError)
    assert issubclass(E.ArgumentTypeError, E.ValidationError) and issubclass(E.ArgumentTypeError, TypeError)


@pytest.mark.parametrize("call, field", [
    (lambda: cardtoken.Pagsmile(merchant_no=1, app_id="a", app_key="k", environment="sandbox"), "merchant_no"),
    (lambda: cardtoken.Pagsmile(merchant_no="1", app_id="a", app_key="k", environment="sandbox",
                                timeout="30"), "timeout"),
    (lambda: PG.build_pay_with_token(payment="not a mapping", customer={}), "payment"),
    (lambda: YB.build_query_order(trade_id=5), "trade_id"),
    (lambda: YB.parse_query_order("200", [], b"{}"), "status"),
    (lambda: YB.parse_query_order(200, [], 5), "body"),
    (lambda: PG.verify_notification(["not", "a", "mapping"]), "fields"),
], ids=["option-str", "option-float", "nested-mapping", "argument-str", "status", "body", "fields"])
def test_wrong_python_type_is_a_typed_error_naming_the_field(call, field):
    """Every bad input is a cardtoken error naming its field (and still a
    TypeError, as Python code expects for a value of the wrong type)."""
    with pytest.raises(cardtoken.Error) as info:
        call()
    e = info.value
    assert isinstance(e, TypeError) and e.field == field, (type(e), e.field, e)
    assert isinstance(e, (cardtoken.ArgumentTypeError, cardtoken.OptionTypeError))


PG = cardtoken.Pagsmile(merchant_no="1", app_id="a", app_key="k", environment="sandbox")
YB = cardtoken.YabandPay(user="u", secret_key="k", environment="production")


def test_second_module_instance_is_independent():
    """Multi-phase init: a second instance of the extension module has its own
    types and works (ct_global_init is idempotent)."""
    path = cardtoken._cardtoken.__file__
    loader = importlib.machinery.ExtensionFileLoader("cardtoken._cardtoken", path)
    spec = importlib.util.spec_from_file_location("cardtoken._cardtoken", path, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    assert mod is not cardtoken._cardtoken
    assert mod.Pagsmile is not cardtoken.Pagsmile
    c = mod.Pagsmile(**SUCCESS["pagsmile"]["config"])
    req = c.build_get_card_token(**args("pagsmile"))
    assert type(req) is mod.Request and type(req) is not cardtoken.Request
    assert req.body == SUCCESS["pagsmile"]["build"]["body"].encode()
    with pytest.raises(cardtoken.ValidationError):  # exceptions are shared (_errors)
        c.build_get_card_token(**args("pagsmile", card_number="1234"))
    c.close()


# ------------------------------------------------------------------ types


@pytest.mark.parametrize("gw", GATEWAYS)
def test_classes_are_final_and_results_not_constructible(gw):
    with pytest.raises(TypeError):
        type("Sub", (CLIENTS[gw],), {})
    with pytest.raises(TypeError):
        RESULT_TYPES[gw]()
    with pytest.raises(TypeError):
        cardtoken.Request()
    with pytest.raises(TypeError):
        CLIENTS[gw].extra = 1  # immutable type


@pytest.mark.parametrize("gw", GATEWAYS)
def test_three_forms_exist(gw):
    op = OPS[gw]
    for name in (op, "build_" + op, "parse_" + op, "verify_notification", "notification_ack",
                 "close", "__enter__", "__exit__"):
        assert callable(getattr(CLIENTS[gw], name)), name
    # the other gateways' operations are not there
    for other, other_op in OPS.items():
        if other != gw:
            assert not hasattr(CLIENTS[gw], other_op)


# ------------------------------------------------------------------ options


@pytest.mark.parametrize("gw", GATEWAYS)
def test_client_options_are_keyword_only(gw):
    cfg = SUCCESS[gw]["config"]
    with pytest.raises(TypeError, match="keyword"):
        CLIENTS[gw](*list(cfg.values())[:1])


@pytest.mark.parametrize("gw", GATEWAYS)
def test_unknown_option_is_typeerror_and_configuration_error(gw):
    with pytest.raises(TypeError) as info:
        client(gw, colour="blue")
    e = info.value
    assert isinstance(e, cardtoken.ConfigurationError)
    check_error(e, {"code": "CT_ERR_CONFIG", "field": "colour"}, gateway=gw)
    assert "colour" in str(e)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_option_types(gw):
    # text options take str only
    with pytest.raises(TypeError, match="environment"):
        client(gw, environment=1)
    with pytest.raises(TypeError, match="base_url"):
        client(gw, base_url=b"https://example.com")
    # int options: int, not bool, not str, not float
    for bad in (True, "2", 2.0):
        with pytest.raises(TypeError, match="max_retries"):
            client(gw, max_retries=bad)
    client(gw, max_retries=3).close()
    # float options: int or float, not bool, not str
    for bad in (False, "5"):
        with pytest.raises(TypeError, match="timeout"):
            client(gw, timeout=bad)
    client(gw, timeout=5).close()
    client(gw, timeout=2.5, connect_timeout=0.25).close()
    # bad values are the core's ConfigurationError naming the option
    for name, value in (("timeout", 0), ("timeout", -1.5), ("max_retries", 11), ("max_retries", -1),
                        ("connect_timeout", 0.0), ("timeout", float("nan")),
                        ("timeout", float("inf")), ("timeout", 1e-30), ("timeout", 1e300),
                        ("timeout", 2**70)):
        with pytest.raises(cardtoken.ConfigurationError) as info:
            client(gw, **{name: value})
        check_error(info.value, {"code": "CT_ERR_CONFIG", "field": name}, gateway=gw)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_none_option_means_absent(gw):
    client(gw, timeout=None, proxy=None, ca_file=None).close()
    required = {"pagsmile": "app_key", "payermax": "private_key", "yabandpay": "secret_key",
                "worldfirst": "client_id"}[gw]
    with pytest.raises(cardtoken.ConfigurationError) as info:
        client(gw, **{required: None})
    assert info.value.field == required
    assert info.value.name in ("CT_ERR_CONFIG", "CT_ERR_KEY")


def test_huge_int_option_is_a_configuration_error():
    with pytest.raises(cardtoken.ConfigurationError) as info:
        client("pagsmile", max_retries=10**30)
    assert info.value.field == "max_retries"


# ------------------------------------------------------------------ arguments


@pytest.mark.parametrize("gw", GATEWAYS)
def test_operations_are_keyword_only(gw):
    c = offline_client(gw)
    op = OPS[gw]
    for name in (op, "build_" + op):
        with pytest.raises(TypeError, match="keyword"):
            getattr(c, name)(*args(gw).values())


@pytest.mark.parametrize("gw", GATEWAYS)
def test_unknown_argument(gw):
    c = client(gw)
    with pytest.raises(TypeError) as info:
        getattr(c, "build_" + OPS[gw])(**args(gw), colour="blue")
    assert isinstance(info.value, cardtoken.ValidationError)
    check_error(info.value, {"code": "CT_ERR_VALIDATION", "field": "colour"}, gateway=gw)
    # the whole call too, before anything is sent
    with pytest.raises(cardtoken.ValidationError):
        getattr(offline_client(gw), OPS[gw])(**args(gw), colour="blue")


@pytest.mark.parametrize("gw", GATEWAYS)
def test_wrong_argument_type_names_the_argument_not_the_value(gw):
    c = client(gw)
    build = getattr(c, "build_" + OPS[gw])
    name = {"pagsmile": "card_number", "payermax": "user_id", "yabandpay": "card_number",
            "worldfirst": "asset_id"}[gw]
    for bad in (4235647728025682, b"4235647728025682", ["x"], 4.5):
        with pytest.raises(TypeError) as info:
            build(**args(gw, **{name: bad}))
        msg = str(info.value)
        assert name in msg
        assert "4235647728025682" not in msg
        # a cardtoken error naming the argument, and a TypeError all the same
        assert isinstance(info.value, cardtoken.ArgumentTypeError) and info.value.field == name


def test_int_and_float_arguments():
    c = client("yabandpay")
    for bad in (True, "45", 45.0):
        with pytest.raises(TypeError, match="order_timeout"):
            c.build_create_card_token(**args("yabandpay", order_timeout=bad))
    req = c.build_create_card_token(**args("yabandpay", order_timeout=45))
    assert json.loads(req.body)["data"]["timeout"] == "45"
    with pytest.raises(cardtoken.ValidationError) as info:
        c.build_create_card_token(**args("yabandpay", order_timeout=1441))
    assert info.value.field == "order_timeout"
    w = client("worldfirst")
    with pytest.raises(TypeError, match="retry_attempt"):
        w.build_query_card_sensitive_info(asset_id="a1", retry_attempt=False)
    w.build_query_card_sensitive_info(asset_id="a1", retry_attempt=3)


def test_none_argument_means_absent():
    c = client("payermax")
    with_none = c.build_inquire_payment_token(user_id="u1", token_scope=None, card_org=None)
    without = c.build_inquire_payment_token(user_id="u1")
    assert json.loads(with_none.body)["data"] == {"userId": "u1"}
    assert json.loads(with_none.body) == json.loads(without.body)
    with pytest.raises(cardtoken.ValidationError) as info:
        c.build_inquire_payment_token(user_id=None)
    assert info.value.field == "user_id"


@pytest.mark.parametrize("gw", ["pagsmile", "yabandpay"])
def test_missing_required_argument_is_validation_error(gw):
    c = client(gw)
    a = args(gw)
    del a["security_code"]
    with pytest.raises(cardtoken.ValidationError) as info:
        getattr(c, "build_" + OPS[gw])(**a)
    check_error(info.value, {"code": "CT_ERR_VALIDATION", "field": "security_code"}, gateway=gw)


def test_text_that_is_not_utf8_is_validation_error_without_the_value():
    c = client("pagsmile")
    with pytest.raises(cardtoken.ValidationError) as info:
        c.build_get_card_token(**args("pagsmile", cardholder_name="AP\udcffRO 4235647728025682"))
    e = info.value
    check_error(e, {"code": "CT_ERR_VALIDATION", "field": "cardholder_name"}, gateway="pagsmile")
    assert "4235647728025682" not in str(e) and "4235647728025682" not in repr(e)
    assert e.__context__ is None and e.__cause__ is None
    with pytest.raises(cardtoken.ConfigurationError) as info:
        client("pagsmile", app_key="key\ud800")
    assert info.value.field == "app_key"


def test_embedded_nul_in_keyword_is_unknown():
    c = client("pagsmile")
    with pytest.raises(TypeError):
        c.build_get_card_token(**{**args("pagsmile"), "card_number\0x": "1"})


# ------------------------------------------------------------------ requests


@pytest.mark.parametrize("gw", GATEWAYS)
def test_request_object(gw):
    c = client(gw)
    req = getattr(c, "build_" + OPS[gw])(**args(gw))
    exp = SUCCESS[gw]["build"]
    assert isinstance(req.method, str) and req.method == "POST"
    assert req.url == exp["url"]
    h = req.headers
    assert isinstance(h, list) and all(type(p) is tuple and len(p) == 2 for p in h)
    h.append(("X", "Y"))  # a fresh list each time
    assert req.headers == [tuple(p) for p in exp["headers"]]
    assert type(req.body) is bytes
    for attr in ("method", "url", "headers", "body", "request_id"):
        with pytest.raises(AttributeError):
            setattr(req, attr, "x")
    with pytest.raises(AttributeError):
        req.other = 1
    assert str(req) == repr(req)


def test_request_repr_is_redacted():
    for gw in ("pagsmile", "yabandpay"):
        c = client(gw)
        req = getattr(c, "build_" + OPS[gw])(**args(gw, security_code="9047"))
        assert b"4235647728025682" in req.body and b"9047" in req.body
        r = repr(req)
        assert "4235647728025682" not in r
        assert "9047" not in r
        assert "423564" in r and "5682" in r  # first six / last four at most
        assert req.url in r


def test_request_id():
    c = client("yabandpay")
    a = args("yabandpay")
    assert c.build_create_card_token(**a).request_id == a["request_id"]
    del a["request_id"]
    ids = {c.build_create_card_token(**a).request_id for _ in range(5)}
    assert len(ids) == 5
    for rid in ids:
        assert re.fullmatch(r"[a-z0-9]{32}", rid)
    assert client("pagsmile").build_get_card_token(**args("pagsmile")).request_id is None


def test_parse_echoes_request_id_only_with_request():
    c = client("yabandpay")
    req = c.build_create_card_token(**args("yabandpay"))
    assert c.parse_create_card_token(*response("yabandpay"), request=req).request_id == \
        args("yabandpay")["request_id"]
    assert c.parse_create_card_token(*response("yabandpay")).request_id is None


# ------------------------------------------------------------------ parse inputs


def test_parse_argument_checks():
    c = client("pagsmile")
    status, headers, body = response("pagsmile")
    parse = c.parse_get_card_token
    assert parse(status=status, headers=headers, body=body).token
    assert parse(status, dict(headers), body.decode()).token
    assert parse(status, [], body).token
    with pytest.raises(TypeError):
        parse(True, headers, body)
    with pytest.raises(TypeError):
        parse("200", headers, body)
    with pytest.raises(ValueError):
        parse(-1, headers, body)
    with pytest.raises(TypeError):
        parse(status, headers, None)
    with pytest.raises(TypeError):
        parse(status, headers, 12)
    with pytest.raises(TypeError):
        parse(status, "Content-Type: application/json", body)
    with pytest.raises(TypeError):
        parse(status, [("a", "b", "c")], body)
    with pytest.raises(TypeError):
        parse(status, [("a", 1)], body)
    with pytest.raises(TypeError):
        parse(status, headers, body, request="not a request")
    with pytest.raises(TypeError):
        parse(status, headers, body, None)  # request is keyword-only
    with pytest.raises(TypeError):
        parse(status, headers)


def test_parse_non_json_is_protocol_error():
    c = client("pagsmile")
    with pytest.raises(cardtoken.ProtocolError) as info:
        c.parse_get_card_token(200, [], b"<html>oops</html>")
    check_error(info.value, {"code": "CT_ERR_PROTOCOL"}, gateway="pagsmile")


# ------------------------------------------------------------------ results


@pytest.mark.parametrize("gw", GATEWAYS)
def test_results_are_immutable(gw):
    res = parsed(gw)
    rec = res[0] if isinstance(res, list) else res
    assert type(rec) is RESULT_TYPES[gw]
    name = rec._fields[0]
    with pytest.raises(AttributeError):
        setattr(rec, name, "x")
    with pytest.raises(AttributeError):
        delattr(rec, name)
    with pytest.raises(AttributeError):
        rec.new_attribute = 1
    assert not hasattr(rec, "__dict__")
    assert set(rec._fields) <= set(dir(rec))
    assert rec == (parsed(gw)[0] if isinstance(res, list) else parsed(gw))
    assert hash(rec) == hash(parsed(gw)[0] if isinstance(res, list) else parsed(gw))
    with pytest.raises(AttributeError):
        rec.no_such_field


def test_result_fields_match_api():
    want = {
        "pagsmile": ["token", "first_six_digits", "last_four_digits", "expiration_month",
                     "expiration_year", "cardholder_name", "payment_method_id"],
        "payermax": ["payment_token_id", "user_id", "token_scope", "payment_token_expiry",
                     "payment_token_status", "card_info", "if_cvv", "brand",
                     "payment_method_type", "target_org", "account_display", "referral_code"],
        "yabandpay": ["order_id", "trade_id", "amount", "currency", "url", "state",
                      "response_id", "request_id"],
        "worldfirst": ["asset_id", "account_id", "card_no", "cvv", "expired_month",
                       "expired_year"],
    }
    for gw, fields in want.items():
        res = parsed(gw)
        rec = res[0] if isinstance(res, list) else res
        assert set(rec._fields) == set(fields), gw
    assert isinstance(parsed("payermax"), list)


def test_sensitive_fields_are_masked_when_printed():
    res = parsed("worldfirst")
    assert res.card_no == "5555555555554444" and res.cvv == "321"
    for text in (repr(res), str(res), "%s" % (res,), "{}".format(res), repr([res])):
        assert "5555555555554444" not in text
        assert "'321'" not in text and "=321" not in text
        assert "************4444" in text
        assert "cvv='***'" in text
    assert repr(res).startswith("CardSensitiveInfo(")
    # non-sensitive results print their values
    tok = parsed("pagsmile")
    assert "2608f4508569a3461ddb8277844e8e62" in repr(tok)


# ------------------------------------------------------------------ pickling


@pytest.mark.parametrize("gw", GATEWAYS)
def test_pickling_refused(gw):
    c = client(gw)
    req = getattr(c, "build_" + OPS[gw])(**args(gw))
    res = parsed(gw)
    rec = res[0] if isinstance(res, list) else res
    for obj in (c, req, rec):
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            with pytest.raises(TypeError):
                pickle.dumps(obj, protocol=proto)
        with pytest.raises(TypeError):
            copy.copy(obj)
        with pytest.raises(TypeError):
            copy.deepcopy(obj)
        with pytest.raises(TypeError):
            obj.__reduce__()
        with pytest.raises(TypeError):
            obj.__reduce_ex__(2)


def test_exceptions_pickle_with_their_attributes():
    c = client("pagsmile")
    try:
        c.build_get_card_token(**args("pagsmile", expiration_month="13"))
    except cardtoken.ValidationError as e:
        e2 = pickle.loads(pickle.dumps(e))
        assert type(e2) is type(e)
        for attr in ERROR_ATTRIBUTES:
            assert getattr(e2, attr) == getattr(e, attr)
        assert str(e2) == str(e)
    else:
        pytest.fail("no error")


# ------------------------------------------------------------------ errors


def test_every_error_has_every_attribute():
    c = client("worldfirst")
    vec = vector("worldfirst", "error_u_default")
    with pytest.raises(cardtoken.ResultUnknownError) as info:
        c.parse_query_card_sensitive_info(vec["response"]["status"], vec["response"]["headers"],
                                          vec["response"]["body"])
    e = info.value
    for attr in ERROR_ATTRIBUTES:
        assert hasattr(e, attr)
    assert isinstance(e.retry_after, float) and e.retry_after == 300
    assert e.retryable is True and e.outcome_unknown is True
    assert e.gateway == "worldfirst" and e.code == cardtoken.CT_ERR_RESULT_UNKNOWN
    with pytest.raises(cardtoken.ValidationError) as info:
        client("pagsmile").build_get_card_token(**args("pagsmile", card_number="1234"))
    e = info.value
    assert e.field == "card_number" and e.http_status is None and e.retry_after is None
    assert e.gateway_code is None and e.gateway_message is None
    assert e.retryable is False and e.outcome_unknown is False
    assert e.code == cardtoken.CT_ERR_VALIDATION and e.name == "CT_ERR_VALIDATION"
    assert str(e)


# ------------------------------------------------------------------ closing


@pytest.mark.parametrize("gw", GATEWAYS)
def test_closed_client(gw):
    c = offline_client(gw)
    assert not c.closed and "open" in repr(c)
    c.close()
    c.close()  # idempotent
    assert c.closed and "closed" in repr(c)
    op = OPS[gw]
    status, headers, body = response(gw)
    calls = [
        lambda: getattr(c, op)(**args(gw)),
        lambda: getattr(c, "build_" + op)(**args(gw)),
        lambda: getattr(c, "parse_" + op)(status, headers, body),
        lambda: c.notification_ack("/n") if gw == "worldfirst" else c.notification_ack(),
        lambda: c.__enter__(),
    ]
    for call in calls:
        with pytest.raises(cardtoken.ConfigurationError) as info:
            call()
        check_error(info.value, {"code": "CT_ERR_CLOSED"}, gateway=gw)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_context_manager(gw):
    with client(gw) as c:
        assert not c.closed
        getattr(c, "build_" + OPS[gw])(**args(gw))
    assert c.closed
    with pytest.raises(RuntimeError):
        with client(gw) as c2:
            raise RuntimeError("boom")  # not swallowed
    assert c2.closed


def test_request_outlives_its_client():
    c = client("yabandpay")
    req = c.build_create_card_token(**args("yabandpay"))
    c.close()
    del c
    assert b"cardinfo" in req.body
    assert "cardinfo" in repr(req)
    c2 = client("yabandpay")
    res = c2.parse_create_card_token(*response("yabandpay"), request=req)
    assert res.request_id == args("yabandpay")["request_id"]


# ------------------------------------------------------------------ notifications API


def test_notification_signatures():
    with pytest.raises(TypeError):
        client("pagsmile").verify_notification()
    with pytest.raises(TypeError):
        client("payermax").verify_notification("{}")
    with pytest.raises(TypeError):
        client("worldfirst").verify_notification("/p", [])
    with pytest.raises(TypeError):
        client("worldfirst").notification_ack()
    with pytest.raises(TypeError):
        client("pagsmile").notification_ack("/path")
    with pytest.raises(TypeError):
        client("yabandpay").verify_notification(12)
    with pytest.raises(TypeError):
        client("pagsmile").verify_notification(["not", "pairs", "at", "all"])


def test_notification_inputs_bytes_or_str():
    vec = vector("payermax", "notification_ok")
    c = client("payermax")
    n = vec["notification"]
    a = c.verify_notification(n["body"], n["sign"])
    b = c.verify_notification(n["body"].encode(), n["sign"].encode())
    d = c.verify_notification(body=bytearray(n["body"].encode()), sign=n["sign"])
    assert a == b == d == vec["verified"]
    with pytest.raises(cardtoken.SignatureError):
        c.verify_notification(n["body"], None)  # no sign header received


def test_worldfirst_ack_shape():
    headers, body = client("worldfirst").notification_ack(path="/notify/worldfirst")
    assert isinstance(headers, list) and all(type(h) is tuple for h in headers)
    assert [h[0] for h in headers] == ["Content-Type", "Client-Id", "Response-Time", "Signature"]
    assert json.loads(body)["result"]["resultStatus"] == "S"


# ------------------------------------------------------------------ typing


def test_stub_and_marker_are_installed():
    pkg = os.path.dirname(cardtoken.__file__)
    assert os.path.isfile(os.path.join(pkg, "py.typed"))
    assert os.path.isfile(os.path.join(pkg, "__init__.pyi"))


def test_stubtest():
    pytest.importorskip("mypy", reason="mypy not installed (pip install mypy)")
    env = dict(os.environ)
    pkg_parent = os.path.dirname(os.path.dirname(cardtoken.__file__))
    env["PYTHONPATH"] = pkg_parent + os.pathsep + env.get("PYTHONPATH", "")
    res = subprocess.run([sys.executable, "-m", "mypy.stubtest", "cardtoken"], cwd=REPO + "/tests",
                         env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr


def test_stub_types_check_user_code(tmp_path):
    pytest.importorskip("mypy", reason="mypy not installed (pip install mypy)")
    code = tmp_path / "user.py"
    code.write_text(
        "import cardtoken\n"
        "c = cardtoken.Pagsmile(merchant_no='m', app_id='a', app_key='k', environment='sandbox')\n"
        "r: cardtoken.CardTokenResult = c.get_card_token(card_number='1', security_code='1',\n"
        "    expiration_month='1', expiration_year='1', cardholder_name='x')\n"
        "m: int = r.expiration_month\n"
        "req: cardtoken.Request = c.build_get_card_token(card_number='1', security_code='1',\n"
        "    expiration_month='1', expiration_year='1', cardholder_name='x')\n"
        "b: bytes = req.body\n"
        "toks: list[cardtoken.PaymentToken] = cardtoken.PayerMax(app_id='a', merchant_no='m',\n"
        "    private_key='k', gateway_public_key='k').inquire_payment_token(user_id='u')\n"
        "with cardtoken.WorldFirst(client_id='c', private_key='k', gateway_public_key='k') as w:\n"
        "    h, body = w.notification_ack('/p')\n"
        "try:\n"
        "    pass\n"
        "except cardtoken.ResultUnknownError as e:\n"
        "    after: float | None = e.retry_after\n"
    )
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import cardtoken\n"
        "c = cardtoken.Pagsmile(merchant_no='m', app_id='a', app_key='k')\n"
        "c.get_card_token('1', '2')\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(cardtoken.__file__))
    ok = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", str(code)],
                        cwd=str(tmp_path), env=env, capture_output=True, text=True, timeout=600)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    ko = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", str(bad)],
                        cwd=str(tmp_path), env=env, capture_output=True, text=True, timeout=600)
    assert ko.returncode != 0, ko.stdout
    assert "positional" in ko.stdout.lower() or "argument" in ko.stdout.lower(), ko.stdout
