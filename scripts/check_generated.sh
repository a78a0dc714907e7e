#!/usr/bin/env bash
# make check-generated: the generated files are what the generator makes of
# the core's description today. Regenerates them into a temporary folder
# (scripts/gen_stubs.py --out) and compares each with the committed copy;
# ends with "generated: N passed, M failed". Fix a failure with
# `make generate` (never by editing a generated file).
# php/cardtoken_arginfo.h, generated from the stub by PHP's gen_stub.php, is
# checked by php/build.sh check-arginfo.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x build/venv/bin/python ] && PY=build/venv/bin/python
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! make --no-print-directory describe >/dev/null ||
   ! "$PY" scripts/gen_stubs.py --out "$tmp"; then
  echo "generated: 0 passed, 1 failed (the generator did not run)"
  exit 1
fi
pass=0 fail=0
for f in python/cardtoken/__init__.pyi php/cardtoken.stub.php php/cardtoken_classes.h docs/operations.md; do
  if diff -u "$f" "$tmp/$f"; then
    pass=$((pass + 1))
  else
    echo "stale: $f differs from what the generator makes (run make generate)"
    fail=$((fail + 1))
  fi
done
echo "generated: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
