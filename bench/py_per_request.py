"""Python, a client built per call (a Django view, a Lambda handler): the
process-wide cache on vs off, through a delaying relay (20 ms emulated round
trip) to the sandbox. Prints one JSON line: per contender requests/s, p50 and
p99 latency (ms) and client CPU per call (ms, this process's CPU time).

    python bench/py_per_request.py [N] [DELAY] [RESULTS.md]
(defaults 100 calls, 0.01 s; with RESULTS.md, a section is appended there)
Needs the cardtoken package importable (the bench's pylib or a venv)."""

import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "python"))

import cardtoken  # noqa: E402
from sandbox_util import running_sandbox  # noqa: E402

CARD = "4716184073951138"


def relay(target_port, delay):
    p = subprocess.Popen([sys.executable, os.path.join(HERE, "delay_relay.py"), "0", str(target_port), str(delay)],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline().split()
    assert line and line[0] == "ready", line
    return p, int(line[1])


def run(opts, n, persistent):
    cardtoken.configure_cache(persistent=False)  # frees the cache: a cold start
    cardtoken.configure_cache(persistent=persistent)
    lat = []
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(n):
        s = time.perf_counter()
        with cardtoken.Pagsmile(**opts) as c:
            c.get_card_token(card_number=CARD, security_code="123", expiration_month="11",
                             expiration_year="2031", cardholder_name="bench")
        lat.append(time.perf_counter() - s)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    lat.sort()
    return {"rps": n / wall, "p50_ms": 1000 * statistics.median(lat),
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(0.99 * len(lat)))], "cpu_ms": 1000 * cpu / n}


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    delay = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
    with running_sandbox() as sb:
        port = int(sb["pagsmile"]["base_url"].rsplit(":", 1)[1])
        p, rport = relay(port, delay)
        try:
            opts = dict(sb["pagsmile"], base_url="https://127.0.0.1:%d" % rport)
            out = {"calls": n, "rtt_ms": 2000 * delay, "cache_on": run(opts, n, True),
                   "cache_off": run(opts, n, False)}
        finally:
            p.terminate()
            p.wait()
    out["ratios"] = {"p50_off_over_on": out["cache_off"]["p50_ms"] / out["cache_on"]["p50_ms"],
                     "cpu_off_over_on": out["cache_off"]["cpu_ms"] / out["cache_on"]["cpu_ms"],
                     "rps_on_over_off": out["cache_on"]["rps"] / out["cache_off"]["rps"]}
    print(json.dumps(out))
    if len(sys.argv) > 3:
        with open(sys.argv[3], "a", encoding="utf-8") as f:
            f.write(markdown(out))


def markdown(out):
    rows = ["", "## Per request, Python (issue 17): a client built per call, 20 ms round trip", "",
            "`bench/py_per_request.py`: %d Pagsmile calls, each on a client built for it and closed after it, "
            "through `bench/delay_relay.py` (%.0f ms emulated round trip) to the sandbox; one run, "
            "CPU is this process's." % (out["calls"], out["rtt_ms"]), "",
            "| contender | requests/s | p50 ms | p99 ms | CPU ms/call |", "|---|---|---|---|---|"]
    for k in ("cache_on", "cache_off"):
        r = out[k]
        rows.append("| %s | %.1f | %.1f | %.1f | %.3f |" % (k.replace("_", " "), r["rps"], r["p50_ms"], r["p99_ms"],
                                                         r["cpu_ms"]))
    r = out["ratios"]
    rows += ["", "Ratios (off / on): p50 %.2f×, CPU %.2f×; requests/s (on / off) %.2f×." % (
        r["p50_off_over_on"], r["cpu_off_over_on"], r["rps_on_over_off"]), ""]
    return "\n".join(rows)


if __name__ == "__main__":
    main()
