"""Memory stays flat over 100 000 build_/parse_ calls (plus errors,
notifications and acks in the same loop): Python allocations measured with
tracemalloc, the process's resident set (which includes everything the C core
and OpenSSL allocate) read from /proc/self/statm. A leak of even a few dozen
bytes per call would show as megabytes here.
"""

import gc
import json
import os
import tracemalloc

import pytest

import cardtoken
from conftest import CLIENTS, OPS, VECTORS

TOTAL_CALLS = 100_000


def vector(gw, name):
    with open(os.path.join(VECTORS, gw, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class Workload:
    def __init__(self):
        self.calls = 0
        self.c = {}
        self.v = {}
        for gw in OPS:
            self.v[gw] = vector(gw, "success")
            self.c[gw] = CLIENTS[gw](**self.v[gw]["config"])
        self.bad = dict(self.v["pagsmile"]["args"], expiration_month="13")
        self.declined = vector("pagsmile", "error_402_string_code")["response"]
        self.note = vector("yabandpay", "notification_json")["notification"]["body"]
        for gw in OPS:
            r = self.v[gw]["response"]
            r["body_bytes"] = r["body"].encode()
            r["pairs"] = [tuple(h) for h in r["headers"]]

    def cycle(self, rsa_builds):
        """One round: counts its build_/parse_ calls."""
        n = 0
        for gw in ("pagsmile", "yabandpay"):
            c, v = self.c[gw], self.v[gw]
            req = getattr(c, "build_" + OPS[gw])(**v["args"])
            r = v["response"]
            res = getattr(c, "parse_" + OPS[gw])(r["status"], r["pairs"], r["body_bytes"],
                                                  request=req)
            repr(req), repr(res)
            n += 2
        for gw in ("payermax", "worldfirst"):
            r = self.v[gw]["response"]
            res = getattr(self.c[gw], "parse_" + OPS[gw])(r["status"], r["pairs"], r["body"])
            repr(res)
            n += 1
            if rsa_builds:
                getattr(self.c[gw], "build_" + OPS[gw])(**self.v[gw]["args"])
                n += 1
        try:
            self.c["pagsmile"].build_get_card_token(**self.bad)
        except cardtoken.ValidationError:
            pass
        try:
            self.c["pagsmile"].parse_get_card_token(200, self.declined["headers"],
                                                    self.declined["body"])
        except cardtoken.GatewayError:
            pass
        try:
            self.c["yabandpay"].build_create_card_token(colour="x")
        except TypeError:
            pass
        n += 3
        self.c["yabandpay"].verify_notification(self.note)
        self.c["worldfirst"].notification_ack("/n")
        self.c["pagsmile"].notification_ack()
        self.calls += n

    def run(self, calls):
        target = self.calls + calls
        i = 0
        while self.calls < target:
            self.cycle(rsa_builds=(i % 50 == 0))
            i += 1

    def close(self):
        for c in self.c.values():
            c.close()


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc (Linux)")
def test_memory_flat_over_100k_calls():
    w = Workload()
    tracemalloc.start()
    try:
        w.run(10_000)  # warm-up: caches, free lists, OpenSSL's lazy tables
        gc.collect()
        traced0, rss0 = tracemalloc.get_traced_memory()[0], rss_bytes()
        w.run(TOTAL_CALLS // 2)
        gc.collect()
        traced1, rss1 = tracemalloc.get_traced_memory()[0], rss_bytes()
        w.run(TOTAL_CALLS // 2)
        gc.collect()
        traced2, rss2 = tracemalloc.get_traced_memory()[0], rss_bytes()
    finally:
        tracemalloc.stop()
        w.close()
    assert w.calls >= TOTAL_CALLS + 10_000
    report = "traced %d/%d/%d B, rss %d/%d/%d KiB" % (traced0, traced1, traced2, rss0 >> 10,
                                                      rss1 >> 10, rss2 >> 10)
    # Python objects: nothing accumulates (a few KiB of noise allowed)
    assert traced2 - traced0 < 64 * 1024, report
    assert traced2 - traced1 < 32 * 1024, report
    # the whole process, C core included: < 16 bytes per call in the second half
    assert rss2 - rss1 < 800 * 1024, report
    assert rss2 - rss0 < 4 * 1024 * 1024, report


def test_closed_and_dropped_objects_are_freed():
    """Clients, requests and results that go away release their memory."""
    v = vector("payermax", "success")
    gc.collect()
    rss0 = rss_bytes()
    for _ in range(3000):
        c = CLIENTS["payermax"](**v["config"])
        r = v["response"]
        c.parse_inquire_payment_token(r["status"], r["headers"], r["body"])
        if _ % 2:
            c.close()
        del c
    gc.collect()
    rss1 = rss_bytes()
    for _ in range(3000):
        c = CLIENTS["payermax"](**v["config"])
        if _ % 2:
            c.close()
        del c
    gc.collect()
    rss2 = rss_bytes()
    assert rss2 - rss1 < 1024 * 1024, (rss0 >> 10, rss1 >> 10, rss2 >> 10)
