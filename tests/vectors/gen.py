#!/usr/bin/env python3
"""Independent generator of the cardtoken test vectors: this driver writes and
checks the cases of gen_<gateway>.py (one module per gateway: its requests,
responses, notifications and their --check), gen_hardening.py (rules shared by
the gateways) and the shared code of gen_common.py.

Uses only the Python standard library (hashlib, hmac, json, base64,
urllib.parse, datetime) and `cryptography`; never the code under test.

    python3 tests/vectors/gen.py           # (re)write keys/ (if missing) and every case
    python3 tests/vectors/gen.py --check   # re-verify every written case independently

Deterministic: the RSA-2048 keys are generated once into keys/ (only when
missing) and reused; the clock is fixed per case (config.fixed_time); request
ids are fixed; RSA PKCS#1 v1.5 signatures are deterministic.
"""

import glob
import json
import os
import sys

from cryptography.hazmat.primitives import serialization

import gen_hardening
import gen_pagsmile
import gen_payermax
import gen_worldfirst
import gen_yabandpay
from gen_common import (CASES, GATEWAYS, HERE, _load_priv_any, _load_pub_any, _read, _write, ensure_keys, keytext,
                        luhn_ok, strict_loads)

MODULES = {"pagsmile": gen_pagsmile, "payermax": gen_payermax, "yabandpay": gen_yabandpay,
           "worldfirst": gen_worldfirst}

# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write_all():
    privs = ensure_keys()
    gen_pagsmile.gen_pagsmile()
    gen_payermax.gen_payermax(privs)
    gen_yabandpay.gen_yabandpay()
    gen_worldfirst.gen_worldfirst(privs)
    gen_hardening.generate(privs)  # answers about their request, card data in gateway text, expiry
    for gw in GATEWAYS:
        d = os.path.join(HERE, gw)
        os.makedirs(d, exist_ok=True)
        for old in glob.glob(os.path.join(d, "*.json")):
            os.remove(old)
        for c in CASES[gw]:
            _write(os.path.join(d, c["name"] + ".json"),
                   json.dumps(c, indent=2, ensure_ascii=False, sort_keys=False) + "\n")
    for gw in GATEWAYS:
        print("%-10s %3d cases" % (gw, len(CASES[gw])))


# ---------------------------------------------------------------------------
# --check: independent re-verification of the written files
# ---------------------------------------------------------------------------


def check():
    mpub = serialization.load_pem_public_key(keytext("merchant_public.pem").encode())
    gpub = serialization.load_pem_public_key(keytext("gateway_public.pem").encode())
    mnum, gnum = mpub.public_numbers(), gpub.public_numbers()
    problems = []
    counts = {}
    for gw in GATEWAYS:
        files = sorted(glob.glob(os.path.join(HERE, gw, "*.json")))
        counts[gw] = len(files)
        for path in files:
            raw = _read(path)
            c = strict_loads(raw)
            name = c["name"]

            def bad(msg):
                problems.append("%s/%s: %s" % (gw, name, msg))

            if os.path.basename(path) != name + ".json" or c["gateway"] != gw:
                bad("name/gateway mismatch")
            if raw != json.dumps(c, indent=2, ensure_ascii=False) + "\n":
                bad("file is not in the canonical pretty form")
            cfg = c["config"]
            if "fixed_time" not in cfg and c["kind"] != "config":
                bad("no fixed_time")
            # keys in configs that must load: compare with the files in keys/
            # a module's published-vector keys (LIFECYCLE.md §9.0 T1) are allowed too
            spec = getattr(MODULES[gw], "SPEC_KEY_TEXTS", ())
            if (c["kind"] != "config" or "config_error" not in c) and cfg.get("private_key") not in spec:
                if "private_key" in cfg and _load_priv_any(cfg["private_key"]).public_key().public_numbers() != mnum:
                    bad("private_key is not the merchant key")
                if "gateway_public_key" in cfg and _load_pub_any(cfg["gateway_public_key"]).public_numbers() != gnum:
                    bad("gateway_public_key is not the gateway key")
            b = c.get("build")
            if b:
                try:
                    body = strict_loads(b["body"])
                except ValueError as e:
                    bad("build.body is not valid JSON: %s" % e)
                    continue
                for problem in MODULES[gw].check_build(b, body, cfg, mpub):
                    bad(problem)
            r = c.get("response")
            if r and r["status"] == 200 and hasattr(MODULES[gw], "response_signature"):
                expect_bad_sig = c.get("error", {}).get("code") == "CT_ERR_SIGNATURE"
                s, valid = MODULES[gw].response_signature(r, gpub)
                if s is not None or expect_bad_sig:
                    if valid == expect_bad_sig:
                        bad("response signature validity %s contradicts the expected outcome" % valid)
            n = c.get("notification")
            if n:
                # a stale notification (max_age) is refused with a valid signature
                stale = c.get("error", {}).get("field") in ("notifyTime", "Request-Time")
                expect_bad_sig = c.get("error", {}).get("code") == "CT_ERR_SIGNATURE" and not stale
                valid, vd = MODULES[gw].check_notification(n, cfg, gpub)
                if valid == expect_bad_sig:
                    bad("notification signature validity %s contradicts the expected outcome" % valid)
                if valid and not stale and vd != c.get("verified"):
                    bad("verified content differs from the notification")
            if c["kind"] == "ack" and hasattr(MODULES[gw], "check_ack"):
                if not MODULES[gw].check_ack(c, mpub):
                    bad("ack signature does not verify")
            if r and ("duplicate" in name or "malformed" in name or "missing_comma" in name):
                try:
                    strict_loads(r["body"])
                    bad("response body was expected not to parse strictly")
                except ValueError:
                    pass
                if "duplicate" in name:
                    json.loads(r["body"])  # but it is JSON apart from the duplicate
            for k in ("card_number",):
                v = c.get("args", {}).get(k)
                if b and v and not luhn_ok(v):
                    bad("built card number fails Luhn")
    for gw in GATEWAYS:
        print("%-10s %3d cases" % (gw, counts[gw]))
    if problems:
        print("\n".join(problems))
        print("CHECK FAILED: %d problem(s)" % len(problems))
        return 1
    print("check OK: every signature re-verified, every build.body is valid JSON")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    elif sys.argv[1:]:
        sys.exit("usage: gen.py [--check]")
    write_all()
