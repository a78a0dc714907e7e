<?php

/**
 * The PHP signatures of the cardtoken extension: generated from the C
 * core's description of itself; do not edit.
 * Regenerate with: make generate (scripts/gen_stubs.py, from build/c/ct_describe);
 * cardtoken_arginfo.h is then generated from this file by PHP's
 * build/gen_stub.php (php/build.sh gen-arginfo) and committed;
 * php/build.sh check-arginfo fails when the two disagree.
 *
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace CardToken {

    /** The C core's version, e.g. "0.1.0". */
    function version(): string {}

    /**
     * @strict-properties
     * @not-serializable
     */
    final class Pagsmile
    {
        /**
         * $options: the options of docs/operations.md, and the shim's own:
         * 'logger' => an object with log($level, $message, array $context)
         * (PSR-3 style; no psr/log needed): one 'debug' line per attempt and
         * per call; 'log_bodies' => true: the masked bodies too; 'on_call' =>
         * a callable given each record (an array). README "Debugging and
         * observability".
         */
        public function __construct(#[\SensitiveParameter] array $options) {}

        public function getCardToken(#[\SensitiveParameter] array $args): CardTokenResult {}

        public function buildGetCardToken(#[\SensitiveParameter] array $args): Request {}

        public function parseGetCardToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): CardTokenResult {}

        public function payWithToken(#[\SensitiveParameter] array $args): Payment {}

        public function buildPayWithToken(#[\SensitiveParameter] array $args): Request {}

        public function parsePayWithToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Payment {}

        public function queryOrder(#[\SensitiveParameter] array $args): Payment {}

        public function buildQueryOrder(#[\SensitiveParameter] array $args): Request {}

        public function parseQueryOrder(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Payment {}

        public function refund(#[\SensitiveParameter] array $args): Refund {}

        public function buildRefund(#[\SensitiveParameter] array $args): Request {}

        public function parseRefund(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Refund {}

        public function applyRefund(#[\SensitiveParameter] array $args): Refund {}

        public function buildApplyRefund(#[\SensitiveParameter] array $args): Request {}

        public function parseApplyRefund(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Refund {}

        public function verifyNotification(#[\SensitiveParameter] array $fields): array {}

        public function notificationAck(): string {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class PayerMax
    {
        /**
         * $options: the options of docs/operations.md, and the shim's own:
         * 'logger' => an object with log($level, $message, array $context)
         * (PSR-3 style; no psr/log needed): one 'debug' line per attempt and
         * per call; 'log_bodies' => true: the masked bodies too; 'on_call' =>
         * a callable given each record (an array). README "Debugging and
         * observability".
         */
        public function __construct(#[\SensitiveParameter] array $options) {}

        /** @return list<PaymentToken> */
        public function inquirePaymentToken(#[\SensitiveParameter] array $args): array {}

        public function buildInquirePaymentToken(#[\SensitiveParameter] array $args): Request {}

        /** @return list<PaymentToken> */
        public function parseInquirePaymentToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): array {}

        public function payWithToken(#[\SensitiveParameter] array $args): Payment {}

        public function buildPayWithToken(#[\SensitiveParameter] array $args): Request {}

        public function parsePayWithToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Payment {}

        public function applyPaymentToken(#[\SensitiveParameter] array $args): TokenApplication {}

        public function buildApplyPaymentToken(#[\SensitiveParameter] array $args): Request {}

        public function parseApplyPaymentToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): TokenApplication {}

        public function inquireApplyRequest(#[\SensitiveParameter] array $args): TokenApplication {}

        public function buildInquireApplyRequest(#[\SensitiveParameter] array $args): Request {}

        public function parseInquireApplyRequest(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): TokenApplication {}

        public function removePaymentToken(#[\SensitiveParameter] array $args): PaymentToken {}

        public function buildRemovePaymentToken(#[\SensitiveParameter] array $args): Request {}

        public function parseRemovePaymentToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): PaymentToken {}

        public function queryOrder(#[\SensitiveParameter] array $args): Payment {}

        public function buildQueryOrder(#[\SensitiveParameter] array $args): Request {}

        public function parseQueryOrder(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Payment {}

        public function refund(#[\SensitiveParameter] array $args): Refund {}

        public function buildRefund(#[\SensitiveParameter] array $args): Request {}

        public function parseRefund(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Refund {}

        public function queryRefund(#[\SensitiveParameter] array $args): Refund {}

        public function buildQueryRefund(#[\SensitiveParameter] array $args): Request {}

        public function parseQueryRefund(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Refund {}

        public function verifyNotification(#[\SensitiveParameter] string $body, ?string $sign, ?float $maxAge = null): array {}

        public function notificationAck(): string {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class YabandPay
    {
        /**
         * $options: the options of docs/operations.md, and the shim's own:
         * 'logger' => an object with log($level, $message, array $context)
         * (PSR-3 style; no psr/log needed): one 'debug' line per attempt and
         * per call; 'log_bodies' => true: the masked bodies too; 'on_call' =>
         * a callable given each record (an array). README "Debugging and
         * observability".
         */
        public function __construct(#[\SensitiveParameter] array $options) {}

        public function createCardToken(#[\SensitiveParameter] array $args): CardPayment {}

        public function buildCreateCardToken(#[\SensitiveParameter] array $args): Request {}

        public function parseCreateCardToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): CardPayment {}

        public function payWithToken(#[\SensitiveParameter] array $args): Payment {}

        public function buildPayWithToken(#[\SensitiveParameter] array $args): Request {}

        public function parsePayWithToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Payment {}

        public function queryOrder(#[\SensitiveParameter] array $args): Payment {}

        public function buildQueryOrder(#[\SensitiveParameter] array $args): Request {}

        public function parseQueryOrder(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Payment {}

        public function refund(#[\SensitiveParameter] array $args): Refund {}

        public function buildRefund(#[\SensitiveParameter] array $args): Request {}

        public function parseRefund(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Refund {}

        public function queryRefund(#[\SensitiveParameter] array $args): Refund {}

        public function buildQueryRefund(#[\SensitiveParameter] array $args): Request {}

        public function parseQueryRefund(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): Refund {}

        public function verifyNotification(#[\SensitiveParameter] string $body): array {}

        public function notificationAck(): string {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class WorldFirst
    {
        /**
         * $options: the options of docs/operations.md, and the shim's own:
         * 'logger' => an object with log($level, $message, array $context)
         * (PSR-3 style; no psr/log needed): one 'debug' line per attempt and
         * per call; 'log_bodies' => true: the masked bodies too; 'on_call' =>
         * a callable given each record (an array). README "Debugging and
         * observability".
         */
        public function __construct(#[\SensitiveParameter] array $options) {}

        public function queryCardSensitiveInfo(#[\SensitiveParameter] array $args): CardSensitiveInfo {}

        public function buildQueryCardSensitiveInfo(#[\SensitiveParameter] array $args): Request {}

        public function parseQueryCardSensitiveInfo(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): CardSensitiveInfo {}

        public function queryCardDetail(#[\SensitiveParameter] array $args): WorldCard {}

        public function buildQueryCardDetail(#[\SensitiveParameter] array $args): Request {}

        public function parseQueryCardDetail(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): WorldCard {}

        public function applyCard(#[\SensitiveParameter] array $args): WorldCard {}

        public function buildApplyCard(#[\SensitiveParameter] array $args): Request {}

        public function parseApplyCard(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): WorldCard {}

        public function updateCard(#[\SensitiveParameter] array $args): WorldCard {}

        public function buildUpdateCard(#[\SensitiveParameter] array $args): Request {}

        public function parseUpdateCard(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): WorldCard {}

        public function updateCardStatus(#[\SensitiveParameter] array $args): WorldCard {}

        public function buildUpdateCardStatus(#[\SensitiveParameter] array $args): Request {}

        public function parseUpdateCardStatus(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): WorldCard {}

        public function applyToken(#[\SensitiveParameter] array $args): AccessToken {}

        public function buildApplyToken(#[\SensitiveParameter] array $args): Request {}

        public function parseApplyToken(int $status, array $headers, #[\SensitiveParameter] string $body, ?Request $request = null): AccessToken {}

        public function verifyNotification(string $path, array $headers, #[\SensitiveParameter] string $body, ?float $maxAge = null): array {}

        /** @return array{0: list<array{0: string, 1: string}>, 1: string} [headers, body] */
        public function notificationAck(string $path): array {}
    }

    /**
     * A built request, to be sent with the caller's own HTTP stack.
     * Debug output shows a redacted body; $request->body is the real one.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Request
    {
        public readonly string $method;
        public readonly string $url;
        /** @var list<array{0: string, 1: string}> */
        public readonly array $headers;
        public readonly string $body;
        /** YabandPay: the request_id that was sent (generated when not given); null otherwise. */
        public readonly ?string $request_id;

        private function __construct() {}
    }

    /**
     * The signature doctor: the core's offline configuration check and the
     * exact string a request signs (README "Signature doctor"). Nothing
     * returned holds key material, a secret or a full card number.
     *
     * @not-serializable
     */
    final class Doctor
    {
        /**
         * Checks $config (the client's options plus merchant_public_key) offline;
         * $online also compares the clock with the endpoint's Date header (one HEAD).
         *
         * @return array{gateway: string, ok: bool, errors: int, warnings: int,
         *     findings: list<array{level: string, code: string, field: string, message: string}>}
         */
        public static function check(
            string $gateway, #[\SensitiveParameter] array $config, bool $online = false
        ): array {}

        /**
         * What build<Op>($args) of a client of $config signs: the signed string
         * (secrets as <name>, card data masked; verbatim when it has none) and
         * the signature.
         *
         * @return array{gateway: string, operation: string, algorithm: string, sent_in: string,
         *     signed: string, masked: bool, signature: string, method: string, url: string}
         */
        public static function sign(string $gateway, string $op, #[\SensitiveParameter] array $args, #[\SensitiveParameter] array $config): array {}

        private function __construct() {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class CardTokenResult
    {
        public readonly ?string $token;
        public readonly ?string $first_six_digits;
        public readonly ?string $last_four_digits;
        public readonly ?int $expiration_month;
        public readonly ?int $expiration_year;
        public readonly ?string $cardholder_name;
        public readonly ?string $payment_method_id;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * payment_token_id are readable as properties; every dump masks them.
     *
     * @strict-properties
     * @not-serializable
     */
    final class Payment
    {
        public readonly ?string $status;
        public readonly ?string $gateway_status;
        public readonly ?string $order_id;
        public readonly ?string $trade_id;
        public readonly ?string $amount;
        public readonly ?string $currency;
        public readonly ?string $redirect_url;
        public readonly ?string $payment_token_id;
        public readonly array $raw;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class Refund
    {
        public readonly ?string $status;
        public readonly ?string $gateway_status;
        public readonly ?string $refund_id;
        public readonly ?string $merchant_refund_id;
        public readonly ?string $trade_id;
        public readonly ?string $amount;
        public readonly ?string $currency;
        public readonly array $raw;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * payment_token_id are readable as properties; every dump masks them.
     *
     * @strict-properties
     * @not-serializable
     */
    final class PaymentToken
    {
        public readonly ?string $payment_token_id;
        public readonly ?string $user_id;
        public readonly ?string $token_scope;
        public readonly ?string $payment_token_expiry;
        public readonly ?string $payment_token_status;
        public readonly ?string $card_info;
        public readonly ?string $if_cvv;
        public readonly ?string $brand;
        public readonly ?string $payment_method_type;
        public readonly ?string $target_org;
        public readonly ?string $account_display;
        public readonly ?string $referral_code;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * payment_token_id are readable as properties; every dump masks them.
     *
     * @strict-properties
     * @not-serializable
     */
    final class TokenApplication
    {
        public readonly ?string $request_id;
        public readonly ?string $status;
        public readonly ?string $gateway_status;
        public readonly ?string $redirect_url;
        public readonly ?string $payment_token_id;
        public readonly array $raw;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class CardPayment
    {
        public readonly ?string $order_id;
        public readonly ?string $trade_id;
        public readonly ?string $amount;
        public readonly ?string $currency;
        public readonly ?string $url;
        public readonly ?string $state;
        public readonly ?string $response_id;
        public readonly ?string $request_id;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * card_no and cvv are readable as properties; every dump masks them.
     *
     * @strict-properties
     * @not-serializable
     */
    final class CardSensitiveInfo
    {
        public readonly ?string $asset_id;
        public readonly ?string $account_id;
        public readonly ?string $card_no;
        public readonly ?string $cvv;
        public readonly ?string $expired_month;
        public readonly ?string $expired_year;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * @strict-properties
     * @not-serializable
     */
    final class WorldCard
    {
        public readonly ?string $asset_id;
        public readonly ?string $account_id;
        public readonly ?string $card_status;
        public readonly ?string $status;
        public readonly ?string $masked_card_no;
        public readonly ?string $card_nick_name;
        public readonly ?string $card_brand;
        public readonly ?string $created_time;
        public readonly ?string $request_id;
        public readonly array $raw;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * access_token and refresh_token are readable as properties; every dump masks them.
     *
     * @strict-properties
     * @not-serializable
     */
    final class AccessToken
    {
        public readonly ?string $access_token;
        public readonly ?string $expire_time;
        public readonly ?string $refresh_token;
        public readonly ?string $refresh_token_expire_time;

        private function __construct() {}

        /**
         * The HTTP exchange of the call that returned it, or null (parse*()):
         * ['status' => int, 'headers' => list<array{0: string, 1: string}>
         * (credential values masked), 'attempts' => int, 'elapsed' => float].
         */
        public function getResponse(): ?array {}
    }

    /**
     * Base of every cardtoken exception. getCode() is the C core's ct_err
     * value; the class constants (Exception::TIMEOUT, ...) are registered
     * from the core's CT_ERROR_TABLE.
     */
    class Exception extends \RuntimeException
    {
        private ?string $gateway = null;
        private ?string $field = null;
        private bool $retryable = false;
        private bool $outcomeUnknown = false;
        private ?int $httpStatus = null;
        private ?string $gatewayCode = null;
        private ?string $gatewayMessage = null;
        private ?float $retryAfter = null;
        private ?array $response = null;

        /** "pagsmile", "payermax", "yabandpay", "worldfirst", or null. */
        final public function getGateway(): ?string {}

        /** The argument or option at fault (snake_case), or null. */
        final public function getField(): ?string {}

        final public function isRetryable(): bool {}

        final public function isOutcomeUnknown(): bool {}

        /** null when there was no HTTP response. */
        final public function getHttpStatus(): ?int {}

        final public function getGatewayCode(): ?string {}

        final public function getGatewayMessage(): ?string {}

        /** Seconds to wait before asking again, or null when not given. */
        final public function getRetryAfter(): ?float {}

        /** The HTTP exchange when the gateway answered (as a result's getResponse()), else null. */
        final public function getResponse(): ?array {}

        /** The core's error name, e.g. "CT_ERR_TIMEOUT". */
        final public function getErrorName(): string {}
    }

    class ConfigurationException extends Exception {}

    class ValidationException extends Exception {}

    class TransportException extends Exception {}

    class ProtocolException extends Exception {}

    class SignatureException extends Exception {}

    class GatewayException extends Exception {}

    class ResultUnknownException extends GatewayException {}
}
