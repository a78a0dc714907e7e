"""PayerMax: list a user's payment tokens, sending the request with our own
HTTP client (build_ + urllib + parse_): the same works with asyncio, httpx..."""
import ssl
import urllib.error
import urllib.request

import cardtoken
from _config import options

opts = options("payermax")
with cardtoken.PayerMax(**opts) as client:
    req = client.build_inquire_payment_token(user_id="user-0001", token_scope="tokenAcq")
    ctx = ssl.create_default_context(cafile=opts.get("ca_file"))
    http = urllib.request.Request(req.url, data=req.body, method=req.method,
                                  headers=dict(req.headers))
    try:
        with urllib.request.urlopen(http, context=ctx, timeout=30) as resp:
            status, headers, body = resp.status, list(resp.getheaders()), resp.read()
    except urllib.error.HTTPError as e:  # non-2xx: let parse_ classify it
        status, headers, body = e.code, list(e.headers.items()), e.read()
    tokens = client.parse_inquire_payment_token(status=status, headers=headers, body=body)

for t in tokens:
    print(f"python  payermax   token=…{t.payment_token_id[-4:]} card={t.card_info} "
          f"brand={t.brand} status={t.payment_token_status} expiry={t.payment_token_expiry}")
