"""The sandbox accepts what the gateways' official SDKs send and answers the
way their clients read it (issue 24, items 2-5).

The official SDKs are not available offline, so each test sends what the
issue reports they send and reads the answer the way they read it:
- the Alipay global-open-sdk clients (WorldFirst) look response headers up in
  lower case, case-sensitively, and the Python one sends an absolute-form
  request target (`POST https://host:443/amsin/... HTTP/1.1`);
- PayerMax's Go SDK sends version 1.1 and may drop trailing fraction digits
  of requestTime, the Java SDK defaults to version 1.4;
- Yabandpay/Api (PHP) verifies a notification over PHP's (string) of each
  data value: here PHP itself (`php -r`) plays that receiver.
Requests are built and signed by test_sandbox's independent helpers; nothing
here imports the cardtoken extension.
"""

import base64
import datetime
import json
import shutil
import subprocess
import urllib.parse

import pytest

import sandbox_util
from sandbox_client import (  # noqa: F401 - sb is a fixture
    PATHS,
    Receiver,
    compact,
    connect,
    payermax_body,
    payermax_call,
    payermax_response_ok,
    rsa_ok,
    rsa_sign,
    sb,
    send,
    wf_now,
)
from sandbox_util import load_sandbox_module

# --- WorldFirst: lower-case response headers, absolute-form targets ---


def wf_request(cfg, asset_id="ASSET-SDK-1", key=None):
    """Body and headers as the Alipay Python SDK sends them (its header names,
    a signature over the origin path)."""
    c = cfg["worldfirst"]
    body = compact({"assetId": asset_id})
    rt = wf_now()
    content = ("POST %s\n%s.%s." % (PATHS["worldfirst"], c["client_id"], rt)).encode() + body
    sig = urllib.parse.quote(base64.b64encode(rsa_sign(key or c["private_key"], content)).decode(), safe="")
    return body, [("Content-type", "application/json; charset=UTF-8"),
                  ("Accept", "text/plain,text/xml,text/javascript,text/html"), ("Cache-Control", "no-cache"),
                  ("Request-Time", rt), ("client-id", c["client_id"]),
                  ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + sig)]


def sdk_verify(cfg, status, header_pairs, body):
    """The official clients' response check: headers by their lower-case names,
    exactly (a missing one raises KeyError, as the Python SDK fails)."""
    h = dict(header_pairs)
    client_id, rtime, sig_header = h["client-id"], h["response-time"], h["signature"]
    parts = dict(p.strip().split("=", 1) for p in sig_header.split(","))
    sig = base64.b64decode(urllib.parse.unquote(parts["signature"]), validate=True)
    content = ("POST %s\n%s.%s." % (PATHS["worldfirst"], client_id, rtime)).encode() + body
    return status == 200 and rsa_ok(cfg["worldfirst"]["gateway_public_key"], sig, content)


def test_worldfirst_response_headers_are_lower_case(sb):  # noqa: F811
    body, headers = wf_request(sb)
    r = send(sb, PATHS["worldfirst"], body, headers)
    names = [k for k, _ in r.headers]
    for name in ("client-id", "response-time", "signature"):
        assert name in names, names
    assert not {"Client-Id", "Response-Time", "Signature"} & set(names)
    assert sdk_verify(sb, r.status, r.headers, r.body)
    assert r.json()["result"]["resultStatus"] == "S"


def test_worldfirst_wrong_gateway_key_is_caught_by_the_sdk_lookup(sb):  # noqa: F811
    """With the names the clients look up present, a bad response signature is
    seen (the PHP SDK used to skip the check and report success)."""
    body, headers = wf_request(sb, asset_id="FAULT-badsign")
    r = send(sb, PATHS["worldfirst"], body, headers)
    assert "signature" in dict(r.headers)
    assert not sdk_verify(sb, r.status, r.headers, r.body)
    other = dict(sb)
    other["worldfirst"] = dict(sb["worldfirst"], gateway_public_key=sb["payermax"]["gateway_public_key"])
    body, headers = wf_request(sb)
    r = send(sb, PATHS["worldfirst"], body, headers)
    assert sdk_verify(sb, r.status, r.headers, r.body)
    assert not sdk_verify(other, r.status, r.headers, r.body)


def _absolute(cfg, path):
    port = urllib.parse.urlsplit(cfg["base_url"]).port
    return "https://127.0.0.1:%d%s" % (port, path)


def test_absolute_form_request_target(sb):  # noqa: F811
    """http.client sends the target as given: an absolute-form request line."""
    body, headers = wf_request(sb)
    target = _absolute(sb, PATHS["worldfirst"])
    assert target.startswith("https://127.0.0.1:")
    r = send(sb, target, body, headers)
    assert r.status == 200, r.body
    assert sdk_verify(sb, r.status, r.headers, r.body)
    assert r.json()["result"]["resultStatus"] == "S"
    # another gateway, and an unknown path in absolute form
    pm = payermax_body(sb)
    sig = base64.b64encode(rsa_sign(sb["payermax"]["private_key"], pm)).decode()
    r = send(sb, _absolute(sb, PATHS["payermax"]), pm, [("Content-Type", "application/json"), ("sign", sig)])
    assert r.status == 200 and r.json()["code"] == "APPLY_SUCCESS"
    assert send(sb, "https://127.0.0.1:443/no/such/path", b"{}").status == 404


# --- PayerMax: envelope versions and requestTime as the SDKs write them ---


def _time(fraction_digits, utc=False):
    tz = datetime.timezone.utc if utc else datetime.timezone(datetime.timedelta(hours=8))
    now = datetime.datetime.now(tz)
    text = now.strftime("%Y-%m-%dT%H:%M:%S")
    if fraction_digits:
        text += "." + ("%06d" % now.microsecond)[:fraction_digits]
    return text + ("Z" if utc else "+08:00")


@pytest.mark.parametrize("version", ["1.1", "1.2", "1.4"])
@pytest.mark.parametrize("digits", [0, 1, 2, 3])
def test_payermax_accepts_what_the_sdks_send(sb, version, digits):  # noqa: F811
    r = payermax_call(sb, payermax_body(sb, version=version, requestTime=_time(digits)))
    assert r.json()["code"] == "APPLY_SUCCESS", (version, digits, r.json())
    assert payermax_response_ok(sb, r)


def test_payermax_time_forms(sb):  # noqa: F811
    for t in (_time(0, utc=True), _time(6), _time(9).replace("T", "t")):
        assert payermax_call(sb, payermax_body(sb, requestTime=t)).json()["code"] == "APPLY_SUCCESS", t
    stale = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=180))
    old = stale.strftime("%Y-%m-%dT%H:%M:%S.5Z")
    assert payermax_call(sb, payermax_body(sb, requestTime=old)).json()["code"] == "REQ_TIME_OVER_TIME"
    for bad in (_time(3)[:-6], _time(3).replace("T", " "), _time(0) + ".", "yesterday"):
        got = payermax_call(sb, payermax_body(sb, requestTime=bad)).json()
        assert got["code"] == "PARAMS_INVALID" and "requestTime" in got["msg"], bad
    for version in ("1.0", "1.3", "2.0", 1.2):
        got = payermax_call(sb, payermax_body(sb, version=version)).json()
        assert got["code"] == "PARAMS_INVALID" and "version" in got["msg"], version


# --- YabandPay: notifications as the official PHP receiver verifies them ---

PHP_VERIFY = r'''
error_reporting(0);
$o = json_decode(stream_get_contents(STDIN), true, 512);
$d = $o["data"];
ksort($d, SORT_STRING);
$p = [];
foreach ($d as $k => $v) { $p[] = $k . "=" . (is_array($v) ? "Array" : (string)$v); }
echo hash_equals(hash_hmac("sha256", implode("&", $p), $argv[1]), $o["sign"]) ? "valid" : "invalid";
'''

needs_php = pytest.mark.skipif(shutil.which("php") is None, reason="needs the php CLI")


def php_receiver_accepts(body, secret):
    if body.startswith(b"resultData="):
        body = urllib.parse.parse_qs(body.decode())["resultData"][0].encode()
    out = subprocess.run(["php", "-d", "precision=14", "-r", PHP_VERIFY, secret], input=body,
                         stdout=subprocess.PIPE, check=True, timeout=30).stdout
    return out == b"valid"


@needs_php
@pytest.mark.parametrize("form", [False, True])
def test_notification_default_is_the_documented_string_form(form):
    mod = load_sandbox_module()
    note = mod.build_notification("yabandpay", form=form)
    body = note["body"]
    text = urllib.parse.parse_qs(body.decode())["resultData"][0] if form else body.decode()
    pto = json.loads(text)["data"]["payment_token_object"]
    assert isinstance(pto, str) and json.loads(pto)["token"].startswith("YBTOKEN")
    assert php_receiver_accepts(body, mod.CREDENTIALS["yabandpay"]["secret_key"])


@needs_php
def test_notification_object_form_is_signed_as_php_does():
    mod = load_sandbox_module()
    secret = mod.CREDENTIALS["yabandpay"]["secret_key"]
    body = mod.build_notification("yabandpay", token_object=True)["body"]
    obj = json.loads(body)
    assert isinstance(obj["data"]["payment_token_object"], dict)
    assert php_receiver_accepts(body, secret)
    # and a changed scalar is caught by the same receiver
    assert not php_receiver_accepts(body.replace(b'"state":"00"', b'"state":"05"'), secret)


@needs_php
def test_sandbox_signer_matches_php_for_non_string_values():
    mod = load_sandbox_module()
    secret = mod.CREDENTIALS["yabandpay"]["secret_key"]
    data = {"a_float": 1.5e-7, "b": 0.30000000000000004, "c": 123456789012345.6, "d": 12345678901234567890,
            "e": -0.0, "f": 10.5, "g": 1.0, "h": True, "i": False, "j": None, "k": [1, 2], "l": {"x": 1},
            "m": 9223372036854775807, "n": -9223372036854775809, "o": 1e-5, "p": "text"}
    body = json.dumps({"sign": mod.yabandpay_sign(data, secret), "data": data}).encode()
    assert php_receiver_accepts(body, secret)


@needs_php
@pytest.mark.parametrize("extra, nested", [([], False), (["--token-object"], True)])
def test_notify_command_line_token_object_switch(sb, extra, nested):  # noqa: F811
    rec = Receiver(sb, "yabandpay")
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", "yabandpay", "--url", rec.url,
                                                              "--config", sb.config_path] + extra,
                           capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr
        (_, _, body), = rec.received
        assert isinstance(json.loads(body)["data"]["payment_token_object"], dict) is nested
        assert php_receiver_accepts(body, sb["yabandpay"]["secret_key"])
    finally:
        rec.close()


def test_official_clients_http_client_reads_lower_case(sb):  # noqa: F811
    """http.client's own header lookup is case-insensitive; the SDKs' dict()
    of getheaders() is not: both find the names now."""
    body, headers = wf_request(sb)
    conn = connect(sb)
    try:
        conn.request("POST", PATHS["worldfirst"], body=body, headers=dict(headers))
        resp = conn.getresponse()
        data = resp.read()
        assert resp.getheader("client-id") == sb["worldfirst"]["client_id"]
        assert dict(resp.getheaders())["response-time"]
        assert sdk_verify(sb, resp.status, resp.getheaders(), data)
    finally:
        conn.close()
