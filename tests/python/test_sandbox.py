"""Tests of the local gateway emulator (the package python/cardtoken/sandbox):
its config file, command line and process, stats, keep-alive and threads, TLS
modes, notifications and logs. The gateways' own checks are in
test_sandbox_<gateway>.py, the faults in test_sandbox_faults.py; the shared
independent client code in sandbox_client.py.

Every request here is built and signed by the tests' own code (hashlib, hmac,
cryptography) and sent with http.client + ssl over loopback; every response
signature is checked with the gateway public key from the sandbox's config.
Nothing here imports the cardtoken extension.
"""

import datetime
import json
import os
import re
import signal
import socket
import ssl
import stat
import subprocess
import sys
import threading
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

import sandbox_util
from sandbox_util import get_stats, load_sandbox_module, reset_stats, running_sandbox

from sandbox_client import (  # noqa: F401 - sb and sb_http are fixtures
    ALL,
    BAD_LUHN,
    CARD,
    CVV,
    MASTER,
    OTHER,
    PATHS,
    Receiver,
    WORLD_CARD,
    assert_log_holds_no_card_data,
    check_notification,
    compact,
    connect,
    fault_request,
    load_private,
    load_public,
    pagsmile_call,
    pagsmile_fields,
    pagsmile_md5,
    payermax_body,
    payermax_call,
    payermax_response_ok,
    port_of,
    sb,
    sb_http,
    send,
    tls_context,
    wf_call,
    wf_response_ok,
    wf_result,
    yaband_call,
    yaband_request,
)


def test_canaries_are_luhn_valid():
    for n in (CARD, MASTER, OTHER, WORLD_CARD):
        assert len(n) == 16
        total = sum(int(c) if i % 2 == 0 else (int(c) * 2 - 9 if int(c) * 2 > 9 else int(c) * 2)
                    for i, c in enumerate(reversed(n)))
        assert total % 10 == 0
    assert BAD_LUHN != CARD


# ---------------------------------------------------------------------------
# Config, help, process
# ---------------------------------------------------------------------------


def test_config_file(sb):
    assert sb["base_url"].startswith("https://127.0.0.1:")
    assert os.path.isfile(sb["ca_file"])
    assert os.path.dirname(sb["ca_file"]) == os.path.dirname(sb.config_path)
    mode = stat.S_IMODE(os.stat(sb.config_path).st_mode)
    assert mode & 0o077 == 0, "config holds private keys: must not be group/world readable"
    # Written atomically: no temporary file left beside it.
    assert sorted(os.listdir(os.path.dirname(sb.config_path))) == sorted(
        ["sandbox.json", "sandbox-ca.pem", "sandbox.log"])
    expected = {
        "pagsmile": {"merchant_no", "app_id", "app_key", "base_url", "ca_file"},
        "payermax": {"app_id", "merchant_no", "private_key", "gateway_public_key", "key_version",
                     "base_url", "ca_file"},
        "yabandpay": {"user", "secret_key", "base_url", "ca_file"},
        "worldfirst": {"client_id", "private_key", "gateway_public_key", "key_version", "base_url",
                       "ca_file"},
    }
    for gw, keys in expected.items():
        assert set(sb[gw]) == keys, gw
        assert sb[gw]["base_url"] == sb["base_url"]
        assert sb[gw]["ca_file"] == sb["ca_file"]
    assert sb["payermax"]["key_version"] == "1"
    assert sb["worldfirst"]["key_version"] == "2"
    for gw in ("payermax", "worldfirst"):
        priv = load_private(sb[gw]["private_key"])
        assert priv.key_size == 2048
        gw_priv = load_private(sb["gateway_private_keys"][gw])
        pub = load_public(sb[gw]["gateway_public_key"])
        assert pub.public_numbers() == gw_priv.public_key().public_numbers()
        assert priv.public_key().public_numbers() != pub.public_numbers()
    with open(sb["ca_file"], "rb") as f:
        ca = x509.load_pem_x509_certificate(f.read())
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert sb["pid"] == sb.proc.pid


def test_help_documents_credentials_faults_and_magic(sb):
    out = subprocess.run(sandbox_util.sandbox_command() + ["--help"], capture_output=True,
                         timeout=60, check=True).stdout.decode()
    for value in (sb["pagsmile"]["merchant_no"], sb["pagsmile"]["app_id"], sb["pagsmile"]["app_key"],
                  sb["payermax"]["app_id"], sb["payermax"]["merchant_no"], sb["yabandpay"]["user"],
                  sb["yabandpay"]["secret_key"], sb["worldfirst"]["client_id"]):
        assert value in out
    for kind in ("delay", "drip", "reset", "truncate", "http500", "http429", "notjson", "huge",
                 "redirect", "nosign", "badsign", "unknown"):
        assert re.search(r"^\s+%s\s" % kind, out, re.M), kind
    for text in ("FAULT-<kind>", "DECLINE-<code>", "--world-card", "--tls", "--stats-port",
                 "/_sandbox/stats", "/_sandbox/reset-stats", "notify"):
        assert text in out


# Any import of the cardtoken package (its __init__ loads the compiled
# extension) fails in the child: the sandbox must not need it.
_NO_CARDTOKEN = """
import importlib.abc, sys
class _Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "cardtoken" or name.startswith("cardtoken."):
            raise ImportError("the sandbox imported " + name)
sys.meta_path.insert(0, _Refuse())
"""


def test_runs_by_path_without_the_cardtoken_package():
    # As the phpt suite and the PECL tarball run it (no compiled Python
    # extension there): the package directory by path, and `import sandbox`
    # from its parent directory (CtSandbox::buildNotification).
    d = sandbox_util.SANDBOX_DIR
    run = _NO_CARDTOKEN + ("import runpy; sys.argv = [sys.argv[1], '--help']; "
                           "runpy.run_path(sys.argv[0], run_name='__main__')")
    r = subprocess.run([sys.executable, "-c", run, d], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    assert b"python -m cardtoken.sandbox" in r.stdout
    imp = _NO_CARDTOKEN + ("sys.path.insert(0, sys.argv[1]); import sandbox; "
                           "print(len(sandbox.build_notification('yabandpay')['body']))")
    r = subprocess.run([sys.executable, "-c", imp, os.path.dirname(d)], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    assert int(r.stdout) > 0


def test_bad_world_card_is_refused_without_echoing_it(tmp_path):
    bad = BAD_LUHN + ":123:01:30"
    r = subprocess.run(sandbox_util.sandbox_command() + ["--world-card", bad, "--config-out",
                                                          str(tmp_path / "c.json")],
                       capture_output=True, timeout=60)
    assert r.returncode == 2
    assert BAD_LUHN not in (r.stdout + r.stderr).decode()
    assert not (tmp_path / "c.json").exists()


def test_sigint_stops_cleanly_and_removes_files():
    cfg = sandbox_util.start_sandbox()
    try:
        assert cfg.proc.poll() is None
        code = cfg.stop(signal.SIGINT)
        assert code == 0
        assert not os.path.exists(cfg.config_path)
        assert not os.path.exists(cfg["ca_file"])
    finally:
        cfg.cleanup()


def test_sigterm_stops_cleanly_even_with_a_request_in_flight():
    cfg = sandbox_util.start_sandbox("--delay-seconds", "300")
    try:
        conn = connect(cfg, timeout=30)
        body = compact({"cardholder_name": "FAULT-delay"})
        conn.request("POST", PATHS["pagsmile"], body=body)
        deadline = time.monotonic() + 10
        while get_stats(cfg)["in_flight"] != 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert get_stats(cfg)["in_flight"] == 1
        t0 = time.monotonic()
        assert cfg.stop(signal.SIGTERM) == 0
        assert time.monotonic() - t0 < 5
        conn.close()
    finally:
        cfg.cleanup()


# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# Stats, keep-alive, threads, plain HTTP
# ---------------------------------------------------------------------------


def test_keep_alive_and_stats(sb):
    reset_stats(sb)
    assert get_stats(sb)["connections_accepted"] == 0
    conn = connect(sb)
    for _ in range(3):
        r = send(sb, PATHS["pagsmile"], compact(dict(pagsmile_fields(sb), sign=pagsmile_md5(
            pagsmile_fields(sb), sb["pagsmile"]["app_key"]))), conn=conn)
        assert r.json()["code"] == "200"
        assert r.h["content-length"] == str(len(r.body))
    r = payermax_call(sb, payermax_body(sb))
    conn.close()
    st = get_stats(sb)
    assert st["connections_accepted"] == 2
    assert st["requests"] == {PATHS["pagsmile"]: 3, PATHS["payermax"]: 1}
    assert st["requests_total"] == 4
    assert st["requests_on_new_connections"] == 2
    assert st["request_bodies_received"] == 4
    assert st["tls_handshake_failures"] == 0
    # The main listener serves the stats too (that costs a connection).
    c2 = connect(sb)
    c2.request("GET", "/_sandbox/stats")
    main_view = json.loads(c2.getresponse().read())
    c2.close()
    assert main_view["requests"] == st["requests"]
    reset_stats(sb)
    st = get_stats(sb)
    assert st["requests"] == {} and st["connections_accepted"] == 0
    st = sandbox_util.wait_until_idle(sb)
    assert st["open_connections"] == 0 and st["in_flight"] == 0


def test_unknown_path_and_method(sb):
    r = send(sb, "/nope", b"{}")
    assert r.status == 404
    conn = connect(sb)
    conn.request("GET", PATHS["pagsmile"])
    resp = conn.getresponse()
    assert resp.status == 405 and resp.getheader("Allow") == "POST"
    resp.read()
    conn.close()


def test_requests_are_served_concurrently():
    with running_sandbox("--latency", "0.5") as cfg:
        results = []

        def one():
            r = pagsmile_call(cfg)
            results.append(r.json()["code"])

        threads = [threading.Thread(target=one) for _ in range(4)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        elapsed = time.monotonic() - t0
        assert results == ["200"] * 4
        assert elapsed < 1.8, elapsed           # serial would take >= 2 s
        assert get_stats(cfg)["max_in_flight"] >= 2


def test_plain_http_mode(sb_http):
    assert sb_http["base_url"].startswith("http://127.0.0.1:")
    assert sb_http["ca_file"] is None
    assert "ca_file" not in sb_http["pagsmile"]
    assert pagsmile_call(sb_http).json()["code"] == "200"
    r = payermax_call(sb_http, payermax_body(sb_http))
    assert r.json()["code"] == "APPLY_SUCCESS" and payermax_response_ok(sb_http, r)
    assert yaband_call(sb_http, yaband_request(sb_http)).json()["status"] is True
    r = wf_call(sb_http, "A")
    assert wf_result(r)["resultStatus"] == "S" and wf_response_ok(sb_http, r)
    r = send(sb_http, *fault_request(sb_http, "pagsmile", "redirect"))
    assert r.h["location"].startswith("http://127.0.0.1:")


def test_keys_dir(tmp_path):
    from cryptography.hazmat.primitives.asymmetric import rsa
    keys = {}
    for name in ("merchant", "gateway"):
        k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        keys[name] = k
        (tmp_path / ("%s_private.pem" % name)).write_bytes(k.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption()))
    with running_sandbox("--keys-dir", str(tmp_path)) as cfg:
        for gw in ("payermax", "worldfirst"):
            assert load_private(cfg[gw]["private_key"]).private_numbers() == keys["merchant"].private_numbers()
            assert load_public(cfg[gw]["gateway_public_key"]).public_numbers() == \
                keys["gateway"].public_key().public_numbers()
        r = payermax_call(cfg, payermax_body(cfg))
        assert r.json()["code"] == "APPLY_SUCCESS" and payermax_response_ok(cfg, r)


# ---------------------------------------------------------------------------
# Bad TLS modes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode, verify_code", [
    ("wrong-host", 64),    # X509_V_ERR_IP_ADDRESS_MISMATCH (the client connects to 127.0.0.1)
    ("self-signed", 18),   # X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    ("expired", 10),       # X509_V_ERR_CERT_HAS_EXPIRED
])
def test_bad_tls_modes(mode, verify_code):
    with running_sandbox("--tls", mode) as cfg:
        assert cfg["tls"] == mode
        with pytest.raises(ssl.SSLCertVerificationError) as ei:
            pagsmile_call(cfg)
        assert ei.value.verify_code == verify_code
        st = sandbox_util.wait_until_idle(cfg)
        assert st["open_connections"] == 0 and st["connections_closed"] == 1
        assert st["connections_accepted"] == 1
        assert st["tls_handshake_failures"] == 1
        assert st["request_bodies_received"] == 0 and st["requests"] == {}
        assert st["app_bytes_received"] == 0

        # Look at the certificate actually served: exactly the one defect.
        with open(cfg["ca_file"], "rb") as f:
            ca = x509.load_pem_x509_certificate(f.read())
        insecure = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        insecure.check_hostname = False
        insecure.verify_mode = ssl.CERT_NONE
        port = port_of(cfg["base_url"])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with insecure.wrap_socket(raw, server_hostname="127.0.0.1") as s:
                leaf = x509.load_der_x509_certificate(s.getpeercert(binary_form=True))
                # The counter works in these modes: a request that does get
                # through (verification off) is counted.
                body = b'{"x":1}'
                sent = b"POST /api/getcardtoken HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\n" + body
                s.sendall(sent)
                assert s.recv(65536).startswith(b"HTTP/1.1 200")
        now = datetime.datetime.now(datetime.timezone.utc)
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        ips = [str(i) for i in san.get_values_for_type(x509.IPAddress)]
        if mode == "self-signed":
            assert leaf.issuer == leaf.subject != ca.subject
            assert "127.0.0.1" in ips
        else:
            assert leaf.issuer == ca.subject
            ca.public_key().verify(leaf.signature, leaf.tbs_certificate_bytes,
                                   ec.ECDSA(leaf.signature_hash_algorithm))
        if mode == "wrong-host":
            assert ips == [] and san.get_values_for_type(x509.DNSName) == ["wrong-host.invalid"]
            assert leaf.not_valid_after_utc > now
        if mode == "expired":
            assert leaf.not_valid_after_utc < now
            assert "127.0.0.1" in ips
        st = sandbox_util.wait_until_idle(cfg)
        assert st["request_bodies_received"] == 1 and st["requests"] == {PATHS["pagsmile"]: 1}
        assert st["app_bytes_received"] == len(sent)


def test_app_bytes_received_counts_every_byte_after_the_handshake(sb):
    """The counter the bad-certificate tests rely on: a connection that only
    completes the handshake adds 0; a partial request line adds its bytes;
    reset-stats zeroes it."""
    reset_stats(sb)
    port = port_of(sb["base_url"])
    ctx = ssl.create_default_context(cafile=sb["ca_file"])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1"):
            pass
    st = sandbox_util.wait_until_idle(sb)
    assert st["connections_accepted"] == 1 and st["tls_handshake_failures"] == 0
    assert st["app_bytes_received"] == 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
            s.sendall(b"POST /api/")
    st = sandbox_util.wait_until_idle(sb)
    assert st["app_bytes_received"] == 10 and st["requests"] == {}
    reset_stats(sb)
    assert get_stats(sb)["app_bytes_received"] == 0


def test_valid_tls_chain(sb):
    with socket.create_connection(("127.0.0.1", port_of(sb["base_url"])), timeout=10) as raw:
        with tls_context(sb).wrap_socket(raw, server_hostname="127.0.0.1") as s:
            assert s.version() in ("TLSv1.2", "TLSv1.3")
    for host in ("localhost",):
        with socket.create_connection(("127.0.0.1", port_of(sb["base_url"])), timeout=10) as raw:
            with tls_context(sb).wrap_socket(raw, server_hostname=host) as s:
                assert s.getpeercert()["subjectAltName"]


# ---------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("gateway, form", [(g, False) for g in ALL] + [("yabandpay", True)])
def test_notify_function(sb, gateway, form):
    mod = load_sandbox_module()
    rec = Receiver(sb, gateway)
    try:
        res = mod.send_notification(gateway, rec.url, dict(sb), form=form)
        assert res["status"] == 200
        assert res["ack_ok"] is True, res["reason"]
        assert len(rec.received) == 1
        path, headers, body = rec.received[0]
        assert path == "/hooks/%s?x=1" % gateway
        check_notification(sb, gateway, path, headers, body)
    finally:
        rec.close()


@pytest.mark.parametrize("gateway", ALL)
def test_notify_detects_a_wrong_answer(sb, gateway):
    mod = load_sandbox_module()
    rec = Receiver(sb, gateway, answer_ok=False)
    try:
        assert mod.send_notification(gateway, rec.url, dict(sb))["ack_ok"] is False
    finally:
        rec.close()
    if gateway == "worldfirst":
        rec = Receiver(sb, gateway, wrong_ack_key=True)
        try:
            res = mod.send_notification(gateway, rec.url, dict(sb))
            assert res["ack_ok"] is False and "signature" in res["reason"]
        finally:
            rec.close()


@pytest.mark.parametrize("gateway", ALL)
def test_notify_command_line(sb, gateway):
    rec = Receiver(sb, gateway)
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", gateway, "--url", rec.url,
                                                              "--config", sb.config_path],
                           capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert len(rec.received) == 1
        check_notification(sb, gateway, *rec.received[0])
    finally:
        rec.close()
    rec = Receiver(sb, gateway, answer_ok=False)
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", gateway, "--url", rec.url,
                                                              "--config", sb.config_path],
                           capture_output=True, timeout=60)
        assert r.returncode == 1
    finally:
        rec.close()


def test_notify_without_config_uses_fixed_credentials(sb):
    rec = Receiver(sb, "pagsmile")
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", "pagsmile", "--url", rec.url],
                           capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr
        check_notification(sb, "pagsmile", *rec.received[0])
    finally:
        rec.close()
    r = subprocess.run(sandbox_util.sandbox_command() + ["notify", "--gateway", "payermax", "--url",
                                                          "http://127.0.0.1:9/x"], capture_output=True, timeout=60)
    assert r.returncode == 1 and b"--config" in r.stderr


# ---------------------------------------------------------------------------
# Logs never hold card data (runs last in this module: it reads the whole log)
# ---------------------------------------------------------------------------


def test_logs_hold_no_card_data(sb):
    pagsmile_call(sb)
    pagsmile_call(sb, card_number=BAD_LUHN)
    yaband_call(sb, yaband_request(sb))
    wf_call(sb, "ASSET-LOG")
    send(sb, "/%s/%s" % (CARD, CVV), b"{}")     # even a path holding card data
    send(sb, "/_sandbox/%s/%s" % (CARD, CVV), b"{}")
    time.sleep(0.2)
    log = sb.log_text()
    assert "POST /api/getcardtoken 200" in log
    assert "POST /Payments 200" in log
    assert "POST (other path) 404" in log
    assert_log_holds_no_card_data(sb)
