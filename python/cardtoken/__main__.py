"""python -m cardtoken: the signature doctor (README "Signature doctor").

  python -m cardtoken doctor --gateway G --config FILE [--online] [--json]
  python -m cardtoken sign --gateway G --config FILE --op OP --args JSON [--json]

FILE is a JSON object of the client's options (the constructor's names) plus
the doctor-only merchant_public_key; a value "@PATH" is read from PATH
(relative to FILE's directory), so keys may stay in their PEM files. --args
is the operation's arguments as a JSON object, or @PATH of a file holding
one. Exit status: 0 fine, 1 errors found (doctor) or the request could not be
built (sign), 2 bad usage. Nothing printed holds a key, a secret or a card
number beyond its first six and last four digits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Sequence

from . import Error
from ._doctor import doctor, explain_signature

GATEWAYS = ("pagsmile", "payermax", "yabandpay", "worldfirst")


def _load_json(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SystemExit("cardtoken: %s is not JSON (%s)" % (what, exc.msg)) from None
    if not isinstance(value, dict):
        raise SystemExit("cardtoken: %s must be a JSON object" % what)
    return value


def _read(path: str, what: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise SystemExit("cardtoken: cannot read %s %s (%s)" % (what, path, exc.strerror)) from None


def _print_doctor(report: dict[str, Any]) -> None:
    print(
        "%s configuration: %d error(s), %d warning(s)" % (report["gateway"], report["errors"], report["warnings"])
    )
    for f in report["findings"]:
        print("  %-5s %-28s %s" % (f["level"], f["code"], f["message"]))
    print("result: " + ("OK" if report["ok"] else "ERRORS FOUND"))


def _print_sign(info: dict[str, Any]) -> None:
    print("gateway:   %s" % info["gateway"])
    print("operation: %s (%s %s)" % (info["operation"], info["method"], info["url"]))
    print("algorithm: %s" % info["algorithm"])
    secret = info.get("secret_shown_as")
    if info["masked"]:
        what = "card data masked: card numbers as first six and last four digits, CVV and tokens as ***"
    else:
        what = "verbatim: byte for byte what was signed, between the lines"
    if secret:
        what += "; the secret shown as " + secret
    print("signed string (%s):" % what)
    print("-----")
    print(info["signed"])
    print("-----")
    print("signature (sent in %s):" % info["sent_in"])
    print(info["signature"])


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m cardtoken", description="cardtoken's signature doctor")
    sub = p.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("doctor", "check a configuration offline"),
        ("sign", "print the exact string signed and the signature of one operation"),
    ):
        s = sub.add_parser(name, help=help_text)
        s.add_argument("--gateway", required=True, choices=GATEWAYS)
        s.add_argument("--config", required=True, metavar="FILE", help="JSON object of the client's options")
        s.add_argument("--json", action="store_true", help="print JSON instead of text")
        if name == "doctor":
            s.add_argument(
                "--online", action="store_true", help="also compare the clock with the endpoint's Date header (one HEAD)"
            )
        if name == "sign":
            s.add_argument("--op", required=True, help="operation name, e.g. get_card_token")
            s.add_argument("--args", required=True, metavar="JSON", help="the arguments (JSON object or @FILE)")
    ns = p.parse_args(argv)
    config = _load_json(_read(ns.config, "config file"), "the config file")
    base_dir = os.path.dirname(os.path.abspath(ns.config))
    try:
        if ns.command == "doctor":
            report = doctor(ns.gateway, config, online=ns.online, base_dir=base_dir)
            if ns.json:
                print(json.dumps(report, indent=2))
            else:
                _print_doctor(report)
            return 0 if report["ok"] else 1
        args_text = _read(ns.args[1:], "arguments file") if ns.args.startswith("@") else ns.args
        info = explain_signature(ns.gateway, config, ns.op, _load_json(args_text, "--args"), base_dir=base_dir)
    except (Error, ValueError, TypeError) as exc:
        # cardtoken's messages never hold card data, keys or secrets.
        print("cardtoken: %s: %s" % (type(exc).__name__, exc), file=sys.stderr)
        return 1
    if ns.json:
        print(json.dumps(info, indent=2))
    else:
        _print_sign(info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
