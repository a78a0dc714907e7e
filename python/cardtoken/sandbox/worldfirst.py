"""WorldFirst (Alipay AMS) in the sandbox: POST
/amsin/api/v2/business/worldcard/queryCardSensitiveInfo (SHA256withRSA over
"POST <path>\n<client-id>.<time>.<body>" in the Signature header, both ways),
the World Card lifecycle calls (worldfirst_life), its card status
notifications and their signed acknowledgements."""

import base64
import datetime
import hashlib
import urllib.parse

from ._common import (Reply, _NOTJSON_BODY, _NOT_JSON, _b64decode_strict, _card_number_ok, _is_digits,
                      _iso_seconds, _json_bytes, _load_private_pem, _month_ok, _rsa_sign, _rsa_verify,
                      _text_ok, json_answer, json_object, notify_key)
from . import worldfirst_life
from .faults import FAULT_KINDS, signature_header

NAME = "worldfirst"
PATH = "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo"
LIFECYCLE_PATHS = tuple(worldfirst_life.PATHS)
CREDENTIALS = {"client_id": "SANDBOX5YB7RZ2N00001", "key_version": "2"}
RSA_KEYS = True  # a merchant and a gateway key pair
DEFAULT_CARD = "4111111111111111:123:12:30"
# Response headers, in the lower case that both official clients (Alipay
# global-open-sdk Python and PHP) look up case-sensitively.
CLIENT_ID = "client-id"
RESPONSE_TIME = "response-time"
SIGNATURE = "signature"
RESULTS = {
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
    "PROCESS_FAIL": ("F", "Process failed, do not retry."),
}


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


def parse_card(text):
    """(number, cvv, mm, yy) of a --world-card NUMBER:CVV:MM:YY; ValueError
    (never repeating the value) when it is not one."""
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


def magic_value(obj):
    """The argument carrying FAULT-/DECLINE- values: asset_id (assetId), or
    the lifecycle call's (worldfirst_life.magic_value)."""
    return worldfirst_life.magic_value(obj)


def handle(gws, headers, body, path, fault):
    """WorldFirst's Reply to one request: its Signature checked with the
    merchant key of `gws`, the answer (the card of `gws.world_card`) signed
    with the gateway key."""
    creds = CREDENTIALS
    gw_key = gws.keys[NAME]["gateway"]

    def reply(obj, raw=None):
        data = raw if raw is not None else _json_bytes(obj)
        rtime = _iso_seconds(datetime.datetime.now(datetime.timezone.utc))
        hdrs = [
            ("Content-Type", "application/json; charset=UTF-8"),
            (CLIENT_ID, creds["client_id"]),
            (RESPONSE_TIME, rtime),
        ]
        content = worldfirst_content(path, creds["client_id"], rtime, data)
        hdrs += signature_header(fault, SIGNATURE,
                                 lambda c: worldfirst_signature_header(gw_key, c, creds["key_version"]), content)
        return Reply(200, hdrs, data)

    def result(code, extra=None, detail=None):
        status, msg = RESULTS.get(code, ("F", "Declined"))
        if detail:
            msg = "%s %s" % (msg, detail)
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
        # The Alipay global-open-sdk clients send keyVersion=1 unless the
        # request's key_version is set: say which one the sandbox expects.
        return result("INVALID_SIGNATURE", detail="keyVersion %s is not the merchant key's version (%s)."
                      % (parts["keyVersion"][:8], creds["key_version"]))
    sig = _b64decode_strict(urllib.parse.unquote(parts.get("signature", "")))
    content = worldfirst_content(path, creds["client_id"], rtime, body)
    if sig is None or not _rsa_verify(gws.keys[NAME]["merchant_public"], sig, content):
        return result("INVALID_SIGNATURE")
    obj = json_object(body)
    if obj is None:
        return result("PARAM_ILLEGAL")
    route = path.split("?", 1)[0]
    if worldfirst_life.oauth_refused(gws, route, headers):
        return result("OAUTH_FAIL", detail="A valid Access-Token is required (OAuth mode).")
    life = route in worldfirst_life.PATHS
    asset_id = magic_value(obj) if life else obj.get("assetId")
    if not life and not _text_ok(asset_id, 1, 64):
        return result("PARAM_ILLEGAL")
    if isinstance(asset_id, str):
        if asset_id.startswith("FAULT-") and asset_id[6:] not in FAULT_KINDS:
            return result("PARAM_ILLEGAL")
        if asset_id.startswith("DECLINE-"):
            return result(asset_id[8:])
        if fault == "unknown" and gws.stats.next_unknown(asset_id):
            return result("UNKNOWN_EXCEPTION")
    if life:
        now = _iso_seconds(datetime.datetime.now(datetime.timezone.utc))
        return worldfirst_life.handle(gws, route, obj, result, now)
    frozen = worldfirst_life.card_readable(gws, asset_id)
    if frozen:
        return result("PROCESS_FAIL", detail="The card is %s, not ACTIVE." % frozen)
    number, cvv, mm, yy = gws.world_card
    account = worldfirst_life.account_of(gws, asset_id) or (
        "2188" + str(int(hashlib.sha256(asset_id.encode("utf-8")).hexdigest()[:12], 16)).zfill(12)[:12])
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


def notification(cfg, path, now, serial, form=False, token_object=False):
    """(headers, body) of a correctly signed card status notification to
    `path` (LIFECYCLE.md §5.4: requestId, assetId, cardStatus and lastUpdate,
    epoch milliseconds as a string; and the sandbox's notifyType)."""
    c = cfg[NAME]
    key = notify_key(cfg, NAME)
    obj = {
        "notifyType": "CARD_STATUS_CHANGE",  # the sandbox's own member: which notification this is
        "requestId": ("N" + serial)[:32],
        "assetId": "ASSET" + serial,
        "cardStatus": "ACTIVE",
        "lastUpdate": str(int(now.timestamp() * 1000)),
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
    return headers, body


def check_ack(config, path, headers, body):
    """(ok, reason) for the merchant's HTTP 200 answer to a notification:
    a SUCCESS result signed with the merchant key."""
    obj = json_answer(body)
    if obj is _NOT_JSON:
        return False, "answer is not JSON"
    result = obj.get("result") if isinstance(obj, dict) else None
    if not (isinstance(result, dict) and result.get("resultCode") == "SUCCESS"
            and result.get("resultStatus") == "S"):
        return False, "expected a SUCCESS result"
    h = {k.lower(): v for k, v in headers}
    c = config[NAME]
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
