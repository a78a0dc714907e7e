"""The sandbox's faults (--fault KIND and FAULT-<kind> magic values), observed
with raw http.client and sockets over loopback. Nothing here imports the
cardtoken extension.
"""

import base64
import http.client
import http.server
import json
import os
import socket
import time
import urllib.parse

import pytest
from sandbox_util import get_stats, reset_stats, running_sandbox, wait_for_stats

from sandbox_client import (  # noqa: F401 - sb and sb_http are fixtures
    ALL,
    PATHS,
    WORLD_CARD,
    compact,
    connect,
    fault_request,
    pagsmile_call,
    pagsmile_fields,
    payermax_body,
    payermax_call,
    payermax_response_ok,
    port_of,
    raw_exchange,
    sb,
    sb_http,
    send,
    wf_call,
    wf_response_ok,
    wf_result,
    yaband_call,
    yaband_request,
)


@pytest.mark.parametrize("gateway", ALL)
def test_fault_delay(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "delay")
    conn = connect(sb, timeout=0.8)
    conn.request("POST", path, body=body, headers=dict(headers))
    with pytest.raises(socket.timeout):
        conn.getresponse()
    conn.close()
    t0 = time.monotonic()
    r = send(sb, path, body, headers, timeout=10)
    elapsed = time.monotonic() - t0
    assert 1.9 <= elapsed < 6, elapsed
    assert r.status == 200
    assert r.json()   # the normal answer, late


@pytest.mark.parametrize("gateway", ALL)
def test_fault_drip(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "drip")
    conn = connect(sb, timeout=10)
    conn.request("POST", path, body=body, headers=dict(headers))
    t0 = time.monotonic()
    resp = conn.getresponse()
    assert time.monotonic() - t0 < 1.0, "headers come at once"
    assert resp.status == 200
    length = int(resp.getheader("Content-Length"))
    assert length > 20
    t1 = time.monotonic()
    got = resp.read(4)
    assert len(got) == 4
    assert time.monotonic() - t1 >= 0.7, "body bytes must trickle (0.25 s apart)"
    conn.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_reset_tls(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "reset")
    s = raw_exchange(sb, path, body, headers)
    # Read the TCP stream under TLS directly: Python's ssl module reports an
    # RST as a plain EOF, the socket itself does not.
    raw = socket.socket(fileno=os.dup(s.fileno()))
    raw.settimeout(10)
    try:
        with pytest.raises(ConnectionResetError):
            for _ in range(100):
                if not raw.recv(65536):
                    pytest.fail("clean EOF instead of a reset")
    finally:
        raw.close()
        s.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_reset_plain_http(sb_http, gateway):
    path, body, headers = fault_request(sb_http, gateway, "reset")
    s = raw_exchange(sb_http, path, body, headers)
    try:
        with pytest.raises(ConnectionResetError):
            s.recv(65536)   # not a single byte of answer before the RST
    finally:
        s.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_truncate(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "truncate")
    conn = connect(sb)
    conn.request("POST", path, body=body, headers=dict(headers))
    resp = conn.getresponse()
    assert resp.status == 200
    length = int(resp.getheader("Content-Length"))
    with pytest.raises(http.client.IncompleteRead) as ei:
        resp.read()
    assert len(ei.value.partial) == length // 2
    conn.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_http500(sb, gateway):
    r = send(sb, *fault_request(sb, gateway, "http500"))
    assert r.status == 500
    assert r.h["content-length"] == str(len(r.body))


@pytest.mark.parametrize("gateway", ALL)
def test_fault_http429(sb, gateway):
    r = send(sb, *fault_request(sb, gateway, "http429"))
    assert r.status == 429
    assert r.h["retry-after"] == "7"


@pytest.mark.parametrize("gateway", ALL)
def test_fault_notjson(sb, gateway):
    r = send(sb, *fault_request(sb, gateway, "notjson"))
    assert r.status == 200
    with pytest.raises(ValueError):
        json.loads(r.body)
    if gateway == "payermax":
        assert payermax_response_ok(sb, r), "signed, so only the JSON is wrong"
    if gateway == "worldfirst":
        assert wf_response_ok(sb, r), "signed, so only the JSON is wrong"


@pytest.mark.parametrize("gateway", ALL)
def test_fault_huge(sb, gateway):
    path, body, headers = fault_request(sb, gateway, "huge")
    conn = connect(sb, timeout=30)
    conn.request("POST", path, body=body, headers=dict(headers))
    resp = conn.getresponse()
    assert resp.status == 200
    assert resp.getheader("Transfer-Encoding") == "chunked"
    assert resp.getheader("Content-Length") is None
    total = 0
    for _ in range(100000):
        chunk = resp.read(1 << 20)
        if not chunk:
            break
        total += len(chunk)
    assert total == 10 * 1024 * 1024
    # The connection stays usable (the chunked body was complete).
    conn.request("POST", PATHS["pagsmile"], body=compact(pagsmile_fields(sb)))
    assert conn.getresponse().read()
    conn.close()


@pytest.mark.parametrize("gateway", ALL)
def test_fault_redirect(sb, gateway):
    reset_stats(sb)
    r = send(sb, *fault_request(sb, gateway, "redirect"))
    assert r.status == 307
    loc = urllib.parse.urlsplit(r.h["location"])
    assert loc.hostname == "127.0.0.1"
    assert loc.port == port_of(sb["redirect_url"]) != port_of(sb["base_url"])
    assert loc.path == PATHS[gateway]
    assert get_stats(sb)["redirect_target"] == {"connections": 0, "bytes_received": 0}
    # The target counts what reaches it.
    with socket.create_connection(("127.0.0.1", loc.port), timeout=5) as s:
        s.sendall(b"x" * 100)
    st = wait_for_stats(sb, lambda s: s["redirect_target"]["bytes_received"] >= 100, timeout=10)
    assert st["redirect_target"] == {"connections": 1, "bytes_received": 100}


def test_fault_nosign_and_badsign(sb):
    for kind in ("nosign", "badsign"):
        r = send(sb, *fault_request(sb, "payermax", kind))
        assert r.json()["code"] == "APPLY_SUCCESS"
        if kind == "nosign":
            assert "sign" not in r.h
        else:
            assert len(base64.b64decode(r.h["sign"], validate=True)) == 256
        assert not payermax_response_ok(sb, r)

        r = send(sb, *fault_request(sb, "worldfirst", kind))
        assert r.json()["result"]["resultStatus"] == "S"
        assert "client-id" in r.h and "response-time" in r.h
        if kind == "nosign":
            assert "signature" not in r.h
        else:
            assert r.h["signature"].startswith("algorithm=RSA256,keyVersion=2,signature=")
        assert not wf_response_ok(sb, r)
    # Pagsmile and YabandPay answers are unsigned anyway: a normal answer.
    assert send(sb, *fault_request(sb, "pagsmile", "badsign")).json()["code"] == "200"
    assert send(sb, *fault_request(sb, "yabandpay", "nosign")).json()["status"] is True


def test_fault_unknown_then_success(sb):
    reset_stats(sb)
    seen = []
    for _ in range(3):
        r = send(sb, *fault_request(sb, "worldfirst", "unknown"))
        assert wf_response_ok(sb, r)
        seen.append(r.json())
    assert seen[0] == {"result": {"resultStatus": "U", "resultCode": "UNKNOWN_EXCEPTION",
                                  "resultMessage": "API failed due to unknown reason."}}
    assert seen[1]["result"]["resultStatus"] == "S" and seen[1]["cardNo"] == WORLD_CARD
    assert seen[2]["result"]["resultStatus"] == "U"


def test_server_wide_fault_flag():
    with running_sandbox("--fault", "http429") as cfg:
        assert cfg["fault"] == "http429"
        assert pagsmile_call(cfg).status == 429
        assert payermax_call(cfg, payermax_body(cfg)).status == 429
        assert yaband_call(cfg, yaband_request(cfg)).status == 429
        assert wf_call(cfg).status == 429
        assert get_stats(cfg)["faults"] == {"http429": 4}
    with running_sandbox("--fault", "unknown") as cfg:
        assert wf_result(wf_call(cfg, "A1"))["resultStatus"] == "U"
        assert wf_result(wf_call(cfg, "A1"))["resultStatus"] == "S"
        assert wf_result(wf_call(cfg, "A2"))["resultStatus"] == "U"
        assert pagsmile_call(cfg).json()["code"] == "200"
