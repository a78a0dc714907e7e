--TEST--
results convert once: getResponse() built from the call's record when first asked (one array shared by a list's items, still there when the others are gone), readonly typed properties set straight into their slots (modification refused, types kept, null for the missing), sensitive fields masked in var_dump
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$card = CT_CANARY_CARD;
$cvv = CT_CANARY_CVV;
$sb = new CtSandbox(['--world-card', "$card:$cvv:07:29"]);

echo "-- a list: every item's response, the same, after the others are freed\n";
$c = ct_client('payermax', $sb->options('payermax'));
$list = $c->inquirePaymentToken(['user_id' => 'u1']);
var_dump(is_array($list) && count($list) >= 1);
$last = $list[count($list) - 1];
unset($list);
$r1 = $last->getResponse();
$r2 = $last->getResponse();
var_dump(is_array($r1) && $r1['status'] === 200 && $r1 === $r2 && $r1['attempts'] === 1);
var_dump(is_array($r1['headers']) && count($r1['headers']) > 0);

echo "-- one record: response on demand; parse results have none\n";
$c = ct_client('pagsmile', $sb->options('pagsmile'));
$args = ['card_number' => $card, 'security_code' => $cvv, 'expiration_month' => '07',
    'expiration_year' => '2029', 'cardholder_name' => 'APRO'];
$res = $c->getCardToken($args);
$dump = ct_all_dumps($res);
var_dump(ct_canary_leaks($dump) === []);
var_dump($res->getResponse()['status'] === 200);
var_dump(is_int($res->expiration_month), is_string($res->token), $res->first_six_digits === substr($card, 0, 6));
try {
    $res->token = 'x';
    echo "modified\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$v = ct_vectors('pagsmile')['success.json'];
$cl = ct_client('pagsmile', $v['config']);
$req = $cl->buildGetCardToken($v['args']);
$p = $cl->parseGetCardToken($v['response']['status'], $v['response']['headers'], $v['response']['body'], $req);
var_dump($p->getResponse());
var_dump($p->token === $v['result']['token'], $p->expiration_year === $v['result']['expiration_year']);

echo "-- a result whose response is never asked for: nothing kept after it\n";
for ($i = 0; $i < 200; $i++) {
    $c->getCardToken($args);
}
$m = memory_get_usage();
for ($i = 0; $i < 200; $i++) {
    $c->getCardToken($args);
}
var_dump(memory_get_usage() - $m < 4096);

echo "-- Payment: a missing nullable field is null, raw an array\n";
$v = ct_vectors('yabandpay')['query_order_raw_masking.json'];
$y = ct_client('yabandpay', $v['config']);
$req = $y->buildQueryOrder($v['args']);
$pay = $y->parseQueryOrder($v['response']['status'], $v['response']['headers'], $v['response']['body'], $req);
var_dump(get_class($pay), is_array($pay->raw));
foreach ($v['result'] as $k => $want) {
    if ($k !== 'raw' && $pay->$k !== $want) {
        echo "$k differs\n";
    }
}
try {
    $pay->status = 'x';
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
-- a list: every item's response, the same, after the others are freed
bool(true)
bool(true)
bool(true)
-- one record: response on demand; parse results have none
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
Error: Cannot modify readonly property CardToken\CardTokenResult::$token
NULL
bool(true)
bool(true)
-- a result whose response is never asked for: nothing kept after it
bool(true)
-- Payment: a missing nullable field is null, raw an array
string(17) "CardToken\Payment"
bool(true)
Error: Cannot modify readonly property CardToken\Payment::$status
