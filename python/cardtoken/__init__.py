"""cardtoken: the card-vault calls of Pagsmile, PayerMax, YabandPay and WorldFirst.

Each client validates, signs, sends, verifies and parses one gateway's call in
a C core (the extension module cardtoken._cardtoken):

    with cardtoken.Pagsmile(merchant_no="...", app_id="...", app_key="...",
                            environment="sandbox") as client:
        result = client.get_card_token(card_number="...", security_code="...",
                                       expiration_month="12", expiration_year="2030",
                                       cardholder_name="...")

Every operation also exists as build_<op>() (a signed cardtoken.Request to
send with any HTTP client) and parse_<op>(status, headers, body). See
README.md ("Quick start", "Options") and, for every operation, its arguments
and results, docs/operations.md. The asyncio clients (AsyncPagsmile, ...) have
the same options and operations as coroutines (README, "asyncio").
"""

from . import _errors
from ._errors import *  # noqa: F401,F403 (the exception classes)
from . import _cardtoken
from ._cardtoken import CURL_VERSION, OPENSSL_VERSION, Request, __version__, configure_cache
from ._observe import TRACE, CallRecord, Response  # README "Debugging and observability"
from ._doctor import doctor, explain_signature  # README "Signature doctor"

# The client classes (one per gateway) and the result classes are made by the
# extension from the core's description of itself: re-exported as they are,
# so a new gateway or operation needs no edit here. The core's error codes
# (CT_OK, CT_ERR_TIMEOUT, ...) are the values of Error.code; Error.name is
# the name.
_CLASSES = [
    k for k, v in vars(_cardtoken).items() if isinstance(v, type) and not k.startswith("_") and k != "Request"
]
globals().update({k: getattr(_cardtoken, k) for k in _CLASSES})
globals().update({k: v for k, v in vars(_cardtoken).items() if k.startswith("CT_")})

# The asyncio clients (Async<Name>), one per client class, made from the same
# description (cardtoken._aio): their operations are coroutines.
from . import _aio  # noqa: E402

_ASYNC = []
for _k in list(_CLASSES):
    try:
        _cardtoken._operations(getattr(_cardtoken, _k))
    except TypeError:
        continue  # not a client class
    globals()["Async" + _k] = _aio.make_async_class(getattr(_cardtoken, _k))
    _ASYNC.append("Async" + _k)
del _k

__all__ = (
    _CLASSES
    + _ASYNC
    + [
        "Request",
        *_errors.__all__,
        "Response",
        "CallRecord",
        "TRACE",
        "CURL_VERSION",
        "OPENSSL_VERSION",
        "__version__",
        "configure_cache",
        "doctor",
        "explain_signature",
    ]
    + sorted(k for k in vars(_cardtoken) if k.startswith("CT_"))
)
