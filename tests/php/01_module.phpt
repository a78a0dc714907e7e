--TEST--
module: version, phpinfo, error constants from the core's CT_ERROR_TABLE, exception hierarchy
--EXTENSIONS--
cardtoken
--FILE--
<?php
require __DIR__ . '/helpers.inc';

// The version, read independently from the header.
$h = file_get_contents(ct_root() . '/core/include/cardtoken.h');
preg_match('/#define CT_VERSION "([^"]+)"/', $h, $m);
var_dump(CardToken\version() === $m[1], phpversion('cardtoken') === $m[1], $m[1]);

// phpinfo() shows the extension and core versions, libcurl and OpenSSL.
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$section = substr($info, strpos($info, "cardtoken support"));
$section = substr($section, 0, strpos($section, "\n\n") ?: strlen($section));
preg_match('/libcurl version => (.*)/', $section, $curl);
preg_match('/OpenSSL version => (.*)/', $section, $ssl);
var_dump(str_contains($section, 'cardtoken support => enabled'),
    str_contains($section, "extension version => {$m[1]}"),
    str_contains($section, "core version => {$m[1]}"));
// libcurl and OpenSSL as reported by independent sources.
$curlWant = function_exists('curl_version') ? curl_version()['version'] : trim((string)shell_exec('pkg-config --modversion libcurl'));
var_dump($curl[1] === $curlWant);
// The OpenSSL library in use, as the openssl command reports it ("OpenSSL 3.0.19 27 Jan 2026 ...").
$sslWant = trim((string)shell_exec('openssl version'));
var_dump(preg_match('/^OpenSSL \d+\.\d+\.\d+/', $ssl[1], $v) === 1 && str_starts_with($sslWant, $v[0] . ' '));

// Every row of CT_ERROR_TABLE is a class constant, and nothing else is.
preg_match_all('/X\((CT_[A-Z_]+), (\d+), (CT_CAT_[A-Z_]+),/', $h, $rows, PREG_SET_ORDER);
$consts = (new ReflectionClass(CardToken\Exception::class))->getConstants();
$want = [];
foreach ($rows as [, $name, $value]) {
    $want[preg_replace('/^CT_(ERR_)?/', '', $name)] = (int)$value;
}
var_dump(count($want) >= 20, $consts === $want);
var_dump(CardToken\Exception::OK, CardToken\Exception::TIMEOUT, CardToken\Exception::RESULT_UNKNOWN);

// The documented hierarchy.
foreach (['Configuration', 'Validation', 'Transport', 'Protocol', 'Signature', 'Gateway'] as $k) {
    echo "$k: ", get_parent_class("CardToken\\{$k}Exception"), "\n";
}
echo 'ResultUnknown: ', get_parent_class(CardToken\ResultUnknownException::class), "\n";
echo 'Exception: ', get_parent_class(CardToken\Exception::class), "\n";

// Exceptions a user makes carry neutral attributes.
$e = new CardToken\GatewayException('x');
var_dump($e->getField(), $e->getGateway(), $e->isRetryable(), $e->isOutcomeUnknown(), $e->getHttpStatus(),
    $e->getGatewayCode(), $e->getGatewayMessage(), $e->getRetryAfter(), $e->getErrorName());
var_dump((new CardToken\Exception('y', CardToken\Exception::TIMEOUT))->getErrorName());

// Thread-safety by construction: nothing but classes, one function and
// the three process-wide PHP_INI_SYSTEM cache settings (issue 17).
$ext = new ReflectionExtension('cardtoken');
var_dump($ext->getINIEntries(), $ext->getConstants(), array_keys($ext->getFunctions()));
?>
--EXPECTF--
bool(true)
bool(true)
string(5) "0.1.0"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
int(33)
int(70)
Configuration: CardToken\Exception
Validation: CardToken\Exception
Transport: CardToken\Exception
Protocol: CardToken\Exception
Signature: CardToken\Exception
Gateway: CardToken\Exception
ResultUnknown: CardToken\GatewayException
Exception: RuntimeException
NULL
NULL
bool(false)
bool(false)
NULL
NULL
NULL
NULL
string(5) "CT_OK"
string(14) "CT_ERR_TIMEOUT"
array(3) {
  ["cardtoken.idle_timeout"]=>
  string(2) "50"
  ["cardtoken.max_connections"]=>
  string(2) "16"
  ["cardtoken.persistent"]=>
  string(1) "1"
}
array(0) {
}
array(1) {
  [0]=>
  string(17) "CardToken\version"
}
