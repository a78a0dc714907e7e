<?php
// YabandPay: create a card token through 3DS (createCardToken). The
// cardholder is then sent to $payment->url; the token arrives by notification.
require __DIR__ . '/config.inc';

$client = new CardToken\YabandPay(options('yabandpay'));
$payment = $client->createCardToken([
    'order_id' => 'order-20261124-0002',
    'card_number' => '5555555555554444',
    'security_code' => '123',
    'expiration_month' => '01',
    'expiration_year' => '2031',
    'cardholder_name' => 'John Smith',
    'email' => 'john.smith@example.com',
    'currency' => 'EUR',
    'description' => 'save card',
    'notify_url' => 'https://merchant.example.com/notify/yabandpay',
    'operation' => '10', // token only, amount 0
]);
printf("php     yabandpay  order=%s trade=%s state=%s request_id=%s 3ds_url=%s\n", $payment->order_id,
    $payment->trade_id, $payment->state, $payment->request_id, $payment->url);
