--TEST--
fork after use (pcntl_fork): the child never touches the inherited keep-alive TLS connection; parent and child calling at once get only their own answers
--EXTENSIONS--
cardtoken
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork is not available'); ?>
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$sb = new CtSandbox(['--latency', '0.02']);
const N = 20;

function token(CardToken\Pagsmile $c, string $holder): string
{
    return $c->getCardToken(['card_number' => '4111111111111111', 'security_code' => '123',
        'expiration_month' => '12', 'expiration_year' => '2030', 'cardholder_name' => $holder])->cardholder_name;
}

/** N calls, each checked against its own tag: [crossed, errors]. */
function run_calls(CardToken\Pagsmile $c, string $side): array
{
    $crossed = $errors = 0;
    for ($i = 0; $i < N; $i++) {
        try {
            if (token($c, "$side $i") !== "$side $i") {
                $crossed++;
            }
        } catch (CardToken\Exception $e) {
            $errors++;
        }
    }
    return [$crossed, $errors];
}

/** Runs $body in a pcntl_fork child; returns its exit status. */
function in_child(callable $body): int
{
    $pid = pcntl_fork();
    if ($pid === 0) {
        $code = 99;
        try {
            $code = $body();
        } finally {
            exit($code); // PHP's shutdown runs in the child: part of the test
        }
    }
    pcntl_waitpid($pid, $status);
    return pcntl_wexitstatus($status);
}

// 1. Both sides call at once after the fork.
$c = new CardToken\Pagsmile($sb->options('pagsmile'));
token($c, 'before');
$sb->resetStats();
[$r, $w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$pid = pcntl_fork();
if ($pid === 0) {
    fclose($w);
    fread($r, 1);
    [$crossed, $errors] = run_calls($c, 'child');
    exit(min($crossed * 10 + $errors, 98));
}
fclose($r);
fwrite($w, 'x');
fclose($w);
[$crossed, $errors] = run_calls($c, 'parent');
pcntl_waitpid($pid, $status);
$st = $sb->stats();
echo "parent crossed=$crossed errors=$errors\n";
echo 'child status=', pcntl_wexitstatus($status), "\n";
echo "requests={$st['requests_total']} new_connections={$st['requests_on_new_connections']} accepted={$st['connections_accepted']}\n";

// 2. A child that only frees the inherited client (and exits, running
// PHP's shutdown) sends nothing on the parent's connection.
$sb->resetStats();
echo 'child status=', in_child(function () use (&$c): int {
    $c = null;
    return 0;
}), "\n";
echo token($c, 'after'), "\n";
$st = $sb->stats();
echo "requests={$st['requests_total']} new_connections={$st['requests_on_new_connections']}\n";
?>
--EXPECT--
parent crossed=0 errors=0
child status=0
requests=40 new_connections=1 accepted=1
child status=0
after
requests=1 new_connections=0
