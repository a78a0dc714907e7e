--TEST--
Pagsmile lifecycle against the sandbox: token -> payWithToken -> queryOrder -> refund, applyRefund partial, nested validation names the field, the token pays once
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$sb = new CtSandbox();
$card = ['card_number' => '4235647728025682', 'security_code' => '123', 'expiration_month' => '12',
    'expiration_year' => '2030', 'cardholder_name' => 'APRO'];
function pay_args(object $tok, string $order): array
{
    return [
        'payment' => ['out_order_no' => $order, 'order_amount' => '10.00', 'currency' => 'BRL',
            'subject' => 's', 'content' => 'c', 'token' => $tok->token, 'installments' => 2,
            'payment_method_id' => $tok->payment_method_id, 'notify_url' => 'https://shop.example/n'],
        'customer' => ['out_uid' => 'u', 'email' => 'b@example.com', 'username' => 'APRO', 'zip_code' => '1',
            'identification' => ['type' => 'CPF', 'number' => '50284414727']],
    ];
}
foreach ([false, true] as $esc) {
    $p = new CardToken\Pagsmile($sb->options('pagsmile') + ['escape_slashes' => $esc]);
    $tok = $p->getCardToken($card);
    $order = 'PHP-ORDER-' . (int)$esc;
    $paid = $p->payWithToken(pay_args($tok, $order));
    var_dump(get_class($paid), $paid->status, $paid->order_id, $paid->amount);
    try {
        $p->payWithToken(pay_args($tok, $order . 'b'));
    } catch (CardToken\GatewayException $e) {
        echo 'second use: ', $e->getGatewayCode(), "\n";
    }
    var_dump($p->queryOrder(['out_trade_no' => $order])->status);
    $r = $p->refund(['trade_no' => $paid->trade_id]);
    var_dump(get_class($r), $r->status, $p->queryOrder(['trade_no' => $paid->trade_id])->status);
}
$paid = $p->payWithToken(pay_args($p->getCardToken($card), 'PHP-PARTIAL'));
$r = $p->applyRefund(['trade_no' => $paid->trade_id, 'out_request_no' => 'R1', 'email' => 'b@example.com',
    'refund_amount' => '2.50']);
var_dump($r->status, $r->gateway_status);
$bad = pay_args($tok, 'X');
$bad['customer']['identification'] = ['type' => 'CPF'];
try {
    $p->buildPayWithToken($bad);
} catch (CardToken\ValidationException $e) {
    echo 'field: ', $e->getField(), "\n";
}
?>
--EXPECT--
string(17) "CardToken\Payment"
string(9) "succeeded"
string(11) "PHP-ORDER-0"
string(5) "10.00"
second use: 401
string(9) "succeeded"
string(16) "CardToken\Refund"
string(9) "succeeded"
string(8) "refunded"
string(17) "CardToken\Payment"
string(9) "succeeded"
string(11) "PHP-ORDER-1"
string(5) "10.00"
second use: 401
string(9) "succeeded"
string(16) "CardToken\Refund"
string(9) "succeeded"
string(8) "refunded"
string(7) "pending"
string(17) "REFUND_IN_PROCESS"
field: customer.identification.number
