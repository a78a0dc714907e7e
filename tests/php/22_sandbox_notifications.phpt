--TEST--
sandbox: notifications of the four gateways (signed by the sandbox's own code): valid, tampered, missing signature; answered through a real HTTP round trip
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$sb = new CtSandbox();

function verdict(callable $f): string
{
    try {
        $r = $f();
        return 'verified ' . (is_array($r) ? count($r) . ' keys' : get_debug_type($r));
    } catch (CardToken\Exception $e) {
        return substr(strrchr(get_class($e), '\\'), 1) . ' ' . $e->getErrorName();
    }
}

function header_value(array $headers, string $name): ?string
{
    foreach ($headers as [$n, $v]) {
        if (strcasecmp($n, $name) === 0) {
            return $v;
        }
    }
    return null;
}

/** One byte changed inside a JSON string value (the JSON stays valid). */
function tamper(string $body, string $needle): string
{
    $pos = strpos($body, $needle);
    if ($pos === false) {
        throw new RuntimeException("no $needle in the body");
    }
    $i = $pos + strlen($needle);
    $body[$i] = $body[$i] === 'A' ? 'B' : 'A';
    return $body;
}

$url = 'http://127.0.0.1/notify/';

echo "-- Pagsmile\n";
$p = new CardToken\Pagsmile($sb->options('pagsmile'));
$n = $sb->buildNotification('pagsmile', $url . 'pagsmile');
parse_str($n['body'], $fields);
$got = $p->verifyNotification($fields);
// fields PHP's empty() leaves out of the signed string were never signed: not in the verified mapping
$signed = array_filter($fields, fn($v, $k) => $k === 'sign' || !empty($v), ARRAY_FILTER_USE_BOTH);
var_dump($got == $signed && count($signed) < count($fields), $got['trade_status']);
$bad = $fields;
$bad['total_amount'] = '99.00';
echo verdict(fn() => $p->verifyNotification($bad)), "\n";
$bad = $fields;
unset($bad['sign']);
echo verdict(fn() => $p->verifyNotification($bad)), "\n";
$bad = $fields;
$bad['sign'] = '';
echo verdict(fn() => $p->verifyNotification($bad)), "\n";
var_dump($p->notificationAck());

echo "-- PayerMax\n";
$m = new CardToken\PayerMax($sb->options('payermax'));
$n = $sb->buildNotification('payermax', $url . 'payermax');
$sign = header_value($n['headers'], 'sign');
$got = $m->verifyNotification($n['body'], $sign);
var_dump($got == json_decode($n['body'], true), $got['notifyType']);
echo verdict(fn() => $m->verifyNotification(tamper($n['body'], '"userId":"'), $sign)), "\n";
echo verdict(fn() => $m->verifyNotification($n['body'], '')), "\n";
echo verdict(fn() => $m->verifyNotification($n['body'], base64_encode(str_repeat("\1", 256)))), "\n";
var_dump($m->notificationAck());

echo "-- YabandPay\n";
$y = new CardToken\YabandPay($sb->options('yabandpay'));
$n = $sb->buildNotification('yabandpay', $url . 'yabandpay');
$got = $y->verifyNotification($n['body']);
var_dump($got == json_decode($n['body'], true)['data'], $got['state']);
$form = $sb->buildNotification('yabandpay', $url . 'yabandpay', true);
var_dump(str_starts_with($form['body'], 'resultData='), $y->verifyNotification($form['body'])['state']);
echo verdict(fn() => $y->verifyNotification(tamper($n['body'], '"trade_id":"'))), "\n";
$obj = json_decode($n['body'], true);
unset($obj['sign']);
echo verdict(fn() => $y->verifyNotification(json_encode($obj))), "\n";
var_dump($y->notificationAck());

echo "-- WorldFirst\n";
$w = new CardToken\WorldFirst($sb->options('worldfirst'));
$n = $sb->buildNotification('worldfirst', $url . 'worldfirst');
$got = $w->verifyNotification($n['path'], $n['headers'], $n['body']);
var_dump($got == json_decode($n['body'], true), $got['cardStatus']);
echo verdict(fn() => $w->verifyNotification($n['path'], $n['headers'], tamper($n['body'], '"assetId":"'))), "\n";
echo verdict(fn() => $w->verifyNotification('/notify/other', $n['headers'], $n['body'])), "\n";
$nosig = array_values(array_filter($n['headers'], fn($h) => strcasecmp($h[0], 'Signature') !== 0));
echo verdict(fn() => $w->verifyNotification($n['path'], $nosig, $n['body'])), "\n";
[$ackHeaders, $ackBody] = $w->notificationAck('/notify/worldfirst');
var_dump(array_column($ackHeaders, 0), json_decode($ackBody, true)['result']['resultStatus']);

echo "-- round trip: the sandbox posts, a PHP server verifies and answers, the sandbox checks the answer\n";
$dir = sys_get_temp_dir() . '/ct-notify-' . getmypid();
@mkdir($dir, 0700);
$router = "$dir/router.php";
file_put_contents($router, <<<'PHP'
<?php
$cfg = json_decode(file_get_contents(getenv('CT_SANDBOX_CONFIG')), true);
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$gw = basename($path);
$body = file_get_contents('php://input');
try {
    switch ($gw) {
        case 'pagsmile':
            $c = new CardToken\Pagsmile($cfg['pagsmile']);
            parse_str($body, $fields);
            $c->verifyNotification($fields);
            echo $c->notificationAck();
            break;
        case 'payermax':
            $c = new CardToken\PayerMax($cfg['payermax']);
            $c->verifyNotification($body, $_SERVER['HTTP_SIGN'] ?? '');
            echo $c->notificationAck();
            break;
        case 'yabandpay':
            $c = new CardToken\YabandPay($cfg['yabandpay']);
            $c->verifyNotification($body);
            echo $c->notificationAck();
            break;
        case 'worldfirst':
            $c = new CardToken\WorldFirst($cfg['worldfirst']);
            $c->verifyNotification($_SERVER['REQUEST_URI'], getallheaders(), $body);
            [$headers, $answer] = $c->notificationAck($_SERVER['REQUEST_URI']);
            foreach ($headers as [$n, $v]) {
                header("$n: $v");
            }
            echo $answer;
            break;
    }
    file_put_contents(getenv('CT_NOTIFY_LOG'), "$gw verified\n", FILE_APPEND);
} catch (CardToken\Exception $e) {
    http_response_code(400);
    file_put_contents(getenv('CT_NOTIFY_LOG'), "$gw " . get_class($e) . "\n", FILE_APPEND);
}
PHP);
$s = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
fclose($s);
$log = "$dir/notify.log";
$env = getenv();
$env['CT_SANDBOX_CONFIG'] = $sb->configFile;
$env['CT_NOTIFY_LOG'] = $log;
$server = proc_open(array_merge(ct_php_cmd(), ['-S', "127.0.0.1:$port", $router]),
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/server.out", 'w'], 2 => ['file', "$dir/server.err", 'w']],
    $pipes, $dir, $env);
$deadline = microtime(true) + 20 * ct_slow();
while (!($c = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 1)) && microtime(true) < $deadline) {
    usleep(50000);
}
if ($c) {
    fclose($c);
}
foreach (['pagsmile', 'payermax', 'yabandpay', 'worldfirst'] as $gw) {
    $r = ct_run([ct_python(), ct_sandbox_script(), 'notify', '--gateway', $gw, '--url', "http://127.0.0.1:$port/notify/$gw",
        '--config', $sb->configFile, '--timeout', (string)(30 * ct_slow())]);
    echo $gw, ': exit ', $r['status'], ' ', trim($r['stdout']), trim($r['stderr']) !== '' ? ' stderr: ' . trim($r['stderr']) : '', "\n";
}
proc_terminate($server);
proc_close($server);
echo file_get_contents($log);
foreach (glob("$dir/*") as $f) {
    unlink($f);
}
rmdir($dir);
?>
--EXPECT--
-- Pagsmile
bool(true)
string(7) "SUCCESS"
SignatureException CT_ERR_SIGNATURE
SignatureException CT_ERR_SIGNATURE
SignatureException CT_ERR_SIGNATURE
string(7) "success"
-- PayerMax
bool(true)
string(12) "TOKENIZATION"
SignatureException CT_ERR_SIGNATURE
SignatureException CT_ERR_SIGNATURE
SignatureException CT_ERR_SIGNATURE
string(34) "{"code":"SUCCESS","msg":"Success"}"
-- YabandPay
bool(true)
string(2) "00"
bool(true)
string(2) "00"
SignatureException CT_ERR_SIGNATURE
SignatureException CT_ERR_SIGNATURE
string(2) "ok"
-- WorldFirst
bool(true)
string(6) "ACTIVE"
SignatureException CT_ERR_SIGNATURE
SignatureException CT_ERR_SIGNATURE
SignatureException CT_ERR_SIGNATURE
array(4) {
  [0]=>
  string(12) "Content-Type"
  [1]=>
  string(9) "Client-Id"
  [2]=>
  string(13) "Response-Time"
  [3]=>
  string(9) "Signature"
}
string(1) "S"
-- round trip: the sandbox posts, a PHP server verifies and answers, the sandbox checks the answer
pagsmile: exit 0 pagsmile notification -> HTTP 200, answer accepted
payermax: exit 0 payermax notification -> HTTP 200, answer accepted
yabandpay: exit 0 yabandpay notification -> HTTP 200, answer accepted
worldfirst: exit 0 worldfirst notification -> HTTP 200, answer accepted
pagsmile verified
payermax verified
yabandpay verified
worldfirst verified
