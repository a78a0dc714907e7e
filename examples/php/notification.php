<?php
// Verifying a notification: what a YabandPay notify_url handler does with the
// raw body it receives. `make demo` pipes in one that the sandbox signed
// (cardtoken.sandbox.build_notification("yabandpay", config)).
require __DIR__ . '/config.inc';

$client = new CardToken\YabandPay(options('yabandpay'));
$body = stream_get_contents(STDIN);
try {
    $data = $client->verifyNotification($body); // raw JSON or resultData=... form
} catch (CardToken\SignatureException $e) {
    http_response_code(401); // not from YabandPay: ignore it
    fwrite(STDERR, "rejected: {$e->getMessage()}\n");
    exit(1);
}
printf("php     notify     yabandpay order=%s state=%s verified\n", $data['order_id'], $data['state']);
echo $client->notificationAck(), "\n"; // the answer YabandPay expects: "ok"
