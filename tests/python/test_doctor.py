"""The signature doctor (README "Signature doctor"): `python -m cardtoken
doctor|sign`, cardtoken.doctor() and cardtoken.explain_signature().

Expected values are independent of the core: the vectors' strings to sign
and signatures (tests/vectors/gen_*.py), recomputed here with hashlib, hmac
and cryptography; the masking is redone here from the arguments. Offline: the
clients are built, never used to send.
"""

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import urllib.parse

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import cardtoken
from conftest import CANARY_CARD, CANARY_CVV, OPS, canary_forms, find_canary, load_vectors

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
KEYS = os.path.join(REPO, "tests", "vectors", "keys")
FT = "2022-01-22T10:00:00.500+08:00"
CANARY_SECRET = "SecretCanary-q8Zt3LmW"


def key(name):
    with open(os.path.join(KEYS, name), encoding="utf-8") as f:
        return f.read()


def pem_lines(pem):
    """The base64 lines of a PEM (key material: never printed)."""
    return [ln for ln in pem.splitlines() if ln and not ln.startswith("-----")]


RSA_GW = ("payermax", "worldfirst")


def rsa_config(gw, **over):
    cfg = {
        "private_key": key("merchant_private.pem"),
        "gateway_public_key": key("gateway_public.pem"),
        "merchant_public_key": key("merchant_public.pem"),
        "base_url": "https://127.0.0.1:9",
        "fixed_time": FT,
    }
    if gw == "payermax":
        cfg.update(app_id="46153e2b787241ae8b01857bb087d1bd", merchant_no="010229810189301")
    else:
        cfg.update(client_id="SANDBOX5YB7RZ2N00001")
    cfg.update(over)
    return {k: v for k, v in cfg.items() if v is not None}


def secret_config(gw, **over):
    if gw == "pagsmile":
        cfg = {"merchant_no": "102320170519", "app_id": "2017051914172236111", "app_key": CANARY_SECRET}
    else:
        cfg = {"user": "016683", "secret_key": CANARY_SECRET}
    cfg.update(base_url="https://127.0.0.1:9", fixed_time=FT)
    cfg.update(over)
    return cfg


def run_cli(tmp_path, *argv, config=None):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "cardtoken", argv[0], "--config", str(path), *argv[1:]],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(tmp_path),
    )
    return p


def assert_no_secrets(text, config):
    """No key line, no secret option, no canary card or CVV in text."""
    assert find_canary(text) == []
    for name, value in config.items():
        if not isinstance(value, str):
            continue
        if name in ("private_key",):
            for line in pem_lines(value):
                assert line not in text, "key material of %s printed" % name
        if name in ("app_key", "secret_key"):
            for form in canary_forms(value):
                assert form not in text, "secret %s printed" % name


# ---------------------------------------------------------------- sign


# The arguments docs/operations.md marks secret, at any depth (card numbers
# keep their first six and last four digits, the others become ***).
PAN_KEYS = {"card_number", "card_identifier_no"}
WORD_KEYS = {"security_code", "cvv", "token", "payment_token_object", "payment_token_id", "auth_code",
             "refresh_token"}


def sensitive_values(args):
    """(card numbers, CVVs and tokens) among the arguments, at any depth."""
    pans, words = set(), set()

    def walk(v, k=None):
        if isinstance(v, dict):
            for kk, vv in v.items():
                walk(vv, kk)
        elif isinstance(v, list):
            for x in v:
                walk(x, k)
        elif isinstance(v, str) and k in PAN_KEYS:
            pans.add(v)
        elif isinstance(v, str) and k in WORD_KEYS and v:
            words.add(v)

    walk(args)
    return pans, words


def expected_printable(gw, op, sts, cfg, args):
    """The vector's string to sign masked the documented way, done here."""
    out = sts
    masked = False
    if gw == "pagsmile":
        tail = "&key=" + cfg["app_key"]
        assert out.endswith(tail)
        out = out[: -len(tail)]
    pans, words = sensitive_values(args)
    for pan in pans:
        if pan in out:
            out = out.replace(pan, pan[:6] + "*" * (len(pan) - 10) + pan[-4:])
            masked = True
    for word in words:
        for before in ("=", '"', ":"):
            for after in ("&", '"', "\\"):
                if before + word + after in out:
                    out = out.replace(before + word + after, before + "***" + after)
                    masked = True
        if out.endswith("=" + word):
            out = out[: -len(word)] + "***"
            masked = True
    if gw == "pagsmile":
        out += "&key=<app_key>"
    return out, masked


def check_signature(gw, cfg, sts, sig):
    """The printed signature recomputed / verified over the vector's string."""
    if gw == "pagsmile":
        assert sig == hashlib.md5(sts.encode("utf-8")).hexdigest()
    elif gw == "yabandpay":
        assert sig == hmac.new(cfg["secret_key"].encode(), sts.encode("utf-8"), hashlib.sha256).hexdigest()
    else:
        text = cfg["private_key"]
        if text.lstrip().startswith("-----"):
            priv = serialization.load_pem_private_key(text.encode(), None)
        else:  # bare base64 of PKCS#8 or PKCS#1
            priv = serialization.load_der_private_key(base64.b64decode("".join(text.split())), None)
        priv.public_key().verify(base64.b64decode(sig), sts.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())


SIGN_VECTORS = [
    (name, v) for name, v in load_vectors() if v["kind"] == "call" and "build" in v and "string_to_sign" in v["build"]
]


def test_sign_vectors_cover_every_gateway():
    assert {v["gateway"] for _, v in SIGN_VECTORS} == set(OPS)


@pytest.mark.parametrize("name,vec", SIGN_VECTORS, ids=[n for n, _ in SIGN_VECTORS])
def test_explain_signature_matches_vector(name, vec):
    gw = vec["gateway"]
    op = vec.get("op", OPS[gw])
    exp = vec["build"]
    info = cardtoken.explain_signature(gw, vec["config"], op, vec["args"])
    assert info["gateway"] == gw and info["operation"] == op
    # the signature printed is the one on the wire and is right
    sig = info["signature"]
    wire = exp["signature"]
    assert sig == wire or urllib.parse.quote(sig, safe="") == wire
    check_signature(gw, vec["config"], exp["string_to_sign"], sig)
    # the string printed is the string signed, masked only where card data is
    want, masked = expected_printable(gw, op, exp["string_to_sign"], vec["config"], vec["args"])
    assert info["signed"] == want
    assert info["masked"] is masked
    assert info["secret_shown_as"] == ("<app_key>" if gw == "pagsmile" else None)
    for secret in ("app_key", "secret_key"):
        if secret in vec["config"]:
            assert vec["config"][secret] not in json.dumps(info)


@pytest.mark.parametrize("gw", ["pagsmile", "yabandpay"])
def test_sign_cli_masks_canary_card(gw, tmp_path):
    cfg = secret_config(gw)
    if gw == "pagsmile":
        args = dict(card_number=CANARY_CARD, security_code=CANARY_CVV, expiration_month="12",
                    expiration_year="2030", cardholder_name="APRO")
        op = "get_card_token"
    else:
        args = dict(order_id="ORD-1", card_number=CANARY_CARD, security_code=CANARY_CVV, expiration_month="12",
                    expiration_year="2030", cardholder_name="John Smith", email="j@example.com",
                    currency="EUR", description="Card token", notify_url="https://m.example.com/n",
                    request_id="a7z1lox4l6z6mdx1udgn5gtezasze1x0")
        op = "create_card_token"
    for extra in ([], ["--json"]):
        p = run_cli(tmp_path, "sign", "--gateway", gw, "--op", op, "--args", json.dumps(args), *extra, config=cfg)
        assert p.returncode == 0, p.stderr
        assert_no_secrets(p.stdout + p.stderr, cfg)
        assert CANARY_CARD[:6] + "******" + CANARY_CARD[-4:] in p.stdout
    # the signature printed is what build_<op> sends
    info = json.loads(p.stdout)
    with getattr(cardtoken, {"pagsmile": "Pagsmile", "yabandpay": "YabandPay"}[gw])(**cfg) as client:
        body = json.loads(getattr(client, "build_" + op)(**args).body)
    assert body["sign"] == info["signature"]
    assert info["masked"] is True


@pytest.mark.parametrize("gw", ["pagsmile", "yabandpay"])
def test_sign_cli_verbatim_without_card_data(gw, tmp_path):
    cfg = secret_config(gw)
    if gw == "pagsmile":
        args = {"trade_no": "T2022012210000001"}
        want = "app_id=%s&merchant_no=%s&trade_no=%s" % (cfg["app_id"], cfg["merchant_no"], args["trade_no"])
        secret_tail = "&key=" + cfg["app_key"]
    else:
        args = {"trade_id": "2b2aa1af-6e97-4c01-8c52-86200bf66c82"}
        t = 1642816800  # FT in Unix seconds
        want = "method=v3.QueryOrder&time=%d&trade_id=%s&user=%s" % (t, args["trade_id"], cfg["user"])
        secret_tail = ""
    p = run_cli(tmp_path, "sign", "--gateway", gw, "--op", "query_order", "--args", json.dumps(args), config=cfg)
    assert p.returncode == 0, p.stderr
    assert_no_secrets(p.stdout + p.stderr, cfg)
    printed = p.stdout.split("-----\n")[1].rstrip("\n")
    assert "verbatim" in p.stdout
    if gw == "pagsmile":
        assert printed == want + "&key=<app_key>"
        sig = hashlib.md5((want + secret_tail).encode()).hexdigest()
    else:
        assert printed == want
        sig = hmac.new(cfg["secret_key"].encode(), want.encode(), hashlib.sha256).hexdigest()
    assert p.stdout.rstrip("\n").splitlines()[-1] == sig


@pytest.mark.parametrize("gw", RSA_GW)
def test_sign_cli_rsa_verifies(gw, tmp_path):
    cfg = rsa_config(gw)
    args = {"user_id": "user-0001"} if gw == "payermax" else {"asset_id": "2022012210000000000000001"}
    p = run_cli(tmp_path, "sign", "--gateway", gw, "--op", OPS[gw], "--args", json.dumps(args), "--json", config=cfg)
    assert p.returncode == 0, p.stderr
    assert_no_secrets(p.stdout + p.stderr, cfg)
    info = json.loads(p.stdout)
    assert info["masked"] is False
    pub = serialization.load_pem_public_key(key("merchant_public.pem").encode())
    pub.verify(base64.b64decode(info["signature"]), info["signed"].encode(), padding.PKCS1v15(), hashes.SHA256())
    cls = {"payermax": cardtoken.PayerMax, "worldfirst": cardtoken.WorldFirst}[gw]
    with cls(**{k: v for k, v in cfg.items() if k != "merchant_public_key"}) as client:
        req = getattr(client, "build_" + OPS[gw])(**args)
    headers = dict(req.headers)
    if gw == "payermax":
        assert headers["sign"] == info["signature"]
        assert info["signed"] == req.body.decode()
    else:
        assert "signature=" + urllib.parse.quote(info["signature"], safe="") in headers["Signature"]
        path = urllib.parse.urlsplit(req.url).path
        assert info["signed"] == "POST %s\n%s.%s.%s" % (
            path, cfg["client_id"], headers["Request-Time"], req.body.decode())


def test_sign_cli_bad_arguments_exit_1_without_card(tmp_path):
    cfg = secret_config("pagsmile")
    args = dict(card_number=CANARY_CARD[:-1] + "0", security_code=CANARY_CVV, expiration_month="13",
                expiration_year="2030", cardholder_name="APRO")
    p = run_cli(tmp_path, "sign", "--gateway", "pagsmile", "--op", "get_card_token", "--args", json.dumps(args),
                config=cfg)
    assert p.returncode == 1
    assert "ValidationError" in p.stderr
    assert_no_secrets(p.stdout + p.stderr, cfg)
    assert CANARY_CARD[:-1] not in p.stdout + p.stderr


def test_explain_needs_a_keeping_client():
    with cardtoken.YabandPay(**secret_config("yabandpay")) as client:
        req = client.build_query_order(trade_id="T1")
        with pytest.raises(cardtoken.ValidationError):
            cardtoken._cardtoken._explain(req)


# ---------------------------------------------------------------- doctor


def codes(report, level=None):
    return {(f["code"], f["field"]) for f in report["findings"] if level is None or f["level"] == level}


@pytest.mark.parametrize("gw", ["pagsmile", "payermax", "yabandpay", "worldfirst"])
def test_doctor_good_config(gw, tmp_path):
    cfg = rsa_config(gw) if gw in RSA_GW else secret_config(gw)
    p = run_cli(tmp_path, "doctor", "--gateway", gw, config=cfg)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "result: OK" in p.stdout
    assert_no_secrets(p.stdout + p.stderr, cfg)
    report = cardtoken.doctor(gw, cfg)
    assert report["ok"] is True and report["errors"] == 0
    assert ("client_ok", "base_url") in codes(report, "ok")
    if gw in RSA_GW:
        assert ("key_pair_ok", "merchant_public_key") in codes(report, "ok")
        assert ("key_version_ok", "key_version") in codes(report, "ok")


@pytest.mark.parametrize("gw", RSA_GW)
def test_doctor_mismatched_key_pair(gw, tmp_path):
    cfg = rsa_config(gw, merchant_public_key=key("spec_t1_public.pem"))
    p = run_cli(tmp_path, "doctor", "--gateway", gw, "--json", config=cfg)
    assert p.returncode == 1
    report = json.loads(p.stdout)
    assert ("key_pair_mismatch", "merchant_public_key") in codes(report, "error")
    assert report["ok"] is False
    assert_no_secrets(p.stdout + p.stderr, cfg)


@pytest.mark.parametrize("gw,version", [("payermax", "2"), ("worldfirst", "1"), ("payermax", "v1")])
def test_doctor_wrong_key_version(gw, version, tmp_path):
    cfg = rsa_config(gw, key_version=version)
    p = run_cli(tmp_path, "doctor", "--gateway", gw, config=cfg)
    assert p.returncode == 1
    assert "key_version_wrong" in p.stdout
    assert ("key_version_wrong", "key_version") in codes(cardtoken.doctor(gw, cfg), "error")


@pytest.mark.parametrize("gw", RSA_GW)
def test_doctor_small_key(gw, tmp_path):
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pem = small.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    cfg = rsa_config(gw, private_key=pem, merchant_public_key=None)
    p = run_cli(tmp_path, "doctor", "--gateway", gw, config=cfg)
    assert p.returncode == 1
    report = cardtoken.doctor(gw, cfg)
    errors = [f for f in report["findings"] if f["level"] == "error"]
    assert [(f["code"], f["field"]) for f in errors] == [("key_too_small", "private_key")]
    assert "1024-bit" in errors[0]["message"]
    assert_no_secrets(p.stdout + p.stderr, cfg)


@pytest.mark.parametrize("gw", RSA_GW)
def test_doctor_bad_pem(gw, tmp_path):
    good = key("merchant_private.pem")
    lines = good.splitlines()
    lines[3] = lines[3][:10] + "!!" + lines[3][12:]
    cfg = rsa_config(gw, private_key="\n".join(lines), gateway_public_key="not a key")
    p = run_cli(tmp_path, "doctor", "--gateway", gw, "--json", config=cfg)
    assert p.returncode == 1
    report = json.loads(p.stdout)
    assert ("key_unreadable", "private_key") in codes(report, "error")
    assert ("key_unreadable", "gateway_public_key") in codes(report, "error")
    assert_no_secrets(p.stdout + p.stderr, dict(cfg, private_key=good))
    for line in pem_lines("\n".join(lines)):
        assert line not in p.stdout + p.stderr


@pytest.mark.parametrize("gw", RSA_GW)
def test_doctor_gateway_key_is_merchant_key(gw):
    report = cardtoken.doctor(gw, rsa_config(gw, gateway_public_key=key("merchant_public.pem")))
    assert ("gateway_key_is_merchant_key", "gateway_public_key") in codes(report, "error")


def test_doctor_missing_options_and_plain_http():
    report = cardtoken.doctor("pagsmile", {"merchant_no": "1", "base_url": "http://gateway.example.com"})
    errs = codes(report, "error")
    assert ("option_missing", "app_id") in errs and ("option_missing", "app_key") in errs
    report = cardtoken.doctor("yabandpay", secret_config("yabandpay", base_url="http://gateway.example.com"))
    assert codes(report, "error") == {("endpoint_insecure", "base_url")}
    report = cardtoken.doctor("yabandpay", secret_config("yabandpay", base_url="http://127.0.0.1:8080"))
    assert report["ok"] is True


def test_doctor_config_file_reads_at_paths(tmp_path):
    for name in ("merchant_private.pem", "gateway_public.pem", "merchant_public.pem"):
        (tmp_path / name).write_text(key(name), encoding="utf-8")
    cfg = rsa_config("payermax", private_key="@merchant_private.pem", gateway_public_key="@gateway_public.pem",
                     merchant_public_key="@merchant_public.pem")
    p = run_cli(tmp_path, "doctor", "--gateway", "payermax", config=cfg)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "key_pair_ok" in p.stdout
    assert_no_secrets(p.stdout + p.stderr, rsa_config("payermax"))


def test_doctor_unknown_gateway_is_usage_error(tmp_path):
    p = run_cli(tmp_path, "doctor", "--gateway", "nope", config={})
    assert p.returncode == 2


# ---------------------------------------------------------------- online (the loopback sandbox)


def test_doctor_online_clock(sandbox, tmp_path):
    cfg = dict(sandbox["pagsmile"])
    p = run_cli(tmp_path, "doctor", "--gateway", "pagsmile", "--online", config=cfg)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "clock_ok" in p.stdout
    assert_no_secrets(p.stdout + p.stderr, cfg)
    # a clock an hour ahead (the client's fixed_time) is an error
    report = cardtoken.doctor("pagsmile", dict(cfg, fixed_time="2030-01-01T00:00:00Z"), online=True)
    assert [(f["code"], f["level"]) for f in report["findings"] if f["code"].startswith("clock")] == [
        ("clock_skew", "error")
    ]
    # offline: no request, no clock finding
    assert not [f for f in cardtoken.doctor("pagsmile", cfg)["findings"] if f["code"].startswith("clock")]


def test_doctor_online_verifies_tls(sandbox):
    cfg = {k: v for k, v in sandbox["yabandpay"].items() if k != "ca_file"}
    report = cardtoken.doctor("yabandpay", cfg, online=True)
    assert ("endpoint_unreachable", "base_url") in codes(report, "error")
    assert "certificate" in [f for f in report["findings"] if f["code"] == "endpoint_unreachable"][0]["message"]
