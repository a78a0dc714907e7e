--TEST--
YabandPay token lifecycle against the sandbox: the token of a verified notification pays (payWithToken), queryOrder, partial refund, queryRefund; a rejected token is a final GatewayException; validation names the field; the token never printed
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$sb = new CtSandbox();
$y = new CardToken\YabandPay($sb->options('yabandpay'));
$n = $sb->buildNotification('yabandpay', 'https://merchant.example.com/notify/yabandpay');
$data = $y->verifyNotification($n['body']);
$token = $data['payment_token_object'];
var_dump(is_string($token) && $token !== '');

$pay = ['order_id' => 'PHP-RENEW-1', 'amount' => '12.50', 'currency' => 'EUR', 'payment_token_object' => $token,
    'description' => 'renewal', 'notify_url' => 'https://merchant.example.com/notify', 'token_type' => 'MIT'];
$p = $y->payWithToken($pay);
echo get_class($p), " {$p->status} {$p->gateway_status} {$p->order_id} {$p->amount} {$p->currency}\n";
var_dump($p->redirect_url, $p->payment_token_id);

$q = $y->queryOrder(['trade_id' => $p->trade_id]);
echo get_class($q), " {$q->status} ", $q->trade_id === $p->trade_id ? 'same trade' : 'other trade', "\n";

$r = $y->refund(['trade_id' => $p->trade_id, 'm_refund_id' => 'PHP-R-1', 'refund_amount' => '2.50',
    'refund_currency' => 'EUR', 'refund_description' => 'partial']);
echo get_class($r), " {$r->status} {$r->gateway_status} {$r->merchant_refund_id} {$r->amount}\n";
foreach ([1, 2] as $i) {
    $rq = $y->queryRefund(['refund_id' => $r->refund_id]);
    echo "query $i: {$rq->status} {$rq->gateway_status}\n";
}
echo 'after partial refund: ', $y->queryOrder(['trade_id' => $p->trade_id])->status, "\n";

$c = $y->payWithToken(['token_type' => 'CIT', 'order_id' => 'PHP-RENEW-CIT'] + $pay);
echo "CIT: {$c->status} ", str_contains((string)$c->redirect_url, '/_sandbox/pay/') ? 'redirect to 3DS' : 'no redirect', "\n";

$before = $sb->stats()['requests']['/Payments'] ?? 0;
try {
    $y->payWithToken(['order_id' => 'REJECT-TOKEN-PHP'] + $pay);
    echo "no exception\n";
} catch (CardToken\GatewayException $e) {
    echo get_class($e), ' ', $e->getGatewayCode(), ' ',
        str_contains($e->getMessage(), 'new card payment') ? 'says: get a new token' : 'no advice', ' ',
        str_contains($e->getMessage() . $e->getGatewayMessage() . print_r($e, true), $token) ? 'TOKEN SHOWN' : 'token hidden', "\n";
}
echo 'requests sent for it: ', ($sb->stats()['requests']['/Payments'] ?? 0) - $before, "\n";

foreach ([['card_number' => '4111111111111111'], ['amount' => '0'], ['token_type' => 'XIT'], ['operation' => '10'],
          ['three_ds_initiate' => '02', 'amount' => '30.01']] as $bad) {
    try {
        $y->payWithToken($bad + $pay);
        echo "no exception\n";
    } catch (CardToken\ValidationException $e) {
        echo 'ValidationException ', $e->getField(), str_contains($e->getMessage(), $token) ? ' TOKEN SHOWN' : '', "\n";
    }
}
$req = $y->buildPayWithToken($pay);
$shown = print_r($req, true) . var_export($req, true) . json_encode($req);
ob_start();
var_dump($req);
$shown .= ob_get_clean();
echo 'request printed: ', str_contains($shown, $token) ? 'TOKEN SHOWN' : 'token hidden', "\n";
$resp = json_encode(['status' => true, 'code' => '200', 'data' => ['order_id' => 'PHP-RENEW-1', 'trade_id' => 't',
    'state' => 'paid', 'payment_token_object' => $token]]);
$pp = $y->parsePayWithToken(200, [], $resp, $req);
ob_start();
var_dump($pp);
print_r($pp);
$shown = ob_get_clean() . var_export($pp, true) . json_encode($pp);
echo 'payment printed: ', str_contains($shown, $token) ? 'TOKEN SHOWN' : 'token hidden', ', readable: ',
    $pp->payment_token_id === $token ? 'yes' : 'no', "\n";
?>
--EXPECT--
bool(true)
CardToken\Payment succeeded paid PHP-RENEW-1 12.50 EUR
NULL
NULL
CardToken\Payment succeeded same trade
CardToken\Refund pending to-be-approval PHP-R-1 2.50
query 1: pending refund processing
query 2: succeeded refunded
after partial refund: succeeded
CIT: requires_action redirect to 3DS
CardToken\GatewayException -4301 says: get a new token token hidden
requests sent for it: 1
ValidationException card_number
ValidationException amount
ValidationException token_type
ValidationException operation
ValidationException three_ds_initiate
request printed: token hidden
payment printed: token hidden, readable: yes
