"""The command line: `python -m cardtoken.sandbox [serve] [options]` and
`python -m cardtoken.sandbox notify ...` (see the package docstring)."""

import argparse
import http.client
import json
import signal
import sys
import threading
import time

from . import worldfirst
from ._common import _pem_private
from .certs import TLS_MODES
from .faults import FAULT_KINDS
from .gateways import PATHS
from .notify import _default_config, send_notification
from .server import Sandbox, _make_keys


def _world_card_arg(text):
    try:
        return worldfirst.parse_card(text)
    except ValueError as e:
        # The message never repeats the value (it may be a canary card).
        raise argparse.ArgumentTypeError("invalid --world-card: %s" % e)


def _serve_parser():
    p = argparse.ArgumentParser(
        prog="python -m cardtoken.sandbox",
        description=sys.modules[__package__].__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--port", type=int, default=0, help="main listener port on 127.0.0.1 (0: a free port; default 0)")
    p.add_argument("--stats-port", type=int, default=0, help="plain-HTTP stats listener port (default: a free port)")
    p.add_argument("--config-out", metavar="FILE", help="write the JSON config here once listening")
    p.add_argument("--http", action="store_true", help="serve plain HTTP instead of HTTPS")
    p.add_argument("--tls", choices=TLS_MODES, default="valid", help="certificate mode (default valid)")
    p.add_argument("--fault", choices=FAULT_KINDS, help="apply this fault to every gateway request")
    p.add_argument("--delay-seconds", type=float, default=5.0, help="sleep of the delay fault (default 5, max 300)")
    p.add_argument("--latency", type=float, default=0.0, help="extra seconds before every gateway answer (max 10)")
    p.add_argument("--world-card", type=_world_card_arg, metavar="NUMBER:CVV:MM:YY",
                   help="card returned by WorldFirst (default %s)" % worldfirst.DEFAULT_CARD)
    p.add_argument("--keys-dir", metavar="DIR", help="load merchant_private.pem and gateway_private.pem from DIR")
    p.add_argument("--verbose", action="store_true", help="log METHOD PATH STATUS lines to stderr")
    p.add_argument("--oauth", action="store_true",
                   help="WorldFirst OAuth mode: World Card calls need an Access-Token from applyToken")
    p.add_argument("--notify-ca-file", metavar="FILE",
                   help="CA bundle trusted when the sandbox posts a notification by itself (Pagsmile's risk "
                        "review, to a loopback https notify_url; default: the system's)")
    return p


def _notify_parser():
    p = argparse.ArgumentParser(
        prog="python -m cardtoken.sandbox notify",
        description="Post one correctly signed gateway notification to URL and check the answer.",
    )
    p.add_argument("--gateway", required=True, choices=sorted(PATHS))
    p.add_argument("--url", required=True)
    p.add_argument("--config", metavar="FILE", help="a config written by the sandbox's --config-out")
    p.add_argument("--keys-dir", metavar="DIR", help="gateway_private.pem (and merchant_private.pem) instead of --config")
    p.add_argument("--ca-file", help="CA bundle for an https:// URL")
    p.add_argument("--form", action="store_true", help="YabandPay: send resultData=<urlencoded JSON>")
    p.add_argument("--token-object", action="store_true",
                   help="YabandPay: payment_token_object as a nested object (signed as PHP's \"Array\") "
                        "instead of the documented JSON string")
    p.add_argument("--kind", choices=("PAYMENT", "TOKENIZATION", "REFUND"),
                   help="PayerMax: the notifyType (default TOKENIZATION)")
    p.add_argument("--timeout", type=float, default=10.0)
    return p


def _notify_main(argv):
    args = _notify_parser().parse_args(argv)
    if args.config:
        with open(args.config, "r", encoding="utf-8") as f:
            cfg = json.load(f)
    else:
        cfg = _default_config()
        if args.keys_dir:
            keys = _make_keys(args.keys_dir)
            for gw in keys:
                cfg["gateway_private_keys"][gw] = _pem_private(keys[gw]["gateway"])
                cfg[gw]["private_key"] = _pem_private(keys[gw]["merchant"])
    try:
        res = send_notification(args.gateway, args.url, cfg, ca_file=args.ca_file,
                                timeout=args.timeout, form=args.form, token_object=args.token_object,
                                kind=args.kind)
    except (OSError, ValueError, http.client.HTTPException) as e:
        sys.stderr.write("notify failed: %s: %s\n" % (type(e).__name__, e))
        return 1
    print("%s notification -> HTTP %d, answer %s" % (args.gateway, res["status"],
                                                   "accepted" if res["ack_ok"] else "WRONG (%s)" % res["reason"]))
    return 0 if res["ack_ok"] else 1


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "notify":
        return _notify_main(argv[1:])
    if argv and argv[0] == "serve":
        argv = argv[1:]
    args = _serve_parser().parse_args(argv)
    if args.http and args.tls != "valid":
        sys.stderr.write("--tls cannot be combined with --http\n")
        return 2
    stop_requested = threading.Event()

    def on_signal(signum, frame):
        stop_requested.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        sb = Sandbox(
            port=args.port,
            stats_port=args.stats_port,
            plain_http=args.http,
            tls_mode=args.tls,
            fault=args.fault,
            delay_seconds=args.delay_seconds,
            latency=args.latency,
            world_card=args.world_card,
            keys_dir=args.keys_dir,
            config_out=args.config_out,
            verbose=args.verbose,
            oauth=args.oauth,
            notify_ca_file=args.notify_ca_file,
        )
    except (OSError, ValueError) as e:
        sys.stderr.write("cardtoken sandbox: cannot start: %s\n" % e)
        return 1
    try:
        sb.start()
        print("cardtoken sandbox listening on %s (stats %s, config %s)"
              % (sb.base_url, "http://127.0.0.1:%d/_sandbox/stats" % sb.stats_port, sb.config_out),
              flush=True)
        while not stop_requested.is_set():
            time.sleep(0.2)
    finally:
        sb.close()
    return 0
