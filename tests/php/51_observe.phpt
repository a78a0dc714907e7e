--TEST--
observing calls: the logger (PSR-3 style), on_call, log_bodies and getResponse(), every attempt of a retried call, and the canary (card, CVV, token, keys, secrets) found in none of them
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$card = CT_CANARY_CARD;
$cvv = CT_CANARY_CVV;
$sb = new CtSandbox(['--world-card', "$card:$cvv:07:29"]);

/** PSR-3 style, without psr/log. */
final class MemLogger
{
    public array $lines = [];

    public function log($level, $message, array $context = []): void
    {
        $this->lines[] = [$level, (string)$message, $context];
    }
}

$magic = ['pagsmile' => 'cardholder_name', 'payermax' => 'user_id', 'yabandpay' => 'order_id', 'worldfirst' => 'asset_id'];
$base = [
    'pagsmile' => ['card_number' => $card, 'security_code' => $cvv, 'expiration_month' => '07',
        'expiration_year' => '2029', 'cardholder_name' => 'APRO'],
    'payermax' => ['user_id' => 'u1'],
    'yabandpay' => ['order_id' => 'o1', 'card_number' => $card, 'security_code' => $cvv,
        'expiration_month' => '07', 'expiration_year' => '2029', 'cardholder_name' => 'APRO', 'email' => 'a@example.com',
        'currency' => 'EUR', 'description' => 'd', 'notify_url' => 'https://merchant.example.com/n'],
    'worldfirst' => ['asset_id' => 'A1'],
];

$texts = [];
$secrets = [];
foreach (['pagsmile', 'payermax', 'yabandpay', 'worldfirst'] as $gw) {
    foreach ($sb->config[$gw] as $k => $v) {
        if (is_string($v) && strlen($v) >= 8 && preg_match('/key|secret|token|password/', $k)) {
            $secrets[] = $v;
            foreach (explode("\n", $v) as $line) {
                if (strlen($line) >= 40) {
                    $secrets[] = $line;
                }
            }
        }
    }
}

echo "-- one debug line per attempt and per call; the hook sees both\n";
foreach (['pagsmile', 'payermax', 'yabandpay', 'worldfirst'] as $gw) {
    $log = new MemLogger();
    $seen = [];
    $op = lcfirst(ct_op($gw));
    // a connection of its own (not the process-wide cache's), so that its
    // first attempt reports the handshake
    $c = ct_client($gw, $sb->options($gw, ['logger' => $log, 'log_bodies' => true, 'persistent' => false,
        'on_call' => function (array $r) use (&$seen) { $seen[] = $r; }]));
    $res = $c->$op($base[$gw]);
    $one = is_array($res) ? $res[0] : $res;
    $resp = $one->getResponse();
    $texts[] = json_encode($resp) . print_r($resp, true);
    foreach ($one as $k => $v) {
        if (is_string($v) && strlen($v) >= 8 && in_array($k, ['token', 'payment_token', 'payment_token_id', 'access_token'], true)) {
            $secrets[] = $v; // the payment token the gateway returned
        }
    }
    $levels = implode(',', array_unique(array_map(fn($l) => $l[0], $log->lines)));
    printf("%-10s hook=%s levels=%s lines=%d status=%d attempts=%d date=%s\n", $gw,
        implode(',', array_map(fn($r) => $r['kind'], $seen)), $levels, count($log->lines), $resp['status'],
        $resp['attempts'], ct_header($resp, 'date') !== null ? 'yes' : 'no');
    [$lvl, $msg, $ctx] = $log->lines[0];
    var_dump((bool)preg_match("/^$gw [a-z_]+ attempt 1: POST \\/\\S* -> 200 ok in [0-9.]+ ms \\(dns [0-9.]+, connect [0-9.]+, tls [0-9.]+, first byte [0-9.]+ ms\\), connection new, sent [0-9]+ B, received [0-9]+ B$/", $msg));
    var_dump($ctx['kind'] === 'attempt' && $ctx['http_status'] === 200 && $ctx['server'] === '127.0.0.1'
        && $ctx['tls'] > 0 && $ctx['bytes_sent'] > 0 && $ctx['reused'] === false && $ctx['error'] === null);
    var_dump(str_contains($log->lines[1][1], 'call: POST') && str_contains($log->lines[1][1], 'after 1 attempt(s)'));
    var_dump(str_contains($log->lines[2][1], 'request body (redacted)'), str_contains($log->lines[3][1], 'response body (masked)'));
    if ($gw === 'worldfirst') {
        echo 'Signature header: ', ct_header($resp, 'signature'), "\n";
    }
    foreach ($log->lines as $l) {
        $texts[] = $l[1] . json_encode($l[2]);
    }
    $texts[] = json_encode($seen);

    // failing calls: the exception carries the exchange; the hook and the logger see them too
    // (Pagsmile's and YabandPay's answers carry no signature to break)
    foreach (in_array($gw, ['payermax', 'worldfirst'], true) ? ['http500', 'badsign', 'notjson'] : ['http500', 'notjson'] as $kind) {
        $log->lines = [];
        $seen = [];
        try {
            $c->$op([$magic[$gw] => "FAULT-$kind"] + $base[$gw]);
            echo "$kind: no exception\n";
        } catch (CardToken\Exception $e) {
            $r = $e->getResponse();
            $call = end($seen);
            printf("  %-8s %s status=%s hook=%s/%s lines=%d\n", $kind, $e->getErrorName(), $r['status'] ?? 'none',
                $call['kind'], $call['error'], count($log->lines));
            $texts[] = json_encode($r) . print_r($r, true) . json_encode($seen);
            foreach ($log->lines as $l) {
                $texts[] = $l[1] . json_encode($l[2]);
            }
        }
    }
    // parsed from the caller's own HTTP exchange: no response
    $req = $c->{'build' . ct_op($gw)}($base[$gw]);
    var_dump($req instanceof CardToken\Request);
}

function ct_header(?array $resp, string $name): ?string
{
    foreach ($resp['headers'] ?? [] as [$n, $v]) {
        if (strcasecmp($n, $name) === 0) {
            return $v;
        }
    }
    return null;
}

echo "-- a retried call: every attempt\n";
$s = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
fclose($s);
$log = new MemLogger();
$seen = [];
$c = new CardToken\YabandPay(['user' => '016683', 'secret_key' => 'SandboxYabandPaySecretKey',
    'base_url' => "http://127.0.0.1:$port", 'max_retries' => 2, 'logger' => $log,
    'on_call' => function (array $r) use (&$seen) { $seen[] = $r; }]);
try {
    $c->createCardToken($base['yabandpay']);
} catch (CardToken\TransportException $e) {
    echo $e->getErrorName(), ' response=', var_export($e->getResponse(), true), "\n";
}
foreach ($seen as $r) {
    printf("%s %d retrying=%s error=%s\n", $r['kind'], $r['attempt'], var_export($r['retrying'], true), $r['error']);
}
foreach ($log->lines as $l) {
    echo preg_replace('/ in [0-9.]+ ms.*$/', ' ...', $l[1]), "\n";
}

echo "-- the shim's own options are checked\n";
foreach (['logger' => 42, 'on_call' => 'no_such_function_here', 'log_bodies' => 'yes'] as $k => $v) {
    try {
        new CardToken\YabandPay(['user' => '016683', 'secret_key' => 'x', 'base_url' => 'http://127.0.0.1:9', $k => $v]);
    } catch (CardToken\ConfigurationException $e) {
        echo "$k: ", get_class($e), ' field=', $e->getField(), "\n";
    } catch (TypeError $e) {
        echo "$k: TypeError\n";
    }
}

echo "-- a throwing logger does not fail the call\n";
$bad = new class {
    public function log($level, $message, array $context = []): void
    {
        throw new RuntimeException('logger broke');
    }
};
set_error_handler(function ($no, $str) { echo "warning: $str\n"; return true; });
$c = ct_client('yabandpay', $sb->options('yabandpay', ['logger' => $bad]));
echo get_class($c->createCardToken($base['yabandpay'])), "\n";
restore_error_handler();

echo "-- the canary\n";
$all = implode("\n", $texts);
echo 'card/cvv: ', implode(',', ct_canary_leaks($all)) ?: 'clean', "\n";
$found = [];
foreach (array_unique($secrets) as $sec) {
    foreach ([$sec, base64_encode($sec), rawurlencode($sec), substr(json_encode($sec), 1, -1)] as $form) {
        if (str_contains($all, $form)) {
            $found[] = substr($sec, 0, 4) . '...';
        }
    }
}
echo 'keys/secrets/tokens (', count(array_unique($secrets)) > 6 ? 'many' : 'few', '): ', $found ? implode(',', $found) : 'clean', "\n";
echo 'the search finds: ', implode(',', ct_canary_leaks("x $card $cvv")), "\n";
echo 'masked forms seen: ', str_contains($all, substr($card, 0, 6) . '******' . substr($card, -4)) ? 'yes' : 'no', "\n";
?>
--EXPECTF--
-- one debug line per attempt and per call; the hook sees both
pagsmile   hook=attempt,call levels=debug lines=4 status=200 attempts=1 date=yes
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
  http500  CT_ERR_SERVER status=500 hook=call/CT_ERR_SERVER lines=4
  notjson  CT_ERR_PROTOCOL status=200 hook=call/CT_ERR_PROTOCOL lines=4
bool(true)
payermax   hook=attempt,call levels=debug lines=4 status=200 attempts=1 date=yes
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
  http500  CT_ERR_SERVER status=500 hook=call/CT_ERR_SERVER lines=4
  badsign  CT_ERR_SIGNATURE status=200 hook=call/CT_ERR_SIGNATURE lines=4
  notjson  CT_ERR_PROTOCOL status=200 hook=call/CT_ERR_PROTOCOL lines=4
bool(true)
yabandpay  hook=attempt,call levels=debug lines=4 status=200 attempts=1 date=yes
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
  http500  CT_ERR_SERVER status=500 hook=call/CT_ERR_SERVER lines=4
  notjson  CT_ERR_PROTOCOL status=200 hook=call/CT_ERR_PROTOCOL lines=4
bool(true)
worldfirst hook=attempt,call levels=debug lines=4 status=200 attempts=1 date=yes
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
Signature header: ***
  http500  CT_ERR_SERVER status=500 hook=call/CT_ERR_SERVER lines=4
  badsign  CT_ERR_SIGNATURE status=200 hook=call/CT_ERR_SIGNATURE lines=4
  notjson  CT_ERR_PROTOCOL status=200 hook=call/CT_ERR_PROTOCOL lines=4
bool(true)
-- a retried call: every attempt
CT_ERR_CONNECT response=NULL
attempt 1 retrying=true error=CT_ERR_CONNECT
attempt 2 retrying=true error=CT_ERR_CONNECT
attempt 3 retrying=false error=CT_ERR_CONNECT
call 3 retrying=false error=CT_ERR_CONNECT
yabandpay create_card_token attempt 1: POST /Payments -> - transport CT_ERR_CONNECT ...
yabandpay create_card_token attempt 2: POST /Payments -> - transport CT_ERR_CONNECT ...
yabandpay create_card_token attempt 3: POST /Payments -> - transport CT_ERR_CONNECT ...
yabandpay create_card_token call: POST /Payments -> - transport CT_ERR_CONNECT after 3 attempt(s) ...
-- the shim's own options are checked
logger: CardToken\ConfigurationException field=logger
on_call: CardToken\ConfigurationException field=on_call
log_bodies: TypeError
-- a throwing logger does not fail the call
warning: %Scardtoken: the logger threw RuntimeException
warning: %Scardtoken: the logger threw RuntimeException
CardToken\CardPayment
-- the canary
card/cvv: clean
keys/secrets/tokens (many): clean
the search finds: card plain,cvv plain
masked forms seen: yes
