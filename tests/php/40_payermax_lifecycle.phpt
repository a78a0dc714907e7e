--TEST--
PayerMax token lifecycle against the sandbox: applyPaymentToken binds a card (inquirePaymentToken lists it), payWithToken, queryOrder, refund, queryRefund, removePaymentToken (Deleted); an unknown outcome is a ResultUnknownException sent once and resolved by its query; PENDING with a redirect; validation names the field; card data and the token never printed; PAYMENT/TOKENIZATION/REFUND notifications verified
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$sb = new CtSandbox();
$pm = new CardToken\PayerMax($sb->options('payermax'));
$sent = function () use ($sb): int {
    $n = 0;
    foreach ($sb->stats()['requests'] as $path => $count) {
        $n += str_starts_with($path, '/aggregate-pay/api/gateway/') ? $count : 0;
    }
    return $n;
};
$card = ['card_identifier_no' => CT_CANARY_CARD, 'card_holder_full_name' => 'ZHANG SAN',
    'card_expiration_month' => '11', 'card_expiration_year' => '2031', 'cvv' => CT_CANARY_CVV];
$apply = ['request_id' => 'PHP_REQ_1', 'country' => 'SA', 'payment_method_type' => 'CARD', 'user_id' => 'php-user',
    'front_callback_url' => 'https://merchant.example.com/back', 'card_info' => $card];

$a = $pm->applyPaymentToken($apply);
echo get_class($a), " {$a->status} {$a->gateway_status} {$a->request_id}\n";
$token = $a->payment_token_id;
echo 'application printed: ', str_contains(ct_all_dumps($a), $token) ? 'TOKEN SHOWN' : 'token hidden', "\n";
$i = $pm->inquireApplyRequest(['user_id' => 'php-user', 'request_id' => 'PHP_REQ_1']);
echo "inquire: {$i->status} ", $i->payment_token_id === $token ? 'same token' : 'other token', "\n";
foreach ($pm->inquirePaymentToken(['user_id' => 'php-user']) as $t) {
    if ($t->payment_token_id === $token) {
        echo "listed: {$t->payment_token_status} {$t->card_info}\n";
    }
}

$pay = ['out_trade_no' => 'PHP_ORDER_1', 'subject' => 'renewal', 'total_amount' => '25.00', 'currency' => 'SAR',
    'country' => 'SA', 'user_id' => 'php-user', 'terminal_type' => 'WEB',
    'front_callback_url' => 'https://merchant.example.com/back',
    'payment_detail' => ['payment_method_type' => 'CARD', 'payment_token_id' => $token,
        'buyer_info' => ['client_ip' => '127.0.0.1', 'user_agent' => 'phpt']]];
$p = $pm->payWithToken($pay);
echo get_class($p), " {$p->status} {$p->gateway_status} {$p->order_id}\n";
$q = $pm->queryOrder(['out_trade_no' => 'PHP_ORDER_1']);
echo "query: {$q->status} {$q->amount} {$q->currency} ", $q->trade_id === $p->trade_id ? 'same trade' : 'other', ' ',
    $q->payment_token_id === $token ? 'token of the payment' : 'no token', "\n";
$r = $pm->refund(['out_refund_no' => 'PHP_REFUND_1', 'refund_amount' => '5', 'refund_currency' => 'SAR',
    'out_trade_no' => 'PHP_ORDER_1']);
echo get_class($r), " {$r->status} {$r->gateway_status} {$r->merchant_refund_id}\n";
foreach ([1, 2] as $n) {
    $rq = $pm->queryRefund(['out_refund_no' => 'PHP_REFUND_1']);
    echo "refund query $n: {$rq->status} {$rq->amount}\n";
}
$gone = $pm->removePaymentToken(['user_id' => 'php-user', 'payment_token_id' => $token]);
echo get_class($gone), " {$gone->payment_token_status}\n";
foreach ($pm->inquirePaymentToken(['user_id' => 'php-user']) as $t) {
    if ($t->payment_token_id === $token) {
        echo "listed after remove: {$t->payment_token_status}\n";
    }
}

// an unknown outcome: sent once, never resent; query_order shows what happened
$t2 = $pm->applyPaymentToken(['request_id' => 'PHP_REQ_2'] + $apply)->payment_token_id;
$before = $sent();
try {
    $pm->payWithToken(['out_trade_no' => 'PHP_ORDER_2', 'reference' => 'UNKNOWN-lost',
        'payment_detail' => ['payment_token_id' => $t2] + $pay['payment_detail']] + $pay);
    echo "no exception\n";
} catch (CardToken\ResultUnknownException $e) {
    echo get_class($e), ' ', $e->getGatewayCode(), ' outcome unknown: ', var_export($e->isOutcomeUnknown(), true),
        ', retry after: ', var_export($e->getRetryAfter(), true), "\n";
}
echo 'requests sent for it: ', $sent() - $before, "\n";
echo 'query resolves it: ', $pm->queryOrder(['out_trade_no' => 'PHP_ORDER_2'])->status, "\n";

$x = $pm->applyPaymentToken(['request_id' => 'PHP_REQ_3', 'user_id' => 'ACTION-php'] + $apply);
echo "pending: {$x->status} ", str_starts_with((string)$x->redirect_url, 'https://') ? 'redirect' : 'no redirect', "\n";

foreach ([
    [$apply, ['card_info' => ['card_identifier_no' => '4111111111111112'] + $card]],
    [$apply, ['card_info' => ['cvv' => '1'] + $card]],
    [$apply, ['card_info' => ['card_expiration_year' => '2019'] + $card]],
    [$pay, ['out_trade_no' => 'PHP-ORDER']],
    [$pay, ['total_amount' => '1e3']],
    [$pay, ['payment_detail' => ['card_info' => ['card_identifier_no' => CT_CANARY_CARD]] + $pay['payment_detail']]],
] as [$base, $bad]) {
    $before = $sent();
    try {
        ($base === $apply ? $pm->applyPaymentToken(...) : $pm->payWithToken(...))($bad + $base);
        echo "no exception\n";
    } catch (CardToken\ValidationException $e) {
        echo 'ValidationException ', $e->getField(), ct_canary_leaks(ct_all_dumps($e)) ? ' CARD SHOWN' : '',
            $sent() === $before ? '' : ' SENT', "\n";
    }
}
// failures after the card was sent: no output channel shows it
foreach (['FAULT-http500', 'FAULT-notjson', 'FAULT-badsign', 'DECLINE-PARAMS_INVALID', 'DECLINE-SYSTEM_ERROR'] as $m) {
    try {
        $pm->applyPaymentToken(['request_id' => "PHP_REQ_$m", 'user_id' => $m] + $apply);
        echo "no exception\n";
    } catch (CardToken\Exception $e) {
        echo "$m: ", get_class($e), ct_canary_leaks(ct_all_dumps($e)) ? ' CARD SHOWN' : ' card hidden', "\n";
    }
}
$req = $pm->buildApplyPaymentToken($apply);
echo 'request body holds the card: ', str_contains($req->body, CT_CANARY_CARD) ? 'yes' : 'no', "\n";
echo 'request printed: ', implode(',', ct_canary_leaks(ct_all_dumps($req))) ?: 'card and CVV hidden', "\n";

foreach (['PAYMENT', 'TOKENIZATION', 'REFUND'] as $kind) {
    $py = 'import base64, json, sys; sys.path.insert(0, sys.argv[1]); import sandbox; '
        . 'n = sandbox.build_notification("payermax", json.load(open(sys.argv[2])), "https://m.example.com/n", '
        . 'kind=sys.argv[3]); print(json.dumps({"sign": dict(n["headers"])["sign"], '
        . '"body": base64.b64encode(n["body"]).decode()}))';
    $out = ct_run([ct_python(), '-c', $py, dirname(ct_sandbox_script()), $sb->configFile, $kind]);
    $n = json_decode($out['stdout'], true);
    $body = base64_decode($n['body']);
    $v = $pm->verifyNotification($body, $n['sign']);
    echo "$kind: verified {$v['notifyType']} {$v['data']['status']}";
    try {
        $pm->verifyNotification(str_replace('"keyVersion":"1"', '"keyVersion":"2"', $body), $n['sign']);
        echo ", tampered accepted\n";
    } catch (CardToken\SignatureException $e) {
        echo ", tampered refused\n";
    }
}
echo $pm->notificationAck(), "\n";
?>
--EXPECT--
CardToken\TokenApplication succeeded SUCCESS PHP_REQ_1
application printed: token hidden
inquire: succeeded same token
listed: Activated 527361**3658
CardToken\Payment succeeded SUCCESS PHP_ORDER_1
query: succeeded 25.00 SAR same trade token of the payment
CardToken\Refund pending REFUND_PENDING PHP_REFUND_1
refund query 1: pending 5
refund query 2: succeeded 5
CardToken\PaymentToken Deleted
listed after remove: Deleted
CardToken\ResultUnknownException SYSTEM_ERROR outcome unknown: true, retry after: NULL
requests sent for it: 1
query resolves it: succeeded
pending: requires_action redirect
ValidationException card_info.card_identifier_no
ValidationException card_info.cvv
ValidationException card_info.card_expiration_year
ValidationException out_trade_no
ValidationException total_amount
ValidationException payment_detail.card_info.card_identifier_no
FAULT-http500: CardToken\TransportException card hidden
FAULT-notjson: CardToken\ProtocolException card hidden
FAULT-badsign: CardToken\SignatureException card hidden
DECLINE-PARAMS_INVALID: CardToken\GatewayException card hidden
DECLINE-SYSTEM_ERROR: CardToken\ResultUnknownException card hidden
request body holds the card: yes
request printed: card and CVV hidden
PAYMENT: verified PAYMENT SUCCESS, tampered refused
TOKENIZATION: verified TOKENIZATION SUCCESS, tampered refused
REFUND: verified REFUND REFUND_SUCCESS, tampered refused
{"code":"SUCCESS","msg":"Success"}
