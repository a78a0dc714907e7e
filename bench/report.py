#!/usr/bin/env python3
"""Turns the raw results of one `make bench` into bench/results.md and prints
the main table. Usage: report.py META_JSON RAW_JSONL CHECK_LOG OUT_MD

       report.py fpm FPM_JSONL OUT_MD   (the php-fpm section, bench/fpm_load.py's
                                        records: replaces that section of OUT_MD
                                        or appends it, keeping the others)

Every figure is the median over the runs, with the min–max spread. Ratios are
taken run by run (run i of one contender against run i of the other: the runs
are interleaved, so both saw the same state of the machine), then their
median and min–max are shown.
"""

import json
import os
import re
import statistics
import subprocess
import sys

CALLS = ("pagsmile", "payermax", "yabandpay", "worldfirst")
LABEL = {
    "pagsmile": "Pagsmile getcardtoken (MD5)",
    "payermax": "PayerMax inquirePaymentToken (RSA sign + verify)",
    "yabandpay": "YabandPay CreateCardPayments (HMAC-SHA256)",
    "worldfirst": "WorldFirst queryCardSensitiveInfo (RSA sign + verify)",
}
SHORT = {"pagsmile": "Pagsmile (MD5)", "payermax": "PayerMax (RSA)",
         "yabandpay": "YabandPay (HMAC)", "worldfirst": "WorldFirst (RSA)"}
RSA_CALLS = ("payermax", "worldfirst")
LANGS = (("Python", "py_cardtoken", "py_peer"), ("PHP", "php_cardtoken", "php_peer"))
LIMIT_TARGET = 1.25


def load(raw):
    recs = []
    with open(raw, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
    return recs


class Times:
    def __init__(self, recs):
        self.t = {}
        for r in recs:
            if r.get("kind") == "time":
                self.t.setdefault((r["contender"], r["mode"], r["call"]), {})[r["run"]] = r

    def has(self, who, mode, call):
        return (who, mode, call) in self.t

    def values(self, who, mode, call, field="cpu_us"):
        return [r[field] for _, r in sorted(self.t.get((who, mode, call), {}).items())]

    def ratio(self, a, b, mode, call, field="cpu_us"):
        """a / b, run by run."""
        ra, rb = self.t.get((a, mode, call), {}), self.t.get((b, mode, call), {})
        return [ra[i][field] / rb[i][field] for i in sorted(ra) if i in rb and rb[i][field] > 0]

    def n(self, who, mode, call):
        v = self.t.get((who, mode, call), {})
        return next(iter(v.values()))["n"] if v else None


def med(vals):
    return statistics.median(vals) if vals else None


def fmt_us(v):
    if v is None:
        return "n/a"
    return f"{v:.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def fmt_x(v):
    return "n/a" if v is None else f"{v:.2f}"


def spread(vals, f):
    if not vals:
        return "n/a"
    return f"{f(med(vals))} ({f(min(vals))}–{f(max(vals))})"


def time_table(T, mode):
    out = []
    head = ("| call | language | limit (C) µs | cardtoken µs | **cardtoken ÷ limit** | peer µs "
            "| **peer ÷ cardtoken** | wall µs: limit / cardtoken / peer |")
    out.append(head)
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for call in CALLS:
        for lang, ct, peer in LANGS:
            if not T.has(ct, mode, call):
                out.append(f"| {SHORT[call]} | {lang} | {spread(T.values('limit', mode, call), fmt_us)} "
                           f"| not run | | {spread(T.values(peer, mode, call), fmt_us)} | | |")
                continue
            walls = " / ".join(fmt_us(med(T.values(w, mode, call, "wall_us"))) for w in ("limit", ct, peer))
            out.append(
                f"| {SHORT[call]} | {lang} | {spread(T.values('limit', mode, call), fmt_us)} "
                f"| {spread(T.values(ct, mode, call), fmt_us)} "
                f"| **{spread(T.ratio(ct, 'limit', mode, call), fmt_x)}** "
                f"| {spread(T.values(peer, mode, call), fmt_us)} "
                f"| **{spread(T.ratio(peer, ct, mode, call), fmt_x)}** | {walls} |")
    return out


def core_table(T, mode):
    out = ["| call | C core µs | C core ÷ limit | Python binding µs (py − C core) "
           "| PHP binding µs (php − C core) |", "|---|---:|---:|---:|---:|"]
    for call in CALLS:
        c = T.values("ct_c", mode, call)
        diffs = []
        for who in ("py_cardtoken", "php_cardtoken"):
            a, b = T.t.get((who, mode, call), {}), T.t.get(("ct_c", mode, call), {})
            d = [a[i]["cpu_us"] - b[i]["cpu_us"] for i in sorted(a) if i in b]
            diffs.append(spread(d, lambda v: f"{v:+.1f}"))
        out.append(f"| {SHORT[call]} | {spread(c, fmt_us)} | {spread(T.ratio('ct_c', 'limit', mode, call), fmt_x)} "
                   f"| {diffs[0]} | {diffs[1]} |")
    return out


def targets(T):
    rows, missed = [], []

    def add(what, call, lang, vals, ok_fn, goal):
        m = med(vals)
        ok = m is not None and ok_fn(m)
        verdict = "met" if ok else ("**missed**" if m is not None else "not measured")
        if vals and ok_fn(min(vals)) != ok_fn(max(vals)):
            verdict += " (spread straddles the goal)"
        rows.append(f"| {what} | {SHORT[call]} | {lang} | {goal} | {spread(vals, fmt_x)} | {verdict} |")
        if not ok:
            missed.append((what, call, lang, m))

    for call in CALLS:
        for lang, ct, _ in LANGS:
            add("cardtoken CPU ÷ limit", call, lang, T.ratio(ct, "limit", "net", call),
                lambda m: m <= LIMIT_TARGET, f"≤ {LIMIT_TARGET}")
    for call in CALLS:
        goal = 2.0 if call in RSA_CALLS else 5.0
        add("Python peer CPU ÷ cardtoken", call, "Python", T.ratio("py_peer", "py_cardtoken", "net", call),
            lambda m, g=goal: m >= g, f"≥ {goal:g}")
    for call in CALLS:
        add("PHP peer CPU ÷ cardtoken", call, "PHP", T.ratio("php_peer", "php_cardtoken", "net", call),
            lambda m: m > 1.0, "> 1")
    head = ["| target | call | language | goal | measured: median (min–max) | verdict |",
            "|---|---|---|---|---:|---|"]
    return head + rows, missed


def memory_table(recs):
    out = ["| language | call | RSS after each mark (MiB) | change first → last | flat (≤ 5 %) |",
           "|---|---|---|---:|---|"]
    flat_all = True
    any_rows = False
    for r in recs:
        if r.get("kind") != "rss":
            continue
        any_rows = True
        lang = "Python" if r["contender"].startswith("py") else "PHP"
        marks = sorted(r["rss_kib"].items(), key=lambda kv: int(kv[0]))
        first, last = marks[0][1], marks[-1][1]
        change = (last - first) / first * 100
        flat = abs(change) <= 5
        flat_all &= flat
        txt = ", ".join(f"{int(k):,}: {v / 1024:.1f}" for k, v in marks)
        out.append(f"| {lang} | {SHORT[r['call']]} | {txt} | {change:+.1f} % | {'yes' if flat else '**no**'} |")
    return (out if any_rows else ["(not run)"]), flat_all


def ir_tables(recs):
    ir = {(r["contender"], r["mode"], r["call"]): r for r in recs if r.get("kind") == "ir"}
    if not ir:
        return []
    out = []
    for mode, title in (("net", "network path"), ("nonet", "no-network path")):
        out.append(f"\n{title.capitalize()}: thousands of instructions per call "
                   "(ratio to the limit in brackets)\n")
        out.append("| call | limit (C) | cardtoken C core | cardtoken Python | cardtoken PHP |")
        out.append("|---|---:|---:|---:|---:|")
        for call in CALLS:
            lim = ir.get(("limit", mode, call))
            cells = []
            for who in ("limit", "ct_c", "py_cardtoken", "php_cardtoken"):
                r = ir.get((who, mode, call))
                if r is None:
                    cells.append("n/a")
                elif who == "limit" or lim is None:
                    cells.append(f"{r['ir_per_call'] / 1000:.1f}")
                else:
                    cells.append(f"{r['ir_per_call'] / 1000:.1f} ({r['ir_per_call'] / lim['ir_per_call']:.2f}×)")
            out.append(f"| {SHORT[call]} | " + " | ".join(cells) + " |")
    return out


# Functions whose inclusive cost says where a cardtoken call spends its time.
BREAKDOWN = [
    ("ct_call", "ct_call (whole call)"),
    ("ct_build", "ct_build: validate, canonicalize, sign, write the body"),
    ("ct_transport_send", "ct_transport_send: the HTTP exchange"),
    ("curl_easy_perform", "  of which curl_easy_perform"),
    ("ct_parse", "ct_parse: verify + parse the response"),
    ("json_loadb", "  of which json_loadb (jansson)"),
    ("OPENSSL_cleanse", "OPENSSL_cleanse (all callers)"),
    ("ct_wipe_free", "ct_wipe_free (the wiping allocator, incl. its cleanse)"),
    ("EVP_DigestSign", "EVP_DigestSign (RSA)"),
    ("EVP_DigestVerify", "EVP_DigestVerify (RSA)"),
    ("bench_call", "limit: one whole call"),
    ("build", "limit: build + sign"),
]


def inclusive(profile):
    try:
        txt = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", profile],
                             capture_output=True, text=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    out = {}
    for line in txt.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+\S*?:(\S+?)(?:'\d+)? \[", line)
        if m:
            name = m.group(2)
            out.setdefault(name, int(m.group(1).replace(",", "")))
    return out


def per_call(rec):
    """{function: inclusive instructions per call}, from the difference between the
    N2 and the N1 profiles (set-up, TLS handshake and warm-up cancel out)."""
    if not rec or not os.path.exists(rec.get("profile_n1", "")) or not os.path.exists(rec.get("profile_n2", "")):
        return {}
    a, b = inclusive(rec["profile_n1"]), inclusive(rec["profile_n2"])
    d = rec["calls_n2"] - rec["calls_n1"]
    return {fn: (b[fn] - a.get(fn, 0)) / d for fn in b}


def breakdown(recs, missed_calls):
    ir = {(r["contender"], r["mode"], r["call"]): r for r in recs if r.get("kind") == "ir"}
    out = []
    for call in missed_calls:
        a, b = per_call(ir.get(("ct_c", "net", call))), per_call(ir.get(("limit", "net", call)))
        if not a or not b:
            continue
        out.append(f"\n{LABEL[call]}, network path, under callgrind (thousands of instructions per "
                   "call, inclusive, N2 − N1 profiles):\n")
        out.append("| function | cardtoken C core | limit |")
        out.append("|---|---:|---:|")
        for fn, what in BREAKDOWN:
            va, vb = a.get(fn), b.get(fn)
            fa = f"{va / 1000:.1f}" if va is not None and fn not in ("bench_call", "build") else ""
            fb = f"{vb / 1000:.1f}" if vb is not None and fn in (
                "curl_easy_perform", "OPENSSL_cleanse", "bench_call", "build", "json_loadb") else ""
            if (fa and float(fa) >= 0.1) or (fb and float(fb) >= 0.1):
                out.append(f"| {what} | {fa} | {fb} |")
    return out


def main():
    meta_path, raw, check_log, out_md = sys.argv[1:5]
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    recs = load(raw)
    T = Times(recs)
    runs = len({r["run"] for r in recs if r.get("kind") == "time"})
    tgt, missed = targets(T)
    mem, flat_all = memory_table(recs)
    notes_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profile-notes.md")

    md = []
    md.append("# cardtoken benchmark results\n")
    md.append(f"Generated by `make bench` (bench/run.sh) on {meta['date']}. "
              "Numbers come from this one run on a shared machine; see bench/README.md for the method.\n")
    md.append("## Machine and versions\n")
    md.append(f"- CPU: {meta['cpu']}, {meta['cores']} cores, {meta['memory']} RAM; "
              f"{meta['os']}, kernel {meta['kernel']}")
    la = meta.get("loadavg_start", [0, 0, 0])
    loads = [r["load"] for r in recs if r.get("kind") == "time" and "load" in r]
    md.append(f"- load average (1 min) at the start: {la[0]:.2f}; during the timed loops: "
              + (f"{min(loads):.2f}–{max(loads):.2f}" if loads else "n/a")
              + " (other helpers share this machine)")
    md.append(f"- cardtoken {meta['cardtoken_python'].split('|')[0] or '?'} "
              f"(git {meta['git']}); Python extension built by pip (-O3), PHP extension by phpize (-O2), "
              "C programs -O2")
    md.append(f"- Python {meta['python']}, requests {meta['requests']}, urllib3 {meta['urllib3']}, "
              f"cryptography {meta['cryptography']}")
    md.append(f"- PHP {meta['php']} (curl extension on libcurl {meta['php_curl']}, {meta['php_openssl']})")
    md.append(f"- {meta['libcurl']}, {meta['openssl']}, {meta['nginx']}, {meta['cc']}")
    md.append("")
    md.append("## How it was measured\n")
    md.append(f"- {runs} runs, interleaved; every figure is the median with (min–max) over the runs; "
              "ratios are taken run by run.")
    md.append("- **CPU µs** = getrusage(RUSAGE_SELF) user + system time of the client process over a loop of "
              "N calls, divided by N (after an unmeasured warm-up of N/20 calls). **wall µs** = monotonic "
              "clock over the same loop.")
    md.append("- Server: nginx (1 worker, TLS 1.2/1.3, keep-alive for the whole run, no logs) on 127.0.0.1, "
              "answering the four calls with static, correctly signed responses; certificate and keys made "
              "fresh for the run; every client trusts the run's CA through its ca_file option.")
    md.append("- Before anything is timed, `bench/check.py` verifies every contender's request with "
              "independent code (signature, fields, clock), and that it parses the response, refuses a "
              "response tampered after signing, and completes a real call (log below).")
    md.append("- Contenders: **limit** = bench/limit.c (the OpenSSL primitive + one bare libcurl keep-alive "
              "exchange on one reused handle, body written with snprintf, response not parsed, only its "
              "signature verified); **cardtoken** = the Python / PHP extension (`client.<op>()`); "
              "**peer** = bench/py_peer.py (requests Session + cryptography + hashlib/hmac) and "
              "bench/php_peer.php (one reused curl handle + openssl extension + md5/hash_hmac), written as "
              "a careful user would. `C core` = bench/ct_c.c, the core's C API used directly.")
    md.append("- N per loop (chosen so that each loop lasts about "
              f"{0.7 * float(os.environ.get('BENCH_SCALE', '1')):.1f} s): "
              + "; ".join(f"{c}: " + ", ".join(f"{w} {T.n(w, 'net', c)}" for w in
                                                ("limit", "py_cardtoken", "py_peer", "php_cardtoken",
                                                 "php_peer") if T.n(w, 'net', c))
                          for c in CALLS) + " (network path).")
    md.append("")
    md.append("## Network path: one full call (sign, send, verify, parse), client CPU per call\n")
    md += time_table(T, "net")
    md.append("")
    md.append("## No-network path: build_<op> + parse_<op> of a canned response, CPU per call\n")
    md.append("cardtoken `build_<op>()` + `parse_<op>()`; the peers' own signing and parsing code; the limit "
              "= the bare primitives (string written with snprintf, MD5 / HMAC / RSA sign, and the RSA "
              "verification of the canned signed response).\n")
    md += time_table(T, "nonet")
    md.append("")
    md.append("## The C core alone, and what each binding adds (CPU µs per call)\n")
    md.append("Network path:\n")
    md += core_table(T, "net")
    md.append("\nNo-network path:\n")
    md += core_table(T, "nonet")
    md.append("")
    irt = ir_tables(recs)
    if irt:
        md.append("## Instructions per call (callgrind; deterministic, user space only)\n")
        md.append("CPU time on this shared 2-core machine moves by ±20 % from run to run; instruction counts do "
                  "not. Counted as (Ir(N2) − Ir(N1)) / (N2 − N1) calls, so start-up and set-up cancel out. "
                  "Kernel time (socket I/O), which is the same for every contender, is not counted, so these "
                  "ratios are larger than the CPU-time ratios on the network path.")
        md += irt
        md.append("")
        stage_recs = [r for r in recs if r.get("kind") == "ir" and r.get("contender") == "ct_c"
                      and os.path.exists(r.get("profile_n1", "")) and os.path.exists(r.get("profile_n2", ""))]
        if stage_recs:
            import stages  # bench/stages.py, next to this file
            md.append("## Per-stage instructions per call, C core (bench/stages.py)\n")
            md.append("Thousands of instructions per call in each stage's entry functions (stages.py's "
                      "docstring lists them); `wipe` (the wiping allocator) and `malloc/free` are spent "
                      "inside the other stages, not on top of them.\n")
            md.append(stages.table(stage_recs))
            md.append("")
    md.append("## Targets (network path, medians)\n")
    md += tgt
    md.append("")
    met = sum(1 for r in tgt[2:] if "| met" in r)
    md.append(f"{met} of {len(tgt) - 2} targets met.\n")
    md.append("## Memory: RSS of a cardtoken client process over build_ + parse_ calls\n")
    md.append("One process per language and call, RSS (VmRSS) read after each mark. The 1 000 000-call case uses "
              "the cheapest call, Pagsmile (MD5), to keep the run short; YabandPay runs 100 000 calls and the "
              "two RSA calls 20 000 (about 6 s each).\n")
    md += mem
    md.append("")
    md.append(f"RSS flat within 5 % everywhere: {'yes' if flat_all else '**no**'}.\n")
    if missed:
        md.append("## Where the missed targets go (profile)\n")
        md.append("Measured gaps (medians, network path):\n")
        for what, call, lang, m in missed:
            md.append(f"- {what}, {SHORT[call]}, {lang}: {fmt_x(m)}")
        bd = breakdown(recs, sorted({c for _, c, _, _ in missed}, key=CALLS.index))
        md += bd
        md.append("")
    if os.path.exists(notes_path):
        with open(notes_path, encoding="utf-8") as f:
            md.append(f.read().rstrip() + "\n")
    md.append("## Correctness checks run before timing\n")
    md.append("```")
    with open(check_log, encoding="utf-8") as f:
        md.append(f.read().rstrip())
    md.append("```")
    text = "\n".join(md) + "\n"
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(text)

    # The console summary: the main table, the targets, memory.
    print()
    print("Network path, client CPU µs per call: median (min–max) over", runs, "runs")
    print("\n".join(time_table(T, "net")))
    print()
    print("No-network path (build + parse), CPU µs per call")
    print("\n".join(time_table(T, "nonet")))
    print()
    print("\n".join(tgt))
    print(f"\n{met} of {len(tgt) - 2} targets met. Memory flat: {'yes' if flat_all else 'NO'}.")
    print(f"Written: {out_md}")


# ---- php-fpm, a client per request (issue 17, bench/fpm_load.py) -------------
FPM_HEAD = "## Per request under php-fpm (issue 17)"
FPM_CALLS = ("pagsmile", "yabandpay", "payermax", "worldfirst")
FPM_WHO = (("ct_on", "cardtoken, cache on"), ("ct_off", "cardtoken, cache off"),
           ("peer", "PHP peer (curl + openssl)"), ("ct_on_x2", "cardtoken, cache on, 2 calls on 1 client"),
           ("ct_on_2c", "cardtoken, cache on, 2 clients, 1 call each"),
           ("empty", "empty page (no client)"))


def fpm_section(recs):
    meta = next((r for r in recs if r.get("kind") == "fpm_meta"), None)
    checks = [r for r in recs if r.get("kind") == "fpm_check"]
    rows = {}
    for r in recs:
        if r.get("kind") == "fpm":
            rows.setdefault((r["contender"], r["call"]), {})[r["run"]] = r
    if meta is None or not rows:
        return [FPM_HEAD, "", "(not run)", ""]

    def vals(who, call, f):
        return [r[f] for _, r in sorted(rows.get((who, call), {}).items())]

    def per_run(call, fn):
        out = []
        for i in sorted(rows.get(("ct_on", call), {})):
            rec = {w: rows.get((w, call), {}).get(i) for w, _ in FPM_WHO}
            if all(rec.values()):
                v = fn(rec)
                if v is not None:
                    out.append(v)
        return out

    def net(rec, w):  # CPU of the call(s) without php-fpm's own request cost
        return rec[w]["cpu_us"] - rec["empty"]["cpu_us"]

    def ratio(a, b):
        return a / b if b > 0 else None

    md = [FPM_HEAD + ": nginx + php-fpm, a client built per request, "
          f"{meta['rtt_ms']:.0f} ms round trip to the gateway", ""]
    md.append(
        f"`bench/fpm_load.py` (`BENCH_FPM=0` skips it): nginx in front of {meta['php_fpm']} "
        f"(three masters, each one pool of {meta['workers']} static workers: cardtoken with "
        "`cardtoken.persistent=1`, with `=0`, and the PHP peer without cardtoken), serving "
        "`bench/fpm/page.php`, which builds a client for the request, makes one call and returns a digest of "
        "the result's fields (checked against fixtures.json before anything is timed: log below). The PHP "
        "peer is `bench/php_peer.php`'s code: a new curl handle and new key objects per request, as PHP 8.2 "
        "must. The gateway is the bench's nginx with the static signed responses, behind "
        f"`bench/delay_relay.py` delaying every chunk by {meta['rtt_ms'] / 2:.0f} ms each way (the TCP "
        "handshake to the relay is local, so a new connection pays the TLS round trip(s) but not the TCP one: "
        "this favours the contenders that open a connection per request). "
        f"Load: {meta['workers']} keep-alive connections to nginx, closed loop, {meta['n']} requests per "
        f"measurement after {meta['warmup']} unmeasured ones; {meta['runs']} runs, interleaved, the contender "
        "order rotating; median (min–max) over the runs, ratios taken run by run. **Client CPU** = run time of "
        "the pool's worker processes (`/proc/<pid>/schedstat`, i.e. utime + stime in ns) over the loop ÷ "
        "requests: it includes php-fpm's own cost per request (the empty page's row), not nginx's, the "
        "relay's or the gateway's.")
    md.append("")
    md.append("| call | contender | requests/s | p50 ms | p99 ms | client CPU µs / request |")
    md.append("|---|---|---:|---:|---:|---:|")
    f1 = lambda v: f"{v:.1f}"  # noqa: E731
    f0 = lambda v: f"{v:.0f}"  # noqa: E731
    for call in FPM_CALLS:
        for w, label in FPM_WHO:
            if (w, call) not in rows:
                continue
            md.append(f"| {SHORT[call]} | {label} | {spread(vals(w, call, 'rps'), f1)} "
                      f"| {spread(vals(w, call, 'p50_ms'), f1)} | {spread(vals(w, call, 'p99_ms'), f1)} "
                      f"| {spread(vals(w, call, 'cpu_us'), f0)} |")
    md += ["", "Ratios (run by run; \"net\" = minus the empty page's CPU, the call's own cost):", "",
           "| call | p50: peer ÷ cache on | CPU: peer ÷ cache on | net CPU: peer ÷ cache on "
           "| requests/s: cache on ÷ peer | p50: cache off ÷ on | CPU: cache off ÷ on |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    R = {}
    for call in FPM_CALLS:
        R[call] = {
            "p50": per_run(call, lambda r: ratio(r["peer"]["p50_ms"], r["ct_on"]["p50_ms"])),
            "cpu": per_run(call, lambda r: ratio(r["peer"]["cpu_us"], r["ct_on"]["cpu_us"])),
            "net": per_run(call, lambda r: ratio(net(r, "peer"), net(r, "ct_on"))),
            "rps": per_run(call, lambda r: ratio(r["ct_on"]["rps"], r["peer"]["rps"])),
            "p50off": per_run(call, lambda r: ratio(r["ct_off"]["p50_ms"], r["ct_on"]["p50_ms"])),
            "cpuoff": per_run(call, lambda r: ratio(r["ct_off"]["cpu_us"], r["ct_on"]["cpu_us"])),
            # a second client built in the request and its call, against a second call on the first client
            "build": per_run(call, lambda r: ratio(r["ct_on_2c"]["cpu_us"] - r["ct_on"]["cpu_us"],
                                                   r["ct_on_x2"]["cpu_us"] - r["ct_on"]["cpu_us"])),
            "first": per_run(call, lambda r: net(r, "ct_on")),
            "fresh": per_run(call, lambda r: r["ct_on_2c"]["cpu_us"] - r["ct_on"]["cpu_us"]),
            "reused": per_run(call, lambda r: r["ct_on_x2"]["cpu_us"] - r["ct_on"]["cpu_us"]),
        }
        x = R[call]
        md.append(f"| {SHORT[call]} | {spread(x['p50'], fmt_x)} | {spread(x['cpu'], fmt_x)} "
                  f"| {spread(x['net'], fmt_x)} | {spread(x['rps'], fmt_x)} | {spread(x['p50off'], fmt_x)} "
                  f"| {spread(x['cpuoff'], fmt_x)} |")
    md += ["", "Per-request client construction against a reused client (cache on). PHP frees every object "
           "at the end of a request, so a client cannot be kept across requests; instead the page makes a second "
           "call in the same request, either on the same client (`ct_on_x2`) or on a second client built after "
           "the first was freed, as the next request would (`ct_on_2c`). A call on a reused client costs "
           "`ct_on_x2 − ct_on`; a client built per request plus its call costs `ct_on_2c − ct_on`. Goal: their "
           "ratio ≤ 1.2. Both are second calls of a warm request; the first call of a request costs more "
           "(`ct_on − empty`, shown for reference: the worker slept for the whole round trip of the previous "
           "request while nginx, the relay and the other worker ran, so its caches are cold).", "",
           "| call | client built + 1 call, µs (ct_on_2c − ct_on) | 1 call on a reused client, µs "
           "(ct_on_x2 − ct_on) | **ratio** | first call of a request, µs (ct_on − empty) |",
           "|---|---:|---:|---:|---:|"]
    for call in FPM_CALLS:
        x = R[call]
        md.append(f"| {SHORT[call]} | {spread(x['fresh'], f0)} | {spread(x['reused'], f0)} "
                  f"| **{spread(x['build'], fmt_x)}** | {spread(x['first'], f0)} |")
    md += ["", "Goals (issue 17; CPU ratios on the whole worker CPU, the net ratio in brackets):", "",
           "| goal | call | target | measured: median (min–max) | verdict |", "|---|---|---|---:|---|"]

    def verdict(v, ok):
        if not v:
            return "not measured"
        out = "met" if ok(med(v)) else "**missed**"
        if ok(min(v)) != ok(max(v)):
            out += " (spread straddles the goal)"
        return out

    for call in FPM_CALLS:
        x = R[call]
        if call not in RSA_CALLS:
            md.append(f"| p50: peer ÷ cardtoken | {SHORT[call]} | ≥ 2 | {spread(x['p50'], fmt_x)} "
                      f"| {verdict(x['p50'], lambda m: m >= 2)} |")
        g = 2 if call in RSA_CALLS else 5
        md.append(f"| CPU: peer ÷ cardtoken | {SHORT[call]} | ≥ {g} | {spread(x['cpu'], fmt_x)} "
                  f"(net {spread(x['net'], fmt_x)}) | {verdict(x['cpu'], lambda m, g=g: m >= g)} |")
    for call in FPM_CALLS:
        x = R[call]
        md.append(f"| built per request ÷ reused | {SHORT[call]} | ≤ 1.2 | {spread(x['build'], fmt_x)} "
                  f"| {verdict(x['build'], lambda m: m <= 1.2)} |")
    md += ["", "Checks before timing:", "", "```"] + [r["line"] for r in checks] + ["```", ""]
    return md


def fpm_main(raw, out_md):
    md = "\n".join(fpm_section(load(raw)))
    old = ""
    if os.path.exists(out_md):
        with open(out_md, encoding="utf-8") as f:
            old = f.read()
    i = old.find(FPM_HEAD)
    if i >= 0:
        j = old.find("\n## ", i + len(FPM_HEAD))
        text = old[:i] + md + ("\n" + old[j + 1:] if j >= 0 else "")
    else:
        text = old.rstrip("\n") + "\n\n" + md
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n")
    print(md)
    print(f"Written: {out_md}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["fpm"]:
        fpm_main(sys.argv[2], sys.argv[3])
    else:
        main()
