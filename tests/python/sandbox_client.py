"""Shared code of the sandbox tests (test_sandbox*.py): canary card data, the
`sb`/`sb_http` fixtures (one sandbox per test module), and independent HTTP and
signing code per gateway (hashlib, hmac, cryptography; http.client + ssl over
loopback). Nothing here imports the cardtoken extension.
"""

import base64
import datetime
import hashlib
import hmac
import http.client
import http.server
import json
import re
import socket
import ssl
import threading
import time
import urllib.parse

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from sandbox_util import PATHS, running_sandbox

# ---------------------------------------------------------------------------
# Canary card data (searched for in the sandbox's logs)
# ---------------------------------------------------------------------------


def luhn_complete(prefix):
    """prefix + the Luhn check digit."""
    for d in "0123456789":
        n = prefix + d
        total = 0
        for i, ch in enumerate(reversed(n)):
            v = int(ch)
            if i % 2 == 1:
                v *= 2
                if v > 9:
                    v -= 9
            total += v
        if total % 10 == 0:
            return n
    raise AssertionError("unreachable")


CARD = luhn_complete("491761873305217")        # Pagsmile / YabandPay canary (visa)
MASTER = luhn_complete("535310049988127")      # a mastercard-like canary
OTHER = luhn_complete("630495060000001")       # neither 4 nor 5
CVV = "8317"
WORLD_CARD = luhn_complete("457173901148362")  # WorldFirst canary
WORLD_CVV = "6029"
BAD_LUHN = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sb():
    with running_sandbox("--delay-seconds", "2", "--verbose",
                         "--world-card", "%s:%s:07:31" % (WORLD_CARD, WORLD_CVV)) as cfg:
        yield cfg
        # The whole log of each test module's sandbox (test_sandbox.py's
        # test_logs_hold_no_card_data reads its own module's).
        assert_log_holds_no_card_data(cfg)


def assert_log_holds_no_card_data(cfg):
    """Neither the canary cards and CVVs nor a secret or key is in the log of
    sandbox `cfg` so far."""
    log = cfg.log_text()
    for secret in (CARD, BAD_LUHN, WORLD_CARD, cfg["pagsmile"]["app_key"], cfg["yabandpay"]["secret_key"]):
        assert secret not in log
    for cvv in (CVV, WORLD_CVV):
        assert not re.search(r"(?<!\d)%s(?!\d)" % cvv, log)
    assert "PRIVATE KEY" not in log


@pytest.fixture(scope="module")
def sb_http():
    with running_sandbox("--http", "--verbose") as cfg:
        yield cfg


# ---------------------------------------------------------------------------
# Independent HTTP and signing code
# ---------------------------------------------------------------------------


def port_of(url):
    return urllib.parse.urlsplit(url).port


def tls_context(cfg):
    return ssl.create_default_context(cafile=cfg["ca_file"])


def connect(cfg, timeout=10.0):
    port = port_of(cfg["base_url"])
    if cfg["base_url"].startswith("http://"):
        return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    return http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=tls_context(cfg))


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers                      # list of pairs, as received
        self.h = {k.lower(): v for k, v in headers}
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def send(cfg, path, body, headers=(), conn=None, timeout=10.0):
    own = conn is None
    if own:
        conn = connect(cfg, timeout)
    try:
        conn.putrequest("POST", path, skip_accept_encoding=True)
        for k, v in headers:
            conn.putheader(k, v)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        data = r.read()
        return Resp(r.status, r.getheaders(), data)
    finally:
        if own:
            conn.close()


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load_private(pem):
    return serialization.load_pem_private_key(pem.encode("ascii"), password=None)


def load_public(pem):
    return serialization.load_pem_public_key(pem.encode("ascii"))


def rsa_sign(pem, data):
    return load_private(pem).sign(data, padding.PKCS1v15(), hashes.SHA256())


def rsa_ok(pub_pem, sig, data):
    try:
        load_public(pub_pem).verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
        return True
    except InvalidSignature:
        return False


# --- Pagsmile ---


def pagsmile_md5(fields, key):
    items = sorted((k, v) for k, v in fields.items() if k != "sign" and v not in ("", "0", None))
    text = "&".join("%s=%s" % kv for kv in items) + "&key=" + key
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def pagsmile_fields(cfg, **over):
    c = cfg["pagsmile"]
    f = {
        "merchant_no": c["merchant_no"],
        "app_id": c["app_id"],
        "card_number": CARD,
        "security_code": CVV,
        "expiration_month": "09",
        "expiration_year": "2031",
        "cardholder_name": "Jane Doe",
    }
    f.update(over)
    return {k: v for k, v in f.items() if v is not None}


def pagsmile_call(cfg, sign=True, key=None, tamper=None, **over):
    f = pagsmile_fields(cfg, **over)
    if sign:
        f["sign"] = pagsmile_md5(f, key or cfg["pagsmile"]["app_key"])
    if tamper:
        f.update(tamper)
    return send(cfg, PATHS["pagsmile"], compact(f), [("Content-Type", "application/json")])


# --- PayerMax ---


def rfc3339_ms(dt):
    off = dt.strftime("%z")
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d" % (dt.microsecond // 1000) + off[:3] + ":" + off[3:]


def payermax_body(cfg, data=None, when=None, **envelope):
    c = cfg["payermax"]
    when = when or datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    obj = {"version": "1.2", "keyVersion": c["key_version"], "requestTime": rfc3339_ms(when),
           "appId": c["app_id"], "merchantNo": c["merchant_no"],
           "data": data if data is not None else {"userId": "user-1"}}
    obj.update(envelope)
    return compact(obj)


def payermax_call(cfg, body, sign=True, sig_override=None, path=None):
    headers = [("Content-Type", "application/json")]
    if sig_override is not None:
        headers.append(("sign", sig_override))
    elif sign:
        headers.append(("sign", base64.b64encode(rsa_sign(cfg["payermax"]["private_key"], body)).decode()))
    return send(cfg, path or PATHS["payermax"], body, headers)


def payermax_response_ok(cfg, r):
    sig = r.h.get("sign")
    if not sig:
        return False
    return rsa_ok(cfg["payermax"]["gateway_public_key"], base64.b64decode(sig, validate=True), r.body)


# --- YabandPay ---


def yaband_request(cfg, sign=True, drop_from_sign=(), **over):
    c = cfg["yabandpay"]
    card = {"card_holder": "Jane Doe", "emial": "jane@example.com", "card_number": CARD,
            "expiration_month": "09", "expiration_year": "2031", "cvc": CVV}
    card.update(over.pop("card", {}))
    data = {"pay_method": "online", "sub_pay_method": "Card", "operation": "10",
            "order_id": "ORD-1", "token_type": "CIT", "3ds_initiate": "01",
            "cardinfo": json.dumps(card, separators=(",", ":")), "amount": "0", "currency": "EUR",
            "description": "sandbox test", "timeout": "30",
            "notify_url": "https://merchant.example/notify",
            "request_id": "a7z1lox4l6z6mdx1udgn5gtezasze1x0"}
    top = {"user": c["user"], "method": "v3.CreateCardPayments", "time": int(time.time())}
    for k, v in over.items():
        if k in top:
            top[k] = v
        elif v is None:
            data.pop(k, None)
        else:
            data[k] = v
    fields = dict(top)
    fields.update(data)
    for k in drop_from_sign:
        fields.pop(k, None)
    text = "&".join("%s=%s" % (k, v) for k, v in sorted(fields.items()))
    obj = {"user": top["user"]}
    if sign:
        obj["sign"] = hmac.new(c["secret_key"].encode(), text.encode(), hashlib.sha256).hexdigest()
    obj["method"] = top["method"]
    obj["time"] = top["time"]
    obj["data"] = data
    return obj


def yaband_call(cfg, obj):
    return send(cfg, PATHS["yabandpay"], compact(obj), [("Content-Type", "application/json")])


# --- WorldFirst ---


def wf_now():
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).replace(microsecond=0).isoformat()


def wf_call(cfg, asset_id="ASSET-1", body=None, client_id=None, sign=True, key_version=None,
            url_encode=True, tamper_body=None, request_time=None, path=None):
    c = cfg["worldfirst"]
    path = path or PATHS["worldfirst"]
    body = body if body is not None else compact({"assetId": asset_id})
    client_id = client_id or c["client_id"]
    rt = request_time if request_time is not None else wf_now()
    content = ("POST %s\n%s.%s." % (path, client_id, rt)).encode() + body
    headers = [("Content-Type", "application/json; charset=UTF-8"), ("Client-Id", client_id)]
    if rt:
        headers.append(("Request-Time", rt))
    if sign:
        sig = base64.b64encode(rsa_sign(c["private_key"], content)).decode()
        if url_encode:
            sig = urllib.parse.quote(sig, safe="")
        headers.append(("Signature", "algorithm=RSA256,keyVersion=%s,signature=%s"
                        % (key_version or c["key_version"], sig)))
    return send(cfg, path, tamper_body if tamper_body is not None else body, headers)


def wf_response_ok(cfg, r, path=None):
    path = path or PATHS["worldfirst"]
    sig_header = r.h.get("signature")
    if not sig_header or "response-time" not in r.h or "client-id" not in r.h:
        return False
    parts = dict(p.strip().split("=", 1) for p in sig_header.split(","))
    assert parts["algorithm"] == "RSA256"
    assert parts["keyVersion"] == cfg["worldfirst"]["key_version"]
    assert re.fullmatch(r"[A-Za-z0-9%]+", parts["signature"]), "signature must be URL-encoded base64"
    sig = base64.b64decode(urllib.parse.unquote(parts["signature"]), validate=True)
    content = ("POST %s\n%s.%s." % (path, r.h["client-id"], r.h["response-time"])).encode() + r.body
    return rsa_ok(cfg["worldfirst"]["gateway_public_key"], sig, content)


def wf_result(r):
    return r.json()["result"]


# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Fault requests, observed with raw http.client
# ---------------------------------------------------------------------------


def fault_request(cfg, gateway, kind):
    """(path, body, headers) of a correctly signed request selecting FAULT-kind."""
    magic = "FAULT-" + kind
    if gateway == "pagsmile":
        f = pagsmile_fields(cfg, cardholder_name=magic)
        f["sign"] = pagsmile_md5(f, cfg["pagsmile"]["app_key"])
        return PATHS[gateway], compact(f), [("Content-Type", "application/json")]
    if gateway == "payermax":
        body = payermax_body(cfg, {"userId": magic})
        return PATHS[gateway], body, [("Content-Type", "application/json"), (
            "sign", base64.b64encode(rsa_sign(cfg["payermax"]["private_key"], body)).decode())]
    if gateway == "yabandpay":
        return PATHS[gateway], compact(yaband_request(cfg, order_id=magic)), [("Content-Type", "application/json")]
    c = cfg["worldfirst"]
    body = compact({"assetId": magic})
    rt = wf_now()
    content = ("POST %s\n%s.%s." % (PATHS[gateway], c["client_id"], rt)).encode() + body
    sig = urllib.parse.quote(base64.b64encode(rsa_sign(c["private_key"], content)).decode(), safe="")
    return PATHS[gateway], body, [("Content-Type", "application/json; charset=UTF-8"),
                                  ("Client-Id", c["client_id"]), ("Request-Time", rt),
                                  ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + sig)]


def raw_exchange(cfg, path, body, headers, timeout=10.0):
    """Sends one request on a new TLS or TCP socket; returns (raw socket, wrapped socket)."""
    port = port_of(cfg["base_url"])
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s = raw
    if cfg["base_url"].startswith("https://"):
        s = tls_context(cfg).wrap_socket(raw, server_hostname="127.0.0.1")
    head = "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n" % (path, len(body))
    head += "".join("%s: %s\r\n" % kv for kv in headers) + "\r\n"
    s.sendall(head.encode() + body)
    return s


ALL = ("pagsmile", "payermax", "yabandpay", "worldfirst")


class Receiver:
    """A tiny local merchant endpoint recording what it receives."""

    def __init__(self, cfg, gateway, answer_ok=True, wrong_ack_key=False):
        self.received = []
        outer = self

        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((self.path, list(self.headers.items()), body))
                headers, data = outer.ack(self.path)
                self.send_response(200)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.cfg, self.gateway, self.answer_ok, self.wrong_ack_key = cfg, gateway, answer_ok, wrong_ack_key
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d/hooks/%s?x=1" % (self.server.server_address[1], gateway)

    def ack(self, path):
        gw = self.gateway
        if not self.answer_ok:
            return [], b"fail"
        if gw == "pagsmile":
            return [], b"success"
        if gw == "yabandpay":
            return [], b"ok"
        if gw == "payermax":
            return [("Content-Type", "application/json")], b'{"code":"SUCCESS","msg":"Success"}'
        c = self.cfg["worldfirst"]
        body = b'{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'
        rt = wf_now()
        content = ("POST %s\n%s.%s." % (path, c["client_id"], rt)).encode() + body
        key = self.cfg["gateway_private_keys"]["worldfirst"] if self.wrong_ack_key else c["private_key"]
        sig = urllib.parse.quote(base64.b64encode(rsa_sign(key, content)).decode(), safe="")
        return [("Content-Type", "application/json; charset=UTF-8"), ("Client-Id", c["client_id"]),
                ("Response-Time", rt), ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + sig)], body

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def check_notification(cfg, gateway, path, headers, body):
    """Verifies a received notification with this file's own code."""
    h = {k.lower(): v for k, v in headers}
    if gateway == "pagsmile":
        fields = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        assert {"trade_no", "out_trade_no", "trade_status", "total_amount", "currency", "sign"} <= set(fields)
        assert fields["sign"] == pagsmile_md5(fields, cfg["pagsmile"]["app_key"])
    elif gateway == "payermax":
        assert rsa_ok(cfg["payermax"]["gateway_public_key"], base64.b64decode(h["sign"]), body)
        obj = json.loads(body)
        assert obj["appId"] == cfg["payermax"]["app_id"] and obj["notifyType"]
    elif gateway == "yabandpay":
        if body.startswith(b"resultData="):
            body = urllib.parse.parse_qs(body.decode())["resultData"][0].encode()
        obj = json.loads(body)
        data = obj["data"]
        text = "&".join("%s=%s" % (k, json.dumps(v, separators=(",", ":")) if isinstance(v, (dict, list))
                                    else v) for k, v in sorted(data.items()))
        expect = hmac.new(cfg["yabandpay"]["secret_key"].encode(), text.encode(), hashlib.sha256).hexdigest()
        assert obj["sign"] == expect
        assert data["user"] == cfg["yabandpay"]["user"]
    else:
        parts = dict(p.split("=", 1) for p in h["signature"].split(","))
        content = ("POST %s\n%s.%s." % (path, h["client-id"], h["request-time"])).encode() + body
        sig = base64.b64decode(urllib.parse.unquote(parts["signature"]))
        assert h["client-id"] == cfg["worldfirst"]["client_id"]
        assert rsa_ok(cfg["worldfirst"]["gateway_public_key"], sig, content)

