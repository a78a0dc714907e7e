#!/usr/bin/env python3
"""Generates everything the benchmark needs, fresh at bench time, in one directory:

  ca.pem / ca.key                  a throw-away CA (clients trust it via ca_file)
  server.pem / server.key          a server certificate for 127.0.0.1 and localhost
  merchant_*.pem, gateway_*.pem    two RSA-2048 key pairs (merchant signs requests,
                                   the "gateway" signs responses)
  nginx.conf                       a keep-alive HTTPS server answering the four calls
                                   with static, correctly signed responses
  fixtures.json                    what every contender reads: base URL, CA file,
                                   credentials, call arguments, the canned responses
                                   (for the no-network path) and the expected results

Usage: fixtures.py OUTDIR PORT

Only Python's hashlib/hmac and the cryptography package are used here, never
the code under test.
"""

import base64
import datetime
import ipaddress
import json
import os
import secrets
import sys
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

PATHS = {
    "pagsmile": "/api/getcardtoken",
    "payermax": "/aggregate-pay/api/gateway/inquirePaymentToken",
    "yabandpay": "/Payments",
    "worldfirst": "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo",
}

CARD = "4235647728025682"  # Luhn-valid test card


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem_private(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def pem_public(key):
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def rsa_sign_b64(key, data: bytes) -> str:
    return base64.b64encode(key.sign(data, padding.PKCS1v15(), hashes.SHA256())).decode()


def nginx_head(outdir, first_lines):
    """The start of an nginx.conf up to inside `http {`: one worker, in the
    foreground, pid, error log and temp paths under outdir, no access log,
    keep-alive for the whole run (also used by bench/fpm_load.py)."""
    tmp = os.path.join(outdir, "nginx-tmp")
    os.makedirs(tmp, exist_ok=True)
    return f"""{first_lines}
worker_processes 1;
daemon off;
master_process on;
pid {outdir}/nginx.pid;
error_log {outdir}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    server_tokens off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_requests 100000000;
    keepalive_timeout 600s;"""


def make_ca_and_server(outdir):
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = rsa_key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cardtoken bench CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    srv_key = rsa_key()
    srv_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(srv_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = {
        "ca.pem": ca_cert.public_bytes(serialization.Encoding.PEM).decode(),
        "ca.key": pem_private(ca_key),
        "server.pem": srv_cert.public_bytes(serialization.Encoding.PEM).decode(),
        "server.key": pem_private(srv_key),
    }
    for name, text in files.items():
        write(os.path.join(outdir, name), text, private=name.endswith(".key"))


def write(path, text, private=False):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    if private:
        os.chmod(path, 0o600)


def compact(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def nginx_quote(text: str) -> str:
    # The bodies are written into nginx.conf as single-quoted strings: nginx
    # would interpret '$' (variables) and backslash escapes, so none may occur.
    assert "'" not in text and "\\" not in text and "$" not in text, text
    return "'" + text + "'"


def main():
    outdir, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(outdir, exist_ok=True)
    outdir = os.path.abspath(outdir)
    make_ca_and_server(outdir)

    merchant, gateway = rsa_key(), rsa_key()
    write(os.path.join(outdir, "merchant_private.pem"), pem_private(merchant), private=True)
    write(os.path.join(outdir, "merchant_public.pem"), pem_public(merchant))
    write(os.path.join(outdir, "gateway_private.pem"), pem_private(gateway), private=True)
    write(os.path.join(outdir, "gateway_public.pem"), pem_public(gateway))

    base_url = f"https://127.0.0.1:{port}"
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).replace(microsecond=0)

    # ---- Pagsmile: unsigned JSON response.
    pagsmile_cfg = {
        "merchant_no": "1024201708140012289",
        "app_id": "2017051914172236111",
        "app_key": "bench" + secrets.token_hex(12),
    }
    pagsmile_args = {
        "card_number": CARD,
        "security_code": "123",
        "expiration_month": "12",
        "expiration_year": "2030",
        "cardholder_name": "APRO",
    }
    pagsmile_body = compact({
        "code": "200",
        "info": {
            "token": secrets.token_hex(16),
            "card_info": {
                "first_six_digits": CARD[:6], "last_four_digits": CARD[-4:],
                "expiration_month": 12, "expiration_year": 2030,
                "cardholder_name": "APRO", "payment_method_id": "visa",
            },
        },
    })
    pagsmile_resp = {"status": 200, "headers": [["Content-Type", "application/json"]], "body": pagsmile_body}
    pagsmile_expect = {"token": json.loads(pagsmile_body)["info"]["token"], "last_four_digits": CARD[-4:]}

    # ---- PayerMax: response signed in the `sign` header over the raw body.
    payermax_cfg = {
        "app_id": "46153e2b787241ae8b01857bb087d1bd",
        "merchant_no": "010229810189301",
        "private_key": pem_private(merchant),
        "gateway_public_key": pem_public(gateway),
        "key_version": "1",
    }
    payermax_args = {"user_id": "czy_0088"}
    payermax_body = compact({
        "msg": "",
        "code": "APPLY_SUCCESS",
        "data": {"tokenList": [{
            "tokenScope": "tokenAcq", "targetOrg": "", "ifCVV": "N",
            "cardInfo": "455701******1010",
            "paymentTokenID": "PMTOKEN" + secrets.token_hex(14).upper(),
            "accountDisplay": "", "paymentTokenStatus": "Activated", "userId": "czy_0088",
            "brand": "VISA", "paymentMethodType": "CARD",
            "paymentTokenExpiry": "2030-07-14T00:00:00.537Z", "referralCode": "xxxx",
        }]},
    })
    payermax_sign = rsa_sign_b64(gateway, payermax_body.encode())
    payermax_resp = {
        "status": 200,
        "headers": [["Content-Type", "application/json"], ["sign", payermax_sign]],
        "body": payermax_body,
    }
    payermax_expect = {
        "payment_token_id": json.loads(payermax_body)["data"]["tokenList"][0]["paymentTokenID"],
        "user_id": "czy_0088",
    }

    # ---- YabandPay: unsigned JSON response.
    yabandpay_cfg = {"user": "016683", "secret_key": "bench" + secrets.token_hex(16)}
    yabandpay_args = {
        "order_id": "ORD-20220122-0001",
        "card_number": CARD,
        "security_code": "123",
        "expiration_month": "12",
        "expiration_year": "2030",
        "cardholder_name": "John Smith",
        "email": "john.smith@example.com",
        "currency": "EUR",
        "description": "Card token",
        "notify_url": "https://merchant.example.com/notify/yabandpay",
    }
    yabandpay_body = compact({
        "status": True,
        "code": "200",
        "data": {
            "order_id": "ORD-20220122-0001",
            "trade_id": "2b2aa1af-6e97-4c01-8c52-86200bf66c82",
            "amount": "0", "currency": "EUR",
            "url": "https://pay.yabandpay.com/pay_method/Y3JlZGl0Y2FyZA==/abc",
            "state": "processing",
        },
        "message": "",
        "response_id": "202201221000000000000001",
    })
    yabandpay_resp = {"status": 200, "headers": [["Content-Type", "application/json"]], "body": yabandpay_body}
    yabandpay_expect = {"trade_id": "2b2aa1af-6e97-4c01-8c52-86200bf66c82", "state": "processing"}

    # ---- WorldFirst: response signed over "POST <path>\n<client>.<time>.<body>".
    wf_client = "5J5Y3N5Z2Y9T9L04"
    worldfirst_cfg = {
        "client_id": wf_client,
        "private_key": pem_private(merchant),
        "gateway_public_key": pem_public(gateway),
        "key_version": "2",
    }
    worldfirst_args = {"asset_id": "2022012210000000000000001"}
    worldfirst_body = compact({
        "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
        "assetId": "2022012210000000000000001", "accountId": "1234567890123456",
        "cvv": "321", "cardNo": "5555555555554444", "expiredMonth": "07", "expiredYear": "29",
    })
    resp_time = now.isoformat()
    content = f"POST {PATHS['worldfirst']}\n{wf_client}.{resp_time}.{worldfirst_body}".encode()
    wf_sig = urllib.parse.quote(rsa_sign_b64(gateway, content), safe="")
    worldfirst_resp = {
        "status": 200,
        "headers": [
            ["Content-Type", "application/json; charset=UTF-8"],
            ["Client-Id", wf_client],
            ["Response-Time", resp_time],
            ["Signature", f"algorithm=RSA256,keyVersion=2,signature={wf_sig}"],
        ],
        "body": worldfirst_body,
    }
    worldfirst_expect = {"asset_id": "2022012210000000000000001", "card_no": "5555555555554444"}

    fx = {
        "base_url": base_url,
        "port": port,
        "ca_file": os.path.join(outdir, "ca.pem"),
        "dir": outdir,
        "merchant_public_key": pem_public(merchant),
        "gateway_public_key": pem_public(gateway),
        "calls": {
            "pagsmile": {"path": PATHS["pagsmile"], "config": pagsmile_cfg, "args": pagsmile_args,
                         "response": pagsmile_resp, "expect": pagsmile_expect},
            "payermax": {"path": PATHS["payermax"], "config": payermax_cfg, "args": payermax_args,
                         "response": payermax_resp, "expect": payermax_expect},
            "yabandpay": {"path": PATHS["yabandpay"], "config": yabandpay_cfg, "args": yabandpay_args,
                          "response": yabandpay_resp, "expect": yabandpay_expect},
            "worldfirst": {"path": PATHS["worldfirst"], "config": worldfirst_cfg, "args": worldfirst_args,
                           "response": worldfirst_resp, "expect": worldfirst_expect},
        },
    }
    # The no-network path parses the canned responses with the headers nginx
    # really sends (its own ones first), so that both paths see the same input.
    for c in fx["calls"].values():
        r = c["response"]
        own = [["Server", "nginx"], ["Date", "Tue, 24 Nov 2026 15:43:48 GMT"],
               ["Content-Type", dict(r["headers"])["Content-Type"]],
               ["Content-Length", str(len(r["body"].encode()))], ["Connection", "keep-alive"]]
        r["wire_headers"] = own + [h for h in r["headers"] if h[0] != "Content-Type"]
    write(os.path.join(outdir, "fixtures.json"), json.dumps(fx, indent=1), private=True)

    # ---- nginx: one worker (the client gets the other core), no logs,
    # keep-alive for the whole run, HTTP/1.1 only, static signed answers.
    locations = []
    for gw, c in fx["calls"].items():
        r = c["response"]
        ctype = dict(r["headers"])["Content-Type"]
        lines = [f"        location = {c['path']} {{", f"            default_type {nginx_quote(ctype)};"]
        for name, value in r["headers"]:
            if name != "Content-Type":
                lines.append(f"            add_header {name} {nginx_quote(value)} always;")
        lines.append(f"            return 200 {nginx_quote(r['body'])};")
        lines.append("        }")
        locations.append("\n".join(lines))
    conf = nginx_head(outdir, "# Generated by bench/fixtures.py for one benchmark run.") + f"""
    client_max_body_size 64k;
    client_body_buffer_size 64k;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {outdir}/server.pem;
        ssl_certificate_key {outdir}/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:bench:1m;
        location / {{ return 404; }}
{chr(10).join(locations)}
    }}
}}
"""
    write(os.path.join(outdir, "nginx.conf"), conf)


if __name__ == "__main__":
    main()
