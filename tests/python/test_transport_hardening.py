"""Transport hardening (issue 21): a stale answer waiting on an idle pooled
connection never becomes the next call's answer; base_url and proxy are
scheme://host[:port] only, as libcurl parses them; an option libcurl refuses
fails the constructor; a huge response header is a TransportError (too large,
outcome unknown); every failure after the request was sent reports
outcome_unknown.

Servers are loopback only (hostile_server.py, the sandbox)."""

import time

import pytest

cardtoken = pytest.importorskip("cardtoken")

from hostile_server import VICTIM, HostileServer  # noqa: E402

CARD = "4716184073951138"
PAGSMILE = dict(merchant_no="1024201708140012289", app_id="2017051914172236111",
                app_key="pagsmile-test-key")


def pagsmile(server, **extra):
    return cardtoken.Pagsmile(base_url=server.base_url, ca_file=server.ca_file, timeout=5.0,
                              **dict(PAGSMILE, **extra))


def get_token(client, holder):
    return client.get_card_token(card_number=CARD, security_code="123", expiration_month="11",
                                 expiration_year="2031", cardholder_name=holder)


# ---------------------------------------------------------------- stale answers


@pytest.mark.parametrize("mode", ["unsolicited", "aligned"])
def test_stale_answer_on_idle_connection_is_not_reused(mode):
    """unsolicited: the stale answer waits in the socket; aligned: it waits
    inside the client's TLS buffer (the socket is not readable)."""
    with HostileServer(mode) as server, pagsmile(server) as client:
        assert get_token(client, "FIRST").cardholder_name == "FIRST"
        time.sleep(0.5)  # the unsolicited answer is now waiting
        for holder in ("SECOND", "THIRD"):
            result = get_token(client, holder)
            assert result.cardholder_name == holder, "got the answer meant for nobody"
            assert result.cardholder_name != VICTIM
            time.sleep(0.3)
        assert server.requests == 3
        # each call found bytes waiting on the idle connection: a new one
        assert server.connections == 3


# ---------------------------------------------------------------- huge header, unexpected status


@pytest.mark.parametrize("mode, cls, name, status", [
    # a 1 MiB header line: too large (outcome unknown), not out of memory
    ("bighead", cardtoken.TransportError, "CT_ERR_TOO_LARGE", None),
    # the request reached the server: the gateway may have acted on it
    ("status404", cardtoken.ProtocolError, "CT_ERR_HTTP_STATUS", 404),
])
def test_failure_after_sending_leaves_the_outcome_unknown(mode, cls, name, status):
    with HostileServer(mode) as server, pagsmile(server) as client:
        with pytest.raises(cardtoken.Error) as ei:
            get_token(client, "ANY")
        assert server.requests == 1
    err = ei.value
    assert isinstance(err, cls) and not isinstance(err, MemoryError), type(err)
    assert err.name == name, (err.name, str(err))
    assert err.outcome_unknown is True and err.retryable is False
    if status is not None:
        assert err.http_status == status


def test_parse_of_a_caller_supplied_body_does_not_claim_unknown():
    client = cardtoken.Pagsmile(base_url="https://example.com", **PAGSMILE)
    req = client.build_get_card_token(card_number=CARD, security_code="123",
                                      expiration_month="11", expiration_year="2031",
                                      cardholder_name="X")
    with pytest.raises(cardtoken.ProtocolError) as ei:
        client.parse_get_card_token(200, [], b"not json", request=req)
    assert ei.value.outcome_unknown is False
    client.close()


# ---------------------------------------------------------------- base_url / proxy


@pytest.mark.parametrize("url", [
    "https://[@127.0.0.1:8443/evil?#]",
    "https://[@127.0.0.1/evil]",
    "https://user@example.com",
    "https://:@example.com",
    "https://example.com/evil",
    "https://example.com//",
    "https://example.com?",
    "https://example.com/?a=1",
    "https://example.com#",
    "https://example.com/#frag",
    "https://[::1%25eth0]",
    "https://[1:2]",
    "https://[127.0.0.1]",
    "https://[]",
    "https://ex%41mple.com",
    "https://exa\\mple.com",
    "https://example..com",
    "https://example.com:0",
    "https://example.com:65536",
    "http://127.0.0.1.example.com",
    "https://",
])
def test_base_url_is_scheme_host_port_only(url):
    with pytest.raises(cardtoken.ConfigurationError) as ei:
        cardtoken.Pagsmile(base_url=url, **PAGSMILE)
    assert ei.value.field == "base_url"


@pytest.mark.parametrize("url", [
    "https://example.com", "https://example.com/", "https://example.com:8443",
    "https://[::1]:8443", "https://[2001:db8::1]", "http://127.0.0.1:9", "http://[::1]:9",
    "http://localhost:9", "https://127.0.0.1",
])
def test_good_base_urls_still_accepted(url):
    cardtoken.Pagsmile(base_url=url, **PAGSMILE).close()


@pytest.mark.parametrize("proxy", [
    "http://127.0.0.1:3128/evil",
    "http://127.0.0.1:3128?x",
    "http://127.0.0.1:3128#x",
    "http://[::1%25lo]:3128",
    "http://[1:2]:3128",
    "ftp://127.0.0.1:21",
    "http://127.0.0.1:3128 ",
])
def test_proxy_is_scheme_host_port_only(proxy):
    with pytest.raises(cardtoken.ConfigurationError) as ei:
        cardtoken.Pagsmile(base_url="https://example.com", proxy=proxy, **PAGSMILE)
    assert ei.value.field == "proxy"


@pytest.mark.parametrize("proxy", [
    "http://127.0.0.1:3128", "http://user:pa%40ss@127.0.0.1:3128", "127.0.0.1:3128",
    "socks5h://127.0.0.1:1080", "https://[::1]:3128",
])
def test_good_proxies_still_accepted(proxy):
    cardtoken.Pagsmile(base_url="https://example.com", proxy=proxy, **PAGSMILE).close()


def test_proxy_libcurl_refuses_fails_the_constructor():
    """libcurl refuses strings over 8,000,000 bytes; the call must not go
    direct with the proxy silently dropped."""
    proxy = "http://" + "a" * 8_000_001 + ".example:3128"
    with pytest.raises(cardtoken.ConfigurationError) as ei:
        cardtoken.Pagsmile(base_url="https://example.com", proxy=proxy, **PAGSMILE)
    assert ei.value.field == "proxy"


# ------------------------------------------------- a resend after a dead reuse


def _read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(body) < length:
        body += conn.recv(65536)
    return head.split(b"\r\n")[0]


@pytest.mark.parametrize("max_retries", [0, 2])
def test_request_on_a_dead_reused_connection_is_never_sent_twice(max_retries):
    """The second call goes out on the pooled connection, which the server
    reads and closes without answering, and nobody listens for a moment:
    libcurl's own reconnect is refused. The request reached the gateway, so
    the call must say outcome unknown, must not be retryable, and must not be
    sent again (by libcurl or by our retry loop)."""
    import socket
    import threading

    ok = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    received = []
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(8)
    port = ls.getsockname()[1]
    done = threading.Event()

    def serve():
        conn, _ = ls.accept()
        received.append(_read_request(conn))
        conn.sendall(ok)
        received.append(_read_request(conn))  # the second call's request
        ls.close()
        conn.close()  # no answer, and nobody listens until the call is over
        done.wait(10)
        again = socket.socket()
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
        again.listen(8)
        again.settimeout(1.0)
        try:
            while True:
                c, _ = again.accept()
                received.append(_read_request(c))
                c.sendall(ok)
                c.close()
        except OSError:
            pass
        again.close()

    th = threading.Thread(target=serve, daemon=True)
    th.start()
    client = cardtoken.Pagsmile(base_url=f"http://127.0.0.1:{port}", timeout=5.0,
                                max_retries=max_retries, **PAGSMILE)
    with pytest.raises(cardtoken.Error):  # {} is not a Pagsmile answer
        get_token(client, "A B")
    with pytest.raises(cardtoken.Error) as info:
        get_token(client, "A B")
    done.set()
    th.join(5)
    client.close()
    assert info.value.outcome_unknown is True
    assert info.value.retryable is False
    assert len(received) == 2, received  # never resent on a new connection
