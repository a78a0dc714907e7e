--TEST--
every tests/vectors/pagsmile case through the PHP API (constructor, build*, parse*, verifyNotification, notificationAck)
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';
ct_run_gateway_vectors('pagsmile');
?>
--EXPECTF--
pagsmile: %d vectors, 0 failed
