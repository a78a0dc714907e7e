--TEST--
options and arguments: translated by ct_option_type/ct_arg_type; TypeError names the key, never the value; null is absent; unknown keys go to the core
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

function attempt(callable $f): void
{
    try {
        $f();
        echo "ok\n";
    } catch (Throwable $e) {
        $leak = ct_canary_leaks($e->getMessage() . $e->getTraceAsString());
        echo get_class($e), ': ', $e->getMessage(),
            $e instanceof CardToken\Exception ? ' [field=' . var_export($e->getField(), true) . ']' : '',
            $leak ? ' LEAK ' . implode(',', $leak) : '', "\n";
    }
}

$pv = ct_vectors('pagsmile')['success.json'];
$base = $pv['config'];

echo "-- options\n";
attempt(fn() => new CardToken\Pagsmile(['timeout' => '30'] + $base));
attempt(fn() => new CardToken\Pagsmile(['timeout' => true] + $base));
attempt(fn() => new CardToken\Pagsmile(['max_retries' => 2.0] + $base));
attempt(fn() => new CardToken\Pagsmile(['max_retries' => '2'] + $base));
attempt(fn() => new CardToken\Pagsmile(['app_key' => 5273619048173658] + $base));
attempt(fn() => new CardToken\Pagsmile(['app_key' => ['x']] + $base));
attempt(fn() => new CardToken\Pagsmile(['timeout' => 5, 'connect_timeout' => 2.5, 'max_retries' => 0] + $base));
attempt(fn() => new CardToken\Pagsmile(['timeout' => 0.25] + $base));
attempt(fn() => new CardToken\Pagsmile(['timeout' => 0] + $base));
attempt(fn() => new CardToken\Pagsmile(['timeout' => -1.5] + $base));
attempt(fn() => new CardToken\Pagsmile(['timeout' => NAN] + $base));
attempt(fn() => new CardToken\Pagsmile(['max_retries' => 11] + $base));
// null means absent: without environment nor base_url the client is refused.
$noenv = $base;
$noenv['environment'] = null;
attempt(fn() => new CardToken\Pagsmile($noenv));
attempt(fn() => new CardToken\Pagsmile(['timeout' => null] + $base));
// Unknown names: the core names them, whatever their value.
attempt(fn() => new CardToken\Pagsmile($base + ['colour' => 'blue']));
attempt(fn() => new CardToken\Pagsmile($base + ['colour' => ['blue']]));
attempt(fn() => new CardToken\Pagsmile($base + [7 => 'x']));
attempt(fn() => new CardToken\Pagsmile($base + ["app_key\0x" => 'x']));
// By reference.
$key = $base['app_key'];
$ref = $base;
$ref['app_key'] = &$key;
attempt(fn() => new CardToken\Pagsmile($ref));

echo "-- arguments\n";
$client = new CardToken\Pagsmile($base);
$args = $pv['args'];
attempt(fn() => $client->buildGetCardToken(['card_number' => (int)CT_CANARY_CARD] + $args));
attempt(fn() => $client->buildGetCardToken(['security_code' => (int)CT_CANARY_CVV] + $args));
attempt(fn() => $client->buildGetCardToken(['expiration_month' => 12] + $args));
attempt(fn() => $client->buildGetCardToken($args + ['colour' => 'blue']));
attempt(fn() => $client->buildGetCardToken($args + ['colour' => new stdClass()]));
attempt(fn() => $client->buildGetCardToken(['card_number' => null] + $args));
attempt(fn() => $client->getCardToken(['card_number' => 5.5] + $args));

$yv = ct_vectors('yabandpay')['success.json'];
$y = new CardToken\YabandPay($yv['config']);
attempt(fn() => $y->buildCreateCardToken(['order_timeout' => '30'] + $yv['args']));
attempt(fn() => $y->buildCreateCardToken(['order_timeout' => 30.0] + $yv['args']));
// An int argument goes as its decimal text: timeout "45" in the signed body.
$r = $y->buildCreateCardToken(['order_timeout' => 45] + $yv['args']);
var_dump(json_decode($r->body, true)['data']['timeout']);
// An optional argument set to null is the same as leaving it out.
$plain = $y->buildCreateCardToken($yv['args']);
$nulls = $y->buildCreateCardToken($yv['args'] + ['redirect_url' => null, 'demo' => null, 'form_type' => null]);
var_dump($plain->body === $nulls->body, $plain->body === $yv['build']['body']);

$wv = ct_vectors('worldfirst')['success.json'];
$w = new CardToken\WorldFirst($wv['config']);
attempt(fn() => $w->buildQueryCardSensitiveInfo(['retry_attempt' => '1'] + $wv['args']));
attempt(fn() => $w->buildQueryCardSensitiveInfo(['retry_attempt' => 1] + $wv['args']));

echo "-- headers of parse*\n";
$wr = $wv['response'];
$map = [];
foreach ($wr['headers'] as [$n, $v]) {
    $map[$n] = $v;
}
$multi = array_map(fn($v) => [$v], $map);
foreach ([$wr['headers'], $map, $multi] as $h) {
    var_dump($w->parseQueryCardSensitiveInfo($wr['status'], $h, $wr['body'])->asset_id === $wv['result']['asset_id']);
}
attempt(fn() => $w->parseQueryCardSensitiveInfo(200, [['a']], $wr['body']));
attempt(fn() => $w->parseQueryCardSensitiveInfo(200, ['a' => new stdClass()], $wr['body']));
attempt(fn() => $w->parseQueryCardSensitiveInfo(200, [], $wr['body']));
attempt(fn() => $w->parseQueryCardSensitiveInfo(1000, [], $wr['body']));
?>
--EXPECTF--
-- options
TypeError: CardToken\Pagsmile::__construct(): Argument #1 ($options) key "timeout" must be of type int|float, string given
TypeError: CardToken\Pagsmile::__construct(): Argument #1 ($options) key "timeout" must be of type int|float, bool given
TypeError: CardToken\Pagsmile::__construct(): Argument #1 ($options) key "max_retries" must be of type int, float given
TypeError: CardToken\Pagsmile::__construct(): Argument #1 ($options) key "max_retries" must be of type int, string given
TypeError: CardToken\Pagsmile::__construct(): Argument #1 ($options) key "app_key" must be of type string, int given
TypeError: CardToken\Pagsmile::__construct(): Argument #1 ($options) key "app_key" must be of type string, array given
ok
ok
CardToken\ConfigurationException: %s [field='timeout']
CardToken\ConfigurationException: %s [field='timeout']
CardToken\ConfigurationException: %s [field='timeout']
CardToken\ConfigurationException: %s [field='max_retries']
CardToken\ConfigurationException: %s [field='environment']
ok
CardToken\ConfigurationException: %s [field='colour']
CardToken\ConfigurationException: %s [field='colour']
CardToken\ConfigurationException: %s [field='7']
CardToken\ConfigurationException: a key contains a NUL byte [field=NULL]
ok
-- arguments
TypeError: CardToken\Pagsmile::buildGetCardToken(): Argument #1 ($args) key "card_number" must be of type string, int given
TypeError: CardToken\Pagsmile::buildGetCardToken(): Argument #1 ($args) key "security_code" must be of type string, int given
TypeError: CardToken\Pagsmile::buildGetCardToken(): Argument #1 ($args) key "expiration_month" must be of type string, int given
CardToken\ValidationException: %s [field='colour']
CardToken\ValidationException: %s [field='colour']
CardToken\ValidationException: %s [field='card_number']
TypeError: CardToken\Pagsmile::getCardToken(): Argument #1 ($args) key "card_number" must be of type string, float given
TypeError: CardToken\YabandPay::buildCreateCardToken(): Argument #1 ($args) key "order_timeout" must be of type int, string given
TypeError: CardToken\YabandPay::buildCreateCardToken(): Argument #1 ($args) key "order_timeout" must be of type int, float given
string(2) "45"
bool(true)
bool(true)
TypeError: CardToken\WorldFirst::buildQueryCardSensitiveInfo(): Argument #1 ($args) key "retry_attempt" must be of type int, string given
ok
-- headers of parse*
bool(true)
bool(true)
bool(true)
TypeError: CardToken\WorldFirst::parseQueryCardSensitiveInfo(): Argument #2 ($headers) must be a list of [name, value] pairs or an array of name => value(s), with string values
TypeError: CardToken\WorldFirst::parseQueryCardSensitiveInfo(): Argument #2 ($headers) must be a list of [name, value] pairs or an array of name => value(s), with string values
CardToken\SignatureException: %s
CardToken\ValidationException: invalid argument: status is not an HTTP status (0 to 999) [field='status']
