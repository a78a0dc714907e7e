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
README.md, "Quick start" and "Options".
"""

from ._errors import (
    ConfigurationError,
    Error,
    GatewayError,
    ProtocolError,
    ResultUnknownError,
    SignatureError,
    TransportError,
    UnknownArgumentError,
    UnknownOptionError,
    ValidationError,
)
from . import _cardtoken
from ._cardtoken import (
    CURL_VERSION,
    OPENSSL_VERSION,
    CardPayment,
    CardSensitiveInfo,
    CardTokenResult,
    Pagsmile,
    PayerMax,
    PaymentToken,
    Request,
    WorldFirst,
    YabandPay,
    __version__,
)

# The core's error codes, by their C names (CT_OK, CT_ERR_TIMEOUT, ...): the
# values of Error.code; Error.name is the name.
globals().update({k: v for k, v in vars(_cardtoken).items() if k.startswith("CT_")})

__all__ = [
    "Pagsmile",
    "PayerMax",
    "YabandPay",
    "WorldFirst",
    "Request",
    "CardTokenResult",
    "PaymentToken",
    "CardPayment",
    "CardSensitiveInfo",
    "Error",
    "ConfigurationError",
    "ValidationError",
    "TransportError",
    "ProtocolError",
    "SignatureError",
    "GatewayError",
    "ResultUnknownError",
    "UnknownOptionError",
    "UnknownArgumentError",
    "CURL_VERSION",
    "OPENSSL_VERSION",
    "__version__",
] + sorted(k for k in vars(_cardtoken) if k.startswith("CT_"))
