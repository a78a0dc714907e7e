"""Fork after use (issue 21, item 1): a client that made a call keeps an idle
keep-alive TLS connection; after os.fork() the child must never touch it (nor
the TLS session cache): it opens its own connection, and abandoning the
inherited one sends nothing on it, so the parent keeps using it.

The sandbox's counters are the independent witness: which requests came on
new connections, and whether the parent's pooled connection survived."""

import os
import threading

import pytest

cardtoken = pytest.importorskip("cardtoken")

from sandbox_util import get_stats, reset_stats, running_sandbox  # noqa: E402

CARD = "4716184073951138"
N = 20


@pytest.fixture(scope="module")
def sb():
    with running_sandbox("--latency", "0.02") as cfg:
        yield cfg


def call(client, tag):
    return client.get_card_token(card_number=CARD, security_code="123", expiration_month="11",
                                 expiration_year="2031", cardholder_name=tag)


def run_calls(client, side):
    """N calls, each checked against its own tag; returns (crossed, errors)."""
    crossed = errors = 0
    for i in range(N):
        tag = "%s %d" % (side, i)
        try:
            if call(client, tag).cardholder_name != tag:
                crossed += 1
        except cardtoken.Error:
            errors += 1
    return crossed, errors


def fork_child(body):
    """Runs body() in a forked child; returns its exit status (0..255)."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            code = body()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_parent_and_child_call_at_once_after_fork(sb):
    with cardtoken.Pagsmile(**sb["pagsmile"]) as client:
        assert call(client, "before").cardholder_name == "before"  # pooled connection
        reset_stats(sb)
        go_r, go_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 99
            try:
                os.close(go_w)
                os.read(go_r, 1)  # start together with the parent
                crossed, errors = run_calls(client, "child")
                code = min(crossed * 10 + errors, 98)
            finally:
                os._exit(code)
        os.close(go_r)
        os.write(go_w, b"x")
        os.close(go_w)
        crossed, errors = run_calls(client, "parent")
        _, status = os.waitpid(pid, 0)
        child = os.waitstatus_to_exitcode(status)
    assert (crossed, errors) == (0, 0), "parent: crossed answers or broken connection"
    assert child == 0, "child: %d crossed answers, %d errors" % divmod(child, 10)
    st = get_stats(sb)
    assert st["requests_total"] == 2 * N
    # The child opened its own connection; the parent kept its own.
    assert st["connections_accepted"] == 1, st
    assert st["requests_on_new_connections"] == 1, st


def test_child_abandons_the_inherited_connection_without_a_byte(sb):
    with cardtoken.Pagsmile(**sb["pagsmile"]) as client:
        assert call(client, "before").cardholder_name == "before"
        reset_stats(sb)

        def child():
            client.close()  # frees the inherited pool: must send nothing
            return 0

        assert fork_child(child) == 0
        # Had the child sent a TLS close_notify on the shared connection,
        # the sandbox would have closed it and this call would need a new one.
        assert call(client, "after").cardholder_name == "after"
        st = get_stats(sb)
    assert st["requests_total"] == 1
    assert st["requests_on_new_connections"] == 0, "the parent's pooled connection was broken"
    assert st["connections_accepted"] == 0


def test_child_first_call_uses_a_new_connection(sb):
    with cardtoken.Pagsmile(**sb["pagsmile"]) as client:
        assert call(client, "before").cardholder_name == "before"
        reset_stats(sb)

        def child():
            ok = call(client, "child").cardholder_name == "child"
            return 0 if ok else 1

        assert fork_child(child) == 0
        st = get_stats(sb)
        assert st["requests_on_new_connections"] == 1, "the child reused the parent's connection"
        assert st["connections_accepted"] == 1
        # and the parent's connection is intact
        assert call(client, "after").cardholder_name == "after"
        assert get_stats(sb)["requests_on_new_connections"] == 1


# Forking a threaded parent is the point of this test (Python 3.12+ warns).
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_fork_from_a_threaded_parent(sb):
    """A thread holds a call in flight while the main thread forks: the
    child still gets a working client of its own."""
    with cardtoken.Pagsmile(**sb["pagsmile"]) as client:
        call(client, "warm")
        stop = threading.Event()

        def busy():
            while not stop.is_set():
                call(client, "thread")

        t = threading.Thread(target=busy)
        t.start()
        try:
            def child():
                crossed, errors = run_calls(client, "child")
                return 0 if (crossed, errors) == (0, 0) else 1

            codes = [fork_child(child) for _ in range(3)]
        finally:
            stop.set()
            t.join(30)
    assert codes == [0, 0, 0]
