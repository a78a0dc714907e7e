#!/usr/bin/env python3
"""Contender: cardtoken from Python. Usage: see pybench.py."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cardtoken  # noqa: E402
import pybench  # noqa: E402

CLASSES = {
    "pagsmile": (cardtoken.Pagsmile, "get_card_token"),
    "payermax": (cardtoken.PayerMax, "inquire_payment_token"),
    "yabandpay": (cardtoken.YabandPay, "create_card_token"),
    "worldfirst": (cardtoken.WorldFirst, "query_card_sensitive_info"),
}


class Contender:
    def __init__(self, call, fx):
        spec = fx["calls"][call]
        cls, op = CLASSES[call]
        self.client = cls(base_url=fx["base_url"], ca_file=fx["ca_file"], **spec["config"])
        self.args = dict(spec["args"])
        self.resp = spec["response"]
        self._op = getattr(self.client, op)
        self._build = getattr(self.client, "build_" + op)
        self._parse = getattr(self.client, "parse_" + op)
        self.is_list = call == "payermax"

    def call(self):
        return self._op(**self.args)

    def build(self):
        return self._build(**self.args)

    def describe(self):
        r = self.build()
        return r.method, r.url, r.headers, r.body

    def canned(self):
        r = self.resp
        return r["status"], [tuple(h) for h in r["wire_headers"]], r["body"].encode()

    def parse(self, canned):
        return self._parse(*canned)

    def summary(self, res):
        if self.is_list:
            res = res[0]
        return res._asdict()


if __name__ == "__main__":
    pybench.main(Contender)
