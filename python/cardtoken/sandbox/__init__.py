"""cardtoken sandbox: a local HTTPS emulator of the four gateways' card-vault calls.

Run it:
  python -m cardtoken.sandbox [--port N] [--config-out FILE] [--http] [options]
  python -m cardtoken.sandbox notify --gateway G --url URL [--config FILE]
  python3 python/cardtoken/sandbox ...      (same thing, from a source tree;
                                            needs only the stdlib and
                                            `cryptography`, not the extension)

It listens on 127.0.0.1 only and serves, at the gateways' real paths:
  POST /api/getcardtoken                                         Pagsmile
  POST /aggregate-pay/api/gateway/inquirePaymentToken            PayerMax
  POST /Payments  (method v3.CreateCardPayments)                 YabandPay
  POST /amsin/api/v2/business/worldcard/queryCardSensitiveInfo   WorldFirst
Every request is verified with the sandbox's own code (hashlib, hmac,
cryptography) and answered as the gateway documents it. A request target may
be in origin form (/path) or absolute form (https://host:port/path, RFC 9112
3.2.2, as the Alipay Python SDK sends it).

TLS. At start it generates a CA and a server certificate for 127.0.0.1, ::1 and
localhost (ECDSA P-256). `--http` serves plain HTTP instead. `--tls MODE` serves
a deliberately bad certificate while still writing the good CA file, for
client tests: `wrong-host` (leaf for wrong-host.invalid only), `self-signed`
(a leaf signed by itself, not chained to the CA file), `expired` (a CA-signed
leaf that expired yesterday). A client must refuse all three.

Config file. `--config-out FILE` writes (atomically: temp file + rename, mode
0600) once every listener is up:
  {"base_url", "ca_file", "stats_url", "reset_stats_url", "redirect_url",
   "pid", "tls", "fault",
   "pagsmile":   {merchant_no, app_id, app_key, base_url, ca_file},
   "payermax":   {app_id, merchant_no, private_key, gateway_public_key,
                  key_version, base_url, ca_file},
   "yabandpay":  {user, secret_key, base_url, ca_file},
   "worldfirst": {client_id, private_key, gateway_public_key, key_version,
                  base_url, ca_file},
   "gateway_private_keys": {"payermax": PEM, "worldfirst": PEM}}
so that a client is built straight from it: cardtoken.Pagsmile(**cfg["pagsmile"]).
Keys are PEM text. `ca_file` is omitted from the gateway objects (and null at
the top) with --http. The CA file is written next to FILE as <stem>-ca.pem.
Without --config-out both go to a private temporary directory whose config
path is printed at start. Both files are removed when the sandbox stops.

Credentials (fixed):
  Pagsmile    merchant_no=102320170519  app_id=2017051914172236111
              app_key=SandboxPagsmileMD5Key
  PayerMax    app_id=46153e2b787241ae8b01857bb087d1bd
              merchant_no=010229810189301  key_version=1
  YabandPay   user=016683  secret_key=SandboxYabandPaySecretKey
  WorldFirst  client_id=SANDBOX5YB7RZ2N00001  key_version=2
RSA keys (PayerMax and WorldFirst, each a merchant pair and a gateway pair,
2048-bit) are generated at every start and only published in the config file,
unless --keys-dir DIR names a directory holding merchant_private.pem and
gateway_private.pem (PEM, PKCS#1 or PKCS#8), used by both gateways (for
example tests/vectors/keys).

Checks made (failure answers, HTTP 200 unless noted):
  Pagsmile    sign missing/empty -> {"code":"403","info":"SIGN_ISNULL"};
              wrong merchant_no/app_id -> 502 MERCHANT_ID_INVALID;
              MD5 mismatch -> 402 SIGN_VERIFY_FAILURE; missing field, bad
              card number (12-19 digits, Luhn), CVV (3-4 digits), month (01-12),
              year (4 digits), holder (1-100) -> 401 SYSTEM_PARAM_ERROR.
  PayerMax    sign header missing or wrong -> SIGN_VERIFY_FAILED; unknown appId
              -> MERCHANT_APP_INVALID; wrong merchantNo -> MERCHANT_INVALID;
              requestTime not an RFC 3339 time with an offset (any
              fraction digits, none included) -> PARAMS_INVALID, more than
              120 s from the sandbox clock -> REQ_TIME_OVER_TIME; version
              other than 1.1, 1.2, 1.4 (what the official SDKs send), bad
              keyVersion/data -> PARAMS_INVALID. Every PayerMax
              response is signed in the `sign` header with the gateway key.
  YabandPay   sign missing or wrong -> {"status":false,"code":"-403"}; unknown
              user -> -2001; missing/bad field or card, 3ds_initiate
              not 01/02 -> -3001; bad request_id -> -4118; the 3DS
              low-value exemption (3ds_initiate 02 or sca_exemption
              LowValue) above the seed's limit for the currency (EUR 30,
              DKK 225, GBP 27, SEK 310, ISK 5000, NOK 325, CHF 32, PLN 135,
              USD 36) or in another currency -> -4120.
  WorldFirst  Client-Id wrong -> INVALID_CLIENT; Signature missing or wrong ->
              INVALID_SIGNATURE (a keyVersion other than 2, such as the
              Alipay SDKs' default 1, is named in resultMessage); missing
              Request-Time, bad body or assetId -> PARAM_ILLEGAL. Every response carries client-id, response-time
              and signature (lower-case names: the official clients look
              them up that way), signed with the gateway key.

Success answers:
  Pagsmile    {"code":"200","info":{"token":<32 hex>,"card_info":{...}}}
              (payment_method_id "visa" for 4..., "master" for 5..., absent
              otherwise).
  PayerMax    {"msg":"","code":"APPLY_SUCCESS","data":{"tokenList":[...]}}:
              two tokens per userId (VISA and MASTERCARD), filtered by
              paymentTokenID, paymentMethodType and cardOrg when given.
  YabandPay   {"status":true,"code":"200","data":{order_id, trade_id, amount,
              currency, url, state:"processing"},"message":"","response_id":...}
  WorldFirst  result S with the card of --world-card NUMBER:CVV:MM:YY
              (default 4111111111111111:123:12:30).

Faults. `--fault KIND` applies KIND to every gateway request; a single request
selects one with a magic value "FAULT-<kind>" in the argument every call has:
Pagsmile cardholder_name, PayerMax user_id, YabandPay order_id, WorldFirst
asset_id (e.g. cardholder_name="FAULT-reset"). An unknown kind is a parameter
error. The transport faults (delay ... redirect) apply whatever the request
holds; notjson, nosign, badsign and unknown shape the gateway's answer. Kinds:
  delay     sleep --delay-seconds (default 5, at most 300), then answer
  drip      send the headers, then the body one byte every 0.25 s
  reset     read the request, then reset the connection (RST, no answer)
  truncate  announce the full Content-Length, send half the body, close
  http500   HTTP 500
  http429   HTTP 429 with Retry-After: 7
  notjson   HTTP 200 with an HTML body (signed for PayerMax and WorldFirst)
  huge      HTTP 200 with a 10 MiB chunked body (no Content-Length)
  redirect  HTTP 307 to the same path on a second loopback listener that only
            counts connections and bytes received (it never answers)
  nosign    drop the response signature (PayerMax, WorldFirst; no-op others)
  badsign   send a well-formed but wrong response signature (same)
  unknown   WorldFirst: requests for one assetId alternate U
            (UNKNOWN_EXCEPTION), S, U, S ... (reset by reset-stats); no-op
            for the others
Declines: "DECLINE-<code>" in the same argument answers the gateway's failure
with that code after all checks pass: Pagsmile "DECLINE-508" ->
{"code":"508","info":"MERCHANT_STATUS_ISLOCK"}; PayerMax
"DECLINE-MERCHANT_INVALID"; YabandPay "DECLINE--2001"; WorldFirst
"DECLINE-USER_NOT_EXIST" (UNKNOWN_EXCEPTION and REQUEST_TRAFFIC_EXCEED_LIMIT
answer resultStatus U, other codes F).

Other options: `--latency S` delays every gateway answer by S seconds (at most
10; default 0). `--verbose` logs "METHOD PATH STATUS" lines to stderr (quiet by
default; card numbers, CVVs, bodies and keys are never logged).

Stats. A second plain-HTTP listener on 127.0.0.1 (`--stats-port`, default a
free port; its URL is "stats_url" in the config) serves GET /_sandbox/stats and
POST /_sandbox/reset-stats, so stats stay readable under the bad-TLS modes and
reading them never opens a connection on the main listener. The main listener
serves the same two paths too. Stats JSON:
  connections_accepted     TCP connections accepted by the main listener
  connections_closed       connections the sandbox has finished with
  open_connections         connections open now (a gauge, like in_flight:
                           not zeroed by reset-stats); 0 means everything
                           clients sent has been counted
  tls_handshake_failures   of which the TLS handshake failed (a client that
                           checks the host name, or with libcurl 8.2x the
                           chain, after the handshake just closes: no
                           failure counted)
  app_bytes_received       bytes read from clients on the main listener after
                           the TLS handshake (request lines, headers, bodies,
                           /_sandbox/ requests included): 0 after a client
                           refused the certificate means it sent nothing
  requests                 {path: count} of requests received (main listener,
                           /_sandbox/ paths excluded)
  requests_total, request_bodies_received (requests with a non-empty body),
  requests_on_new_connections (requests that were the first counted on their
  connection; the others came over a reused keep-alive connection),
  request_body_bytes, in_flight, max_in_flight, faults {kind: count},
  redirect_target          {"connections", "bytes_received"}
reset-stats zeroes all of them (and the `unknown` alternation state).

Notifications. `notify --gateway G --url URL [--config FILE] [--ca-file F]
[--form] [--token-object]` posts one correctly signed notification of gateway
G to URL, using the credentials and gateway keys of a running sandbox's config
file (PayerMax and WorldFirst need --config or --keys-dir; Pagsmile and
YabandPay fall back to the fixed credentials). YabandPay's
payment_token_object is posted as a JSON string, the documented form;
--token-object nests it as an object, signed as the gateway's PHP server
signs one (the literal "Array"). YabandPay values are signed as PHP's
(string) conversion, for requests and notifications alike. It checks the merchant's answer (`success`,
{"code":"SUCCESS"}, `ok`, and for WorldFirst a SUCCESS result signed with the
merchant key) and exits 0 when the answer is right, 1 otherwise. From Python:
send_notification(gateway, url, config) and build_notification(gateway,
config, url).

The sandbox stops cleanly on SIGTERM or SIGINT (exit status 0).
"""

# The package: one module per gateway (pagsmile, payermax, yabandpay,
# worldfirst; their registry in gateways), the shared server, stats, certs,
# faults, notify and cli modules. It imports nothing of the cardtoken core:
# every signature is made and checked with its own code.

from .certs import TLS_MODES
from .cli import main
from .faults import DRIP_INTERVAL, FAULT_KINDS, HUGE_BODY_SIZE, HUGE_CHUNK, MAX_DELAY
from .gateways import CREDENTIALS, PATHS, ROUTES, Gateways
from .notify import build_notification, send_notification
from .server import IDLE_TIMEOUT, MAX_LATENCY, MAX_REQUEST_BODY, TLS_HANDSHAKE_TIMEOUT, Sandbox
from .stats import MAX_UNKNOWN_STATE, Stats
from ._common import Reply
from . import pagsmile, payermax, worldfirst, yabandpay

PAGSMILE_MESSAGES = pagsmile.MESSAGES
PAYERMAX_MESSAGES = payermax.MESSAGES
PAYERMAX_WINDOW = payermax.WINDOW
YABANDPAY_MESSAGES = yabandpay.MESSAGES
WORLDFIRST_RESULTS = worldfirst.RESULTS
DEFAULT_WORLD_CARD = worldfirst.DEFAULT_CARD
pagsmile_sign = pagsmile.pagsmile_sign
yabandpay_sign = yabandpay.yabandpay_sign
worldfirst_content = worldfirst.worldfirst_content
worldfirst_signature_header = worldfirst.worldfirst_signature_header

__all__ = [
    "FAULT_KINDS",
    "CREDENTIALS",
    "PATHS",
    "main",
    "build_notification",
    "send_notification",
]
