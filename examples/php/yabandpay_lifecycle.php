<?php
// YabandPay, the whole token lifecycle: create the token (createCardToken, the
// cardholder goes through 3DS), receive it in the signed notification, pay
// with it (payWithToken), look the payment up (queryOrder), refund part of it
// (refund) and follow the refund (queryRefund). `make demo` pipes in the
// notification the sandbox signed; in production it is the body YabandPay
// posts to notify_url. The token is a payment credential: store it like a card
// number, never print or log it.
require __DIR__ . '/config.inc';

const NOTIFY_URL = 'https://merchant.example.com/notify/yabandpay';
$client = new CardToken\YabandPay(options('yabandpay'));

$created = $client->createCardToken([
    'order_id' => 'order-20261201-0002', 'card_number' => '5555555555554444', 'security_code' => '123',
    'expiration_month' => '01', 'expiration_year' => '2031', 'cardholder_name' => 'John Smith',
    'email' => 'john.smith@example.com', 'currency' => 'EUR', 'description' => 'save card',
    'notify_url' => NOTIFY_URL,
]);
printf("php     yabandpay  lifecycle: created order=%s state=%s (3DS next)\n", $created->order_id, $created->state);

// the notify_url handler: verify, answer "ok" ($client->notificationAck()), keep the data
$data = $client->verifyNotification(stream_get_contents(STDIN));
$token = $data['payment_token_object'] ?? null;
if (!is_string($token) || $token === '') {
    fwrite(STDERR, "the cardholder did not agree to store the card: no token\n");
    exit(1);
}
printf("php     yabandpay  lifecycle: notification verified, state=%s, token received\n", $data['state']);

try {
    $payment = $client->payWithToken([
        'order_id' => 'renewal-20261201-0002', 'amount' => '9.99', 'currency' => 'EUR',
        'payment_token_object' => $token, 'description' => 'monthly renewal', 'notify_url' => NOTIFY_URL,
        'token_type' => 'MIT',
    ]);
} catch (CardToken\GatewayException $e) {
    // final: a rejected token needs a new card payment, never a retry
    fwrite(STDERR, 'token payment refused: ' . $e->getMessage() . "\n");
    exit(1);
}
printf("php     yabandpay  lifecycle: paid status=%s trade=%s\n", $payment->status, $payment->trade_id);

$order = $client->queryOrder(['trade_id' => $payment->trade_id]);
printf("php     yabandpay  lifecycle: query status=%s (%s) amount=%s %s\n", $order->status,
    $order->gateway_status, $order->amount, $order->currency);

$refund = $client->refund(['trade_id' => $payment->trade_id, 'm_refund_id' => 'refund-20261201-0002',
    'refund_amount' => '2.00', 'refund_currency' => 'EUR', 'refund_description' => 'partial refund']);
printf("php     yabandpay  lifecycle: refund status=%s (%s)\n", $refund->status, $refund->gateway_status);
for ($i = 0; $i < 2; $i++) {
    $refund = $client->queryRefund(['refund_id' => $refund->refund_id]);
    printf("php     yabandpay  lifecycle: refund query status=%s (%s)\n", $refund->status, $refund->gateway_status);
}
