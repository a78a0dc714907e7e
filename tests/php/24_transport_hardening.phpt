--TEST--
transport hardening: a stale answer on an idle connection is never the next call's answer; a 1 MiB header is too large, not out of memory; base_url and proxy are scheme://host[:port] only
--EXTENSIONS--
cardtoken
--SKIPIF--
<?php
if (!is_file(dirname(__DIR__) . '/python/hostile_server.py')) die('skip tests/python/hostile_server.py is not in this tree');
?>
--FILE--
<?php
require __DIR__ . '/helpers.inc';

const CREDS = ['merchant_no' => '1024201708140012289', 'app_id' => '2017051914172236111', 'app_key' => 'pagsmile-test-key'];

/** Starts tests/python/hostile_server.py MODE: [proc, pipes, info]. */
function hostile(string $mode): array
{
    $proc = proc_open([ct_python(), dirname(__DIR__) . '/python/hostile_server.py', $mode],
        [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $info = json_decode(fgets($pipes[1]), true, 512, JSON_THROW_ON_ERROR);
    return [$proc, $pipes, $info];
}

/** Stops it; returns how many connections it accepted. */
function stop(array $h): int
{
    [$proc, $pipes] = $h;
    fclose($pipes[0]);
    $err = stream_get_contents($pipes[2]);
    proc_close($proc);
    return preg_match('/connections (\d+)/', $err, $m) ? (int)$m[1] : -1;
}

function token(CardToken\Pagsmile $c, string $holder): string
{
    return $c->getCardToken(['card_number' => '4111111111111111', 'security_code' => '123',
        'expiration_month' => '12', 'expiration_year' => '2030', 'cardholder_name' => $holder])->cardholder_name;
}

function client(array $info, array $more = []): CardToken\Pagsmile
{
    return new CardToken\Pagsmile($more + CREDS + ['base_url' => $info['base_url'], 'ca_file' => $info['ca_file'], 'timeout' => 10.0]);
}

// Stale answer: after each answer the server sends, unasked, one about
// VICTIM: waiting in the socket (unsolicited) or already inside the
// client's TLS buffer (aligned).
foreach (['unsolicited', 'aligned'] as $mode) {
    $h = hostile($mode);
    $c = client($h[2]);
    echo "$mode: ", token($c, 'FIRST');
    usleep(500000);
    echo ' ', token($c, 'SECOND');
    usleep(300000);
    echo ' ', token($c, 'THIRD');
    $c = null;
    echo ' connections ', stop($h), "\n";
}

// A 1 MiB response header line.
$h = hostile('bighead');
try {
    token(client($h[2]), 'BIG');
    echo "no exception\n";
} catch (CardToken\Exception $e) {
    echo get_class($e), ' ', $e->getErrorName(), ' unknown=', var_export($e->isOutcomeUnknown(), true), "\n";
}
stop($h);

// base_url and proxy.
foreach ([['base_url', 'https://[@127.0.0.1:8443/evil?#]'], ['base_url', 'https://example.com/evil'],
          ['base_url', 'https://example.com?'], ['base_url', 'https://[1:2]'], ['base_url', 'https://[::1%25lo]'],
          ['proxy', 'http://127.0.0.1:3128/evil'], ['proxy', 'http://127.0.0.1:3128#x'],
          ['proxy', 'http://' . str_repeat('a', 8000001) . '.example:3128']] as [$name, $value]) {
    try {
        new CardToken\Pagsmile(CREDS + ['base_url' => 'https://example.com', $name => $value]);
        echo "$name accepted\n";
    } catch (CardToken\ConfigurationException $e) {
        echo "$name refused: ", $e->getField(), "\n";
    }
}
new CardToken\Pagsmile(CREDS + ['base_url' => 'https://[::1]:8443', 'proxy' => 'http://u:p@127.0.0.1:3128']);
echo "good ones accepted\n";
?>
--EXPECT--
unsolicited: FIRST SECOND THIRD connections 3
aligned: FIRST SECOND THIRD connections 3
CardToken\TransportException CT_ERR_TOO_LARGE unknown=true
base_url refused: base_url
base_url refused: base_url
base_url refused: base_url
base_url refused: base_url
base_url refused: base_url
proxy refused: proxy
proxy refused: proxy
proxy refused: proxy
good ones accepted
