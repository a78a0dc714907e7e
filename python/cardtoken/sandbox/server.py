"""The sandbox's HTTP(S) layer and application: the main listener (gateway
paths and /_sandbox/ paths), the plain-HTTP stats listener, the redirect
target, keys, certificates and the config file."""

import http.server
import io
import json
import os
import shutil
import socket
import socketserver
import ssl
import sys
import tempfile
import threading

from cryptography.hazmat.primitives.asymmetric import rsa

from . import worldfirst
from ._common import _json_bytes, _load_private_pem, _log, _pem_private, _pem_public, json_object, origin_path
from .certs import _make_certs
from .faults import MAX_DELAY, deliver, fault_of
from .gateways import CREDENTIALS, GATEWAYS, ROUTES, RSA_GATEWAYS, Gateways
from .stats import Stats

MAX_REQUEST_BODY = 1024 * 1024
MAX_LATENCY = 10.0
IDLE_TIMEOUT = 120.0
TLS_HANDSHAKE_TIMEOUT = 10.0
_SANDBOX_PATHS = ("/_sandbox/stats", "/_sandbox/reset-stats", "/_sandbox/health")


class _BodyTooLarge(Exception):
    pass


class _BadBody(Exception):
    pass


class _CountingRaw(io.RawIOBase):
    """The raw stream under a handler's rfile: adds every byte it receives to
    the stats' app_bytes_received (whatever a client sent after the TLS
    handshake, a partial request line included), counted as it arrives, so a
    later read that fails (an unexpected EOF) cannot hide it."""

    def __init__(self, sock, count):
        super().__init__()
        self._sock = sock
        self._count = count

    def readable(self):
        return True

    def readinto(self, b):
        n = self._sock.recv_into(b)
        self._count(n)
        return n


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cardtoken-sandbox"
    timeout = IDLE_TIMEOUT
    disable_nagle_algorithm = True

    _served = False  # set once a request was counted on this connection

    def version_string(self):
        return self.server_version

    def setup(self):
        super().setup()
        if self.server.is_main:
            self.rfile.close()
            self.rfile = io.BufferedReader(_CountingRaw(self.connection, self.server.app.stats.app_bytes))

    # ---- logging: method, path, status only ----

    def log_request(self, code="-", size="-"):
        pass

    def log_error(self, format, *args):  # noqa: A002 - stdlib signature
        if self.server.app.verbose:
            _log("protocol error on %s" % ("main" if self.server.is_main else "stats"))

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _log_line(self, path, status):
        if self.server.app.verbose:
            if path in ROUTES or path in _SANDBOX_PATHS:
                shown = path
            elif path.startswith("/_sandbox/pay/"):
                shown = "/_sandbox/pay/*"
            else:
                shown = "(other path)"  # a client could put anything in a path
            _log("%s %s %s" % (self.command, shown, status))

    # ---- body ----

    def _read_body(self):
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if te == "chunked":
            parts = []
            total = 0
            for _ in range(100000):
                line = self.rfile.readline(1026)
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise _BadBody()
                if size == 0:
                    for _ in range(100):
                        trailer = self.rfile.readline(8192)
                        if trailer in (b"\r\n", b"\n", b""):
                            break
                    return b"".join(parts)
                total += size
                if total > MAX_REQUEST_BODY:
                    raise _BodyTooLarge()
                chunk = self.rfile.read(size)
                if len(chunk) != size:
                    raise _BadBody()
                parts.append(chunk)
                self.rfile.readline(3)
            raise _BadBody()
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            n = int(length)
        except ValueError:
            raise _BadBody()
        if n < 0:
            raise _BadBody()
        if n > MAX_REQUEST_BODY:
            raise _BodyTooLarge()
        data = self.rfile.read(n)
        if len(data) != n:
            raise _BadBody()
        return data

    # ---- sending ----

    def _send(self, status, headers, body, close=False):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        # end_headers() plus the body in one write (one TLS record, no Nagle stall).
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(body)
        self.flush_headers()

    def _send_json(self, status, obj, close=False):
        self._send(status, [("Content-Type", "application/json")], _json_bytes(obj), close)

    # ---- dispatch ----

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def _dispatch(self):
        app = self.server.app
        path = (origin_path(self.path) or self.path).split("?", 1)[0]
        try:
            try:
                body = self._read_body()
            except _BodyTooLarge:
                self._send_json(413, {"error": "request body too large"}, close=True)
                self._log_line(path, 413)
                return
            except _BadBody:
                self._send_json(400, {"error": "malformed request body"}, close=True)
                self._log_line(path, 400)
                return
            if path.startswith("/_sandbox/"):
                self._sandbox_path(path)
                return
            if not self.server.is_main:
                self._send_json(404, {"error": "not found"})
                self._log_line(path, 404)
                return
            app.stats.request(path, len(body), not self._served)
            self._served = True
            gateway = ROUTES.get(path)
            if gateway is None:
                self._send_json(404, {"error": "not found"})
                self._log_line(path, 404)
                return
            if self.command != "POST":
                self._send(405, [("Allow", "POST"), ("Content-Type", "application/json")],
                           _json_bytes({"error": "method not allowed"}))
                self._log_line(path, 405)
                return
            app.stats.enter()
            try:
                self._gateway(gateway, path, body)
            finally:
                app.stats.leave()
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, socket.timeout, OSError):
            self.close_connection = True

    def _sandbox_path(self, path):
        app = self.server.app
        if path == "/_sandbox/stats" and self.command in ("GET", "HEAD"):
            self._send_json(200, app.stats.snapshot())
        elif path == "/_sandbox/reset-stats" and self.command == "POST":
            app.stats.reset()
            self._send_json(200, {"ok": True})
        elif path == "/_sandbox/health" and self.command in ("GET", "HEAD"):
            self._send_json(200, {"ok": True})
        elif path.startswith("/_sandbox/pay/") and self.command in ("GET", "HEAD"):
            self._send(200, [("Content-Type", "text/html; charset=utf-8")],
                       b"<html><body>cardtoken sandbox payment page</body></html>")
        else:
            self._send_json(404, {"error": "not found"})
            self._log_line(path, 404)
            return
        self._log_line(path, 200)

    def _gateway(self, gateway, path, body):
        app = self.server.app
        fault = app.fault
        obj = json_object(body)
        magic = Gateways.magic_value(gateway, obj) if obj is not None else None
        fault = fault_of(magic, fault)
        if fault:
            app.stats.fault(fault)
        # WorldFirst signs the request target as sent (its origin form: the
        # path and query the client signed, also when the line was absolute)
        raw_path = origin_path(self.path) or self.path
        reply = app.gateways.handle(gateway, self.headers, body, raw_path, fault)
        if app.latency > 0:
            app.stop.wait(app.latency)
        deliver(self, path, reply, fault)
        for later in reply.after:
            threading.Thread(target=later, name="sandbox-after", daemon=True).start()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, app, tls_context=None, is_main=True):
        self.app = app
        self.tls_context = tls_context
        self.is_main = is_main
        http.server.ThreadingHTTPServer.__init__(self, address, _Handler)

    def server_bind(self):
        # Skip HTTPServer.server_bind's getfqdn() (slow, reverse DNS).
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port

    def get_request(self):
        sock, addr = socketserver.TCPServer.get_request(self)
        if self.is_main:
            self.app.stats.connection()
        return sock, addr

    def process_request_thread(self, request, client_address):
        try:
            if self.tls_context is not None:
                request.settimeout(TLS_HANDSHAKE_TIMEOUT)
                try:
                    request = self.tls_context.wrap_socket(request, server_side=True)
                except (ssl.SSLError, OSError):
                    self.app.stats.tls_failure()
                    if self.app.verbose:
                        _log("TLS handshake failed")
                    try:
                        request.close()
                    except OSError:
                        pass
                    return
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            if self.is_main:
                self.app.stats.connection_closed()

    def handle_error(self, request, client_address):
        if self.app.verbose:
            _log("handler error: %s" % type(sys.exc_info()[1]).__name__)


class _RedirectTargetHandler(socketserver.BaseRequestHandler):
    def handle(self):
        stats = self.server.app.stats
        stats.redirect_connection()
        self.request.settimeout(2.0)
        for _ in range(1024):
            try:
                data = self.request.recv(65536)
            except OSError:
                break
            if not data:
                break
            stats.redirect_data(len(data))


class _RedirectTarget(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, app):
        self.app = app
        socketserver.ThreadingTCPServer.__init__(self, address, _RedirectTargetHandler)

    def handle_error(self, request, client_address):
        pass


# ---------------------------------------------------------------------------
# The application
# ---------------------------------------------------------------------------


class Sandbox:
    """A running sandbox: listeners, keys, stats. Used by main() and tests."""

    def __init__(self, port=0, stats_port=0, plain_http=False, tls_mode="valid", fault=None,
                 delay_seconds=5.0, latency=0.0, world_card=None, keys_dir=None,
                 config_out=None, verbose=False, notify_ca_file=None, oauth=False):
        self.plain_http = plain_http
        self.tls_mode = None if plain_http else tls_mode
        self.fault = fault
        self.delay_seconds = min(max(float(delay_seconds), 0.0), MAX_DELAY)
        self.latency = min(max(float(latency), 0.0), MAX_LATENCY)
        self.world_card = world_card or worldfirst.parse_card(worldfirst.DEFAULT_CARD)
        self.verbose = verbose
        self.stats = Stats()
        self.stop = threading.Event()
        self.keys = _make_keys(keys_dir)
        self.tmpdir = tempfile.mkdtemp(prefix="cardtoken-sandbox-")
        self.config_out = config_out or os.path.join(self.tmpdir, "config.json")
        self.ca_file = None
        self._servers = []   # created (to server_close)
        self._started = []   # serving (to shutdown first)
        self._threads = []
        self._written = []   # files to remove at close

        try:
            self._listen(port, stats_port, plain_http, tls_mode)
        except BaseException:
            self.close()
            raise
        self.gateways = Gateways(self.keys, self.world_card, self.base_url, self.stats)
        # WorldFirst OAuth mode: World Card calls need an issued Access-Token
        self.gateways.oauth = self.oauth = bool(oauth)
        self.gateways.notify_ca_file = notify_ca_file

    def _listen(self, port, stats_port, plain_http, tls_mode):
        tls_context = None
        if not plain_http:
            ca_pem, chain_pem, key_pem = _make_certs(tls_mode)
            base, _ = os.path.splitext(os.path.abspath(self.config_out))
            self.ca_file = base + "-ca.pem"
            _write_atomic(self.ca_file, ca_pem, 0o644)
            self._written.append(self.ca_file)
            chain_path = os.path.join(self.tmpdir, "server-chain.pem")
            key_path = os.path.join(self.tmpdir, "server-key.pem")
            _write_atomic(chain_path, chain_pem, 0o600)
            _write_atomic(key_path, key_pem, 0o600)
            tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls_context.minimum_version = ssl.TLSVersion.TLSv1_2
            tls_context.load_cert_chain(chain_path, key_path)
            tls_context.set_alpn_protocols(["http/1.1"])

        self.main_server = _Server(("127.0.0.1", port), self, tls_context, is_main=True)
        self._servers.append(self.main_server)
        self.stats_server = _Server(("127.0.0.1", stats_port), self, None, is_main=False)
        self._servers.append(self.stats_server)
        self.redirect_server = _RedirectTarget(("127.0.0.1", 0), self)
        self._servers.append(self.redirect_server)
        self.port = self.main_server.server_address[1]
        self.stats_port = self.stats_server.server_address[1]
        self.redirect_port = self.redirect_server.server_address[1]
        scheme = "http" if plain_http else "https"
        self.base_url = "%s://127.0.0.1:%d" % (scheme, self.port)

    def start(self):
        for srv in self._servers:
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
            t.start()
            self._started.append(srv)
            self._threads.append(t)
        _write_atomic(self.config_out, json.dumps(self.config(), indent=2).encode("utf-8"), 0o600)
        self._written.append(self.config_out)

    def config(self):
        k = self.keys
        common = {"base_url": self.base_url}
        if self.ca_file:
            common["ca_file"] = self.ca_file
        out = {
            "base_url": self.base_url,
            "ca_file": self.ca_file,
            "stats_url": "http://127.0.0.1:%d/_sandbox/stats" % self.stats_port,
            "reset_stats_url": "http://127.0.0.1:%d/_sandbox/reset-stats" % self.stats_port,
            "redirect_url": "%s://127.0.0.1:%d" % ("http" if self.plain_http else "https",
                                                    self.redirect_port),
            "pid": os.getpid(),
            "tls": self.tls_mode,
            "fault": self.fault,
            "oauth": self.oauth,
        }
        for name in GATEWAYS:
            gw = dict(CREDENTIALS[name])
            if name in k:
                gw.update(private_key=_pem_private(k[name]["merchant"]),
                          gateway_public_key=_pem_public(k[name]["gateway"].public_key()))
            out[name] = dict(gw, **common)
        out["gateway_private_keys"] = {name: _pem_private(k[name]["gateway"]) for name in RSA_GATEWAYS}
        return out

    def close(self, remove_files=True):
        self.stop.set()
        for srv in self._started:   # shutdown() waits for serve_forever()
            try:
                srv.shutdown()
            except Exception:
                pass
        for srv in self._servers:
            try:
                srv.server_close()
            except Exception:
                pass
        for t in self._threads:
            t.join(timeout=5)
        self._started, self._servers, self._threads = [], [], []
        if remove_files:
            for p in self._written:
                try:
                    os.unlink(p)
                except OSError:
                    pass
            self._written = []
        shutil.rmtree(self.tmpdir, ignore_errors=True)


def _make_keys(keys_dir):
    """{gateway: {merchant, merchant_public, gateway}} RSA keys of the gateways
    that have them: loaded from keys_dir (one pair for all) or generated."""
    if keys_dir:
        with open(os.path.join(keys_dir, "merchant_private.pem"), "rb") as f:
            merchant = _load_private_pem(f.read())
        with open(os.path.join(keys_dir, "gateway_private.pem"), "rb") as f:
            gateway = _load_private_pem(f.read())
        pairs = {name: (merchant, gateway) for name in RSA_GATEWAYS}
    else:
        def gen():
            return rsa.generate_private_key(public_exponent=65537, key_size=2048)

        pairs = {name: (gen(), gen()) for name in RSA_GATEWAYS}
    return {
        name: {"merchant": m, "merchant_public": m.public_key(), "gateway": g}
        for name, (m, g) in pairs.items()
    }


def _write_atomic(path, data, mode):
    """Writes `path` through a temporary file and a rename, with `mode`."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
