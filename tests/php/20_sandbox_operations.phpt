--TEST--
sandbox: every operation of the four gateways end to end (call, and build + the caller's own HTTP stack + parse)
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$sb = new CtSandbox(['--world-card', CT_CANARY_CARD . ':' . CT_CANARY_CVV . ':07:29']);

$card = ['card_number' => CT_CANARY_CARD, 'security_code' => CT_CANARY_CVV, 'expiration_month' => '07',
    'expiration_year' => '2029', 'cardholder_name' => 'Maria Souza'];
$yaband = $card + ['order_id' => 'ORD-1', 'email' => 'maria@example.com', 'currency' => 'EUR',
    'description' => 'Card token', 'notify_url' => 'https://merchant.example.com/notify'];

echo "-- Pagsmile\n";
$p = new CardToken\Pagsmile($sb->options('pagsmile'));
$r = $p->getCardToken($card);
var_dump(get_class($r), preg_match('/^[0-9a-f]{32}$/', $r->token), $r->first_six_digits, $r->last_four_digits,
    $r->expiration_month, $r->expiration_year, $r->cardholder_name, $r->payment_method_id);

echo "-- PayerMax\n";
$m = new CardToken\PayerMax($sb->options('payermax'));
$list = $m->inquirePaymentToken(['user_id' => 'user-42']);
var_dump(count($list), array_map(fn($t) => [get_class($t), $t->user_id, $t->brand, $t->payment_token_status], $list));
$visa = $m->inquirePaymentToken(['user_id' => 'user-42', 'card_org' => 'VISA', 'payment_method_type' => 'CARD']);
var_dump(count($visa), $visa[0]->brand, $visa[0]->payment_token_id === $list[0]->payment_token_id);

echo "-- YabandPay\n";
$y = new CardToken\YabandPay($sb->options('yabandpay'));
$c = $y->createCardToken($yaband);
var_dump(get_class($c), $c->order_id, $c->state, $c->currency, $c->amount, preg_match('/^[a-z0-9]{32}$/', $c->request_id),
    str_starts_with($c->url, $sb->config['base_url']));
$c2 = $y->createCardToken(['request_id' => 'req0123456789abcdefABCDEF', 'operation' => '11', 'amount' => '12.50'] + $yaband);
var_dump($c2->request_id, $c2->amount);

echo "-- WorldFirst\n";
$w = new CardToken\WorldFirst($sb->options('worldfirst'));
$i = $w->queryCardSensitiveInfo(['asset_id' => 'ASSET-1']);
var_dump(get_class($i), $i->asset_id, $i->card_no === CT_CANARY_CARD, $i->cvv === CT_CANARY_CVV, $i->expired_month, $i->expired_year);

echo "-- build + own HTTP stack + parse\n";
/** Sends a CardToken\Request with PHP's own https stream wrapper. */
function send(CardToken\Request $req, string $caFile): array
{
    $headers = array_map(fn($h) => "$h[0]: $h[1]", $req->headers);
    $ctx = stream_context_create([
        'http' => ['method' => $req->method, 'header' => $headers, 'content' => $req->body,
            'ignore_errors' => true, 'follow_location' => 0, 'protocol_version' => 1.1,
            'timeout' => 30 * ct_slow()],
        'ssl' => ['cafile' => $caFile, 'verify_peer' => true, 'verify_peer_name' => true],
    ]);
    $body = file_get_contents($req->url, false, $ctx);
    $status = (int)explode(' ', $http_response_header[0])[1];
    $pairs = [];
    foreach (array_slice($http_response_header, 1) as $line) {
        [$n, $v] = explode(':', $line, 2);
        $pairs[] = [$n, trim($v)];
    }
    return [$status, $pairs, $body];
}
$ca = $sb->config['ca_file'];
[$st, $h, $b] = send($req = $p->buildGetCardToken($card), $ca);
var_dump($p->parseGetCardToken($st, $h, $b, $req)->last_four_digits);
[$st, $h, $b] = send($req = $m->buildInquirePaymentToken(['user_id' => 'user-43']), $ca);
var_dump(count($m->parseInquirePaymentToken($st, $h, $b)));
[$st, $h, $b] = send($req = $y->buildCreateCardToken($yaband), $ca);
$parsed = $y->parseCreateCardToken($st, $h, $b, $req);
var_dump($parsed->request_id === json_decode($req->body, true)['data']['request_id'], $y->parseCreateCardToken($st, $h, $b)->request_id);
[$st, $h, $b] = send($req = $w->buildQueryCardSensitiveInfo(['asset_id' => 'ASSET-2']), $ca);
var_dump($w->parseQueryCardSensitiveInfo($st, $h, $b, $req)->card_no === CT_CANARY_CARD);

echo "-- the sandbox saw exactly these calls\n";
$stats = $sb->stats();
ksort($stats['requests']);
var_dump($stats['requests']);
?>
--EXPECTF--
-- Pagsmile
string(25) "CardToken\CardTokenResult"
int(1)
string(6) "527361"
string(4) "3658"
int(7)
int(2029)
string(11) "Maria Souza"
string(6) "master"
-- PayerMax
int(2)
array(2) {
  [0]=>
  array(4) {
    [0]=>
    string(22) "CardToken\PaymentToken"
    [1]=>
    string(7) "user-42"
    [2]=>
    string(4) "VISA"
    [3]=>
    string(9) "Activated"
  }
  [1]=>
  array(4) {
    [0]=>
    string(22) "CardToken\PaymentToken"
    [1]=>
    string(7) "user-42"
    [2]=>
    string(10) "MASTERCARD"
    [3]=>
    string(9) "Activated"
  }
}
int(1)
string(4) "VISA"
bool(true)
-- YabandPay
string(21) "CardToken\CardPayment"
string(5) "ORD-1"
string(10) "processing"
string(3) "EUR"
string(1) "0"
int(1)
bool(true)
string(25) "req0123456789abcdefABCDEF"
string(5) "12.50"
-- WorldFirst
string(27) "CardToken\CardSensitiveInfo"
string(7) "ASSET-1"
bool(true)
bool(true)
string(2) "07"
string(2) "29"
-- build + own HTTP stack + parse
string(4) "3658"
int(2)
bool(true)
NULL
bool(true)
-- the sandbox saw exactly these calls
array(4) {
  ["/Payments"]=>
  int(3)
  ["/aggregate-pay/api/gateway/inquirePaymentToken"]=>
  int(3)
  ["/amsin/api/v2/business/worldcard/queryCardSensitiveInfo"]=>
  int(2)
  ["/api/getcardtoken"]=>
  int(2)
}
