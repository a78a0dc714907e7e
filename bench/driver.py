#!/usr/bin/env python3
"""Runs the contenders and writes raw results (JSON lines). Called by run.sh.

  driver.py contenders OUT.json            the command line of every contender
  driver.py measure CONTENDERS FX OUT.jsonl   R runs x {net, nonet} x 4 calls x contenders
  driver.py memory CONTENDERS FX OUT.jsonl    RSS of cardtoken after 10k .. 1M build+parse
  driver.py instructions CONTENDERS FX OUT.jsonl  callgrind instructions per call (noise-free)
  driver.py meta OUT.json                  machine and versions

Environment: BENCH_RUNS (default 5), BENCH_SCALE (default 1.0: each timed loop
lasts about 0.7 s; 0.1 for a quick smoke run), BENCH_ROOT, BENCH_BIN,
BENCH_PYLIB, BENCH_PHP_EXT (set by run.sh).

N per loop: every contender runs its loop for about the same time, so N is
chosen per contender and call from a rough estimate of its cost (the figures
below); the result per call does not depend on N once the loop is long
against the timer resolution. Runs are interleaved (run 1 of everything,
then run 2, ...) and the contender order rotates, so that a slow period of
the machine hits every contender alike.
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

CALLS = ("pagsmile", "payermax", "yabandpay", "worldfirst")
RSA_CALLS = ("payermax", "worldfirst")
MODES = ("net", "nonet")

# Rough cost per call in microseconds, only used to pick N.
ESTIMATE_US = {
    ("net", True): {"limit": 350, "ct_c": 360, "py_cardtoken": 400, "php_cardtoken": 400,
                    "py_peer": 1100, "php_peer": 370},
    ("net", False): {"limit": 30, "ct_c": 50, "py_cardtoken": 60, "php_cardtoken": 50,
                     "py_peer": 800, "php_peer": 45},
    ("nonet", True): {"limit": 270, "ct_c": 280, "py_cardtoken": 300, "php_cardtoken": 300,
                      "py_peer": 450, "php_peer": 280},
    ("nonet", False): {"limit": 1.5, "ct_c": 10, "py_cardtoken": 20, "php_cardtoken": 12,
                       "py_peer": 30, "php_peer": 8},
}
LOOP_SECONDS = 0.7


def env(name, default=None):
    v = os.environ.get(name, default)
    if v is None:
        raise SystemExit(f"driver.py: {name} is not set")
    return v


def contender_env(c):
    """The environment a contender runs in: ours, with PYTHONPATH set to the
    freshly built cardtoken for the cardtoken contender and unset otherwise."""
    e = dict(os.environ)
    e.pop("PYTHONPATH", None)
    if c.get("pythonpath"):
        e["PYTHONPATH"] = c["pythonpath"]
    return e


def contenders():
    root = env("BENCH_ROOT")
    binp = env("BENCH_BIN")
    pyenv = env("BENCH_PYLIB")
    plain = None
    php = shutil.which("php") or "php"
    py = sys.executable
    return {
        "limit": {"cmd": [os.path.join(binp, "limit")], "pythonpath": plain, "lang": "C"},
        "ct_c": {"cmd": [os.path.join(binp, "ct_c")], "pythonpath": plain, "lang": "C"},
        "py_cardtoken": {"cmd": [py, os.path.join(root, "bench/py_cardtoken.py")], "pythonpath": pyenv,
                         "lang": "Python"},
        "py_peer": {"cmd": [py, os.path.join(root, "bench/py_peer.py")], "pythonpath": plain,
                    "lang": "Python"},
        "php_cardtoken": {"cmd": [php, "-d", "extension=" + env("BENCH_PHP_EXT"),
                                  os.path.join(root, "bench/php_cardtoken.php")], "pythonpath": plain,
                          "lang": "PHP"},
        "php_peer": {"cmd": [php, os.path.join(root, "bench/php_peer.php")], "pythonpath": plain,
                     "lang": "PHP"},
    }


def run_one(c, mode, call, n, fx, timeout=600):
    p = subprocess.run(c["cmd"] + [mode, call, str(n), fx], capture_output=True, text=True,
                       env=contender_env(c), timeout=timeout)
    if p.returncode != 0:
        raise SystemExit(f"driver.py: {' '.join(c['cmd'][-1:])} {mode} {call} failed "
                         f"(exit {p.returncode}): {p.stderr.strip()[-500:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def pick_n(name, mode, call, scale):
    est = ESTIMATE_US[(mode, call in RSA_CALLS)][name]
    n = int(LOOP_SECONDS * scale * 1e6 / est)
    return max(50, min(n, 1_000_000))


def cmd_measure(cpath, fx, out):
    with open(cpath, encoding="utf-8") as f:
        cs = json.load(f)
    runs = int(env("BENCH_RUNS", "5"))
    scale = float(env("BENCH_SCALE", "1.0"))
    names = list(cs)
    total = runs * len(MODES) * len(CALLS) * len(names)
    done = 0
    t0 = time.time()
    with open(out, "a", encoding="utf-8") as f:
        for r in range(runs):
            order = names[r % len(names):] + names[:r % len(names)]
            for mode in MODES:
                for call in CALLS:
                    for name in order:
                        n = pick_n(name, mode, call, scale)
                        res = run_one(cs[name], mode, call, n, fx)
                        rec = {"kind": "time", "run": r, "contender": name, "mode": mode,
                               "call": call, "n": n, "cpu_us": res["cpu_us"],
                               "wall_us": res["wall_us"], "load": os.getloadavg()[0]}
                        f.write(json.dumps(rec) + "\n")
                        f.flush()
                        done += 1
            el = time.time() - t0
            print(f"bench: run {r + 1}/{runs} done ({done}/{total} loops, {el:.0f} s)", flush=True)


MEMORY_MARKS = {
    "pagsmile": "10000,100000,1000000",
    "yabandpay": "10000,100000",
    "payermax": "10000,20000",
    "worldfirst": "10000,20000",
}


def cmd_memory(cpath, fx, out):
    with open(cpath, encoding="utf-8") as f:
        cs = json.load(f)
    with open(out, "a", encoding="utf-8") as f:
        for name in ("py_cardtoken", "php_cardtoken"):
            for call in CALLS:
                res = run_one(cs[name], "rss", call, MEMORY_MARKS[call], fx, timeout=900)
                rec = {"kind": "rss", "contender": name, "call": call, "rss_kib": res["rss_kib"],
                       "seconds": res["seconds"]}
                f.write(json.dumps(rec) + "\n")
                print(f"bench: memory {name} {call}: {res['rss_kib']} KiB "
                      f"({res['seconds']:.1f} s)", flush=True)


def callgrind_ir(c, mode, call, n, fx, tmpdir):
    outfile = os.path.join(tmpdir, f"cg.{os.getpid()}.out")
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + outfile] + c["cmd"] + [
        mode, call, str(n), fx]
    p = subprocess.run(cmd, capture_output=True, text=True, env=contender_env(c), timeout=900)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise SystemExit(f"driver.py: callgrind {call} {mode} failed: {p.stderr[-400:]}")
    return int(m.group(1)), outfile


IR_N = {True: (20, 100), False: (100, 600)}  # (N1, N2) under callgrind: RSA calls, others


def cmd_instructions(cpath, fx, out):
    """Instructions per call under callgrind: Ir(N2) - Ir(N1) over the extra calls
    (start-up, set-up and warm-up cancel out). Deterministic, unlike CPU time on a
    shared machine; user-space only (the kernel's share of a network call is not
    counted, and is the same for every contender)."""
    with open(cpath, encoding="utf-8") as f:
        cs = json.load(f)
    tmpdir = os.path.join(os.path.dirname(os.path.abspath(out)), "callgrind")
    os.makedirs(tmpdir, exist_ok=True)
    who = env("BENCH_IR_CONTENDERS", "limit,ct_c,py_cardtoken,php_cardtoken").split(",")
    with open(out, "a", encoding="utf-8") as f:
        for mode in MODES:
            for call in CALLS:
                for name in who:
                    rsa = call in RSA_CALLS
                    n1, n2 = IR_N[rsa]
                    # the loop runs max(20, n/20) + n calls, plus (net) the first checked call
                    calls1 = n1 + max(20, n1 // 20)
                    calls2 = n2 + max(20, n2 // 20)
                    if mode == "net":
                        calls1, calls2 = calls1 + 1, calls2 + 1
                    ir1, prof1 = callgrind_ir(cs[name], mode, call, n1, fx, tmpdir)
                    keep1 = os.path.join(tmpdir, f"{name}.{mode}.{call}.n1.out")
                    os.replace(prof1, keep1)
                    ir2, prof2 = callgrind_ir(cs[name], mode, call, n2, fx, tmpdir)
                    keep2 = os.path.join(tmpdir, f"{name}.{mode}.{call}.n2.out")
                    os.replace(prof2, keep2)
                    rec = {"kind": "ir", "contender": name, "mode": mode, "call": call,
                           "ir_per_call": (ir2 - ir1) / (calls2 - calls1),
                           "profile_n1": keep1, "profile_n2": keep2,
                           "calls_n1": calls1, "calls_n2": calls2}
                    f.write(json.dumps(rec) + "\n")
                    f.flush()
                    print(f"bench: instructions {name:13s} {mode:5s} {call:10s} "
                          f"{rec['ir_per_call'] / 1000:8.1f} k/call", flush=True)
    for leftover in os.listdir(tmpdir):
        if leftover.startswith("cg."):
            os.remove(os.path.join(tmpdir, leftover))


def sh(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60, shell=isinstance(cmd, str))
        return (p.stdout or p.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def cmd_meta(out):
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cs = contenders()
    pyct = subprocess.run(cs["py_cardtoken"]["cmd"][:1] + ["-c", "import cardtoken,sys;"
                          "print(cardtoken.__version__, cardtoken.CURL_VERSION, cardtoken.OPENSSL_VERSION, sep='|')"],
                          capture_output=True, text=True, env=contender_env(cs["py_cardtoken"]))
    phpct = subprocess.run(cs["php_cardtoken"]["cmd"][:3] + ["-r", "echo CardToken\\version();"],
                           capture_output=True, text=True)
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "kernel": platform.release(),
        "os": sh("sh -c '. /etc/os-release && echo $PRETTY_NAME'") + " (" + sh("cat /etc/debian_version") + ")",
        "loadavg_start": os.getloadavg(),
        "cardtoken_python": pyct.stdout.strip(),
        "cardtoken_php": phpct.stdout.strip(),
        "python": platform.python_version(),
        "requests": sh([sys.executable, "-c", "import requests; print(requests.__version__)"]),
        "cryptography": sh([sys.executable, "-c", "import cryptography; print(cryptography.__version__)"]),
        "urllib3": sh([sys.executable, "-c", "import urllib3; print(urllib3.__version__)"]),
        "php": sh(["php", "-r", "echo PHP_VERSION;"]),
        "php_curl": sh(["php", "-r", "echo curl_version()['version'];"]),
        "php_openssl": sh(["php", "-r", "echo OPENSSL_VERSION_TEXT;"]),
        "libcurl": sh(["curl-config", "--version"]),
        "openssl": sh(["openssl", "version"]),
        "nginx": sh(["nginx", "-v"]),
        "cc": sh(["cc", "--version"]).splitlines()[0] if sh(["cc", "--version"]) else "?",
        "git": sh(["git", "-C", env("BENCH_ROOT"), "describe", "--always", "--dirty"]),
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)


def main():
    cmd = sys.argv[1]
    if cmd == "contenders":
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            json.dump(contenders(), f, indent=1)
    elif cmd == "measure":
        cmd_measure(*sys.argv[2:5])
    elif cmd == "memory":
        cmd_memory(*sys.argv[2:5])
    elif cmd == "instructions":
        cmd_instructions(*sys.argv[2:5])
    elif cmd == "meta":
        cmd_meta(sys.argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
