<?php
// WorldFirst, the World Card lifecycle: issue a card (applyCard), check it is
// ACTIVE (queryCardDetail), read its number and CVV (only while ACTIVE),
// freeze it (updateCardStatus) and look again; then verify a card status
// notification and build the signed answer (notificationAck). `make demo`
// pipes in a notification the sandbox signed, as JSON {path, headers, body};
// in production they are the request WorldFirst posts to your notify URL.
// request_id is the idempotency key: after an unknown outcome resend with the
// SAME request_id (after getRetryAfter() seconds) or queryCardDetail.
require __DIR__ . '/config.inc';

$env = ['terminalType' => 'WEB', 'clientIp' => '203.0.113.7'];
$client = new CardToken\WorldFirst(options('worldfirst'));
try {
    $card = $client->applyCard(['request_id' => 'wc-php-20261201-1', 'card_holder_id' => 'CH-0001',
        'email' => 'ops@example.com', 'mobile_number' => '+6512345678',
        'bill_address' => ['country' => 'SG', 'city' => 'Singapore']]);
} catch (CardToken\ResultUnknownException $e) {
    fprintf(STDERR, "outcome unknown: resend with the same request_id in %d s\n", $e->getRetryAfter());
    exit(1);
}
printf("php     worldfirst lifecycle: applied %s -> %s, asset %s\n", $card->request_id, $card->status, $card->asset_id);
$d = $client->queryCardDetail(['asset_id' => $card->asset_id]);
printf("php     worldfirst lifecycle: %s %s is %s\n", $d->card_brand, $d->masked_card_no, $d->card_status);
$info = $client->queryCardSensitiveInfo(['asset_id' => $card->asset_id]);
echo 'php     worldfirst lifecycle: sensitive info read: ', json_encode($info), "\n"; // masked when printed
$f = $client->updateCardStatus(['request_id' => 'wc-php-20261201-2', 'asset_id' => $card->asset_id,
    'operate_type' => 'FREEZE', 'env' => $env]);
printf("php     worldfirst lifecycle: FREEZE -> %s; now %s\n", $f->status,
    $client->queryCardDetail(['asset_id' => $card->asset_id])->card_status);

// the notify URL's handler: verify, then answer with the signed ack
$n = json_decode(stream_get_contents(STDIN), true, 8, JSON_THROW_ON_ERROR);
$note = $client->verifyNotification($n['path'], $n['headers'], base64_decode($n['body'], true));
printf("php     worldfirst lifecycle: notification verified: %s is %s\n", $note['assetId'],
    $note['cardStatus'] === 'CALCEL' ? 'CANCEL' : $note['cardStatus']);
[$headers, $body] = $client->notificationAck($n['path']);
printf("php     worldfirst lifecycle: answer %s signed (%s)\n", $body, implode(', ', array_column($headers, 0)));
