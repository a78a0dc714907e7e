"""A hostile Pagsmile-like TLS server on 127.0.0.1, for transport tests the
sandbox cannot stage.

Each answer is a valid Pagsmile get_card_token success whose cardholder_name
echoes the request's, so a test can tell which request an answer is about.
Modes:

  unsolicited  after each answer, wait 0.1 s and send, unasked, a second
               answer about cardholder "VICTIM" on the idle keep-alive
               connection (a desync, a proxy, a server's late 408)
  bighead      the answer carries one 1 MiB header line
  status404    an unexpected HTTP 404 (the request did reach the server)
  aligned      the stale answer in the same TLS record as the real one, which
               is padded to exactly 4096 bytes (the client's read size): the
               stale bytes stay inside the client's TLS buffer, the socket
               is not readable

Run as a script (`python hostile_server.py MODE`) it prints
`{"port": N, "ca_file": PATH}` on one line and serves until stdin closes;
every connection's count is printed as `connections N` on stderr at exit.
"""

import json
import os
import socket
import ssl
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python", "cardtoken"))
from sandbox.certs import _make_certs  # noqa: E402  (stdlib + cryptography only)

VICTIM = "VICTIM"


def pagsmile_answer(holder, card="4111111111111111", extra_headers=b"", size=None):
    body = json.dumps({
        "code": "200",
        "info": {"token": "2608f4508569a3461ddb8277844e8e62",
                 "card_info": {"first_six_digits": card[:6], "last_four_digits": card[-4:],
                               "expiration_month": 12, "expiration_year": 2030,
                               "cardholder_name": holder, "payment_method_id": "visa"}},
    }).encode()
    pad = 0
    while size is not None:  # JSON allows trailing white space
        total = len(_http_ok(body + b" " * pad, extra_headers))
        if total == size:
            break
        pad += size - total
    return _http_ok(body + b" " * pad, extra_headers)


def _http_ok(body, extra_headers):
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extra_headers +
            b"Content-Length: %d\r\n\r\n" % len(body) + body)


def _read_request(f):
    """(body bytes) of one HTTP/1.1 request, or None at EOF."""
    line = f.readline()
    if not line:
        return None
    length = 0
    while True:
        h = f.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        name, _, value = h.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    return f.read(length)


def _echo(body):
    """(cardholder_name, card_number) of a Pagsmile request."""
    try:
        req = json.loads(body.decode())
        return req.get("cardholder_name", "?"), req.get("card_number", "0000000000")
    except ValueError:
        return "?", "0000000000"


class HostileServer:
    def __init__(self, mode):
        self.mode = mode
        self.connections = 0
        self.requests = 0
        self.tmpdir = tempfile.mkdtemp(prefix="ct-hostile-")
        ca_pem, chain_pem, key_pem = _make_certs("valid")
        self.ca_file = os.path.join(self.tmpdir, "ca.pem")
        chain, key = os.path.join(self.tmpdir, "chain.pem"), os.path.join(self.tmpdir, "key.pem")
        for path, data in ((self.ca_file, ca_pem), (chain, chain_pem), (key, key_pem)):
            with open(path, "wb") as f:
                f.write(data if isinstance(data, bytes) else data.encode())
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(chain, key)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.base_url = "https://localhost:%d" % self.port
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                raw, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw):
        try:
            conn = self.ctx.wrap_socket(raw, server_side=True)
            f = conn.makefile("rb")
            while True:
                body = _read_request(f)
                if body is None:
                    break
                with self.lock:
                    self.requests += 1
                holder, card = _echo(body)
                answer = pagsmile_answer(holder, card)
                if self.mode == "status404":
                    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno")
                elif self.mode == "aligned":
                    answer = pagsmile_answer(holder, card, size=4096)
                    assert len(answer) == 4096, len(answer)
                    conn.sendall(answer + pagsmile_answer(VICTIM))
                elif self.mode == "bighead":
                    conn.sendall(pagsmile_answer(holder, card,
                                                 b"X-Big: " + b"a" * (1 << 20) + b"\r\n"))
                else:
                    conn.sendall(answer)
                    threading.Event().wait(0.1)
                    conn.sendall(pagsmile_answer(VICTIM))
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            raw.close()

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


if __name__ == "__main__":
    server = HostileServer(sys.argv[1])
    print(json.dumps({"port": server.port, "base_url": server.base_url,
                      "ca_file": server.ca_file}), flush=True)
    sys.stdin.read()
    print("connections %d" % server.connections, file=sys.stderr, flush=True)
