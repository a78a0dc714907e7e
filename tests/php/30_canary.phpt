--TEST--
canary: a card number and CVV never reach exception messages, traces, uncaught-exception output or dumps (plain, spaced, URL-encoded, JSON-escaped, base64)
--EXTENSIONS--
cardtoken
--INI--
zend.exception_ignore_args=0
zend.exception_string_param_max_len=1000000
--FILE--
<?php
require __DIR__ . '/helpers.inc';

echo "-- the search finds every form (positive controls)\n";
$card = CT_CANARY_CARD;
$cvv = CT_CANARY_CVV;
foreach ([
    'plain' => "x{$card}y",
    'spaced' => implode(' ', str_split($card, 4)),
    'dashed' => implode('-', str_split($card, 4)),
    'url spaced' => rawurlencode(implode(' ', str_split($card, 4))),
    'form spaced' => urlencode(implode(' ', str_split($card, 4))),
    'json \u' => implode('', array_map(fn($c) => sprintf('\u%04x', ord($c)), str_split($card))),
    'url %xx' => implode('', array_map(fn($c) => '%' . bin2hex($c), str_split($card))),
    'base64 0' => base64_encode($card),
    'base64 1' => base64_encode("a$card"),
    'base64 2' => base64_encode("ab$card"),
    'base64url' => strtr(base64_encode("ab$card"), '+/', '-_'),
    'cvv' => "cvv=$cvv;",
    'cvv json' => json_encode(['c' => $cvv]),
    'clean masked' => substr($card, 0, 6) . '******' . substr($card, -4),
    'clean other' => '41111111111111110',
] as $label => $text) {
    echo str_pad($label, 13), implode(',', ct_canary_leaks($text)) ?: 'clean', "\n";
}
// Traces show string arguments in full with these settings: a function
// without #[\SensitiveParameter] leaks (so a clean trace below means something).
function leaky(string $s): never { throw new RuntimeException('x'); }
try { leaky($card); } catch (Exception $e) { echo 'unprotected trace: ', implode(',', ct_canary_leaks($e->getTraceAsString())), "\n"; }

$sb = new CtSandbox(['--world-card', "$card:$cvv:07:29"]);
$pagsmile = new CardToken\Pagsmile($sb->options('pagsmile'));
$payermax = new CardToken\PayerMax($sb->options('payermax'));
$yabandpay = new CardToken\YabandPay($sb->options('yabandpay'));
$worldfirst = new CardToken\WorldFirst($sb->options('worldfirst'));
$cardArgs = ['card_number' => $card, 'security_code' => $cvv, 'expiration_month' => '07', 'expiration_year' => '2029',
    'cardholder_name' => 'Canary Holder'];
$ybArgs = $cardArgs + ['order_id' => 'ORD-C', 'email' => 'c@example.com', 'currency' => 'EUR', 'description' => 'd',
    'notify_url' => 'https://merchant.example.com/n'];
$wv = ct_vectors('worldfirst')['success.json'];
$cardBody = str_replace([$wv['result']['card_no'], '"' . $wv['result']['cvv'] . '"'], [$card, "\"$cvv\""], $wv['response']['body']);

$cases = [
    'pagsmile call' => fn() => $pagsmile->getCardToken($cardArgs),
    'pagsmile build' => fn() => $pagsmile->buildGetCardToken($cardArgs),
    'pagsmile bad month' => fn() => $pagsmile->getCardToken(['expiration_month' => '13'] + $cardArgs),
    'pagsmile bad holder' => fn() => $pagsmile->buildGetCardToken(['cardholder_name' => "a\x01b"] + $cardArgs),
    'pagsmile luhn' => fn() => $pagsmile->buildGetCardToken(['card_number' => substr($card, 0, -1) . '0'] + $cardArgs),
    'pagsmile type' => fn() => $pagsmile->getCardToken(['expiration_month' => 7] + $cardArgs),
    'pagsmile cvv type' => fn() => $pagsmile->getCardToken(['security_code' => (int)$cvv] + $cardArgs),
    'pagsmile decline' => fn() => $pagsmile->getCardToken(['cardholder_name' => 'DECLINE-508'] + $cardArgs),
    'pagsmile reset' => fn() => $pagsmile->getCardToken(['cardholder_name' => 'FAULT-reset'] + $cardArgs),
    'pagsmile notjson' => fn() => $pagsmile->getCardToken(['cardholder_name' => 'FAULT-notjson'] + $cardArgs),
    'pagsmile http500' => fn() => $pagsmile->getCardToken(['cardholder_name' => 'FAULT-http500'] + $cardArgs),
    'pagsmile parse' => fn() => $pagsmile->parseGetCardToken(200, [], "{\"code\":\"200\",\"info\":{\"card\":\"$card\",\"cvv\":\"$cvv\"}}"),
    'pagsmile notification' => fn() => $pagsmile->verifyNotification(['card' => $card, 'cvv' => $cvv, 'sign' => str_repeat('0', 32)]),
    'pagsmile key option' => fn() => new CardToken\Pagsmile(['app_key' => $card, 'colour' => $cvv] + $sb->options('pagsmile')),
    'pagsmile key type' => fn() => new CardToken\Pagsmile(['app_key' => $card, 'timeout' => $cvv] + $sb->options('pagsmile')),
    'payermax bad key' => fn() => new CardToken\PayerMax(['private_key' => "-----BEGIN PRIVATE KEY-----\n$card$cvv\n-----END PRIVATE KEY-----\n"] + $sb->options('payermax')),
    'payermax bad b64 key' => fn() => new CardToken\PayerMax(['gateway_public_key' => base64_encode($card . $cvv)] + $sb->options('payermax')),
    'payermax notification' => fn() => $payermax->verifyNotification("{\"data\":{\"card\":\"$card\",\"cvv\":\"$cvv\"}}", base64_encode(str_repeat("\1", 256))),
    'yabandpay call' => fn() => $yabandpay->createCardToken($ybArgs),
    'yabandpay build' => fn() => $yabandpay->buildCreateCardToken($ybArgs),
    'yabandpay bad email' => fn() => $yabandpay->createCardToken(['email' => 'nope'] + $ybArgs),
    'yabandpay decline' => fn() => $yabandpay->createCardToken(['order_id' => 'DECLINE--2001'] + $ybArgs),
    'yabandpay truncate' => fn() => $yabandpay->createCardToken(['order_id' => 'FAULT-truncate'] + $ybArgs),
    'yabandpay huge' => fn() => $yabandpay->createCardToken(['order_id' => 'FAULT-huge'] + $ybArgs),
    'yabandpay redirect' => fn() => $yabandpay->createCardToken(['order_id' => 'FAULT-redirect'] + $ybArgs),
    'yabandpay notification' => fn() => $yabandpay->verifyNotification("{\"sign\":\"00\",\"data\":{\"card\":\"$card\",\"cvv\":\"$cvv\"}}"),
    'yabandpay form notification' => fn() => $yabandpay->verifyNotification('resultData=' . urlencode("{\"sign\":\"00\",\"data\":{\"card\":\"$card\"}}")),
    'yabandpay secret option' => fn() => new CardToken\YabandPay(['secret_key' => $card . $cvv, 'colour' => 1] + $sb->options('yabandpay')),
    'worldfirst call' => fn() => $worldfirst->queryCardSensitiveInfo(['asset_id' => 'A-1']),
    'worldfirst badsign' => fn() => $worldfirst->queryCardSensitiveInfo(['asset_id' => 'FAULT-badsign']),
    'worldfirst nosign' => fn() => $worldfirst->queryCardSensitiveInfo(['asset_id' => 'FAULT-nosign']),
    'worldfirst unknown' => fn() => $worldfirst->queryCardSensitiveInfo(['asset_id' => 'FAULT-unknown']),
    'worldfirst parse tampered' => fn() => (new CardToken\WorldFirst($wv['config']))->parseQueryCardSensitiveInfo(200, $wv['response']['headers'], $cardBody),
    'worldfirst parse unsigned' => fn() => $worldfirst->parseQueryCardSensitiveInfo(200, [], $cardBody),
    'worldfirst parse 500' => fn() => $worldfirst->parseQueryCardSensitiveInfo(500, [], $cardBody),
    'worldfirst notification' => fn() => $worldfirst->verifyNotification('/notify', [['Signature', 'algorithm=RSA256,keyVersion=2,signature=AAAA']], $cardBody),
];
echo "-- outputs\n";
foreach ($cases as $label => $f) {
    try {
        $r = $f();
        $what = is_object($r) ? get_class($r) : get_debug_type($r);
        $out = ct_all_dumps($r);
    } catch (Throwable $e) {
        $what = get_class($e);
        $out = ct_all_dumps($e);
    }
    $leaks = ct_canary_leaks($out);
    echo str_pad($label, 28), str_pad($what, 37), $leaks ? 'LEAK ' . implode(',', $leaks) : 'clean', "\n";
}

echo "-- uncaught exceptions in a child process\n";
$scripts = [
    'parse' => '$w = new CardToken\WorldFirst($cfg["worldfirst"]); $w->parseQueryCardSensitiveInfo(200, [], $body);',
    'call' => '$p = new CardToken\Pagsmile($cfg["pagsmile"]); $p->getCardToken(["cardholder_name" => "DECLINE-402"] + $args);',
    'badsign' => '$w = new CardToken\WorldFirst($cfg["worldfirst"]); $w->queryCardSensitiveInfo(["asset_id" => "FAULT-badsign"]);',
    'option' => 'new CardToken\Pagsmile(["app_key" => $card, "timeout" => "x"] + $cfg["pagsmile"]);',
    'notification' => '$y = new CardToken\YabandPay($cfg["yabandpay"]); $y->verifyNotification($body);',
    'validation' => '$p = new CardToken\Pagsmile($cfg["pagsmile"]); $p->buildGetCardToken(["expiration_year" => "29"] + $args);',
];
$dir = sys_get_temp_dir() . '/ct-canary-' . getmypid();
@mkdir($dir, 0700);
foreach ($scripts as $label => $code) {
    $file = "$dir/$label.php";
    file_put_contents($file, "<?php\n\$cfg = json_decode(file_get_contents(" . var_export($sb->configFile, true) . "), true);\n"
        . '$card = ' . var_export($card, true) . ";\n"
        . '$args = ' . var_export($cardArgs, true) . ";\n"
        . '$body = ' . var_export($cardBody, true) . ";\n"
        . "function run(\$cfg, \$card, \$args, \$body) { $code }\nrun(\$cfg, \$card, \$args, \$body);\n");
    $r = ct_run(array_merge(ct_php_cmd(), ['-d', 'display_errors=1', '-d', 'log_errors=1', '-d', 'error_reporting=-1',
        '-d', 'zend.exception_ignore_args=0', '-d', 'zend.exception_string_param_max_len=1000000', '-d', 'html_errors=0', $file]));
    // The script itself holds the canary in its own frames' arguments
    // (run($cfg, $card, ...)): only the extension's frames must be clean.
    $ours = preg_replace('/^#\d+ .*: run\(.*$/m', '#N run(...)', $r['stdout'] . $r['stderr']);
    preg_match('/Uncaught ([A-Za-z\\\\]+)/', $ours, $m);
    $leaks = ct_canary_leaks($ours);
    echo str_pad($label, 13), str_pad($m[1] ?? 'NO UNCAUGHT EXCEPTION', 34), $leaks ? 'LEAK ' . implode(',', $leaks) : 'clean', "\n";
    unlink($file);
}
rmdir($dir);
?>
--EXPECT--
-- the search finds every form (positive controls)
plain        card plain
spaced       card spaced
dashed       card spaced
url spaced   card spaced
form spaced  card spaced
json \u      card json-escaped
url %xx      card url-encoded
base64 0     card base64
base64 1     card base64
base64 2     card base64
base64url    card base64
cvv          cvv plain
cvv json     cvv plain
clean masked clean
clean other  clean
unprotected trace: card plain
-- outputs
pagsmile call               CardToken\CardTokenResult            clean
pagsmile build              CardToken\Request                    clean
pagsmile bad month          CardToken\ValidationException        clean
pagsmile bad holder         CardToken\ValidationException        clean
pagsmile luhn               CardToken\ValidationException        clean
pagsmile type               TypeError                            clean
pagsmile cvv type           TypeError                            clean
pagsmile decline            CardToken\GatewayException           clean
pagsmile reset              CardToken\TransportException         clean
pagsmile notjson            CardToken\ProtocolException          clean
pagsmile http500            CardToken\TransportException         clean
pagsmile parse              CardToken\ProtocolException          clean
pagsmile notification       CardToken\SignatureException         clean
pagsmile key option         CardToken\ConfigurationException     clean
pagsmile key type           TypeError                            clean
payermax bad key            CardToken\ConfigurationException     clean
payermax bad b64 key        CardToken\ConfigurationException     clean
payermax notification       CardToken\SignatureException         clean
yabandpay call              CardToken\CardPayment                clean
yabandpay build             CardToken\Request                    clean
yabandpay bad email         CardToken\ValidationException        clean
yabandpay decline           CardToken\GatewayException           clean
yabandpay truncate          CardToken\TransportException         clean
yabandpay huge              CardToken\TransportException         clean
yabandpay redirect          CardToken\TransportException         clean
yabandpay notification      CardToken\SignatureException         clean
yabandpay form notification CardToken\SignatureException         clean
yabandpay secret option     CardToken\ConfigurationException     clean
worldfirst call             CardToken\CardSensitiveInfo          clean
worldfirst badsign          CardToken\SignatureException         clean
worldfirst nosign           CardToken\SignatureException         clean
worldfirst unknown          CardToken\ResultUnknownException     clean
worldfirst parse tampered   CardToken\SignatureException         clean
worldfirst parse unsigned   CardToken\SignatureException         clean
worldfirst parse 500        CardToken\TransportException         clean
worldfirst notification     CardToken\SignatureException         clean
-- uncaught exceptions in a child process
parse        CardToken\SignatureException      clean
call         CardToken\GatewayException        clean
badsign      CardToken\SignatureException      clean
option       TypeError                         clean
notification CardToken\SignatureException      clean
validation   CardToken\ValidationException     clean
