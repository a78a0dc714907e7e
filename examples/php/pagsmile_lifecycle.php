<?php
// Pagsmile: token -> pay -> query -> refund (payWithToken, queryOrder,
// refund). Prints no card number or token.
require __DIR__ . '/config.inc';

$order = 'ORDER-' . bin2hex(random_bytes(6)); // the merchant's number: the query key
$client = new CardToken\Pagsmile(options('pagsmile'));
try {
    $card = $client->getCardToken([
        'card_number' => '4235647728025682', 'security_code' => '123',
        'expiration_month' => '12', 'expiration_year' => '2030', 'cardholder_name' => 'APRO',
    ]);
    try {
        $paid = $client->payWithToken([
            'payment' => [
                'out_order_no' => $order, 'order_amount' => '10.00', 'currency' => 'BRL',
                'subject' => 'demo', 'content' => 'demo order', 'token' => $card->token,
                'installments' => '1', 'payment_method_id' => $card->payment_method_id,
                'notify_url' => 'https://shop.example/pagsmile/notify',
            ],
            'customer' => [
                'out_uid' => 'user-1', 'email' => 'buyer@example.com', 'username' => 'APRO',
                'zip_code' => '38082365', 'identification' => ['type' => 'CPF', 'number' => '50284414727'],
            ],
        ]);
    } catch (CardToken\TransportException $e) {
        if (!$e->isOutcomeUnknown()) {
            throw $e;
        }
        // the payment may have gone through: look it up, never pay again
        $paid = $client->queryOrder(['out_trade_no' => $order]);
    }
    $found = $client->queryOrder(['out_trade_no' => $order]);
    $refunded = $client->refund(['trade_no' => $paid->trade_id]);
    $after = $client->queryOrder(['out_trade_no' => $order]);
} catch (CardToken\ValidationException $e) {
    fwrite(STDERR, "fix the input: {$e->getField()}: {$e->getMessage()}\n");
    exit(1);
} catch (CardToken\Exception $e) {
    fwrite(STDERR, 'pagsmile failed: ' . $e->getMessage() . "\n");
    exit(1);
}
printf("php     pagsmile   pay=%s query=%s amount=%s %s refund=%s then=%s\n", $paid->status, $found->status,
    $found->amount, $found->currency, $refunded->status, $after->status);
