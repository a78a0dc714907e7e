<?php
/*
 * Contender: what a careful PHP user writes without cardtoken: the curl
 * extension (one reused handle per client: keep-alive, CAINFO, no redirects,
 * https only, no proxy, timeouts) and the openssl extension (keys parsed once),
 * md5() / hash_hmac(). Same requests, same signatures, same verification of
 * the signed responses, the same result fields as cardtoken. No input
 * validation (cardtoken validates every argument: this favours the peer).
 * Usage: see phpbench.php.
 */

declare(strict_types=1);

require __DIR__ . '/phpbench.php';

final class GatewayFailure extends RuntimeException {}
final class BadSignature extends RuntimeException {}

final class CardTokenResult
{
    public function __construct(
        public readonly string $token, public readonly string $first_six_digits,
        public readonly string $last_four_digits, public readonly int $expiration_month,
        public readonly int $expiration_year, public readonly string $cardholder_name,
        public readonly ?string $payment_method_id,
    ) {}
}

final class PaymentToken
{
    public function __construct(
        public readonly ?string $payment_token_id, public readonly ?string $user_id,
        public readonly ?string $token_scope, public readonly ?string $payment_token_expiry,
        public readonly ?string $payment_token_status, public readonly ?string $card_info,
        public readonly ?string $if_cvv, public readonly ?string $brand,
        public readonly ?string $payment_method_type, public readonly ?string $target_org,
        public readonly ?string $account_display, public readonly ?string $referral_code,
    ) {}
}

final class CardPayment
{
    public function __construct(
        public readonly ?string $order_id, public readonly ?string $trade_id,
        public readonly ?string $amount, public readonly ?string $currency,
        public readonly ?string $url, public readonly ?string $state,
        public readonly ?string $response_id, public readonly ?string $request_id,
    ) {}
}

final class CardSensitiveInfo
{
    public function __construct(
        public readonly ?string $asset_id, public readonly ?string $account_id,
        #[\SensitiveParameter] public readonly ?string $card_no,
        #[\SensitiveParameter] public readonly ?string $cvv,
        public readonly ?string $expired_month, public readonly ?string $expired_year,
    ) {}

    public function __debugInfo(): array
    {
        return ['asset_id' => $this->asset_id, 'card_no' => '****', 'cvv' => '***'];
    }
}

const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR;

abstract class Base
{
    protected const PATH = '';
    public string $url;
    /** @var CurlHandle */
    protected $ch;
    /** @var array<string, string> response headers, lower-case names */
    protected array $respHeaders = [];

    public function __construct(string $baseUrl, string $caFile, bool $wantHeaders)
    {
        $this->url = $baseUrl . static::PATH;
        $ch = curl_init($this->url);
        curl_setopt_array($ch, [
            CURLOPT_POST => true,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_CAINFO => $caFile,
            CURLOPT_SSL_VERIFYPEER => true,
            CURLOPT_SSL_VERIFYHOST => 2,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTPS,
            CURLOPT_PROXY => '',
            CURLOPT_CONNECTTIMEOUT => 10,
            CURLOPT_TIMEOUT => 30,
        ]);
        if ($wantHeaders) {
            curl_setopt($ch, CURLOPT_HEADERFUNCTION, function ($ch, string $line): int {
                $p = strpos($line, ':');
                if ($p !== false) {
                    $this->respHeaders[strtolower(substr($line, 0, $p))] = trim(substr($line, $p + 1));
                }
                return strlen($line);
            });
        }
        $this->ch = $ch;
    }

    /** @return array{0:int, 1:array<string,string>, 2:string} */
    protected function send(array $headers, string $body): array
    {
        $this->respHeaders = [];
        curl_setopt($this->ch, CURLOPT_HTTPHEADER, $headers);
        curl_setopt($this->ch, CURLOPT_POSTFIELDS, $body);
        $out = curl_exec($this->ch);
        if ($out === false) {
            throw new RuntimeException('transport: ' . curl_error($this->ch));
        }
        return [curl_getinfo($this->ch, CURLINFO_RESPONSE_CODE), $this->respHeaders, $out];
    }

    protected static function checkStatus(int $status): void
    {
        if ($status !== 200) {
            throw new GatewayFailure("HTTP $status");
        }
    }
}

final class Pagsmile extends Base
{
    protected const PATH = '/api/getcardtoken';

    public function __construct(string $baseUrl, string $caFile, private string $merchantNo,
                                private string $appId, #[\SensitiveParameter] private string $appKey)
    {
        parent::__construct($baseUrl, $caFile, false);
    }

    private function sign(array $fields): string
    {
        ksort($fields, SORT_STRING);
        $parts = [];
        foreach ($fields as $k => $v) {
            if (!empty($v)) {
                $parts[] = "$k=$v";
            }
        }
        return md5(implode('&', $parts) . '&key=' . $this->appKey);
    }

    public function buildGetCardToken(#[\SensitiveParameter] array $a): array
    {
        $f = [
            'merchant_no' => $this->merchantNo, 'app_id' => $this->appId,
            'card_number' => $a['card_number'], 'security_code' => $a['security_code'],
            'expiration_month' => $a['expiration_month'], 'expiration_year' => $a['expiration_year'],
            'cardholder_name' => $a['cardholder_name'],
        ];
        $f['sign'] = $this->sign($f);
        return [['Content-Type: application/json'], json_encode($f, JSON_FLAGS)];
    }

    public function parseGetCardToken(int $status, array $headers, string $body): CardTokenResult
    {
        self::checkStatus($status);
        $doc = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        if ((string)($doc['code'] ?? '') !== '200' || !is_array($doc['info'] ?? null)) {
            throw new GatewayFailure('Pagsmile ' . ($doc['code'] ?? '?'));
        }
        $ci = $doc['info']['card_info'];
        return new CardTokenResult($doc['info']['token'], $ci['first_six_digits'], $ci['last_four_digits'],
            (int)$ci['expiration_month'], (int)$ci['expiration_year'], $ci['cardholder_name'],
            $ci['payment_method_id'] ?? null);
    }

    public function getCardToken(#[\SensitiveParameter] array $a): CardTokenResult
    {
        return $this->parseGetCardToken(...$this->send(...$this->buildGetCardToken($a)));
    }
}

final class PayerMax extends Base
{
    protected const PATH = '/aggregate-pay/api/gateway/inquirePaymentToken';
    private OpenSSLAsymmetricKey $key;
    private OpenSSLAsymmetricKey $gatewayKey;
    private const OPTIONAL = [
        'token_scope' => 'tokenScope', 'payment_token_id' => 'paymentTokenID',
        'payment_method_type' => 'paymentMethodType', 'target_org' => 'targetOrg',
        'card_org' => 'cardOrg', 'referral_code' => 'referralCode',
    ];

    public function __construct(string $baseUrl, string $caFile, private string $appId,
                                private string $merchantNo, #[\SensitiveParameter] string $privateKey,
                                string $gatewayPublicKey, private string $keyVersion = '1')
    {
        parent::__construct($baseUrl, $caFile, true);
        $this->key = openssl_pkey_get_private($privateKey) ?: throw new InvalidArgumentException('private_key');
        $this->gatewayKey = openssl_pkey_get_public($gatewayPublicKey) ?: throw new InvalidArgumentException('gateway_public_key');
    }

    public function buildInquirePaymentToken(array $a): array
    {
        $data = ['userId' => $a['user_id']];
        foreach (self::OPTIONAL as $arg => $field) {
            if (isset($a[$arg])) {
                $data[$field] = $a[$arg];
            }
        }
        $now = (new DateTimeImmutable('now', new DateTimeZone('UTC')))->format('Y-m-d\TH:i:s.vP');
        $body = json_encode(['version' => '1.2', 'keyVersion' => $this->keyVersion, 'requestTime' => $now,
            'appId' => $this->appId, 'merchantNo' => $this->merchantNo, 'data' => $data], JSON_FLAGS);
        openssl_sign($body, $sig, $this->key, OPENSSL_ALGO_SHA256) || throw new RuntimeException('sign');
        return [['Content-Type: application/json', 'sign: ' . base64_encode($sig)], $body];
    }

    /** @return list<PaymentToken> */
    public function parseInquirePaymentToken(int $status, array $headers, string $body): array
    {
        self::checkStatus($status);
        $doc = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        if (($doc['code'] ?? null) !== 'APPLY_SUCCESS') {
            throw new GatewayFailure('PayerMax ' . ($doc['code'] ?? '?'));
        }
        $sig = base64_decode($headers['sign'] ?? '', true);
        if ($sig === false || $sig === '' || openssl_verify($body, $sig, $this->gatewayKey, OPENSSL_ALGO_SHA256) !== 1) {
            throw new BadSignature('PayerMax response signature missing or wrong');
        }
        $out = [];
        foreach ($doc['data']['tokenList'] as $t) {
            $out[] = new PaymentToken($t['paymentTokenID'] ?? null, $t['userId'] ?? null,
                $t['tokenScope'] ?? null, $t['paymentTokenExpiry'] ?? null, $t['paymentTokenStatus'] ?? null,
                $t['cardInfo'] ?? null, $t['ifCVV'] ?? null, $t['brand'] ?? null,
                $t['paymentMethodType'] ?? null, $t['targetOrg'] ?? null, $t['accountDisplay'] ?? null,
                $t['referralCode'] ?? null);
        }
        return $out;
    }

    public function inquirePaymentToken(array $a): array
    {
        return $this->parseInquirePaymentToken(...$this->send(...$this->buildInquirePaymentToken($a)));
    }
}

final class YabandPay extends Base
{
    protected const PATH = '/Payments';

    public function __construct(string $baseUrl, string $caFile, private string $user,
                                #[\SensitiveParameter] private string $secretKey)
    {
        parent::__construct($baseUrl, $caFile, false);
    }

    public function buildCreateCardToken(#[\SensitiveParameter] array $a): array
    {
        $requestId = $a['request_id'] ?? bin2hex(random_bytes(16));
        $cardinfo = json_encode(['card_holder' => $a['cardholder_name'], 'emial' => $a['email'],
            'card_number' => $a['card_number'], 'expiration_month' => $a['expiration_month'],
            'expiration_year' => $a['expiration_year'], 'cvc' => $a['security_code']], JSON_FLAGS);
        $data = [
            'pay_method' => 'online', 'sub_pay_method' => 'Card', 'operation' => $a['operation'] ?? '10',
            'order_id' => $a['order_id'], 'token_type' => $a['token_type'] ?? 'CIT',
            '3ds_initiate' => $a['three_ds_initiate'] ?? '01', 'cardinfo' => $cardinfo,
            'amount' => $a['amount'] ?? '0', 'currency' => $a['currency'],
            'description' => $a['description'], 'timeout' => (string)($a['order_timeout'] ?? 30),
            'notify_url' => $a['notify_url'], 'request_id' => $requestId,
        ];
        $now = time();
        $fields = $data + ['user' => $this->user, 'method' => 'v3.CreateCardPayments', 'time' => $now];
        ksort($fields, SORT_STRING);
        $parts = [];
        foreach ($fields as $k => $v) {
            $parts[] = "$k=$v";
        }
        $sign = hash_hmac('sha256', implode('&', $parts), $this->secretKey);
        $body = json_encode(['user' => $this->user, 'sign' => $sign, 'method' => 'v3.CreateCardPayments',
            'time' => $now, 'data' => $data], JSON_FLAGS);
        return [['Content-Type: application/json'], $body, $requestId];
    }

    public function parseCreateCardToken(int $status, array $headers, string $body, ?string $requestId = null): CardPayment
    {
        self::checkStatus($status);
        $doc = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        if (($doc['status'] ?? null) !== true || !is_array($doc['data'] ?? null)) {
            throw new GatewayFailure('YabandPay ' . ($doc['code'] ?? '?'));
        }
        $d = $doc['data'];
        return new CardPayment($d['order_id'] ?? null, $d['trade_id'] ?? null, $d['amount'] ?? null,
            $d['currency'] ?? null, $d['url'] ?? null, $d['state'] ?? null, $doc['response_id'] ?? null,
            $requestId);
    }

    public function createCardToken(#[\SensitiveParameter] array $a): CardPayment
    {
        [$headers, $body, $requestId] = $this->buildCreateCardToken($a);
        return $this->parseCreateCardToken(...[...$this->send($headers, $body), $requestId]);
    }
}

final class WorldFirst extends Base
{
    protected const PATH = '/amsin/api/v2/business/worldcard/queryCardSensitiveInfo';
    private OpenSSLAsymmetricKey $key;
    private OpenSSLAsymmetricKey $gatewayKey;

    public function __construct(string $baseUrl, string $caFile, private string $clientId,
                                #[\SensitiveParameter] string $privateKey, string $gatewayPublicKey,
                                private string $keyVersion = '2')
    {
        parent::__construct($baseUrl, $caFile, true);
        $this->key = openssl_pkey_get_private($privateKey) ?: throw new InvalidArgumentException('private_key');
        $this->gatewayKey = openssl_pkey_get_public($gatewayPublicKey) ?: throw new InvalidArgumentException('gateway_public_key');
    }

    public function buildQueryCardSensitiveInfo(array $a): array
    {
        $body = json_encode(['assetId' => $a['asset_id']], JSON_FLAGS);
        $now = gmdate('Y-m-d\TH:i:s') . '+00:00';
        openssl_sign('POST ' . self::PATH . "\n" . $this->clientId . '.' . $now . '.' . $body, $sig,
            $this->key, OPENSSL_ALGO_SHA256) || throw new RuntimeException('sign');
        return [[
            'Content-Type: application/json; charset=UTF-8',
            'Client-Id: ' . $this->clientId,
            'Request-Time: ' . $now,
            'Signature: algorithm=RSA256,keyVersion=' . $this->keyVersion . ',signature=' . rawurlencode(base64_encode($sig)),
        ], $body];
    }

    public function parseQueryCardSensitiveInfo(int $status, array $headers, string $body): CardSensitiveInfo
    {
        self::checkStatus($status);
        $clientId = $headers['client-id'] ?? '';
        $time = $headers['response-time'] ?? '';
        $sig = false;
        foreach (explode(',', $headers['signature'] ?? '') as $part) {
            if (strncmp($part, 'signature=', 10) === 0) {
                $sig = base64_decode(rawurldecode(substr($part, 10)), true);
            }
        }
        if ($clientId === '' || $time === '' || $sig === false || $sig === ''
            || openssl_verify('POST ' . self::PATH . "\n" . $clientId . '.' . $time . '.' . $body, $sig,
                $this->gatewayKey, OPENSSL_ALGO_SHA256) !== 1) {
            throw new BadSignature('WorldFirst response signature missing or wrong');
        }
        $doc = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        if (($doc['result']['resultStatus'] ?? null) !== 'S') {
            throw new GatewayFailure('WorldFirst ' . ($doc['result']['resultCode'] ?? '?'));
        }
        return new CardSensitiveInfo($doc['assetId'] ?? null, $doc['accountId'] ?? null, $doc['cardNo'] ?? null,
            $doc['cvv'] ?? null, $doc['expiredMonth'] ?? null, $doc['expiredYear'] ?? null);
    }

    public function queryCardSensitiveInfo(array $a): CardSensitiveInfo
    {
        return $this->parseQueryCardSensitiveInfo(...$this->send(...$this->buildQueryCardSensitiveInfo($a)));
    }
}

final class Contender
{
    private object $client;
    private array $args;
    private array $resp;
    private string $op;
    private string $buildOp;
    private string $parseOp;

    public function __construct(private string $call, array $fx)
    {
        $spec = $fx['calls'][$call];
        $cfg = $spec['config'];
        $b = $fx['base_url'];
        $ca = $fx['ca_file'];
        [$this->client, $op] = match ($call) {
            'pagsmile' => [new Pagsmile($b, $ca, $cfg['merchant_no'], $cfg['app_id'], $cfg['app_key']), 'GetCardToken'],
            'payermax' => [new PayerMax($b, $ca, $cfg['app_id'], $cfg['merchant_no'], $cfg['private_key'],
                                        $cfg['gateway_public_key'], $cfg['key_version']), 'InquirePaymentToken'],
            'yabandpay' => [new YabandPay($b, $ca, $cfg['user'], $cfg['secret_key']), 'CreateCardToken'],
            'worldfirst' => [new WorldFirst($b, $ca, $cfg['client_id'], $cfg['private_key'],
                                            $cfg['gateway_public_key'], $cfg['key_version']), 'QueryCardSensitiveInfo'],
        };
        $this->args = $spec['args'];
        $this->resp = $spec['response'];
        $this->op = lcfirst($op);
        $this->buildOp = 'build' . $op;
        $this->parseOp = 'parse' . $op;
    }

    public function call()
    {
        return $this->client->{$this->op}($this->args);
    }

    public function build()
    {
        return $this->client->{$this->buildOp}($this->args);
    }

    public function describe(): array
    {
        $r = $this->build();
        $headers = [];
        foreach ($r[0] as $line) {
            $p = strpos($line, ':');
            $headers[] = [substr($line, 0, $p), ltrim(substr($line, $p + 1))];
        }
        return ['POST', $this->client->url, $headers, $r[1]];
    }

    public function canned(): array
    {
        // What the header callback collects from this response.
        $h = [];
        foreach ($this->resp['wire_headers'] as [$name, $value]) {
            $h[strtolower($name)] = $value;
        }
        return [$this->resp['status'], $h, $this->resp['body']];
    }

    public function parse(array $c)
    {
        return $this->client->{$this->parseOp}($c[0], $c[1], $c[2]);
    }

    public function summary($res): array
    {
        if (is_array($res)) {
            $res = $res[0];
        }
        return get_object_vars($res);
    }
}

// bench/fpm/page.php includes this file for its client classes only.
if (PHP_SAPI === 'cli') {
    bench_main(fn (string $call, array $fx) => new Contender($call, $fx));
}
