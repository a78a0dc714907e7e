"""PayerMax's token lifecycle (issue 13) through the cardtoken extension against
the local sandbox, which verifies every signature and body with its own code
and keeps state: apply_payment_token -> inquire_payment_token lists the token
-> pay_with_token -> query_order -> refund -> query_refund ->
remove_payment_token (Deleted). Also the unknown outcomes (never resent, the
query that resolves each), PENDING with a redirect, fault markers on the new
calls, validation before anything is sent, the card data and token kept out of
every printing path, and the PAYMENT/TOKENIZATION/REFUND notifications of the
sandbox's notify command."""

import json
import subprocess
import sys

import pytest

import cardtoken
import sandbox_util
from conftest import CANARY_CARD, CANARY_CVV, client_for, find_canary, send_request

GW = "payermax"
FRONT = "https://merchant.example.com/back"


@pytest.fixture(scope="module")
def sandbox_module():
    return sandbox_util.load_sandbox_module()


def card(pan=CANARY_CARD, cvv=CANARY_CVV, year="2031"):
    return {"card_identifier_no": pan, "card_holder_full_name": "ZHANG SAN", "card_expiration_month": "11",
            "card_expiration_year": year, "cvv": cvv}


def bind(c, user, request_id, **kw):
    a = dict(request_id=request_id, country="SA", payment_method_type="CARD", user_id=user, front_callback_url=FRONT,
             card_info=card())
    a.update(kw)
    return c.apply_payment_token(**a)


def pay_args(user, token, order, **kw):
    a = dict(out_trade_no=order, subject="renewal", total_amount="10.50", currency="SAR", country="SA",
             user_id=user, terminal_type="WEB", front_callback_url=FRONT,
             payment_detail={"payment_method_type": "CARD", "payment_token_id": token,
                             "buyer_info": {"client_ip": "127.0.0.1", "user_agent": "pytest"}})
    a.update(kw)
    return a


def seen(sandbox):
    """Requests the sandbox received on every PayerMax path."""
    reqs = sandbox_util.get_stats(sandbox)["requests"]
    return sum(n for p, n in reqs.items() if p.startswith("/aggregate-pay/api/gateway/"))


def test_whole_flow_is_stateful(sandbox):
    with client_for(sandbox, GW) as c:
        app = bind(c, "flow-user", "REQ_FLOW_1")
        assert isinstance(app, cardtoken.TokenApplication)
        assert (app.status, app.gateway_status, app.request_id, app.redirect_url) == (
            "succeeded", "SUCCESS", "REQ_FLOW_1", None)
        token = app.payment_token_id
        assert token.startswith("PMTOKEN") and token not in repr(app)
        # raw: the whole answer, the token masked to its last four
        assert app.raw["code"] == "APPLY_SUCCESS" and app.raw["data"]["requestId"] == "REQ_FLOW_1"
        assert app.raw["data"]["paymentTokenID"] == "*" * (len(token) - 4) + token[-4:]
        # the same request id is the same binding (the idempotency key)
        assert bind(c, "flow-user", "REQ_FLOW_1").payment_token_id == token
        again = c.inquire_apply_request(user_id="flow-user", request_id="REQ_FLOW_1")
        assert (again.status, again.payment_token_id) == ("succeeded", token)
        listed = {t.payment_token_id: t for t in c.inquire_payment_token(user_id="flow-user")}
        assert listed[token].payment_token_status == "Activated"
        assert listed[token].card_info == CANARY_CARD[:6] + "**" + CANARY_CARD[-4:]

        p = c.pay_with_token(**pay_args("flow-user", token, "FLOW_ORDER_1"))
        assert isinstance(p, cardtoken.Payment)
        assert (p.status, p.gateway_status, p.order_id, p.redirect_url) == (
            "succeeded", "SUCCESS", "FLOW_ORDER_1", None)
        q = c.query_order(out_trade_no="FLOW_ORDER_1")
        assert (q.status, q.trade_id, q.amount, q.currency, q.payment_token_id) == (
            "succeeded", p.trade_id, "10.50", "SAR", token)
        assert q.raw["data"]["totalAmount"] == 10.5 and q.raw["data"]["country"] == "SA"
        assert token not in str(q.raw) and token not in repr(q)
        # outTradeNo is case-insensitive: the same order
        with pytest.raises(cardtoken.GatewayError) as info:
            c.pay_with_token(**pay_args("flow-user", token, "flow_order_1"))
        assert info.value.gateway_code == "ORDER_REPEAT"

        r = c.refund(out_refund_no="FLOW_REFUND_1", refund_amount="4.00", refund_currency="SAR",
                     out_trade_no="FLOW_ORDER_1")
        assert isinstance(r, cardtoken.Refund)
        assert (r.status, r.gateway_status, r.merchant_refund_id, r.trade_id) == (
            "pending", "REFUND_PENDING", "FLOW_REFUND_1", p.trade_id)
        r1 = c.query_refund(out_refund_no="FLOW_REFUND_1")
        assert (r1.status, r1.refund_id, r1.amount, r1.currency) == ("pending", r.refund_id, "4.00", "SAR")
        r2 = c.query_refund(out_refund_no="FLOW_REFUND_1", refund_trade_no=r.refund_id)
        assert (r2.status, r2.gateway_status) == ("succeeded", "REFUND_SUCCESS")
        with pytest.raises(cardtoken.GatewayError) as info:  # more than what is left
            c.refund(out_refund_no="FLOW_REFUND_2", refund_amount="6.51", refund_currency="SAR",
                     trade_token=p.trade_id)
        assert info.value.gateway_code == "AMOUNT_INVALID"

        gone = c.remove_payment_token(user_id="flow-user", payment_token_id=token, remove_reason="closed")
        assert isinstance(gone, cardtoken.PaymentToken)
        assert (gone.payment_token_id, gone.user_id, gone.payment_token_status) == (token, "flow-user", "Deleted")
        listed = {t.payment_token_id: t for t in c.inquire_payment_token(user_id="flow-user")}
        assert listed[token].payment_token_status == "Deleted"
        with pytest.raises(cardtoken.GatewayError) as info:  # a removed token pays no more
            c.pay_with_token(**pay_args("flow-user", token, "FLOW_ORDER_2"))
        assert info.value.gateway_code == "PAYMENT_REJECTED"


def test_pending_with_redirect_then_query(sandbox):
    with client_for(sandbox, GW) as c:
        app = bind(c, "ACTION-3ds-user", "REQ_ACTION_1")
        assert (app.status, app.gateway_status, app.payment_token_id) == ("requires_action", "PENDING", None)
        assert app.redirect_url.startswith("https://")
        done = c.inquire_apply_request(user_id="ACTION-3ds-user", request_id="REQ_ACTION_1")
        assert done.status == "pending" or done.status == "requires_action"
        done = c.inquire_apply_request(user_id="ACTION-3ds-user", request_id="REQ_ACTION_1")
        assert (done.status, done.redirect_url) == ("succeeded", None) and done.payment_token_id
        p = c.pay_with_token(**pay_args("ACTION-3ds-user", done.payment_token_id, "ACTION_ORDER_1",
                                        reference="ACTION-3ds"))
        assert (p.status, p.gateway_status) == ("requires_action", "PENDING") and p.redirect_url
        assert c.query_order(out_trade_no="ACTION_ORDER_1").status == "pending"
        assert c.query_order(out_trade_no="ACTION_ORDER_1").status == "succeeded"


@pytest.mark.parametrize("call", ["pay", "apply", "refund"])
def test_unknown_outcome_is_never_resent_and_the_query_resolves_it(sandbox, call):
    with client_for(sandbox, GW) as c:
        token = bind(c, "unknown-user", "REQ_UNKNOWN_BASE_" + call).payment_token_id
        if call == "refund":
            c.pay_with_token(**pay_args("unknown-user", token, "UNKNOWN_REFUNDED_ORDER"))
        before = seen(sandbox)
        with pytest.raises(cardtoken.ResultUnknownError) as info:
            if call == "pay":
                c.pay_with_token(**pay_args("unknown-user", token, "UNKNOWN_ORDER_1", reference="UNKNOWN-lost"))
            elif call == "apply":
                bind(c, "UNKNOWN-user", "REQ_UNKNOWN_1")
            else:
                c.refund(out_refund_no="UNKNOWN-R1", refund_amount="1", refund_currency="SAR",
                         out_trade_no="UNKNOWN_REFUNDED_ORDER")
        e = info.value
        assert (e.gateway_code, e.outcome_unknown, e.retry_after) == ("SYSTEM_ERROR", True, None)
        assert seen(sandbox) == before + 1  # sent once, never again by the library
        # the query the README names shows what happened
        if call == "pay":
            assert c.query_order(out_trade_no="UNKNOWN_ORDER_1").status == "succeeded"
        elif call == "apply":
            assert c.inquire_apply_request(user_id="UNKNOWN-user", request_id="REQ_UNKNOWN_1").status == "succeeded"
        else:
            assert c.query_refund(out_refund_no="UNKNOWN-R1").merchant_refund_id == "UNKNOWN-R1"


@pytest.mark.parametrize("code", ["SYSTEM_ERROR", "REQUEST_TIMEOUT", "UNEXPECTED_ERROR"])
def test_decline_markers_unknown_codes(sandbox, code):
    with client_for(sandbox, GW) as c:
        before = seen(sandbox)
        with pytest.raises(cardtoken.ResultUnknownError) as info:
            c.remove_payment_token(user_id="DECLINE-" + code, payment_token_id="PMTOKEN1")
        assert info.value.gateway_code == code and seen(sandbox) == before + 1
        with pytest.raises(cardtoken.GatewayError) as info:
            c.remove_payment_token(user_id="DECLINE-TOO_MANY_REQUEST", payment_token_id="PMTOKEN1")
        assert not isinstance(info.value, cardtoken.ResultUnknownError)


CALLS = {
    "pay_with_token": lambda c, m: c.pay_with_token(**pay_args("u", "PMTOKEN1", "O1", reference=m)),
    "apply_payment_token": lambda c, m: bind(c, m, "REQ_FAULT"),
    "inquire_apply_request": lambda c, m: c.inquire_apply_request(user_id=m, request_id="R"),
    "remove_payment_token": lambda c, m: c.remove_payment_token(user_id=m, payment_token_id="PMTOKEN1"),
    "query_order": lambda c, m: c.query_order(out_trade_no=m.replace("-", "_", 1)),
    "refund": lambda c, m: c.refund(out_refund_no=m, refund_amount="1", refund_currency="SAR", out_trade_no="O1"),
    "query_refund": lambda c, m: c.query_refund(out_refund_no=m),
}


@pytest.mark.parametrize("op", sorted(CALLS))
@pytest.mark.parametrize("kind, cls", [("notjson", cardtoken.ProtocolError), ("badsign", cardtoken.SignatureError),
                                       ("http500", cardtoken.TransportError)])
def test_fault_markers_reach_every_new_call(sandbox, op, kind, cls):
    with client_for(sandbox, GW) as c:
        with pytest.raises(cls) as info:
            CALLS[op](c, "FAULT-" + kind)
        if kind == "http500":
            assert info.value.outcome_unknown


def test_unsigned_success_is_a_signature_error(sandbox):
    """FAULT-nosign: the sandbox binds the card but its success answer lacks
    the sign header."""
    with client_for(sandbox, GW) as c:
        with pytest.raises(cardtoken.SignatureError) as info:
            bind(c, "FAULT-nosign", "REQ_NOSIGN")
        assert info.value.field == "sign"


def test_build_send_parse(sandbox):
    with client_for(sandbox, GW) as c:
        token = bind(c, "bsp-user", "REQ_BSP").payment_token_id
        req = c.build_pay_with_token(**pay_args("bsp-user", token, "BSP_ORDER"))
        body = json.loads(req.body)
        assert (body["version"], body["data"]["integrate"]) == ("1.4", "Direct_Payment")
        assert body["data"]["paymentDetail"]["tokenForFutureUse"] is False
        p = c.parse_pay_with_token(*send_request(req, sandbox["ca_file"]), request=req)
        assert p.status == "succeeded"
        req = c.build_remove_payment_token(user_id="bsp-user", payment_token_id=token)
        assert json.loads(req.body)["version"] == "1.2"
        assert c.parse_remove_payment_token(*send_request(req, sandbox["ca_file"]),
                                            request=req).payment_token_status == "Deleted"


@pytest.mark.parametrize("call, field", [
    (lambda c: bind(c, "v", "R1", card_info=card(pan="4111111111111112")), "card_info.card_identifier_no"),
    (lambda c: bind(c, "v", "R1", card_info=card(cvv="12")), "card_info.cvv"),
    (lambda c: bind(c, "v", "R1", card_info=card(year="2020")), "card_info.card_expiration_year"),
    (lambda c: bind(c, "v", "R1", card_info=None), "card_info"),
    (lambda c: c.pay_with_token(**pay_args("v", "PMTOKEN1", "BAD-ORDER")), "out_trade_no"),
    (lambda c: c.pay_with_token(**pay_args("v", "PMTOKEN1", "O", total_amount="1,5")), "total_amount"),
    (lambda c: c.pay_with_token(**pay_args("v", "PMTOKEN1", "O", payment_detail={
        "payment_method_type": "CARD", "payment_token_id": "PMTOKEN1",
        "buyer_info": {"client_ip": "1.2.3.4", "user_agent": "x"},
        "card_info": {"card_identifier_no": CANARY_CARD}})), "payment_detail.card_info.card_identifier_no"),
    (lambda c: c.refund(out_refund_no="R", refund_amount="1", refund_currency="SAR"), "out_trade_no"),
    (lambda c: c.query_refund(out_refund_no="R", refund_amount="1"), "refund_amount"),
])
def test_validation_before_sending(sandbox, call, field):
    with client_for(sandbox, GW) as c:
        before = seen(sandbox)
        with pytest.raises(cardtoken.ValidationError) as info:
            call(c)
        assert info.value.field == field
        assert not find_canary(str(info.value)) and not find_canary(repr(info.value))
        assert seen(sandbox) == before


def test_card_data_and_token_never_printed(sandbox):
    c = cardtoken.PayerMax(**sandbox[GW])
    req = c.build_apply_payment_token(request_id="R1", country="SA", payment_method_type="CARD", user_id="u",
                                      front_callback_url=FRONT, card_info=card())
    assert CANARY_CARD.encode() in req.body and ('"cvv":"%s"' % CANARY_CVV).encode() in req.body  # sent ...
    for text in (repr(req), str(req)):
        assert not find_canary(text), text  # ... never printed (repr shows the redacted body)
    assert '"cvv":"***"' in repr(req).replace("\\", "")
    token = "PMTOKEN_SECRET_CREDENTIAL_0001"
    req = c.build_pay_with_token(**pay_args("u", token, "O1", payment_detail={
        "payment_method_type": "CARD", "payment_token_id": token,
        "buyer_info": {"client_ip": "1.2.3.4", "user_agent": "x"}, "card_info": {"cvv": CANARY_CVV}}))
    assert token.encode() in req.body
    red = repr(req)
    assert token not in red and not find_canary(red) and token not in str(req)
    # a gateway's refusal that echoes the card: masked
    apply_req = c.build_apply_payment_token(request_id="R1", country="SA", payment_method_type="CARD", user_id="u",
                                            front_callback_url=FRONT, card_info=card())
    echo = json.dumps({"code": "PARAMS_INVALID", "msg": "card %s cvv %s" % (CANARY_CARD, CANARY_CVV)})
    with pytest.raises(cardtoken.GatewayError) as info:
        c.parse_apply_payment_token(200, [], echo.encode(), request=apply_req)
    for text in (str(info.value), repr(info.value), info.value.gateway_message):
        assert not find_canary(text), text


@pytest.mark.parametrize("kind", ["PAYMENT", "TOKENIZATION", "REFUND"])
def test_notify_builds_each_kind(sandbox, sandbox_module, kind):
    note = sandbox_module.build_notification(GW, config=sandbox, kind=kind)
    headers = dict(note["headers"])
    with client_for(sandbox, GW) as c:
        body = c.verify_notification(note["body"], headers["sign"])
        assert body["notifyType"] == kind and body["appId"] == sandbox[GW]["app_id"]
        with pytest.raises(cardtoken.SignatureError):
            c.verify_notification(note["body"].replace(b'"keyVersion":"1"', b'"keyVersion":"2"'), headers["sign"])
        with pytest.raises(cardtoken.SignatureError):
            c.verify_notification(note["body"], None)
    if kind == "PAYMENT":
        assert b'"totalAmount":10.00' in note["body"]  # a number, as PayerMax sends it


def test_notify_command_kind(sandbox, tmp_path):
    """`python -m cardtoken.sandbox notify --gateway payermax --kind PAYMENT` posts a
    signed notification to a receiver that verifies it with cardtoken."""
    import http.server
    import threading

    got = {}

    class H(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with client_for(sandbox, GW) as c:
                got["note"] = c.verify_notification(body, self.headers.get("sign"))
                ack = c.notification_ack().encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(ack)))
            self.end_headers()
            self.wfile.write(ack)

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps(sandbox))
    try:
        out = subprocess.run(sandbox_util.sandbox_command() + [
            "notify", "--gateway", GW, "--kind", "PAYMENT", "--url", "http://127.0.0.1:%d/notify" % srv.server_port,
            "--config", str(cfg)], capture_output=True, text=True, timeout=60)
    finally:
        srv.shutdown()
    assert out.returncode == 0, out.stderr
    assert "accepted" in out.stdout and got["note"]["notifyType"] == "PAYMENT"
    assert got["note"]["data"]["status"] == "SUCCESS"


from test_canary import leaks  # noqa: E402,F401 (the fixture: renders, logs and captured output searched)


def test_canary_never_leaks_from_a_binding(leaks, sandbox):
    """apply_payment_token holds a PAN and CVV: no output channel shows them,
    whether building fails, the request is printed, or the call fails after
    the card was sent (declines, faults, bad signatures, a gateway echo)."""
    c = cardtoken.PayerMax(**sandbox[GW])
    base = dict(request_id="R_CANARY", country="SA", payment_method_type="CARD", user_id="canary-user",
                front_callback_url=FRONT)
    bad_luhn = CANARY_CARD[:-1] + str((int(CANARY_CARD[-1]) + 1) % 10)
    for over in (dict(card_identifier_no=bad_luhn), dict(cvv=CANARY_CVV + "5"), dict(card_expiration_year="2000"),
                 dict(card_identifier_no=CANARY_CARD + "0000"), dict(card_identifier_no=CANARY_CARD + " ")):
        leaks.raises(cardtoken.ValidationError, c.build_apply_payment_token, **dict(base, card_info=dict(card(),
                                                                                                       **over)))
    leaks.raises(cardtoken.ValidationError, c.build_apply_payment_token,
                 **dict(base, card_info=dict(card(), **{CANARY_CARD: "x"})))  # a key that is a card number
    req = c.build_apply_payment_token(**dict(base, card_info=card()))
    leaks.add(req, req.headers, req.url, req.method)
    for marker, exc in (("FAULT-reset", cardtoken.TransportError), ("FAULT-http500", cardtoken.TransportError),
                        ("FAULT-notjson", cardtoken.ProtocolError), ("FAULT-badsign", cardtoken.SignatureError),
                        ("FAULT-nosign", cardtoken.SignatureError),
                        ("DECLINE-PARAMS_INVALID", cardtoken.GatewayError),
                        ("DECLINE-SYSTEM_ERROR", cardtoken.ResultUnknownError)):
        leaks.raises(exc, c.apply_payment_token, **dict(base, user_id=marker, card_info=card()))
    echo = json.dumps({"code": "PARAMS_INVALID", "msg": "card %s %s cvv %s" % (
        CANARY_CARD, " ".join(CANARY_CARD[i:i + 4] for i in range(0, 16, 4)), CANARY_CVV)})
    leaks.raises(cardtoken.GatewayError, c.parse_apply_payment_token, 200, [], echo.encode(), request=req)
    leaks.add(c.apply_payment_token(**dict(base, card_info=card())))
    c.close()
    leaks.check()


def test_seed_inquiry_by_token_never_prints_the_token(sandbox):
    """inquire_payment_token's payment_token_id filter is a credential: sent,
    never printed (repr/str of the request, the doctor's explanation)."""
    token = "PMTOKEN_SECRET_CREDENTIAL_0002"
    c = cardtoken.PayerMax(**sandbox[GW])
    req = c.build_inquire_payment_token(user_id="u1", payment_token_id=token)
    assert ('"paymentTokenID":"%s"' % token).encode() in req.body
    for text in (repr(req), str(req)):
        assert token not in text, text
    assert token not in json.dumps(cardtoken.explain_signature(
        "payermax", sandbox[GW], "inquire_payment_token", {"user_id": "u1", "payment_token_id": token}))
