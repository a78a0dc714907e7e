"""Every case of tests/vectors/*/*.json through the Python extension.

call:         build_<op>(**args) must give exactly the expected method, URL,
              headers (in order) and body bytes, with the expected signature
              on the wire; or raise the expected build_error. The response,
              when given, goes through parse_<op>() (with the built request
              when there is one) and must give the expected result or error.
notification: verify_notification() must return the verified content or raise.
ack:          notification_ack() must return the expected body (and, for
              WorldFirst, the signed headers).
config:       the client must be built, or raise ConfigurationError naming
              the option.
No network: build_ and parse_ only (the vectors' URLs are real gateway hosts).
"""

import json

import types

import pytest

import cardtoken
from conftest import CLIENTS, GATEWAYS, OPS, check_error, load_vectors

VECTORS = load_vectors()


def _ids():
    return [name for name, _ in VECTORS]


def test_vectors_exist_for_every_gateway_and_kind():
    seen = {(v["gateway"], v["kind"]) for _, v in VECTORS}
    for gw in GATEWAYS:
        for kind in ("call", "notification", "ack", "config"):
            assert (gw, kind) in seen, "no %s vector for %s" % (kind, gw)
    assert len(VECTORS) >= 100


def make_client(vec):
    return CLIENTS[vec["gateway"]](**vec["config"])


def as_pairs(headers):
    return [tuple(h) for h in headers]


def run_call(vec):
    gw = vec["gateway"]
    op = vec.get("op", OPS[gw])
    with make_client(vec) as client:
        built = None
        if "build" in vec:
            exp = vec["build"]
            built = getattr(client, "build_" + op)(**vec["args"])
            assert isinstance(built, cardtoken.Request)
            assert built.method == exp["method"]
            assert built.url == exp["url"]
            assert built.headers == as_pairs(exp["headers"])
            assert built.body == exp["body"].encode("utf-8")
            on_wire = [built.body.decode("utf-8")] + [v for _, v in built.headers]
            assert any(exp["signature"] in part for part in on_wire), "signature not sent"
        elif "build_error" in vec:
            with pytest.raises(cardtoken.Error) as info:
                getattr(client, "build_" + op)(**vec["args"])
            check_error(info.value, vec["build_error"], gateway=gw)
            assert isinstance(info.value, cardtoken.ValidationError) or vec["build_error"][
                "code"
            ] != "CT_ERR_VALIDATION"
        else:
            pytest.fail("call vector without build or build_error")

        if "response" in vec:
            resp = vec["response"]
            parse = getattr(client, "parse_" + op)
            if "result" in vec:
                res = parse(resp["status"], as_pairs(resp["headers"]), resp["body"].encode("utf-8"),
                            request=built)
                check_result(gw, res, vec["result"], vec.get("result_type"), vec.get("op"))
            elif "error" in vec:
                with pytest.raises(cardtoken.Error) as info:
                    parse(resp["status"], as_pairs(resp["headers"]), resp["body"].encode("utf-8"),
                          request=built)
                check_error(info.value, vec["error"], gateway=gw)
            else:
                pytest.fail("response without result or error")


def record_dict(rec, rtype):
    assert type(rec) is rtype
    d = rec._asdict()
    # the attributes are the fields
    for name, value in d.items():
        assert getattr(rec, name) == value
    return d


def thaw(v):
    """raw as plain JSON values; every mapping in it must be read-only, every list a tuple."""
    assert not isinstance(v, (dict, list)), v
    if isinstance(v, types.MappingProxyType):
        return {k: thaw(x) for k, x in v.items()}
    if isinstance(v, tuple):
        return [thaw(x) for x in v]
    return v


def check_result(gw, res, expected, result_type=None, op=None):
    from conftest import RESULT_TYPES

    # a lifecycle operation's result type: the vector's, or API.md's table
    life = {"pay_with_token": "Payment", "query_order": "Payment", "refund": "Refund", "query_refund": "Refund"}
    result_type = result_type or life.get(op)
    rtype = getattr(cardtoken, result_type) if result_type else RESULT_TYPES[gw]
    if isinstance(expected, list):
        assert isinstance(res, list)
        assert [record_dict(r, rtype) for r in res] == expected
    else:
        got = record_dict(res, rtype)
        assert {k: thaw(v) if isinstance(v, types.MappingProxyType) else v for k, v in got.items()} == expected
        for key, value in expected.items():
            got = getattr(res, key)
            if isinstance(value, dict):
                # a mapping field (raw): read-only all the way down, equal to the vector's object
                assert type(got) is types.MappingProxyType and thaw(got) == value, (key, got, value)
                with pytest.raises(TypeError):
                    got[next(iter(value), "x")] = 1
                continue
            assert got == value and type(got) is type(value), (key, got, value)


def run_notification(vec):
    gw = vec["gateway"]
    n = vec["notification"]
    with make_client(vec) as client:

        def verify():
            kw = {"max_age": n["max_age"]} if "max_age" in n else {}
            if gw == "pagsmile":
                return client.verify_notification(n["fields"], **kw)
            if gw == "payermax":
                return client.verify_notification(n["body"], n["sign"], **kw)
            if gw == "yabandpay":
                return client.verify_notification(n["body"], **kw)
            return client.verify_notification(n["path"], as_pairs(n["headers"]), n["body"], **kw)

        if "verified" in vec:
            got = verify()
            assert got == vec["verified"]
            # same JSON value, types included (True is not 1)
            assert json.dumps(got, sort_keys=True) == json.dumps(vec["verified"], sort_keys=True)
        else:
            with pytest.raises(cardtoken.Error) as info:
                verify()
            check_error(info.value, vec["error"], gateway=gw)


def run_ack(vec):
    gw = vec["gateway"]
    exp = vec["ack"]
    with make_client(vec) as client:
        if gw == "worldfirst":
            headers, body = client.notification_ack(vec["path"])
            assert headers == as_pairs(exp["headers"])
            assert body == exp["body"]
        else:
            body = client.notification_ack()
            assert isinstance(body, str)
            assert body == exp["body"]


def run_config(vec):
    if "config_error" in vec:
        with pytest.raises(cardtoken.ConfigurationError) as info:
            make_client(vec)
        check_error(info.value, vec["config_error"], gateway=vec["gateway"])
    else:
        client = make_client(vec)
        assert client.gateway == vec["gateway"]
        assert not client.closed
        client.close()
        assert client.closed


RUNNERS = {"call": run_call, "notification": run_notification, "ack": run_ack, "config": run_config}


@pytest.mark.parametrize("name,vec", VECTORS, ids=_ids())
def test_vector(name, vec):
    assert vec["kind"] in RUNNERS, name
    RUNNERS[vec["kind"]](vec)


@pytest.mark.parametrize(
    "name,vec",
    [(n, v) for n, v in VECTORS if v["kind"] == "call" and "build" in v and "response" in v],
    ids=[n for n, v in VECTORS if v["kind"] == "call" and "build" in v and "response" in v],
)
def test_vector_parse_accepts_every_input_form(name, vec):
    """The same response given as str body and a headers mapping parses the same."""
    gw = vec["gateway"]
    op = vec.get("op", OPS[gw])
    resp = vec["response"]
    with make_client(vec) as client:
        built = getattr(client, "build_" + op)(**vec["args"])
        parse = getattr(client, "parse_" + op)
        outcomes = []
        header_dict = {}
        for k, v in resp["headers"]:
            header_dict.setdefault(k, v)
        for headers, body in (
            (as_pairs(resp["headers"]), resp["body"].encode("utf-8")),
            (header_dict, resp["body"]),
            (tuple(as_pairs(resp["headers"])), bytearray(resp["body"].encode("utf-8"))),
            ([(k.encode(), v.encode()) for k, v in resp["headers"]],
             memoryview(resp["body"].encode("utf-8"))),
        ):
            if len(header_dict) != len(resp["headers"]) and isinstance(headers, dict):
                continue  # repeated header names cannot be a dict
            try:
                r = parse(resp["status"], headers, body, request=built)
                outcomes.append(("ok", [x._asdict() for x in r] if isinstance(r, list) else r._asdict()))
            except cardtoken.Error as e:
                outcomes.append(("error", e.name, e.gateway_code, e.http_status))
        assert len(outcomes) >= 3
        assert all(o == outcomes[0] for o in outcomes), outcomes
