"""YabandPay's token lifecycle (issue 14) through the cardtoken extension against
the local sandbox, which verifies every signature with its own code and keeps
state: create_card_token -> the signed notification carrying the token ->
pay_with_token -> query_order -> refund (partial) -> query_refund. Also the
rejected-token answer (final, never retried), validation before anything is
sent, and the token kept out of every printing path."""

import json
import urllib.parse

import pytest

import cardtoken
import sandbox_util
from conftest import check_error, client_for, op_args


@pytest.fixture(scope="module")
def sandbox_module():
    """The sandbox's own code: its notification builder."""
    return sandbox_util.load_sandbox_module()

GW = "yabandpay"


def pay_args(token, **kw):
    a = dict(order_id="RENEW-0001", amount="9.99", currency="EUR", payment_token_object=token,
             description="renewal", notify_url="https://merchant.example.com/notify/yabandpay", token_type="MIT")
    a.update(kw)
    return a


def token_from_notification(client, mod, sandbox, form=False):
    """The receiver's side: verify the notification, take the token out of it."""
    note = mod.build_notification(GW, config=sandbox, form=form)
    data = client.verify_notification(note["body"])
    assert data["type"] == "payment"
    token = data["payment_token_object"]
    assert isinstance(token, str) and token
    return token


def test_whole_flow_is_stateful(sandbox, sandbox_module):
    with client_for(sandbox, GW) as c:
        created = c.create_card_token(**op_args(GW))
        assert created.state == "processing" and created.url
        # the create call's trade is known to query_order
        q0 = c.query_order(trade_id=created.trade_id)
        assert (q0.status, q0.gateway_status, q0.order_id) == ("pending", "processing", created.order_id)

        token = token_from_notification(c, sandbox_module, sandbox)
        p = c.pay_with_token(**pay_args(token, amount="10.00"))
        assert isinstance(p, cardtoken.Payment)
        assert (p.status, p.gateway_status, p.order_id, p.amount, p.currency) == (
            "succeeded", "paid", "RENEW-0001", "10.00", "EUR")
        assert p.redirect_url is None and p.trade_id

        q = c.query_order(trade_id=p.trade_id)
        assert (q.status, q.trade_id, q.order_id, q.amount) == ("succeeded", p.trade_id, "RENEW-0001", "10.00")

        r = c.refund(trade_id=p.trade_id, m_refund_id="R-1", refund_amount="4.00", refund_currency="EUR",
                     refund_description="partial")
        assert isinstance(r, cardtoken.Refund)
        assert (r.status, r.gateway_status, r.merchant_refund_id, r.trade_id, r.amount) == (
            "pending", "to-be-approval", "R-1", p.trade_id, "4.00")
        r1 = c.query_refund(refund_id=r.refund_id)
        assert (r1.status, r1.gateway_status, r1.refund_id) == ("pending", "refund processing", r.refund_id)
        r2 = c.query_refund(refund_id=r.refund_id)
        assert (r2.status, r2.gateway_status) == ("succeeded", "refunded")
        # partial: still paid; more than what is left is refused
        assert c.query_order(trade_id=p.trade_id).status == "succeeded"
        with pytest.raises(cardtoken.GatewayError) as info:
            c.refund(trade_id=p.trade_id, refund_amount="6.01", refund_currency="EUR", refund_description="x")
        assert info.value.gateway_code == "-3001"
        c.refund(trade_id=p.trade_id, refund_amount="6.00", refund_currency="EUR", refund_description="rest")
        assert c.query_order(trade_id=p.trade_id).status == "refunded"


def test_token_from_the_form_notification_pays_too(sandbox, sandbox_module):
    with client_for(sandbox, GW) as c:
        token = token_from_notification(c, sandbox_module, sandbox, form=True)
        assert c.pay_with_token(**pay_args(token, order_id="RENEW-FORM")).status == "succeeded"


def test_cit_requires_action(sandbox, sandbox_module):
    with client_for(sandbox, GW) as c:
        token = token_from_notification(c, sandbox_module, sandbox)
        p = c.pay_with_token(**pay_args(token, order_id="RENEW-CIT", token_type="CIT"))
        assert (p.status, p.gateway_status) == ("requires_action", "processing")
        assert p.redirect_url.startswith(sandbox["base_url"] + "/_sandbox/pay/")
        assert c.query_order(trade_id=p.trade_id).status == "pending"


def test_build_send_parse(sandbox, sandbox_module):
    from conftest import send_request

    with client_for(sandbox, GW) as c:
        token = token_from_notification(c, sandbox_module, sandbox)
        req = c.build_pay_with_token(**pay_args(token, order_id="RENEW-BSP", operation="12"))
        assert json.loads(req.body)["data"]["sub_pay_method"] == "Token"
        p = c.parse_pay_with_token(*send_request(req, sandbox["ca_file"]), request=req)
        assert (p.status, p.gateway_status) == ("authorized", "authorized")
        req = c.build_query_order(trade_id=p.trade_id)
        assert c.parse_query_order(*send_request(req, sandbox["ca_file"]), request=req).trade_id == p.trade_id


@pytest.mark.parametrize("how", ["switch", "forged"])
def test_rejected_token_is_final(sandbox, sandbox_module, how):
    with client_for(sandbox, GW) as c:
        token = token_from_notification(c, sandbox_module, sandbox)
        if how == "forged":
            token = token.replace('-', '-0', 1)
        args = pay_args(token, order_id="REJECT-TOKEN-1" if how == "switch" else "RENEW-FORGED")
        before = sandbox_util.requests_seen(sandbox, GW)
        with pytest.raises(cardtoken.GatewayError) as info:
            c.pay_with_token(**args)
        e = info.value
        assert e.gateway_code == "-4301"
        assert "new card payment" in str(e) and "create_card_token" in str(e)
        assert not isinstance(e, cardtoken.ResultUnknownError)
        assert sandbox_util.requests_seen(sandbox, GW) == before + 1  # never retried
        for text in (str(e), repr(e), str(e.gateway_message)):
            assert token not in text


def test_common_error_gets_no_token_advice(sandbox, sandbox_module):
    with client_for(sandbox, GW) as c:
        token = token_from_notification(c, sandbox_module, sandbox)
        with pytest.raises(cardtoken.GatewayError) as info:
            c.pay_with_token(**pay_args(token, order_id="DECLINE--4120"))
        assert info.value.gateway_code == "-4120" and "new card payment" not in str(info.value)


@pytest.mark.parametrize("kw, field", [
    (dict(card_number="4111111111111111"), "card_number"),
    (dict(amount="0"), "amount"),
    (dict(token_type=None), "token_type"),
    (dict(operation="10"), "operation"),
    (dict(three_ds_initiate="02", amount="30.01"), "three_ds_initiate"),
    (dict(sca_exemption="LowValue", currency="JPY"), "sca_exemption"),
])
def test_validation_before_sending(sandbox, kw, field):
    token = "YBTOKEN-SECRET-VALUE-0001"
    args = pay_args(token, **kw)
    args = {k: v for k, v in args.items() if v is not None}
    with client_for(sandbox, GW) as c:
        before = sandbox_util.requests_seen(sandbox, GW)
        with pytest.raises(cardtoken.ValidationError) as info:
            c.pay_with_token(**args)
        assert info.value.field == field
        assert token not in str(info.value) and token not in repr(info.value)
        assert sandbox_util.requests_seen(sandbox, GW) == before


def test_refund_and_queries_validate(sandbox):
    with client_for(sandbox, GW) as c:
        for call, kw, field in (
                (c.refund, dict(trade_id="T", refund_amount="0", refund_currency="EUR", refund_description="d"),
                 "refund_amount"),
                (c.refund, dict(trade_id="T", refund_amount="1.5", refund_currency="eur", refund_description="d"),
                 "refund_currency"),
                (c.query_order, dict(order_id="O"), "order_id"),
                (c.query_refund, dict(), "refund_id")):
            with pytest.raises(cardtoken.ValidationError) as info:
                call(**kw)
            assert info.value.field == field


def test_token_masked_in_request_result_and_gateway_text():
    token = "TOKEN_FROM_NOTIFY_SECRET_77"
    c = cardtoken.YabandPay(user="016683", secret_key="k", environment="production")
    req = c.build_pay_with_token(**pay_args(token))
    assert token.encode() in req.body  # it is sent ...
    assert token not in repr(req) and token not in str(req)  # ... never printed
    body = json.dumps({"status": True, "code": "200", "data": {
        "order_id": "RENEW-0001", "trade_id": "t-1", "state": "paid", "payment_token_object": token}})
    p = c.parse_pay_with_token(200, [("Content-Type", "application/json")], body.encode(), request=req)
    assert p.payment_token_id == token  # readable ...
    assert token not in repr(p) and token not in str(p)  # ... masked when printed
    echo = json.dumps({"status": False, "code": "-4301", "message": "bad token %s" % token})
    with pytest.raises(cardtoken.GatewayError) as info:
        c.parse_pay_with_token(200, [], echo.encode(), request=req)
    assert token not in str(info.value) and token not in (info.value.gateway_message or "")


def test_notification_token_reaches_the_receiver_unchanged(sandbox, sandbox_module):
    note = sandbox_module.build_notification(GW, config=sandbox)
    sent = json.loads(note["body"])["data"]["payment_token_object"]
    with client_for(sandbox, GW) as c:
        got = c.verify_notification(note["body"])
        assert got["payment_token_object"] == sent  # readable as received ...
        assert isinstance(got, dict) and type(got) is cardtoken.Notification
        for text in (repr(got), str(got), "%s" % (got,), repr([got])):
            assert sent not in text  # ... printed masked
        assert sent[-4:] in repr(got)
        form = "resultData=" + urllib.parse.quote(note["body"].decode())
        assert c.verify_notification(form.encode())["payment_token_object"] == sent


@pytest.mark.parametrize("kind, cls", [("notjson", cardtoken.ProtocolError), ("reset", cardtoken.TransportError),
                                       ("http500", cardtoken.TransportError)])
def test_fault_markers_reach_every_new_call(sandbox, sandbox_module, kind, cls):
    marker = "FAULT-" + kind
    with client_for(sandbox, GW) as c:
        token = token_from_notification(c, sandbox_module, sandbox)
        calls = (
            lambda: c.pay_with_token(**pay_args(token, order_id=marker)),
            lambda: c.query_order(trade_id=marker),
            lambda: c.refund(trade_id=marker, refund_amount="1", refund_currency="EUR", refund_description="d"),
            lambda: c.query_refund(refund_id=marker),
        )
        for call in calls:
            with pytest.raises(cls) as info:
                call()
            if kind == "http500":
                check_error(info.value, {"code": "CT_ERR_SERVER", "http_status": 500}, gateway=GW)
            if kind == "reset":
                assert info.value.outcome_unknown  # it may have reached the gateway: never resent blindly
