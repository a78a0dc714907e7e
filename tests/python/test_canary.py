"""A canary card number, CVV and secret never appear in any exception message,
attribute, repr, str, traceback, log record, warning or process output.

Every test drives the library through a path that handles the canary (bad
arguments, declines, transport and signature faults, results holding card
data, bad keys, notifications), renders everything it got back, and searches
the renderings plus everything captured (fd-level stdout/stderr, log records
at DEBUG, warnings) for the canary in plain, spaced, URL-encoded,
JSON-escaped, base64 and hex forms.
"""

import base64
import json
import logging
import traceback
import urllib.parse
import warnings

import pytest

import cardtoken
from conftest import (
    CANARY_CARD,
    CANARY_CVV,
    CANARY_MONTH,
    CANARY_YEAR,
    CLIENTS,
    ERROR_ATTRIBUTES,
    GATEWAYS,
    OPS,
    VECTORS,
    canary_forms,
    client_for,
    find_canary,
    op_args,
)

CANARY_SECRET = "SecretCanary-q8Zt3LmW"
CANARY_SPACED = " ".join(CANARY_CARD[i : i + 4] for i in range(0, 16, 4))
# a near miss of the canary (fails Luhn): must not be echoed either
CANARY_BAD_LUHN = CANARY_CARD[:-1] + str((int(CANARY_CARD[-1]) + 1) % 10)


def render_exception(e):
    out = [str(e), repr(e)]
    out.append("".join(traceback.format_exception(type(e), e, e.__traceback__)))
    out.extend(traceback.TracebackException.from_exception(e).format())
    out.extend(repr(a) for a in e.args)
    for attr in ERROR_ATTRIBUTES + ("message",):
        out.append(repr(getattr(e, attr, None)))
    if hasattr(e, "__dict__"):
        out.append(repr(e.__dict__))
    for chained in (e.__cause__, e.__context__):
        if chained is not None:
            out.extend(render_exception(chained))
    return out


def render(obj):
    if isinstance(obj, BaseException):
        return render_exception(obj)
    out = [repr(obj), str(obj), "%s" % (obj,), "{!r}".format(obj)]
    if isinstance(obj, list):
        for x in obj:
            out.extend(render(x))
    return out


class Leaks:
    """Collects renderings and checks them with what pytest captured."""

    def __init__(self, caplog, capfd, caught, extra=()):
        self.caplog = caplog
        self.capfd = capfd
        self.caught = caught  # warnings recorded
        self.texts = []
        self.extra = set(extra)
        self.count = 0
        self.checked = False

    def add(self, *objs):
        for o in objs:
            self.texts.extend(render(o))
            self.count += 1

    def raises(self, exc_type, fn, *a, **kw):
        try:
            fn(*a, **kw)
        except exc_type as e:
            self.add(e)
            logging.getLogger("app").exception("call failed")  # what an app would log
            warnings.warn("call failed: %s" % e, RuntimeWarning)
            return e
        pytest.fail("%s not raised" % exc_type)

    def check(self):
        self.checked = True
        out, err = self.capfd.readouterr()
        captured = [out, err, self.caplog.text]
        captured += [r.getMessage() for r in self.caplog.records]
        captured += [str(w.message) for w in self.caught]
        text = "\n".join(self.texts + captured)
        found = find_canary(text)
        found += [f for s in self.extra for f in canary_forms(s) if f in text]
        assert not found, "leaked: %r" % found
        assert self.count > 0


@pytest.fixture
def leaks(caplog, capfd):
    caplog.set_level(logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lk = Leaks(caplog, capfd, caught, extra=(CANARY_SECRET, CANARY_BAD_LUHN))
        yield lk
        assert lk.checked, "test did not call leaks.check()"


def canary_args(gw, **over):
    a = op_args(gw, card=CANARY_CARD, cvv=CANARY_CVV, month=CANARY_MONTH, year=CANARY_YEAR)
    a.update(over)
    return a


def vec_config(gw):
    with open("%s/%s/success.json" % (VECTORS, gw), encoding="utf-8") as f:
        return json.load(f)["config"]


CARD_GATEWAYS = ("pagsmile", "yabandpay")


def test_canary_forms_are_searched():
    # the search itself finds what it must find (so the tests below can fail)
    assert find_canary("x" + CANARY_CARD + "y")
    assert find_canary(CANARY_SPACED)
    assert find_canary(urllib.parse.quote_plus(CANARY_SPACED))
    assert find_canary(json.dumps({"n": CANARY_CARD}))
    assert find_canary(base64.b64encode(b'{"card_number":"%s"}' % CANARY_CARD.encode()).decode())
    assert find_canary(base64.urlsafe_b64encode(b"ab" + CANARY_CARD.encode()).decode())
    assert find_canary("cvc=%s&" % CANARY_CVV)
    assert find_canary('"cvv":"%s"' % CANARY_CVV)
    assert not find_canary("************" + CANARY_CARD[-4:] + " " + CANARY_CARD[:6])


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize("gw", CARD_GATEWAYS)
def test_validation_errors(leaks, gw):
    c = CLIENTS[gw](**vec_config(gw))
    build = getattr(c, "build_" + OPS[gw])
    bad = [
        {"security_code": "12"},
        {"security_code": CANARY_CVV + "1"},
        {"expiration_month": "13"},
        {"expiration_year": "31"},
        {"card_number": CANARY_BAD_LUHN},
        {"card_number": CANARY_SPACED},
        {"card_number": CANARY_CARD + "0000"},
        {"card_number": CANARY_CARD[:10]},
        {"cardholder_name": ""},
        {"card_number": CANARY_CARD + "\x00"},
        {"security_code": CANARY_CVV + "\n"},
    ]
    for over in bad:
        e = leaks.raises(cardtoken.ValidationError, build, **canary_args(gw, **over))
        assert e.field in over
    for over in ({"card_number": int(CANARY_CARD)}, {"security_code": int(CANARY_CVV)},
                 {"card_number": CANARY_CARD.encode()}):
        leaks.raises(TypeError, build, **canary_args(gw, **over))
    leaks.raises(cardtoken.ValidationError, build, **canary_args(gw, card_number=CANARY_CARD + "\udc80"))
    leaks.raises(TypeError, build, *canary_args(gw).values())
    leaks.raises(TypeError, build, **canary_args(gw), **{CANARY_CVV + "x": CANARY_CARD})
    c.close()
    leaks.raises(cardtoken.ConfigurationError, build, **canary_args(gw))
    leaks.check()


# ------------------------------------------------------------------ requests


@pytest.mark.parametrize("gw", CARD_GATEWAYS)
def test_request_printing(leaks, gw):
    c = CLIENTS[gw](**vec_config(gw))
    req = getattr(c, "build_" + OPS[gw])(**canary_args(gw))
    assert CANARY_CARD.encode() in req.body  # it is there to be sent...
    leaks.add(req, [req], {"r": req}, c)  # ...and never printed
    leaks.texts.append(repr(req.headers))
    leaks.texts.append(req.url)
    leaks.check()


# ------------------------------------------------------------------ declines and faults


@pytest.mark.parametrize("gw", CARD_GATEWAYS)
def test_declines_and_faults_after_sending_card_data(leaks, sandbox, gw):
    from conftest import MAGIC_ARG

    decline = {"pagsmile": "DECLINE-508", "yabandpay": "DECLINE--2001"}[gw]
    with client_for(sandbox, gw) as c:
        op = getattr(c, OPS[gw])
        magic = MAGIC_ARG[gw]
        leaks.raises(cardtoken.GatewayError, op, **canary_args(gw, **{magic: decline}))
        for kind in ("http500", "http429", "notjson", "reset", "truncate", "redirect", "huge"):
            leaks.raises(cardtoken.Error, op, **canary_args(gw, **{magic: "FAULT-" + kind}))
        res = op(**canary_args(gw))
        leaks.add(res)
    with client_for(sandbox, gw, timeout=0.3) as c:
        leaks.raises(cardtoken.TransportError, getattr(c, OPS[gw]),
                     **canary_args(gw, **{MAGIC_ARG[gw]: "FAULT-delay"}))
    leaks.check()


def test_wrong_secret_is_not_echoed(leaks, sandbox):
    with client_for(sandbox, "pagsmile", app_key=CANARY_SECRET) as c:
        leaks.raises(cardtoken.GatewayError, c.get_card_token, **canary_args("pagsmile"))
        leaks.add(c)
    with client_for(sandbox, "yabandpay", secret_key=CANARY_SECRET) as c:
        leaks.raises(cardtoken.GatewayError, c.create_card_token, **canary_args("yabandpay"))
    leaks.check()


# ------------------------------------------------------------------ card data in responses


def test_worldfirst_card_in_results_and_failed_responses(leaks, canary_sandbox):
    sb = canary_sandbox
    with client_for(sb, "worldfirst") as c:
        res = c.query_card_sensitive_info(asset_id="asset-canary-1")
        assert res.card_no == CANARY_CARD and res.cvv == CANARY_CVV  # readable as fields
        leaks.add(res, [res], (res,))
        leaks.texts.append(repr(res._fields))
        for kind in ("badsign", "nosign", "notjson", "truncate"):
            leaks.raises(cardtoken.Error, c.query_card_sensitive_info, asset_id="FAULT-" + kind)
        # build -> send -> parse with a tampered body holding the card
        from conftest import send_request

        req = c.build_query_card_sensitive_info(asset_id="asset-canary-2")
        status, headers, body = send_request(req, sb["ca_file"])
        assert CANARY_CARD.encode() in body
        leaks.add(c.parse_query_card_sensitive_info(status, headers, body))
        tampered = body.replace(b'"cvv"', b'"cvv" ')
        leaks.raises(cardtoken.SignatureError, c.parse_query_card_sensitive_info, status, headers,
                     tampered)
        leaks.raises(cardtoken.Error, c.parse_query_card_sensitive_info, 500, headers, body)
        leaks.raises(cardtoken.Error, c.parse_query_card_sensitive_info, 302, headers, body)
        leaks.raises(cardtoken.Error, c.parse_query_card_sensitive_info, status, headers,
                     body[:-1])
        leaks.raises(cardtoken.Error, c.parse_query_card_sensitive_info, status,
                     [("Content-Type", "application/json")], body)
    leaks.check()


def _worldfirst_signed_response(sb, obj):
    """A response signed with the sandbox's gateway key (cryptography)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    cfg = sb["worldfirst"]
    key = serialization.load_pem_private_key(sb["gateway_private_keys"]["worldfirst"].encode(), None)
    body = json.dumps(obj, separators=(",", ":")).encode()
    rtime = "2022-01-22T10:00:00+08:00"
    path = "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo"
    content = b"POST %s\n%s.%s." % (path.encode(), cfg["client_id"].encode(), rtime.encode()) + body
    sig = base64.b64encode(key.sign(content, padding.PKCS1v15(), hashes.SHA256())).decode()
    headers = [("Client-Id", cfg["client_id"]), ("Response-Time", rtime),
               ("Signature", "algorithm=RSA256,keyVersion=2,signature=" +
                urllib.parse.quote(sig, safe=""))]
    return headers, body


def test_gateway_messages_echoing_card_data(leaks, canary_sandbox):
    """A gateway failure whose message echoes the card number: the error (message,
    gateway_message, repr, traceback) must not carry it (first six and last four
    at most). (A bare CVV in free text cannot be told from any other number, so
    only the card number is echoed here.)"""
    sb = canary_sandbox
    echo = "card %s rejected; also %s" % (CANARY_CARD, CANARY_SPACED)
    with client_for(sb, "worldfirst") as c:
        for status in ("F", "U"):
            headers, body = _worldfirst_signed_response(sb, {
                "result": {"resultStatus": status, "resultCode": "RISK_REJECT", "resultMessage": echo},
                "cardNo": CANARY_CARD, "cvv": CANARY_CVV})
            e = leaks.raises(cardtoken.GatewayError, c.parse_query_card_sensitive_info, 200,
                             headers, body)
            assert e.gateway_code == "RISK_REJECT"
    cfg = dict(vec_config("pagsmile"))
    with cardtoken.Pagsmile(**cfg) as p:
        body = json.dumps({"code": "402", "info": echo}).encode()
        leaks.raises(cardtoken.GatewayError, p.parse_get_card_token, 200, [], body)
    with cardtoken.YabandPay(**vec_config("yabandpay")) as y:
        body = json.dumps({"status": False, "code": "-3001", "message": echo}).encode()
        leaks.raises(cardtoken.GatewayError, y.parse_create_card_token, 200, [], body)
    leaks.check()


# ------------------------------------------------------------------ keys and configuration


@pytest.mark.parametrize("gw", ["payermax", "worldfirst"])
def test_bad_keys_are_not_echoed(leaks, gw):
    cfg = vec_config(gw)
    garbage = "-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\n" % base64.b64encode(
        (CANARY_SECRET * 8).encode()).decode()
    for name, value in (("private_key", garbage), ("private_key", CANARY_SECRET),
                        ("gateway_public_key", CANARY_SECRET),
                        ("private_key", cfg["private_key"][:-40] + CANARY_SECRET)):
        leaks.raises(cardtoken.ConfigurationError, CLIENTS[gw], **dict(cfg, **{name: value}))
    leaks.raises(TypeError, CLIENTS[gw], **dict(cfg, private_key=CANARY_SECRET.encode()))
    leaks.check()


@pytest.mark.parametrize("gw", GATEWAYS)
def test_bad_options_are_not_echoed(leaks, gw):
    cfg = vec_config(gw)
    for name, value in (("base_url", "https://user:%s@example.com" % CANARY_SECRET),
                        ("proxy", "http://user:%s@127.0.0.1:1" % CANARY_SECRET),
                        ("base_url", "ftp://%s" % CANARY_CARD),
                        ("environment", CANARY_CARD),
                        ("fixed_time", CANARY_SECRET)):
        try:
            CLIENTS[gw](**dict(cfg, **{name: value})).close()
        except cardtoken.ConfigurationError as e:
            leaks.add(e)
    leaks.raises(cardtoken.ConfigurationError, CLIENTS[gw], **dict(cfg, environment=CANARY_CARD))
    leaks.check()


# ------------------------------------------------------------------ notifications


def test_notifications_with_card_data(leaks, sandbox):
    with client_for(sandbox, "pagsmile") as c:
        fields = {"trade_no": "1", "passback_params": CANARY_CARD, "cvv": CANARY_CVV,
                  "sign": "0" * 32}
        leaks.raises(cardtoken.SignatureError, c.verify_notification, fields)
        leaks.raises(cardtoken.SignatureError, c.verify_notification,
                     {k: v for k, v in fields.items() if k != "sign"})
    with client_for(sandbox, "yabandpay") as c:
        body = json.dumps({"sign": "f" * 64, "data": {"card": CANARY_CARD, "cvc": CANARY_CVV}})
        leaks.raises(cardtoken.SignatureError, c.verify_notification, body)
        leaks.raises(cardtoken.Error, c.verify_notification, body[:-2])
        leaks.raises(cardtoken.Error, c.verify_notification,
                     "resultData=" + urllib.parse.quote(body[:-3]))
    with client_for(sandbox, "payermax") as c:
        body = json.dumps({"code": "APPLY_SUCCESS", "data": {"cardNo": CANARY_CARD}})
        leaks.raises(cardtoken.SignatureError, c.verify_notification, body, "AAAA")
        leaks.raises(cardtoken.SignatureError, c.verify_notification, body, CANARY_SECRET)
    with client_for(sandbox, "worldfirst") as c:
        body = json.dumps({"cardNo": CANARY_CARD, "cvv": CANARY_CVV})
        leaks.raises(cardtoken.SignatureError, c.verify_notification, "/n", [], body)
        leaks.raises(cardtoken.SignatureError, c.verify_notification, "/n",
                     [("Client-Id", sandbox["worldfirst"]["client_id"]),
                      ("Request-Time", "2022-01-22T10:00:00+08:00"),
                      ("Signature", "algorithm=RSA256,keyVersion=2,signature=" + CANARY_SECRET)],
                     body)
    leaks.check()
