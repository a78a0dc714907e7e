--TEST--
WorldFirst World Card lifecycle against the sandbox: applyCard, queryCardDetail, queryCardSensitiveInfo only while ACTIVE, updateCardStatus FREEZE/UNFREEZE, updateCard; OAuth mode (applyToken, the Access-Token option); U with retry_after; validation names the field; the card status notification and its signed ack; tokens never printed, AccessToken neither cloned nor serialized
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$env = ['terminalType' => 'WEB', 'clientIp' => '203.0.113.7'];
$apply = ['request_id' => 'PHP-LIFE-1', 'card_holder_id' => 'CH-1', 'email' => 'ops@example.com',
    'mobile_number' => '+6512345678', 'bill_address' => ['country' => 'SG', 'city' => 'Singapore']];

$sb = new CtSandbox();
$w = new CardToken\WorldFirst($sb->options('worldfirst'));
$card = $w->applyCard($apply + ['card_nick_name' => 'ads']);
echo get_class($card), " {$card->status} {$card->request_id} ", $card->asset_id ? 'asset' : 'no asset', "\n";
$d = $w->queryCardDetail(['asset_id' => $card->asset_id]);
echo "detail: {$d->card_status} {$d->card_nick_name} {$d->card_brand} ", var_export($d->status, true), "\n";
echo 'sensitive: ', strlen($w->queryCardSensitiveInfo(['asset_id' => $card->asset_id])->cvv) >= 3 ? 'read' : '?', "\n";
$f = $w->updateCardStatus(['request_id' => 'PHP-LIFE-2', 'asset_id' => $card->asset_id, 'operate_type' => 'FREEZE',
    'env' => $env]);
echo "freeze: {$f->status} ", $w->queryCardDetail(['asset_id' => $card->asset_id])->card_status, "\n";
try {
    $w->queryCardSensitiveInfo(['asset_id' => $card->asset_id]);
    echo "no exception\n";
} catch (CardToken\GatewayException $e) {
    echo 'frozen card: ', get_class($e), ' ', $e->getGatewayCode(), "\n";
}
$w->updateCardStatus(['request_id' => 'PHP-LIFE-3', 'asset_id' => $card->asset_id, 'operate_type' => 'UNFREEZE',
    'env' => $env]);
$u = $w->updateCard(['request_id' => 'PHP-LIFE-4', 'asset_id' => $card->asset_id, 'card_nick_name' => 'ops']);
$d = $w->queryCardDetail(['asset_id' => $card->asset_id]);
echo "after update: {$u->request_id} {$d->card_status} {$d->card_nick_name}\n";

try {
    $w->applyCard(['request_id' => 'FAULT-unknown'] + $apply);
} catch (CardToken\ResultUnknownException $e) {
    echo 'U: ', $e->getGatewayCode(), ' retry after ', $e->getRetryAfter(), "\n";
}
$before = $sb->stats()['requests']['/amsin/api/v1/business/worldcard/updateCardStatus'] ?? 0;
foreach ([['operate_type' => 'DELETE'], ['request_id' => str_repeat('R', 33)], ['env' => ['lat' => 1.5]]] as $bad) {
    try {
        $w->updateCardStatus($bad + ['request_id' => 'R', 'asset_id' => 'A', 'operate_type' => 'FREEZE', 'env' => $env]);
        echo "no exception\n";
    } catch (CardToken\ValidationException $e) {
        echo 'ValidationException ', $e->getField(), "\n";
    }
}
echo 'sent: ', ($sb->stats()['requests']['/amsin/api/v1/business/worldcard/updateCardStatus'] ?? 0) - $before, "\n";

$n = $sb->buildNotification('worldfirst', 'http://127.0.0.1/worldfirst/notify');
$got = $w->verifyNotification($n['path'], $n['headers'], $n['body']);
echo 'notification: ', implode(',', array_intersect(['requestId', 'assetId', 'cardStatus', 'lastUpdate'],
    array_keys($got))), ' ', $got['cardStatus'], ' ', preg_match('/^[0-9]+$/', $got['lastUpdate']) ? 'ms' : '?', "\n";
[$h, $b] = $w->notificationAck($n['path']);
echo 'ack: ', $b, ' ', implode(',', array_column($h, 0)), "\n";

$oauth = new CtSandbox(['--oauth']);
$o = new CardToken\WorldFirst($oauth->options('worldfirst'));
try {
    $o->queryCardDetail(['asset_id' => 'A1']);
} catch (CardToken\GatewayException $e) {
    echo 'no token: ', $e->getGatewayCode(), "\n";
}
$t = $o->applyToken(['grant_type' => 'AUTHORIZATION_CODE', 'auth_code' => 'PHP-CODE-1']);
$shown = ct_all_dumps($t);
echo get_class($t), ' printed: ', str_contains($shown, $t->access_token) || str_contains($shown, $t->refresh_token)
    ? 'TOKEN SHOWN' : 'tokens hidden', "\n";
foreach ([fn() => clone $t, fn() => serialize($t)] as $i => $try) {
    try {
        $try();
        echo "copied\n";
    } catch (Error|Exception $e) {
        echo $i ? 'serialize' : 'clone', ": refused\n";
    }
}
$o2 = new CardToken\WorldFirst($oauth->options('worldfirst', ['access_token' => $t->access_token]));
$c2 = $o2->applyCard(['request_id' => 'PHP-OAUTH-1'] + $apply);
echo 'with token: ', $o2->queryCardDetail(['asset_id' => $c2->asset_id])->card_status, "\n";
$req = $o2->buildQueryCardDetail(['asset_id' => $c2->asset_id]);
echo 'header sent: ', in_array(['Access-Token', $t->access_token], $req->headers, true) ? 'yes' : 'no',
    ', request printed: ', str_contains(ct_all_dumps($req), $t->access_token) ? 'TOKEN SHOWN' : 'token hidden', "\n";
$req = $o2->buildApplyToken(['grant_type' => 'REFRESH_TOKEN', 'refresh_token' => $t->refresh_token]);
echo 'refresh request printed: ', str_contains(ct_all_dumps($req), $t->refresh_token) ? 'TOKEN SHOWN' : 'token hidden',
    ', Access-Token sent: ', in_array('Access-Token', array_column($req->headers, 0), true) ? 'yes' : 'no', "\n";
?>
--EXPECT--
CardToken\WorldCard SUCCESS PHP-LIFE-1 asset
detail: ACTIVE ads MASTERCARD NULL
sensitive: read
freeze: SUCCESS FROZEN
frozen card: CardToken\GatewayException PROCESS_FAIL
after update: PHP-LIFE-4 ACTIVE ops
U: UNKNOWN_EXCEPTION retry after 300
ValidationException operate_type
ValidationException request_id
ValidationException env
sent: 0
notification: requestId,assetId,cardStatus,lastUpdate ACTIVE ms
ack: {"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}} Content-Type,Client-Id,Response-Time,Signature
no token: OAUTH_FAIL
CardToken\AccessToken printed: tokens hidden
clone: refused
serialize: refused
with token: ACTIVE
header sent: yes, request printed: token hidden
refresh request printed: token hidden, Access-Token sent: no
