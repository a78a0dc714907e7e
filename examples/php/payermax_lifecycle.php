<?php
// PayerMax, the whole token lifecycle: bind a card (applyPaymentToken), follow
// the binding (inquireApplyRequest), list the user's tokens
// (inquirePaymentToken), pay with the token (payWithToken), look the payment up
// (queryOrder), refund part of it (refund, queryRefund) and remove the token
// (removePaymentToken); then a notify URL handler for PAYMENT, TOKENIZATION and
// REFUND notifications (`make demo` pipes in notifications the sandbox signed,
// one JSON line {"sign", "body" (base64)} each; in production: php://input and
// the `sign` header).
//
// Unknown outcomes: a ResultUnknownException (SYSTEM_ERROR, REQUEST_TIMEOUT,
// UNEXPECTED_ERROR) or a TransportException whose isOutcomeUnknown() is true
// means the call may have been carried out. Never send it again with new
// numbers; ask its query: payWithToken -> queryOrder (out_trade_no), refund ->
// queryRefund (out_refund_no), applyPaymentToken -> inquireApplyRequest
// (request_id). The token is a payment credential: never print or log it.
require __DIR__ . '/config.inc';

const FRONT = 'https://merchant.example.com/payermax/back';
const USER = 'user-20261201-0002';
$client = new CardToken\PayerMax(options('payermax'));
$last4 = fn(string $token): string => '…' . substr($token, -4);

function payOnce(CardToken\PayerMax $client, array $args): CardToken\Payment
{
    try {
        return $client->payWithToken($args);
    } catch (CardToken\ResultUnknownException | CardToken\TransportException $e) {
        if (!$e->isOutcomeUnknown()) {
            throw $e; // provably never sent
        }
        echo "php     payermax   lifecycle: outcome unknown ({$e->getErrorName()}): asking queryOrder\n";
        return $client->queryOrder(['out_trade_no' => $args['out_trade_no']]);
    }
}

$app = $client->applyPaymentToken([
    'request_id' => 'bind-20261201-0002', 'country' => 'SA', 'payment_method_type' => 'CARD', 'user_id' => USER,
    'front_callback_url' => FRONT,
    'card_info' => ['card_identifier_no' => '5555555555554444', 'card_holder_full_name' => 'ZHANG SAN',
        'card_expiration_month' => '12', 'card_expiration_year' => '2031', 'cvv' => '123'],
]);
echo "php     payermax   lifecycle: bind {$app->status} ({$app->gateway_status})\n";
if ($app->status === 'requires_action') {
    echo "php     payermax   lifecycle: send the user to {$app->redirect_url}\n";
}
$app = $client->inquireApplyRequest(['user_id' => USER, 'request_id' => $app->request_id]);
$token = $app->payment_token_id;
echo "php     payermax   lifecycle: inquire {$app->status}, token {$last4($token)}\n";
foreach ($client->inquirePaymentToken(['user_id' => USER]) as $t) {
    if ($t->payment_token_id === $token) {
        echo "php     payermax   lifecycle: listed {$t->brand} {$t->card_info} {$t->payment_token_status}\n";
    }
}

$payment = payOnce($client, [
    'out_trade_no' => 'renewal_20261201_0002', 'subject' => 'monthly renewal', 'total_amount' => '19.90',
    'currency' => 'SAR', 'country' => 'SA', 'user_id' => USER, 'terminal_type' => 'WEB', 'front_callback_url' => FRONT,
    'payment_detail' => ['payment_method_type' => 'CARD', 'payment_token_id' => $token,
        'buyer_info' => ['client_ip' => '203.0.113.7', 'user_agent' => 'Mozilla/5.0']],
]);
echo "php     payermax   lifecycle: paid {$payment->status} ({$payment->gateway_status}) order={$payment->order_id}\n";
$order = $client->queryOrder(['out_trade_no' => $payment->order_id]);
echo "php     payermax   lifecycle: query {$order->status} {$order->amount} {$order->currency}\n";

$refund = $client->refund(['out_refund_no' => 'refund_20261201_0002', 'refund_amount' => '5.00',
    'refund_currency' => 'SAR', 'out_trade_no' => $payment->order_id]);
echo "php     payermax   lifecycle: refund {$refund->status} ({$refund->gateway_status})\n";
foreach ([1, 2] as $_) {
    $refund = $client->queryRefund(['out_refund_no' => $refund->merchant_refund_id]);
    echo "php     payermax   lifecycle: refund query {$refund->status} amount={$refund->amount}\n";
}
$gone = $client->removePaymentToken(['user_id' => USER, 'payment_token_id' => $token, 'remove_reason' => 'card closed']);
echo "php     payermax   lifecycle: removed, token {$last4($token)} {$gone->payment_token_status}\n";

// the notify URL handler: verify over the raw body, then act on the kind
function handleNotification(CardToken\PayerMax $client, string $body, ?string $sign): string
{
    $note = $client->verifyNotification($body, $sign); // SignatureException when forged
    $d = $note['data'];
    $what = match ($note['notifyType']) {
        'PAYMENT' => "order {$d['outTradeNo']} {$d['status']}",
        'TOKENIZATION' => 'token …' . substr($d['paymentTokenID'], -4) . " {$d['paymentTokenStatus']}",
        'REFUND' => "refund {$d['outRefundNo']} {$d['status']}",
        default => 'kept as received',
    };
    echo "php     payermax   lifecycle: {$note['notifyType']} notification verified: $what\n";
    return $client->notificationAck(); // answer HTTP 200 with this body
}

while (($line = fgets(STDIN)) !== false) {
    $n = json_decode($line, true, 4, JSON_THROW_ON_ERROR);
    $ack = handleNotification($client, base64_decode($n['body'], true), $n['sign']);
}
echo 'php     payermax   lifecycle: answered ', $ack ?? '(no notification)', "\n";
