<?php
/*
 * The measuring harness shared by the two PHP contenders (the PHP twin of
 * pybench.py; same modes, same output). A contender defines a class with
 *   call()              one full call over the network
 *   build()             the signed request, no I/O (whatever the contender's API returns)
 *   describe()          [method, url, headers (list of [name, value]), body] of a build
 *   parse(array $c)     verify + parse the canned response [status, headers, body]
 *   canned()            the canned response in the form parse() takes
 *   summary($result)    [field => value] of a parsed result
 * and calls bench_main(fn($call, $fx) => new Contender($call, $fx)).
 *
 * Command line: MODE CALL N FIXTURES_JSON (see pybench.py).
 * CPU time: getrusage() user + system of the loop / N; wall: hrtime().
 */

declare(strict_types=1);

function bench_rss_kib(): int
{
    foreach (file('/proc/self/status') as $line) {
        if (strncmp($line, 'VmRSS:', 6) === 0) {
            return (int)preg_split('/\s+/', trim($line))[1];
        }
    }
    return -1;
}

function bench_cpu_us(): float
{
    $r = getrusage();
    return $r['ru_utime.tv_sec'] * 1e6 + $r['ru_utime.tv_usec']
         + $r['ru_stime.tv_sec'] * 1e6 + $r['ru_stime.tv_usec'];
}

function bench_measure(callable $loop, int $n): array
{
    $loop(max(20, intdiv($n, 20)));  // warm-up
    $c0 = bench_cpu_us();
    $t0 = hrtime(true);
    $loop($n);
    $t1 = hrtime(true);
    $c1 = bench_cpu_us();
    return ['n' => $n, 'cpu_us' => ($c1 - $c0) / $n, 'wall_us' => ($t1 - $t0) / 1e3 / $n];
}

function bench_tamper(string $body, string $call): string
{
    $needle = ['payermax' => 'czy_0088', 'worldfirst' => '5555555555554444'][$call];
    if (strpos($body, $needle) === false) {
        throw new LogicException('nothing to tamper with');
    }
    $last = chr(ord($needle[strlen($needle) - 1]) ^ 1);
    return str_replace($needle, substr($needle, 0, -1) . $last, $body);
}

function bench_main(callable $make): void
{
    global $argv;
    [, $mode, $call, $nArg, $fxPath] = $argv;
    $fx = json_decode(file_get_contents($fxPath), true, 512, JSON_THROW_ON_ERROR);
    $c = $make($call, $fx);
    $out = ['call' => $call, 'mode' => $mode];

    switch ($mode) {
    case 'net':
        $n = (int)$nArg;
        $got = $c->summary($c->call());
        foreach ($fx['calls'][$call]['expect'] as $k => $v) {
            if (($got[$k] ?? null) !== $v) {
                fwrite(STDERR, "$call: $k=" . var_export($got[$k] ?? null, true) . ", expected $v\n");
                exit(1);
            }
        }
        $loop = function (int $k) use ($c): void {
            for ($i = 0; $i < $k; $i++) {
                $c->call();
            }
        };
        $out += bench_measure($loop, $n);
        break;
    case 'nonet':
        $n = (int)$nArg;
        $canned = $c->canned();
        $loop = function (int $k) use ($c, $canned): void {
            for ($i = 0; $i < $k; $i++) {
                $c->build();
                $c->parse($canned);
            }
        };
        $out += bench_measure($loop, $n);
        break;
    case 'check':
        [$method, $url, $headers, $body] = $c->describe();
        $out['request'] = ['method' => $method, 'url' => $url, 'headers' => $headers, 'body' => $body];
        $out['parsed'] = $c->summary($c->parse($c->canned()));
        if ($call === 'payermax' || $call === 'worldfirst') {
            [$status, $h, $b] = $c->canned();
            try {
                $c->parse([$status, $h, bench_tamper($b, $call)]);
                $out['tampered_rejected'] = false;
            } catch (Throwable $e) {
                $out['tampered_rejected'] = true;
                $out['tampered_error'] = get_class($e);
            }
        }
        $out['network'] = $c->summary($c->call());
        break;
    case 'rss':
        $marks = array_map('intval', explode(',', $nArg));
        sort($marks);
        $canned = $c->canned();
        $done = 0;
        $samples = [];
        $t0 = hrtime(true);
        foreach ($marks as $m) {
            for ($i = $done; $i < $m; $i++) {
                $c->build();
                $c->parse($canned);
            }
            $done = $m;
            $samples[(string)$m] = bench_rss_kib();
        }
        $out['rss_kib'] = $samples;
        $out['seconds'] = (hrtime(true) - $t0) / 1e9;
        break;
    default:
        fwrite(STDERR, "mode must be net, nonet, check or rss\n");
        exit(2);
    }
    echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
}
