#!/usr/bin/env python3
"""Proves that every contender does the same four calls, correctly, before
anything is timed. Usage: check.py FIXTURES_JSON CONTENDERS_JSON

For each contender and call it runs `<contender> check CALL 1 FIXTURES` and
verifies with its own code (hashlib, hmac, cryptography; never the code under
test) that:
  - the request goes to the right URL with the right method and headers;
  - the signature is right: Pagsmile MD5 over the sorted non-empty fields
    plus &key=; YabandPay HMAC-SHA256 over user/method/time + data; PayerMax
    SHA256withRSA over the body (merchant public key); WorldFirst
    SHA256withRSA over "POST <path>\\n<client>.<time>.<body>", URL-encoded;
  - the body carries the same fields as cardtoken's (volatile ones aside:
    timestamps, request ids, signatures), the clock is within 2 minutes;
  - the canned response parses to the expected result, a response tampered
    after signing is refused (PayerMax, WorldFirst), and one real call over
    the network works.
Prints one line per contender and call; exits 1 when anything is wrong.
"""

import base64
import datetime
import hashlib
import hmac
import json
import subprocess
import sys
import urllib.parse

from cryptography.exceptions import InvalidSignature

from driver import contender_env
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

CALLS = ("pagsmile", "payermax", "yabandpay", "worldfirst")
VOLATILE = {"sign", "requestTime", "time", "request_id"}


def php_empty(v):
    return v in ("", "0", 0, None, False, [], {})


def verify_rsa(pub, sig_b64, data):
    try:
        pub.verify(base64.b64decode(sig_b64, validate=True), data, padding.PKCS1v15(), hashes.SHA256())
        return True
    except (InvalidSignature, ValueError):
        return False


def near_now(ts: datetime.datetime):
    return abs((datetime.datetime.now(datetime.timezone.utc) - ts).total_seconds()) < 120


def normalized(call, body):
    """The body as JSON with the volatile fields removed (for cross-contender comparison)."""
    doc = json.loads(body)
    strip = lambda d: {k: v for k, v in d.items() if k not in VOLATILE}  # noqa: E731
    doc = strip(doc)
    if isinstance(doc.get("data"), dict):
        doc["data"] = strip(doc["data"])
    return doc


def check_request(call, fx, req):
    """Returns a list of problems (empty when the request is right)."""
    spec = fx["calls"][call]
    cfg, args = spec["config"], spec["args"]
    problems = []
    if req["method"] != "POST":
        problems.append("method " + req["method"])
    if req["url"] != fx["base_url"] + spec["path"]:
        problems.append("url " + req["url"])
    headers = {k.lower(): v for k, v in req["headers"]}
    body = req["body"].encode("utf-8")
    merchant_pub = serialization.load_pem_public_key(fx["merchant_public_key"].encode())

    if call == "pagsmile":
        doc = json.loads(body)
        want = {"merchant_no": cfg["merchant_no"], "app_id": cfg["app_id"], **args}
        for k, v in want.items():
            if doc.get(k) != v:
                problems.append(f"body {k}")
        fields = {k: v for k, v in doc.items() if k != "sign"}
        text = "&".join(f"{k}={fields[k]}" for k in sorted(fields) if not php_empty(fields[k]))
        text += "&key=" + cfg["app_key"]
        if doc.get("sign") != hashlib.md5(text.encode()).hexdigest():
            problems.append("MD5 sign")
        if headers.get("content-type") != "application/json":
            problems.append("content-type")
    elif call == "payermax":
        doc = json.loads(body)
        if not verify_rsa(merchant_pub, headers.get("sign", ""), body):
            problems.append("RSA sign header")
        if (doc.get("version"), doc.get("keyVersion"), doc.get("appId"), doc.get("merchantNo")) != (
                "1.2", cfg["key_version"], cfg["app_id"], cfg["merchant_no"]):
            problems.append("envelope")
        if doc.get("data", {}).get("userId") != args["user_id"]:
            problems.append("data.userId")
        try:
            if not near_now(datetime.datetime.fromisoformat(doc["requestTime"])):
                problems.append("requestTime off")
            if len(doc["requestTime"].split(".")[1]) != 9:  # "mmm+00:00"
                problems.append("requestTime without milliseconds")
        except (KeyError, ValueError, IndexError):
            problems.append("requestTime format")
    elif call == "yabandpay":
        doc = json.loads(body)
        data = doc.get("data", {})
        fields = dict(data, user=doc.get("user"), method=doc.get("method"), time=doc.get("time"))
        text = "&".join(f"{k}={fields[k]}" for k in sorted(fields))
        mac = hmac.new(cfg["secret_key"].encode(), text.encode(), hashlib.sha256).hexdigest()
        if doc.get("sign") != mac:
            problems.append("HMAC sign")
        ci = json.loads(data.get("cardinfo", "{}"))
        if (ci.get("card_number"), ci.get("cvc"), ci.get("emial")) != (
                args["card_number"], args["security_code"], args["email"]):
            problems.append("cardinfo")
        rid = data.get("request_id", "")
        if len(rid) < 24 or not rid.isalnum():
            problems.append("request_id")
        if not isinstance(doc.get("time"), int) or not near_now(
                datetime.datetime.fromtimestamp(doc["time"], datetime.timezone.utc)):
            problems.append("time")
    elif call == "worldfirst":
        if json.loads(body) != {"assetId": args["asset_id"]}:
            problems.append("body")
        if headers.get("client-id") != cfg["client_id"]:
            problems.append("Client-Id")
        rt = headers.get("request-time", "")
        try:
            if not near_now(datetime.datetime.fromisoformat(rt)) or "." in rt:
                problems.append("Request-Time")
        except ValueError:
            problems.append("Request-Time format")
        sig = headers.get("signature", "")
        prefix = f"algorithm=RSA256,keyVersion={cfg['key_version']},signature="
        if not sig.startswith(prefix):
            problems.append("Signature header format")
        else:
            enc = sig[len(prefix):]
            if any(ch in enc for ch in "+/="):
                problems.append("signature not URL-encoded")
            content = f"POST {spec['path']}\n{cfg['client_id']}.{rt}.".encode() + body
            if not verify_rsa(merchant_pub, urllib.parse.unquote(enc), content):
                problems.append("RSA Signature")
    return problems


def main():
    fx_path, contenders_path = sys.argv[1], sys.argv[2]
    with open(fx_path, encoding="utf-8") as f:
        fx = json.load(f)
    with open(contenders_path, encoding="utf-8") as f:
        contenders = json.load(f)
    failed = 0
    reference = {}
    for name, c in contenders.items():
        for call in CALLS:
            cmd = c["cmd"] + ["check", call, "1", fx_path]
            p = subprocess.run(cmd, capture_output=True, text=True, env=contender_env(c), timeout=120)
            problems = []
            if p.returncode != 0:
                problems.append(f"exit {p.returncode}: {p.stderr.strip()[-300:]}")
            else:
                out = json.loads(p.stdout)
                problems += check_request(call, fx, out["request"])
                norm = normalized(call, out["request"]["body"])
                ref = reference.setdefault(call, (name, norm))
                if ref[1] != norm:
                    problems.append(f"body fields differ from {ref[0]}'s")
                expect = fx["calls"][call]["expect"]
                if "parsed" in out:  # Python / PHP contenders return result objects
                    for k, v in expect.items():
                        if out["parsed"].get(k) != v:
                            problems.append(f"canned parse {k}")
                        if out["network"].get(k) != v:
                            problems.append(f"network call {k}")
                else:  # C programs: verified / ok flags
                    if out.get("canned_verified") is not True:
                        problems.append("canned response not verified")
                    if out.get("network_ok") is not True:
                        problems.append("network call failed")
                if call in ("payermax", "worldfirst") and out.get("tampered_rejected", True) is not True:
                    problems.append("tampered response accepted")
            status = "ok" if not problems else "FAIL: " + "; ".join(problems)
            print(f"check {name:14s} {call:11s} {status}")
            failed += bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
