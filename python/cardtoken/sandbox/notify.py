"""Notifications: the gateway calling the merchant. Builds one correctly
signed notification per gateway, posts it and checks the merchant's answer."""

import datetime
import http.client
import ipaddress
import secrets
import ssl
import urllib.parse

from .gateways import GATEWAYS


def _default_config():
    cfg = {name: dict(mod.CREDENTIALS) for name, mod in GATEWAYS.items()}
    cfg["gateway_private_keys"] = {}
    return cfg


def build_notification(gateway, config=None, url="http://127.0.0.1/notify", form=False,
                       token_object=False):
    """A correctly signed notification of `gateway` for `url`.

    `config` is a sandbox config (as written by --config-out); without it the
    fixed credentials are used (enough for Pagsmile and YabandPay). Returns a
    dict with method, url, path, headers (list of pairs) and body (bytes).
    YabandPay: `form` posts resultData=<urlencoded JSON>; payment_token_object
    is a JSON string (the documented form) unless `token_object`, which nests
    it as an object, signed as the gateway's PHP server signs one: "Array".
    """
    cfg = config or _default_config()
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path or "/"
    if parsed.query:
        path += "?" + parsed.query
    now = datetime.datetime.now(datetime.timezone.utc)
    serial = now.strftime("%Y%m%d%H%M%S") + "%06d" % secrets.randbelow(10 ** 6)
    mod = GATEWAYS.get(gateway)
    if mod is None:
        raise ValueError("unknown gateway (expected pagsmile, payermax, yabandpay or worldfirst)")
    headers, body = mod.notification(cfg, path, now, serial, form=form, token_object=token_object)
    return {"method": "POST", "url": url, "path": path, "headers": headers, "body": body}


def _check_ack(gateway, config, path, status, headers, body):
    """(ok, reason) for the merchant's answer to a notification."""
    if status != 200:
        return False, "HTTP status %d" % status
    return GATEWAYS[gateway].check_ack(config, path, headers, body)


def send_notification(gateway, url, config=None, ca_file=None, timeout=10.0, form=False,
                      token_object=False):
    """Posts a signed notification of `gateway` to `url` and checks the answer.

    Returns {"gateway", "status", "headers", "body", "ack_ok", "reason",
    "sent"} where "sent" is the build_notification() dict. Raises OSError
    (or ssl.SSLError) when the URL cannot be reached.
    """
    cfg = config or _default_config()
    note = build_notification(gateway, cfg, url, form=form, token_object=token_object)
    status, headers, body = post_notification(url, note["path"], note["headers"], note["body"],
                                              ca_file=ca_file, timeout=timeout)
    ok, reason = _check_ack(gateway, cfg, note["path"], status, headers, body)
    return {"gateway": gateway, "status": status, "headers": headers, "body": body,
            "ack_ok": ok, "reason": reason if not ok else "ok", "sent": note}


def post_notification(url, path, headers, body, ca_file=None, timeout=10.0):
    """POSTs one notification (headers: list of pairs; body: bytes) to `url`
    at `path`; returns (status, headers, body) of the answer. Raises OSError
    (or ssl.SSLError) when the URL cannot be reached."""
    note = {"path": path, "headers": headers, "body": body}
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError("url must be http:// or https:// with a host")
    if parsed.scheme == "https":
        ctx = ssl.create_default_context(cafile=ca_file)
        conn = http.client.HTTPSConnection(parsed.hostname, parsed.port or 443, timeout=timeout,
                                           context=ctx)
    else:
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=timeout)
    try:
        conn.putrequest("POST", note["path"], skip_accept_encoding=True)
        for name, value in note["headers"]:
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(note["body"])))
        conn.endheaders(note["body"])
        resp = conn.getresponse()
        body = resp.read(1024 * 1024)
        headers = resp.getheaders()
        status = resp.status
    finally:
        conn.close()
    return status, headers, body


def is_loopback_url(url):
    """True for an http(s) URL whose host is this machine (127.0.0.1,
    localhost, ::1): the only place the sandbox posts on its own."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it could be anywhere
