"""Shared helpers and fixtures of the cardtoken Python suite (tests/python).

Run after installing the package (`pip install .`): the tests import the
installed `cardtoken`, with its compiled extension. Expected values never come
from the code under test: error codes are read from core/include/cardtoken.h,
vectors come from tests/vectors/gen.py (hashlib, hmac, cryptography), the
sandbox verifies and signs with its own Python code.
"""

import base64
import json
import os
import re
import sys
import urllib.parse

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
VECTORS = os.path.join(REPO, "tests", "vectors")
HEADER = os.path.join(REPO, "core", "include", "cardtoken.h")

if HERE not in sys.path:
    sys.path.insert(0, HERE)

# The sandbox's own tests (test_sandbox*.py) run without the extension; the
# extension's tests import cardtoken themselves and fail loudly without it.
try:
    import cardtoken
    from cardtoken import _cardtoken  # noqa: F401  (the compiled extension)
except ImportError as exc:  # pragma: no cover - a setup problem, not a test
    cardtoken = None
    CARDTOKEN_IMPORT_ERROR = "%s (install it first: python -m pip install %s)" % (exc, REPO)
else:
    CARDTOKEN_IMPORT_ERROR = None


def pytest_report_header(config):
    if cardtoken is None:
        return "cardtoken: NOT importable: " + CARDTOKEN_IMPORT_ERROR
    return "cardtoken %s from %s (%s, %s)" % (
        cardtoken.__version__, os.path.dirname(cardtoken.__file__), cardtoken.CURL_VERSION,
        cardtoken.OPENSSL_VERSION)


def _luhn_ok(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def pytest_collection_modifyitems(config, items):
    """Test ids are test output: none may hold a card number (give a
    parametrize with card data explicit ids)."""
    for item in items:
        for run in re.findall(r"\d[\d \-]{11,}\d", item.nodeid):
            digits = re.sub(r"\D", "", run)
            if 13 <= len(digits) <= 19 and _luhn_ok(digits):
                raise pytest.UsageError("a test id holds a card number: %s (give it ids=)"
                                        % item.nodeid.replace(run, "<card number>"))


GATEWAYS = ("pagsmile", "payermax", "yabandpay", "worldfirst")

if cardtoken is not None:
    CLIENTS = {
        "pagsmile": cardtoken.Pagsmile,
        "payermax": cardtoken.PayerMax,
        "yabandpay": cardtoken.YabandPay,
        "worldfirst": cardtoken.WorldFirst,
    }
    RESULT_TYPES = {
        "pagsmile": cardtoken.CardTokenResult,
        "payermax": cardtoken.PaymentToken,
        "yabandpay": cardtoken.CardPayment,
        "worldfirst": cardtoken.CardSensitiveInfo,
    }
    CATEGORY_CLASS = {
        "CT_CAT_NONE": cardtoken.Error,
        "CT_CAT_INTERNAL": cardtoken.Error,
        "CT_CAT_CONFIGURATION": cardtoken.ConfigurationError,
        "CT_CAT_VALIDATION": cardtoken.ValidationError,
        "CT_CAT_TRANSPORT": cardtoken.TransportError,
        "CT_CAT_PROTOCOL": cardtoken.ProtocolError,
        "CT_CAT_SIGNATURE": cardtoken.SignatureError,
        "CT_CAT_GATEWAY": cardtoken.GatewayError,
        "CT_CAT_RESULT_UNKNOWN": cardtoken.ResultUnknownError,
    }

OPS = {
    "pagsmile": "get_card_token",
    "payermax": "inquire_payment_token",
    "yabandpay": "create_card_token",
    "worldfirst": "query_card_sensitive_info",
}

# The argument every call has, where the sandbox reads FAULT-<kind> / DECLINE-<code>.
MAGIC_ARG = {
    "pagsmile": "cardholder_name",
    "payermax": "user_id",
    "yabandpay": "order_id",
    "worldfirst": "asset_id",
}

ERROR_ATTRIBUTES = (
    "code",
    "name",
    "gateway",
    "field",
    "retryable",
    "outcome_unknown",
    "http_status",
    "gateway_code",
    "gateway_message",
    "retry_after",
)


def read_error_table():
    """{name: (value, category, retryable, outcome_unknown)} parsed from the C header."""
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    rows = re.findall(
        r"X\((CT_\w+),\s*(\d+),\s*(CT_CAT_\w+),\s*([01]),\s*([01]),", text
    )
    table = {name: (int(v), cat, bool(int(r)), bool(int(u))) for name, v, cat, r, u in rows}
    assert "CT_ERR_TIMEOUT" in table and len(table) >= 20, "error table not found in the header"
    return table


ERROR_TABLE = read_error_table()


def expected_class(code_name):
    if code_name == "CT_ERR_NOMEM":
        return MemoryError
    return CATEGORY_CLASS[ERROR_TABLE[code_name][1]]


def check_error(exc, expected, gateway=None):
    """Asserts that exception `exc` matches a vector's error object
    ({"code": "CT_ERR_...", other attributes...}); only the given keys are
    compared, plus what the header's table fixes for the code."""
    code = expected["code"]
    assert isinstance(exc, cardtoken.Error), repr(exc)
    assert exc.name == code, (exc.name, code, str(exc))
    assert isinstance(exc, expected_class(code)), (type(exc), code)
    value, _cat, retryable, unknown = ERROR_TABLE[code]
    assert exc.code == value
    for attr in ERROR_ATTRIBUTES:
        assert hasattr(exc, attr), attr
    if gateway is not None:
        assert exc.gateway == gateway
    for key, want in expected.items():
        if key == "code":
            continue
        if key == "retry_after" and want is not None and want < 0:
            want = None
        got = getattr(exc, key)
        if key == "retry_after" and want is not None:
            assert got is not None and abs(got - want) < 1e-9, (got, want)
        else:
            assert got == want, (key, got, want)
    # the flags the table gives the code (the core may only add information)
    assert exc.retryable == retryable, (code, exc.retryable)
    assert isinstance(exc.retryable, bool) and isinstance(exc.outcome_unknown, bool)


def luhn_ok(number):
    digits = [int(c) for c in number]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# --------------------------------------------------------------------------
# Canary card data: searched for in every output channel by test_canary.py
# --------------------------------------------------------------------------

CANARY_CARD = "4929061837529645"
CANARY_CVV = "7306"
CANARY_MONTH = "11"
CANARY_YEAR = "2031"
assert luhn_ok(CANARY_CARD)


def canary_forms(secret):
    """The ways a secret could leak into text: plain, spaced, URL-encoded,
    JSON-escaped, base64 (standard and URL-safe, at every alignment), hex."""
    forms = {secret}
    if len(secret) >= 12:
        spaced = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        forms |= {spaced, spaced.replace(" ", "-")}
        forms.add(urllib.parse.quote(spaced))
        forms.add(urllib.parse.quote_plus(spaced))
    forms.add(urllib.parse.quote(secret))
    forms.add(json.dumps(secret)[1:-1])
    forms.add(json.dumps(secret, ensure_ascii=True)[1:-1])
    forms.add("".join("\\u%04x" % ord(c) for c in secret))
    raw = secret.encode("ascii")
    for prefix in (b"", b"x", b"xy"):
        for enc in (base64.b64encode, base64.urlsafe_b64encode):
            b = enc(prefix + raw).decode("ascii").rstrip("=")
            # drop the characters that mix prefix bits or padding bits
            start = {0: 0, 1: 2, 2: 3}[len(prefix)]
            core = b[start : len(b) - 2]
            if len(core) >= 8:
                forms.add(core)
    forms.add(raw.hex())
    return forms


CANARY_CARD_FORMS = canary_forms(CANARY_CARD)
CVV_PATTERN = re.compile(r"(?<![0-9A-Za-z])%s(?![0-9A-Za-z])" % CANARY_CVV)


def find_canary(text):
    """The leaked forms found in `text` (empty list: clean)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    found = [form for form in CANARY_CARD_FORMS if form in text]
    if CVV_PATTERN.search(text):
        found.append("CVV " + CANARY_CVV)
    return found


# --------------------------------------------------------------------------
# Vectors
# --------------------------------------------------------------------------


def load_vectors():
    out = []
    if not os.path.isdir(VECTORS):
        return out
    for gw in sorted(os.listdir(VECTORS)):
        d = os.path.join(VECTORS, gw)
        if gw not in GATEWAYS or not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".json"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    out.append(("%s/%s" % (gw, name[:-5]), json.load(f)))
    return out


# --------------------------------------------------------------------------
# Operation arguments for the sandbox
# --------------------------------------------------------------------------


def op_args(gateway, tag=None, card=None, cvv=None, month="12", year="2030"):
    """Valid arguments of `gateway`'s operation; `tag` goes in the magic argument."""
    card = card or "4235647728025682"
    cvv = cvv or "123"
    if gateway == "pagsmile":
        return dict(
            card_number=card,
            security_code=cvv,
            expiration_month=month,
            expiration_year=year,
            cardholder_name=tag or "APRO",
        )
    if gateway == "payermax":
        return dict(user_id=tag or "user-0001")
    if gateway == "yabandpay":
        return dict(
            order_id=tag or "ORD-0001",
            card_number=card,
            security_code=cvv,
            expiration_month=month,
            expiration_year=year,
            cardholder_name="John Smith",
            email="john.smith@example.com",
            currency="EUR",
            description="Card token",
            notify_url="https://merchant.example.com/notify/yabandpay",
        )
    if gateway == "worldfirst":
        return dict(asset_id=tag or "2022012210000000000000001")
    raise ValueError(gateway)


def client_for(sandbox_cfg, gateway, **extra):
    opts = dict(sandbox_cfg[gateway])
    opts.update(extra)
    return CLIENTS[gateway](**opts)


# --------------------------------------------------------------------------
# Sandbox fixtures
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sandbox():
    """One sandbox for the session (default options)."""
    from sandbox_util import running_sandbox

    with running_sandbox() as cfg:
        yield cfg


@pytest.fixture(scope="session")
def canary_sandbox():
    """A sandbox whose WorldFirst card is the canary card."""
    from sandbox_util import running_sandbox

    world = "%s:%s:%s:%s" % (CANARY_CARD, CANARY_CVV, CANARY_MONTH, CANARY_YEAR[2:])
    with running_sandbox("--world-card", world) as cfg:
        yield cfg


def sandbox_module():
    """The sandbox's own code (python/cardtoken/sandbox), loaded from the source
    tree: its signers, message tables and notification sender are independent of
    the C core."""
    from sandbox_util import load_sandbox_module

    return load_sandbox_module()


def send_request(req, ca_file, timeout=30.0):
    """Sends a cardtoken.Request with http.client (a user's own HTTP stack);
    returns (status, headers, body). Loopback only."""
    import http.client
    import ssl

    parts = urllib.parse.urlsplit(req.url)
    assert parts.hostname in ("127.0.0.1", "localhost", "::1"), req.url
    if parts.scheme == "https":
        ctx = ssl.create_default_context(cafile=ca_file)
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=ctx)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + ("?" + parts.query if parts.query else "")
        conn.putrequest(req.method, path, skip_accept_encoding=True)
        for name, value in req.headers:
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(req.body)))
        conn.endheaders(req.body)
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read()
    finally:
        conn.close()
