"""Shared code of the vector generator (gen.py and gen_<gateway>.py):
primitives (JSON, MD5, HMAC, RSA), the clock, the keys in keys/, and the
case list. Python's standard library and `cryptography` only, never the code
under test."""

import base64
import datetime
import hashlib
import hmac
import json
import os
import unicodedata
import urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "keys")
GATEWAYS = ("pagsmile", "payermax", "yabandpay", "worldfirst")

FT = "2022-01-22T10:00:00.500+08:00"  # default fixed_time
BAD_BUILD = "build signature does not verify"

# ---------------------------------------------------------------------------
# Primitives
# ---------------------------------------------------------------------------


def cj(v):
    """Compact JSON exactly as the core writes it (README "JSON text")."""
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def md5hex(s):
    return hashlib.md5(s.encode("utf-8")).hexdigest()


def hmac_hex(key, s):
    return hmac.new(key.encode("utf-8"), s.encode("utf-8"), hashlib.sha256).hexdigest()


def rsa_sign_b64(priv, data):
    sig = priv.sign(data.encode("utf-8") if isinstance(data, str) else data,
                    padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(sig).decode("ascii")


def rsa_verify_b64(pub, sig_b64, data):
    from cryptography.exceptions import InvalidSignature
    try:
        sig = base64.b64decode(sig_b64, validate=True)
    except Exception:
        return False
    try:
        pub.verify(sig, data.encode("utf-8") if isinstance(data, str) else data,
                   padding.PKCS1v15(), hashes.SHA256())
        return True
    except InvalidSignature:
        return False


def urlenc_sig(b64):
    """WorldFirst: base64 then '+' -> %2B, '/' -> %2F, '=' -> %3D."""
    out = urllib.parse.quote(b64, safe="")
    assert out == b64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return out


def bytewise(keys):
    return sorted(keys, key=lambda k: k.encode("utf-8"))


def strict_loads(text):
    """json.loads that rejects duplicate keys (as the core does)."""
    def hook(pairs):
        d = {}
        for k, v in pairs:
            if k in d:
                raise ValueError("duplicate key %r" % k)
            d[k] = v
        return d
    return json.loads(text, object_pairs_hook=hook)


def luhn_ok(num):
    total = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# ---------------------------------------------------------------------------
# Clock
# ---------------------------------------------------------------------------


def _dt(ft):
    dt = datetime.datetime.fromisoformat(ft)
    assert dt.utcoffset() is not None
    return dt


def _off(dt):
    total = int(dt.utcoffset().total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return "%s%02d:%02d" % (sign, total // 3600, total % 3600 // 60)


# ---------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------


def _pem(label, der):
    b = base64.b64encode(der).decode("ascii")
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)


def _write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def ensure_keys():
    os.makedirs(KEYS, exist_ok=True)
    privs = {}
    for who in ("merchant", "gateway"):
        p = os.path.join(KEYS, who + "_private.pem")
        if not os.path.exists(p):
            k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            _write(p, k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()).decode("ascii"))
        k = serialization.load_pem_private_key(_read(p).encode("ascii"), password=None)
        assert isinstance(k, rsa.RSAPrivateKey) and k.key_size == 2048
        privs[who] = k
        pub = k.public_key()
        der_p8 = k.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
        der_p1 = k.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
                                 serialization.NoEncryption())
        der_spki = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        der_pub1 = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
        b64 = lambda d: base64.b64encode(d).decode("ascii") + "\n"  # noqa: E731
        derived = {
            who + "_public.pem": _pem("PUBLIC KEY", der_spki),
            who + "_public_pkcs1.pem": _pem("RSA PUBLIC KEY", der_pub1),
            who + "_public_spki.b64": b64(der_spki),
            who + "_public_pkcs1.b64": b64(der_pub1),
            who + "_public_label.pem": _pem(who.upper() + " PUBLIC KEY", der_spki),
        }
        if who == "merchant":
            derived.update({
                "merchant_private_pkcs1.pem": _pem("RSA PRIVATE KEY", der_p1),
                "merchant_private_pkcs1.b64": b64(der_p1),
                "merchant_private_pkcs8.b64": b64(der_p8),
                "merchant_private_label.pem": _pem("MERCHANT PRIVATE KEY", der_p8),
            })
        for name, text in derived.items():
            _write(os.path.join(KEYS, name), text)
        # the written PEMs must be what cryptography itself writes
        assert _read(os.path.join(KEYS, who + "_public.pem")) == pub.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
    return privs


def keytext(name):
    return _read(os.path.join(KEYS, name))


def b64text(name):
    """Bare base64 key: one line, no armour, no trailing newline."""
    return keytext(name).strip()


# ---------------------------------------------------------------------------
# The `raw` field (API.md "Lifecycle results"; written independently of the
# core's raw.c from the rule README.md states)
# ---------------------------------------------------------------------------

# result types that carry `raw`, and the lifecycle operations' types (API.md)
RAW_TYPES = {"Payment", "Refund", "TokenApplication", "WorldCard"}
LIFE_RESULT = {"pay_with_token": "Payment", "query_order": "Payment", "refund": "Refund",
               "query_refund": "Refund", "apply_refund": "Refund",
               "apply_payment_token": "TokenApplication", "inquire_apply_request": "TokenApplication",
               "query_card_detail": "WorldCard", "apply_card": "WorldCard", "update_card": "WorldCard",
               "update_card_status": "WorldCard"}
RAW_SECRET_KEYS = {"token", "paymenttoken", "paymenttokenid", "paymenttokenobject", "accesstoken",
                   "refreshtoken", "authcode", "authorizationcode", "cvv", "cvv2", "cvc", "cvc2",
                   "securitycode", "cardcvv", "password", "secret", "cavv", "xid", "authenticationvalue"}
RAW_CARD_KEYS = {"cardno", "cardnumber", "pan", "cardidentifierno", "primaryaccountnumber"}


def _fold(key):
    return key.replace("_", "").replace("-", "").lower()


def _raw_secret(text):
    if not text.isascii():
        return "***"
    return "*" * (len(text) - 4) + text[-4:] if len(text) >= 12 else "***"


def _digit(ch):
    return unicodedata.decimal(ch, None) is not None


def _separator(ch):
    """Neither letter nor digit: ASCII punctuation, symbols and spaces; outside
    ASCII, Unicode punctuation, symbols, separators, marks and format characters."""
    if ch.isascii():
        return not ch.isalnum()
    cat = unicodedata.category(ch)
    return cat[0] in "PSZM" or cat == "Cf"


def _numbers(text):
    """The numbers of the text rule (README "Card data"): digit groups joined
    by at most four separator tokens (ASCII non-letters; a run of white space
    is one token). Yields the index lists of each number's digit groups."""
    for ch in text:
        # outside ASCII: digits, letters, and punctuation, symbols, spaces and
        # marks as separators are modelled; letters C counts as symbols are not
        assert ch.isascii() or not (0x80 <= ord(ch) <= 0xBF and ch.isalpha()), "not modelled here"
    i, n = 0, len(text)
    while i < n:
        if not _digit(text[i]):
            i += 1
            continue
        groups, j = [], i
        while True:
            k = j
            while k < n and _digit(text[k]):
                k += 1
            groups.append(list(range(j, k)))
            m, tokens = k, 0
            while m < n and not _digit(text[m]) and _separator(text[m]) and tokens <= 4:
                tokens += 1
                ws = text[m].isspace() or text[m] == "\u200b"
                m += 1
                while ws and m < n and text[m].isspace():
                    m += 1
            if tokens == 0 or tokens > 4 or m >= n or not _digit(text[m]):
                break
            j = m
        yield groups
        i = groups[-1][-1] + 1


def _luhn_of(text, idx):
    return luhn_ok("".join(str(unicodedata.decimal(text[x])) for x in idx))


def _hide_middle(hide, idx):
    hide.update(idx[6:-4])


def _apply(text, hide):
    return "".join("*" if i in hide else ch for i, ch in enumerate(text))


def _raw_card(text):
    """A member named as a card number: every number of 12+ digits keeps six and four."""
    hide = set()
    for groups in _numbers(text):
        idx = [x for g in groups for x in g]
        if len(idx) >= 12:
            _hide_middle(hide, idx)
    return _apply(text, hide)


def _raw_plain(text):
    """Anywhere else: each run of whole digit groups of a number holding 13-19
    Luhn-valid digits keeps six and four."""
    hide = set()
    for groups in _numbers(text):
        first, last = groups[0][0], groups[-1][-1]
        if (first > 0 and text[first - 1].isalpha()) or (last + 1 < len(text) and text[last + 1].isalpha()):
            continue  # run into letters: part of an id, not a card number
        for a in range(len(groups)):
            idx = []
            for g in groups[a:]:
                idx = idx + g
                if len(idx) > 19:
                    break
                if len(idx) >= 13 and _luhn_of(text, idx):
                    _hide_middle(hide, idx)
    return _apply(text, hide)


def raw_value(v, kind="plain"):
    if isinstance(v, dict):
        return {k: raw_value(x, "secret" if kind == "secret" else
                             "secret" if _fold(k) in RAW_SECRET_KEYS else
                             "card" if _fold(k) in RAW_CARD_KEYS else "plain")
                for k, x in v.items()}
    if isinstance(v, list):
        return [raw_value(x, kind) for x in v]
    if isinstance(v, bool) or v is None:
        return "***" if kind == "secret" and v is not None else v
    if isinstance(v, (int, float)):
        if kind == "secret":
            return _raw_secret(str(v)) if isinstance(v, int) else "***"
        if isinstance(v, float):
            if not (v.is_integer() and -1e19 < v < 1e19):
                return v
            t = str(int(v))
        else:
            t = str(v)
        if kind == "card":
            return _raw_card(t)
        masked = _raw_plain(t)
        return masked if masked != t else v
    if kind == "secret":
        return _raw_secret(v)
    return _raw_card(v) if kind == "card" else _raw_plain(v)


def raw_of(body):
    """The expected `raw` of a response body (JSON text)."""
    return raw_value(strict_loads(body))


# ---------------------------------------------------------------------------
# Case assembly
# ---------------------------------------------------------------------------

ORDER = ("name", "description", "gateway", "kind", "config", "config_error", "op", "result_type", "args", "build",
         "build_error", "response", "result", "error", "notification", "verified", "path", "ack")
CASES = {g: [] for g in GATEWAYS}


def add(gw, name, description, kind, config, **rest):
    c = {"name": name, "description": description, "gateway": gw, "kind": kind, "config": dict(config)}
    c.update(rest)
    assert set(c) <= set(ORDER), set(c) - set(ORDER)
    if kind == "call":
        assert ("build" in c) != ("build_error" in c), name
        if "response" in c:
            assert ("result" in c) != ("error" in c), name
        rtype = c.get("result_type") or LIFE_RESULT.get(c.get("op"))
        if rtype in RAW_TYPES and isinstance(c.get("result"), dict):
            c["result"] = dict(c["result"], raw=raw_of(c["response"]["body"]))
    assert name not in [x["name"] for x in CASES[gw]], name
    CASES[gw].append({k: c[k] for k in ORDER if k in c})


def verr(field):
    return {"code": "CT_ERR_VALIDATION", "field": field}


def cerr(field, code="CT_ERR_CONFIG"):
    return {"code": code, "field": field}


def base_url_cases(gw, cfg, loopback=True):
    """The config cases of every gateway: neither environment nor base_url,
    plain http to a remote host (refused) and, with `loopback`, to 127.0.0.1
    (allowed). Returns `cfg` without its environment."""
    c = {k: v for k, v in cfg.items() if k != "environment"}
    add(gw, "config_missing_environment", "neither environment nor base_url", "config", c,
        config_error=cerr("environment"))
    add(gw, "config_base_url_http_remote", "http only for loopback", "config", dict(c, base_url="http://example.com"),
        config_error=cerr("base_url"))
    if loopback:
        add(gw, "config_base_url_loopback", "http://127.0.0.1:8080 is allowed", "config",
            dict(c, base_url="http://127.0.0.1:8080"))
    return c


def http_cases(gw, cfg, args, build):
    """HTTP status handling, the same for every gateway."""
    add(gw, "http_302_redirect", "3xx is never followed: CT_ERR_REDIRECT", "call", cfg, args=args,
        build=build,
        response={"status": 302, "headers": [["Location", "https://evil.example.com/steal"],
                                             ["Content-Length", "0"]], "body": ""},
        error={"code": "CT_ERR_REDIRECT", "http_status": 302})
    add(gw, "http_429_rate_limited", "429 with Retry-After: 7 seconds", "call", cfg, args=args,
        build=build,
        response={"status": 429, "headers": [["Retry-After", "7"], ["Content-Type", "text/plain"]],
                  "body": "Too Many Requests"},
        error={"code": "CT_ERR_RATE_LIMITED", "http_status": 429, "retry_after": 7})
    add(gw, "http_503_server", "5xx: CT_ERR_SERVER", "call", cfg, args=args, build=build,
        response={"status": 503, "headers": [["Content-Type", "text/html"]],
                  "body": "<html><body>503 Service Unavailable</body></html>"},
        error={"code": "CT_ERR_SERVER", "http_status": 503})
    add(gw, "http_404_status", "other status: CT_ERR_HTTP_STATUS", "call", cfg, args=args, build=build,
        response={"status": 404, "headers": [["Content-Type", "text/html"]], "body": "<h1>Not Found</h1>"},
        error={"code": "CT_ERR_HTTP_STATUS", "http_status": 404})


def key_cases(gw, cfg):
    """Key loading, shared by PayerMax and WorldFirst."""
    for name, opt, text, desc in (
            ("config_private_key_pkcs8_pem", "private_key", keytext("merchant_private.pem"), "PKCS#8 PEM"),
            ("config_private_key_pkcs1_pem", "private_key", keytext("merchant_private_pkcs1.pem"),
             "PKCS#1 PEM (BEGIN RSA PRIVATE KEY)"),
            ("config_private_key_pkcs1_b64", "private_key", b64text("merchant_private_pkcs1.b64"),
             "bare base64 of PKCS#1 DER"),
            ("config_private_key_pkcs8_b64", "private_key", b64text("merchant_private_pkcs8.b64"),
             "bare base64 of PKCS#8 DER"),
            ("config_private_key_other_label", "private_key", keytext("merchant_private_label.pem"),
             "PEM with label MERCHANT PRIVATE KEY (PKCS#8 DER)"),
            ("config_public_key_spki_pem", "gateway_public_key", keytext("gateway_public.pem"), "SPKI PEM"),
            ("config_public_key_pkcs1_pem", "gateway_public_key", keytext("gateway_public_pkcs1.pem"),
             "PKCS#1 PEM (BEGIN RSA PUBLIC KEY)"),
            ("config_public_key_spki_b64", "gateway_public_key", b64text("gateway_public_spki.b64"),
             "bare base64 of SPKI DER"),
            ("config_public_key_pkcs1_b64", "gateway_public_key", b64text("gateway_public_pkcs1.b64"),
             "bare base64 of PKCS#1 DER"),
            ("config_public_key_other_label", "gateway_public_key", keytext("gateway_public_label.pem"),
             "PEM with label GATEWAY PUBLIC KEY (SPKI DER)"),
    ):
        add(gw, name, "%s loads as %s" % (opt, desc), "config", dict(cfg, **{opt: text}))
    pem = keytext("merchant_private.pem").splitlines()
    truncated = "\n".join(pem[:12] + pem[-1:]) + "\n"
    add(gw, "config_private_key_truncated", "a truncated PEM private key", "config",
        dict(cfg, private_key=truncated), config_error=cerr("private_key", "CT_ERR_KEY"))
    add(gw, "config_public_key_as_private_key", "a public key given as private_key", "config",
        dict(cfg, private_key=keytext("merchant_public.pem")), config_error=cerr("private_key", "CT_ERR_KEY"))
    add(gw, "config_gateway_public_key_garbage", "gateway_public_key is not a key", "config",
        dict(cfg, gateway_public_key="not a key"), config_error=cerr("gateway_public_key", "CT_ERR_KEY"))


# ---------------------------------------------------------------------------
# For --check: keys in any encoding, headers, WorldFirst's Signature value
# ---------------------------------------------------------------------------


def _load_priv_any(text):
    text = text.strip()
    if text.startswith("-----BEGIN"):
        lines = text.splitlines()
        der = base64.b64decode("".join(lines[1:-1]))
    else:
        der = base64.b64decode(text)
    try:
        return serialization.load_der_private_key(der, password=None)
    except ValueError:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
        return load_pem_private_key(_pem("RSA PRIVATE KEY", der).encode(), password=None)


def _load_pub_any(text):
    text = text.strip()
    if text.startswith("-----BEGIN"):
        der = base64.b64decode("".join(text.splitlines()[1:-1]))
    else:
        der = base64.b64decode(text)
    try:
        return serialization.load_der_public_key(der)
    except ValueError:
        return serialization.load_pem_public_key(_pem("RSA PUBLIC KEY", der).encode())


def _hget(headers, name):
    for n, v in headers:
        if n.lower() == name.lower():
            return v
    return None


def _wf_sig_value(header):
    for part in header.split(","):
        k, _, v = part.strip().partition("=")
        if k == "signature":
            return urllib.parse.unquote(v)
    return None
