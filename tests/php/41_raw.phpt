--TEST--
raw: a lifecycle result's whole answer as an array, card numbers masked to six and four, credentials to their last four; var_dump, print_r, var_export and json_encode of the result print no card number or token
--EXTENSIONS--
cardtoken
--FILE--
<?php
$token = 'TOKEN_FROM_NOTIFY_SECRET_77';
$pan = '4111111111111111';
$y = new CardToken\YabandPay(['user' => '016683', 'secret_key' => 'k', 'environment' => 'production']);
$req = $y->buildPayWithToken(['order_id' => 'RENEW-0001', 'amount' => '9.99', 'currency' => 'EUR',
    'payment_token_object' => $token, 'description' => 'd', 'token_type' => 'MIT',
    'notify_url' => 'https://merchant.example.com/n']);
$body = json_encode(['status' => true, 'code' => '200', 'message' => '', 'data' => [
    'order_id' => 'RENEW-0001', 'trade_id' => 't-1', 'state' => 'paid', 'payment_token_object' => $token,
    'card' => ['number' => $pan, 'cvv' => '123'], 'note' => "paid with $pan", 'order_ref' => '20240304094405131317',
    'new_field' => [1, 'two', null, true]]]);
$p = $y->parsePayWithToken(200, ['Content-Type' => 'application/json'], $body, $req);
var_dump(is_array($p->raw), $p->raw['status'], $p->raw['data']['new_field'] === [1, 'two', null, true]);
echo $p->raw['data']['payment_token_object'], "\n";
echo json_encode($p->raw['data']['card']), "\n";
echo $p->raw['data']['note'], "\n";
echo $p->raw['data']['order_ref'], "\n";
var_dump($p->payment_token_id === $token);
try {
    $p->raw = [];
} catch (Error $e) {
    echo get_class($e), "\n";
}
ob_start();
var_dump($p);
print_r($p);
echo json_encode($p);
$out = ob_get_clean();
var_dump(str_contains($out, $token), str_contains($out, $pan), str_contains($out, '411111******1111'));

// a number raw keeps (not Luhn-valid: an id) but every dump masks, as it
// masks every other field's text; and card numbers however grouped
$fw = '';
foreach (str_split('4000056655665556') as $d) {
    $fw .= "\xEF\xBC" . chr(0x90 + (int)$d); // U+FF10 + d, full-width
}
$body = json_encode(['status' => true, 'code' => '200', 'message' => '', 'data' => [
    'order_id' => 'RENEW-0001', 'trade_id' => 't-1', 'state' => 'paid', 'id' => '20240304094405131317',
    'forms' => ['4000.0566.5566.5556', "4000  0566 5566 5556", '4000/0566/5566/5556 2026', $fw]]]);
$p = $y->parsePayWithToken(200, ['Content-Type' => 'application/json'], $body, $req);
echo $p->raw['data']['id'], "\n";
echo implode(' | ', $p->raw['data']['forms']), "\n";
foreach (['var_dump', 'print_r', 'var_export', 'json_encode'] as $f) {
    ob_start();
    if ($f === 'json_encode') {
        echo json_encode($p);
    } else {
        $f($p);
    }
    $out = ob_get_clean();
    echo $f, ': ', str_contains($out, '20240304094405131317') ? 'id shown' : 'id masked', ', ',
        str_contains($out, '202403**********1317') ? 'text rule' : 'no text rule', "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
***********************T_77
{"number":"411111******1111","cvv":"***"}
paid with 411111******1111
20240304094405131317
bool(true)
Error
bool(false)
bool(false)
bool(true)
20240304094405131317
4000.05**.****.5556 | 4000  05** **** 5556 | 4000/05**/****/5556 2026 | ４００００５******５５５６
var_dump: id masked, text rule
print_r: id masked, text rule
var_export: id masked, text rule
json_encode: id masked, text rule
