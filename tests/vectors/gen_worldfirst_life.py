"""WorldFirst World Card lifecycle vectors (called by gen_worldfirst.py):
query_card_detail, apply_card, update_card, update_card_status and the OAuth
apply_token (LIFECYCLE.md §4), the card status notification and its signed
answer (§5.4). Independent of the code under test: the contents to sign and
the SHA256withRSA signatures come from Python's `cryptography` here, and
LIFECYCLE.md's published vectors V-WF-2, V-WF-3 and V-WF-4 (test key T1) are
reproduced verbatim before anything is written."""

import os

from cryptography.hazmat.primitives import serialization

from gen_common import FT, HERE, add, cerr, cj, rsa_sign_b64, urlenc_sig, verr

CT = "application/json; charset=UTF-8"
BASE = "https://open-sea.worldfirst.com"
RESP_TIME = "2022-01-22T10:00:01+08:00"
DELAYS = (300, 600, 1200, 2400, 4800, 9600, 19200)

PATHS = {
    "query_card_detail": "/amsin/api/v2/business/worldcard/queryCardDetail",
    "apply_card": "/amsin/api/v2.1/business/worldcard/applyCard",
    "update_card": "/amsin/api/v2/business/worldcard/updateCard",
    "update_card_status": "/amsin/api/v1/business/worldcard/updateCardStatus",
    "apply_token": "/amsin/api/v1/oauth/applyToken",
}
RESULT_TYPE = {op: "WorldCard" for op in PATHS}
RESULT_TYPE["apply_token"] = "AccessToken"

# LIFECYCLE.md §4.1-§4.5: (argument, wire member), in table order
WIRE = {
    "query_card_detail": [("asset_id", "assetId")],
    "apply_card": [("request_id", "requestId"), ("card_holder_id", "cardHolderId"),
                   ("card_nick_name", "cardNickName"), ("note", "note"),
                   ("authorization_control", "authorizationControl"), ("email", "email"),
                   ("mobile_number", "mobileNumber"), ("metadata", "metadata"), ("bill_address", "billAddress")],
    "update_card": [("request_id", "requestId"), ("asset_id", "assetId"), ("card_nick_name", "cardNickName"),
                    ("note", "note"), ("authorization_control", "authorizationControl"), ("metadata", "metadata"),
                    ("card_holder_id", "cardHodlerId"), ("email", "email"), ("mobile_number", "mobileNumber"),
                    ("bill_address", "billAddress")],
    "update_card_status": [("request_id", "requestId"), ("asset_id", "assetId"), ("operate_type", "operateType"),
                           ("env", "env")],
    "apply_token": [("grant_type", "grantType"), ("auth_code", "authCode"), ("refresh_token", "refreshToken")],
}

# LIFECYCLE.md §9.0: the test key T1 and the §9.4 inputs
T1_PEM = os.path.join(HERE, "worldfirst", "spec_t1_private.pem")  # TEST ONLY (LIFECYCLE.md §9.0)
SPEC_CLIENT = "TEST_5X00000000000000"
SPEC_TIME = "2019-04-04T12:08:56+08:00"
V_WF_2 = ("jg4WqxTR41nPL4tYskFGC6dkGjmpgU39RE/WJrYguAHZjIlydsL8oUO9AvcJP1PtnBMExe626b9NFSdqasu30yww3+HLmt7scmq+xlW"
          "Vt7bPfiqCu+GpO13nVWsEU7kc6fwk15cUAVYt8SYuq5C2k8lpikUvQh2vzzJnZ3E9oolFezj13I5vBSVAw13ZfV8tVRXNeDAY/ZScXiFEgp"
          "Gb3e54BLJcY43+1raQ1eDdBdn0QJvJyHEthfW+jOMlB3a+Uje8ZXBsLL2sns6S10vm187yZulgKWCZ93oIIjxzX4DlBT8sjzTmBCIzavJFSJ6"
          "KdFI1G8O5L64eI6uR36LNsQ==")
V_WF_3 = ("IuceirGtoHU9mm4QGzadMZzkWWmjw8Qsuc3XUqyBI0Z2recxCJ6GvsrbVWulreWr/HGEyf3ZNwM7GVZy1sWkJW+Hz5B1RX/Z8gI+zgYxTYW"
          "qfojvBreqO4oBpYTWEeEWDrUGafMLcgQl4muQrqCcvwbk5qlZGCyqQI1lZP+nHYe2T5eJ7KkaBCYadHRa52530iR42L1urAKIXJF0vqBn0q"
          "NqfH9V3EV/kzfAI484kOZI9Swa/RzCFmxYYEWj6eIUwPVUcGSKHk4Wm3Gcj+56Qan5gQ10lE1d8DzDhP+zWUth9XZxSdENo/NP1z+s0zW3Gf"
          "aGnD6eDzgc+NVwTdToMw==")
V_WF_4 = ("2XbHUkirmmUZ5beCnllOD4xEIWbje6lURnBbt7bXMxGYqRuPOZ1eerbwTxI0uPbXagRb8k4PE0dnV/lvSnvRoI2wsBgA/5Kej7zgIPwnQcu"
          "2CoJmUmKDScNwZU/uO/viOd7RDzgPjn1xbG6tUzHfKi+TnunFCrrbi+MnVWACDg2y8Y8XnamVrWsPVNVdD5/Xje5z3VPboXKiMNGN3LsAbr"
          "8j/WBDnQRwA5jHLIyw8gEg7z218Jq+sIHi+Ag66+kQDjhqT+nF3zxSnQ1auLKiRzIRy73xTZsNsNstgD6mqYhEs3daD1BFu5KqqGd4nF/Bk5"
          "ixGT+OsGJ8i6pyJieqfQ==")
ACK_BODY = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'


def content(path, client, t, body):
    return "POST %s\n%s.%s.%s" % (path, client, t, body)


def body_of(op, args):
    """The request body: the given arguments as their wire members, in
    table order; mappings passed through as given."""
    return cj({wire: args[arg] for arg, wire in WIRE[op] if arg in args})


def check_published():
    """LIFECYCLE.md §9.4 with T1: this generator's content and signature are
    the published ones."""
    with open(T1_PEM, "rb") as f:
        t1 = serialization.load_pem_private_key(f.read(), password=None)
    b = body_of("query_card_detail", {"asset_id": "ASSET_0000001"})
    sts = content(PATHS["query_card_detail"], SPEC_CLIENT, SPEC_TIME, b)
    assert sts == ("POST /amsin/api/v2/business/worldcard/queryCardDetail\nTEST_5X00000000000000."
                   '2019-04-04T12:08:56+08:00.{"assetId":"ASSET_0000001"}')
    assert rsa_sign_b64(t1, sts) == V_WF_2
    b = body_of("update_card", {"request_id": "REQ20190404000001", "asset_id": "ASSET_0000001",
                                "card_nick_name": "ops-team"})
    assert b == '{"requestId":"REQ20190404000001","assetId":"ASSET_0000001","cardNickName":"ops-team"}'
    assert rsa_sign_b64(t1, content(PATHS["update_card"], SPEC_CLIENT, SPEC_TIME, b)) == V_WF_3
    assert rsa_sign_b64(t1, content("/worldfirst/notify", SPEC_CLIENT, SPEC_TIME, ACK_BODY)) == V_WF_4


def gen_life(gw, cfg, mk, gk, wf_time, sig_header):
    check_published()
    cid = cfg["client_id"]
    t = wf_time(FT)

    def build(op, args, c=cfg, account=True):
        body = body_of(op, args)
        sts = content(PATHS[op], cid, t, body)
        sig = rsa_sign_b64(mk, sts)
        headers = [["Content-Type", CT], ["Client-Id", cid], ["Request-Time", t],
                   ["Signature", sig_header(c.get("key_version", "2"), sig)]]
        if account and "access_token" in c:
            headers.append(["Access-Token", c["access_token"]])
        if account and "connected_account_id" in c:
            headers.append(["Connected-AccountId", c["connected_account_id"]])
        return {"string_to_sign": sts, "signature": urlenc_sig(sig), "method": "POST", "url": BASE + PATHS[op],
                "headers": headers, "body": body}

    def signed(op, obj, key=gk, tamper=None, drop_sig=False):
        body = obj if isinstance(obj, str) else cj(obj)
        sig = rsa_sign_b64(key, content(PATHS[op], cid, RESP_TIME, body))
        headers = [["Content-Type", CT], ["Client-Id", cid], ["Response-Time", RESP_TIME],
                   ["Signature", sig_header("2", sig)]]
        if drop_sig:
            headers = headers[:3]
        return {"status": 200, "headers": headers, "body": tamper(body) if tamper else body}

    def result(status="S", code="SUCCESS", msg="success"):
        return {"result": {"resultCode": code, "resultStatus": status, "resultMessage": msg}}

    def card(**kw):
        out = {k: None for k in ("asset_id", "account_id", "card_status", "status", "masked_card_no",
                                 "card_nick_name", "card_brand", "created_time", "request_id")}
        out.update(kw)
        return out

    def case(name, desc, op, args, c=cfg, **rest):
        if "build" not in rest and "build_error" not in rest:
            rest["build"] = build(op, args, c)
        add(gw, name, desc, "call", c, op=op, result_type=RESULT_TYPE[op], args=args, **rest)

    def failures(prefix, op, args, codes, ok, swap):
        """A tampered (`swap` = (old, new) after signing `ok`) and an unsigned
        answer, F with several codes, U (with the schedule): the same for
        every call."""
        b = build(op, args)
        case(prefix + "_tampered", "%s: body changed after signing" % op, op, args, build=b,
             response=signed(op, ok, tamper=lambda s: s.replace(*swap)), error={"code": "CT_ERR_SIGNATURE"})
        case(prefix + "_missing_signature", "%s: no Signature header" % op, op, args, build=b,
             response=signed(op, ok, drop_sig=True), error={"code": "CT_ERR_SIGNATURE"})
        for code, msg in codes:
            case("%s_f_%s" % (prefix, code.lower()), "%s: F %s" % (op, code), op, args, build=b,
                 response=signed(op, result("F", code, msg)),
                 error={"code": "CT_ERR_GATEWAY", "gateway_code": code, "gateway_message": msg, "http_status": 200})
        u = result("U", "UNKNOWN_EXCEPTION", "API failed due to unknown reason.")
        case(prefix + "_u", "%s: U -> ResultUnknownError, retry_after 300" % op, op, args, build=b,
             response=signed(op, u), error={"code": "CT_ERR_RESULT_UNKNOWN", "gateway_code": "UNKNOWN_EXCEPTION",
                                            "http_status": 200, "retry_after": 300})
        a = dict(args, retry_attempt=3)
        case(prefix + "_u_retry_attempt_3", "%s: U after 3 U answers: retry_after 2400" % op, op, a,
             response=signed(op, result("U", "REQUEST_TRAFFIC_EXCEED_LIMIT", "The request traffic exceeds the limit.")),
             error={"code": "CT_ERR_RESULT_UNKNOWN", "gateway_code": "REQUEST_TRAFFIC_EXCEED_LIMIT",
                    "retry_after": DELAYS[3]})
        case(prefix + "_unknown_result_status", "%s: resultStatus X -> protocol error" % op, op, args, build=b,
             response=signed(op, result("X")), error={"code": "CT_ERR_PROTOCOL"})
        return b

    # ------------------------------------------------------------------
    # query_card_detail (§4.1)
    # ------------------------------------------------------------------
    op = "query_card_detail"
    asset = "2022012210000000000000001"
    args = {"asset_id": asset}
    detail = dict(result(), assetId=asset, accountId="1234567890123456", cardNickName="ops-team",
                  maskedCardNo="555555******4444", cardBrand="MASTERCARD", cardStatus="ACTIVE",
                  createdTime="2022-01-22T10:00:00+08:00", note="for ads", email="ops@example.com",
                  mobileNumber="+6512345678", mediaType="VIRTUAL",
                  authorizationControl={"singleLimit": {"currency": "USD", "value": "1000"}},
                  cardholderInfo={"firstName": "José", "lastName": "Müller", "address": {"city": "新加坡"}})
    active = card(asset_id=asset, account_id="1234567890123456", card_status="ACTIVE", masked_card_no="555555******4444",
                  card_nick_name="ops-team", card_brand="MASTERCARD", created_time="2022-01-22T10:00:00+08:00")
    b = build(op, args)
    assert b["body"] == '{"assetId":"%s"}' % asset
    case("detail_success", "queryCardDetail: signed S answer, nested objects unread", op, args, build=b,
         response=signed(op, detail), result=active)
    for wire, want in (("FROZEN", "FROZEN"), ("CANCEL", "CANCEL"), ("CALCEL", "CANCEL"), ("LOST", None)):
        case("detail_card_status_" + wire.lower(), "cardStatus %s -> card_status %s" % (wire, want), op, args,
             build=b, response=signed(op, dict(detail, cardStatus=wire)), result=dict(active, card_status=want))
    case("detail_minimal", "only result and assetId: every other field null", op, args, build=b,
         response=signed(op, dict(result(), assetId=asset)), result=card(asset_id=asset))
    case("detail_other_asset", "an answer about another card -> protocol error", op, args, build=b,
         response=signed(op, dict(detail, assetId="2022012210000000000000002")),
         error={"code": "CT_ERR_PROTOCOL", "field": "assetId"})
    case("detail_missing_asset_id", "S without assetId -> protocol error", op, args, build=b,
         response=signed(op, {k: v for k, v in detail.items() if k != "assetId"}),
         error={"code": "CT_ERR_PROTOCOL", "field": "assetId"})
    failures("detail", op, args, [("USER_NOT_EXIST", "customerId is not correct."),
                                  ("PARAM_ILLEGAL", "Illegal parameters exist."),
                                  ("INVALID_SIGNATURE", "The signature is invalid.")], detail, ("ACTIVE", "FROZEN"))
    for name, a, field in (("detail_invalid_missing_asset_id", {}, "asset_id"),
                           ("detail_invalid_asset_id_65", {"asset_id": "a" * 65}, "asset_id"),
                           ("detail_invalid_unknown_argument", {"asset_id": "a1", "assetId": "a1"}, "assetId")):
        case(name, "validation: " + field, op, a, build_error=verr(field))

    # the client options: Access-Token and Connected-AccountId, never signed
    c = dict(cfg, access_token="AT-2022-0122-secret-oauth-token", connected_account_id="2188120000000001")
    bc = build(op, args, c)
    assert bc["string_to_sign"] == b["string_to_sign"] and bc["signature"] == b["signature"]
    case("detail_access_token_headers", "access_token and connected_account_id: unsigned headers after Signature",
         op, args, c=c, build=bc, response=signed(op, detail), result=active)
    case("detail_f_message_echoes_access_token", "F whose message echoes the Access-Token: redacted", op, args,
         c=c, build=bc, response=signed(op, result("F", "OAUTH_FAIL", "Access token %s expired." % c["access_token"])),
         error={"code": "CT_ERR_GATEWAY", "gateway_code": "OAUTH_FAIL", "gateway_message": "Access token *** expired."})
    c2 = dict(cfg, connected_account_id="2188120000000001")
    case("detail_connected_account_only", "connected_account_id alone", op, args, c=c2, build=build(op, args, c2))
    add(gw, "config_access_token_newline", "an access_token that would split a header", "config",
        dict(cfg, access_token="AT\r\nX-Evil: 1"), config_error=cerr("access_token"))
    add(gw, "config_connected_account_space", "a connected_account_id with a space", "config",
        dict(cfg, connected_account_id="2188 1"), config_error=cerr("connected_account_id"))

    # ------------------------------------------------------------------
    # apply_card (§4.2)
    # ------------------------------------------------------------------
    op = "apply_card"
    bill = {"country": "SG", "city": "Singapore", "address1": "1 Raffles Place", "zipCode": "048616"}
    args = {"request_id": "REQ20220122000000000000000000001", "card_holder_id": "CH2022012200001",
            "email": "ops@example.com", "mobile_number": "+6512345678", "bill_address": bill}
    assert len(args["request_id"]) == 32
    b = build(op, args)
    assert b["body"].startswith('{"requestId":"REQ20220122000000000000000000001","cardHolderId":"CH2022012200001",'
                                '"email":"ops@example.com","mobileNumber":"+6512345678","billAddress":{"country":"SG"')
    applied = dict(result(), requestId=args["request_id"], status="PROCESSING")
    case("apply_success", "applyCard v2.1: request_id 32 characters, bill_address passed through", op, args,
         build=b, response=signed(op, applied), result=card(status="PROCESSING", request_id=args["request_id"]))
    full = dict(args, card_nick_name="广告卡 José", note="a/b \"quoted\"",
                authorization_control={"mccControl": {"allowed": ["5734", "7311"]}, "limit": {"value": 500}},
                metadata={"team": "ads", "cost_center": 42, "flags": [True, False, None]},
                bill_address={"zipCode": "048616", "country": "SG", "address2": ""})
    bf = build(op, full)
    assert '"note":"a/b \\"quoted\\""' in bf["body"] and '"billAddress":{"zipCode":"048616","country":"SG"' in bf["body"]
    case("apply_all_fields", "every field, nested objects in the caller's order and types, raw UTF-8", op, full,
         build=bf, response=signed(op, dict(applied, status="SUCCESS", assetId="ASSET-NEW-1")),
         result=card(status="SUCCESS", request_id=args["request_id"], asset_id="ASSET-NEW-1"))
    b = build(op, args)
    case("apply_status_fail", "status FAIL", op, args, build=b, response=signed(op, dict(applied, status="FAIL")),
         result=card(status="FAIL", request_id=args["request_id"]))
    case("apply_status_other_word", "status not documented -> null", op, args, build=b,
         response=signed(op, dict(applied, status="QUEUED")), result=card(request_id=args["request_id"]))
    case("apply_other_request", "an answer about another requestId -> protocol error", op, args, build=b,
         response=signed(op, dict(applied, requestId="REQ-OTHER")),
         error={"code": "CT_ERR_PROTOCOL", "field": "requestId"})
    case("apply_wrong_key", "signed by the merchant key", op, args, build=b, response=signed(op, applied, key=mk),
         error={"code": "CT_ERR_SIGNATURE"})
    failures("apply", op, args, [("RISK_REJECT", "Security reason error, please contact the account manager"),
                                 ("PROCESS_FAIL", "Process failed, do not retry."),
                                 ("CONTRACT_CHECK_FAIL", "The contract check has failed.")], applied,
             ("PROCESSING", "SUCCESS"))
    for name, a, field in (
            ("apply_invalid_request_id_33", dict(args, request_id="R" * 33), "request_id"),
            ("apply_invalid_missing_request_id", {k: v for k, v in args.items() if k != "request_id"}, "request_id"),
            ("apply_invalid_missing_bill_address", {k: v for k, v in args.items() if k != "bill_address"},
             "bill_address"),
            ("apply_invalid_metadata_float", dict(args, metadata={"rate": 1.5}), "metadata"),
            ("apply_invalid_email_33", dict(args, email="a" * 21 + "@example.com"), "email"),
            ("apply_invalid_nick_name_121", dict(args, card_nick_name="n" * 121), "card_nick_name"),
            ("apply_invalid_unknown_argument", dict(args, cardHolderId="x"), "cardHolderId"),
    ):
        case(name, "validation: " + field, op, a, build_error=verr(field))

    # ------------------------------------------------------------------
    # update_card (§4.3)
    # ------------------------------------------------------------------
    op = "update_card"
    args = {"request_id": "REQ20220122000000000000000000002", "asset_id": asset, "card_nick_name": "ops-team"}
    b = build(op, args)
    updated = dict(result(), requestId=args["request_id"])
    case("update_success", "updateCard (the V-WF-3 shape)", op, args, build=b, response=signed(op, updated),
         result=card(request_id=args["request_id"]))
    full = dict(args, note="renamed", authorization_control={"limit": {"value": "100"}}, metadata={"a": "b"},
                card_holder_id="CH2022012200002", email="ops2@example.com", mobile_number="+6598765432",
                bill_address={"country": "SG"})
    bf = build(op, full)
    assert '"cardHodlerId":"CH2022012200002"' in bf["body"]
    case("update_all_fields", "every field; card_holder_id sent as the documented cardHodlerId", op, full, build=bf,
         response=signed(op, updated), result=card(request_id=args["request_id"]))
    case("update_other_request", "an answer about another requestId -> protocol error", op, args, build=b,
         response=signed(op, dict(updated, requestId="REQ-OTHER")),
         error={"code": "CT_ERR_PROTOCOL", "field": "requestId"})
    failures("update", op, args, [("PARAM_ILLEGAL", "Illegal parameters exist."),
                                  ("SYSTEM_ERROR", "System error.")], dict(updated, cardNickName="x"), ('"x"', '"y"'))
    for name, a, field in (
            ("update_invalid_missing_asset_id", {"request_id": "R1"}, "asset_id"),
            ("update_invalid_request_id_33", dict(args, request_id="R" * 33), "request_id"),
            ("update_invalid_wire_spelling", dict(args, card_hodler_id="x"), "card_hodler_id"),
            ("update_invalid_env_not_an_argument", dict(args, env={"a": "b"}), "env"),
    ):
        case(name, "validation: " + field, op, a, build_error=verr(field))

    # ------------------------------------------------------------------
    # update_card_status (§4.4)
    # ------------------------------------------------------------------
    op = "update_card_status"
    env = {"terminalType": "WEB", "clientIp": "203.0.113.7", "deviceInfo": {"osType": "LINUX"}}
    args = {"request_id": "REQ20220122000000000000000000003", "asset_id": asset, "operate_type": "FREEZE",
            "env": env}
    b = build(op, args)
    assert b["body"] == ('{"requestId":"REQ20220122000000000000000000003","assetId":"%s","operateType":"FREEZE",'
                         '"env":{"terminalType":"WEB","clientIp":"203.0.113.7","deviceInfo":{"osType":"LINUX"}}}'
                         % asset)
    st = dict(result(), requestId=args["request_id"], assetId=asset, status="APPLIED")
    case("status_freeze_applied", "FREEZE answered APPLIED (final state by notification)", op, args, build=b,
         response=signed(op, st), result=card(asset_id=asset, status="APPLIED", request_id=args["request_id"]))
    for kind, word in (("UNFREEZE", "SUCCESS"), ("CANCEL", "SUCCESS")):
        a = dict(args, operate_type=kind)
        case("status_%s" % kind.lower(), "%s answered %s" % (kind, word), op, a,
             response=signed(op, dict(st, status=word)),
             result=card(asset_id=asset, status=word, request_id=args["request_id"]))
    case("status_other_request", "an answer about another requestId -> protocol error", op, args, build=b,
         response=signed(op, dict(st, requestId="REQ-OTHER")), error={"code": "CT_ERR_PROTOCOL", "field": "requestId"})
    failures("status", op, args, [("USER_NOT_EXIST", "customerId is not correct."),
                                  ("AUTHORIZATION_NOT_EXIST", "The authorization does not exist."),
                                  ("PROCESS_FAIL", "Process failed, do not retry.")], st, ("APPLIED", "SUCCESS"))
    for name, a, field in (
            ("status_invalid_operate_type", dict(args, operate_type="DELETE"), "operate_type"),
            ("status_invalid_operate_type_lower", dict(args, operate_type="freeze"), "operate_type"),
            ("status_invalid_missing_operate_type", {k: v for k, v in args.items() if k != "operate_type"},
             "operate_type"),
            ("status_invalid_missing_env", {k: v for k, v in args.items() if k != "env"}, "env"),
            ("status_invalid_request_id_33", dict(args, request_id="R" * 33), "request_id"),
            ("status_invalid_env_float", dict(args, env={"latitude": 1.25}), "env"),
    ):
        case(name, "validation: " + field, op, a, build_error=verr(field))

    # ------------------------------------------------------------------
    # apply_token (§4.5): sends neither Access-Token nor Connected-AccountId
    # ------------------------------------------------------------------
    op = "apply_token"
    c = dict(cfg, access_token="AT-old-token-value", connected_account_id="2188120000000001")
    args = {"grant_type": "AUTHORIZATION_CODE", "auth_code": "AUTHCODE-0000000000000001"}
    b = build(op, args, c, account=False)
    assert b["body"] == '{"grantType":"AUTHORIZATION_CODE","authCode":"AUTHCODE-0000000000000001"}'
    assert len(b["headers"]) == 4
    tok = dict(result(), accessToken="ACCESS-2022-0122-0001", expireTime="2022-02-21T10:00:00+08:00",
               refreshToken="REFRESH-2022-0122-0001", refreshTokenExpireTime="2022-07-21T10:00:00+08:00",
               extendInfo="{}")
    got = {"access_token": "ACCESS-2022-0122-0001", "expire_time": "2022-02-21T10:00:00+08:00",
           "refresh_token": "REFRESH-2022-0122-0001", "refresh_token_expire_time": "2022-07-21T10:00:00+08:00"}
    case("token_authorization_code", "AUTHORIZATION_CODE; the client's Access-Token is not sent", op, args, c=c,
         build=b, response=signed(op, tok), result=got)
    ra = {"grant_type": "REFRESH_TOKEN", "refresh_token": "REFRESH-2022-0122-0001"}
    br = build(op, ra)
    assert br["body"] == '{"grantType":"REFRESH_TOKEN","refreshToken":"REFRESH-2022-0122-0001"}'
    case("token_refresh", "REFRESH_TOKEN at the same path", op, ra, build=br, response=signed(op, tok), result=got)
    case("token_access_only", "only accessToken: the rest null", op, ra, build=br,
         response=signed(op, dict(result(), accessToken="ACCESS-ONLY")),
         result={"access_token": "ACCESS-ONLY", "expire_time": None, "refresh_token": None,
                 "refresh_token_expire_time": None})
    case("token_missing_access_token", "S without accessToken -> protocol error", op, ra, build=br,
         response=signed(op, {k: v for k, v in tok.items() if k != "accessToken"}),
         error={"code": "CT_ERR_PROTOCOL", "field": "accessToken"})
    case("token_f_message_echoes_refresh_token", "F whose message echoes the refresh token: redacted", op, ra,
         build=br, response=signed(op, result("F", "OAUTH_FAIL", "refreshToken=%s is used" % ra["refresh_token"])),
         error={"code": "CT_ERR_GATEWAY", "gateway_code": "OAUTH_FAIL", "gateway_message": "refreshToken=*** is used"})
    failures("token", op, ra, [("OAUTH_FAIL", "OAuth process failed."),
                               ("INVALID_CLIENT", "The client is invalid.")], tok, ("ACCESS-2022", "ACCESS-2023"))
    for name, a, field in (
            ("token_invalid_grant_type", {"grant_type": "PASSWORD", "auth_code": "x"}, "grant_type"),
            ("token_invalid_missing_grant_type", {"auth_code": "x"}, "grant_type"),
            ("token_invalid_code_missing", {"grant_type": "AUTHORIZATION_CODE"}, "auth_code"),
            ("token_invalid_refresh_missing", {"grant_type": "REFRESH_TOKEN"}, "refresh_token"),
            ("token_invalid_refresh_with_code", {"grant_type": "AUTHORIZATION_CODE", "auth_code": "x",
                                                 "refresh_token": "y"}, "refresh_token"),
            ("token_invalid_code_with_refresh", {"grant_type": "REFRESH_TOKEN", "auth_code": "x",
                                                 "refresh_token": "y"}, "auth_code"),
    ):
        case(name, "validation: " + field, op, a, build_error=verr(field))

    # ------------------------------------------------------------------
    # the card status notification (§5.4) and its signed answer
    # ------------------------------------------------------------------
    npath = "/worldfirst/notify"
    ntime = "2022-01-22T10:04:00+08:00"

    def note(obj, key=gk, sign_body=None):
        body = cj(obj)
        s = rsa_sign_b64(key, content(npath, cid, ntime, sign_body or body))
        return {"path": npath, "headers": [["Content-Type", CT], ["Client-Id", cid], ["Request-Time", ntime],
                                           ["Signature", sig_header("2", s)]], "body": body}

    base = {"requestId": "REQ20220122000000000000000000003", "assetId": asset, "cardStatus": "FROZEN",
            "lastUpdate": "1722308496237"}
    for word in ("FROZEN", "CANCEL", "CALCEL", "ACTIVE"):
        n = dict(base, cardStatus=word)
        add(gw, "notification_card_status_" + word.lower(), "card status notification, cardStatus " + word,
            "notification", cfg, notification=note(n), verified=n)
    add(gw, "notification_card_status_tampered", "card status changed after signing", "notification", cfg,
        notification=note(dict(base, cardStatus="ACTIVE"), sign_body=cj(base)), error={"code": "CT_ERR_SIGNATURE"})
    add(gw, "notification_card_status_merchant_key", "signed with the merchant key, not WorldFirst's",
        "notification", cfg, notification=note(base, key=mk), error={"code": "CT_ERR_SIGNATURE"})
    asig = rsa_sign_b64(mk, content(npath, cid, t, ACK_BODY))
    add(gw, "ack_card_status", "notification_ack('/worldfirst/notify'): the V-WF-4 content with the merchant key",
        "ack", cfg, path=npath, ack={"headers": [["Content-Type", CT], ["Client-Id", cid], ["Response-Time", t],
                                                 ["Signature", sig_header("2", asig)]], "body": ACK_BODY})
