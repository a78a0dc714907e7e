--TEST--
every tests/vectors/payermax case through the PHP API (constructor, build*, parse*, verifyNotification, notificationAck)
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';
ct_run_gateway_vectors('payermax');
?>
--EXPECTF--
payermax: %d vectors, 0 failed
