"""The measuring harness shared by the two Python contenders.

A contender module provides `make(call, fx)` returning an object with
  .call()            one full call over the network (sign, send, verify, parse)
  .build()           the signed request, no I/O (whatever the contender's API returns)
  .describe()        (method, url, headers, body bytes) of a build (for the checks)
  .parse(canned)     verify + parse the canned response (status, headers, body)
  .canned()          the canned response in the form .parse() takes
  .summary(result)   {field: value} of a parsed result (for the checks)

and calls `main(make)`. Command line:  MODE CALL N FIXTURES_JSON
  net    N full calls                    -> {"cpu_us", "wall_us"} per call
  nonet  N x (build + parse canned)      -> {"cpu_us", "wall_us"} per call
  check  one build, one parse of the canned response, one of a tampered
         response, one real call         -> what check.py verifies independently
  rss    build + parse, RSS sampled at the counts given in N (comma-separated)

CPU time is getrusage(RUSAGE_SELF) user + system of the loop, divided by N;
wall time is time.perf_counter() around the same loop. Before the loop a
warm-up of N/20 (at least 20) iterations runs unmeasured (connection set up,
caches warm).
"""

import json
import resource
import sys
import time


def rss_kib():
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure(loop, n):
    loop(max(20, n // 20))  # warm-up
    c0, t0 = cpu_seconds(), time.perf_counter()
    loop(n)
    t1, c1 = time.perf_counter(), cpu_seconds()
    return {"n": n, "cpu_us": (c1 - c0) * 1e6 / n, "wall_us": (t1 - t0) * 1e6 / n}


def tamper(canned_body: bytes, call: str) -> bytes:
    """A response body changed after signing (one digit of a field)."""
    needle = {"payermax": b"czy_0088", "worldfirst": b"5555555555554444"}[call]
    assert needle in canned_body
    return canned_body.replace(needle, needle[:-1] + bytes([needle[-1] ^ 1]))


def main(make):
    mode, call, n_arg, fx_path = sys.argv[1:5]
    with open(fx_path, encoding="utf-8") as f:
        fx = json.load(f)
    c = make(call, fx)
    out = {"call": call, "mode": mode}

    if mode == "net":
        n = int(n_arg)
        res = c.call()
        expect = fx["calls"][call]["expect"]
        got = c.summary(res)
        for k, v in expect.items():
            if got.get(k) != v:
                raise SystemExit(f"{call}: {k}={got.get(k)!r}, expected {v!r}")

        def loop(k):
            f = c.call
            for _ in range(k):
                f()

        out.update(measure(loop, n))
    elif mode == "nonet":
        n = int(n_arg)
        canned = c.canned()

        def loop(k):
            b, p = c.build, c.parse
            for _ in range(k):
                b()
                p(canned)

        out.update(measure(loop, n))
    elif mode == "check":
        method, url, headers, body = c.describe()
        out["request"] = {"method": method, "url": url, "headers": [list(h) for h in headers],
                          "body": body.decode("utf-8")}
        out["parsed"] = c.summary(c.parse(c.canned()))
        if call in ("payermax", "worldfirst"):
            status, hdrs, body0 = c.canned()
            try:
                c.parse((status, hdrs, tamper(body0, call)))
                out["tampered_rejected"] = False
            except Exception as e:  # noqa: BLE001 - any refusal counts, its class is reported
                out["tampered_rejected"] = True
                out["tampered_error"] = type(e).__name__
        out["network"] = c.summary(c.call())
    elif mode == "rss":
        marks = sorted(int(x) for x in n_arg.split(","))
        canned = c.canned()
        b, p = c.build, c.parse
        done, samples = 0, {}
        t0 = time.perf_counter()
        for m in marks:
            for _ in range(m - done):
                b()
                p(canned)
            done = m
            samples[str(m)] = rss_kib()
        out["rss_kib"] = samples
        out["seconds"] = time.perf_counter() - t0
    else:
        raise SystemExit("mode must be net, nonet, check or rss")
    print(json.dumps(out))
