--TEST--
classes: final, not serializable, no dynamic properties, readonly results, #[\SensitiveParameter] where card data or secrets pass
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

$clients = ['Pagsmile', 'PayerMax', 'YabandPay', 'WorldFirst'];
$results = ['Request', 'CardTokenResult', 'PaymentToken', 'CardPayment', 'CardSensitiveInfo'];
foreach (array_merge($clients, $results) as $short) {
    $rc = new ReflectionClass("CardToken\\$short");
    echo $short, ': final=', var_export($rc->isFinal(), true), ' cloneable=', var_export($rc->isCloneable(), true);
    try {
        unserialize('O:' . strlen($rc->name) . ':"' . $rc->name . '":0:{}');
        echo ' unserialize=allowed';
    } catch (Exception $e) {
        echo ' unserialize=', $e->getMessage();
    }
    echo "\n";
}

// Result properties are public readonly, typed.
foreach ($results as $short) {
    foreach ((new ReflectionClass("CardToken\\$short"))->getProperties() as $p) {
        if (!$p->isPublic() || !$p->isReadOnly() || !$p->hasType()) {
            echo "$short::{$p->name} is not public readonly typed\n";
        }
    }
}

// Real objects: a client and a request.
$vec = ct_vectors('pagsmile')['success.json'];
$client = new CardToken\Pagsmile($vec['config']);
$req = $client->buildGetCardToken($vec['args']);
foreach ([$client, $req] as $obj) {
    try { serialize($obj); } catch (Exception $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    try { $obj->dynamic = 1; } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    try { clone $obj; } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
try { $req->body = 'x'; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { new CardToken\CardSensitiveInfo(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { $client->__construct($vec['config']); } catch (Error $e) { echo $e->getMessage(), "\n"; }

// #[\SensitiveParameter]: exactly the parameters that can carry a card
// number, a CVV, a key or a secret.
$sensitive = [];
foreach (array_merge($clients, ['Request']) as $short) {
    foreach ((new ReflectionClass("CardToken\\$short"))->getMethods() as $m) {
        foreach ($m->getParameters() as $p) {
            if ($p->getAttributes(SensitiveParameter::class)) {
                $sensitive[] = "$short::{$m->name}(\${$p->name})";
            }
        }
    }
}
echo implode("\n", $sensitive), "\n";
?>
--EXPECT--
Pagsmile: final=true cloneable=false unserialize=Unserialization of 'CardToken\Pagsmile' is not allowed
PayerMax: final=true cloneable=false unserialize=Unserialization of 'CardToken\PayerMax' is not allowed
YabandPay: final=true cloneable=false unserialize=Unserialization of 'CardToken\YabandPay' is not allowed
WorldFirst: final=true cloneable=false unserialize=Unserialization of 'CardToken\WorldFirst' is not allowed
Request: final=true cloneable=false unserialize=Unserialization of 'CardToken\Request' is not allowed
CardTokenResult: final=true cloneable=false unserialize=Unserialization of 'CardToken\CardTokenResult' is not allowed
PaymentToken: final=true cloneable=false unserialize=Unserialization of 'CardToken\PaymentToken' is not allowed
CardPayment: final=true cloneable=false unserialize=Unserialization of 'CardToken\CardPayment' is not allowed
CardSensitiveInfo: final=true cloneable=false unserialize=Unserialization of 'CardToken\CardSensitiveInfo' is not allowed
Exception: Serialization of 'CardToken\Pagsmile' is not allowed
Error: Cannot create dynamic property CardToken\Pagsmile::$dynamic
Error: Trying to clone an uncloneable object of class CardToken\Pagsmile
Exception: Serialization of 'CardToken\Request' is not allowed
Error: Cannot create dynamic property CardToken\Request::$dynamic
Error: Trying to clone an uncloneable object of class CardToken\Request
Cannot modify readonly property CardToken\Request::$body
Call to private CardToken\CardSensitiveInfo::__construct() from global scope
CardToken\Pagsmile object is already constructed
Pagsmile::__construct($options)
Pagsmile::getCardToken($args)
Pagsmile::buildGetCardToken($args)
Pagsmile::parseGetCardToken($body)
Pagsmile::payWithToken($args)
Pagsmile::buildPayWithToken($args)
Pagsmile::parsePayWithToken($body)
Pagsmile::queryOrder($args)
Pagsmile::buildQueryOrder($args)
Pagsmile::parseQueryOrder($body)
Pagsmile::refund($args)
Pagsmile::buildRefund($args)
Pagsmile::parseRefund($body)
Pagsmile::applyRefund($args)
Pagsmile::buildApplyRefund($args)
Pagsmile::parseApplyRefund($body)
Pagsmile::verifyNotification($fields)
PayerMax::__construct($options)
PayerMax::inquirePaymentToken($args)
PayerMax::buildInquirePaymentToken($args)
PayerMax::parseInquirePaymentToken($body)
PayerMax::payWithToken($args)
PayerMax::buildPayWithToken($args)
PayerMax::parsePayWithToken($body)
PayerMax::applyPaymentToken($args)
PayerMax::buildApplyPaymentToken($args)
PayerMax::parseApplyPaymentToken($body)
PayerMax::inquireApplyRequest($args)
PayerMax::buildInquireApplyRequest($args)
PayerMax::parseInquireApplyRequest($body)
PayerMax::removePaymentToken($args)
PayerMax::buildRemovePaymentToken($args)
PayerMax::parseRemovePaymentToken($body)
PayerMax::queryOrder($args)
PayerMax::buildQueryOrder($args)
PayerMax::parseQueryOrder($body)
PayerMax::refund($args)
PayerMax::buildRefund($args)
PayerMax::parseRefund($body)
PayerMax::queryRefund($args)
PayerMax::buildQueryRefund($args)
PayerMax::parseQueryRefund($body)
PayerMax::verifyNotification($body)
YabandPay::__construct($options)
YabandPay::createCardToken($args)
YabandPay::buildCreateCardToken($args)
YabandPay::parseCreateCardToken($body)
YabandPay::payWithToken($args)
YabandPay::buildPayWithToken($args)
YabandPay::parsePayWithToken($body)
YabandPay::queryOrder($args)
YabandPay::buildQueryOrder($args)
YabandPay::parseQueryOrder($body)
YabandPay::refund($args)
YabandPay::buildRefund($args)
YabandPay::parseRefund($body)
YabandPay::queryRefund($args)
YabandPay::buildQueryRefund($args)
YabandPay::parseQueryRefund($body)
YabandPay::verifyNotification($body)
WorldFirst::__construct($options)
WorldFirst::queryCardSensitiveInfo($args)
WorldFirst::buildQueryCardSensitiveInfo($args)
WorldFirst::parseQueryCardSensitiveInfo($body)
WorldFirst::queryCardDetail($args)
WorldFirst::buildQueryCardDetail($args)
WorldFirst::parseQueryCardDetail($body)
WorldFirst::applyCard($args)
WorldFirst::buildApplyCard($args)
WorldFirst::parseApplyCard($body)
WorldFirst::updateCard($args)
WorldFirst::buildUpdateCard($args)
WorldFirst::parseUpdateCard($body)
WorldFirst::updateCardStatus($args)
WorldFirst::buildUpdateCardStatus($args)
WorldFirst::parseUpdateCardStatus($body)
WorldFirst::applyToken($args)
WorldFirst::buildApplyToken($args)
WorldFirst::parseApplyToken($body)
WorldFirst::verifyNotification($body)
