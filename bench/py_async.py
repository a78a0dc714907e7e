#!/usr/bin/env python3
"""The asyncio benchmark (issue 18): 1,000 calls in flight at once against
the bench gateway emulator answering every request after 100 ms.

    py_async.py FX_DIR OUT.md [N]   runs everything, appends the table to OUT.md
    py_async.py serve FX_DIR PORT   the emulator (TLS, keep-alive, canned answers)
    py_async.py run KIND FX_DIR PORT N   one contender; prints one JSON line

Contenders (each in its own process, so that CPU time and peak RSS are its
own): cardtoken.AsyncPagsmile on the event loop, the sync cardtoken.Pagsmile
in a thread pool of N threads, and the Python async peer: aiohttp +
hashlib (py_peer.py's signing and parsing). Each does one warm-up round of N
calls (the N connections are set up), then the timed round of N calls at
once: wall time, CPU time per call (user + system, getrusage), peak RSS.
The emulator's canned answers are those of bench/fixtures.py (nginx's).
"""

import asyncio
import json
import os
import resource
import ssl
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
DELAY = 0.1
CALL = "pagsmile"
KINDS = ("cardtoken-async", "cardtoken-sync-threads", "aiohttp-peer")


def load(fx_dir):
    with open(os.path.join(fx_dir, "fixtures.json"), encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------- emulator

def serve(fx_dir, port):
    fx = load(fx_dir)
    answers = {}
    for c in fx["calls"].values():
        r = c["response"]
        body = r["body"].encode()
        head = "HTTP/1.1 %d OK\r\n" % r["status"]
        head += "".join("%s: %s\r\n" % (k, v) for k, v in r["headers"])
        head += "Content-Length: %d\r\nConnection: keep-alive\r\n\r\n" % len(body)
        answers[c["path"]] = head.encode() + body
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.path.join(fx_dir, "server.pem"), os.path.join(fx_dir, "server.key"))

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                length = 0
                for line in lines[1:]:
                    if line.lower().startswith("content-length:"):
                        length = int(line.split(":", 1)[1])
                await reader.readexactly(length)
                await asyncio.sleep(DELAY)
                writer.write(answers[path])
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError, KeyError, IndexError):
            pass
        finally:
            writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port, ssl=ctx, backlog=4096)
        print("ready", flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


# ---------------------------------------------------------------- contenders

def usage():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def run(kind, fx_dir, port, n):
    fx = load(fx_dir)
    spec = fx["calls"][CALL]
    base = "https://127.0.0.1:%d" % port
    args = dict(spec["args"])
    want = spec["expect"]

    if kind == "cardtoken-async":
        import cardtoken

        async def rounds():
            async with cardtoken.AsyncPagsmile(base_url=base, ca_file=fx["ca_file"], **spec["config"]) as c:
                out = []
                for _ in range(2):
                    c0, t0 = usage(), time.monotonic()
                    res = await asyncio.gather(*(c.get_card_token(**args) for _ in range(n)))
                    out.append((time.monotonic() - t0, usage() - c0, res[-1].token))
                return out

        out = asyncio.run(rounds())
    elif kind == "cardtoken-sync-threads":
        from concurrent.futures import ThreadPoolExecutor

        import cardtoken

        out = []
        with cardtoken.Pagsmile(base_url=base, ca_file=fx["ca_file"], **spec["config"]) as c, \
                ThreadPoolExecutor(max_workers=n) as pool:
            for _ in range(2):
                c0, t0 = usage(), time.monotonic()
                res = list(pool.map(lambda _: c.get_card_token(**args), range(n)))
                out.append((time.monotonic() - t0, usage() - c0, res[-1].token))
    else:
        import aiohttp

        import py_peer

        async def rounds():
            sslctx = ssl.create_default_context(cafile=fx["ca_file"])
            conn = aiohttp.TCPConnector(limit=0, ssl=sslctx)
            async with aiohttp.ClientSession(connector=conn, trust_env=False) as session:
                peer = py_peer.Pagsmile(None, base, **spec["config"])
                timeout = aiohttp.ClientTimeout(total=30)

                async def one():
                    headers, body = peer.build_get_card_token(**args)
                    async with session.post(peer.url, data=body, headers=headers, timeout=timeout,
                                            allow_redirects=False) as r:
                        return peer.parse_get_card_token(r.status, r.headers, await r.read())

                out = []
                for _ in range(2):
                    c0, t0 = usage(), time.monotonic()
                    res = await asyncio.gather(*(one() for _ in range(n)))
                    out.append((time.monotonic() - t0, usage() - c0, res[-1].token))
                return out

        out = asyncio.run(rounds())
    (_, _, tok0), (wall, cpu, tok) = out
    assert tok0 == tok == want["token"], (tok, want)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"kind": kind, "n": n, "wall": wall, "cpu_per_call": cpu / n,
                      "warmup_wall": out[0][0], "peak_rss_kib": peak}))


# ---------------------------------------------------------------- driver

def free_port():
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main(fx_dir, out_md, n):
    port = free_port()
    srv = subprocess.Popen([sys.executable, __file__, "serve", fx_dir, str(port)], stdout=subprocess.PIPE,
                           text=True)
    try:
        assert srv.stdout.readline().strip() == "ready"
        rows = {}
        for kind in KINDS:
            p = subprocess.run([sys.executable, __file__, "run", kind, fx_dir, str(port), str(n)],
                               capture_output=True, text=True, timeout=600)
            if p.returncode != 0:
                sys.stderr.write(p.stderr)
                raise SystemExit("bench: %s failed" % kind)
            rows[kind] = json.loads(p.stdout.strip().splitlines()[-1])
            print("bench: async table:", json.dumps(rows[kind]))
    finally:
        srv.terminate()
        srv.wait()
    a, s, p = rows["cardtoken-async"], rows["cardtoken-sync-threads"], rows["aiohttp-peer"]
    lines = [
        "",
        "## asyncio: %d calls in flight, %d ms emulated delay" % (n, DELAY * 1000),
        "",
        "One run (bench/py_async.py): a warm-up round of %d concurrent `%s` calls sets up the "
        "connections, then the timed round of %d at once; each contender in its own process "
        "(CPU = user + system time of that process during the timed round)." % (n, CALL, n),
        "",
        "| contender | wall time (s) | wall / delay | CPU per call (µs) | peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        r = rows[kind]
        lines.append("| %s | %.3f | %.2f× | %.0f | %.1f |" % (
            kind, r["wall"], r["wall"] / DELAY, r["cpu_per_call"] * 1e6, r["peak_rss_kib"] / 1024))
    lines += [
        "",
        "Ratios (goal): async wall / delay %.2f× (≤ 1.5×); async CPU / sync-in-threads CPU %.2f "
        "(≤ 1.3); peer CPU / async CPU %.2f (≥ 3)." % (
            a["wall"] / DELAY, a["cpu_per_call"] / s["cpu_per_call"], p["cpu_per_call"] / a["cpu_per_call"]),
        "",
    ]
    with open(out_md, "a", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1000)
