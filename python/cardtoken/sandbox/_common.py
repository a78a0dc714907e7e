"""Shared helpers of the sandbox (cardtoken.sandbox): JSON, field checks,
time formats, RSA, request targets, the log. Independent of the cardtoken core
by design: the standard library and `cryptography` only."""

import base64
import datetime
import json
import re
import secrets
import sys
import threading
import urllib.parse

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa



_log_lock = threading.Lock()


def _log(line):
    with _log_lock:
        try:
            sys.stderr.write("[cardtoken.sandbox] " + line + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def _json_bytes(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _luhn_ok(number):
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_DIGITS = re.compile(r"[0-9]+\Z")


def _is_digits(value, lo, hi):
    return (
        isinstance(value, str)
        and lo <= len(value) <= hi
        and value.isascii()
        and _DIGITS.match(value) is not None
    )


def _card_number_ok(value):
    return _is_digits(value, 12, 19) and _luhn_ok(value)


def _month_ok(value):
    return _is_digits(value, 2, 2) and 1 <= int(value) <= 12


def _text_ok(value, lo, hi):
    if not isinstance(value, str) or not lo <= len(value) <= hi:
        return False
    return not any(ord(c) < 0x20 or ord(c) == 0x7F for c in value)


def _rfc3339_ms(dt):
    """2022-01-22T10:00:00.500+08:00 (or Z for UTC, as Java's XXX prints it)."""
    base = dt.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d" % (dt.microsecond // 1000)
    off = dt.utcoffset() or datetime.timedelta(0)
    if off == datetime.timedelta(0):
        return base + "Z"
    sign = "+" if off >= datetime.timedelta(0) else "-"
    mins = abs(int(off.total_seconds())) // 60
    return base + "%s%02d:%02d" % (sign, mins // 60, mins % 60)


def _iso_seconds(dt):
    """2019-04-04T12:08:56+08:00 (WorldFirst Request-Time / Response-Time)."""
    return dt.replace(microsecond=0).isoformat()


def _rsa_sign(private_key, data):
    return private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def _rsa_verify(public_key, signature, data):
    try:
        public_key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        return True
    except InvalidSignature:
        return False


def _b64decode_strict(text):
    if not isinstance(text, str) or not text or not text.isascii():
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        return None


def _pem_private(key):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def _pem_public(key):
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def _load_private_pem(text):
    data = text.encode("ascii") if isinstance(text, str) else text
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("not an RSA private key")
    return key



def notify_key(cfg, gateway):
    """The gateway private key (of a sandbox config) that signs `gateway`'s
    notifications."""
    pem = (cfg.get("gateway_private_keys") or {}).get(gateway)
    if not pem:
        raise ValueError("%s notifications need the sandbox's gateway key: pass a config "
                         "written by --config-out (or --keys-dir)" % gateway)
    return _load_private_pem(pem)



def json_object(body):
    """The request body as a JSON object (dict), or None when it is not one."""
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return obj if isinstance(obj, dict) else None


_NOT_JSON = object()


def json_answer(body):
    """The JSON value of an answer body, or _NOT_JSON when it is not JSON."""
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _NOT_JSON




_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})\Z"
)


def parse_rfc3339(text):
    """An RFC 3339 date-time with an offset (any number of fraction digits,
    none included), as an aware datetime; None when it is not one."""
    if not isinstance(text, str):
        return None
    m = _RFC3339.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, off = m.groups()
    if off in ("Z", "z"):
        tz = datetime.timezone.utc
    else:
        oh, om = int(off[1:3]), int(off[4:6])
        if oh > 23 or om > 59:
            return None
        delta = datetime.timedelta(hours=oh, minutes=om)
        tz = datetime.timezone(delta if off[0] == "+" else -delta)
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro, tzinfo=tz)
    except ValueError:
        return None


def origin_path(target):
    """The path (and query) of a request target in origin form ("/p?q") or
    absolute form ("https://host:443/p?q", RFC 9112 3.2.2, as the Alipay
    Python SDK sends it); None for anything else."""
    if target.startswith("/"):
        return target
    parts = urllib.parse.urlsplit(target)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path or "/"
    return path + ("?" + parts.query if parts.query else "")


class Reply:
    """One gateway answer: status, headers (list of pairs), body bytes, and
    what the gateway does after answering (`after`: callables the server
    runs on a thread of their own once the answer is sent)."""

    __slots__ = ("status", "headers", "body", "after")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.after = ()


_NOTJSON_BODY = b"<html><body><h1>Service temporarily unavailable</h1></body></html>"


def _notjson_reply():
    return Reply(200, [("Content-Type", "text/html; charset=utf-8")], _NOTJSON_BODY)


def _response_id():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y%m%d%H%M%S") + "%010d" % secrets.randbelow(10 ** 10)

