<?php
// Pagsmile: turn a card into a token (getCardToken).
require __DIR__ . '/config.inc';

$client = new CardToken\Pagsmile(options('pagsmile'));
try {
    $card = $client->getCardToken([
        'card_number' => '4235647728025682',
        'security_code' => '123',
        'expiration_month' => '12',
        'expiration_year' => '2030',
        'cardholder_name' => 'APRO',
    ]);
} catch (CardToken\ValidationException $e) {
    fwrite(STDERR, "fix the input: {$e->getField()}: {$e->getMessage()}\n");
    exit(1);
} catch (CardToken\Exception $e) {
    fwrite(STDERR, 'pagsmile failed: ' . $e->getMessage() . "\n");
    exit(1);
}
// a token is a secret: print its end only
printf("php     pagsmile   token=…%s card=%s******%s expiry=%02d/%d\n", substr($card->token, -4),
    $card->first_six_digits, $card->last_four_digits, $card->expiration_month, $card->expiration_year);
