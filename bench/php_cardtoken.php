<?php
/* Contender: cardtoken from PHP (extension=cardtoken). Usage: see phpbench.php. */

declare(strict_types=1);

require __DIR__ . '/phpbench.php';

final class Contender
{
    private const CLASSES = [
        'pagsmile' => [CardToken\Pagsmile::class, 'GetCardToken'],
        'payermax' => [CardToken\PayerMax::class, 'InquirePaymentToken'],
        'yabandpay' => [CardToken\YabandPay::class, 'CreateCardToken'],
        'worldfirst' => [CardToken\WorldFirst::class, 'QueryCardSensitiveInfo'],
    ];

    private object $client;
    private array $args;
    private array $resp;
    private string $op;
    private string $buildOp;
    private string $parseOp;
    private bool $isList;

    public function __construct(string $call, array $fx)
    {
        $spec = $fx['calls'][$call];
        [$cls, $op] = self::CLASSES[$call];
        $this->client = new $cls(['base_url' => $fx['base_url'], 'ca_file' => $fx['ca_file']] + $spec['config']);
        $this->args = $spec['args'];
        $this->resp = $spec['response'];
        $this->op = lcfirst($op);
        $this->buildOp = 'build' . $op;
        $this->parseOp = 'parse' . $op;
        $this->isList = $call === 'payermax';
    }

    public function call()
    {
        return $this->client->{$this->op}($this->args);
    }

    public function build()
    {
        return $this->client->{$this->buildOp}($this->args);
    }

    public function describe(): array
    {
        $r = $this->build();
        return [$r->method, $r->url, $r->headers, $r->body];
    }

    public function canned(): array
    {
        return [$this->resp['status'], $this->resp['wire_headers'], $this->resp['body']];
    }

    public function parse(array $c)
    {
        return $this->client->{$this->parseOp}($c[0], $c[1], $c[2]);
    }

    public function summary($res): array
    {
        if ($this->isList) {
            $res = $res[0];
        }
        $out = [];
        foreach ((new ReflectionObject($res))->getProperties() as $p) {
            $out[$p->getName()] = $p->getValue($res);
        }
        return $out;
    }
}

bench_main(fn (string $call, array $fx) => new Contender($call, $fx));
