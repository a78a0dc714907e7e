"""Vectors for issue 21, for every gateway (called by gen.py, never run alone):

- an answer must be about its request: the key the gateway echoes (WorldFirst
  assetId, YabandPay data.order_id, PayerMax tokenList[].userId, Pagsmile's
  first six / last four digits and cardholder name) must equal the request's;
  otherwise CT_ERR_PROTOCOL naming the member, outcome unknown;
- gateway text must not carry card data: expected gateway_message values come
  from mask_text() below, written from the rule's statement (regular
  expressions and unicodedata), not from the core's code;
- expiry: a month before the current one (as seen in UTC-12) and years more
  than 20 ahead are refused, naming the field.
"""

import datetime
import json
import re
import unicodedata

from gen_common import CASES, FT, add, cj, keytext, rsa_sign_b64, verr
from gen_pagsmile import PG_ARGS, PG_CFG, pg_build, pg_ok_response
from gen_payermax import pm_build
from gen_worldfirst import RESP_TIME, WF_CT, WF_PATH, wf_build, wf_config, wf_sig_header, wf_time
from gen_yabandpay import YP_ARGS, YP_CFG, yp_build

MAX_YEARS = 20


# ---------------------------------------------------------------------------
# Independent statements of the rules
# ---------------------------------------------------------------------------


def _digit(ch):
    return unicodedata.decimal(ch, None)


def mask_text(s, pan=None, cvv=None, cap=256):
    """The masked, printable copy of gateway text (cap includes the NUL)."""
    chars = list(s)
    masked = [False] * len(chars)
    # generic: digit groups joined by at most 3 non-alphanumerics, 12+ digits
    for m in re.finditer(r"\d+(?:[\W_]{1,3}\d+)*", s):
        pos = [i for i in range(m.start(), m.end()) if _digit(chars[i]) is not None]
        if len(pos) >= 12:
            for i in pos[6:-4]:
                masked[i] = True
    # the request's card number on the digits-only projection
    if pan:
        proj = [(i, _digit(c)) for i, c in enumerate(chars) if _digit(c) is not None]
        want = [int(c) for c in pan]
        for k in range(len(proj) - len(want) + 1):
            if [d for _, d in proj[k:k + len(want)]] == want:
                for i, _ in proj[k + 6:k + len(want) - 4]:
                    masked[i] = True
    # the request's CVV as a whole digit run
    if cvv:
        for m in re.finditer(r"\d+", s):
            if [_digit(c) for c in m.group()] == [int(c) for c in cvv]:
                for i in range(m.start(), m.end()):
                    masked[i] = True
    out, size = [], 0
    for ch, mk in zip(chars, masked):
        piece = "*" if mk else ("?" if unicodedata.category(ch) == "Cc" else ch)
        n = len(piece.encode("utf-8"))
        if size + n > cap - 1:
            break
        out.append(piece)
        size += n
    return "".join(out)


def expiry_error(fixed_time, month, year):
    """The field an expiry is refused for at fixed_time, or None."""
    now = datetime.datetime.fromisoformat(fixed_time).astimezone(datetime.timezone.utc)
    now -= datetime.timedelta(hours=12)  # the earliest time zone
    m, y = int(month), int(year)
    if y < now.year:
        return "expiration_year"
    if y == now.year and m < now.month:
        return "expiration_month"
    if y > now.year + MAX_YEARS:
        return "expiration_year"
    return None


def echo_mismatch(gw, args, body):
    """The member whose echo differs from the request's, or None."""
    try:
        r = json.loads(body)
    except ValueError:
        return None
    if not isinstance(r, dict):
        return None
    if gw == "worldfirst":
        if not isinstance(r.get("result"), dict) or r["result"].get("resultStatus") != "S":
            return None
        return None if r.get("assetId") == args["asset_id"] else "assetId"
    if gw == "yabandpay":
        d = r.get("data")
        if r.get("status") is not True or not isinstance(d, dict) or "order_id" not in d:
            return None
        return None if d["order_id"] == args["order_id"] else "data.order_id"
    if gw == "payermax":
        d = r.get("data")
        if r.get("code") != "APPLY_SUCCESS" or not isinstance(d, dict):
            return None
        for t in d.get("tokenList") or []:
            if isinstance(t, dict) and "userId" in t and t["userId"] != args["user_id"]:
                return "data.tokenList.userId"
        return None
    info = r.get("info")
    if str(r.get("code")) != "200" or not isinstance(info, dict) or not isinstance(info.get("card_info"), dict):
        return None
    ci = info["card_info"]
    for member, want in (("first_six_digits", args["card_number"][:6]),
                         ("last_four_digits", args["card_number"][-4:]),
                         ("cardholder_name", args["cardholder_name"])):
        if member in ci and ci[member] != want:
            return "info.card_info." + member
    return None


def unknown():
    return {"code": "CT_ERR_PROTOCOL", "outcome_unknown": True}


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


def generate(privs):
    mk, gk = privs["merchant"], privs["gateway"]
    jh = [["Content-Type", "application/json"]]

    # ---- Pagsmile ----------------------------------------------------------
    gw, cfg, args = "pagsmile", PG_CFG, PG_ARGS
    b = pg_build(cfg, args)
    for name, over, member in (("response_other_card_last_four", {"card_number": "4235641111111111"},
                                "last_four_digits"),
                               ("response_other_card_first_six", {"card_number": "5555555555555682"},
                                "first_six_digits"),
                               ("response_other_cardholder", {"cardholder_name": "VICTIM"}, "cardholder_name")):
        other = dict(args, **over)
        resp, _ = pg_ok_response(other)
        field = echo_mismatch(gw, args, resp["body"])
        assert field == "info.card_info." + member, field
        add(gw, name, "a success about another card (%s differs): a stale or misrouted answer" % member,
              "call", cfg, args=args, build=b, response=resp, error=dict(unknown(), field=field))
    cvv, pan = args["security_code"], args["card_number"]
    groups = [pan[i:i + 4] for i in range(0, 16, 4)]
    for name, msg in (
            ("error_message_cvv_and_pan_forms",
             "card %s%s cvv %s rejected; seen as %s, %s, %s" % (pan[:6], "*" * 6, cvv, "/".join(groups),
                                                                 "_".join(groups), ", ".join(groups))),
            ("error_message_spaced_dash_pan", "declined: %s (cvv=%s)" % (" - ".join(groups), cvv)),
            ("error_message_full_width_pan",
             "カード " + "".join(chr(0xFF10 + int(c)) for c in pan) + " は拒否されました"),
            ("error_message_markup_split_pan", "card %s<b>%s</b> refused" % (pan[:8], pan[8:])),
            ("error_message_other_card_generic", "other card 4111 1111 1111 1111, code 123")):
        want = mask_text(msg, pan=pan, cvv=cvv)
        assert pan not in re.sub(r"\D", "", want) and (cvv not in re.findall(r"\d+", want))
        add(gw, name, "gateway text with card data: masked (request's PAN on the digits, its CVV as a run, "
              "generic rule for the rest)", "call", cfg, args=args, build=b,
              response={"status": 200, "headers": jh, "body": cj({"code": "911", "info": msg})},
              error={"code": "CT_ERR_GATEWAY", "gateway_code": "911", "gateway_message": want})
    expiry_cases(gw, cfg, args, pg_build)

    # ---- PayerMax ------------------------------------------------------------
    gw = "payermax"
    cfg = {"app_id": "46153e2b787241ae8b01857bb087d1bd", "merchant_no": "010229810189301",
           "private_key": keytext("merchant_private.pem"), "gateway_public_key": keytext("gateway_public.pem"),
           "environment": "sandbox", "fixed_time": FT}
    args = {"user_id": "czy_0088"}
    mine = {"paymentTokenID": "PMTOKEN1", "userId": "czy_0088", "tokenScope": "tokenAcq",
            "paymentTokenExpiry": "2030-01-01T00:00:00.000+08:00", "paymentTokenStatus": "Activated",
            "paymentMethodType": "CARD", "cardInfo": "455701******1010"}
    theirs = dict(mine, paymentTokenID="PMTOKEN2", userId="victim_01")
    body = cj({"code": "APPLY_SUCCESS", "msg": "", "data": {"tokenList": [mine, theirs]}})
    field = echo_mismatch(gw, args, body)
    assert field == "data.tokenList.userId"
    add(gw, "response_other_user", "a signed answer holding another user's token: not about this request",
          "call", cfg, args=args, build=pm_build(cfg, args, mk),
          response={"status": 200, "headers": [["Content-Type", "application/json"],
                                                ["sign", rsa_sign_b64(gk, body)]], "body": body},
          error=dict(unknown(), field=field))

    # ---- YabandPay -----------------------------------------------------------
    gw = "yabandpay"
    cfg, args = dict(YP_CFG), dict(YP_ARGS)
    b = yp_build(cfg, args)
    rd = {"order_id": "ORD-VICTIM-0002", "trade_id": "t-1", "amount": "0", "currency": "EUR",
          "url": "https://pay.yabandpay.com/x", "state": "processing"}
    body = cj({"status": True, "code": "200", "data": rd, "message": "", "response_id": "1"})
    field = echo_mismatch(gw, args, body)
    assert field == "data.order_id"
    add(gw, "response_other_order", "a success for another order_id: not about this request", "call", cfg,
          args=args, build=b, response={"status": 200, "headers": jh, "body": body},
          error=dict(unknown(), field=field))
    msg = "card %s cvv %s declined by issuer" % (args["card_number"], args["security_code"])
    add(gw, "error_message_card_data", "the gateway's message repeats the card number and CVV: masked",
          "call", cfg, args=args, build=b,
          response={"status": 200, "headers": jh,
                    "body": cj({"status": False, "code": "-5001", "message": msg})},
          error={"code": "CT_ERR_GATEWAY", "gateway_code": "-5001",
                 "gateway_message": mask_text(msg, pan=args["card_number"], cvv=args["security_code"])})
    expiry_cases(gw, cfg, args, yp_build)

    # ---- WorldFirst ----------------------------------------------------------
    gw = "worldfirst"
    cid = "5J5Y3N5Z2Y9T9L04"
    cfg = wf_config(cid)
    args = {"asset_id": "MINE"}
    b = wf_build(cfg, args, mk)

    def signed(body):
        sts = "POST %s\n%s.%s.%s" % (WF_PATH, cid, RESP_TIME, body)
        return {"status": 200, "headers": [["Content-Type", WF_CT], ["Client-Id", cid],
                                           ["Response-Time", RESP_TIME],
                                           ["Signature", wf_sig_header("2", rsa_sign_b64(gk, sts))]],
                "body": body}

    okd = {"result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
           "assetId": "VICTIM", "accountId": "1", "cvv": "321", "cardNo": "5555555555554444",
           "expiredMonth": "07", "expiredYear": "29"}
    for name, d in (("response_other_asset", okd),
                    ("response_missing_asset_id", {k: v for k, v in okd.items() if k != "assetId"})):
        body = cj(d)
        field = echo_mismatch(gw, args, body)
        assert field == "assetId"
        add(gw, name, "a validly signed S answer about another (or no) asset: the card data is not returned",
              "call", cfg, args=args, build=b, response=signed(body), error=dict(unknown(), field=field))

    # ---- notifications: optional max_age (PayerMax notifyTime, WorldFirst Request-Time)
    freshness_cases(gk)

    # every existing success of a seed call is about its request (lifecycle
    # calls, "op", check their own echo in their generator)
    for gw_name, cases in CASES.items():
        for c in (c for c in cases if "op" not in c):
            if c["kind"] == "call" and "build" in c and "result" in c:
                assert echo_mismatch(gw_name, c["args"], c["response"]["body"]) is None, c["name"]
            if c["kind"] == "call" and "build" in c and gw_name in ("pagsmile", "yabandpay"):
                a = c["args"]
                assert expiry_error(c["config"]["fixed_time"], a["expiration_month"],
                                    a["expiration_year"]) is None, c["name"]


def expiry_cases(gw, cfg, args, build):
    for name, ft, mm, yyyy in (
            ("invalid_expired_year", FT, "12", "2021"),
            ("invalid_expired_month", "2024-06-15T12:00:00.000+00:00", "05", "2024"),
            ("invalid_year_0000", FT, "12", "0000"),
            ("invalid_year_9999", FT, "12", "9999"),
            ("invalid_year_21_ahead", FT, "12", "2043"),
            ("expiry_current_month", FT, "01", "2022"),
            ("expiry_20_years_ahead", FT, "12", "2042"),
            ("expiry_month_not_over_in_utc_minus_12", "2024-07-01T05:00:00.000+00:00", "06", "2024"),
            ("invalid_expiry_month_over_everywhere", "2024-07-01T13:00:00.000+00:00", "06", "2024")):
        c = dict(cfg, fixed_time=ft)
        a = dict(args, expiration_month=mm, expiration_year=yyyy)
        field = expiry_error(ft, mm, yyyy)
        assert (field is None) == (not name.startswith("invalid_")), name
        desc = "expiry %s/%s at %s" % (mm, yyyy, ft)
        if field is None:
            add(gw, name, desc + ": accepted", "call", c, args=a, build=build(c, a))
        else:
            add(gw, name, desc + ": refused", "call", c, args=a, build_error=verr(field))


def _shift(ft, seconds):
    """fixed_time moved by `seconds`, same offset, milliseconds kept."""
    dt = datetime.datetime.fromisoformat(ft) + datetime.timedelta(seconds=seconds)
    return dt.isoformat(timespec="milliseconds")


def fresh_error(ft, t, max_age):
    """Independent statement: the signed time must lie within max_age of the clock."""
    age = (datetime.datetime.fromisoformat(ft) - datetime.datetime.fromisoformat(t)).total_seconds()
    return abs(age) > max_age


def freshness_cases(gk):
    ft = FT
    pm_cfg = {"app_id": "46153e2b787241ae8b01857bb087d1bd", "merchant_no": "010229810189301",
              "private_key": keytext("merchant_private.pem"), "gateway_public_key": keytext("gateway_public.pem"),
              "environment": "sandbox", "fixed_time": ft}
    for name, delta, max_age in (("notification_max_age_fresh", -60, 300),
                                 ("notification_max_age_stale", -3600, 300),
                                 ("notification_max_age_ahead", 3600, 300),
                                 ("notification_max_age_missing_time", None, 300)):
        note = {"code": "APPLY_SUCCESS", "msg": "", "appId": pm_cfg["app_id"], "merchantNo": pm_cfg["merchant_no"],
                "keyVersion": "1", "notifyType": "TOKENIZATION", "data": {"paymentTokenID": "PMTOKEN1"}}
        if delta is not None:
            note["notifyTime"] = _shift(ft, delta)
        body = cj(note)
        n = {"body": body, "sign": rsa_sign_b64(gk, body), "max_age": max_age}
        desc = "max_age %d s, notifyTime %s" % (max_age, note.get("notifyTime", "absent"))
        if delta is not None and not fresh_error(ft, note["notifyTime"], max_age):
            add("payermax", name, desc + ": fresh", "notification", pm_cfg, notification=n, verified=note)
        else:
            add("payermax", name, desc + ": refused (a replay)", "notification", pm_cfg, notification=n,
                  error={"code": "CT_ERR_SIGNATURE", "field": "notifyTime"})

    cid = "5J5Y3N5Z2Y9T9L04"
    wf_cfg = {"client_id": cid, "private_key": keytext("merchant_private.pem"),
              "gateway_public_key": keytext("gateway_public.pem"), "key_version": "2", "environment": "sea",
              "fixed_time": ft}
    path = "/notify/worldfirst"
    body = cj({"notifyType": "CARD_STATUS", "assetId": "A1", "status": "ACTIVE"})
    for name, delta in (("notification_max_age_fresh", -60), ("notification_max_age_stale", -3600)):
        t = wf_time(_shift(ft, delta))
        sts = "POST %s\n%s.%s.%s" % (path, cid, t, body)
        headers = [["Content-Type", WF_CT], ["Client-Id", cid], ["Request-Time", t],
                   ["Signature", wf_sig_header("2", rsa_sign_b64(gk, sts))]]
        n = {"path": path, "headers": headers, "body": body, "max_age": 300}
        desc = "max_age 300 s, Request-Time %s" % t
        if not fresh_error(ft, t, 300):
            add("worldfirst", name, desc + ": fresh", "notification", wf_cfg, notification=n,
                  verified=json.loads(body))
        else:
            add("worldfirst", name, desc + ": refused (a replay)", "notification", wf_cfg, notification=n,
                  error={"code": "CT_ERR_SIGNATURE", "field": "Request-Time"})
