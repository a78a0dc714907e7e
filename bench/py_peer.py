#!/usr/bin/env python3
"""Contender: what a careful Python user writes without cardtoken.

requests (one Session: keep-alive, verify=ca_file, no redirects, environment
proxies ignored like cardtoken does, a timeout on every call) + cryptography
(RSA keys loaded once) + hashlib / hmac. Same requests, same signatures, same
verification of the signed responses, the same result fields as cardtoken.
No input validation (cardtoken validates every argument: this favours the
peer). Usage: see pybench.py.
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import secrets
import sys
import urllib.parse
from dataclasses import dataclass
from typing import Optional

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from requests.structures import CaseInsensitiveDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pybench  # noqa: E402


class GatewayFailure(Exception):
    pass


class BadSignature(Exception):
    pass


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class CardTokenResult:
    token: str
    first_six_digits: str
    last_four_digits: str
    expiration_month: int
    expiration_year: int
    cardholder_name: str
    payment_method_id: Optional[str]


@dataclass(frozen=True, slots=True)
class PaymentToken:
    payment_token_id: Optional[str]
    user_id: Optional[str]
    token_scope: Optional[str]
    payment_token_expiry: Optional[str]
    payment_token_status: Optional[str]
    card_info: Optional[str]
    if_cvv: Optional[str]
    brand: Optional[str]
    payment_method_type: Optional[str]
    target_org: Optional[str]
    account_display: Optional[str]
    referral_code: Optional[str]


@dataclass(frozen=True, slots=True)
class CardPayment:
    order_id: Optional[str]
    trade_id: Optional[str]
    amount: Optional[str]
    currency: Optional[str]
    url: Optional[str]
    state: Optional[str]
    response_id: Optional[str]
    request_id: Optional[str]


@dataclass(frozen=True, slots=True)
class CardSensitiveInfo:
    asset_id: Optional[str]
    account_id: Optional[str]
    card_no: Optional[str]
    cvv: Optional[str]
    expired_month: Optional[str]
    expired_year: Optional[str]

    def __repr__(self):
        return f"CardSensitiveInfo(asset_id={self.asset_id!r}, card_no='****', cvv='***')"


class Base:
    PATH = ""

    def __init__(self, session, base_url, timeout=30.0):
        self.session = session
        self.url = base_url + self.PATH
        self.timeout = timeout

    def send(self, headers, body):
        r = self.session.post(self.url, data=body, headers=headers, timeout=self.timeout,
                              allow_redirects=False)
        return r.status_code, r.headers, r.content

    @staticmethod
    def check_status(status):
        if status != 200:
            raise GatewayFailure(f"HTTP {status}")


class Pagsmile(Base):
    PATH = "/api/getcardtoken"
    HEADERS = {"Content-Type": "application/json"}

    def __init__(self, session, base_url, merchant_no, app_id, app_key):
        super().__init__(session, base_url)
        self.merchant_no, self.app_id, self.app_key = merchant_no, app_id, app_key

    def sign(self, fields):
        # PHP empty(): "", "0", 0, None, False are left out; sorted; &key=<app key>.
        text = "&".join(f"{k}={fields[k]}" for k in sorted(fields)
                        if fields[k] not in ("", "0", None) and fields[k] is not False)
        return hashlib.md5((text + "&key=" + self.app_key).encode()).hexdigest()

    def build_get_card_token(self, card_number, security_code, expiration_month,
                             expiration_year, cardholder_name):
        fields = {
            "merchant_no": self.merchant_no, "app_id": self.app_id,
            "card_number": card_number, "security_code": security_code,
            "expiration_month": expiration_month, "expiration_year": expiration_year,
            "cardholder_name": cardholder_name,
        }
        fields["sign"] = self.sign(fields)
        return self.HEADERS, dumps(fields).encode()

    def parse_get_card_token(self, status, headers, body):
        self.check_status(status)
        doc = json.loads(body)
        if str(doc.get("code")) != "200" or not isinstance(doc.get("info"), dict):
            raise GatewayFailure(f"Pagsmile {doc.get('code')}: {doc.get('info')}")
        info = doc["info"]
        ci = info["card_info"]
        return CardTokenResult(info["token"], ci["first_six_digits"], ci["last_four_digits"],
                               int(ci["expiration_month"]), int(ci["expiration_year"]),
                               ci["cardholder_name"], ci.get("payment_method_id"))

    def get_card_token(self, **kw):
        return self.parse_get_card_token(*self.send(*self.build_get_card_token(**kw)))


class PayerMax(Base):
    PATH = "/aggregate-pay/api/gateway/inquirePaymentToken"

    def __init__(self, session, base_url, app_id, merchant_no, private_key, gateway_public_key,
                 key_version="1"):
        super().__init__(session, base_url)
        self.app_id, self.merchant_no, self.key_version = app_id, merchant_no, key_version
        self.key = serialization.load_pem_private_key(private_key.encode(), password=None)
        self.gateway_key = serialization.load_pem_public_key(gateway_public_key.encode())

    def build_inquire_payment_token(self, user_id, token_scope=None, payment_token_id=None,
                                    payment_method_type=None, target_org=None, card_org=None,
                                    referral_code=None):
        data = {"userId": user_id}
        for k, v in (("tokenScope", token_scope), ("paymentTokenID", payment_token_id),
                     ("paymentMethodType", payment_method_type), ("targetOrg", target_org),
                     ("cardOrg", card_org), ("referralCode", referral_code)):
            if v is not None:
                data[k] = v
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
        body = dumps({"version": "1.2", "keyVersion": self.key_version, "requestTime": now,
                      "appId": self.app_id, "merchantNo": self.merchant_no,
                      "data": data}).encode()
        sig = base64.b64encode(self.key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()
        return {"Content-Type": "application/json", "sign": sig}, body

    def parse_inquire_payment_token(self, status, headers, body):
        self.check_status(status)
        doc = json.loads(body)
        if doc.get("code") != "APPLY_SUCCESS":
            raise GatewayFailure(f"PayerMax {doc.get('code')}: {doc.get('msg')}")
        sig = headers.get("sign")
        if not sig:
            raise BadSignature("PayerMax response without a sign header")
        try:
            self.gateway_key.verify(base64.b64decode(sig, validate=True), body,
                                    padding.PKCS1v15(), hashes.SHA256())
        except (InvalidSignature, ValueError):
            raise BadSignature("PayerMax response signature is wrong") from None
        out = []
        for t in doc["data"]["tokenList"]:
            g = t.get
            out.append(PaymentToken(g("paymentTokenID"), g("userId"), g("tokenScope"),
                                    g("paymentTokenExpiry"), g("paymentTokenStatus"),
                                    g("cardInfo"), g("ifCVV"), g("brand"),
                                    g("paymentMethodType"), g("targetOrg"),
                                    g("accountDisplay"), g("referralCode")))
        return out

    def inquire_payment_token(self, **kw):
        return self.parse_inquire_payment_token(
            *self.send(*self.build_inquire_payment_token(**kw)))


class YabandPay(Base):
    PATH = "/Payments"
    HEADERS = {"Content-Type": "application/json"}

    def __init__(self, session, base_url, user, secret_key):
        super().__init__(session, base_url)
        self.user, self.secret = user, secret_key.encode()

    def build_create_card_token(self, order_id, card_number, security_code, expiration_month,
                                expiration_year, cardholder_name, email, currency, description,
                                notify_url, operation="10", amount="0", token_type="CIT",
                                three_ds_initiate="01", order_timeout=30, request_id=None):
        request_id = request_id or secrets.token_hex(16)
        cardinfo = dumps({"card_holder": cardholder_name, "emial": email,
                          "card_number": card_number, "expiration_month": expiration_month,
                          "expiration_year": expiration_year, "cvc": security_code})
        data = {
            "pay_method": "online", "sub_pay_method": "Card", "operation": operation,
            "order_id": order_id, "token_type": token_type, "3ds_initiate": three_ds_initiate,
            "cardinfo": cardinfo, "amount": amount, "currency": currency,
            "description": description, "timeout": str(order_timeout),
            "notify_url": notify_url, "request_id": request_id,
        }
        now = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
        fields = dict(data, user=self.user, method="v3.CreateCardPayments", time=now)
        text = "&".join(f"{k}={fields[k]}" for k in sorted(fields))
        sign = hmac.new(self.secret, text.encode(), hashlib.sha256).hexdigest()
        body = dumps({"user": self.user, "sign": sign, "method": "v3.CreateCardPayments",
                      "time": now, "data": data}).encode()
        return self.HEADERS, body, request_id

    def parse_create_card_token(self, status, headers, body, request_id=None):
        self.check_status(status)
        doc = json.loads(body)
        if doc.get("status") is not True or not isinstance(doc.get("data"), dict):
            raise GatewayFailure(f"YabandPay {doc.get('code')}: {doc.get('message')}")
        d = doc["data"]
        return CardPayment(d.get("order_id"), d.get("trade_id"), d.get("amount"),
                           d.get("currency"), d.get("url"), d.get("state"),
                           doc.get("response_id"), request_id)

    def create_card_token(self, **kw):
        headers, body, request_id = self.build_create_card_token(**kw)
        return self.parse_create_card_token(*self.send(headers, body), request_id)


class WorldFirst(Base):
    PATH = "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo"

    def __init__(self, session, base_url, client_id, private_key, gateway_public_key,
                 key_version="2"):
        super().__init__(session, base_url)
        self.client_id, self.key_version = client_id, key_version
        self.key = serialization.load_pem_private_key(private_key.encode(), password=None)
        self.gateway_key = serialization.load_pem_public_key(gateway_public_key.encode())

    def build_query_card_sensitive_info(self, asset_id):
        body = dumps({"assetId": asset_id}).encode()
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        content = f"POST {self.PATH}\n{self.client_id}.{now}.".encode() + body
        sig = base64.b64encode(self.key.sign(content, padding.PKCS1v15(), hashes.SHA256()))
        headers = {
            "Content-Type": "application/json; charset=UTF-8",
            "Client-Id": self.client_id,
            "Request-Time": now,
            "Signature": f"algorithm=RSA256,keyVersion={self.key_version},signature="
                         + urllib.parse.quote(sig.decode(), safe=""),
        }
        return headers, body

    def parse_query_card_sensitive_info(self, status, headers, body):
        self.check_status(status)
        client_id, rtime, sig_header = (headers.get("Client-Id"), headers.get("Response-Time"),
                                        headers.get("Signature"))
        if not (client_id and rtime and sig_header):
            raise BadSignature("WorldFirst response without signature headers")
        parts = dict(p.split("=", 1) for p in sig_header.split(",") if "=" in p)
        try:
            sig = base64.b64decode(urllib.parse.unquote(parts.get("signature", "")), validate=True)
            content = f"POST {self.PATH}\n{client_id}.{rtime}.".encode() + body
            self.gateway_key.verify(sig, content, padding.PKCS1v15(), hashes.SHA256())
        except (InvalidSignature, ValueError):
            raise BadSignature("WorldFirst response signature is wrong") from None
        doc = json.loads(body)
        result = doc.get("result") or {}
        if result.get("resultStatus") != "S":
            raise GatewayFailure(f"WorldFirst {result.get('resultCode')}")
        g = doc.get
        return CardSensitiveInfo(g("assetId"), g("accountId"), g("cardNo"), g("cvv"),
                                 g("expiredMonth"), g("expiredYear"))

    def query_card_sensitive_info(self, **kw):
        return self.parse_query_card_sensitive_info(
            *self.send(*self.build_query_card_sensitive_info(**kw)))


CLASSES = {
    "pagsmile": (Pagsmile, "get_card_token"),
    "payermax": (PayerMax, "inquire_payment_token"),
    "yabandpay": (YabandPay, "create_card_token"),
    "worldfirst": (WorldFirst, "query_card_sensitive_info"),
}


class Contender:
    def __init__(self, call, fx):
        spec = fx["calls"][call]
        cls, op = CLASSES[call]
        session = requests.Session()
        session.verify = fx["ca_file"]
        session.trust_env = False  # like cardtoken: environment proxies are ignored
        self.client = cls(session, fx["base_url"], **spec["config"])
        self.args = dict(spec["args"])
        self.resp = spec["response"]
        self.call_name = call
        self._op = getattr(self.client, op)
        self._build = getattr(self.client, "build_" + op)
        self._parse = getattr(self.client, "parse_" + op)

    def call(self):
        return self._op(**self.args)

    def build(self):
        return self._build(**self.args)

    def describe(self):
        built = self.build()
        return "POST", self.client.url, list(built[0].items()), built[1]

    def canned(self):
        r = self.resp
        return r["status"], CaseInsensitiveDict(r["wire_headers"]), r["body"].encode()

    def parse(self, canned):
        return self._parse(*canned)

    def summary(self, res):
        if isinstance(res, list):
            res = res[0]
        return {k: getattr(res, k) for k in res.__slots__}


if __name__ == "__main__":
    pybench.main(Contender)
