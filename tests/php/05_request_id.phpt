--TEST--
Request->request_id: the YabandPay request_id that was sent (given or generated), null for other gateways; the parsed CardPayment echoes it
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$v = ct_vectors('yabandpay')['success.json'];
$y = new CardToken\YabandPay($v['config']);
$args = $v['args'];

$given = $y->buildCreateCardToken($args);
var_dump($given->request_id === $args['request_id']);
var_dump(str_contains($given->body, '"request_id":"' . $args['request_id'] . '"'));

unset($args['request_id']);
$generated = $y->buildCreateCardToken($args);
var_dump(preg_match('/^[a-z0-9]{32}$/', $generated->request_id) === 1);
var_dump(str_contains($generated->body, '"request_id":"' . $generated->request_id . '"'));
var_dump($generated->request_id !== $y->buildCreateCardToken($args)->request_id);

$r = $v['response'];
$payment = $y->parseCreateCardToken($r['status'], $r['headers'], $r['body'], $generated);
var_dump($payment->request_id === $generated->request_id);

$p = ct_vectors('pagsmile')['success.json'];
$pg = new CardToken\Pagsmile($p['config']);
var_dump($pg->buildGetCardToken($p['args'])->request_id);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
NULL
