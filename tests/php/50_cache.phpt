--TEST--
process-wide connection cache (issue 17): clients built per request reuse one warm connection; persistent=false opts out; a forked child opens its own; the ini settings show in phpinfo()
--EXTENSIONS--
cardtoken
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork is not available'); ?>
--INI--
cardtoken.max_connections=8
cardtoken.idle_timeout=30
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$sb = new CtSandbox([]);
// A copy of the CA file: the forked child's exit runs CtSandbox's
// destructor, which removes the sandbox's directory.
$opts = $sb->options('pagsmile');
$ca = tempnam(sys_get_temp_dir(), 'ct50');
copy($opts['ca_file'], $ca);
$opts['ca_file'] = $ca;

function one_request(array $opts, array $extra = []): string
{
    // what a php-fpm page does: a new client, one call, the client freed
    $c = new CardToken\Pagsmile($extra + $opts);
    return $c->getCardToken(['card_number' => '4111111111111111', 'security_code' => '123',
        'expiration_month' => '12', 'expiration_year' => '2030', 'cardholder_name' => 'per request'])->cardholder_name;
}

var_dump(ini_get('cardtoken.persistent'), ini_get('cardtoken.max_connections'), ini_get('cardtoken.idle_timeout'));
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
foreach (['cardtoken.persistent', 'cardtoken.max_connections', 'cardtoken.idle_timeout', 'cache (this process)'] as $row) {
    echo $row, ': ', str_contains($info, $row) ? 'shown' : 'missing', "\n";
}

// 1. Five per-request clients: one connection.
$sb->resetStats();
for ($i = 0; $i < 5; $i++) {
    one_request($opts);
}
$st = $sb->stats();
echo "cached: requests={$st['requests_total']} accepted={$st['connections_accepted']} new={$st['requests_on_new_connections']}\n";

// 2. persistent=false: each client its own connection.
$sb->resetStats();
for ($i = 0; $i < 3; $i++) {
    one_request($opts, ['persistent' => false]);
}
$st = $sb->stats();
echo "opted out: requests={$st['requests_total']} accepted={$st['connections_accepted']}\n";

// 3. A forked child (a php-fpm worker forks after MINIT) never uses the
// parent's cached connection.
one_request($opts);
$sb->resetStats();
$pid = pcntl_fork();
if ($pid === 0) {
    $code = 1;
    try {
        $code = one_request($opts) === 'per request' && one_request($opts) === 'per request' ? 0 : 2;
    } finally {
        exit($code);
    }
}
pcntl_waitpid($pid, $status);
$st = $sb->stats();
echo 'child status=', pcntl_wexitstatus($status), " accepted={$st['connections_accepted']} new={$st['requests_on_new_connections']}\n";
one_request($opts); // the parent's connection is still warm and intact
$st = $sb->stats();
echo "parent after: accepted={$st['connections_accepted']} new={$st['requests_on_new_connections']}\n";
unlink($ca);
?>
--EXPECT--
string(1) "1"
string(1) "8"
string(2) "30"
cardtoken.persistent: shown
cardtoken.max_connections: shown
cardtoken.idle_timeout: shown
cache (this process): shown
cached: requests=5 accepted=1 new=1
opted out: requests=3 accepted=3
child status=0 accepted=1 new=1
parent after: accepted=1 new=1
