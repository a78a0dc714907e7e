"""Pagsmile's token lifecycle (issue 15) through the extension against the
sandbox: token -> pay -> query -> refund, played statefully; the sandbox
verifies every signature with its own code (both escape_slashes settings);
validation names nested fields without echoing values; an unknown outcome
after pay_with_token is resolved with query_order, never a second payment."""

import pytest

cardtoken = pytest.importorskip("cardtoken")

from sandbox_util import running_sandbox  # noqa: E402

CARD = "4235647728025682"


@pytest.fixture(scope="module")
def sb():
    with running_sandbox() as cfg:
        yield cfg


def client(sb, **more):
    return cardtoken.Pagsmile(**dict(sb["pagsmile"], **more))


def token_of(c, holder="APRO"):
    return c.get_card_token(card_number=CARD, security_code="123", expiration_month="12",
                            expiration_year="2030", cardholder_name=holder)


def pay_args(tok, order, username="APRO", amount="10.00"):
    return dict(
        payment={"out_order_no": order, "order_amount": amount, "currency": "BRL", "subject": "s/ubject",
                 "content": "Caf\u00e9", "token": tok.token, "installments": 1,
                 "payment_method_id": tok.payment_method_id, "notify_url": "https://shop.example/notify"},
        customer={"out_uid": "u1", "email": "buyer@example.com", "username": username, "zip_code": "38082365",
                  "identification": {"type": "CPF", "number": "50284414727"}})


@pytest.mark.parametrize("escape", [False, True])
def test_token_pay_query_refund(sb, escape):
    order = "ORD-LIFE-%d" % escape
    with client(sb, escape_slashes=escape) as c:
        tok = token_of(c)
        p = c.pay_with_token(**pay_args(tok, order))
        assert type(p) is cardtoken.Payment
        assert (p.status, p.gateway_status, p.order_id, p.amount, p.currency) == \
            ("succeeded", "TRADE_SUCCESS", order, "10.00", "BRL")
        # the token pays once
        with pytest.raises(cardtoken.GatewayError) as e:
            c.pay_with_token(**pay_args(tok, order + "-again"))
        assert e.value.gateway_code == "401"
        q = c.query_order(out_trade_no=order)
        assert (q.status, q.trade_id, q.amount) == ("succeeded", p.trade_id, "10.00")
        assert c.query_order(trade_no=p.trade_id).gateway_status == "TRADE_SUCCESS"
        r = c.refund(trade_no=p.trade_id)
        assert type(r) is cardtoken.Refund and r.status == "succeeded"
        assert c.query_order(out_trade_no=order).status == "refunded"
        with pytest.raises(cardtoken.GatewayError):  # refunded already
            c.refund(trade_no=p.trade_id)


def test_partial_refunds(sb):
    with client(sb) as c:
        p = c.pay_with_token(**pay_args(token_of(c), "ORD-PARTIAL", amount="10.00"))
        args = dict(trade_no=p.trade_id, email="buyer@example.com")
        r1 = c.apply_refund(out_request_no="R1", refund_amount="4.50", **args)
        assert (r1.status, r1.gateway_status) == ("pending", "REFUND_IN_PROCESS")
        # the same out_request_no is the same refund
        assert c.apply_refund(out_request_no="R1", refund_amount="4.50", **args).gateway_status == \
            "REFUND_IN_PROCESS"
        r2 = c.apply_refund(out_request_no="R2", refund_amount="5.50", **args)
        assert (r2.status, r2.gateway_status) == ("succeeded", "TRADE_REFUND")
        assert c.query_order(trade_no=p.trade_id).status == "refunded"


def test_risk_control_pending_then_paid(sb):
    with client(sb) as c:
        p = c.pay_with_token(**pay_args(token_of(c), "ORD-RISK", username="RISK"))
        assert (p.status, p.gateway_status) == ("pending", "TRADE_RISK_CONTROL")
        assert c.query_order(out_trade_no="ORD-RISK").status == "pending"
        assert c.query_order(out_trade_no="ORD-RISK").status == "succeeded"


def test_unknown_outcome_then_query(sb):
    with client(sb, max_retries=0) as c:
        tok = token_of(c)
        with pytest.raises(cardtoken.Error) as e:
            c.pay_with_token(**pay_args(tok, "ORD-UNKNOWN", username="FAULT-http500"))
        assert not isinstance(e.value, (cardtoken.GatewayError, cardtoken.ValidationError))
        assert getattr(e.value, "outcome_unknown", True) is True
        assert tok.token not in str(e.value) and tok.token not in repr(e.value)
        # the payment did reach the gateway: query it, never pay again
        assert c.query_order(out_trade_no="ORD-UNKNOWN").status == "succeeded"


def test_validation_names_nested_fields_without_values(sb):
    with client(sb) as c:
        good = pay_args(token_of(c), "ORD-VALID")
        bad = dict(good, customer=dict(good["customer"], identification={"type": "CPF", "number": 5}))
        with pytest.raises(cardtoken.ValidationError) as e:
            c.build_pay_with_token(**bad)
        assert e.value.field == "customer.identification.number"
        bad = dict(good, payment=dict(good["payment"], order_amount=10.5))
        with pytest.raises(cardtoken.ValidationError) as e:
            c.build_pay_with_token(**bad)
        assert e.value.field == "payment.order_amount"
        with pytest.raises(cardtoken.ValidationError) as e:
            c.build_pay_with_token(**dict(good, payment=dict(good["payment"], cpf_no="50284414727")))
        assert e.value.field == "payment.cpf_no"
        for err in (e.value,):
            text = str(err) + repr(err)
            assert "50284414727" not in text and good["payment"]["token"] not in text
        req = c.build_pay_with_token(**good)
        assert good["payment"]["token"] not in repr(req)


def _https_receiver(tmp_path, client):
    """A merchant's https notification receiver on 127.0.0.1 (its certificate
    from a CA of its own, written to tmp_path/ca.pem): verifies each post
    with `client` and answers success only then. Returns (server, url, got)."""
    import http.server
    import ssl
    import threading
    import urllib.parse

    from cardtoken.sandbox.certs import _make_certs

    ca, chain, key = _make_certs("valid")
    for name, pem in (("ca.pem", ca), ("chain.pem", chain), ("key.pem", key)):
        (tmp_path / name).write_bytes(pem)
    got = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            fields = dict(urllib.parse.parse_qsl(body.decode("ascii"), keep_blank_values=True))
            try:
                got.append(client.verify_notification(fields))
                answer = b"success"
            except cardtoken.Error as e:
                got.append(e)
                answer = b"fail"
            self.send_response(200)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(tmp_path / "chain.pem"), str(tmp_path / "key.pem"))
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, "https://127.0.0.1:%d/notify/pagsmile" % srv.server_address[1], got


def test_risk_review_ends_with_a_signed_notification(tmp_path):
    """Risk control to a loopback notify_url: pending, then the sandbox's
    review posts Pagsmile's signed payment notification; the receiver verifies
    it with the client and the order is paid."""
    import time

    ca = tmp_path / "ca.pem"
    with running_sandbox("--notify-ca-file", str(ca)) as cfg, client(cfg) as c:
        srv, url, got = _https_receiver(tmp_path, c)
        try:
            args = pay_args(token_of(c), "ORD-RISK-N", username="RISK", amount="12.34")
            args["payment"]["notify_url"] = url
            p = c.pay_with_token(**args)
            assert (p.status, p.gateway_status) == ("pending", "TRADE_RISK_CONTROL")
            deadline = time.monotonic() + 20
            while not got and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(got) == 1 and isinstance(got[0], dict), got
            n = got[0]
            assert (n["out_trade_no"], n["trade_no"], n["trade_status"]) == ("ORD-RISK-N", p.trade_id,
                                                                           "TRADE_SUCCESS")
            assert (n["total_amount"], n["currency"]) == ("12.34", "BRL")
            assert c.query_order(out_trade_no="ORD-RISK-N").status == "succeeded"
        finally:
            srv.shutdown()
            srv.server_close()
