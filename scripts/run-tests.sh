#!/usr/bin/env bash
# make test: installs what is missing, builds, runs every suite, and ends
# with one summary line "summary: N passed, M failed". Exits non-zero when
# any suite fails or a suite ran no test.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/results
rm -f build/results/*.log build/results/*.xml

if ! scripts/deps.sh; then
  echo "summary: 0 passed, 1 failed"
  exit 1
fi

total_pass=0
total_fail=0
report=()

# run_suite NAME COMMAND...: runs it, captures output, counts from lines
# "<word>: N passed, M failed" (C, phpt, checks) or pytest's junit XML.
run_suite() {
  local name=$1; shift
  local log=build/results/$name.out
  echo "==> $name"
  "$@" >"$log" 2>&1
  local rc=$?
  tail -n 15 "$log"
  local p=0 f=0 line
  while read -r line; do
    p=$((p + $(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")))
    f=$((f + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
  done < <(grep -E '^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$log")
  if [ "$name" = python ] && [ -f build/results/python.xml ]; then
    read -r p f < <(build/venv/bin/python - <<'PY'
import xml.etree.ElementTree as ET
r = ET.parse("build/results/python.xml").getroot()
s = r if r.tag == "testsuite" else r.find("testsuite")
t, fl, er, sk = (int(s.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
print(t - fl - er - sk, fl + er)
PY
)
    local sp=0 sf=0
    if grep -qE '^stubtest: ' "$log"; then
      sp=$(grep -E '^stubtest: ' "$log" | sed -E 's/.* ([0-9]+) passed.*/\1/')
      sf=$(grep -E '^stubtest: ' "$log" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    fi
    p=$((p + sp)); f=$((f + sf))
  fi
  if [ $rc -ne 0 ] && [ $f -eq 0 ]; then f=1; fi
  if [ $rc -eq 0 ] && [ $p -eq 0 ]; then
    echo "!! $name ran no test"; f=$((f + 1))
  fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  report+=("$(printf '%-10s %5d passed, %d failed' "$name" "$p" "$f")")
}

run_suite c        make --no-print-directory test-c
run_suite asan     make --no-print-directory test-asan
run_suite python   make --no-print-directory test-python
run_suite php      make --no-print-directory test-php
run_suite generated make --no-print-directory check-generated
run_suite format   make --no-print-directory format-check
# after python and php: the installed Python module and the built cardtoken.so
run_suite symbols  scripts/check-symbols.sh
[ -d fuzz ] && run_suite fuzz make --no-print-directory -C fuzz smoke

echo
printf '%s\n' "${report[@]}"
echo "summary: $total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ]
