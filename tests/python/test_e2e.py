"""Every operation end to end against the local sandbox (python -m cardtoken.sandbox),
for the four gateways, in both forms: the whole call, and build_ -> send with
the user's own HTTP stack (http.client) -> parse_. The sandbox verifies every
request signature with its own code, so a success here proves the bytes and
signatures the core sends are the gateways'. Also every decline code the
sandbox knows, per gateway, and the transport and signature faults mapped to
their exceptions.
"""

import re

import pytest

import cardtoken
from conftest import (
    GATEWAYS,
    MAGIC_ARG,
    OPS,
    RESULT_TYPES,
    check_error,
    client_for,
    op_args,
    sandbox_module,
    send_request,
)

SANDBOX_CARD = ("4111111111111111", "123", "12", "30")  # the sandbox's default --world-card


def check_success(gw, res, args, sb):
    """The sandbox's documented answer for `args`, checked field by field."""
    if gw == "pagsmile":
        assert type(res) is cardtoken.CardTokenResult
        card = args["card_number"]
        assert re.fullmatch(r"[0-9a-f]{32}", res.token)
        assert res.first_six_digits == card[:6]
        assert res.last_four_digits == card[-4:]
        assert res.expiration_month == int(args["expiration_month"])
        assert res.expiration_year == int(args["expiration_year"])
        assert type(res.expiration_month) is int and type(res.expiration_year) is int
        assert res.cardholder_name == args["cardholder_name"]
        want_brand = {"4": "visa", "5": "master"}.get(card[0])
        assert res.payment_method_id == want_brand
    elif gw == "payermax":
        assert isinstance(res, list) and res
        for tok in res:
            assert type(tok) is cardtoken.PaymentToken
            assert tok.user_id == args["user_id"]
            assert tok.payment_token_id.startswith("PMTOKEN")
            assert tok.payment_token_status == "Activated"
            assert tok.token_scope == args.get("token_scope", "tokenAcq")
            assert re.fullmatch(r"\d{6}\*{6}\d{4}", tok.card_info)
        brands = sorted(t.brand for t in res)
        if "card_org" in args:
            assert brands == [args["card_org"]]
        else:
            assert brands == ["MASTERCARD", "VISA"]
    elif gw == "yabandpay":
        assert type(res) is cardtoken.CardPayment
        assert res.order_id == args["order_id"]
        assert res.amount == args.get("amount", "0")
        assert res.currency == args["currency"]
        assert res.state == "processing"
        assert re.fullmatch(r"[0-9a-f-]{36}", res.trade_id)
        assert res.url.startswith(sb["yabandpay"]["base_url"])
        assert res.response_id
        if "request_id" in args:
            assert res.request_id == args["request_id"]
        else:
            assert re.fullmatch(r"[a-z0-9]{32}", res.request_id)
    elif gw == "worldfirst":
        assert type(res) is cardtoken.CardSensitiveInfo
        number, cvv, mm, yy = SANDBOX_CARD
        assert res.asset_id == args["asset_id"]
        assert res.card_no == number and res.cvv == cvv
        assert res.expired_month == mm and res.expired_year == yy
        assert re.fullmatch(r"2188\d{12}", res.account_id)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_call(sandbox, gw):
    with client_for(sandbox, gw) as c:
        before = sandbox.stats()["requests"].get(sandbox_module().PATHS[gw], 0)
        args = op_args(gw)
        res = getattr(c, OPS[gw])(**args)
        check_success(gw, res, args, sandbox)
        # a second call on the same client (connection reuse is the core's business)
        res2 = getattr(c, OPS[gw])(**args)
        check_success(gw, res2, args, sandbox)
        after = sandbox.stats()["requests"].get(sandbox_module().PATHS[gw], 0)
        assert after - before == 2


@pytest.mark.parametrize("gw", GATEWAYS)
def test_build_send_parse(sandbox, gw):
    """build_<op>() -> http.client -> parse_<op>(): the three-step form."""
    with client_for(sandbox, gw) as c:
        args = op_args(gw)
        req = getattr(c, "build_" + OPS[gw])(**args)
        assert req.url.startswith(sandbox[gw]["base_url"])
        status, headers, body = send_request(req, sandbox["ca_file"])
        assert status == 200
        res = getattr(c, "parse_" + OPS[gw])(status, headers, body, request=req)
        if gw == "yabandpay":
            assert res.request_id == req.request_id
        check_success(gw, res, args, sandbox)


def test_call_variants(sandbox):
    with client_for(sandbox, "pagsmile") as c:
        for card, cvv in (("5555555555554444", "1234"), ("378282246310005", "1234"),
                          ("4235647728025682", "999")):
            args = op_args("pagsmile", card=card, cvv=cvv)
            check_success("pagsmile", c.get_card_token(**args), args, sandbox)
    with client_for(sandbox, "payermax") as c:
        for extra in ({"card_org": "VISA"}, {"card_org": "MASTERCARD"},
                      {"token_scope": "tokenAcq", "payment_method_type": "CARD"}):
            args = dict(op_args("payermax"), **extra)
            check_success("payermax", c.inquire_payment_token(**args), args, sandbox)
    with client_for(sandbox, "yabandpay") as c:
        for extra in ({"request_id": "abcdefghijklmnopqrstuvwx12345678"},
                      {"operation": "11", "amount": "12.5", "order_timeout": 60,
                       "redirect_url": "https://merchant.example.com/back", "form_type": "02",
                       "demo": "", "token_type": "MIT"}):
            args = dict(op_args("yabandpay"), **extra)
            check_success("yabandpay", c.create_card_token(**args), args, sandbox)
    with client_for(sandbox, "worldfirst") as c:
        args = op_args("worldfirst", tag="ASSET-" + "9" * 40)
        check_success("worldfirst", c.query_card_sensitive_info(**args), args, sandbox)


def test_validation_error_sends_nothing(sandbox):
    path = sandbox_module().PATHS["pagsmile"]
    before = sandbox.stats()["requests"].get(path, 0)
    with client_for(sandbox, "pagsmile") as c:
        with pytest.raises(cardtoken.ValidationError) as info:
            c.get_card_token(**op_args("pagsmile", card="4111111111111112"))
        assert info.value.field == "card_number"
    assert sandbox.stats()["requests"].get(path, 0) == before


# ------------------------------------------------------------------ declines


def decline_cases():
    sbm = sandbox_module()
    cases = []
    for code, msg in sbm.PAGSMILE_MESSAGES.items():
        if code != "200":
            cases.append(("pagsmile", code, msg, "F"))
    for code, msg in sbm.PAYERMAX_MESSAGES.items():
        cases.append(("payermax", code, msg, "F"))
    for code, msg in sbm.YABANDPAY_MESSAGES.items():
        cases.append(("yabandpay", code, msg, "F"))
    for code, (status, msg) in sbm.WORLDFIRST_RESULTS.items():
        if status != "S":
            cases.append(("worldfirst", code, msg, status))
    return cases


DECLINES = decline_cases()


def test_every_documented_decline_code_is_covered():
    per_gw = {gw: {c for g, c, _, _ in DECLINES if g == gw} for gw in GATEWAYS}
    assert {"402", "403", "502", "508", "759"} <= per_gw["pagsmile"]
    assert {"SIGN_VERIFY_FAILED", "REQ_TIME_OVER_TIME", "MERCHANT_INVALID",
            "PARAMS_INVALID"} <= per_gw["payermax"]
    assert {"-1000", "-403", "-2001", "-3001", "-4118", "-4120"} <= per_gw["yabandpay"]
    assert {"PARAM_ILLEGAL", "USER_NOT_EXIST", "RISK_REJECT", "UNKNOWN_EXCEPTION",
            "REQUEST_TRAFFIC_EXCEED_LIMIT"} <= per_gw["worldfirst"]


@pytest.mark.parametrize("gw,code,message,status", DECLINES,
                         ids=["%s-%s" % (g, c) for g, c, _, _ in DECLINES])
def test_decline(sandbox, gw, code, message, status):
    with client_for(sandbox, gw) as c:
        with pytest.raises(cardtoken.GatewayError) as info:
            getattr(c, OPS[gw])(**op_args(gw, tag="DECLINE-" + code))
    e = info.value
    if status == "U":
        check_error(e, {"code": "CT_ERR_RESULT_UNKNOWN", "gateway_code": code,
                        "gateway_message": message, "http_status": 200, "retry_after": 300},
                    gateway=gw)
        assert e.outcome_unknown is True
    else:
        check_error(e, {"code": "CT_ERR_GATEWAY", "gateway_code": code,
                        "gateway_message": message, "http_status": 200}, gateway=gw)
        assert not isinstance(e, cardtoken.ResultUnknownError)
        assert e.retry_after is None and e.field is None
    assert code in str(e) or message in str(e) or gw in str(e).lower()


@pytest.mark.parametrize("attempt,delay", [(0, 300), (1, 600), (2, 1200), (3, 2400), (4, 4800),
                                           (5, 9600), (6, 19200), (7, None), (12, None)])
def test_worldfirst_unknown_retry_schedule(sandbox, attempt, delay):
    with client_for(sandbox, "worldfirst") as c:
        with pytest.raises(cardtoken.ResultUnknownError) as info:
            c.query_card_sensitive_info(asset_id="DECLINE-REQUEST_TRAFFIC_EXCEED_LIMIT",
                                        retry_attempt=attempt)
    check_error(info.value, {"code": "CT_ERR_RESULT_UNKNOWN", "retry_after": delay
                             if delay is not None else -1}, gateway="worldfirst")


def test_worldfirst_unknown_then_success(sandbox):
    """--fault unknown alternates U, S for one asset: retrying after U succeeds."""
    from sandbox_util import running_sandbox

    with running_sandbox("--fault", "unknown") as sb:
        with client_for(sb, "worldfirst") as c:
            with pytest.raises(cardtoken.ResultUnknownError):
                c.query_card_sensitive_info(asset_id="asset-u-1")
            res = c.query_card_sensitive_info(asset_id="asset-u-1", retry_attempt=1)
            check_success("worldfirst", res, {"asset_id": "asset-u-1"}, sb)


# ------------------------------------------------------------------ wrong credentials


WRONG_CREDENTIALS = {
    "pagsmile": ({"app_key": "not-the-key"}, "402"),
    "yabandpay": ({"secret_key": "not-the-secret"}, "-403"),
    "payermax": (None, "SIGN_VERIFY_FAILED"),
    "worldfirst": (None, "INVALID_SIGNATURE"),
}


@pytest.mark.parametrize("gw", GATEWAYS)
def test_wrong_merchant_key_is_refused_by_the_gateway(sandbox, gw):
    extra, code = WRONG_CREDENTIALS[gw]
    if extra is None:  # sign with a key the sandbox does not know
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
        extra = {"private_key": pem}
    with client_for(sandbox, gw, **extra) as c:
        with pytest.raises(cardtoken.GatewayError) as info:
            getattr(c, OPS[gw])(**op_args(gw))
    assert info.value.name == "CT_ERR_GATEWAY"
    assert info.value.gateway_code == code


@pytest.mark.parametrize("gw", ["payermax", "worldfirst"])
def test_wrong_gateway_public_key_fails_the_response_signature(sandbox, gw):
    # the merchant's own public key is not the gateway's
    from cryptography.hazmat.primitives import serialization

    priv = serialization.load_pem_private_key(sandbox[gw]["private_key"].encode(), None)
    pub = priv.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    with client_for(sandbox, gw, gateway_public_key=pub) as c:
        with pytest.raises(cardtoken.SignatureError) as info:
            getattr(c, OPS[gw])(**op_args(gw))
    check_error(info.value, {"code": "CT_ERR_SIGNATURE"}, gateway=gw)


# ------------------------------------------------------------------ faults


SIGNED = {"payermax", "worldfirst"}

FAULTS = [
    ("http500", {"code": "CT_ERR_SERVER", "http_status": 500}, True),
    ("http429", {"code": "CT_ERR_RATE_LIMITED", "http_status": 429, "retry_after": 7}, True),
    ("notjson", {"code": "CT_ERR_PROTOCOL"}, True),
    ("reset", {"code": "CT_ERR_NETWORK"}, True),
    ("truncate", {"code": "CT_ERR_NETWORK"}, True),
    ("redirect", {"code": "CT_ERR_REDIRECT", "http_status": 307}, True),
    ("huge", {"code": "CT_ERR_TOO_LARGE"}, True),
    ("nosign", {"code": "CT_ERR_SIGNATURE"}, False),
    ("badsign", {"code": "CT_ERR_SIGNATURE"}, False),
]


@pytest.mark.parametrize("kind,expected,every_gateway", FAULTS, ids=[f[0] for f in FAULTS])
@pytest.mark.parametrize("gw", GATEWAYS)
def test_fault(sandbox, gw, kind, expected, every_gateway):
    with client_for(sandbox, gw) as c:
        args = op_args(gw, tag="FAULT-" + kind)
        if not every_gateway and gw not in SIGNED:
            # responses of this gateway are unsigned: the fault changes nothing
            res = getattr(c, OPS[gw])(**args)
            assert type(res) is RESULT_TYPES[gw]
            return
        with pytest.raises(cardtoken.Error) as info:
            getattr(c, OPS[gw])(**args)
    e = info.value
    check_error(e, expected, gateway=gw)
    if kind == "redirect":
        assert sandbox.stats()["redirect_target"]["connections"] == 0
    if e.name in ("CT_ERR_SERVER", "CT_ERR_NETWORK", "CT_ERR_TOO_LARGE", "CT_ERR_REDIRECT"):
        assert e.outcome_unknown is True
    # the client still works after the fault
    with client_for(sandbox, gw) as c:
        getattr(c, OPS[gw])(**op_args(gw))


def test_timeout(sandbox):
    with client_for(sandbox, "pagsmile", timeout=0.5) as c:
        with pytest.raises(cardtoken.TransportError) as info:
            c.get_card_token(**op_args("pagsmile", tag="FAULT-delay"))
    check_error(info.value, {"code": "CT_ERR_TIMEOUT"}, gateway="pagsmile")
    assert info.value.outcome_unknown is True


def test_connect_refused_and_untrusted_tls(sandbox):
    from sandbox_util import free_port

    port = free_port()
    with client_for(sandbox, "yabandpay", base_url="http://127.0.0.1:%d" % port,
                    max_retries=1) as c:
        with pytest.raises(cardtoken.TransportError) as info:
            c.create_card_token(**op_args("yabandpay"))
    check_error(info.value, {"code": "CT_ERR_CONNECT"}, gateway="yabandpay")
    assert info.value.retryable is True and info.value.outcome_unknown is False
    cfg = dict(sandbox["payermax"])
    cfg.pop("ca_file", None)  # the system store does not trust the sandbox's CA
    with cardtoken.PayerMax(**cfg) as c:
        with pytest.raises(cardtoken.TransportError) as info:
            c.inquire_payment_token(**op_args("payermax"))
    check_error(info.value, {"code": "CT_ERR_TLS"}, gateway="payermax")


def test_magic_argument_table_matches_sandbox():
    # the argument the sandbox reads for FAULT-/DECLINE- values, per its docs
    doc = sandbox_module().__doc__
    for gw, arg in MAGIC_ARG.items():
        assert arg in doc
