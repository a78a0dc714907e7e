"""Fault injection: the kinds (--fault KIND or a "FAULT-<kind>" magic value)
and how a gateway's answer is delivered under each."""

import socket
import struct

FAULT_KINDS = (
    "delay",
    "drip",
    "reset",
    "truncate",
    "http500",
    "http429",
    "notjson",
    "huge",
    "redirect",
    "nosign",
    "badsign",
    "unknown",
)
HUGE_BODY_SIZE = 10 * 1024 * 1024
HUGE_CHUNK = 64 * 1024
DRIP_INTERVAL = 0.25
MAX_DELAY = 300.0


def signature_header(fault, name, sign, content):
    """The response-signature header pair(s) of `content` under `fault`: none
    for nosign, a well-formed but wrong one for badsign. `sign` maps the
    signed bytes to the header value."""
    if fault == "nosign":
        return []
    return [(name, sign(content + b" " if fault == "badsign" else content))]


def fault_of(magic, default):
    """The fault a request's magic value selects ("FAULT-<kind>"), else `default`."""
    if magic and magic.startswith("FAULT-") and magic[6:] in FAULT_KINDS:
        return magic[6:]
    return default


def deliver(h, path, reply, fault):
    """Sends `reply` on handler `h` as fault `fault` (None: plainly)."""
    app = h.server.app
    if fault == "delay":
        app.stop.wait(app.delay_seconds)
        h._send(reply.status, reply.headers, reply.body)
        h._log_line(path, reply.status)
    elif fault == "drip":
        h.send_response(reply.status)
        for name, value in reply.headers:
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(reply.body)))
        h.end_headers()
        for i in range(len(reply.body)):
            if app.stop.wait(DRIP_INTERVAL):
                h.close_connection = True
                return
            h.wfile.write(reply.body[i:i + 1])
        h._log_line(path, reply.status)
    elif fault == "reset":
        h._log_line(path, "reset")
        h.close_connection = True
        try:
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        # Closed before socketserver's shutdown(SHUT_WR): no FIN, no
        # close_notify, only the RST when the handler's files are closed.
        h.connection.close()
    elif fault == "truncate":
        h.send_response(reply.status)
        for name, value in reply.headers:
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(reply.body)))
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(reply.body[: len(reply.body) // 2])
        # socketserver then shuts the socket down (FIN, no TLS close_notify).
        h.close_connection = True
        h._log_line(path, "%s truncated" % reply.status)
    elif fault == "http500":
        h._send(500, [("Content-Type", "text/plain; charset=utf-8")], b"Internal Server Error")
        h._log_line(path, 500)
    elif fault == "http429":
        h._send(429, [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "7")],
                   b"Too Many Requests")
        h._log_line(path, 429)
    elif fault == "huge":
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        head = b'{"pad":"'
        tail = b'"}'
        filler = b"a" * HUGE_CHUNK
        remaining = HUGE_BODY_SIZE
        for i in range(HUGE_BODY_SIZE // HUGE_CHUNK + 1):
            if remaining <= 0 or app.stop.is_set():
                break
            if i == 0:
                chunk = head + filler[: HUGE_CHUNK - len(head)]
            elif remaining <= HUGE_CHUNK:
                chunk = filler[: remaining - len(tail)] + tail
            else:
                chunk = filler
            chunk = chunk[:remaining]
            remaining -= len(chunk)
            h.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")
        h._log_line(path, "200 huge")
    elif fault == "redirect":
        scheme = "http" if app.plain_http else "https"
        location = "%s://127.0.0.1:%d%s" % (scheme, app.redirect_port, h.path)
        h._send(307, [("Location", location), ("Content-Type", "text/plain; charset=utf-8")],
                   b"Temporary Redirect")
        h._log_line(path, 307)
    else:
        h._send(reply.status, reply.headers, reply.body)
        h._log_line(path, reply.status)
