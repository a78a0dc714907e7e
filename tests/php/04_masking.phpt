--TEST--
masking: CardSensitiveInfo card_no/cvv readable but masked in every dump; Request dumps show the redacted body
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$v = ct_vectors('worldfirst')['success.json'];
$card = $v['result']['card_no'];
$cvv = $v['result']['cvv'];
$w = new CardToken\WorldFirst($v['config']);
$r = $v['response'];
$info = $w->parseQueryCardSensitiveInfo($r['status'], $r['headers'], $r['body']);

// Readable as properties.
var_dump($info->card_no === $card, $info->cvv === $cvv);

$maskedCard = str_repeat('*', strlen($card) - 4) . substr($card, -4);
foreach ([
    'var_dump' => function ($x) { var_dump($x); },
    'print_r' => function ($x) { print_r($x); },
    'var_export' => function ($x) { var_export($x); },
    'debug_zval_dump' => function ($x) { debug_zval_dump($x); },
    'json_encode' => function ($x) { echo json_encode($x); },
    'array cast' => function ($x) { print_r((array)$x); },
    'nested var_dump' => function ($x) { var_dump([$x, 'k' => [$x]]); },
    'nested json_encode' => function ($x) { echo json_encode(['a' => [$x]]); },
] as $name => $dump) {
    ob_start();
    $dump($info);
    $out = ob_get_clean();
    $plainCvv = preg_match('/(?<![0-9])' . $cvv . '(?![0-9])/', $out);
    printf("%-18s card:%s cvv:%s masked-card:%s masked-cvv:%s\n", $name,
        str_contains($out, $card) ? 'LEAK' : 'no', $plainCvv ? 'LEAK' : 'no',
        str_contains($out, $maskedCard) ? 'yes' : 'NO', str_contains($out, '***') ? 'yes' : 'NO');
}
// Still readable after being dumped (the dump works on a copy).
var_dump($info->card_no === $card, $info->cvv === $cvv, $maskedCard);

// Non-sensitive results print as they are.
$pv = ct_vectors('pagsmile')['success.json'];
$p = new CardToken\Pagsmile($pv['config']);
$res = $p->parseGetCardToken($pv['response']['status'], $pv['response']['headers'], $pv['response']['body']);
var_dump(json_decode(json_encode($res), true) === $pv['result']);

// A built request: the body property is the real body; dumps show the
// core's redacted body instead.
$req = $p->buildGetCardToken($pv['args']);
$pan = $pv['args']['card_number'];
$code = $pv['args']['security_code'];
var_dump($req->body === $pv['build']['body']);
ob_start();
var_dump($req);
print_r($req);
var_export($req);
debug_zval_dump($req);
echo json_encode($req), "\n";
print_r((array)$req);
$out = ob_get_clean();
var_dump(str_contains($out, $pan), str_contains($out, '"security_code":"' . $code . '"'),
    str_contains($out, substr($pan, 0, 6)), str_contains($out, substr($pan, -4)),
    substr_count($out, 'card_number') >= 6);
echo json_decode(json_encode($req), true)['body'], "\n";
?>
--EXPECTF--
bool(true)
bool(true)
var_dump           card:no cvv:no masked-card:yes masked-cvv:yes
print_r            card:no cvv:no masked-card:yes masked-cvv:yes
var_export         card:no cvv:no masked-card:yes masked-cvv:yes
debug_zval_dump    card:no cvv:no masked-card:yes masked-cvv:yes
json_encode        card:no cvv:no masked-card:yes masked-cvv:yes
array cast         card:no cvv:no masked-card:yes masked-cvv:yes
nested var_dump    card:no cvv:no masked-card:yes masked-cvv:yes
nested json_encode card:no cvv:no masked-card:yes masked-cvv:yes
bool(true)
bool(true)
string(16) "************4444"
bool(true)
bool(true)
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
{"merchant_no":"1024201708140012289","app_id":"2017051914172236111","card_number":"423564******5682","security_code":"***","expiration_month":"12","expiration_year":"2030","cardholder_name":"APRO","sign":"b1b0c7510188b43f005e4a0763e1ef46"}
