#!/usr/bin/env bash
# make demo: build both extensions, start the local sandbox, run every
# example (four gateways, Python and PHP, plus notifications) against it,
# and stop the sandbox whatever happens. Card data is printed masked only.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

echo "==> building the Python extension (pip install .)"
"$PY" -m pip install -q --disable-pip-version-check --no-build-isolation . || exit 1
echo "==> building the PHP extension (phpize)"
php/build.sh build >build-php.log 2>&1 || { tail -n 30 build-php.log; exit 1; }
rm -f build-php.log
PHP=(php -d "extension=$PWD/build/php-src/modules/cardtoken.so")

tmp=$(mktemp -d)
"$PY" -m cardtoken.sandbox --port 0 --config-out "$tmp/sandbox.json" &
sandbox=$!
cleanup() { kill "$sandbox" 2>/dev/null; wait "$sandbox" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
for _ in $(seq 100); do [ -s "$tmp/sandbox.json" ] && break; sleep 0.1; done
[ -s "$tmp/sandbox.json" ] || { echo "the sandbox did not start"; exit 1; }
export CARDTOKEN_CONFIG="$tmp/sandbox.json"
echo "==> sandbox listening at $("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["base_url"])' "$CARDTOKEN_CONFIG")"
echo

ok=0; failed=0
run() { if "$@"; then ok=$((ok + 1)); else failed=$((failed + 1)); echo "!! failed: ${*: -1}"; fi; }
for g in pagsmile payermax yabandpay worldfirst; do
  run "$PY" "examples/python/$g.py"
  run "${PHP[@]}" "examples/php/$g.php"
done
run "$PY" examples/python/pagsmile_lifecycle.py
run "$PY" examples/python/pagsmile_notification.py
run "${PHP[@]}" examples/php/pagsmile_lifecycle.php
run "$PY" examples/python/notification.py
# a YabandPay notification signed by the sandbox, for the PHP receivers' stdin
yb_note() {
  "$PY" -c 'import json,os,sys; from cardtoken import sandbox
cfg = json.load(open(os.environ["CARDTOKEN_CONFIG"]))
sys.stdout.buffer.write(sandbox.build_notification("yabandpay", cfg)["body"])'
}
notify() { yb_note | "${PHP[@]}" examples/php/notification.php; }
run notify
run "$PY" examples/python/yabandpay_lifecycle.py
lifecycle_php() { yb_note | "${PHP[@]}" examples/php/yabandpay_lifecycle.php; }
run lifecycle_php
run "$PY" examples/python/payermax_lifecycle.py
# PayerMax PAYMENT and TOKENIZATION notifications signed by the sandbox, one
# JSON line {"sign", "body" (base64)} each, for the PHP receiver's stdin
pm_notes() {
  "$PY" -c 'import base64,json,os; from cardtoken import sandbox
cfg = json.load(open(os.environ["CARDTOKEN_CONFIG"]))
for kind in ("PAYMENT", "TOKENIZATION"):
    n = sandbox.build_notification("payermax", cfg, kind=kind)
    print(json.dumps({"sign": dict(n["headers"])["sign"], "body": base64.b64encode(n["body"]).decode()}))'
}
pm_lifecycle_php() { pm_notes | "${PHP[@]}" examples/php/payermax_lifecycle.php; }
run pm_lifecycle_php
run "$PY" examples/python/worldfirst_lifecycle.py
# a WorldFirst card status notification signed by the sandbox, for the PHP receiver's stdin
wf_note() {
  "$PY" -c 'import base64,json,os,sys; from cardtoken import sandbox
cfg = json.load(open(os.environ["CARDTOKEN_CONFIG"]))
n = sandbox.build_notification("worldfirst", cfg, "http://127.0.0.1/worldfirst/notify")
print(json.dumps({"path": n["path"], "headers": [list(h) for h in n["headers"]],
                  "body": base64.b64encode(n["body"]).decode()}))'
}
wf_lifecycle_php() { wf_note | "${PHP[@]}" examples/php/worldfirst_lifecycle.php; }
run wf_lifecycle_php
echo
echo "demo: $ok passed, $failed failed"
[ "$failed" -eq 0 ]
