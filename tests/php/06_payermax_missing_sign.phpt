--TEST--
PayerMax verifyNotification($body, null): a notification that came without a sign header is a SignatureException, as in Python
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$v = ct_vectors('payermax')['notification_ok.json'];
$p = new CardToken\PayerMax($v['config']);
var_dump(is_array($p->verifyNotification($v['notification']['body'], $v['notification']['sign'])));
foreach ([null, ''] as $sign) {
    try {
        $p->verifyNotification($v['notification']['body'], $sign);
        echo "accepted\n";
    } catch (CardToken\SignatureException $e) {
        echo get_class($e), ': ', $e->getErrorName(), "\n";
    }
}
?>
--EXPECT--
bool(true)
CardToken\SignatureException: CT_ERR_SIGNATURE
CardToken\SignatureException: CT_ERR_SIGNATURE
