--TEST--
hardening (issue 21): names echoed in errors are masked; every printed result string is masked; a held Request body survives the Request
--EXTENSIONS--
cardtoken
openssl
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$pan = '4235647728025682';
$masked = '423564******5682';

// 1. an unknown array key that is a card number is never echoed whole
$pg = ct_vectors('pagsmile')['success.json'];
$p = new CardToken\Pagsmile($pg['config']);
foreach ([
    'argument' => fn() => $p->buildGetCardToken($pg['args'] + [$pan => 'x']),
    'option' => fn() => new CardToken\Pagsmile($pg['config'] + [$pan => 'x']),
    'spaced' => fn() => $p->buildGetCardToken($pg['args'] + ['4235 6477 2802 5682' => 'x']),
] as $what => $f) {
    try {
        $f();
        echo "$what: no exception\n";
    } catch (CardToken\Exception $e) {
        $text = $e->getMessage() . ' ' . $e->getField() . ' ' . $e->getTraceAsString();
        echo $what, ': ', get_class($e), ' full=', var_export(str_contains(preg_replace('/\D/', '', $text), $pan), true),
            ' field=', $e->getField(), "\n";
    }
}

// 2. a gateway that sends a full number where it documents a masked one
$pm = ct_vectors('payermax')['success.json'];
$tok = ['paymentTokenID' => 'PMTOKEN1', 'userId' => $pm['args']['user_id'], 'tokenScope' => 'tokenAcq',
        'paymentTokenExpiry' => '2030-01-01T00:00:00.000+08:00', 'paymentTokenStatus' => 'Activated',
        'cardInfo' => $pan, 'accountDisplay' => '4235 6477 2802 5682', 'paymentMethodType' => 'CARD'];
$body = json_encode(['code' => 'APPLY_SUCCESS', 'msg' => '', 'data' => ['tokenList' => [$tok]]]);
$key = openssl_pkey_get_private(file_get_contents(ct_vectors_dir() . '/keys/gateway_private.pem'));
openssl_sign($body, $sig, $key, OPENSSL_ALGO_SHA256);
$m = new CardToken\PayerMax($pm['config']);
$list = $m->parseInquirePaymentToken(200, [['sign', base64_encode($sig)]], $body);
var_dump($list[0]->card_info === $pan, $list[0]->account_display === '4235 6477 2802 5682');
foreach ([
    'var_dump' => fn($x) => var_dump($x),
    'print_r' => fn($x) => print_r($x),
    'var_export' => fn($x) => var_export($x),
    'json_encode' => fn($x) => print(json_encode($x)),
] as $name => $dump) {
    ob_start();
    $dump($list[0]);
    $out = ob_get_clean();
    echo $name, ': full=', var_export(str_contains(preg_replace('/\D/', '', $out), $pan), true),
        ' masked=', var_export(str_contains($out, $masked), true), "\n";
}

// 3. the Request's body is wiped when the Request goes; a copy the script holds is not
$req = $p->buildGetCardToken($pg['args']);
$held = $req->body;
unset($req);
gc_collect_cycles();
var_dump($held === $pg['build']['body']);

// 4. max_age: optional, positive; a stale notification is refused
$st = ct_vectors('payermax')['notification_max_age_stale.json'];
$m2 = new CardToken\PayerMax($st['config']);
$n = $st['notification'];
echo count($m2->verifyNotification($n['body'], $n['sign'])), " keys without max_age\n";
foreach ([300.0, 0.0, -5.0] as $age) {
    try {
        $m2->verifyNotification($n['body'], $n['sign'], $age);
        echo "$age: ok\n";
    } catch (CardToken\Exception $e) {
        echo "$age: ", get_class($e), ' ', $e->getField(), "\n";
    }
}
?>
--EXPECT--
argument: CardToken\ValidationException full=false field=423564******5682
option: CardToken\ConfigurationException full=false field=423564******5682
spaced: CardToken\ValidationException full=false field=4235 64** **** 5682
bool(true)
bool(true)
var_dump: full=false masked=true
print_r: full=false masked=true
var_export: full=false masked=true
json_encode: full=false masked=true
bool(true)
8 keys without max_age
300: CardToken\SignatureException notifyTime
0: CardToken\ValidationException max_age
-5: CardToken\ValidationException max_age
