"""cardtoken sandbox: a local HTTPS emulator of the four gateways' card-vault calls.

Run it:
  python -m cardtoken.sandbox [--port N] [--config-out FILE] [--http] [options]
  python -m cardtoken.sandbox notify --gateway G --url URL [--config FILE]
  python3 python/cardtoken/sandbox.py ...   (same thing; needs only the stdlib
                                            and `cryptography`)

It listens on 127.0.0.1 only and serves, at the gateways' real paths:
  POST /api/getcardtoken                                         Pagsmile
  POST /aggregate-pay/api/gateway/inquirePaymentToken            PayerMax
  POST /Payments  (method v3.CreateCardPayments)                 YabandPay
  POST /amsin/api/v2/business/worldcard/queryCardSensitiveInfo   WorldFirst
Every request is verified with the sandbox's own code (hashlib, hmac,
cryptography) and answered as the gateway documents it. A request target may
be in origin form (/path) or absolute form (https://host:port/path, RFC 9112
3.2.2, as the Alipay Python SDK sends it).

TLS. At start it generates a CA and a server certificate for 127.0.0.1, ::1 and
localhost (ECDSA P-256). `--http` serves plain HTTP instead. `--tls MODE` serves
a deliberately bad certificate while still writing the good CA file, for
client tests: `wrong-host` (leaf for wrong-host.invalid only), `self-signed`
(a leaf signed by itself, not chained to the CA file), `expired` (a CA-signed
leaf that expired yesterday). A client must refuse all three.

Config file. `--config-out FILE` writes (atomically: temp file + rename, mode
0600) once every listener is up:
  {"base_url", "ca_file", "stats_url", "reset_stats_url", "redirect_url",
   "pid", "tls", "fault",
   "pagsmile":   {merchant_no, app_id, app_key, base_url, ca_file},
   "payermax":   {app_id, merchant_no, private_key, gateway_public_key,
                  key_version, base_url, ca_file},
   "yabandpay":  {user, secret_key, base_url, ca_file},
   "worldfirst": {client_id, private_key, gateway_public_key, key_version,
                  base_url, ca_file},
   "gateway_private_keys": {"payermax": PEM, "worldfirst": PEM}}
so that a client is built straight from it: cardtoken.Pagsmile(**cfg["pagsmile"]).
Keys are PEM text. `ca_file` is omitted from the gateway objects (and null at
the top) with --http. The CA file is written next to FILE as <stem>-ca.pem.
Without --config-out both go to a private temporary directory whose config
path is printed at start. Both files are removed when the sandbox stops.

Credentials (fixed):
  Pagsmile    merchant_no=102320170519  app_id=2017051914172236111
              app_key=SandboxPagsmileMD5Key
  PayerMax    app_id=46153e2b787241ae8b01857bb087d1bd
              merchant_no=010229810189301  key_version=1
  YabandPay   user=016683  secret_key=SandboxYabandPaySecretKey
  WorldFirst  client_id=SANDBOX5YB7RZ2N00001  key_version=2
RSA keys (PayerMax and WorldFirst, each a merchant pair and a gateway pair,
2048-bit) are generated at every start and only published in the config file,
unless --keys-dir DIR names a directory holding merchant_private.pem and
gateway_private.pem (PEM, PKCS#1 or PKCS#8), used by both gateways (for
example tests/vectors/keys).

Checks made (failure answers, HTTP 200 unless noted):
  Pagsmile    sign missing/empty -> {"code":"403","info":"SIGN_ISNULL"};
              wrong merchant_no/app_id -> 502 MERCHANT_ID_INVALID;
              MD5 mismatch -> 402 SIGN_VERIFY_FAILURE; missing field, bad
              card number (12-19 digits, Luhn), CVV (3-4 digits), month (01-12),
              year (4 digits), holder (1-100) -> 401 SYSTEM_PARAM_ERROR.
  PayerMax    sign header missing or wrong -> SIGN_VERIFY_FAILED; unknown appId
              -> MERCHANT_APP_INVALID; wrong merchantNo -> MERCHANT_INVALID;
              requestTime not an RFC 3339 time with an offset (any
              fraction digits, none included) -> PARAMS_INVALID, more than
              120 s from the sandbox clock -> REQ_TIME_OVER_TIME; version
              other than 1.1, 1.2, 1.4 (what the official SDKs send), bad
              keyVersion/data -> PARAMS_INVALID. Every PayerMax
              response is signed in the `sign` header with the gateway key.
  YabandPay   sign missing or wrong -> {"status":false,"code":"-403"}; unknown
              user -> -2001; missing/bad field or card, 3ds_initiate
              not 01/02 -> -3001; bad request_id -> -4118; the 3DS
              low-value exemption (3ds_initiate 02 or sca_exemption
              LowValue) above the seed's limit for the currency (EUR 30,
              DKK 225, GBP 27, SEK 310, ISK 5000, NOK 325, CHF 32, PLN 135,
              USD 36) or in another currency -> -4120.
  WorldFirst  Client-Id wrong -> INVALID_CLIENT; Signature missing or wrong ->
              INVALID_SIGNATURE; missing Request-Time, bad body or assetId ->
              PARAM_ILLEGAL. Every response carries client-id, response-time
              and signature (lower-case names: the official clients look
              them up that way), signed with the gateway key.

Success answers:
  Pagsmile    {"code":"200","info":{"token":<32 hex>,"card_info":{...}}}
              (payment_method_id "visa" for 4..., "master" for 5..., absent
              otherwise).
  PayerMax    {"msg":"","code":"APPLY_SUCCESS","data":{"tokenList":[...]}}:
              two tokens per userId (VISA and MASTERCARD), filtered by
              paymentTokenID, paymentMethodType and cardOrg when given.
  YabandPay   {"status":true,"code":"200","data":{order_id, trade_id, amount,
              currency, url, state:"processing"},"message":"","response_id":...}
  WorldFirst  result S with the card of --world-card NUMBER:CVV:MM:YY
              (default 4111111111111111:123:12:30).

Faults. `--fault KIND` applies KIND to every gateway request; a single request
selects one with a magic value "FAULT-<kind>" in the argument every call has:
Pagsmile cardholder_name, PayerMax user_id, YabandPay order_id, WorldFirst
asset_id (e.g. cardholder_name="FAULT-reset"). An unknown kind is a parameter
error. The transport faults (delay ... redirect) apply whatever the request
holds; notjson, nosign, badsign and unknown shape the gateway's answer. Kinds:
  delay     sleep --delay-seconds (default 5, at most 300), then answer
  drip      send the headers, then the body one byte every 0.25 s
  reset     read the request, then reset the connection (RST, no answer)
  truncate  announce the full Content-Length, send half the body, close
  http500   HTTP 500
  http429   HTTP 429 with Retry-After: 7
  notjson   HTTP 200 with an HTML body (signed for PayerMax and WorldFirst)
  huge      HTTP 200 with a 10 MiB chunked body (no Content-Length)
  redirect  HTTP 307 to the same path on a second loopback listener that only
            counts connections and bytes received (it never answers)
  nosign    drop the response signature (PayerMax, WorldFirst; no-op others)
  badsign   send a well-formed but wrong response signature (same)
  unknown   WorldFirst: requests for one assetId alternate U
            (UNKNOWN_EXCEPTION), S, U, S ... (reset by reset-stats); no-op
            for the others
Declines: "DECLINE-<code>" in the same argument answers the gateway's failure
with that code after all checks pass: Pagsmile "DECLINE-508" ->
{"code":"508","info":"MERCHANT_STATUS_ISLOCK"}; PayerMax
"DECLINE-MERCHANT_INVALID"; YabandPay "DECLINE--2001"; WorldFirst
"DECLINE-USER_NOT_EXIST" (UNKNOWN_EXCEPTION and REQUEST_TRAFFIC_EXCEED_LIMIT
answer resultStatus U, other codes F).

Other options: `--latency S` delays every gateway answer by S seconds (at most
10; default 0). `--verbose` logs "METHOD PATH STATUS" lines to stderr (quiet by
default; card numbers, CVVs, bodies and keys are never logged).

Stats. A second plain-HTTP listener on 127.0.0.1 (`--stats-port`, default a
free port; its URL is "stats_url" in the config) serves GET /_sandbox/stats and
POST /_sandbox/reset-stats, so stats stay readable under the bad-TLS modes and
reading them never opens a connection on the main listener. The main listener
serves the same two paths too. Stats JSON:
  connections_accepted     TCP connections accepted by the main listener
  connections_closed       connections the sandbox has finished with
  open_connections         connections open now (a gauge, like in_flight:
                           not zeroed by reset-stats); 0 means everything
                           clients sent has been counted
  tls_handshake_failures   of which the TLS handshake failed (a client that
                           checks the host name after the handshake, as
                           libcurl does, just closes: no failure counted)
  requests                 {path: count} of requests received (main listener,
                           /_sandbox/ paths excluded)
  requests_total, request_bodies_received (requests with a non-empty body),
  requests_on_new_connections (requests that were the first counted on their
  connection; the others came over a reused keep-alive connection),
  request_body_bytes, in_flight, max_in_flight, faults {kind: count},
  redirect_target          {"connections", "bytes_received"}
reset-stats zeroes all of them (and the `unknown` alternation state).

Notifications. `notify --gateway G --url URL [--config FILE] [--ca-file F]
[--form] [--token-object]` posts one correctly signed notification of gateway
G to URL, using the credentials and gateway keys of a running sandbox's config
file (PayerMax and WorldFirst need --config or --keys-dir; Pagsmile and
YabandPay fall back to the fixed credentials). YabandPay's
payment_token_object is posted as a JSON string, the documented form;
--token-object nests it as an object, signed as the gateway's PHP server
signs one (the literal "Array"). YabandPay values are signed as PHP's
(string) conversion, for requests and notifications alike. It checks the merchant's answer (`success`,
{"code":"SUCCESS"}, `ok`, and for WorldFirst a SUCCESS result signed with the
merchant key) and exits 0 when the answer is right, 1 otherwise. From Python:
send_notification(gateway, url, config) and build_notification(gateway,
config, url).

The sandbox stops cleanly on SIGTERM or SIGINT (exit status 0).
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import http.client
import http.server
import importlib
import importlib.util
import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import socket
import socketserver
import ssl
import struct
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

try:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
except ImportError:  # pragma: no cover - depends on the environment
    if __name__ == "__main__":
        sys.stderr.write("cardtoken.sandbox needs the `cryptography` package: "
                         "python -m pip install cryptography\n")
        sys.exit(1)
    raise



def _sibling(name):
    """The helper module `name` beside this file: imported from the package,
    or loaded by path when this file runs on its own (python3 sandbox.py)."""
    if __package__:
        return importlib.import_module("." + name, __package__)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".py")
    spec = importlib.util.spec_from_file_location("_cardtoken_sandbox_" + name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_yb_rules = _sibling("_sandbox_yabandpay")
_sdk = _sibling("_sandbox_sdk")

__all__ = [
    "FAULT_KINDS",
    "CREDENTIALS",
    "PATHS",
    "main",
    "build_notification",
    "send_notification",
]

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

PATHS = {
    "pagsmile": "/api/getcardtoken",
    "payermax": "/aggregate-pay/api/gateway/inquirePaymentToken",
    "yabandpay": "/Payments",
    "worldfirst": "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo",
}
ROUTES = {v: k for k, v in PATHS.items()}
_SANDBOX_PATHS = ("/_sandbox/stats", "/_sandbox/reset-stats", "/_sandbox/health")

CREDENTIALS = {
    "pagsmile": {
        "merchant_no": "102320170519",
        "app_id": "2017051914172236111",
        "app_key": "SandboxPagsmileMD5Key",
    },
    "payermax": {
        "app_id": "46153e2b787241ae8b01857bb087d1bd",
        "merchant_no": "010229810189301",
        "key_version": "1",
    },
    "yabandpay": {"user": "016683", "secret_key": "SandboxYabandPaySecretKey"},
    "worldfirst": {"client_id": "SANDBOX5YB7RZ2N00001", "key_version": "2"},
}

FAULT_KINDS = (
    "delay",
    "drip",
    "reset",
    "truncate",
    "http500",
    "http429",
    "notjson",
    "huge",
    "redirect",
    "nosign",
    "badsign",
    "unknown",
)
TLS_MODES = ("valid", "wrong-host", "self-signed", "expired")

DEFAULT_WORLD_CARD = "4111111111111111:123:12:30"
MAX_REQUEST_BODY = 1024 * 1024
HUGE_BODY_SIZE = 10 * 1024 * 1024
HUGE_CHUNK = 64 * 1024
DRIP_INTERVAL = 0.25
MAX_DELAY = 300.0
MAX_LATENCY = 10.0
IDLE_TIMEOUT = 120.0
TLS_HANDSHAKE_TIMEOUT = 10.0
PAYERMAX_WINDOW = 120.0
MAX_UNKNOWN_STATE = 10000

PAGSMILE_MESSAGES = {
    "200": "SUCCESS",
    "300": "WARNING",
    "400": "SYSTEM_ERROR",
    "401": "SYSTEM_PARAM_ERROR",
    "402": "SIGN_VERIFY_FAILURE",
    "403": "SIGN_ISNULL",
    "404": "SIGN_TYPE_ERROR",
    "405": "SIGN_TYPE_ISNULL",
    "501": "MERCHANT_ID_INVALID",
    "502": "MERCHANT_ID_INVALID",
    "508": "MERCHANT_STATUS_ISLOCK",
    "550": "SINGLE_DAY_PAY_LIMIT",
    "551": "IP_REQUEST_TOO_FAST_LIMIT",
    "759": "EMAIL_ISNULL",
}
PAYERMAX_MESSAGES = {
    "SIGN_VERIFY_FAILED": "Signature verification failed",
    "REQ_TIME_OVER_TIME": "The request time exceeds the allowed window",
    "TOO_MANY_REQUEST": "Too many requests",
    "MERCHANT_INVALID": "The merchant is invalid",
    "MERCHANT_APP_INVALID": "The merchant app is invalid",
    "PARAMS_INVALID": "Invalid parameters",
    "SYSTEM_ERROR": "System error",
    "REQUEST_TIMEOUT": "Request timeout",
    "UNEXPECTED_ERROR": "Unexpected error",
}
YABANDPAY_MESSAGES = {
    "-1000": "Internal error",
    "-403": "The signature Error",
    "-2001": "The user not exist",
    "-3001": "Required field is missing",
    "-4118": "Incorrect request ID",
    "-4120": "No operational permissions",
}
WORLDFIRST_RESULTS = {
    "SUCCESS": ("S", "Success"),
    "PARAM_ILLEGAL": ("F", "Illegal parameters exist."),
    "SYSTEM_ERROR": ("F", "System error."),
    "SERVICE_NOT_ALLOWED": ("F", "Service not allowed."),
    "UNKNOWN_EXCEPTION": ("U", "API failed due to unknown reason."),
    "REQUEST_TRAFFIC_EXCEED_LIMIT": ("U", "The request traffic exceeds the limit."),
    "OAUTH_FAIL": ("F", "OAuth process failed."),
    "INVALID_API": ("F", "The called API is invalid or not active."),
    "INVALID_CLIENT": ("F", "The client is invalid."),
    "INVALID_SIGNATURE": ("F", "The signature is invalid."),
    "METHOD_NOT_SUPPORTED": ("F", "The server does not implement the requested HTTP method."),
    "CONTRACT_CHECK_FAIL": ("F", "The contract check has failed."),
    "USER_NOT_EXIST": ("F", "customerId is not correct."),
    "AUTHORIZATION_NOT_EXIST": ("F", "The authorization does not exist."),
    "RISK_REJECT": ("F", "Security reason error, please contact the account manager"),
}

_log_lock = threading.Lock()


def _log(line):
    with _log_lock:
        try:
            sys.stderr.write("[cardtoken.sandbox] " + line + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


# ---------------------------------------------------------------------------
# Small helpers (independent of the cardtoken core by design)
# ---------------------------------------------------------------------------


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


# --- Pagsmile "DriectSign" (PHP empty() rule, PHP json_encode for nested) ---


def _php_empty(value):
    if value is None or value is False:
        return True
    if value is True:
        return False
    if isinstance(value, (int, float)):
        return value == 0
    if isinstance(value, str):
        return value == "" or value == "0"
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


def _php_scalar(value):
    if value is True:
        return "1"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (list, dict)):
        # PHP json_encode: compact, "\/" for "/", \uXXXX for non-ASCII.
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    return str(value)


def pagsmile_sign(fields, app_key):
    """MD5 (lowercase hex) of Pagsmile's string to sign for `fields`."""
    items = sorted(
        ((k, v) for k, v in fields.items() if k != "sign" and not _php_empty(v)),
        key=lambda kv: kv[0].encode("utf-8"),
    )
    text = "&".join("%s=%s" % (k, _php_scalar(v)) for k, v in items) + "&key=" + app_key
    return hashlib.md5(text.encode("utf-8")).hexdigest()


# --- YabandPay (sorted k=v, empties kept, HMAC-SHA256) ---


def yabandpay_sign(fields, secret_key):
    """HMAC-SHA256 hex of the sorted name=value string, each value as the
    gateway's PHP server converts it (_sandbox_yabandpay.php_string)."""
    return _yb_rules.sign(fields, secret_key)


# --- WorldFirst (AMS) ---


def worldfirst_content(path, client_id, time_text, body):
    return ("POST %s\n%s.%s." % (path, client_id, time_text)).encode("utf-8") + body


def worldfirst_signature_header(private_key, content, key_version):
    sig = base64.b64encode(_rsa_sign(private_key, content)).decode("ascii")
    return "algorithm=RSA256,keyVersion=%s,signature=%s" % (
        key_version,
        urllib.parse.quote(sig, safe=""),
    )


def _parse_signature_header(value):
    out = {}
    for part in value.split(","):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------


def _name(cn):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "cardtoken sandbox"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _make_certs(mode):
    """Returns (ca_pem, leaf_chain_pem, leaf_key_pem) for TLS mode `mode`."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("cardtoken sandbox CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    leaf_key = ec.generate_private_key(ec.SECP256R1())
    if mode == "wrong-host":
        cn = "wrong-host.invalid"
        san = [x509.DNSName("wrong-host.invalid")]
    else:
        cn = "localhost"
        san = [
            x509.DNSName("localhost"),
            x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
            x509.IPAddress(ipaddress.ip_address("::1")),
        ]
    if mode == "expired":
        nb, na = now - datetime.timedelta(days=30), now - datetime.timedelta(days=1)
    else:
        nb, na = now - datetime.timedelta(hours=1), now + datetime.timedelta(days=30)
    leaf_name = _name(cn)
    self_signed = mode == "self-signed"
    builder = (
        x509.CertificateBuilder()
        .subject_name(leaf_name)
        .issuer_name(leaf_name if self_signed else ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nb)
        .not_valid_after(na)
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=True,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    )
    if not self_signed:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
    leaf = builder.sign(leaf_key if self_signed else ca_key, hashes.SHA256())
    pem = serialization.Encoding.PEM
    ca_pem = ca_cert.public_bytes(pem)
    chain = leaf.public_bytes(pem) + (b"" if self_signed else ca_pem)
    key_pem = leaf_key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return ca_pem, chain, key_pem


# ---------------------------------------------------------------------------
# Stats
# ---------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self._reset()

    def _reset(self):
        self.connections_accepted = 0
        self.connections_closed = 0
        self.open_connections = 0
        self.tls_handshake_failures = 0
        self.requests = {}
        self.requests_total = 0
        self.requests_on_new_connections = 0
        self.request_bodies_received = 0
        self.request_body_bytes = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.faults = {}
        self.redirect_connections = 0
        self.redirect_bytes = 0
        self.unknown_state = {}

    def reset(self):
        with self._lock:
            # Gauges survive a reset; counters restart from zero.
            in_flight, open_connections = self.in_flight, self.open_connections
            self._reset()
            self.in_flight, self.open_connections = in_flight, open_connections

    def connection(self):
        with self._lock:
            self.connections_accepted += 1
            self.open_connections += 1

    def connection_closed(self):
        with self._lock:
            self.connections_closed += 1
            self.open_connections -= 1

    def tls_failure(self):
        with self._lock:
            self.tls_handshake_failures += 1

    def request(self, path, nbytes, first_on_connection):
        with self._lock:
            self.requests[path] = self.requests.get(path, 0) + 1
            self.requests_total += 1
            if first_on_connection:
                self.requests_on_new_connections += 1
            if nbytes:
                self.request_bodies_received += 1
                self.request_body_bytes += nbytes

    def enter(self):
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self):
        with self._lock:
            self.in_flight -= 1

    def fault(self, kind):
        with self._lock:
            self.faults[kind] = self.faults.get(kind, 0) + 1

    def redirect_connection(self):
        with self._lock:
            self.redirect_connections += 1

    def redirect_data(self, n):
        with self._lock:
            self.redirect_bytes += n

    def next_unknown(self, asset_id):
        """True when this request for asset_id must answer U (odd requests)."""
        with self._lock:
            if asset_id not in self.unknown_state and len(self.unknown_state) >= MAX_UNKNOWN_STATE:
                self.unknown_state.clear()
            n = self.unknown_state.get(asset_id, 0)
            self.unknown_state[asset_id] = n + 1
            return n % 2 == 0

    def snapshot(self):
        with self._lock:
            return {
                "connections_accepted": self.connections_accepted,
                "connections_closed": self.connections_closed,
                "open_connections": self.open_connections,
                "tls_handshake_failures": self.tls_handshake_failures,
                "requests": dict(self.requests),
                "requests_total": self.requests_total,
                "requests_on_new_connections": self.requests_on_new_connections,
                "request_bodies_received": self.request_bodies_received,
                "request_body_bytes": self.request_body_bytes,
                "in_flight": self.in_flight,
                "max_in_flight": self.max_in_flight,
                "faults": dict(self.faults),
                "redirect_target": {
                    "connections": self.redirect_connections,
                    "bytes_received": self.redirect_bytes,
                },
            }


# ---------------------------------------------------------------------------
# The emulated gateways
# ---------------------------------------------------------------------------


class Reply:
    """One gateway answer: status, headers (list of pairs), body bytes."""

    __slots__ = ("status", "headers", "body")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


class Gateways:
    """Verification and answers of the four gateways. No I/O here."""

    def __init__(self, keys, world_card, base_url, stats):
        self.keys = keys
        self.world_card = world_card
        self.base_url = base_url
        self.stats = stats

    # ---- magic values ----

    @staticmethod
    def magic_value(gateway, obj):
        try:
            if gateway == "pagsmile":
                v = obj.get("cardholder_name")
            elif gateway == "payermax":
                v = obj.get("data", {}).get("userId")
            elif gateway == "yabandpay":
                v = obj.get("data", {}).get("order_id")
            else:
                v = obj.get("assetId")
        except AttributeError:
            return None
        return v if isinstance(v, str) else None

    # ---- Pagsmile ----

    def pagsmile(self, headers, body, path, fault):
        creds = CREDENTIALS["pagsmile"]

        def answer(code, info):
            return Reply(200, [("Content-Type", "application/json; charset=utf-8")],
                         _json_bytes({"code": code, "info": info}))

        def fail(code):
            return answer(code, PAGSMILE_MESSAGES.get(code, "DECLINED"))

        if fault == "notjson":
            return _notjson_reply()
        try:
            obj = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return fail("401")
        if not isinstance(obj, dict):
            return fail("401")
        sign = obj.get("sign")
        if sign is None or sign == "":
            return fail("403")
        if obj.get("merchant_no") != creds["merchant_no"] or obj.get("app_id") != creds["app_id"]:
            return fail("502")
        expected = pagsmile_sign(obj, creds["app_key"])
        if not isinstance(sign, str) or not hmac.compare_digest(expected, sign):
            return fail("402")
        card = obj.get("card_number")
        cvv = obj.get("security_code")
        month = obj.get("expiration_month")
        year = obj.get("expiration_year")
        holder = obj.get("cardholder_name")
        if not (
            _card_number_ok(card)
            and _is_digits(cvv, 3, 4)
            and _month_ok(month)
            and _is_digits(year, 4, 4)
            and _text_ok(holder, 1, 100)
        ):
            return fail("401")
        magic = holder
        if magic.startswith("FAULT-") and magic[6:] not in FAULT_KINDS:
            return fail("401")
        if magic.startswith("DECLINE-"):
            return fail(magic[8:])
        card_info = {
            "first_six_digits": card[:6],
            "last_four_digits": card[-4:],
            "expiration_month": int(month),
            "expiration_year": int(year),
            "cardholder_name": holder,
        }
        if card[0] == "4":
            card_info["payment_method_id"] = "visa"
        elif card[0] == "5":
            card_info["payment_method_id"] = "master"
        return answer("200", {"token": secrets.token_hex(16), "card_info": card_info})

    # ---- PayerMax ----

    def payermax(self, headers, body, path, fault):
        creds = CREDENTIALS["payermax"]
        gw_key = self.keys["payermax"]["gateway"]

        def reply(obj, raw=None):
            data = raw if raw is not None else _json_bytes(obj)
            hdrs = [("Content-Type", "application/json; charset=utf-8")]
            if fault == "badsign":
                hdrs.append(("sign", base64.b64encode(_rsa_sign(gw_key, data + b" ")).decode("ascii")))
            elif fault != "nosign":
                hdrs.append(("sign", base64.b64encode(_rsa_sign(gw_key, data)).decode("ascii")))
            return Reply(200, hdrs, data)

        def fail(code, detail=None):
            msg = PAYERMAX_MESSAGES.get(code, "Declined")
            if detail:
                msg = "%s: %s" % (msg, detail)
            return reply({"msg": msg, "code": code})

        if fault == "notjson":
            return reply(None, raw=_NOTJSON_BODY)
        sign = headers.get("sign")
        if not sign:
            return fail("SIGN_VERIFY_FAILED", "sign header missing")
        try:
            obj = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return fail("PARAMS_INVALID", "body is not JSON")
        if not isinstance(obj, dict):
            return fail("PARAMS_INVALID", "body is not an object")
        if obj.get("appId") != creds["app_id"]:
            return fail("MERCHANT_APP_INVALID")
        sig = _b64decode_strict(sign)
        if sig is None or not _rsa_verify(self.keys["payermax"]["merchant_public"], sig, body):
            return fail("SIGN_VERIFY_FAILED")
        if obj.get("version") not in _sdk.PAYERMAX_VERSIONS:
            return fail("PARAMS_INVALID", "version")
        if obj.get("keyVersion") != creds["key_version"]:
            return fail("PARAMS_INVALID", "keyVersion")
        if "merchantNo" in obj and obj["merchantNo"] != creds["merchant_no"]:
            return fail("MERCHANT_INVALID")
        when = _sdk.parse_rfc3339(obj.get("requestTime"))
        if when is None:
            return fail("PARAMS_INVALID", "requestTime")
        now = datetime.datetime.now(datetime.timezone.utc)
        if abs((now - when).total_seconds()) > PAYERMAX_WINDOW:
            return fail("REQ_TIME_OVER_TIME")
        data = obj.get("data")
        if not isinstance(data, dict):
            return fail("PARAMS_INVALID", "data")
        user_id = data.get("userId")
        if not _text_ok(user_id, 1, 64):
            return fail("PARAMS_INVALID", "userId")
        limits = {
            "tokenScope": 16,
            "paymentTokenID": 64,
            "paymentMethodType": 32,
            "targetOrg": 32,
            "cardOrg": 32,
            "referralCode": 64,
        }
        for name, hi in limits.items():
            v = data.get(name)
            if v is not None and not _text_ok(v, 0, hi):
                return fail("PARAMS_INVALID", name)
        scope = data.get("tokenScope") or "tokenAcq"
        if scope not in ("tokenAcq", "tokenMit"):
            return fail("PARAMS_INVALID", "tokenScope")
        if data.get("paymentMethodType") == "CARD" and data.get("targetOrg"):
            return fail("PARAMS_INVALID", "targetOrg")
        if user_id.startswith("FAULT-") and user_id[6:] not in FAULT_KINDS:
            return fail("PARAMS_INVALID", "userId")
        if user_id.startswith("DECLINE-"):
            return fail(user_id[8:])
        tokens = _payermax_tokens(user_id, scope, data)
        return reply({"msg": "", "code": "APPLY_SUCCESS", "data": {"tokenList": tokens}})

    # ---- YabandPay ----

    def yabandpay(self, headers, body, path, fault):
        creds = CREDENTIALS["yabandpay"]

        def fail(code, detail=None):
            msg = YABANDPAY_MESSAGES.get(code, "Declined")
            if detail:
                msg = "%s: %s" % (msg, detail)
            return Reply(200, [("Content-Type", "application/json; charset=utf-8")],
                         _json_bytes({"status": False, "code": code, "message": msg,
                                      "response_id": _response_id()}))

        if fault == "notjson":
            return _notjson_reply()
        try:
            obj = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return fail("-3001", "body is not JSON")
        if not isinstance(obj, dict) or not isinstance(obj.get("data"), dict):
            return fail("-3001", "data")
        sign = obj.get("sign")
        if not isinstance(sign, str) or not sign:
            return fail("-403")
        if obj.get("user") != creds["user"]:
            return fail("-2001")
        data = obj["data"]
        fields = {k: v for k, v in obj.items() if k not in ("sign", "data")}
        fields.update(data)
        expected = yabandpay_sign(fields, creds["secret_key"])
        if not hmac.compare_digest(expected, sign):
            return fail("-403")
        if obj.get("method") != "v3.CreateCardPayments":
            return fail("-3001", "method")
        t = obj.get("time")
        if isinstance(t, bool) or not (isinstance(t, int) or (isinstance(t, str) and t.isdigit())):
            return fail("-3001", "time")

        def s(name):
            v = data.get(name)
            if isinstance(v, bool):
                return None
            if isinstance(v, int):
                return str(v)
            return v if isinstance(v, str) else None

        required = ("pay_method", "sub_pay_method", "operation", "order_id", "token_type",
                    "3ds_initiate", "cardinfo", "amount", "currency", "description",
                    "timeout", "notify_url", "request_id")
        for name in required:
            if not s(name):
                return fail("-3001", name)
        if s("pay_method") != "online" or s("sub_pay_method") != "Card":
            return fail("-3001", "pay_method")
        operation = s("operation")
        if operation not in ("10", "11", "12"):
            return fail("-3001", "operation")
        order_id = s("order_id")
        if not _text_ok(order_id, 1, 64):
            return fail("-3001", "order_id")
        if s("token_type") not in ("CIT", "MIT"):
            return fail("-3001", "token_type")
        if s("3ds_initiate") not in _yb_rules.THREE_DS_CODES:
            return fail("-3001", "3ds_initiate")
        amount = s("amount")
        if not re.match(r"[0-9]+(\.[0-9]{1,3})?\Z", amount):
            return fail("-3001", "amount")
        zero = float(amount) == 0
        if (operation == "10") != zero:
            return fail("-3001", "amount")
        currency = s("currency")
        if not re.match(r"[A-Z]{3}\Z", currency):
            return fail("-3001", "currency")
        if not _text_ok(s("description"), 1, 256):
            return fail("-3001", "description")
        refusal = _yb_rules.low_value_refusal(data)
        if refusal:
            return fail("-4120", refusal)
        timeout = s("timeout")
        if not _is_digits(timeout, 1, 4) or int(timeout) > 1440:
            return fail("-3001", "timeout")
        url_re = re.compile(r"https?://\S+\Z")
        if not url_re.match(s("notify_url")):
            return fail("-3001", "notify_url")
        if "redirect_url" in data and data["redirect_url"] not in ("", None):
            if not isinstance(data["redirect_url"], str) or not url_re.match(data["redirect_url"]):
                return fail("-3001", "redirect_url")
        if "form_type" in data and data["form_type"] not in ("01", "02"):
            return fail("-3001", "form_type")
        if not re.match(r"[A-Za-z0-9]{1,64}\Z", s("request_id")):
            return fail("-4118")
        try:
            card = json.loads(s("cardinfo"))
        except ValueError:
            return fail("-3001", "cardinfo")
        if not isinstance(card, dict):
            return fail("-3001", "cardinfo")
        email = card.get("emial")
        if not (
            _text_ok(card.get("card_holder"), 1, 100)
            and _text_ok(email, 3, 128)
            and re.match(r"[^@]+@[^@]+\Z", email)
            and _card_number_ok(card.get("card_number"))
            and _month_ok(card.get("expiration_month"))
            and _is_digits(card.get("expiration_year"), 4, 4)
            and _is_digits(card.get("cvc"), 3, 4)
        ):
            return fail("-3001", "cardinfo")
        if order_id.startswith("FAULT-") and order_id[6:] not in FAULT_KINDS:
            return fail("-3001", "order_id")
        if order_id.startswith("DECLINE-"):
            return fail(order_id[8:])
        trade_id = str(uuid.uuid4())
        answer = {
            "status": True,
            "code": "200",
            "data": {
                "order_id": order_id,
                "trade_id": trade_id,
                "amount": amount,
                "currency": currency,
                "url": "%s/_sandbox/pay/%s" % (self.base_url, trade_id),
                "state": "processing",
            },
            "message": "",
            "response_id": _response_id(),
        }
        return Reply(200, [("Content-Type", "application/json; charset=utf-8")], _json_bytes(answer))

    # ---- WorldFirst ----

    def worldfirst(self, headers, body, path, fault):
        creds = CREDENTIALS["worldfirst"]
        gw_key = self.keys["worldfirst"]["gateway"]

        def reply(obj, raw=None):
            data = raw if raw is not None else _json_bytes(obj)
            rtime = _iso_seconds(datetime.datetime.now(datetime.timezone.utc))
            hdrs = [
                ("Content-Type", "application/json; charset=UTF-8"),
                (_sdk.WF_CLIENT_ID, creds["client_id"]),
                (_sdk.WF_RESPONSE_TIME, rtime),
            ]
            content = worldfirst_content(path, creds["client_id"], rtime, data)
            if fault == "badsign":
                hdrs.append((_sdk.WF_SIGNATURE, worldfirst_signature_header(
                    gw_key, content + b" ", creds["key_version"])))
            elif fault != "nosign":
                hdrs.append((_sdk.WF_SIGNATURE, worldfirst_signature_header(
                    gw_key, content, creds["key_version"])))
            return Reply(200, hdrs, data)

        def result(code, extra=None):
            status, msg = WORLDFIRST_RESULTS.get(code, ("F", "Declined"))
            obj = {"result": {"resultStatus": status, "resultCode": code, "resultMessage": msg}}
            if extra:
                obj.update(extra)
            return reply(obj)

        if fault == "notjson":
            return reply(None, raw=_NOTJSON_BODY)
        if headers.get("Client-Id") != creds["client_id"]:
            return result("INVALID_CLIENT")
        sig_header = headers.get("Signature")
        if not sig_header:
            return result("INVALID_SIGNATURE")
        rtime = headers.get("Request-Time")
        if not rtime:
            return result("PARAM_ILLEGAL")
        parts = _parse_signature_header(sig_header)
        if parts.get("algorithm") != "RSA256":
            return result("INVALID_SIGNATURE")
        if "keyVersion" in parts and parts["keyVersion"] != creds["key_version"]:
            return result("INVALID_SIGNATURE")
        sig = _b64decode_strict(urllib.parse.unquote(parts.get("signature", "")))
        content = worldfirst_content(path, creds["client_id"], rtime, body)
        if sig is None or not _rsa_verify(self.keys["worldfirst"]["merchant_public"], sig, content):
            return result("INVALID_SIGNATURE")
        try:
            obj = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return result("PARAM_ILLEGAL")
        if not isinstance(obj, dict):
            return result("PARAM_ILLEGAL")
        asset_id = obj.get("assetId")
        if not _text_ok(asset_id, 1, 64):
            return result("PARAM_ILLEGAL")
        if asset_id.startswith("FAULT-") and asset_id[6:] not in FAULT_KINDS:
            return result("PARAM_ILLEGAL")
        if asset_id.startswith("DECLINE-"):
            return result(asset_id[8:])
        if fault == "unknown" and self.stats.next_unknown(asset_id):
            return result("UNKNOWN_EXCEPTION")
        number, cvv, mm, yy = self.world_card
        account = "2188" + str(int(hashlib.sha256(asset_id.encode("utf-8")).hexdigest()[:12], 16)).zfill(12)[:12]
        status, msg = "S", "success"
        obj = {
            "result": {"resultStatus": status, "resultCode": "SUCCESS", "resultMessage": msg},
            "assetId": asset_id,
            "accountId": account,
            "cvv": cvv,
            "cardNo": number,
            "expiredMonth": mm,
            "expiredYear": yy,
        }
        return reply(obj)


_NOTJSON_BODY = b"<html><body><h1>Service temporarily unavailable</h1></body></html>"


def _notjson_reply():
    return Reply(200, [("Content-Type", "text/html; charset=utf-8")], _NOTJSON_BODY)


def _response_id():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y%m%d%H%M%S") + "%010d" % secrets.randbelow(10 ** 10)


def _payermax_tokens(user_id, scope, data):
    digest = hashlib.sha256(user_id.encode("utf-8")).hexdigest()
    expiry = _rfc3339_ms(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=7))
    out = []
    for i, (brand, masked, if_cvv) in enumerate(
        (("VISA", "411111******1111", "N"), ("MASTERCARD", "555555******4444", "Y"))
    ):
        token_id = "PMTOKEN" + str(int(digest[i * 16:(i + 1) * 16], 16)).zfill(29)[:29]
        token = {
            "tokenScope": scope,
            "targetOrg": "",
            "ifCVV": if_cvv,
            "cardInfo": masked,
            "paymentTokenID": token_id,
            "accountDisplay": "",
            "paymentTokenStatus": "Activated",
            "userId": user_id,
            "brand": brand,
            "paymentMethodType": "CARD",
            "paymentTokenExpiry": expiry,
        }
        if data.get("referralCode"):
            token["referralCode"] = data["referralCode"]
        if data.get("paymentTokenID") and data["paymentTokenID"] != token_id:
            continue
        if data.get("paymentMethodType") and data["paymentMethodType"] != "CARD":
            continue
        if data.get("cardOrg") and data["cardOrg"].upper() != brand:
            continue
        out.append(token)
    return out


# ---------------------------------------------------------------------------
# HTTP layer
# ---------------------------------------------------------------------------


class _BodyTooLarge(Exception):
    pass


class _BadBody(Exception):
    pass


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cardtoken-sandbox"
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True

    _served = False  # set once a request was counted on this connection

    def version_string(self):
        return self.server_version

    # ---- logging: method, path, status only ----

    def log_request(self, code="-", size="-"):
        pass

    def log_error(self, format, *args):  # noqa: A002 - stdlib signature
        if self.server.app.verbose:
            _log("protocol error on %s" % ("main" if self.server.is_main else "stats"))

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _log_line(self, path, status):
        if self.server.app.verbose:
            if path in ROUTES or path in _SANDBOX_PATHS:
                shown = path
            elif path.startswith("/_sandbox/pay/"):
                shown = "/_sandbox/pay/*"
            else:
                shown = "(other path)"  # a client could put anything in a path
            _log("%s %s %s" % (self.command, shown, status))

    # ---- body ----

    def _read_body(self):
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if te == "chunked":
            parts = []
            total = 0
            for _ in range(100000):
                line = self.rfile.readline(1026)
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise _BadBody()
                if size == 0:
                    for _ in range(100):
                        trailer = self.rfile.readline(8192)
                        if trailer in (b"\r\n", b"\n", b""):
                            break
                    return b"".join(parts)
                total += size
                if total > MAX_REQUEST_BODY:
                    raise _BodyTooLarge()
                chunk = self.rfile.read(size)
                if len(chunk) != size:
                    raise _BadBody()
                parts.append(chunk)
                self.rfile.readline(3)
            raise _BadBody()
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            n = int(length)
        except ValueError:
            raise _BadBody()
        if n < 0:
            raise _BadBody()
        if n > MAX_REQUEST_BODY:
            raise _BodyTooLarge()
        data = self.rfile.read(n)
        if len(data) != n:
            raise _BadBody()
        return data

    # ---- sending ----

    def _send(self, status, headers, body, close=False):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        # end_headers() plus the body in one write (one TLS record, no Nagle stall).
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(body)
        self.flush_headers()

    def _send_json(self, status, obj, close=False):
        self._send(status, [("Content-Type", "application/json")], _json_bytes(obj), close)

    # ---- dispatch ----

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def _dispatch(self):
        app = self.server.app
        path = (_sdk.origin_path(self.path) or self.path).split("?", 1)[0]
        try:
            try:
                body = self._read_body()
            except _BodyTooLarge:
                self._send_json(413, {"error": "request body too large"}, close=True)
                self._log_line(path, 413)
                return
            except _BadBody:
                self._send_json(400, {"error": "malformed request body"}, close=True)
                self._log_line(path, 400)
                return
            if path.startswith("/_sandbox/"):
                self._sandbox_path(path)
                return
            if not self.server.is_main:
                self._send_json(404, {"error": "not found"})
                self._log_line(path, 404)
                return
            app.stats.request(path, len(body), not self._served)
            self._served = True
            gateway = ROUTES.get(path)
            if gateway is None:
                self._send_json(404, {"error": "not found"})
                self._log_line(path, 404)
                return
            if self.command != "POST":
                self._send(405, [("Allow", "POST"), ("Content-Type", "application/json")],
                           _json_bytes({"error": "method not allowed"}))
                self._log_line(path, 405)
                return
            app.stats.enter()
            try:
                self._gateway(gateway, path, body)
            finally:
                app.stats.leave()
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, socket.timeout, OSError):
            self.close_connection = True

    def _sandbox_path(self, path):
        app = self.server.app
        if path == "/_sandbox/stats" and self.command in ("GET", "HEAD"):
            self._send_json(200, app.stats.snapshot())
        elif path == "/_sandbox/reset-stats" and self.command == "POST":
            app.stats.reset()
            self._send_json(200, {"ok": True})
        elif path == "/_sandbox/health" and self.command in ("GET", "HEAD"):
            self._send_json(200, {"ok": True})
        elif path.startswith("/_sandbox/pay/") and self.command in ("GET", "HEAD"):
            self._send(200, [("Content-Type", "text/html; charset=utf-8")],
                       b"<html><body>cardtoken sandbox payment page</body></html>")
        else:
            self._send_json(404, {"error": "not found"})
            self._log_line(path, 404)
            return
        self._log_line(path, 200)

    def _gateway(self, gateway, path, body):
        app = self.server.app
        fault = app.fault
        try:
            obj = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            obj = None
        magic = Gateways.magic_value(gateway, obj) if isinstance(obj, dict) else None
        if magic and magic.startswith("FAULT-") and magic[6:] in FAULT_KINDS:
            fault = magic[6:]
        if fault:
            app.stats.fault(fault)
        # WorldFirst signs the request target as sent (its origin form: the
        # path and query the client signed, also when the line was absolute)
        raw_path = _sdk.origin_path(self.path) or self.path
        reply = getattr(app.gateways, gateway)(self.headers, body, raw_path, fault)
        if app.latency > 0:
            app.stop.wait(app.latency)
        self._deliver(path, reply, fault)

    def _deliver(self, path, reply, fault):
        app = self.server.app
        if fault == "delay":
            app.stop.wait(app.delay_seconds)
            self._send(reply.status, reply.headers, reply.body)
            self._log_line(path, reply.status)
        elif fault == "drip":
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            for i in range(len(reply.body)):
                if app.stop.wait(DRIP_INTERVAL):
                    self.close_connection = True
                    return
                self.wfile.write(reply.body[i:i + 1])
            self._log_line(path, reply.status)
        elif fault == "reset":
            self._log_line(path, "reset")
            self.close_connection = True
            try:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
            # Closed before socketserver's shutdown(SHUT_WR): no FIN, no
            # close_notify, only the RST when the handler's files are closed.
            self.connection.close()
        elif fault == "truncate":
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply.body[: len(reply.body) // 2])
            # socketserver then shuts the socket down (FIN, no TLS close_notify).
            self.close_connection = True
            self._log_line(path, "%s truncated" % reply.status)
        elif fault == "http500":
            self._send(500, [("Content-Type", "text/plain; charset=utf-8")], b"Internal Server Error")
            self._log_line(path, 500)
        elif fault == "http429":
            self._send(429, [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "7")],
                       b"Too Many Requests")
            self._log_line(path, 429)
        elif fault == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            head = b'{"pad":"'
            tail = b'"}'
            filler = b"a" * HUGE_CHUNK
            remaining = HUGE_BODY_SIZE
            for i in range(HUGE_BODY_SIZE // HUGE_CHUNK + 1):
                if remaining <= 0 or app.stop.is_set():
                    break
                if i == 0:
                    chunk = head + filler[: HUGE_CHUNK - len(head)]
                elif remaining <= HUGE_CHUNK:
                    chunk = filler[: remaining - len(tail)] + tail
                else:
                    chunk = filler
                chunk = chunk[:remaining]
                remaining -= len(chunk)
                self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            self._log_line(path, "200 huge")
        elif fault == "redirect":
            scheme = "http" if app.plain_http else "https"
            location = "%s://127.0.0.1:%d%s" % (scheme, app.redirect_port, self.path)
            self._send(307, [("Location", location), ("Content-Type", "text/plain; charset=utf-8")],
                       b"Temporary Redirect")
            self._log_line(path, 307)
        else:
            self._send(reply.status, reply.headers, reply.body)
            self._log_line(path, reply.status)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, app, tls_context=None, is_main=True):
        self.app = app
        self.tls_context = tls_context
        self.is_main = is_main
        http.server.ThreadingHTTPServer.__init__(self, address, _Handler)

    def server_bind(self):
        # Skip HTTPServer.server_bind's getfqdn() (slow, reverse DNS).
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port

    def get_request(self):
        sock, addr = socketserver.TCPServer.get_request(self)
        if self.is_main:
            self.app.stats.connection()
        return sock, addr

    def process_request_thread(self, request, client_address):
        try:
            if self.tls_context is not None:
                request.settimeout(TLS_HANDSHAKE_TIMEOUT)
                try:
                    request = self.tls_context.wrap_socket(request, server_side=True)
                except (ssl.SSLError, OSError):
                    self.app.stats.tls_failure()
                    if self.app.verbose:
                        _log("TLS handshake failed")
                    try:
                        request.close()
                    except OSError:
                        pass
                    return
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            if self.is_main:
                self.app.stats.connection_closed()

    def handle_error(self, request, client_address):
        if self.app.verbose:
            _log("handler error: %s" % type(sys.exc_info()[1]).__name__)


class _RedirectTargetHandler(socketserver.BaseRequestHandler):
    def handle(self):
        stats = self.server.app.stats
        stats.redirect_connection()
        self.request.settimeout(2.0)
        for _ in range(1024):
            try:
                data = self.request.recv(65536)
            except OSError:
                break
            if not data:
                break
            stats.redirect_data(len(data))


class _RedirectTarget(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, app):
        self.app = app
        socketserver.ThreadingTCPServer.__init__(self, address, _RedirectTargetHandler)

    def handle_error(self, request, client_address):
        pass


# ---------------------------------------------------------------------------
# The application
# ---------------------------------------------------------------------------


class Sandbox:
    """A running sandbox: listeners, keys, stats. Used by main() and tests."""

    def __init__(self, port=0, stats_port=0, plain_http=False, tls_mode="valid", fault=None,
                 delay_seconds=5.0, latency=0.0, world_card=None, keys_dir=None,
                 config_out=None, verbose=False):
        self.plain_http = plain_http
        self.tls_mode = None if plain_http else tls_mode
        self.fault = fault
        self.delay_seconds = min(max(float(delay_seconds), 0.0), MAX_DELAY)
        self.latency = min(max(float(latency), 0.0), MAX_LATENCY)
        self.world_card = world_card or _parse_world_card(DEFAULT_WORLD_CARD)
        self.verbose = verbose
        self.stats = Stats()
        self.stop = threading.Event()
        self.keys = _make_keys(keys_dir)
        self.tmpdir = tempfile.mkdtemp(prefix="cardtoken-sandbox-")
        self.config_out = config_out or os.path.join(self.tmpdir, "config.json")
        self.ca_file = None
        self._servers = []   # created (to server_close)
        self._started = []   # serving (to shutdown first)
        self._threads = []
        self._written = []   # files to remove at close

        try:
            self._listen(port, stats_port, plain_http, tls_mode)
        except BaseException:
            self.close()
            raise
        self.gateways = Gateways(self.keys, self.world_card, self.base_url, self.stats)

    def _listen(self, port, stats_port, plain_http, tls_mode):
        tls_context = None
        if not plain_http:
            ca_pem, chain_pem, key_pem = _make_certs(tls_mode)
            base, _ = os.path.splitext(os.path.abspath(self.config_out))
            self.ca_file = base + "-ca.pem"
            _write_atomic(self.ca_file, ca_pem, 0o644)
            self._written.append(self.ca_file)
            chain_path = os.path.join(self.tmpdir, "server-chain.pem")
            key_path = os.path.join(self.tmpdir, "server-key.pem")
            _write_atomic(chain_path, chain_pem, 0o600)
            _write_atomic(key_path, key_pem, 0o600)
            tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls_context.minimum_version = ssl.TLSVersion.TLSv1_2
            tls_context.load_cert_chain(chain_path, key_path)
            tls_context.set_alpn_protocols(["http/1.1"])

        self.main_server = _Server(("127.0.0.1", port), self, tls_context, is_main=True)
        self._servers.append(self.main_server)
        self.stats_server = _Server(("127.0.0.1", stats_port), self, None, is_main=False)
        self._servers.append(self.stats_server)
        self.redirect_server = _RedirectTarget(("127.0.0.1", 0), self)
        self._servers.append(self.redirect_server)
        self.port = self.main_server.server_address[1]
        self.stats_port = self.stats_server.server_address[1]
        self.redirect_port = self.redirect_server.server_address[1]
        scheme = "http" if plain_http else "https"
        self.base_url = "%s://127.0.0.1:%d" % (scheme, self.port)

    def start(self):
        for srv in self._servers:
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
            t.start()
            self._started.append(srv)
            self._threads.append(t)
        _write_atomic(self.config_out, json.dumps(self.config(), indent=2).encode("utf-8"), 0o600)
        self._written.append(self.config_out)

    def config(self):
        k = self.keys
        common = {"base_url": self.base_url}
        if self.ca_file:
            common["ca_file"] = self.ca_file
        pm = dict(CREDENTIALS["payermax"])
        pm.update(private_key=_pem_private(k["payermax"]["merchant"]),
                  gateway_public_key=_pem_public(k["payermax"]["gateway"].public_key()))
        wf = dict(CREDENTIALS["worldfirst"])
        wf.update(private_key=_pem_private(k["worldfirst"]["merchant"]),
                  gateway_public_key=_pem_public(k["worldfirst"]["gateway"].public_key()))
        out = {
            "base_url": self.base_url,
            "ca_file": self.ca_file,
            "stats_url": "http://127.0.0.1:%d/_sandbox/stats" % self.stats_port,
            "reset_stats_url": "http://127.0.0.1:%d/_sandbox/reset-stats" % self.stats_port,
            "redirect_url": "%s://127.0.0.1:%d" % ("http" if self.plain_http else "https",
                                                    self.redirect_port),
            "pid": os.getpid(),
            "tls": self.tls_mode,
            "fault": self.fault,
            "pagsmile": dict(CREDENTIALS["pagsmile"], **common),
            "payermax": dict(pm, **common),
            "yabandpay": dict(CREDENTIALS["yabandpay"], **common),
            "worldfirst": dict(wf, **common),
            "gateway_private_keys": {
                "payermax": _pem_private(k["payermax"]["gateway"]),
                "worldfirst": _pem_private(k["worldfirst"]["gateway"]),
            },
        }
        return out

    def close(self, remove_files=True):
        self.stop.set()
        for srv in self._started:   # shutdown() waits for serve_forever()
            try:
                srv.shutdown()
            except Exception:
                pass
        for srv in self._servers:
            try:
                srv.server_close()
            except Exception:
                pass
        for t in self._threads:
            t.join(timeout=5)
        self._started, self._servers, self._threads = [], [], []
        if remove_files:
            for p in self._written:
                try:
                    os.unlink(p)
                except OSError:
                    pass
            self._written = []
        shutil.rmtree(self.tmpdir, ignore_errors=True)


def _make_keys(keys_dir):
    if keys_dir:
        with open(os.path.join(keys_dir, "merchant_private.pem"), "rb") as f:
            merchant = _load_private_pem(f.read())
        with open(os.path.join(keys_dir, "gateway_private.pem"), "rb") as f:
            gateway = _load_private_pem(f.read())
        pairs = {"payermax": (merchant, gateway), "worldfirst": (merchant, gateway)}
    else:
        def gen():
            return rsa.generate_private_key(public_exponent=65537, key_size=2048)

        pairs = {"payermax": (gen(), gen()), "worldfirst": (gen(), gen())}
    return {
        name: {"merchant": m, "merchant_public": m.public_key(), "gateway": g}
        for name, (m, g) in pairs.items()
    }


def _write_atomic(path, data, mode):
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _parse_world_card(text):
    parts = text.split(":")
    if len(parts) != 4:
        raise ValueError("expected NUMBER:CVV:MM:YY")
    number, cvv, mm, yy = parts
    if not _card_number_ok(number):
        raise ValueError("NUMBER must be 12-19 digits and pass the Luhn check")
    if not _is_digits(cvv, 3, 4):
        raise ValueError("CVV must be 3-4 digits")
    if not _month_ok(mm):
        raise ValueError("MM must be 01-12")
    if not _is_digits(yy, 2, 2):
        raise ValueError("YY must be 2 digits")
    return (number, cvv, mm, yy)


# ---------------------------------------------------------------------------
# Notifications (the gateway calling the merchant)
# ---------------------------------------------------------------------------


def _default_config():
    return {
        "pagsmile": dict(CREDENTIALS["pagsmile"]),
        "payermax": dict(CREDENTIALS["payermax"]),
        "yabandpay": dict(CREDENTIALS["yabandpay"]),
        "worldfirst": dict(CREDENTIALS["worldfirst"]),
        "gateway_private_keys": {},
    }


def build_notification(gateway, config=None, url="http://127.0.0.1/notify", form=False,
                       token_object=False):
    """A correctly signed notification of `gateway` for `url`.

    `config` is a sandbox config (as written by --config-out); without it the
    fixed credentials are used (enough for Pagsmile and YabandPay). Returns a
    dict with method, url, path, headers (list of pairs) and body (bytes).
    YabandPay: `form` posts resultData=<urlencoded JSON>; payment_token_object
    is a JSON string (the documented form) unless `token_object`, which nests
    it as an object, signed as the gateway's PHP server signs one: "Array".
    """
    cfg = config or _default_config()
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path or "/"
    if parsed.query:
        path += "?" + parsed.query
    now = datetime.datetime.now(datetime.timezone.utc)
    serial = now.strftime("%Y%m%d%H%M%S") + "%06d" % secrets.randbelow(10 ** 6)
    if gateway == "pagsmile":
        c = cfg["pagsmile"]
        fields = {
            "trade_no": "SB" + serial,
            "out_trade_no": "ORDER" + serial,
            "trade_status": "SUCCESS",
            "passback_params": "",
            "pay_channel": "CreditCard",
            "total_amount": "10.00",
            "currency": "BRL",
            "version": "2.0",
            "sign_type": "MD5",
        }
        fields["sign"] = pagsmile_sign(fields, c["app_key"])
        headers = [("Content-Type", "application/x-www-form-urlencoded")]
        body = urllib.parse.urlencode(list(fields.items())).encode("ascii")
    elif gateway == "payermax":
        c = cfg["payermax"]
        key = _notify_key(cfg, "payermax")
        obj = {
            "code": "APPLY_SUCCESS",
            "msg": "",
            "appId": c["app_id"],
            "merchantNo": c["merchant_no"],
            "keyVersion": c.get("key_version", "1"),
            "notifyTime": _rfc3339_ms(now),
            "notifyType": "TOKENIZATION",
            "data": {
                "userId": "sandbox-user",
                "paymentTokenID": "PMTOKEN" + serial.ljust(29, "0")[:29],
                "tokenScope": "tokenAcq",
                "paymentTokenStatus": "Activated",
                "paymentTokenExpiry": _rfc3339_ms(now + datetime.timedelta(days=7)),
                "cardInfo": "411111******1111",
                "brand": "VISA",
                "paymentMethodType": "CARD",
            },
        }
        body = _json_bytes(obj)
        headers = [
            ("Content-Type", "application/json"),
            ("sign", base64.b64encode(_rsa_sign(key, body)).decode("ascii")),
        ]
    elif gateway == "yabandpay":
        c = cfg["yabandpay"]
        data = {
            "type": "payment",
            "user": c["user"],
            "order_id": "ORDER" + serial,
            "trade_id": str(uuid.uuid4()),
            "transaction_id": "T" + serial,
            "amount": "0",
            "currency": "EUR",
            "state": "00",
        }
        token = {"token": "YBTOKEN" + serial, "token_type": "CIT", "card": "411111******1111"}
        data["payment_token_object"] = token if token_object else json.dumps(token, separators=(",", ":"))
        obj = {"sign": yabandpay_sign(data, c["secret_key"]), "data": data}
        if form:
            headers = [("Content-Type", "application/x-www-form-urlencoded")]
            body = urllib.parse.urlencode({"resultData": json.dumps(obj, ensure_ascii=False,
                                                                     separators=(",", ":"))}).encode("ascii")
        else:
            headers = [("Content-Type", "application/json")]
            body = _json_bytes(obj)
    elif gateway == "worldfirst":
        c = cfg["worldfirst"]
        key = _notify_key(cfg, "worldfirst")
        obj = {
            "notifyType": "CARD_STATUS_CHANGE",
            "notifyId": "N" + serial,
            "assetId": "ASSET" + serial,
            "cardStatus": "ACTIVE",
        }
        body = _json_bytes(obj)
        rtime = _iso_seconds(now)
        content = worldfirst_content(path, c["client_id"], rtime, body)
        headers = [
            ("Content-Type", "application/json; charset=UTF-8"),
            ("Client-Id", c["client_id"]),
            ("Request-Time", rtime),
            ("Signature", worldfirst_signature_header(key, content, c.get("key_version", "2"))),
        ]
    else:
        raise ValueError("unknown gateway (expected pagsmile, payermax, yabandpay or worldfirst)")
    return {"method": "POST", "url": url, "path": path, "headers": headers, "body": body}


def _notify_key(cfg, gateway):
    pem = (cfg.get("gateway_private_keys") or {}).get(gateway)
    if not pem:
        raise ValueError("%s notifications need the sandbox's gateway key: pass a config "
                         "written by --config-out (or --keys-dir)" % gateway)
    return _load_private_pem(pem)


def _check_ack(gateway, config, path, status, headers, body):
    """(ok, reason) for the merchant's answer to a notification."""
    if status != 200:
        return False, "HTTP status %d" % status
    if gateway == "pagsmile":
        return (body.strip() == b"success"), "expected body 'success'"
    if gateway == "yabandpay":
        return (body.strip() == b"ok"), "expected body 'ok'"
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False, "answer is not JSON"
    if gateway == "payermax":
        ok = isinstance(obj, dict) and obj.get("code") == "SUCCESS"
        return ok, "expected {\"code\":\"SUCCESS\",...}"
    result = obj.get("result") if isinstance(obj, dict) else None
    if not (isinstance(result, dict) and result.get("resultCode") == "SUCCESS"
            and result.get("resultStatus") == "S"):
        return False, "expected a SUCCESS result"
    h = {k.lower(): v for k, v in headers}
    c = config["worldfirst"]
    if h.get("client-id") != c["client_id"] or not h.get("response-time") or not h.get("signature"):
        return False, "answer lacks Client-Id, Response-Time or Signature"
    priv = c.get("private_key")
    if not priv:
        return True, "signature not checked (no merchant key)"
    pub = _load_private_pem(priv).public_key()
    parts = _parse_signature_header(h["signature"])
    sig = _b64decode_strict(urllib.parse.unquote(parts.get("signature", "")))
    content = worldfirst_content(path, c["client_id"], h["response-time"], body)
    if sig is None or not _rsa_verify(pub, sig, content):
        return False, "answer signature does not verify with the merchant key"
    return True, "ok"


def send_notification(gateway, url, config=None, ca_file=None, timeout=10.0, form=False,
                      token_object=False):
    """Posts a signed notification of `gateway` to `url` and checks the answer.

    Returns {"gateway", "status", "headers", "body", "ack_ok", "reason",
    "sent"} where "sent" is the build_notification() dict. Raises OSError
    (or ssl.SSLError) when the URL cannot be reached.
    """
    cfg = config or _default_config()
    note = build_notification(gateway, cfg, url, form=form, token_object=token_object)
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError("url must be http:// or https:// with a host")
    if parsed.scheme == "https":
        ctx = ssl.create_default_context(cafile=ca_file)
        conn = http.client.HTTPSConnection(parsed.hostname, parsed.port or 443, timeout=timeout,
                                           context=ctx)
    else:
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=timeout)
    try:
        conn.putrequest("POST", note["path"], skip_accept_encoding=True)
        for name, value in note["headers"]:
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(note["body"])))
        conn.endheaders(note["body"])
        resp = conn.getresponse()
        body = resp.read(1024 * 1024)
        headers = resp.getheaders()
        status = resp.status
    finally:
        conn.close()
    ok, reason = _check_ack(gateway, cfg, note["path"], status, headers, body)
    return {"gateway": gateway, "status": status, "headers": headers, "body": body,
            "ack_ok": ok, "reason": reason if not ok else "ok", "sent": note}


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def _world_card_arg(text):
    try:
        return _parse_world_card(text)
    except ValueError as e:
        # The message never repeats the value (it may be a canary card).
        raise argparse.ArgumentTypeError("invalid --world-card: %s" % e)


def _serve_parser():
    p = argparse.ArgumentParser(
        prog="python -m cardtoken.sandbox",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--port", type=int, default=0, help="main listener port on 127.0.0.1 (0: a free port; default 0)")
    p.add_argument("--stats-port", type=int, default=0, help="plain-HTTP stats listener port (default: a free port)")
    p.add_argument("--config-out", metavar="FILE", help="write the JSON config here once listening")
    p.add_argument("--http", action="store_true", help="serve plain HTTP instead of HTTPS")
    p.add_argument("--tls", choices=TLS_MODES, default="valid", help="certificate mode (default valid)")
    p.add_argument("--fault", choices=FAULT_KINDS, help="apply this fault to every gateway request")
    p.add_argument("--delay-seconds", type=float, default=5.0, help="sleep of the delay fault (default 5, max 300)")
    p.add_argument("--latency", type=float, default=0.0, help="extra seconds before every gateway answer (max 10)")
    p.add_argument("--world-card", type=_world_card_arg, metavar="NUMBER:CVV:MM:YY",
                   help="card returned by WorldFirst (default %s)" % DEFAULT_WORLD_CARD)
    p.add_argument("--keys-dir", metavar="DIR", help="load merchant_private.pem and gateway_private.pem from DIR")
    p.add_argument("--verbose", action="store_true", help="log METHOD PATH STATUS lines to stderr")
    return p


def _notify_parser():
    p = argparse.ArgumentParser(
        prog="python -m cardtoken.sandbox notify",
        description="Post one correctly signed gateway notification to URL and check the answer.",
    )
    p.add_argument("--gateway", required=True, choices=sorted(PATHS))
    p.add_argument("--url", required=True)
    p.add_argument("--config", metavar="FILE", help="a config written by the sandbox's --config-out")
    p.add_argument("--keys-dir", metavar="DIR", help="gateway_private.pem (and merchant_private.pem) instead of --config")
    p.add_argument("--ca-file", help="CA bundle for an https:// URL")
    p.add_argument("--form", action="store_true", help="YabandPay: send resultData=<urlencoded JSON>")
    p.add_argument("--token-object", action="store_true",
                   help="YabandPay: payment_token_object as a nested object (signed as PHP's \"Array\") "
                        "instead of the documented JSON string")
    p.add_argument("--timeout", type=float, default=10.0)
    return p


def _notify_main(argv):
    args = _notify_parser().parse_args(argv)
    if args.config:
        with open(args.config, "r", encoding="utf-8") as f:
            cfg = json.load(f)
    else:
        cfg = _default_config()
        if args.keys_dir:
            keys = _make_keys(args.keys_dir)
            for gw in ("payermax", "worldfirst"):
                cfg["gateway_private_keys"][gw] = _pem_private(keys[gw]["gateway"])
                cfg[gw]["private_key"] = _pem_private(keys[gw]["merchant"])
    try:
        res = send_notification(args.gateway, args.url, cfg, ca_file=args.ca_file,
                                timeout=args.timeout, form=args.form, token_object=args.token_object)
    except (OSError, ValueError, http.client.HTTPException) as e:
        sys.stderr.write("notify failed: %s: %s\n" % (type(e).__name__, e))
        return 1
    print("%s notification -> HTTP %d, answer %s" % (args.gateway, res["status"],
                                                   "accepted" if res["ack_ok"] else "WRONG (%s)" % res["reason"]))
    return 0 if res["ack_ok"] else 1


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "notify":
        return _notify_main(argv[1:])
    if argv and argv[0] == "serve":
        argv = argv[1:]
    args = _serve_parser().parse_args(argv)
    if args.http and args.tls != "valid":
        sys.stderr.write("--tls cannot be combined with --http\n")
        return 2
    stop_requested = threading.Event()

    def on_signal(signum, frame):
        stop_requested.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        sb = Sandbox(
            port=args.port,
            stats_port=args.stats_port,
            plain_http=args.http,
            tls_mode=args.tls,
            fault=args.fault,
            delay_seconds=args.delay_seconds,
            latency=args.latency,
            world_card=args.world_card,
            keys_dir=args.keys_dir,
            config_out=args.config_out,
            verbose=args.verbose,
        )
    except (OSError, ValueError) as e:
        sys.stderr.write("cardtoken sandbox: cannot start: %s\n" % e)
        return 1
    try:
        sb.start()
        print("cardtoken sandbox listening on %s (stats %s, config %s)"
              % (sb.base_url, "http://127.0.0.1:%d/_sandbox/stats" % sb.stats_port, sb.config_out),
              flush=True)
        while not stop_requested.is_set():
            time.sleep(0.2)
    finally:
        sb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
