--TEST--
sandbox: every fault kind, declines, refused connections and bad TLS give the documented typed exceptions
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

// Client timeout for the slow faults, and the sandbox's delay beyond it.
$short = getenv('CARDTOKEN_UNDER_VALGRIND') ? 8.0 : 1.5;
$sb = new CtSandbox(['--delay-seconds', (string)($short * 4)]);

$magic = ['pagsmile' => 'cardholder_name', 'payermax' => 'user_id', 'yabandpay' => 'order_id', 'worldfirst' => 'asset_id'];
$base = [
    'pagsmile' => ['card_number' => '4111111111111111', 'security_code' => '123', 'expiration_month' => '12',
        'expiration_year' => '2030', 'cardholder_name' => 'APRO'],
    'payermax' => ['user_id' => 'u1'],
    'yabandpay' => ['order_id' => 'o1', 'card_number' => '4111111111111111', 'security_code' => '123',
        'expiration_month' => '12', 'expiration_year' => '2030', 'cardholder_name' => 'APRO', 'email' => 'a@example.com',
        'currency' => 'EUR', 'description' => 'd', 'notify_url' => 'https://merchant.example.com/n'],
    'worldfirst' => ['asset_id' => 'A1'],
];

function describe(callable $f): string
{
    try {
        $r = $f();
        return 'success ' . (is_array($r) ? 'list(' . count($r) . ')' : get_class($r));
    } catch (CardToken\Exception $e) {
        $s = substr(strrchr(get_class($e), '\\'), 1) . ' ' . $e->getErrorName();
        $s .= ' retryable=' . var_export($e->isRetryable(), true) . ' unknown=' . var_export($e->isOutcomeUnknown(), true);
        foreach (['http' => $e->getHttpStatus(), 'retry_after' => $e->getRetryAfter(), 'gw_code' => $e->getGatewayCode()] as $k => $v) {
            if ($v !== null) {
                $s .= " $k=" . var_export($v, true);
            }
        }
        if ($e->getGateway() === null) {
            $s .= ' NO-GATEWAY';
        }
        return $s;
    }
}

$faults = ['reset', 'truncate', 'http500', 'http429', 'notjson', 'huge', 'redirect', 'nosign', 'badsign', 'unknown',
    'delay', 'drip'];
foreach (['pagsmile', 'payermax', 'yabandpay', 'worldfirst'] as $gw) {
    echo "-- $gw\n";
    $op = lcfirst(ct_op($gw));
    $fast = ct_client($gw, $sb->options($gw));
    $slow = ct_client($gw, $sb->options($gw, ['timeout' => $short]));
    foreach ($faults as $kind) {
        $args = [$magic[$gw] => "FAULT-$kind"] + $base[$gw];
        $client = in_array($kind, ['delay', 'drip'], true) ? $slow : $fast;
        printf("%-9s %s\n", $kind, describe(fn() => $client->$op($args)));
        if ($kind === 'unknown' && $gw === 'worldfirst') {
            // The same asset again: the sandbox alternates U and S.
            printf("%-9s %s\n", 'again', describe(fn() => $client->$op($args)));
        }
    }
}

echo "-- declines\n";
$declines = ['pagsmile' => ['508', '402'], 'payermax' => ['MERCHANT_INVALID', 'TOO_MANY_REQUEST'],
    'yabandpay' => ['-2001', '-4120'], 'worldfirst' => ['USER_NOT_EXIST', 'REQUEST_TRAFFIC_EXCEED_LIMIT']];
foreach ($declines as $gw => $codes) {
    $op = lcfirst(ct_op($gw));
    $client = ct_client($gw, $sb->options($gw));
    foreach ($codes as $code) {
        printf("%-10s %-28s %s\n", $gw, $code, describe(fn() => $client->$op([$magic[$gw] => "DECLINE-$code"] + $base[$gw])));
    }
}

echo "-- redirect: nothing reached the redirect target\n";
$t = $sb->stats()['redirect_target'];
var_dump($t['connections'], $t['bytes_received']);

echo "-- connection refused (retryable, never reached the gateway)\n";
$s = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
fclose($s);
$w = new CardToken\WorldFirst(['base_url' => "http://127.0.0.1:$port", 'max_retries' => 1] + $sb->options('worldfirst'));
echo describe(fn() => $w->queryCardSensitiveInfo(['asset_id' => 'A1'])), "\n";

echo "-- TLS: certificates that must be refused\n";
foreach (['wrong-host', 'self-signed', 'expired'] as $mode) {
    $bad = new CtSandbox(['--tls', $mode]);
    $p = new CardToken\Pagsmile($bad->options('pagsmile'));
    printf("%-12s %s\n", $mode, describe(fn() => $p->getCardToken($base['pagsmile'])));
    var_dump($bad->stats()['requests_total']);
    unset($bad);
}
// The system store does not trust the sandbox's CA either.
$opts = $sb->options('pagsmile');
unset($opts['ca_file']);
echo describe(fn() => (new CardToken\Pagsmile($opts))->getCardToken($base['pagsmile'])), "\n";
?>
--EXPECT--
-- pagsmile
reset     TransportException CT_ERR_NETWORK retryable=false unknown=true
truncate  TransportException CT_ERR_NETWORK retryable=false unknown=true
http500   TransportException CT_ERR_SERVER retryable=false unknown=true http=500
http429   TransportException CT_ERR_RATE_LIMITED retryable=true unknown=false http=429 retry_after=7.0
notjson   ProtocolException CT_ERR_PROTOCOL retryable=false unknown=true http=200
huge      TransportException CT_ERR_TOO_LARGE retryable=false unknown=true
redirect  TransportException CT_ERR_REDIRECT retryable=false unknown=true http=307
nosign    success CardToken\CardTokenResult
badsign   success CardToken\CardTokenResult
unknown   success CardToken\CardTokenResult
delay     TransportException CT_ERR_TIMEOUT retryable=false unknown=true
drip      TransportException CT_ERR_TIMEOUT retryable=false unknown=true
-- payermax
reset     TransportException CT_ERR_NETWORK retryable=false unknown=true
truncate  TransportException CT_ERR_NETWORK retryable=false unknown=true
http500   TransportException CT_ERR_SERVER retryable=false unknown=true http=500
http429   TransportException CT_ERR_RATE_LIMITED retryable=true unknown=false http=429 retry_after=7.0
notjson   ProtocolException CT_ERR_PROTOCOL retryable=false unknown=true http=200
huge      TransportException CT_ERR_TOO_LARGE retryable=false unknown=true
redirect  TransportException CT_ERR_REDIRECT retryable=false unknown=true http=307
nosign    SignatureException CT_ERR_SIGNATURE retryable=false unknown=true http=200
badsign   SignatureException CT_ERR_SIGNATURE retryable=false unknown=true http=200
unknown   success list(2)
delay     TransportException CT_ERR_TIMEOUT retryable=false unknown=true
drip      TransportException CT_ERR_TIMEOUT retryable=false unknown=true
-- yabandpay
reset     TransportException CT_ERR_NETWORK retryable=false unknown=true
truncate  TransportException CT_ERR_NETWORK retryable=false unknown=true
http500   TransportException CT_ERR_SERVER retryable=false unknown=true http=500
http429   TransportException CT_ERR_RATE_LIMITED retryable=true unknown=false http=429 retry_after=7.0
notjson   ProtocolException CT_ERR_PROTOCOL retryable=false unknown=true http=200
huge      TransportException CT_ERR_TOO_LARGE retryable=false unknown=true
redirect  TransportException CT_ERR_REDIRECT retryable=false unknown=true http=307
nosign    success CardToken\CardPayment
badsign   success CardToken\CardPayment
unknown   success CardToken\CardPayment
delay     TransportException CT_ERR_TIMEOUT retryable=false unknown=true
drip      TransportException CT_ERR_TIMEOUT retryable=false unknown=true
-- worldfirst
reset     TransportException CT_ERR_NETWORK retryable=false unknown=true
truncate  TransportException CT_ERR_NETWORK retryable=false unknown=true
http500   TransportException CT_ERR_SERVER retryable=false unknown=true http=500
http429   TransportException CT_ERR_RATE_LIMITED retryable=true unknown=false http=429 retry_after=7.0
notjson   ProtocolException CT_ERR_PROTOCOL retryable=false unknown=true http=200
huge      TransportException CT_ERR_TOO_LARGE retryable=false unknown=true
redirect  TransportException CT_ERR_REDIRECT retryable=false unknown=true http=307
nosign    SignatureException CT_ERR_SIGNATURE retryable=false unknown=true http=200
badsign   SignatureException CT_ERR_SIGNATURE retryable=false unknown=true http=200
unknown   ResultUnknownException CT_ERR_RESULT_UNKNOWN retryable=true unknown=true http=200 retry_after=300.0 gw_code='UNKNOWN_EXCEPTION'
again     success CardToken\CardSensitiveInfo
delay     TransportException CT_ERR_TIMEOUT retryable=false unknown=true
drip      TransportException CT_ERR_TIMEOUT retryable=false unknown=true
-- declines
pagsmile   508                          GatewayException CT_ERR_GATEWAY retryable=false unknown=false http=200 gw_code='508'
pagsmile   402                          GatewayException CT_ERR_GATEWAY retryable=false unknown=false http=200 gw_code='402'
payermax   MERCHANT_INVALID             GatewayException CT_ERR_GATEWAY retryable=false unknown=false http=200 gw_code='MERCHANT_INVALID'
payermax   TOO_MANY_REQUEST             GatewayException CT_ERR_GATEWAY retryable=false unknown=false http=200 gw_code='TOO_MANY_REQUEST'
yabandpay  -2001                        GatewayException CT_ERR_GATEWAY retryable=false unknown=false http=200 gw_code='-2001'
yabandpay  -4120                        GatewayException CT_ERR_GATEWAY retryable=false unknown=false http=200 gw_code='-4120'
worldfirst USER_NOT_EXIST               GatewayException CT_ERR_GATEWAY retryable=false unknown=false http=200 gw_code='USER_NOT_EXIST'
worldfirst REQUEST_TRAFFIC_EXCEED_LIMIT ResultUnknownException CT_ERR_RESULT_UNKNOWN retryable=true unknown=true http=200 retry_after=300.0 gw_code='REQUEST_TRAFFIC_EXCEED_LIMIT'
-- redirect: nothing reached the redirect target
int(0)
int(0)
-- connection refused (retryable, never reached the gateway)
TransportException CT_ERR_CONNECT retryable=true unknown=false
-- TLS: certificates that must be refused
wrong-host   TransportException CT_ERR_TLS retryable=false unknown=false
int(0)
self-signed  TransportException CT_ERR_TLS retryable=false unknown=false
int(0)
expired      TransportException CT_ERR_TLS retryable=false unknown=false
int(0)
TransportException CT_ERR_TLS retryable=false unknown=false
