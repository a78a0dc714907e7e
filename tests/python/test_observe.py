"""Seeing what a call did without seeing card data (issue 19): the
"cardtoken" logger (DEBUG lines per attempt and per call, masked bodies at
TRACE), the on_call hook, OpenTelemetry spans, result.response /
exc.response. The canary card number, CVV, payment token, keys and secrets
are searched for in every one of them (conftest.canary_forms: plain, spaced,
URL-encoded, JSON-escaped, base64, hex) on successful and failing calls."""

import asyncio
import json
import logging
import os
import subprocess
import sys
import textwrap

import pytest

import cardtoken
from conftest import (
    CANARY_CARD,
    CANARY_CVV,
    CANARY_MONTH,
    CANARY_YEAR,
    canary_forms,
    client_for,
    find_canary,
    op_args,
)
from sandbox_util import free_port

SEED = {
    "pagsmile": "get_card_token",
    "yabandpay": "create_card_token",
    "payermax": "inquire_payment_token",
    "worldfirst": "query_card_sensitive_info",
}
ATTEMPT_KEYS = {
    "message", "kind", "gateway", "operation", "method", "path", "server", "port", "attempt", "http_status",
    "gateway_code", "elapsed", "dns", "connect", "tls", "first_byte", "reused", "bytes_sent",
    "bytes_received", "outcome", "error", "retrying",
}


def seed_args(gw, tag=None, canary=False):
    if canary:
        a = op_args(gw, tag=tag, card=CANARY_CARD, cvv=CANARY_CVV, month=CANARY_MONTH, year=CANARY_YEAR)
    else:
        a = op_args(gw, tag=tag)
    if gw == "payermax":
        a = {"user_id": a["user_id"]}
    return a


def call_seed(client, gw, tag=None, canary=False):
    return getattr(client, SEED[gw])(**seed_args(gw, tag, canary))


def first(res):
    return res[0] if isinstance(res, list) else res


def secrets_of(sb):
    """Every key and secret the sandbox configuration holds, with the base64
    lines of the PEM keys on their own."""
    out = set()
    for gw in SEED:
        for k, v in sb[gw].items():
            if isinstance(v, str) and len(v) >= 8 and any(w in k for w in ("key", "secret", "token", "password")):
                out.add(v)
                out.update(line for line in v.splitlines() if len(line) >= 40)
    for v in sb["gateway_private_keys"].values():
        out.update(line for line in v.splitlines() if len(line) >= 40)
    return out


def leaked(text, extra):
    found = find_canary(text)
    found += [f for s in extra for f in canary_forms(s) if f in text]
    return found


@pytest.fixture
def debug_log(caplog):
    caplog.set_level(logging.DEBUG, logger="cardtoken")
    return caplog


def cardtoken_records(caplog, gw=None):
    return [r for r in caplog.records if r.name == ("cardtoken." + gw if gw else r.name) and r.name.startswith("cardtoken")]


# ---------------------------------------------------------------- logging


@pytest.mark.parametrize("gw", sorted(SEED))
def test_debug_one_line_per_attempt_and_per_call(sandbox, debug_log, gw):
    # persistent=False: the first call on a connection of its own (not one
    # a client of an earlier test left in the process-wide cache)
    with client_for(sandbox, gw, persistent=False) as c:
        call_seed(c, gw)
        call_seed(c, gw)  # the second one on the reused connection
    recs = cardtoken_records(debug_log, gw)
    assert [r.cardtoken["kind"] for r in recs] == ["attempt", "call", "attempt", "call"]
    assert all(r.levelno == logging.DEBUG for r in recs)
    a1, call1, a2, _ = (r.cardtoken for r in recs)
    assert a1["gateway"] == gw and a1["operation"] == SEED[gw]
    assert a1["method"] == "POST" and a1["path"].startswith("/") and "?" not in a1["path"]
    assert a1["server"] == "127.0.0.1" and a1["port"] == int(sandbox["base_url"].rsplit(":", 1)[1])
    assert a1["attempt"] == 1 and a1["http_status"] == 200 and a1["outcome"] == "ok"
    assert a1["reused"] is False and a2["reused"] is True
    assert a1["tls"] > 0 and a1["first_byte"] >= a1["tls"] > 0 and a1["elapsed"] >= a1["first_byte"]
    assert a1["bytes_sent"] > 0 and a1["bytes_received"] > 0
    assert call1["attempt"] == 1 and call1["http_status"] == 200 and call1["error"] is None
    msg = recs[0].getMessage()
    for part in (gw, SEED[gw], "attempt 1", "POST", a1["path"], "200", " ms", "connection new"):
        assert part in msg, (part, msg)
    assert "connection reused" in recs[2].getMessage()
    assert "after 1 attempt(s)" in recs[1].getMessage()


def test_info_logs_nothing(sandbox, caplog):
    caplog.set_level(logging.INFO, logger="cardtoken")
    with client_for(sandbox, "yabandpay") as c:
        call_seed(c, "yabandpay")
    assert not [r for r in caplog.records if r.name.startswith("cardtoken")]
    assert cardtoken._observe.wanted("yabandpay") == (1 if cardtoken._observe._trace_api() else 0)


def test_bodies_only_at_trace(sandbox, caplog):
    caplog.set_level(logging.DEBUG, logger="cardtoken")
    with client_for(sandbox, "pagsmile") as c:
        call_seed(c, "pagsmile")
    assert not [r for r in caplog.records if "body" in r.getMessage()]
    caplog.clear()
    caplog.set_level(cardtoken.TRACE, logger="cardtoken")
    assert logging.getLevelName(cardtoken.TRACE) == "TRACE" and cardtoken.TRACE < logging.DEBUG
    with client_for(sandbox, "pagsmile") as c:
        call_seed(c, "pagsmile")
    bodies = [r.getMessage() for r in caplog.records if r.levelno == cardtoken.TRACE]
    assert len(bodies) == 2
    assert "request body (redacted)" in bodies[0] and '"card_number":"423564******5682"' in bodies[0]
    assert '"security_code":"***"' in bodies[0] and '"sign":"**' in bodies[0]
    assert "response body (masked)" in bodies[1] and '"token":"****' in bodies[1]


def test_per_gateway_child_logger(sandbox, caplog):
    caplog.set_level(logging.WARNING, logger="cardtoken")
    caplog.set_level(logging.DEBUG, logger="cardtoken.yabandpay")
    with client_for(sandbox, "yabandpay") as y, client_for(sandbox, "pagsmile") as p:
        call_seed(y, "yabandpay")
        call_seed(p, "pagsmile")
    names = {r.name for r in caplog.records if r.name.startswith("cardtoken")}
    assert names == {"cardtoken.yabandpay"}


# ---------------------------------------------------------------- the hook


def test_on_call_sees_each_attempt_and_the_call(sandbox):
    seen = []
    # persistent=False: a new connection, so connect and tls are timed
    with client_for(sandbox, "worldfirst", on_call=seen.append, persistent=False) as c:
        call_seed(c, "worldfirst")
    assert [r.kind for r in seen] == ["attempt", "call"]
    for r in seen:
        assert set(r) == ATTEMPT_KEYS
        with pytest.raises(AttributeError):
            r.http_status = 1
    call = seen[-1]
    assert call["gateway"] == "worldfirst" and call.operation == "query_card_sensitive_info"
    assert call.outcome == "ok" and call.error is None and call.attempt == 1
    assert call.connect > 0 and call.tls > 0 and call.first_byte > 0 and call.elapsed > 0


def test_on_call_failing_call(sandbox):
    seen = []
    with client_for(sandbox, "yabandpay", on_call=seen.append) as c:
        with pytest.raises(cardtoken.TransportError):
            call_seed(c, "yabandpay", tag="FAULT-http500")
    call = seen[-1]
    assert call.kind == "call" and call.http_status == 500
    assert call.outcome == "transport" and call.error == "CT_ERR_SERVER"


def test_retried_call_every_attempt_seen(debug_log):
    """Nothing listens on the port: each connect is refused, and retried."""
    seen = []
    url = "http://127.0.0.1:%d" % free_port()
    with cardtoken.YabandPay(user="016683", secret_key="SandboxYabandPaySecretKey", base_url=url,
                             max_retries=2, on_call=seen.append) as c:
        with pytest.raises(cardtoken.TransportError) as info:
            call_seed(c, "yabandpay")
    assert info.value.name == "CT_ERR_CONNECT" and info.value.response is None
    assert [(r.kind, r.attempt, r.retrying) for r in seen] == [
        ("attempt", 1, True), ("attempt", 2, True), ("attempt", 3, False), ("call", 3, False)]
    assert all(r.error == "CT_ERR_CONNECT" and r.http_status is None for r in seen)
    lines = [r.getMessage() for r in cardtoken_records(debug_log, "yabandpay")]
    assert [("attempt %d:" % n) in lines[n - 1] for n in (1, 2, 3)] == [True] * 3
    assert "retrying" in lines[0] and "retrying" not in lines[2]
    assert "after 3 attempt(s)" in lines[3]


def test_on_call_option_checked():
    with pytest.raises(cardtoken.ConfigurationError) as info:
        cardtoken.YabandPay(user="016683", secret_key="x" * 16, base_url="http://127.0.0.1:9", on_call=42)
    assert info.value.field == "on_call"
    # a value of the wrong type, as for every other option
    assert isinstance(info.value, cardtoken.OptionTypeError) and isinstance(info.value, TypeError)
    cardtoken.YabandPay(user="016683", secret_key="x" * 16, base_url="http://127.0.0.1:9", on_call=None).close()


def test_failing_hook_does_not_fail_the_call(sandbox, caplog):
    def hook(rec):
        raise RuntimeError("hook broke")

    caplog.set_level(logging.WARNING, logger="cardtoken")
    with client_for(sandbox, "yabandpay", on_call=hook) as c:
        res = call_seed(c, "yabandpay")
    assert res.order_id == "ORD-0001"
    assert any("on_call hook raised RuntimeError" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- response metadata


def test_response_on_results_and_errors(sandbox):
    with client_for(sandbox, "worldfirst") as c:
        res = call_seed(c, "worldfirst")
        r = res.response
        assert isinstance(r, cardtoken.Response)
        assert r.status == 200 and r.attempts == 1 and r.elapsed > 0
        assert r.header("date") and r.header("Server") == "cardtoken-sandbox"
        # the gateway's response signature is a credential header: masked
        assert r.header("Signature") == "***"
        with pytest.raises(AttributeError):
            r.status = 1
        with pytest.raises(cardtoken.SignatureError) as info:
            call_seed(c, "worldfirst", tag="FAULT-badsign")
        assert info.value.response.status == 200 and info.value.response.header("signature") == "***"
        # no exchange: parsed from the user's own HTTP, or failed before sending
        req = c.build_query_card_sensitive_info(asset_id="asset-1")
        assert req is not None
        with pytest.raises(cardtoken.ValidationError) as bad:
            c.query_card_sensitive_info(asset_id="")
        assert bad.value.response is None
    with client_for(sandbox, "payermax") as p:
        lst = call_seed(p, "payermax")
        assert all(x.response is not None and x.response.status == 200 for x in lst)


def test_async_client_observed(sandbox):
    seen = []

    async def main():
        async with cardtoken.AsyncYabandPay(**dict(sandbox["yabandpay"], on_call=seen.append)) as c:
            res = await c.create_card_token(**seed_args("yabandpay"))
            with pytest.raises(cardtoken.TransportError) as info:
                await c.create_card_token(**seed_args("yabandpay", tag="FAULT-http500"))
            return res, info.value

    res, err = asyncio.run(main())
    assert res.response.status == 200 and err.response.status == 500
    assert [r.kind for r in seen] == ["attempt", "call", "attempt", "call"]
    assert seen[1].outcome == "ok" and seen[3].error == "CT_ERR_SERVER"


# ---------------------------------------------------------------- OpenTelemetry

SPAN_SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)
import cardtoken
import test_observe as t

job = json.load(sys.stdin)
for gw in job["gateways"]:
    with t.client_for(job["sandbox"], gw) as c:
        for tag in [None] + job["faults"]:
            try:
                t.call_seed(c, gw, tag=tag, canary=job["canary"])
            except cardtoken.Error:
                pass
out = []
for s in exporter.get_finished_spans():
    out.append({"name": s.name, "kind": s.kind.name, "attributes": dict(s.attributes),
                "status": s.status.status_code.name, "description": s.status.description,
                "start": s.start_time, "end": s.end_time})
print(json.dumps(out))
"""


def spans_of(sandbox_cfg, gateways, faults, canary=False):
    """The spans (as JSON) of calls made in a fresh interpreter whose global
    tracer provider is opentelemetry-sdk's with the in-memory exporter (a
    provider cannot be unset: it stays out of this process)."""
    pytest.importorskip("opentelemetry.sdk.trace", reason="opentelemetry-sdk not installed")
    here = os.path.dirname(os.path.abspath(__file__))
    job = {"sandbox": sandbox_cfg, "gateways": gateways, "faults": faults, "canary": canary}
    out = subprocess.run([sys.executable, "-c", SPAN_SCRIPT, here], input=json.dumps(job), capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout, json.loads(out.stdout)


def test_spans_follow_http_client_conventions(sandbox):
    _, spans = spans_of(sandbox, ["yabandpay"], ["FAULT-http500"])
    ok, bad = spans
    assert ok["kind"] == "CLIENT" and ok["name"] == "POST create_card_token"
    a = ok["attributes"]
    assert a["http.request.method"] == "POST" and a["server.address"] == "127.0.0.1"
    assert a["server.port"] == int(sandbox["base_url"].rsplit(":", 1)[1])
    assert a["http.response.status_code"] == 200 and "error.type" not in a
    assert a["cardtoken.gateway"] == "yabandpay" and a["cardtoken.operation"] == "create_card_token"
    assert ok["end"] > ok["start"] and ok["status"] == "UNSET"
    b = bad["attributes"]
    assert b["http.response.status_code"] == 500 and b["error.type"] == "CT_ERR_SERVER"
    assert bad["status"] == "ERROR"


def test_without_opentelemetry_nothing_is_imported(tmp_path):
    code = textwrap.dedent("""
        import sys
        sys.modules["opentelemetry"] = None  # as if not installed
        import cardtoken
        c = cardtoken.YabandPay(user="016683", secret_key="x" * 16, base_url="http://127.0.0.1:9",
                                max_retries=0)
        try:
            c.create_card_token(order_id="o", card_number="4235647728025682", security_code="123",
                                expiration_month="12", expiration_year="2030", cardholder_name="J S",
                                email="j@example.com", currency="EUR", description="d",
                                notify_url="https://merchant.example.com/n")
        except cardtoken.TransportError:
            pass
        loaded = [k for k, v in sys.modules.items() if k.startswith("opentelemetry") and v is not None]
        print(loaded, cardtoken._observe.wanted("yabandpay"), cardtoken._observe._otel)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env=dict(os.environ), cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[] 0 False"


# ---------------------------------------------------------------- the canary


def test_canary_nowhere(canary_sandbox, caplog):
    """Every log level (TRACE included), every hook record, every span
    attribute and every response's metadata of successful and failing calls
    of the four gateways, with the canary card and CVV in the arguments (and
    in WorldFirst's answer), the keys and secrets in the configuration."""
    sb = canary_sandbox
    caplog.set_level(1, logger="cardtoken")
    seen, texts, extra = [], [], secrets_of(sb)
    for gw in sorted(SEED):
        with client_for(sb, gw, on_call=seen.append) as c:
            res = first(call_seed(c, gw, canary=True))
            texts += [repr(res.response), repr(res.response.headers)]
            for f in res._fields:
                if f in ("token", "payment_token", "payment_token_id", "access_token"):
                    v = getattr(res, f)
                    if isinstance(v, str) and len(v) >= 8:
                        extra.add(v)
            for tag in ("FAULT-http500", "FAULT-badsign", "FAULT-notjson"):
                try:
                    call_seed(c, gw, tag=tag, canary=True)
                except cardtoken.Error as e:
                    texts += [repr(e), repr(e.response), repr(getattr(e.response, "headers", None))]
    assert len(seen) > 8
    texts += [repr(dict(r)) for r in seen]
    records = [r for r in caplog.records if r.name.startswith("cardtoken")]
    assert {r.levelno for r in records} >= {cardtoken.TRACE, logging.DEBUG}
    texts += [r.getMessage() for r in records] + [repr(getattr(r, "cardtoken", None)) for r in records]
    spans_text, spans = spans_of(sb, sorted(SEED), ["FAULT-http500", "FAULT-badsign", "FAULT-notjson"], canary=True)
    assert len(spans) == 16
    texts.append(spans_text)
    text = "\n".join(texts)
    # the search itself finds what it must (so this test can fail)
    assert leaked(CANARY_CARD, extra) and leaked("cvv=%s&" % CANARY_CVV, extra)
    assert all(leaked(s, extra) for s in extra)
    assert not leaked(text, extra)
    assert '"cvv":"***"' in text  # WorldFirst's answer, masked at TRACE
