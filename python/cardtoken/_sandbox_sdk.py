"""What the gateways' official SDKs send, accepted by cardtoken.sandbox as the
real gateways accept it (stdlib only, independent of the core)."""

import datetime
import re
import urllib.parse

# PayerMax envelope versions the SDKs send for inquirePaymentToken: the Go
# server SDK 1.1, the documented (PHP) 1.2, the Java SDK's default 1.4.
PAYERMAX_VERSIONS = ("1.1", "1.2", "1.4")

# WorldFirst response headers, in the lower case that both official clients
# (Alipay global-open-sdk Python and PHP) look up case-sensitively.
WF_CLIENT_ID = "client-id"
WF_RESPONSE_TIME = "response-time"
WF_SIGNATURE = "signature"

_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})\Z"
)


def parse_rfc3339(text):
    """An RFC 3339 date-time with an offset (any number of fraction digits,
    none included), as an aware datetime; None when it is not one."""
    if not isinstance(text, str):
        return None
    m = _RFC3339.match(text)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, off = m.groups()
    if off in ("Z", "z"):
        tz = datetime.timezone.utc
    else:
        oh, om = int(off[1:3]), int(off[4:6])
        if oh > 23 or om > 59:
            return None
        delta = datetime.timedelta(hours=oh, minutes=om)
        tz = datetime.timezone(delta if off[0] == "+" else -delta)
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro, tzinfo=tz)
    except ValueError:
        return None


def origin_path(target):
    """The path (and query) of a request target in origin form ("/p?q") or
    absolute form ("https://host:443/p?q", RFC 9112 3.2.2, as the Alipay
    Python SDK sends it); None for anything else."""
    if target.startswith("/"):
        return target
    parts = urllib.parse.urlsplit(target)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path or "/"
    return path + ("?" + parts.query if parts.query else "")
