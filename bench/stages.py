#!/usr/bin/env python3
"""Per-stage instructions per call of the C core, from the two callgrind
profiles that `driver.py instructions` keeps for each call (N1 and N2 calls):
stage cost per call = (I(N2) - I(N1)) / (calls2 - calls1), where I is the
inclusive cost of the stage's entry functions in the core (start-up, set-up
and warm-up cancel out, as for the totals).

  stages.py RAW.jsonl            print a markdown table (ct_c rows only)

Stages and their entry functions (a function nested in another entry of the
same stage is counted once; the build and parse remainders are what is left of
ct_build / ct_parse after the named stages):

  validate       ct_check_* argument checks (names, card number, CVV, ...)
  canonicalize   ct_canon_objects, ct_pairs_sort, ct_pairs_join
  sign           ct_md5_hex, ct_hmac_sha256_hex(_ctx), ct_rsa_sign_b64
  serialize      rest of ct_build: request, URL, body writer, headers
  HTTP           ct_transport_send (libcurl, TLS; network mode only)
  parse          jansson json_loadb and its allocations
  verify         ct_rsa_verify, ct_hex_matches, ct_check_fresh
  result         rest of ct_parse: records, field copies, raw JSON, decref
  teardown       ct_request_free, ct_http_reply_free, ct_result_free
  wipe           ct_wipe_free + ct_free_secret (inside the stages above:
                 the cost of wiping, not an extra stage)
  malloc/free    libc malloc, free, calloc, realloc (inside the stages above)
"""
import json
import re
import sys
from collections import defaultdict

STAGES = [
    ("validate", ["ct_check_arg_names", "ct_check_card_number", "ct_check_cvv",
                  "ct_check_text", "ct_check_month", "ct_check_year",
                  "ct_check_expiry", "ct_check_oneof", "ct_check_url"]),
    ("canonicalize", ["ct_canon_objects", "ct_pairs_sort", "ct_pairs_join"]),
    ("sign", ["ct_md5_hex", "ct_hmac_sha256_hex_ctx", "ct_hmac_sha256_hex",
              "ct_rsa_sign_b64"]),
    ("HTTP", ["ct_transport_send"]),
    ("parse", ["json_loadb"]),
    ("verify", ["ct_rsa_verify", "ct_hex_matches", "ct_check_fresh"]),
    ("teardown", ["ct_request_free", "ct_http_reply_free", "ct_result_free"]),
    ("wipe", ["ct_wipe_free", "ct_free_secret"]),
    ("malloc/free", ["malloc", "free", "calloc", "realloc"]),
]
BUILD_PARTS = ("validate", "canonicalize", "sign")
PARSE_PARTS = ("parse", "verify")
ORDER = ["validate", "canonicalize", "sign", "serialize", "HTTP", "parse",
         "verify", "result", "teardown", "total", "wipe", "malloc/free"]


def load(path):
    """self cost and call edges (inclusive cost of each call) per function name."""
    names = {}
    self_cost = defaultdict(int)
    edges = defaultdict(int)
    fn = cfn = None
    pending_call = False

    def name_of(spec):
        m = re.match(r"\((\d+)\)(?: (.*))?$", spec)
        if not m:
            return spec
        if m.group(2) is not None:
            names[m.group(1)] = m.group(2)
        return names.get(m.group(1), spec)

    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            c = line[0]
            if c.isdigit() or c in "+-*":
                parts = line.split()
                cost = int(parts[1]) if len(parts) > 1 else 0
                if pending_call:
                    edges[(fn, cfn)] += cost
                    pending_call = False
                else:
                    self_cost[fn] += cost
            elif line.startswith("fn="):
                fn = name_of(line[3:])
            elif line.startswith("cfn="):
                cfn = name_of(line[4:])
            elif line.startswith("calls="):
                pending_call = True
    out_cost = defaultdict(int)
    for (a, b), c in edges.items():
        if a != b:
            out_cost[a] += c
    return self_cost, edges, out_cost


def inclusive(prof, fname):
    self_cost, _, out_cost = prof
    return self_cost.get(fname, 0) + out_cost.get(fname, 0)


def stage_cost(prof, roots):
    _, edges, _ = prof
    total = sum(inclusive(prof, r) for r in roots)
    nested = sum(edges.get((a, b), 0) for a in roots for b in roots if a != b)
    return total - nested


def stages_of(prof):
    s = {name: stage_cost(prof, roots) for name, roots in STAGES}
    s["serialize"] = inclusive(prof, "ct_build") - sum(s[k] for k in BUILD_PARTS)
    s["result"] = inclusive(prof, "ct_parse") - sum(s[k] for k in PARSE_PARTS)
    s["total"] = sum(prof[0].values())
    return s


def per_call(rec):
    a = stages_of(load(rec["profile_n1"]))
    b = stages_of(load(rec["profile_n2"]))
    d = rec["calls_n2"] - rec["calls_n1"]
    return {k: (b[k] - a[k]) / d for k in ORDER}


def table(recs):
    rows = ["| mode | call | " + " | ".join(ORDER) + " |",
            "|---|---|" + "---:|" * len(ORDER)]
    for r in recs:
        s = per_call(r)
        rows.append(f"| {r['mode']} | {r['call']} | " +
                    " | ".join(f"{s[k] / 1000:.1f}" for k in ORDER) + " |")
    return "\n".join(rows)


def main(argv):
    if len(argv) != 2:
        raise SystemExit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        recs = [json.loads(x) for x in f if x.strip()]
    recs = [r for r in recs if r.get("kind") == "ir" and r.get("contender") == "ct_c"]
    print("k instructions per call (C core, `ct_c`); wipe and malloc/free are "
          "inside the other columns")
    print()
    print(table(recs))


if __name__ == "__main__":
    main(sys.argv)
