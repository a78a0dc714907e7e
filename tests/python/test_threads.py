"""One client shared by 4 threads against the sandbox: every result checked
against what its own thread asked for, and the calls shown to overlap (the
sandbox sees several requests in flight at once, which only happens when the
GIL is released during the network exchange). Also: concurrent RSA signing
checked with an independent verifier, and close() while calls run.
"""

import base64
import json
import threading
import time

import pytest

import cardtoken
from conftest import GATEWAYS, OPS, client_for, op_args

LATENCY = 0.3
THREADS = 4
CALLS_PER_THREAD = 3


@pytest.fixture(scope="module")
def slow_sandbox():
    from sandbox_util import running_sandbox

    with running_sandbox("--latency", str(LATENCY)) as sb:
        yield sb


def tagged_args(gw, t, i):
    tag = "T%d-C%d-%s" % (t, i, gw)
    if gw == "pagsmile":
        return op_args(gw, tag="Holder " + tag)
    if gw == "payermax":
        return op_args(gw, tag="user-" + tag)
    if gw == "yabandpay":
        a = op_args(gw, tag="ORD-" + tag)
        a["request_id"] = ("r%dc%d%s" % (t, i, gw)).ljust(32, "x")
        return a
    return op_args(gw, tag="asset-" + tag)


def check(gw, res, args):
    if gw == "pagsmile":
        assert res.cardholder_name == args["cardholder_name"]
        assert res.first_six_digits == args["card_number"][:6]
    elif gw == "payermax":
        assert len(res) == 2 and all(t.user_id == args["user_id"] for t in res)
    elif gw == "yabandpay":
        assert res.order_id == args["order_id"] and res.request_id == args["request_id"]
    else:
        assert res.asset_id == args["asset_id"] and res.card_no == "4111111111111111"


def run_threads(n, target):
    errors, threads = [], []

    def wrap(t):
        try:
            target(t)
        except BaseException as e:  # noqa: B902 - reported below
            errors.append((t, e))

    for t in range(n):
        th = threading.Thread(target=wrap, args=(t,))
        threads.append(th)
    for th in threads:
        th.start()
    return threads, errors


@pytest.mark.parametrize("gw", GATEWAYS)
def test_four_threads_share_one_client(slow_sandbox, gw):
    sb = slow_sandbox
    sb.reset_stats()
    results = {}
    with client_for(sb, gw) as client:
        op = getattr(client, OPS[gw])

        def worker(t):
            for i in range(CALLS_PER_THREAD):
                args = tagged_args(gw, t, i)
                res = op(**args)
                check(gw, res, args)
                results[(t, i)] = res

        ticks = [0]
        start = time.monotonic()
        threads, errors = run_threads(THREADS, worker)
        while any(th.is_alive() for th in threads):
            ticks[0] += 1  # the main thread runs Python while calls are in flight
            time.sleep(0.001)
        for th in threads:
            th.join()
        elapsed = time.monotonic() - start
    assert not errors, errors
    assert len(results) == THREADS * CALLS_PER_THREAD
    stats = sb.stats()
    assert stats["max_in_flight"] >= 2, stats  # calls overlapped
    sequential = THREADS * CALLS_PER_THREAD * LATENCY
    assert elapsed < sequential * 0.75, (elapsed, sequential)
    assert ticks[0] > 20


def test_mixed_gateways_and_forms_concurrently(slow_sandbox):
    """Threads use four clients at once, and build_ / parse_ next to whole calls."""
    sb = slow_sandbox
    from conftest import send_request

    clients = {gw: client_for(sb, gw) for gw in GATEWAYS}
    try:
        def worker(t):
            gw = GATEWAYS[t % 4]
            c = clients[gw]
            for i in range(2):
                args = tagged_args(gw, t, i)
                if (t + i) % 2:
                    check(gw, getattr(c, OPS[gw])(**args), args)
                else:
                    req = getattr(c, "build_" + OPS[gw])(**args)
                    status, headers, body = send_request(req, sb["ca_file"])
                    check(gw, getattr(c, "parse_" + OPS[gw])(status, headers, body, request=req),
                          args)

        threads, errors = run_threads(8, worker)
        for th in threads:
            th.join()
        assert not errors, errors
    finally:
        for c in clients.values():
            c.close()


def test_concurrent_rsa_signing_is_correct(sandbox):
    """4 threads build PayerMax requests on one client; every signature verifies
    with the merchant's public key (cryptography)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    pub = serialization.load_pem_private_key(
        sandbox["payermax"]["private_key"].encode(), None).public_key()
    built = []
    lock = threading.Lock()
    with client_for(sandbox, "payermax") as c:
        def worker(t):
            for i in range(50):
                uid = "user-%d-%d" % (t, i)
                req = c.build_inquire_payment_token(user_id=uid)
                with lock:
                    built.append((uid, req))

        threads, errors = run_threads(THREADS, worker)
        for th in threads:
            th.join()
    assert not errors, errors
    assert len(built) == THREADS * 50
    for uid, req in built:
        assert json.loads(req.body)["data"]["userId"] == uid
        sig = base64.b64decode(dict(req.headers)["sign"])
        pub.verify(sig, req.body, padding.PKCS1v15(), hashes.SHA256())


def test_close_while_calls_run(slow_sandbox):
    """close() during calls: the running calls finish normally, later calls
    raise CT_ERR_CLOSED, nothing crashes."""
    sb = slow_sandbox
    sb.reset_stats()
    client = client_for(sb, "yabandpay")
    started = threading.Barrier(THREADS + 1)
    outcomes = {}

    def worker(t):
        args = tagged_args("yabandpay", t, 0)
        started.wait()
        try:
            res = client.create_card_token(**args)
            check("yabandpay", res, args)
            outcomes[t] = "ok"
        except cardtoken.ConfigurationError as e:
            outcomes[t] = e.name

    threads, errors = run_threads(THREADS, worker)
    started.wait()
    deadline = time.monotonic() + 5
    while sb.stats()["in_flight"] < THREADS and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sb.stats()["in_flight"] >= 1
    client.close()  # calls in flight
    assert client.closed
    with pytest.raises(cardtoken.ConfigurationError) as info:
        client.create_card_token(**tagged_args("yabandpay", 9, 9))
    assert info.value.name == "CT_ERR_CLOSED"
    for th in threads:
        th.join()
    assert not errors, errors
    # the calls already sent finished with their results
    in_flight_at_close = [o for o in outcomes.values() if o == "ok"]
    assert len(outcomes) == THREADS
    assert len(in_flight_at_close) >= 1
    assert set(outcomes.values()) <= {"ok", "CT_ERR_CLOSED"}
    client.close()
    del client


def test_client_dropped_while_call_runs(slow_sandbox):
    """The last Python reference to a client goes away while a thread uses it:
    the call keeps the client alive until it returns."""
    out = []

    def worker():
        c = client_for(slow_sandbox, "pagsmile")
        op = c.get_card_token  # bound method holds the client
        del c
        out.append(op(**op_args("pagsmile")))

    th = threading.Thread(target=worker)
    th.start()
    th.join()
    assert out and out[0].first_six_digits == "423564"
