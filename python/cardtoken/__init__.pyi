"""Type stubs of cardtoken (the C extension cardtoken._cardtoken and the
exceptions of cardtoken._errors, re-exported here).

Generated from the C core's description of itself; do not edit.
Regenerate with: make generate (scripts/gen_stubs.py, from build/c/ct_describe).
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any, NoReturn, TypeVar, final

_T = TypeVar("_T")

_Text = str | bytes
_Headers = Mapping[str, str] | Mapping[bytes, bytes] | Iterable[tuple[_Text, _Text]]
_Body = bytes | bytearray | memoryview | str

__all__ = [
    "Pagsmile",
    "PayerMax",
    "YabandPay",
    "WorldFirst",
    "AsyncPagsmile",
    "AsyncPayerMax",
    "AsyncYabandPay",
    "AsyncWorldFirst",
    "Request",
    "Notification",
    "CardTokenResult",
    "Payment",
    "Refund",
    "PaymentToken",
    "TokenApplication",
    "CardPayment",
    "CardSensitiveInfo",
    "WorldCard",
    "AccessToken",
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
    "Response",
    "CallRecord",
    "TRACE",
    "CURL_VERSION",
    "OPENSSL_VERSION",
    "__version__",
    "configure_cache",
    "doctor",
    "explain_signature",
    "CT_ERR_CLOSED",
    "CT_ERR_CONFIG",
    "CT_ERR_CONNECT",
    "CT_ERR_DNS",
    "CT_ERR_GATEWAY",
    "CT_ERR_HTTP_STATUS",
    "CT_ERR_INTERNAL",
    "CT_ERR_KEY",
    "CT_ERR_NETWORK",
    "CT_ERR_NOMEM",
    "CT_ERR_PROTOCOL",
    "CT_ERR_RATE_LIMITED",
    "CT_ERR_REDIRECT",
    "CT_ERR_RESULT_UNKNOWN",
    "CT_ERR_SERVER",
    "CT_ERR_SIGNATURE",
    "CT_ERR_TIMEOUT",
    "CT_ERR_TLS",
    "CT_ERR_TOO_LARGE",
    "CT_ERR_VALIDATION",
    "CT_OK",
]
__version__: str
CURL_VERSION: str
OPENSSL_VERSION: str

def configure_cache(
    *,
    persistent: bool | None = None,
    max_connections: int | None = None,
    idle_timeout: int | None = None,
) -> dict[str, Any]: ...

# The signature doctor (cardtoken._doctor, README "Signature doctor").
def doctor(
    gateway: str, config: Mapping[str, Any], *, online: bool = False, base_dir: str | None = None
) -> dict[str, Any]: ...
def explain_signature(
    gateway: str,
    config: Mapping[str, Any],
    operation: str,
    arguments: Mapping[str, Any],
    *,
    base_dir: str | None = None,
) -> dict[str, Any]: ...

# The core's error codes (Error.code); Error.name is the constant's name.
CT_OK: int
CT_ERR_NOMEM: int
CT_ERR_INTERNAL: int
CT_ERR_CONFIG: int
CT_ERR_KEY: int
CT_ERR_CLOSED: int
CT_ERR_VALIDATION: int
CT_ERR_DNS: int
CT_ERR_CONNECT: int
CT_ERR_TLS: int
CT_ERR_TIMEOUT: int
CT_ERR_NETWORK: int
CT_ERR_REDIRECT: int
CT_ERR_TOO_LARGE: int
CT_ERR_RATE_LIMITED: int
CT_ERR_SERVER: int
CT_ERR_PROTOCOL: int
CT_ERR_HTTP_STATUS: int
CT_ERR_SIGNATURE: int
CT_ERR_GATEWAY: int
CT_ERR_RESULT_UNKNOWN: int

# ---------------------------------------------------------------- errors

class Error(Exception):
    message: str
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
    response: Response | None
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
    ) -> None: ...

class ConfigurationError(Error, ValueError): ...
class ValidationError(Error, ValueError): ...
class TransportError(Error): ...
class ProtocolError(Error): ...
class SignatureError(Error): ...
class GatewayError(Error): ...
class ResultUnknownError(GatewayError): ...
class UnknownOptionError(ConfigurationError, TypeError): ...
class UnknownArgumentError(ValidationError, TypeError): ...
class OptionTypeError(ConfigurationError, TypeError): ...
class ArgumentTypeError(ValidationError, TypeError): ...

# ---------------------------------------------------------------- notifications

@final
class Notification(dict[str, Any]):
    """The verified content verify_notification() returns: a dict whose repr()/str()
    mask credentials and card numbers (README "raw"); its values are as received."""

# ---------------------------------------------------------------- requests

@final
class Request:
    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    @property
    def body(self) -> bytes: ...
    @property
    def request_id(self) -> str | None: ...
    def __reduce__(self) -> NoReturn: ...
    def __reduce_ex__(self, protocol: Any, /) -> NoReturn: ...

# ---------------------------------------------------------------- observing
# cardtoken._observe: the exchange of a call, and the on_call records.

TRACE: int

@final
class Response:
    status: int
    headers: tuple[tuple[str, str], ...]
    attempts: int
    elapsed: float
    def __init__(
        self, status: int, headers: tuple[tuple[str, str], ...], attempts: int, elapsed: float
    ) -> None: ...
    def header(self, name: str) -> str | None: ...

@final
class CallRecord(Mapping[str, Any]):
    def __init__(self, d: Mapping[str, Any]) -> None: ...
    def __getitem__(self, key: str) -> Any: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def __getattr__(self, name: str) -> Any: ...

# ---------------------------------------------------------------- results
# Immutable: every field is read-only.

class _Result:
    @property
    def _fields(self) -> tuple[str, ...]: ...
    @property
    def response(self) -> Response | None: ...
    def _asdict(self) -> dict[str, Any]: ...
    def __reduce__(self) -> NoReturn: ...
    def __reduce_ex__(self, protocol: Any, /) -> NoReturn: ...

@final
class CardTokenResult(_Result):
    token: str
    first_six_digits: str
    last_four_digits: str
    expiration_month: int
    expiration_year: int
    cardholder_name: str
    payment_method_id: str | None

@final
class Payment(_Result):
    status: str
    gateway_status: str
    order_id: str | None
    trade_id: str | None
    amount: str | None
    currency: str | None
    redirect_url: str | None
    payment_token_id: str | None
    raw: Mapping[str, Any]

@final
class Refund(_Result):
    status: str
    gateway_status: str | None
    refund_id: str | None
    merchant_refund_id: str | None
    trade_id: str | None
    amount: str | None
    currency: str | None
    raw: Mapping[str, Any]

@final
class PaymentToken(_Result):
    payment_token_id: str | None
    user_id: str | None
    token_scope: str | None
    payment_token_expiry: str | None
    payment_token_status: str | None
    card_info: str | None
    if_cvv: str | None
    brand: str | None
    payment_method_type: str | None
    target_org: str | None
    account_display: str | None
    referral_code: str | None

@final
class TokenApplication(_Result):
    request_id: str | None
    status: str
    gateway_status: str
    redirect_url: str | None
    payment_token_id: str | None
    raw: Mapping[str, Any]

@final
class CardPayment(_Result):
    order_id: str | None
    trade_id: str | None
    amount: str | None
    currency: str | None
    url: str | None
    state: str | None
    response_id: str | None
    request_id: str | None

@final
class CardSensitiveInfo(_Result):
    asset_id: str | None
    account_id: str | None
    card_no: str | None
    cvv: str | None
    expired_month: str | None
    expired_year: str | None

@final
class WorldCard(_Result):
    asset_id: str | None
    account_id: str | None
    card_status: str | None
    status: str | None
    masked_card_no: str | None
    card_nick_name: str | None
    card_brand: str | None
    created_time: str | None
    request_id: str | None
    raw: Mapping[str, Any]

@final
class AccessToken(_Result):
    access_token: str
    expire_time: str | None
    refresh_token: str | None
    refresh_token_expire_time: str | None

# ---------------------------------------------------------------- clients

class _Client:
    @property
    def closed(self) -> bool: ...
    @property
    def gateway(self) -> str: ...
    def close(self) -> None: ...
    def __enter__(self: _T) -> _T: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
        /,
    ) -> bool: ...
    def __reduce__(self) -> NoReturn: ...
    def __reduce_ex__(self, protocol: Any, /) -> NoReturn: ...

@final
class Pagsmile(_Client):
    def __new__(
        cls,
        *,
        merchant_no: str,
        app_id: str,
        app_key: str,
        escape_slashes: bool | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> Pagsmile: ...
    def get_card_token(
        self,
        *,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
    ) -> CardTokenResult: ...
    def build_get_card_token(
        self,
        *,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
    ) -> Request: ...
    def parse_get_card_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> CardTokenResult: ...
    def pay_with_token(self, *, payment: dict[str, Any], customer: dict[str, Any]) -> Payment: ...
    def build_pay_with_token(
        self, *, payment: dict[str, Any], customer: dict[str, Any]
    ) -> Request: ...
    def parse_pay_with_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    def query_order(
        self, *, trade_no: str | None = None, out_trade_no: str | None = None
    ) -> Payment: ...
    def build_query_order(
        self, *, trade_no: str | None = None, out_trade_no: str | None = None
    ) -> Request: ...
    def parse_query_order(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    def refund(self, *, trade_no: str, method: str | None = None) -> Refund: ...
    def build_refund(self, *, trade_no: str, method: str | None = None) -> Request: ...
    def parse_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def apply_refund(
        self,
        *,
        trade_no: str,
        out_request_no: str,
        email: str,
        refund_amount: str,
        description: str | None = None,
        bank_info: str | None = None,
        name: str | None = None,
        cpf_no: str | None = None,
        bank_id: str | None = None,
        bank_name: str | None = None,
        agency: str | None = None,
        account_no: str | None = None,
        account_type: int | None = None,
    ) -> Refund: ...
    def build_apply_refund(
        self,
        *,
        trade_no: str,
        out_request_no: str,
        email: str,
        refund_amount: str,
        description: str | None = None,
        bank_info: str | None = None,
        name: str | None = None,
        cpf_no: str | None = None,
        bank_id: str | None = None,
        bank_name: str | None = None,
        agency: str | None = None,
        account_no: str | None = None,
        account_type: int | None = None,
    ) -> Request: ...
    def parse_apply_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def verify_notification(self, fields: Mapping[str, Any]) -> Notification: ...
    def notification_ack(self) -> str: ...

@final
class PayerMax(_Client):
    def __new__(
        cls,
        *,
        app_id: str,
        merchant_no: str,
        private_key: str,
        gateway_public_key: str,
        key_version: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> PayerMax: ...
    def inquire_payment_token(
        self,
        *,
        user_id: str,
        token_scope: str | None = None,
        payment_token_id: str | None = None,
        payment_method_type: str | None = None,
        target_org: str | None = None,
        card_org: str | None = None,
        referral_code: str | None = None,
    ) -> list[PaymentToken]: ...
    def build_inquire_payment_token(
        self,
        *,
        user_id: str,
        token_scope: str | None = None,
        payment_token_id: str | None = None,
        payment_method_type: str | None = None,
        target_org: str | None = None,
        card_org: str | None = None,
        referral_code: str | None = None,
    ) -> Request: ...
    def parse_inquire_payment_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> list[PaymentToken]: ...
    def pay_with_token(
        self,
        *,
        out_trade_no: str,
        subject: str,
        total_amount: str,
        currency: str,
        country: str,
        user_id: str,
        payment_detail: dict[str, Any],
        terminal_type: str,
        front_callback_url: str,
        expire_time: str | None = None,
        referral_code: str | None = None,
        mit_management_url: str | None = None,
        subscription_plan: dict[str, Any] | None = None,
        goods_details: list[Any] | None = None,
        sub_merchant: dict[str, Any] | None = None,
        shipping_info: dict[str, Any] | None = None,
        billing_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        language: str | None = None,
        risk_params: dict[str, Any] | None = None,
        os_type: str | None = None,
        reference: str | None = None,
        notify_url: str | None = None,
    ) -> Payment: ...
    def build_pay_with_token(
        self,
        *,
        out_trade_no: str,
        subject: str,
        total_amount: str,
        currency: str,
        country: str,
        user_id: str,
        payment_detail: dict[str, Any],
        terminal_type: str,
        front_callback_url: str,
        expire_time: str | None = None,
        referral_code: str | None = None,
        mit_management_url: str | None = None,
        subscription_plan: dict[str, Any] | None = None,
        goods_details: list[Any] | None = None,
        sub_merchant: dict[str, Any] | None = None,
        shipping_info: dict[str, Any] | None = None,
        billing_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        language: str | None = None,
        risk_params: dict[str, Any] | None = None,
        os_type: str | None = None,
        reference: str | None = None,
        notify_url: str | None = None,
    ) -> Request: ...
    def parse_pay_with_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    def apply_payment_token(
        self,
        *,
        request_id: str,
        country: str,
        payment_method_type: str,
        user_id: str,
        front_callback_url: str,
        target_org: str | None = None,
        mit_type: str | None = None,
        card_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        risk_params: dict[str, Any] | None = None,
    ) -> TokenApplication: ...
    def build_apply_payment_token(
        self,
        *,
        request_id: str,
        country: str,
        payment_method_type: str,
        user_id: str,
        front_callback_url: str,
        target_org: str | None = None,
        mit_type: str | None = None,
        card_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        risk_params: dict[str, Any] | None = None,
    ) -> Request: ...
    def parse_apply_payment_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> TokenApplication: ...
    def inquire_apply_request(self, *, user_id: str, request_id: str) -> TokenApplication: ...
    def build_inquire_apply_request(self, *, user_id: str, request_id: str) -> Request: ...
    def parse_inquire_apply_request(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> TokenApplication: ...
    def remove_payment_token(
        self, *, user_id: str, payment_token_id: str, remove_reason: str | None = None
    ) -> PaymentToken: ...
    def build_remove_payment_token(
        self, *, user_id: str, payment_token_id: str, remove_reason: str | None = None
    ) -> Request: ...
    def parse_remove_payment_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> PaymentToken: ...
    def query_order(self, *, out_trade_no: str) -> Payment: ...
    def build_query_order(self, *, out_trade_no: str) -> Request: ...
    def parse_query_order(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    def refund(
        self,
        *,
        out_refund_no: str,
        refund_amount: str,
        refund_currency: str,
        out_trade_no: str | None = None,
        trade_token: str | None = None,
        comments: str | None = None,
        refund_notify_url: str | None = None,
    ) -> Refund: ...
    def build_refund(
        self,
        *,
        out_refund_no: str,
        refund_amount: str,
        refund_currency: str,
        out_trade_no: str | None = None,
        trade_token: str | None = None,
        comments: str | None = None,
        refund_notify_url: str | None = None,
    ) -> Request: ...
    def parse_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def query_refund(self, *, out_refund_no: str, refund_trade_no: str | None = None) -> Refund: ...
    def build_query_refund(
        self, *, out_refund_no: str, refund_trade_no: str | None = None
    ) -> Request: ...
    def parse_query_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def verify_notification(
        self, body: _Body, sign: _Body | None, *, max_age: float | None = None
    ) -> Notification: ...
    def notification_ack(self) -> str: ...

@final
class YabandPay(_Client):
    def __new__(
        cls,
        *,
        user: str,
        secret_key: str,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> YabandPay: ...
    def create_card_token(
        self,
        *,
        order_id: str,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
        email: str,
        currency: str,
        description: str,
        notify_url: str,
        operation: str | None = None,
        amount: str | None = None,
        token_type: str | None = None,
        three_ds_initiate: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> CardPayment: ...
    def build_create_card_token(
        self,
        *,
        order_id: str,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
        email: str,
        currency: str,
        description: str,
        notify_url: str,
        operation: str | None = None,
        amount: str | None = None,
        token_type: str | None = None,
        three_ds_initiate: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> Request: ...
    def parse_create_card_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> CardPayment: ...
    def pay_with_token(
        self,
        *,
        order_id: str,
        amount: str,
        currency: str,
        payment_token_object: str,
        description: str,
        token_type: str,
        notify_url: str,
        operation: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        three_ds_initiate: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> Payment: ...
    def build_pay_with_token(
        self,
        *,
        order_id: str,
        amount: str,
        currency: str,
        payment_token_object: str,
        description: str,
        token_type: str,
        notify_url: str,
        operation: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        three_ds_initiate: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> Request: ...
    def parse_pay_with_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    def query_order(self, *, trade_id: str) -> Payment: ...
    def build_query_order(self, *, trade_id: str) -> Request: ...
    def parse_query_order(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    def refund(
        self,
        *,
        trade_id: str,
        refund_amount: str,
        refund_currency: str,
        refund_description: str,
        m_refund_id: str | None = None,
        notify_url: str | None = None,
    ) -> Refund: ...
    def build_refund(
        self,
        *,
        trade_id: str,
        refund_amount: str,
        refund_currency: str,
        refund_description: str,
        m_refund_id: str | None = None,
        notify_url: str | None = None,
    ) -> Request: ...
    def parse_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def query_refund(self, *, refund_id: str) -> Refund: ...
    def build_query_refund(self, *, refund_id: str) -> Request: ...
    def parse_query_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def verify_notification(self, body: _Body) -> Notification: ...
    def notification_ack(self) -> str: ...

@final
class WorldFirst(_Client):
    def __new__(
        cls,
        *,
        client_id: str,
        private_key: str,
        gateway_public_key: str,
        key_version: str | None = None,
        access_token: str | None = None,
        connected_account_id: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> WorldFirst: ...
    def query_card_sensitive_info(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> CardSensitiveInfo: ...
    def build_query_card_sensitive_info(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> Request: ...
    def parse_query_card_sensitive_info(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> CardSensitiveInfo: ...
    def query_card_detail(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> WorldCard: ...
    def build_query_card_detail(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> Request: ...
    def parse_query_card_detail(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    def apply_card(
        self,
        *,
        request_id: str,
        card_holder_id: str,
        email: str,
        mobile_number: str,
        bill_address: dict[str, Any],
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> WorldCard: ...
    def build_apply_card(
        self,
        *,
        request_id: str,
        card_holder_id: str,
        email: str,
        mobile_number: str,
        bill_address: dict[str, Any],
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_apply_card(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    def update_card(
        self,
        *,
        request_id: str,
        asset_id: str,
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        card_holder_id: str | None = None,
        email: str | None = None,
        mobile_number: str | None = None,
        bill_address: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> WorldCard: ...
    def build_update_card(
        self,
        *,
        request_id: str,
        asset_id: str,
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        card_holder_id: str | None = None,
        email: str | None = None,
        mobile_number: str | None = None,
        bill_address: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_update_card(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    def update_card_status(
        self,
        *,
        request_id: str,
        asset_id: str,
        operate_type: str,
        env: dict[str, Any],
        retry_attempt: int | None = None,
    ) -> WorldCard: ...
    def build_update_card_status(
        self,
        *,
        request_id: str,
        asset_id: str,
        operate_type: str,
        env: dict[str, Any],
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_update_card_status(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    def apply_token(
        self,
        *,
        grant_type: str,
        auth_code: str | None = None,
        refresh_token: str | None = None,
        retry_attempt: int | None = None,
    ) -> AccessToken: ...
    def build_apply_token(
        self,
        *,
        grant_type: str,
        auth_code: str | None = None,
        refresh_token: str | None = None,
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_apply_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> AccessToken: ...
    def verify_notification(
        self, path: str, headers: _Headers, body: _Body, *, max_age: float | None = None
    ) -> Notification: ...
    def notification_ack(self, path: str) -> tuple[list[tuple[str, str]], str]: ...

# ---------------------------------------------------------------- asyncio clients

class _AsyncClient:
    @property
    def closed(self) -> bool: ...
    @property
    def gateway(self) -> str: ...
    async def aclose(self) -> None: ...
    async def __aenter__(self: _T) -> _T: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
        /,
    ) -> bool: ...
    def __reduce__(self) -> NoReturn: ...

@final
class AsyncPagsmile(_AsyncClient):
    def __init__(
        self,
        *,
        merchant_no: str,
        app_id: str,
        app_key: str,
        escape_slashes: bool | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> None: ...
    async def get_card_token(
        self,
        *,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
    ) -> CardTokenResult: ...
    def build_get_card_token(
        self,
        *,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
    ) -> Request: ...
    def parse_get_card_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> CardTokenResult: ...
    async def pay_with_token(self, *, payment: dict[str, Any], customer: dict[str, Any]) -> Payment: ...
    def build_pay_with_token(
        self, *, payment: dict[str, Any], customer: dict[str, Any]
    ) -> Request: ...
    def parse_pay_with_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    async def query_order(
        self, *, trade_no: str | None = None, out_trade_no: str | None = None
    ) -> Payment: ...
    def build_query_order(
        self, *, trade_no: str | None = None, out_trade_no: str | None = None
    ) -> Request: ...
    def parse_query_order(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    async def refund(self, *, trade_no: str, method: str | None = None) -> Refund: ...
    def build_refund(self, *, trade_no: str, method: str | None = None) -> Request: ...
    def parse_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    async def apply_refund(
        self,
        *,
        trade_no: str,
        out_request_no: str,
        email: str,
        refund_amount: str,
        description: str | None = None,
        bank_info: str | None = None,
        name: str | None = None,
        cpf_no: str | None = None,
        bank_id: str | None = None,
        bank_name: str | None = None,
        agency: str | None = None,
        account_no: str | None = None,
        account_type: int | None = None,
    ) -> Refund: ...
    def build_apply_refund(
        self,
        *,
        trade_no: str,
        out_request_no: str,
        email: str,
        refund_amount: str,
        description: str | None = None,
        bank_info: str | None = None,
        name: str | None = None,
        cpf_no: str | None = None,
        bank_id: str | None = None,
        bank_name: str | None = None,
        agency: str | None = None,
        account_no: str | None = None,
        account_type: int | None = None,
    ) -> Request: ...
    def parse_apply_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def verify_notification(self, fields: Mapping[str, Any]) -> Notification: ...
    def notification_ack(self) -> str: ...

@final
class AsyncPayerMax(_AsyncClient):
    def __init__(
        self,
        *,
        app_id: str,
        merchant_no: str,
        private_key: str,
        gateway_public_key: str,
        key_version: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> None: ...
    async def inquire_payment_token(
        self,
        *,
        user_id: str,
        token_scope: str | None = None,
        payment_token_id: str | None = None,
        payment_method_type: str | None = None,
        target_org: str | None = None,
        card_org: str | None = None,
        referral_code: str | None = None,
    ) -> list[PaymentToken]: ...
    def build_inquire_payment_token(
        self,
        *,
        user_id: str,
        token_scope: str | None = None,
        payment_token_id: str | None = None,
        payment_method_type: str | None = None,
        target_org: str | None = None,
        card_org: str | None = None,
        referral_code: str | None = None,
    ) -> Request: ...
    def parse_inquire_payment_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> list[PaymentToken]: ...
    async def pay_with_token(
        self,
        *,
        out_trade_no: str,
        subject: str,
        total_amount: str,
        currency: str,
        country: str,
        user_id: str,
        payment_detail: dict[str, Any],
        terminal_type: str,
        front_callback_url: str,
        expire_time: str | None = None,
        referral_code: str | None = None,
        mit_management_url: str | None = None,
        subscription_plan: dict[str, Any] | None = None,
        goods_details: list[Any] | None = None,
        sub_merchant: dict[str, Any] | None = None,
        shipping_info: dict[str, Any] | None = None,
        billing_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        language: str | None = None,
        risk_params: dict[str, Any] | None = None,
        os_type: str | None = None,
        reference: str | None = None,
        notify_url: str | None = None,
    ) -> Payment: ...
    def build_pay_with_token(
        self,
        *,
        out_trade_no: str,
        subject: str,
        total_amount: str,
        currency: str,
        country: str,
        user_id: str,
        payment_detail: dict[str, Any],
        terminal_type: str,
        front_callback_url: str,
        expire_time: str | None = None,
        referral_code: str | None = None,
        mit_management_url: str | None = None,
        subscription_plan: dict[str, Any] | None = None,
        goods_details: list[Any] | None = None,
        sub_merchant: dict[str, Any] | None = None,
        shipping_info: dict[str, Any] | None = None,
        billing_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        language: str | None = None,
        risk_params: dict[str, Any] | None = None,
        os_type: str | None = None,
        reference: str | None = None,
        notify_url: str | None = None,
    ) -> Request: ...
    def parse_pay_with_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    async def apply_payment_token(
        self,
        *,
        request_id: str,
        country: str,
        payment_method_type: str,
        user_id: str,
        front_callback_url: str,
        target_org: str | None = None,
        mit_type: str | None = None,
        card_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        risk_params: dict[str, Any] | None = None,
    ) -> TokenApplication: ...
    def build_apply_payment_token(
        self,
        *,
        request_id: str,
        country: str,
        payment_method_type: str,
        user_id: str,
        front_callback_url: str,
        target_org: str | None = None,
        mit_type: str | None = None,
        card_info: dict[str, Any] | None = None,
        env_info: dict[str, Any] | None = None,
        risk_params: dict[str, Any] | None = None,
    ) -> Request: ...
    def parse_apply_payment_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> TokenApplication: ...
    async def inquire_apply_request(self, *, user_id: str, request_id: str) -> TokenApplication: ...
    def build_inquire_apply_request(self, *, user_id: str, request_id: str) -> Request: ...
    def parse_inquire_apply_request(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> TokenApplication: ...
    async def remove_payment_token(
        self, *, user_id: str, payment_token_id: str, remove_reason: str | None = None
    ) -> PaymentToken: ...
    def build_remove_payment_token(
        self, *, user_id: str, payment_token_id: str, remove_reason: str | None = None
    ) -> Request: ...
    def parse_remove_payment_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> PaymentToken: ...
    async def query_order(self, *, out_trade_no: str) -> Payment: ...
    def build_query_order(self, *, out_trade_no: str) -> Request: ...
    def parse_query_order(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    async def refund(
        self,
        *,
        out_refund_no: str,
        refund_amount: str,
        refund_currency: str,
        out_trade_no: str | None = None,
        trade_token: str | None = None,
        comments: str | None = None,
        refund_notify_url: str | None = None,
    ) -> Refund: ...
    def build_refund(
        self,
        *,
        out_refund_no: str,
        refund_amount: str,
        refund_currency: str,
        out_trade_no: str | None = None,
        trade_token: str | None = None,
        comments: str | None = None,
        refund_notify_url: str | None = None,
    ) -> Request: ...
    def parse_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    async def query_refund(self, *, out_refund_no: str, refund_trade_no: str | None = None) -> Refund: ...
    def build_query_refund(
        self, *, out_refund_no: str, refund_trade_no: str | None = None
    ) -> Request: ...
    def parse_query_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def verify_notification(
        self, body: _Body, sign: _Body | None, *, max_age: float | None = None
    ) -> Notification: ...
    def notification_ack(self) -> str: ...

@final
class AsyncYabandPay(_AsyncClient):
    def __init__(
        self,
        *,
        user: str,
        secret_key: str,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> None: ...
    async def create_card_token(
        self,
        *,
        order_id: str,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
        email: str,
        currency: str,
        description: str,
        notify_url: str,
        operation: str | None = None,
        amount: str | None = None,
        token_type: str | None = None,
        three_ds_initiate: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> CardPayment: ...
    def build_create_card_token(
        self,
        *,
        order_id: str,
        card_number: str,
        security_code: str,
        expiration_month: str,
        expiration_year: str,
        cardholder_name: str,
        email: str,
        currency: str,
        description: str,
        notify_url: str,
        operation: str | None = None,
        amount: str | None = None,
        token_type: str | None = None,
        three_ds_initiate: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> Request: ...
    def parse_create_card_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> CardPayment: ...
    async def pay_with_token(
        self,
        *,
        order_id: str,
        amount: str,
        currency: str,
        payment_token_object: str,
        description: str,
        token_type: str,
        notify_url: str,
        operation: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        three_ds_initiate: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> Payment: ...
    def build_pay_with_token(
        self,
        *,
        order_id: str,
        amount: str,
        currency: str,
        payment_token_object: str,
        description: str,
        token_type: str,
        notify_url: str,
        operation: str | None = None,
        order_timeout: int | None = None,
        request_id: str | None = None,
        redirect_url: str | None = None,
        three_ds_initiate: str | None = None,
        form_type: str | None = None,
        demo: str | None = None,
        sca_exemption: str | None = None,
    ) -> Request: ...
    def parse_pay_with_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    async def query_order(self, *, trade_id: str) -> Payment: ...
    def build_query_order(self, *, trade_id: str) -> Request: ...
    def parse_query_order(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Payment: ...
    async def refund(
        self,
        *,
        trade_id: str,
        refund_amount: str,
        refund_currency: str,
        refund_description: str,
        m_refund_id: str | None = None,
        notify_url: str | None = None,
    ) -> Refund: ...
    def build_refund(
        self,
        *,
        trade_id: str,
        refund_amount: str,
        refund_currency: str,
        refund_description: str,
        m_refund_id: str | None = None,
        notify_url: str | None = None,
    ) -> Request: ...
    def parse_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    async def query_refund(self, *, refund_id: str) -> Refund: ...
    def build_query_refund(self, *, refund_id: str) -> Request: ...
    def parse_query_refund(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> Refund: ...
    def verify_notification(self, body: _Body) -> Notification: ...
    def notification_ack(self) -> str: ...

@final
class AsyncWorldFirst(_AsyncClient):
    def __init__(
        self,
        *,
        client_id: str,
        private_key: str,
        gateway_public_key: str,
        key_version: str | None = None,
        access_token: str | None = None,
        connected_account_id: str | None = None,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        ca_file: str | None = None,
        proxy: str | None = None,
        max_retries: int | None = None,
        persistent: bool | None = None,
        fixed_time: str | None = None,
        on_call: Callable[[CallRecord], object] | None = None,
    ) -> None: ...
    async def query_card_sensitive_info(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> CardSensitiveInfo: ...
    def build_query_card_sensitive_info(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> Request: ...
    def parse_query_card_sensitive_info(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> CardSensitiveInfo: ...
    async def query_card_detail(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> WorldCard: ...
    def build_query_card_detail(
        self, *, asset_id: str, retry_attempt: int | None = None
    ) -> Request: ...
    def parse_query_card_detail(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    async def apply_card(
        self,
        *,
        request_id: str,
        card_holder_id: str,
        email: str,
        mobile_number: str,
        bill_address: dict[str, Any],
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> WorldCard: ...
    def build_apply_card(
        self,
        *,
        request_id: str,
        card_holder_id: str,
        email: str,
        mobile_number: str,
        bill_address: dict[str, Any],
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_apply_card(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    async def update_card(
        self,
        *,
        request_id: str,
        asset_id: str,
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        card_holder_id: str | None = None,
        email: str | None = None,
        mobile_number: str | None = None,
        bill_address: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> WorldCard: ...
    def build_update_card(
        self,
        *,
        request_id: str,
        asset_id: str,
        card_nick_name: str | None = None,
        note: str | None = None,
        authorization_control: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        card_holder_id: str | None = None,
        email: str | None = None,
        mobile_number: str | None = None,
        bill_address: dict[str, Any] | None = None,
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_update_card(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    async def update_card_status(
        self,
        *,
        request_id: str,
        asset_id: str,
        operate_type: str,
        env: dict[str, Any],
        retry_attempt: int | None = None,
    ) -> WorldCard: ...
    def build_update_card_status(
        self,
        *,
        request_id: str,
        asset_id: str,
        operate_type: str,
        env: dict[str, Any],
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_update_card_status(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> WorldCard: ...
    async def apply_token(
        self,
        *,
        grant_type: str,
        auth_code: str | None = None,
        refresh_token: str | None = None,
        retry_attempt: int | None = None,
    ) -> AccessToken: ...
    def build_apply_token(
        self,
        *,
        grant_type: str,
        auth_code: str | None = None,
        refresh_token: str | None = None,
        retry_attempt: int | None = None,
    ) -> Request: ...
    def parse_apply_token(
        self, status: int, headers: _Headers, body: _Body, *, request: Request | None = None
    ) -> AccessToken: ...
    def verify_notification(
        self, path: str, headers: _Headers, body: _Body, *, max_age: float | None = None
    ) -> Notification: ...
    def notification_ack(self, path: str) -> tuple[list[tuple[str, str]], str]: ...
