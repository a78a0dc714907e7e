<?php
// WorldFirst: read back a World Card's number and CVV. The result masks them
// in var_dump/print_r/json_encode; read ->card_no / ->cvv only to hand them on.
require __DIR__ . '/config.inc';

$client = new CardToken\WorldFirst(options('worldfirst'));
try {
    $info = $client->queryCardSensitiveInfo(['asset_id' => 'asset-0001']);
} catch (CardToken\ResultUnknownException $e) {
    // Outcome unknown: schedule the same query getRetryAfter() seconds from
    // now, passing 'retry_attempt' => n for the n-th retry. Never sleep here.
    printf("result unknown; query again in %d s\n", $e->getRetryAfter());
    exit(0);
}
$shown = json_encode($info); // card_no and cvv come out masked
printf("php     worldfirst %s\n", $shown);
