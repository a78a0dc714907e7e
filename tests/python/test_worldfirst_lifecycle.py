"""WorldFirst's World Card lifecycle (issue 16) through the cardtoken extension
against the local sandbox, which verifies every signature with its own code
and keeps state: apply_card -> query_card_detail (ACTIVE) -> the card's number
and CVV -> update_card_status FREEZE -> FROZEN (and no sensitive info) ->
UNFREEZE -> update_card -> CANCEL. Also OAuth mode (apply_token, the
Access-Token header), the fault markers on the new calls, the card status
notification, validation before anything is sent, and the tokens kept out of
every printing path."""

import copy
import http.server
import pickle
import subprocess
import threading

import pytest

import cardtoken
import sandbox_util
from conftest import client_for

GW = "worldfirst"
DETAIL = "/amsin/api/v2/business/worldcard/queryCardDetail"
APPLY = "/amsin/api/v2.1/business/worldcard/applyCard"
STATUS = "/amsin/api/v1/business/worldcard/updateCardStatus"
ENV = {"terminalType": "WEB", "clientIp": "203.0.113.7"}


def apply_args(request_id, **kw):
    a = dict(request_id=request_id, card_holder_id="CH-0001", email="ops@example.com", mobile_number="+6512345678",
             bill_address={"country": "SG", "city": "Singapore"})
    a.update(kw)
    return a


def seen(cfg, path):
    return sandbox_util.get_stats(cfg)["requests"].get(path, 0)


def test_card_lifecycle_is_stateful(sandbox):
    with client_for(sandbox, GW) as c:
        applied = c.apply_card(**apply_args("LIFE-0001", card_nick_name="ads"))
        assert isinstance(applied, cardtoken.WorldCard)
        assert (applied.status, applied.request_id) == ("SUCCESS", "LIFE-0001")
        asset = applied.asset_id
        assert asset
        d = c.query_card_detail(asset_id=asset)
        assert (d.asset_id, d.card_status, d.card_nick_name, d.card_brand, d.status) == (
            asset, "ACTIVE", "ads", "MASTERCARD", None)
        assert d.masked_card_no.startswith("555555******")
        # raw: the whole answer, nested objects the table does not name included
        assert d.raw["assetId"] == asset and d.raw["cardholderInfo"] == {"cardholderId": "CH-0001"}
        info = c.query_card_sensitive_info(asset_id=asset)
        assert info.card_no and info.cvv and info.account_id == d.account_id

        frozen = c.update_card_status(request_id="LIFE-0002", asset_id=asset, operate_type="FREEZE", env=ENV)
        assert (frozen.status, frozen.asset_id, frozen.request_id) == ("SUCCESS", asset, "LIFE-0002")
        assert c.query_card_detail(asset_id=asset).card_status == "FROZEN"
        # the sensitive info is readable only while ACTIVE
        with pytest.raises(cardtoken.GatewayError) as e:
            c.query_card_sensitive_info(asset_id=asset)
        assert e.value.gateway_code == "PROCESS_FAIL" and not isinstance(e.value, cardtoken.ResultUnknownError)

        c.update_card_status(request_id="LIFE-0003", asset_id=asset, operate_type="UNFREEZE", env=ENV)
        assert c.query_card_detail(asset_id=asset).card_status == "ACTIVE"
        assert c.query_card_sensitive_info(asset_id=asset).cvv

        u = c.update_card(request_id="LIFE-0004", asset_id=asset, card_nick_name="ops", card_holder_id="CH-0002")
        assert u.request_id == "LIFE-0004"
        assert c.query_card_detail(asset_id=asset).card_nick_name == "ops"

        c.update_card_status(request_id="LIFE-0005", asset_id=asset, operate_type="CANCEL", env=ENV)
        assert c.query_card_detail(asset_id=asset).card_status == "CANCEL"
        with pytest.raises(cardtoken.GatewayError) as e:
            c.update_card_status(request_id="LIFE-0006", asset_id=asset, operate_type="UNFREEZE", env=ENV)
        assert e.value.gateway_code == "PROCESS_FAIL"


def test_request_id_is_the_idempotency_key(sandbox):
    with client_for(sandbox, GW) as c:
        first = c.apply_card(**apply_args("IDEM-0001"))
        again = c.apply_card(**apply_args("IDEM-0001"))
        other = c.apply_card(**apply_args("IDEM-0002"))
        assert first.asset_id == again.asset_id != other.asset_id
        # a resent FREEZE with the same request_id is answered as before
        c.update_card_status(request_id="IDEM-0003", asset_id=first.asset_id, operate_type="FREEZE", env=ENV)
        r = c.update_card_status(request_id="IDEM-0003", asset_id=first.asset_id, operate_type="FREEZE", env=ENV)
        assert r.status == "SUCCESS"


def test_unknown_asset_is_refused(sandbox):
    with client_for(sandbox, GW) as c:
        with pytest.raises(cardtoken.GatewayError) as e:
            c.query_card_detail(asset_id="NO-SUCH-CARD")
        assert e.value.gateway_code == "PARAM_ILLEGAL"


@pytest.fixture(scope="module")
def unknown_sandbox():
    with sandbox_util.running_sandbox("--fault", "unknown") as cfg:
        yield cfg


def test_unknown_outcome_then_resend_with_the_same_request_id(unknown_sandbox):
    """U on the first request of each request_id / asset_id: the README's
    rule (resend with the same request_id after retry_after, or query)."""
    with client_for(unknown_sandbox, GW) as c:
        with pytest.raises(cardtoken.ResultUnknownError) as e:
            c.apply_card(**apply_args("UNK-0001"))
        assert (e.value.gateway_code, e.value.retry_after) == ("UNKNOWN_EXCEPTION", 300)
        card = c.apply_card(**apply_args("UNK-0001"))
        with pytest.raises(cardtoken.ResultUnknownError) as e:
            c.query_card_detail(asset_id=card.asset_id, retry_attempt=2)
        assert e.value.retry_after == 1200
        assert c.query_card_detail(asset_id=card.asset_id).card_status == "ACTIVE"


def test_fault_markers_reach_the_new_calls(sandbox):
    with client_for(sandbox, GW) as c:
        with pytest.raises(cardtoken.ResultUnknownError) as e:
            c.query_card_detail(asset_id="DECLINE-UNKNOWN_EXCEPTION", retry_attempt=6)
        assert e.value.retry_after == 19200
        with pytest.raises(cardtoken.SignatureError):
            c.query_card_detail(asset_id="FAULT-nosign")
        with pytest.raises(cardtoken.SignatureError):
            c.update_card_status(request_id="R1", asset_id="FAULT-badsign", operate_type="FREEZE", env=ENV)
        with pytest.raises(cardtoken.ResultUnknownError):
            c.update_card(request_id="R2", asset_id="DECLINE-UNKNOWN_EXCEPTION")
        with pytest.raises(cardtoken.GatewayError) as e:
            c.apply_card(**apply_args("DECLINE-RISK_REJECT"))
        assert e.value.gateway_code == "RISK_REJECT"
        with pytest.raises(cardtoken.GatewayError) as e:
            c.apply_token(grant_type="AUTHORIZATION_CODE", auth_code="DECLINE-OAUTH_FAIL")
        assert e.value.gateway_code == "OAUTH_FAIL"
        with pytest.raises(cardtoken.Error) as e:
            c.query_card_detail(asset_id="FAULT-http500")
        assert e.value.name == "CT_ERR_SERVER"


def test_validation_sends_nothing(sandbox):
    with client_for(sandbox, GW) as c:
        before = (seen(sandbox, STATUS), seen(sandbox, APPLY))
        cases = [
            (lambda: c.update_card_status(request_id="R", asset_id="A", operate_type="DELETE", env=ENV),
             "operate_type"),
            (lambda: c.update_card_status(request_id="R", asset_id="A", operate_type="FREEZE"), "env"),
            (lambda: c.apply_card(**apply_args("R" * 33)), "request_id"),
            (lambda: c.apply_card(**apply_args("R", metadata={"rate": 0.5})), "metadata"),
            (lambda: c.apply_token(grant_type="AUTHORIZATION_CODE", refresh_token="x"), "auth_code"),
        ]
        for call, field in cases:
            with pytest.raises(cardtoken.ValidationError) as e:
                call()
            assert e.value.field == field
        with pytest.raises(cardtoken.ValidationError) as e:
            c.apply_card(**apply_args("R"), card_hodler_id="x")
        assert e.value.field == "card_hodler_id"
        assert (seen(sandbox, STATUS), seen(sandbox, APPLY)) == before


@pytest.fixture(scope="module")
def oauth_sandbox():
    with sandbox_util.running_sandbox("--oauth") as cfg:
        yield cfg


def test_oauth_mode_needs_an_issued_access_token(oauth_sandbox):
    assert oauth_sandbox["oauth"] is True
    with client_for(oauth_sandbox, GW) as c:
        with pytest.raises(cardtoken.GatewayError) as e:
            c.apply_card(**apply_args("OAUTH-0001"))
        assert e.value.gateway_code == "OAUTH_FAIL"
        tok = c.apply_token(grant_type="AUTHORIZATION_CODE", auth_code="CODE-0001")
        assert isinstance(tok, cardtoken.AccessToken) and tok.access_token and tok.refresh_token
        assert tok.expire_time and tok.refresh_token_expire_time
        # a code is exchanged once
        with pytest.raises(cardtoken.GatewayError) as e:
            c.apply_token(grant_type="AUTHORIZATION_CODE", auth_code="CODE-0001")
        assert e.value.gateway_code == "OAUTH_FAIL"
    with client_for(oauth_sandbox, GW, access_token="WFAT-forged-token") as c:
        with pytest.raises(cardtoken.GatewayError) as e:
            c.query_card_sensitive_info(asset_id="ASSET-1")
        assert e.value.gateway_code == "OAUTH_FAIL"
    with client_for(oauth_sandbox, GW, access_token=tok.access_token, connected_account_id="2188120000000001") as c:
        card = c.apply_card(**apply_args("OAUTH-0002"))
        assert c.query_card_detail(asset_id=card.asset_id).card_status == "ACTIVE"
        assert c.query_card_sensitive_info(asset_id=card.asset_id).cvv
        # the refresh token gives a new pair (and is used up)
        new = c.apply_token(grant_type="REFRESH_TOKEN", refresh_token=tok.refresh_token)
        assert new.access_token != tok.access_token
        with pytest.raises(cardtoken.GatewayError):
            c.apply_token(grant_type="REFRESH_TOKEN", refresh_token=tok.refresh_token)
    with client_for(oauth_sandbox, GW, access_token=new.access_token) as c:
        assert c.query_card_detail(asset_id=card.asset_id).asset_id == card.asset_id


def test_tokens_never_print(oauth_sandbox):
    with client_for(oauth_sandbox, GW) as c:
        tok = c.apply_token(grant_type="AUTHORIZATION_CODE", auth_code="CODE-PRINT-0001")
    for text in (repr(tok), str(tok)):
        assert tok.access_token not in text and tok.refresh_token not in text
        assert "AccessToken(" in text and tok.expire_time in text
    for attempt in (lambda: pickle.dumps(tok), lambda: copy.copy(tok), lambda: copy.deepcopy(tok)):
        with pytest.raises(TypeError):
            attempt()
    with client_for(oauth_sandbox, GW, access_token=tok.access_token) as c:
        req = c.build_query_card_detail(asset_id="A1")
        assert ("Access-Token", tok.access_token) in req.headers  # sent as given
        assert tok.access_token not in repr(req) and "'Access-Token', '***'" in repr(req)
        req = c.build_apply_token(grant_type="REFRESH_TOKEN", refresh_token=tok.refresh_token)
        assert tok.refresh_token in req.body.decode() and tok.refresh_token not in repr(req)
        assert all(name != "Access-Token" for name, _ in req.headers)


def test_card_status_notification_and_ack(sandbox):
    mod = sandbox_util.load_sandbox_module()
    note = mod.build_notification(GW, config=sandbox, url="http://127.0.0.1/worldfirst/notify")
    with client_for(sandbox, GW) as c:
        got = c.verify_notification(note["path"], note["headers"], note["body"])
        assert set(got) >= {"requestId", "assetId", "cardStatus", "lastUpdate"}
        assert got["cardStatus"] == "ACTIVE" and got["lastUpdate"].isdigit()
        headers, body = c.notification_ack(note["path"])
    ok, reason = mod.worldfirst.check_ack(sandbox, note["path"], headers, body.encode("utf-8"))
    assert ok and reason == "ok", reason


def test_notify_command_posts_a_card_status_notification(sandbox, tmp_path):
    """`python -m cardtoken.sandbox notify --gateway worldfirst` posts a signed
    card status notification; a receiver built on the client verifies it and
    answers with the signed ack, which the command checks (exit 0)."""
    import json

    got = []
    client = client_for(sandbox, GW)

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.append(client.verify_notification(self.path, list(self.headers.items()), body))
            headers, answer = client.notification_ack(self.path)
            self.send_response(200)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer.encode())

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.handle_request, daemon=True).start()
    cfg = tmp_path / "sandbox.json"
    cfg.write_text(json.dumps(sandbox))
    try:
        r = subprocess.run(sandbox_util.sandbox_command() + [
            "notify", "--gateway", GW, "--url", "http://127.0.0.1:%d/worldfirst/notify" % server.server_port,
            "--config", str(cfg)], capture_output=True, timeout=60)
    finally:
        server.server_close()
        client.close()
    assert r.returncode == 0, r.stderr
    assert len(got) == 1 and got[0]["cardStatus"] == "ACTIVE" and got[0]["assetId"].startswith("ASSET")
    assert len(got[0]["requestId"]) <= 32 and got[0]["lastUpdate"].isdigit()
