--TEST--
CardToken\Doctor: check() finds a mismatched key pair, a wrong key version, a 1024-bit key, a bad PEM; the clock against the sandbox when online; sign() prints the exact signed string (card data masked, verbatim without it) and a signature recomputed here with hash/openssl; no key, secret or canary card in any answer
--EXTENSIONS--
cardtoken
openssl
--FILE--
<?php
require __DIR__ . '/helpers.inc';

use CardToken\Doctor;

$keys = ct_root() . '/tests/vectors/keys/';
$k = fn(string $n): string => file_get_contents($keys . $n);
$ft = '2022-01-22T10:00:00.500+08:00';
$secret = 'SecretCanary-q8Zt3LmW';
$fail = [];
$seen = '';

function rsa_cfg(string $gw, array $over = []): array
{
    global $k, $ft;
    $cfg = ['private_key' => $k('merchant_private.pem'), 'gateway_public_key' => $k('gateway_public.pem'),
        'merchant_public_key' => $k('merchant_public.pem'), 'base_url' => 'https://127.0.0.1:9', 'fixed_time' => $ft];
    $cfg += $gw === 'payermax'
        ? ['app_id' => '46153e2b787241ae8b01857bb087d1bd', 'merchant_no' => '010229810189301']
        : ['client_id' => 'SANDBOX5YB7RZ2N00001'];
    return array_filter(array_merge($cfg, $over), fn($v) => $v !== null);
}

function secret_cfg(string $gw): array
{
    global $ft, $secret;
    $cfg = $gw === 'pagsmile'
        ? ['merchant_no' => '102320170519', 'app_id' => '2017051914172236111', 'app_key' => $secret]
        : ['user' => '016683', 'secret_key' => $secret];
    return $cfg + ['base_url' => 'https://127.0.0.1:9', 'fixed_time' => $ft];
}

function has(array $r, string $level, string $code, string $field): bool
{
    foreach ($r['findings'] as $f) {
        if ($f['level'] === $level && $f['code'] === $code && $f['field'] === $field) {
            return true;
        }
    }
    return false;
}

function check(string $gw, array $cfg): array
{
    global $seen;
    $r = Doctor::check($gw, $cfg);
    $seen .= var_export($r, true);
    return $r;
}

// ---- check()
foreach (['payermax', 'worldfirst'] as $gw) {
    $r = check($gw, rsa_cfg($gw));
    if (!$r['ok'] || $r['errors'] !== 0 || !has($r, 'ok', 'key_pair_ok', 'merchant_public_key')) {
        $fail[] = "$gw good config: " . json_encode($r);
    }
    $r = check($gw, rsa_cfg($gw, ['merchant_public_key' => $k('spec_t1_public.pem')]));
    if ($r['ok'] || !has($r, 'error', 'key_pair_mismatch', 'merchant_public_key')) {
        $fail[] = "$gw mismatched pair not found";
    }
    $r = check($gw, rsa_cfg($gw, ['key_version' => $gw === 'payermax' ? '2' : '1']));
    if ($r['ok'] || !has($r, 'error', 'key_version_wrong', 'key_version')) {
        $fail[] = "$gw wrong key version not found";
    }
    $small = openssl_pkey_new(['private_key_bits' => 1024, 'private_key_type' => OPENSSL_KEYTYPE_RSA]);
    openssl_pkey_export($small, $smallPem);
    $r = check($gw, rsa_cfg($gw, ['private_key' => $smallPem, 'merchant_public_key' => null]));
    if ($r['ok'] || !has($r, 'error', 'key_too_small', 'private_key') || $r['errors'] !== 1) {
        $fail[] = "$gw 1024-bit key: " . json_encode($r);
    }
    foreach (explode("\n", $smallPem) as $line) {
        if (strlen($line) > 16 && !str_starts_with($line, '-----') && str_contains($seen, $line)) {
            $fail[] = "$gw: key material of the small key in the answer";
        }
    }
    $bad = str_replace(substr($k('merchant_private.pem'), 100, 4), '!!!!', $k('merchant_private.pem'));
    $r = check($gw, rsa_cfg($gw, ['private_key' => $bad, 'gateway_public_key' => 'not a key']));
    if ($r['ok'] || !has($r, 'error', 'key_unreadable', 'private_key')
        || !has($r, 'error', 'key_unreadable', 'gateway_public_key')) {
        $fail[] = "$gw bad PEM not named";
    }
    $r = check($gw, rsa_cfg($gw, ['gateway_public_key' => $k('merchant_public.pem')]));
    if (!has($r, 'error', 'gateway_key_is_merchant_key', 'gateway_public_key')) {
        $fail[] = "$gw gateway key = merchant key not found";
    }
}
foreach (['pagsmile', 'yabandpay'] as $gw) {
    $r = check($gw, secret_cfg($gw));
    if (!$r['ok'] || !has($r, 'ok', 'client_ok', 'base_url')) {
        $fail[] = "$gw good config: " . json_encode($r);
    }
    $r = check($gw, ['base_url' => 'http://gateway.example.com'] + secret_cfg($gw));
    if ($r['ok'] || !has($r, 'error', 'endpoint_insecure', 'base_url')) {
        $fail[] = "$gw plain http not found";
    }
}
$r = check('pagsmile', ['merchant_no' => '1', 'environment' => 'sandbox']);
if (!has($r, 'error', 'option_missing', 'app_key') || !has($r, 'error', 'option_missing', 'app_id')) {
    $fail[] = 'missing options not named';
}

// ---- sign(): Pagsmile with card data, masked; the MD5 recomputed here
$card = CT_CANARY_CARD;
$cvv = CT_CANARY_CVV;
$args = ['card_number' => $card, 'security_code' => $cvv, 'expiration_month' => '12',
    'expiration_year' => '2030', 'cardholder_name' => 'APRO'];
$cfg = secret_cfg('pagsmile');
$s = Doctor::sign('pagsmile', 'get_card_token', $args, $cfg);
$seen .= var_export($s, true);
$fields = $args + ['merchant_no' => $cfg['merchant_no'], 'app_id' => $cfg['app_id']];
ksort($fields, SORT_STRING);
$plain = implode('&', array_map(fn($kk, $v) => "$kk=$v", array_keys($fields), $fields));
$masked = str_replace(["card_number=$card", "security_code=$cvv"],
    ['card_number=' . substr($card, 0, 6) . '******' . substr($card, -4), 'security_code=***'], $plain);
if ($s['signed'] !== $masked . '&key=<app_key>' || $s['masked'] !== true) {
    $fail[] = 'pagsmile signed: ' . $s['signed'];
}
if ($s['signature'] !== md5($plain . '&key=' . $secret)) {
    $fail[] = 'pagsmile signature not the MD5 of the string signed';
}
$client = new CardToken\Pagsmile($cfg);
if (json_decode($client->buildGetCardToken($args)->body, true)['sign'] !== $s['signature']) {
    $fail[] = 'pagsmile signature not what buildGetCardToken sends';
}

// ---- YabandPay query_order: no card data, verbatim; the HMAC recomputed here
$s = Doctor::sign('yabandpay', 'queryOrder', ['trade_id' => 'T-1'], secret_cfg('yabandpay'));
$seen .= var_export($s, true);
$want = 'method=v3.QueryOrder&time=1642816800&trade_id=T-1&user=016683';
if ($s['signed'] !== $want || $s['masked'] !== false || $s['secret_shown_as'] !== null) {
    $fail[] = 'yabandpay verbatim: ' . $s['signed'];
}
if ($s['signature'] !== hash_hmac('sha256', $want, $secret)) {
    $fail[] = 'yabandpay signature not the HMAC of the string signed';
}

// ---- RSA: the signature verifies over the printed string with the merchant public key
$pub = openssl_pkey_get_public($k('merchant_public.pem'));
foreach (['payermax' => ['inquire_payment_token', ['user_id' => 'u1']],
    'worldfirst' => ['query_card_sensitive_info', ['asset_id' => 'A-1']]] as $gw => [$op, $a]) {
    $s = Doctor::sign($gw, $op, $a, rsa_cfg($gw));
    $seen .= var_export($s, true);
    if (openssl_verify($s['signed'], base64_decode($s['signature'], true), $pub, OPENSSL_ALGO_SHA256) !== 1) {
        $fail[] = "$gw signature does not verify over the printed string";
    }
    if ($s['masked'] !== false) {
        $fail[] = "$gw masked without card data";
    }
}
$s = Doctor::sign('payermax', 'inquirePaymentToken', ['user_id' => 'u1'], rsa_cfg('payermax'));
$c = rsa_cfg('payermax');
unset($c['merchant_public_key']);
$req = (new CardToken\PayerMax($c))->buildInquirePaymentToken(['user_id' => 'u1']);
if ($s['signed'] !== $req->body || !in_array(['sign', $s['signature']], $req->headers, true)) {
    $fail[] = 'payermax printed string/signature not what buildInquirePaymentToken sends';
}

// ---- errors are typed and name the field
try {
    Doctor::check('nope', []);
    $fail[] = 'unknown gateway accepted';
} catch (CardToken\ValidationException $e) {
    if ($e->getField() !== 'gateway') {
        $fail[] = 'unknown gateway: field ' . $e->getField();
    }
}
try {
    Doctor::sign('pagsmile', 'get_card_token', ['card_number' => substr($card, 0, -1) . '0'] + $args, $cfg);
    $fail[] = 'bad card accepted';
} catch (CardToken\ValidationException $e) {
    $seen .= $e->getMessage() . (string)$e;
}

// ---- online: the clock against the loopback sandbox's Date header
$sb = new CtSandbox();
$r = Doctor::check('payermax', $sb->options('payermax') + ['merchant_public_key' => $k('merchant_public.pem')], true);
$seen .= var_export($r, true);
if (!$r['ok'] || !has($r, 'ok', 'clock_ok', '') || !has($r, 'ok', 'key_pair_ok', 'merchant_public_key')) {
    $fail[] = 'online payermax: ' . json_encode($r);
}
$r = Doctor::check('pagsmile', $sb->options('pagsmile', ['fixed_time' => '2030-01-01T00:00:00Z']), true);
if ($r['ok'] || !has($r, 'error', 'clock_skew', '')) {
    $fail[] = 'online skew not found';
}
$r = Doctor::check('pagsmile', $sb->options('pagsmile'));
foreach ($r['findings'] as $f) {
    if (str_starts_with($f['code'], 'clock')) {
        $fail[] = 'offline check made a request';
    }
}

// ---- nothing secret anywhere
foreach ([$card, $secret, substr($card, 0, -1)] as $needle) {
    if (str_contains($seen, $needle)) {
        $fail[] = 'leaked: a canary';
    }
}
if (preg_match('/(?<![0-9A-Za-z])' . $cvv . '(?![0-9A-Za-z])/', $seen)) {
    $fail[] = 'leaked: the CVV';
}
foreach (explode("\n", $k('merchant_private.pem')) as $line) {
    if (strlen($line) > 16 && !str_starts_with($line, '-----') && str_contains($seen, $line)) {
        $fail[] = 'leaked: private key material';
        break;
    }
}
echo $fail ? implode("\n", $fail) . "\n" : "ok\n";
?>
--EXPECT--
ok
