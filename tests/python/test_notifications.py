"""Notifications of the four gateways: valid, tampered, missing signature,
wrong key; signed by the sandbox's own code (build_notification), verified by
the client; and the whole exchange over HTTP: the sandbox posts a signed
notification to a merchant endpoint that verifies it with the client and
answers notification_ack(), which the sandbox then checks (for WorldFirst,
the answer's signature with the merchant's public key).
"""

import base64
import http.server
import json
import threading
import urllib.parse

import pytest

import cardtoken
from conftest import GATEWAYS, check_error, client_for, sandbox_module


def note(sandbox, gw, form=False, path="/notify/" + "x"):
    return sandbox_module().build_notification(gw, dict(sandbox),
                                               url="http://127.0.0.1:1" + path, form=form)


def header(n, name):
    for k, v in n["headers"]:
        if k.lower() == name.lower():
            return v
    return None


def verify(client, gw, n, **override):
    """Calls verify_notification() with what the merchant received."""
    body = override.get("body", n["body"])
    if gw == "pagsmile":
        fields = override.get("fields")
        if fields is None:
            fields = dict(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        return client.verify_notification(fields)
    if gw == "payermax":
        return client.verify_notification(body, override.get("sign", header(n, "sign")))
    if gw == "yabandpay":
        return client.verify_notification(body)
    return client.verify_notification(n["path"], override.get("headers", n["headers"]), body)


def expected_content(gw, n):
    body = n["body"].decode("utf-8")
    if gw == "pagsmile":
        # fields PHP's empty() drops from the signed string were never signed: not verified
        return {k: v for k, v in urllib.parse.parse_qsl(body, keep_blank_values=True)
                if k == "sign" or v not in ("", "0")}
    if gw == "yabandpay":
        if body.startswith("resultData="):
            body = urllib.parse.parse_qs(body)["resultData"][0]
        return json.loads(body)["data"]
    return json.loads(body)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_valid_notification(sandbox, gw):
    n = note(sandbox, gw)
    with client_for(sandbox, gw) as c:
        got = verify(c, gw, n)
    assert got == expected_content(gw, n)


def test_yabandpay_form_notification(sandbox):
    n = note(sandbox, "yabandpay", form=True)
    assert n["body"].startswith(b"resultData=")
    with client_for(sandbox, "yabandpay") as c:
        assert verify(c, "yabandpay", n) == expected_content("yabandpay", n)
        assert c.verify_notification(n["body"].decode("ascii")) == expected_content("yabandpay", n)


@pytest.mark.parametrize("form", [False, True])
def test_yabandpay_token_object_signed_as_php_does(sandbox, form):
    """The sandbox's --token-object form (nested payment_token_object, signed
    as the gateway's PHP server signs it: "Array") verifies, and is returned
    as received."""
    n = sandbox_module().build_notification("yabandpay", dict(sandbox), form=form, token_object=True)
    want = expected_content("yabandpay", n)
    assert isinstance(want["payment_token_object"], dict)
    with client_for(sandbox, "yabandpay") as c:
        assert verify(c, "yabandpay", n) == want


def tampered(gw, n):
    """(override kwargs) changing one signed byte of the notification."""
    body = n["body"]
    if gw == "pagsmile":
        fields = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        fields["total_amount"] = "99999.00"
        return {"fields": fields}
    if gw == "yabandpay":
        obj = json.loads(body)
        obj["data"]["amount"] = "99999"
        return {"body": json.dumps(obj, separators=(",", ":")).encode()}
    obj = json.loads(body)
    key = "notifyType"
    obj[key] = obj[key] + "X"
    return {"body": json.dumps(obj, separators=(",", ":")).encode()}


def unsigned(gw, n):
    """(override kwargs) without the signature."""
    if gw == "pagsmile":
        fields = dict(urllib.parse.parse_qsl(n["body"].decode(), keep_blank_values=True))
        del fields["sign"]
        return {"fields": fields}
    if gw == "payermax":
        return {"sign": None}
    if gw == "yabandpay":
        obj = json.loads(n["body"])
        del obj["sign"]
        return {"body": json.dumps(obj, separators=(",", ":")).encode()}
    return {"headers": [(k, v) for k, v in n["headers"] if k.lower() != "signature"]}


@pytest.mark.parametrize("gw", GATEWAYS)
def test_tampered_notification(sandbox, gw):
    n = note(sandbox, gw)
    with client_for(sandbox, gw) as c:
        with pytest.raises(cardtoken.SignatureError) as info:
            verify(c, gw, n, **tampered(gw, n))
    check_error(info.value, {"code": "CT_ERR_SIGNATURE"}, gateway=gw)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_notification_without_signature(sandbox, gw):
    n = note(sandbox, gw)
    with client_for(sandbox, gw) as c:
        with pytest.raises(cardtoken.SignatureError) as info:
            verify(c, gw, n, **unsigned(gw, n))
    check_error(info.value, {"code": "CT_ERR_SIGNATURE"}, gateway=gw)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_notification_with_a_wrong_signature(sandbox, gw):
    n = note(sandbox, gw)
    with client_for(sandbox, gw) as c:
        if gw == "pagsmile":
            fields = dict(urllib.parse.parse_qsl(n["body"].decode(), keep_blank_values=True))
            fields["sign"] = "0" * 32
            override = {"fields": fields}
        elif gw == "payermax":
            override = {"sign": base64.b64encode(b"\x01" * 256).decode()}
        elif gw == "yabandpay":
            obj = json.loads(n["body"])
            obj["sign"] = "f" * 64
            override = {"body": json.dumps(obj, separators=(",", ":")).encode()}
        else:
            sig = "algorithm=RSA256,keyVersion=2,signature=" + urllib.parse.quote(
                base64.b64encode(b"\x02" * 256).decode(), safe="")
            override = {"headers": [(k, sig if k == "Signature" else v) for k, v in n["headers"]]}
        with pytest.raises(cardtoken.SignatureError):
            verify(c, gw, n, **override)


@pytest.mark.parametrize("gw", GATEWAYS)
def test_notification_checked_with_another_merchants_key(sandbox, gw):
    n = note(sandbox, gw)
    other = {"pagsmile": {"app_key": "another-key"}, "yabandpay": {"secret_key": "another"},
             "payermax": {"gateway_public_key": None}, "worldfirst": {"gateway_public_key": None}}[gw]
    if "gateway_public_key" in other:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        k = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
        other = {"gateway_public_key": k.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()}
    with client_for(sandbox, gw, **other) as c:
        with pytest.raises(cardtoken.SignatureError):
            verify(c, gw, n)


def test_worldfirst_notification_path_is_signed(sandbox):
    n = note(sandbox, "worldfirst", path="/notify/a")
    with client_for(sandbox, "worldfirst") as c:
        assert c.verify_notification("/notify/a", n["headers"], n["body"])
        with pytest.raises(cardtoken.SignatureError):
            c.verify_notification("/notify/b", n["headers"], n["body"])


# ------------------------------------------------------------------ over HTTP


class _Merchant(http.server.ThreadingHTTPServer):
    daemon_threads = True


def merchant_server(client, gw):
    """A merchant's notify endpoint on loopback using `client`."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            path = self.path
            try:
                if gw == "pagsmile":
                    fields = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
                    content = client.verify_notification(fields)
                elif gw == "payermax":
                    content = client.verify_notification(body, self.headers.get("sign"))
                elif gw == "yabandpay":
                    content = client.verify_notification(body)
                else:
                    content = client.verify_notification(path, list(self.headers.items()), body)
            except cardtoken.Error as e:
                received.append(("error", e.name))
                self.send_response(400)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            received.append(("ok", content))
            if gw == "worldfirst":
                headers, answer = client.notification_ack(path)
            else:
                headers, answer = [], client.notification_ack()
            data = answer.encode("utf-8")
            self.send_response(200)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    srv = _Merchant(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    return srv, received


@pytest.mark.parametrize("gw", GATEWAYS)
def test_notification_round_trip_over_http(sandbox, gw):
    with client_for(sandbox, gw) as c:
        srv, received = merchant_server(c, gw)
        try:
            url = "http://127.0.0.1:%d/notify/%s" % (srv.server_address[1], gw)
            out = sandbox_module().send_notification(gw, url, dict(sandbox))
        finally:
            srv.shutdown()
            srv.server_close()
    assert received and received[0][0] == "ok", received
    assert received[0][1] == expected_content(gw, out["sent"])
    assert out["status"] == 200
    assert out["ack_ok"], out["reason"]


def test_worldfirst_ack_signature_checked_independently(sandbox):
    """The signed answer verifies with the merchant's public key (cryptography)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    cfg = sandbox["worldfirst"]
    with client_for(sandbox, "worldfirst") as c:
        headers, body = c.notification_ack("/merchant/notify?x=1")
    h = dict(headers)
    assert h["Client-Id"] == cfg["client_id"]
    sig = dict(p.split("=", 1) for p in h["Signature"].split(","))
    assert sig["algorithm"] == "RSA256" and sig["keyVersion"] == cfg.get("key_version", "2")
    raw = base64.b64decode(urllib.parse.unquote(sig["signature"]))
    content = ("POST /merchant/notify?x=1\n%s.%s.%s" % (cfg["client_id"], h["Response-Time"],
                                                        body)).encode()
    pub = serialization.load_pem_private_key(cfg["private_key"].encode(), None).public_key()
    pub.verify(raw, content, padding.PKCS1v15(), hashes.SHA256())
    assert json.loads(body) == {"result": {"resultCode": "SUCCESS", "resultStatus": "S",
                                           "resultMessage": "success"}}


def test_acks_of_the_other_gateways(sandbox):
    with client_for(sandbox, "pagsmile") as c:
        assert c.notification_ack() == "success"
    with client_for(sandbox, "yabandpay") as c:
        assert c.notification_ack() == "ok"
    with client_for(sandbox, "payermax") as c:
        assert json.loads(c.notification_ack()) == {"code": "SUCCESS", "msg": "Success"}
