"""YabandPay notifications whose data values are not strings, for gen.py.

The gateway's server and SDK are PHP: they sign each `data` value as PHP's
(string) conversion after json_decode($text, true) (LIFECYCLE.md 10.1a).
The string to sign comes from PHP itself (`php -r`), an implementation
independent of the code under test; the bodies are written by hand so that
every number keeps its exact text.
"""

import base64
import json
import subprocess
import urllib.parse

# json_decode as the SDK does, then "$k=$v" joined by "&", keys sorted byte-wise
PHP_SIGN_STRING = r'''
error_reporting(0);
$o = json_decode(stream_get_contents(STDIN), true, 512);
if (!is_array($o) || !is_array($o["data"] ?? null)) { exit(3); }
$d = $o["data"];
ksort($d, SORT_STRING);
$p = [];
foreach ($d as $k => $v) { $p[] = $k . "=" . (is_array($v) ? "Array" : (string)$v); }
echo base64_encode(implode("&", $p));
'''


def php_sign_string(text):
    """The string PHP signs for the notification JSON `text`."""
    out = subprocess.run(["php", "-d", "precision=14", "-r", PHP_SIGN_STRING], input=text.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout
    return base64.b64decode(out).decode("utf-8")


def php_string_of(number_text):
    """PHP's (string) of json_decode(number_text), from PHP."""
    return subprocess.run(["php", "-d", "precision=14", "-r", 'echo (string)json_decode($argv[1]);', number_text],
                          stdout=subprocess.PIPE, check=True).stdout.decode()


def _body(sig, members):
    """{"sign":sig,"data":{members}} with each member's value text verbatim."""
    return '{"sign":"%s","data":{%s}}' % (sig, ",".join('"%s":%s' % kv for kv in members))


def gen_php_notifications(gw, cfg, add, hmac_hex, strict_loads):
    # the examples, checked against PHP itself
    for text, want in (("1.5e-7", "1.5E-7"), ("0.30000000000000004", "0.3"),
                       ("123456789012345.6", "1.2345678901235E+14"),
                       ("12345678901234567890", "1.2345678901235E+19"), ("100000000000000000000", "1.0E+20"),
                       ("10.50", "10.5"), ("1.0", "1")):
        assert php_string_of(text) == want, (text, php_string_of(text))
    key = cfg["secret_key"]
    head = [("type", '"payment"'), ("user", '"016683"'), ("order_id", '"ORD-3"'), ("trade_id", '"t-3"'),
            ("currency", '"EUR"'), ("state", '"00"')]
    pto = '{"token":"tok_1a2b3c4d","brand":"VISA","last4":"5682"}'

    def case(name, desc, members, tamper=None, form=False, expect_error=None, sign_with=None):
        text = _body("", head + members)
        sts = sign_with(text) if sign_with else php_sign_string(text)
        body = _body(hmac_hex(key, sts), head + members)
        verified = strict_loads(body)["data"]
        if tamper:
            body = body.replace(*tamper)
            assert body != _body(hmac_hex(key, sts), head + members)
            verified = strict_loads(body)["data"]
        if form:
            body = "resultData=" + urllib.parse.quote_plus(body)
        if expect_error:
            add(gw, name, desc, "notification", cfg, notification={"body": body}, error={"code": expect_error})
        else:
            add(gw, name, desc, "notification", cfg, notification={"body": body}, verified=verified)
        return sts

    s = case("notification_php_float_exponent", "amount 1.5e-7 (a JSON number) signed as PHP's 1.5E-7",
             [("amount", "1.5e-7")])
    assert "&amount=1.5E-7&" in "&" + s + "&"
    s = case("notification_php_float_precision_14", "0.30000000000000004 signed as PHP's 0.3 (precision 14)",
             [("amount", "0.30000000000000004")])
    assert "amount=0.3&" in s
    s = case("notification_php_float_large", "123456789012345.6 signed as 1.2345678901235E+14",
             [("amount", "123456789012345.6")])
    assert "amount=1.2345678901235E+14&" in s
    s = case("notification_php_bigint_20_digits", "a 20-digit integer: no JSON error, signed as "
             "1.2345678901235E+19, returned exactly", [("amount", '"0.1"'), ("transaction_id", "12345678901234567890")])
    assert "transaction_id=12345678901234567890" not in s and "transaction_id=1.2345678901235E+19" in s
    case("notification_php_bigint_form", "the 20-digit integer in a resultData= form body",
         [("amount", '"0.1"'), ("transaction_id", "12345678901234567890")], form=True)
    s = case("notification_php_numbers", "every kind of number as PHP's (string): int64 limits, beyond, "
             "reals, exponents, -0, true/false/null",
             [("amount", '"0.1"'), ("max64", "9223372036854775807"), ("min64", "-9223372036854775808"),
              ("over64", "9223372036854775808"), ("neg_big", "-12345678901234567890"),
              ("e20", "100000000000000000000"), ("half", "10.50"), ("one", "1.0"), ("e_plus", "1E+2"),
              ("tiny", "1e-5"), ("small", "0.0001"), ("negzero_real", "-0.0"), ("negzero_int", "-0"),
              ("int", "1642817100"), ("yes", "true"), ("no", "false"), ("nothing", "null"), ("empty", '""')])
    for part in ("max64=9223372036854775807", "min64=-9223372036854775808", "over64=9.2233720368548E+18",
                 "neg_big=-1.2345678901235E+19", "e20=1.0E+20", "half=10.5", "one=1&", "e_plus=100",
                 "tiny=1.0E-5", "small=0.0001", "negzero_real=-0&", "negzero_int=0&", "yes=1", "no=&",
                 "nothing=&", "empty=&"):
        assert part in s + "&", (part, s)
    s = case("notification_php_token_object_array", "payment_token_object as a nested object, signed as "
             "PHP's Array (the SDK's form)", [("amount", '"0.1"'), ("payment_token_object", pto)])
    assert "&payment_token_object=Array&" in s
    case("notification_php_list_value", "a JSON array value signed as Array", [("amount", '"0.1"'),
                                                                              ("items", '[1, {"a": 2}]')])
    case("notification_php_object_not_covered", "the nested object changed after signing still verifies: "
         "PHP signs it as Array, so the gateway's scheme does not authenticate it (README)",
         [("amount", '"0.1"'), ("payment_token_object", pto)], tamper=("tok_1a2b3c4d", "tok_forged00"))
    case("notification_php_tampered_scalar", "a scalar changed after signing a notification with an object",
         [("amount", '"0.1"'), ("payment_token_object", pto)], tamper=('"amount":"0.1"', '"amount":"9.1"'),
         expect_error="CT_ERR_SIGNATURE")
    case("notification_php_tampered_bigint", "a 20-digit integer changed so that PHP's string changes",
         [("amount", '"0.1"'), ("transaction_id", "12345678901234567890")],
         tamper=("12345678901234567890", "12345678901299999999"), expect_error="CT_ERR_SIGNATURE")

    def received_form(text):  # the object as its received text, numbers still PHP's
        return php_sign_string(text).replace("payment_token_object=Array", "payment_token_object=" + pto)
    case("notification_php_received_text_with_real", "an object signed as its received text (also accepted) "
         "next to a real signed as PHP's (string)",
         [("amount", "10.50"), ("payment_token_object", pto)], sign_with=received_form)

    def python_repr(text):  # the former rule: reals as Python writes them
        return php_sign_string(text).replace("amount=0.3", "amount=0.30000000000000004")
    case("notification_python_real_rejected", "a real signed as Python's repr (0.30000000000000004), "
         "not as PHP: the signature does not match", [("amount", "0.30000000000000004")], sign_with=python_repr,
         expect_error="CT_ERR_SIGNATURE")


def check_php_form(text, sign, key, hmac_hex, compare, raw_members):
    """--check: the notification `text` is signed in PHP's form, or in PHP's
    form with the nested values as their received text."""
    try:
        data = json.loads(text)["data"]
        php = php_sign_string(text)
    except (ValueError, KeyError, subprocess.CalledProcessError):
        return False
    received = "&" + php + "&"
    data_raw, at = raw_members(text)["data"]
    for k, (raw, _) in raw_members(text, at).items():
        if isinstance(data[k], (dict, list)):
            received = received.replace("&%s=Array&" % k, "&%s=%s&" % (k, raw))
    return compare(hmac_hex(key, php), sign) or compare(hmac_hex(key, received[1:-1]), sign)
