--TEST--
every tests/vectors/yabandpay case through the PHP API (constructor, build*, parse*, verifyNotification, notificationAck)
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';
ct_run_gateway_vectors('yabandpay');
?>
--EXPECTF--
yabandpay: %d vectors, 0 failed
