<?php
// PayerMax: list a user's payment tokens, sending the request with our own
// HTTP client (build + ext/curl + parse): the same works with Guzzle, etc.
require __DIR__ . '/config.inc';

$opts = options('payermax');
$client = new CardToken\PayerMax($opts);
$req = $client->buildInquirePaymentToken(['user_id' => 'user-0001', 'token_scope' => 'tokenAcq']);

$headers = [];
$ch = curl_init($req->url);
curl_setopt_array($ch, [
    CURLOPT_POST => true, CURLOPT_POSTFIELDS => $req->body, CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTPHEADER => array_map(fn ($h) => "$h[0]: $h[1]", $req->headers),
    CURLOPT_CAINFO => $opts['ca_file'] ?? null, CURLOPT_TIMEOUT => 30,
    CURLOPT_HEADERFUNCTION => function ($ch, $line) use (&$headers) {
        if (str_contains($line, ':')) {
            [$name, $value] = explode(':', $line, 2);
            $headers[] = [trim($name), trim($value)];
        }
        return strlen($line);
    },
]);
$body = curl_exec($ch);
$tokens = $client->parseInquirePaymentToken(curl_getinfo($ch, CURLINFO_RESPONSE_CODE), $headers, (string) $body);

foreach ($tokens as $t) {
    printf("php     payermax   token=…%s card=%s brand=%s status=%s expiry=%s\n", substr($t->payment_token_id, -4),
        $t->card_info, $t->brand, $t->payment_token_status, $t->payment_token_expiry);
}
