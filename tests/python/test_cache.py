"""The process-wide connection and key cache (issue 17).

The sandbox's counters are the independent witness of connection reuse: a
client built after another one was closed reuses its warm connection (one
TCP accept, one request on a new connection); with the cache off, or a
client's persistent=False, each client opens its own. A forked child never
uses its parent's cached connection. Parsed keys are cached by a digest of
their text: a signature made with a cached key is byte-for-byte the vector's
(an independent implementation's) value. The cache stays bounded."""

import gc
import os
import time

import pytest

cardtoken = pytest.importorskip("cardtoken")

from conftest import CLIENTS, load_vectors  # noqa: E402
from sandbox_util import get_stats, reset_stats, running_sandbox  # noqa: E402

CARD = "4716184073951138"


@pytest.fixture(scope="module")
def sb():
    with running_sandbox() as cfg:
        yield cfg


@pytest.fixture(autouse=True)
def cold_cache():
    """Each test starts with an empty cache that is on, and ends with the
    settings it found."""
    before = cardtoken.configure_cache()
    gc.collect()  # clients of earlier tests left as garbage release their endpoints now
    cardtoken.configure_cache(persistent=False)  # frees what is cached
    cardtoken.configure_cache(persistent=True, max_connections=16, idle_timeout=50)
    yield
    cardtoken.configure_cache(persistent=False)
    cardtoken.configure_cache(persistent=before["persistent"], max_connections=before["max_connections"],
                              idle_timeout=before["idle_timeout"])


def call(client, tag="c"):
    res = client.get_card_token(card_number=CARD, security_code="123", expiration_month="11",
                                expiration_year="2031", cardholder_name=tag)
    assert res.cardholder_name == tag


def per_request_calls(sb, n, **options):
    """n calls, each on a client built for it and closed after it."""
    for i in range(n):
        with cardtoken.Pagsmile(**sb["pagsmile"], **options) as client:
            call(client, "call %d" % i)


def endpoints():
    return cardtoken.configure_cache()["endpoints"]


# Clients of other test modules still alive (fixtures, garbage not yet
# collected) hold their endpoints through the flush above, so the endpoint
# counts below are counted from what a test found.
def test_clients_built_per_call_reuse_one_connection(sb):
    base = endpoints()
    reset_stats(sb)
    per_request_calls(sb, 5)
    st = get_stats(sb)
    assert st["requests_total"] == 5
    assert st["connections_accepted"] == 1, st
    assert st["requests_on_new_connections"] == 1, st
    assert endpoints() == base + 1


def test_client_option_persistent_false_opts_out(sb):
    base = endpoints()
    reset_stats(sb)
    per_request_calls(sb, 3, persistent=False)
    st = get_stats(sb)
    assert st["connections_accepted"] == 3, st
    assert endpoints() == base


def test_module_setting_off_gives_each_client_its_own_connection(sb):
    assert cardtoken.configure_cache(persistent=False)["persistent"] is False
    base = endpoints()
    reset_stats(sb)
    per_request_calls(sb, 3)
    assert get_stats(sb)["connections_accepted"] == 3
    assert endpoints() == base


def test_different_settings_do_not_share(sb):
    base = endpoints()
    reset_stats(sb)
    per_request_calls(sb, 2)
    per_request_calls(sb, 2, timeout=3)  # another low-speed limit: another pool
    st = get_stats(sb)
    assert st["connections_accepted"] == 2, st
    assert endpoints() == base + 2


def test_idle_timeout_drops_an_idle_endpoint(sb):
    cardtoken.configure_cache(idle_timeout=1)
    reset_stats(sb)
    per_request_calls(sb, 1)
    time.sleep(2.2)
    per_request_calls(sb, 1)
    assert get_stats(sb)["connections_accepted"] == 2


def test_a_forked_child_opens_its_own_connection(sb):
    per_request_calls(sb, 1)  # a warm cached connection in the parent
    reset_stats(sb)
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            per_request_calls(sb, 2)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    st = get_stats(sb)
    assert st["requests_total"] == 2
    assert st["connections_accepted"] == 1, "the child used its parent's cached connection"
    assert st["requests_on_new_connections"] == 1, st
    # The parent's cached connection was not touched by the child.
    per_request_calls(sb, 1)
    st = get_stats(sb)
    assert st["connections_accepted"] == 1 and st["requests_on_new_connections"] == 1, st


def test_bad_settings_are_config_errors_naming_the_setting():
    for kw, name in (({"max_connections": 0}, "max_connections"), ({"max_connections": 65}, "max_connections"),
                     ({"idle_timeout": 0}, "idle_timeout"), ({"idle_timeout": -5}, "idle_timeout")):
        with pytest.raises(cardtoken.ConfigurationError) as info:
            cardtoken.configure_cache(**kw)
        assert info.value.field == name
    with pytest.raises(cardtoken.ConfigurationError):
        cardtoken.configure_cache(persistent="yes")
    assert cardtoken.configure_cache()["max_connections"] == 16


def signed_vectors():
    return [(n, v) for n, v in load_vectors()
            if v["gateway"] in ("payermax", "worldfirst") and v["kind"] == "call" and "build" in v]


def test_key_cache_hits_keep_every_signature_byte():
    vecs = signed_vectors()
    assert len(vecs) >= 4
    for name, vec in vecs:
        for round_ in range(2):  # the second client's keys come from the cache
            with CLIENTS[vec["gateway"]](**vec["config"]) as client:
                op = vec.get("op", "inquire_payment_token" if vec["gateway"] == "payermax"
                             else "query_card_sensitive_info")
                built = getattr(client, "build_" + op)(**vec["args"])
            exp = vec["build"]
            assert built.body == exp["body"].encode("utf-8"), (name, round_)
            assert [tuple(h) for h in built.headers] == [tuple(h) for h in exp["headers"]], (name, round_)
            on_wire = [built.body.decode("utf-8")] + [v for _, v in built.headers]
            assert any(exp["signature"] in part for part in on_wire), (name, round_)
    info = cardtoken.configure_cache()
    assert 1 <= info["keys"] <= 32, info


def test_two_key_texts_never_share_an_entry():
    vec = next(v for _, v in signed_vectors() if v["gateway"] == "payermax")
    cardtoken.PayerMax(**vec["config"]).close()
    n = cardtoken.configure_cache()["keys"]
    cardtoken.PayerMax(**vec["config"]).close()
    assert cardtoken.configure_cache()["keys"] == n  # the same texts: hits
    cfg = dict(vec["config"])
    key = "private_key" if "private_key" in cfg else next(k for k in cfg if "private" in k)
    cfg[key] = cfg[key].replace("\n", "\r\n") if "\n" in cfg[key] else cfg[key] + "\n"
    cardtoken.PayerMax(**cfg).close()  # the same key, another text: its own entry
    assert cardtoken.configure_cache()["keys"] == n + 1


def test_bounded_under_10000_distinct_clients():
    base = {"merchant_no": "m", "app_id": "a", "app_key": "k"}
    for port in range(20000, 30000):
        cardtoken.Pagsmile(**base, base_url="http://127.0.0.1:%d" % port).close()
    info = cardtoken.configure_cache()
    assert info["endpoints"] <= 64, info


# ---- the default (on, as PHP's cardtoken.persistent), in a fresh interpreter:
# the fixture above sets the cache explicitly, so these run a child Python
# that imports cardtoken and changes no setting.
DEFAULT_SCRIPT = r"""
import json, os, sys
import cardtoken
cfg = json.loads(sys.argv[1])
mode = sys.argv[2]
print(json.dumps({"persistent": cardtoken.configure_cache()["persistent"]}), flush=True)

def calls(n, **opt):
    for i in range(n):
        with cardtoken.Pagsmile(**cfg, **opt) as c:
            r = c.get_card_token(card_number="%s", security_code="123", expiration_month="11",
                                 expiration_year="2031", cardholder_name="d%%d" %% i)
            assert r.cardholder_name == "d%%d" %% i

if mode == "two":
    calls(2)
elif mode == "opt_out":
    calls(2, persistent=False)
elif mode == "fork":
    calls(1)  # a warm cached connection in the parent
    sys.stdout.write("warm\n"); sys.stdout.flush()
    sys.stdin.readline()  # the test resets the sandbox's counters
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            calls(2)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    sys.stdout.write("child done\n"); sys.stdout.flush()
    sys.stdin.readline()
    calls(1)  # the parent's own cached connection, untouched by the child
""" % CARD


def run_default(sb, mode, steps=()):
    """Runs DEFAULT_SCRIPT in a child interpreter; steps: (line expected on
    its stdout, callable run before answering it)."""
    import json
    import subprocess
    import sys
    p = subprocess.Popen([sys.executable, "-c", DEFAULT_SCRIPT, json.dumps(sb["pagsmile"]), mode],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        first = json.loads(p.stdout.readline())
        for want, action in steps:
            assert p.stdout.readline().strip() == want
            action()
            p.stdin.write("\n")
            p.stdin.flush()
        p.stdin.close()
        assert p.wait(60) == 0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return first


@pytest.mark.parametrize("mode,connections", [
    ("two", 1),  # the default: two clients one after the other share one connection
    ("opt_out", 2),  # persistent=False: each client its own
])
def test_default_is_on_and_persistent_false_opts_out(sb, mode, connections):
    reset_stats(sb)
    assert run_default(sb, mode)["persistent"] is True
    st = get_stats(sb)
    assert st["requests_total"] == 2
    assert st["connections_accepted"] == connections, st
    assert st["requests_on_new_connections"] == connections, st


def test_default_a_forked_child_never_uses_the_parents_connection(sb):
    seen = {}

    def after_child():
        seen["child"] = get_stats(sb)

    run_default(sb, "fork", [("warm", lambda: reset_stats(sb)), ("child done", after_child)])
    st = seen["child"]
    assert st["requests_total"] == 2
    assert st["connections_accepted"] == 1, "the child used its parent's cached connection"
    assert st["requests_on_new_connections"] == 1, st
    st = get_stats(sb)  # the parent's call after the child: its own warm connection
    assert st["requests_total"] == 3
    assert st["connections_accepted"] == 1 and st["requests_on_new_connections"] == 1, st
