#!/usr/bin/env bash
# make wheel-check: installs the wheel of build/wheelhouse made for the
# python3 on PATH (or PYTHON) into a fresh venv, with pip allowed no source
# build (--only-binary :all:), and runs tests/wheel/check_wheel.py and the
# four gateways' examples with it against the sandbox of the installed
# package, from outside the source tree.
#
#   scripts/wheel-check.sh [--bare]
#
# --bare (make test-matrix's wheel line, in a Debian 13 debootstrap root): as
# root (only inside make test-bare's throwaway root: CARDTOKEN_BARE_ROOT=1),
# installs only python3 and python3-venv (scripts/deps.sh runtime),
# first checks that there is no C compiler, no pkg-config and no header of
# Python, libcurl, OpenSSL or jansson, and checks TLS against the system's CA
# store (check_wheel.py --system-ca). Ends with "wheel-check: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
bare=0
[ "${1:-}" = --bare ] && bare=1
fail() { echo "wheel-check: error: $*" >&2; echo "wheel-check: 0 passed, 1 failed"; exit 1; }

if [ "$bare" = 1 ]; then
    # It adds a CA to the system's store and moves the store's bundle away
    # for a moment: only in make test-bare's throwaway root.
    [ "${CARDTOKEN_BARE_ROOT:-}" = 1 ] || fail "--bare runs only inside make test-bare's root (it edits the system's CA store)"
    scripts/deps.sh runtime || fail "could not install python3 and python3-venv"
    found=()
    for c in cc gcc clang c99 pkg-config; do command -v "$c" >/dev/null && found+=("$c"); done
    for h in /usr/include/curl/curl.h /usr/include/*/curl/curl.h /usr/include/openssl/ssl.h /usr/include/jansson.h /usr/include/python3*/Python.h; do
        [ -e "$h" ] && found+=("$h")
    done
    [ ${#found[@]} -eq 0 ] || fail "not a machine without a compiler: found ${found[*]}"
    echo "wheel-check: no C compiler, no pkg-config, no -dev headers"
fi
PY=${PYTHON:-python3}
tag=$("$PY" -c 'import sys; print("cp%d%d" % sys.version_info[:2])') || fail "no $PY"
whl=$(ls "$REPO"/build/wheelhouse/cardtoken-*-"$tag"-"$tag"-manylinux_*.whl 2>/dev/null | tail -n 1)
[ -n "$whl" ] || fail "no $tag wheel in build/wheelhouse (make wheel)"
echo "wheel-check: $(basename "$whl") with $("$PY" -V)"

venv=$REPO/build/wheel-check/venv
rm -rf "$venv"
"$PY" -m venv "$venv" || fail "could not make a venv with $PY"
# cryptography: the sandbox's one dependency (the wheel's [sandbox] extra).
"$venv/bin/python" -m pip install -q --only-binary :all: "$whl[sandbox]" ||
    fail "pip could not install $(basename "$whl") without building"

run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
cd "$run" # nothing of the checkout on sys.path
rc=0
args=()
[ "$bare" = 1 ] && args=(--system-ca)
"$venv/bin/python" "$REPO/tests/wheel/check_wheel.py" "${args[@]}" | tee "$run/check.log" || rc=1
passed=$(sed -n 's/^wheel-check: \([0-9]*\) passed.*/\1/p' "$run/check.log")
failed=$(sed -n 's/^wheel-check: [0-9]* passed, \([0-9]*\) failed/\1/p' "$run/check.log")
[ -n "$passed" ] || { passed=0; failed=1; }

# The examples of the four gateways (as make demo runs them).
"$venv/bin/python" -m cardtoken.sandbox --port 0 --config-out "$run/sandbox.json" &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null; wait "$sandbox" 2>/dev/null; rm -rf "$run"' EXIT
for _ in $(seq 100); do [ -s "$run/sandbox.json" ] && break; sleep 0.1; done
export CARDTOKEN_CONFIG=$run/sandbox.json
for g in pagsmile payermax yabandpay worldfirst; do
    if "$venv/bin/python" "$REPO/examples/python/$g.py"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); rc=1; echo "FAIL example $g"; fi
done
echo "wheel-check: $passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
