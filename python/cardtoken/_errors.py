"""The exceptions cardtoken raises.

The C extension maps each core error code to one of these classes by its
category (see _cardtoken_errors.c, raise_ct_ex). Every instance carries every
attribute; those that do not apply are None (or False). No message or
attribute ever holds a card number, a CVV, a key or a secret.
"""

from __future__ import annotations

from typing import Any

__all__ = [
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
    "OptionTypeError",
    "ArgumentTypeError",
]


class Error(Exception):
    """Base of every cardtoken error.

    Attributes: code (the C error code, an int), name ("CT_ERR_TIMEOUT"),
    gateway ("pagsmile", ... or None), field (the option or argument at
    fault), retryable, outcome_unknown, http_status, gateway_code,
    gateway_message, retry_after (seconds, or None), response (the HTTP
    exchange, a cardtoken.Response, when an answer came; else None).
    """

    code: int
    name: str
    gateway: str | None
    field: str | None
    retryable: bool
    outcome_unknown: bool
    http_status: int | None
    gateway_code: str | None
    gateway_message: str | None
    retry_after: float | None
    #: the HTTP exchange (cardtoken.Response) when the error came after an
    #: answer from the gateway, else None.
    response: Any = None

    def __init__(
        self,
        message: str = "",
        *,
        code: int = 2,
        name: str = "CT_ERR_INTERNAL",
        gateway: str | None = None,
        field: str | None = None,
        retryable: bool = False,
        outcome_unknown: bool = False,
        http_status: int | None = None,
        gateway_code: str | None = None,
        gateway_message: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.name = name
        self.gateway = gateway
        self.field = field
        self.retryable = retryable
        self.outcome_unknown = outcome_unknown
        self.http_status = http_status
        self.gateway_code = gateway_code
        self.gateway_message = gateway_message
        self.retry_after = retry_after


class ConfigurationError(Error, ValueError):
    """A missing or malformed client option or key (raised by the constructor),
    or a call on a closed client (CT_ERR_CLOSED)."""


class ValidationError(Error, ValueError):
    """An operation argument is invalid; found before anything is sent. See `field`."""


class TransportError(Error):
    """No usable HTTP exchange: DNS, connect, TLS, timeout, reset, redirect refused,
    response too large, HTTP 429 or 5xx. See `retryable` and `outcome_unknown`."""


class ProtocolError(Error):
    """A response that is not what the gateway documents. See `http_status`."""


class SignatureError(Error):
    """A response or notification whose signature is missing or wrong."""


class GatewayError(Error):
    """The gateway answered with a failure. See `gateway_code`, `gateway_message`."""


class ResultUnknownError(GatewayError):
    """The gateway said the outcome is unknown (WorldFirst "U"); query again after
    `retry_after` seconds (None: stop and contact the gateway)."""


class UnknownOptionError(ConfigurationError, TypeError):
    """A client option name the gateway does not have (CT_ERR_CONFIG naming it).
    Also a TypeError, as for any unexpected keyword argument."""


class UnknownArgumentError(ValidationError, TypeError):
    """An operation argument name the operation does not have (CT_ERR_VALIDATION
    naming it). Also a TypeError, as for any unexpected keyword argument."""


class OptionTypeError(ConfigurationError, TypeError):
    """A client option of the wrong Python type (CT_ERR_CONFIG naming it). Also
    a TypeError, as for any argument of the wrong type."""


class ArgumentTypeError(ValidationError, TypeError):
    """An operation argument (or notification input) of the wrong Python type
    (CT_ERR_VALIDATION naming it). Also a TypeError, as for any argument of the
    wrong type."""


class OutOfMemoryError(Error, MemoryError):
    """The core ran out of memory (CT_ERR_NOMEM): a MemoryError and a cardtoken.Error."""


for _cls in (
    Error,
    ConfigurationError,
    ValidationError,
    TransportError,
    ProtocolError,
    SignatureError,
    GatewayError,
    ResultUnknownError,
    UnknownOptionError,
    UnknownArgumentError,
):
    _cls.__module__ = "cardtoken"
del _cls
