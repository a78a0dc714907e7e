"""WorldFirst's World Card lifecycle in the sandbox (LIFECYCLE.md §4),
statefully, after the request's Signature was checked by worldfirst.handle:
queryCardDetail, applyCard (v2.1), updateCard, updateCardStatus and the
OAuth applyToken. Written independently of the core: plain Python.

State, per sandbox server: every card applyCard issued (by assetId), the
answers already given per requestId (a resend with the same requestId gets
the same answer: it is the idempotency key), the authorization codes
consumed and the tokens issued.

- applyCard answers SUCCESS with a new assetId (the sandbox's choice: the
  documentation leaves open whether it comes synchronously); the card is
  ACTIVE.
- updateCardStatus FREEZE (ACTIVE -> FROZEN), UNFREEZE (FROZEN -> ACTIVE),
  CANCEL (-> CANCEL, final); any other transition is F PROCESS_FAIL.
- queryCardSensitiveInfo of an issued card answers only while it is ACTIVE
  (F PROCESS_FAIL otherwise), see card_readable.
- OAuth mode (Sandbox(oauth=True), --oauth): every World Card call needs an
  Access-Token header holding a token applyToken issued (F OAUTH_FAIL
  otherwise). An authorization code is any 1-64 letters, digits, '-' or '_'
  not starting with "INVALID", exchanged once; a refresh token once too.
"""

import re
import secrets
import threading

PATHS = {
    "/amsin/api/v2/business/worldcard/queryCardDetail": "detail",
    "/amsin/api/v2.1/business/worldcard/applyCard": "apply",
    "/amsin/api/v2/business/worldcard/updateCard": "update",
    "/amsin/api/v1/business/worldcard/updateCardStatus": "status",
    "/amsin/api/v1/oauth/applyToken": "token",
}
TOKEN_PATH = "/amsin/api/v1/oauth/applyToken"
_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_LOCK = threading.Lock()
# (operateType, from) -> to
_MOVES = {("FREEZE", "ACTIVE"): "FROZEN", ("UNFREEZE", "FROZEN"): "ACTIVE", ("CANCEL", "ACTIVE"): "CANCEL",
          ("CANCEL", "FROZEN"): "CANCEL"}
# the members each call takes (sent members beyond these are refused)
_MEMBERS = {
    "detail": {"assetId"},
    "apply": {"requestId", "cardHolderId", "cardNickName", "note", "authorizationControl", "email", "mobileNumber",
              "metadata", "billAddress"},
    "update": {"requestId", "assetId", "cardNickName", "note", "authorizationControl", "metadata", "cardHodlerId",
               "email", "mobileNumber", "billAddress"},
    "status": {"requestId", "assetId", "operateType", "env"},
    "token": {"grantType", "authCode", "refreshToken"},
}
_REQUIRED = {"detail": ("assetId",), "apply": ("requestId", "cardHolderId", "email", "mobileNumber", "billAddress"),
             "update": ("requestId", "assetId"), "status": ("requestId", "assetId", "operateType", "env"),
             "token": ("grantType",)}
_OBJECTS = {"authorizationControl", "metadata", "billAddress", "env"}
_MAX = {"requestId": 32, "cardNickName": 120, "note": 512, "email": 32, "mobileNumber": 32}


def store(gws):
    """The server's World Card state (made on first use)."""
    with _LOCK:
        st = getattr(gws, "_worldfirst_life", None)
        if st is None:
            st = {"cards": {}, "answers": {}, "codes": set(), "access": set(), "refresh": set(), "serial": 0}
            gws._worldfirst_life = st
        return st


def magic_value(obj):
    """The argument carrying FAULT-/DECLINE- values: assetId, else requestId
    (applyCard), else authCode / refreshToken (applyToken)."""
    for k in ("assetId", "requestId", "authCode", "refreshToken"):
        if isinstance(obj.get(k), str):
            return obj[k]
    return None


def card_readable(gws, asset_id):
    """None when the seed call may read the card, else the card's status."""
    card = store(gws)["cards"].get(asset_id)
    if card is None or card["cardStatus"] == "ACTIVE":
        return None
    return card["cardStatus"]


def account_of(gws, asset_id):
    """The accountId of a card applyCard issued, else None."""
    card = store(gws)["cards"].get(asset_id)
    return card["accountId"] if card else None


def oauth_refused(gws, path, headers):
    """True when the server is in OAuth mode and the call lacks a token it
    issued (applyToken itself needs none)."""
    if not getattr(gws, "oauth", False) or path == TOKEN_PATH:
        return False
    token = headers.get("Access-Token")
    st = store(gws)
    with _LOCK:
        return not (isinstance(token, str) and token in st["access"])


def _valid(kind, obj):
    """The first problem of the request's members, or None."""
    extra = set(obj) - _MEMBERS[kind]
    if extra:
        return "unknown member %s" % sorted(extra)[0]
    for k in _REQUIRED[kind]:
        if k not in obj:
            return "%s is required" % k
    for k, v in obj.items():
        if k in _OBJECTS:
            if not isinstance(v, dict):
                return "%s must be an object" % k
        elif not isinstance(v, str) or not v or len(v) > _MAX.get(k, 64):
            return "%s must be text of 1 to %d characters" % (k, _MAX.get(k, 64))
    if kind == "status" and obj["operateType"] not in ("FREEZE", "UNFREEZE", "CANCEL"):
        return "operateType must be FREEZE, UNFREEZE or CANCEL"
    if kind == "token":
        want = {"AUTHORIZATION_CODE": "authCode", "REFRESH_TOKEN": "refreshToken"}.get(obj["grantType"])
        if want is None or want not in obj or len(obj) != 2:
            return "grantType AUTHORIZATION_CODE takes authCode, REFRESH_TOKEN refreshToken"
    return None


def _detail(card):
    out = {k: card[k] for k in ("assetId", "accountId", "cardNickName", "maskedCardNo", "cardBrand", "cardStatus",
                                "createdTime", "email", "mobileNumber", "authorizationControl") if k in card}
    out.update({"mediaType": "VIRTUAL", "cardholderInfo": {"cardholderId": card["cardHolderId"]}})
    for k in ("note", "metadata"):
        if k in card:
            out[k] = card[k]
    return out


def handle(gws, path, obj, result, now_text):
    """The answer of one lifecycle call (obj: the verified body). `result`
    (code, extra=None, detail=None) makes the signed Reply."""
    kind = PATHS[path]
    problem = _valid(kind, obj)
    if problem:
        return result("PARAM_ILLEGAL", detail=problem + ".")
    st = store(gws)
    with _LOCK:
        if kind == "token":
            return _token(st, obj, result)
        rid = obj.get("requestId")
        key = (kind, rid)
        if rid is not None and key in st["answers"]:
            code, extra = st["answers"][key]
            return result(code, extra)
        code, extra, detail = _call(gws, st, kind, obj, now_text)
        if rid is not None and code == "SUCCESS":
            st["answers"][key] = (code, extra)
    return result(code, extra, detail)


def _call(gws, st, kind, obj, now_text):
    """(code, extra members, detail) of a World Card call (under _LOCK)."""
    if kind == "apply":
        st["serial"] += 1
        n = st["serial"]
        asset = "WCASSET%010d%s" % (n, secrets.token_hex(4).upper())
        last4 = "%04d" % (4400 + n % 100)
        card = {"assetId": asset, "accountId": "2188" + "%012d" % n, "cardBrand": "MASTERCARD",
                "maskedCardNo": "555555******" + last4, "cardStatus": "ACTIVE", "createdTime": now_text,
                "requestId": obj["requestId"]}
        card.update({k: v for k, v in obj.items() if k != "requestId"})
        st["cards"][asset] = card
        return "SUCCESS", {"requestId": obj["requestId"], "assetId": asset, "status": "SUCCESS"}, None
    card = st["cards"].get(obj["assetId"])
    if card is None:
        return "PARAM_ILLEGAL", None, "assetId is not a card of this sandbox."
    if kind == "detail":
        return "SUCCESS", _detail(card), None
    if kind == "update":
        if card["cardStatus"] == "CANCEL":
            return "PROCESS_FAIL", None, "The card is cancelled."
        for k, v in obj.items():
            if k not in ("requestId", "assetId"):
                card["cardHolderId" if k == "cardHodlerId" else k] = v
        return "SUCCESS", {"requestId": obj["requestId"]}, None
    to = _MOVES.get((obj["operateType"], card["cardStatus"]))
    if to is None:
        return "PROCESS_FAIL", None, "%s is not possible for a %s card." % (obj["operateType"], card["cardStatus"])
    card["cardStatus"] = to
    return "SUCCESS", {"requestId": obj["requestId"], "assetId": card["assetId"], "status": "SUCCESS"}, None


def _token(st, obj, result):
    """applyToken: a code or a refresh token exchanged once (under _LOCK)."""
    if obj["grantType"] == "AUTHORIZATION_CODE":
        code = obj["authCode"]
        if not _CODE.match(code) or code.startswith("INVALID") or code in st["codes"]:
            return result("OAUTH_FAIL", detail="The authorization code is invalid or used.")
        st["codes"].add(code)
    else:
        if obj["refreshToken"] not in st["refresh"]:
            return result("OAUTH_FAIL", detail="The refresh token is invalid or used.")
        st["refresh"].discard(obj["refreshToken"])
    access, refresh = "WFAT" + secrets.token_hex(16), "WFRT" + secrets.token_hex(16)
    st["access"].add(access)
    st["refresh"].add(refresh)
    return result("SUCCESS", {"accessToken": access, "expireTime": "2099-01-01T00:00:00+00:00",
                              "refreshToken": refresh, "refreshTokenExpireTime": "2099-06-30T00:00:00+00:00",
                              "extendInfo": "{}"})
