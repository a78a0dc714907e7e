#!/usr/bin/env bash
# run.sh run|smoke - runs the harnesses one after another (the machine is
# shared; never in parallel). Called by fuzz/Makefile, which sets:
#   FUZZ_BUILD      build/fuzz (bin/, seeds/, dict/)
#   FUZZ_FINDINGS   fuzz/findings (committed reproducers, replayed first)
#   FUZZ_HARNESSES  the harness names
#   FUZZ_SECONDS    seconds per harness for "run" (default 60)
#   SMOKE_RUNS, SMOKE_SECONDS   the per-harness limits for "smoke"
#   FUZZ_SKIP_FINDINGS  e.g. "F1": oracles of known findings to turn off
#
# run:   corpus kept in build/fuzz/corpus/<harness> (grows across runs);
#        prints inputs run per harness, the total, and the results to
#        build/fuzz/results-run.txt.
# smoke: a throw-away corpus; ends with exactly one line
#        "fuzz: N passed, M failed".
# A harness fails on a non-zero exit or any sanitizer / libFuzzer report
# (crash, leak, UB, timeout, OOM, contract assertion); its reproducer is in
# build/fuzz/artifacts/<harness>/.
set -uo pipefail

mode=${1:-smoke}
B=${FUZZ_BUILD:?}
findings=${FUZZ_FINDINGS:-}
secs=${FUZZ_SECONDS:-60}

case $mode in
  run)   limits=(-max_total_time="$secs") ;;
  smoke) limits=(-runs="${SMOKE_RUNS:-20000}" -max_total_time="${SMOKE_SECONDS:-2}") ;;
  *) echo "usage: $0 run|smoke" >&2; exit 2 ;;
esac

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="report_objects=0"
export FUZZ_SKIP_FINDINGS=${FUZZ_SKIP_FINDINGS:-}
[ -z "$FUZZ_SKIP_FINDINGS" ] || echo "note: oracles of known findings turned off: $FUZZ_SKIP_FINDINGS"

mkdir -p "$B/logs" "$B/artifacts"
results=$B/results-$mode.txt
: >"$results"
pass=0 fail=0 total=0
failed_names=()

printf '%-26s %-6s %12s %8s %7s %7s\n' harness result inputs exec/s cov ft | tee -a "$results"
for h in $FUZZ_HARNESSES; do
  bin=$B/bin/$h
  seeds=$B/seeds/${h%_nosig}
  dict=$B/dict/$h.dict
  log=$B/logs/$mode-$h.log
  art=$B/artifacts/$h/
  mkdir -p "$art" "$seeds"
  if [ "$mode" = run ]; then
    corpus=$B/corpus/$h
  else
    corpus=$B/smoke/$h
    rm -rf "$corpus"
  fi
  mkdir -p "$corpus"
  dirs=("$corpus" "$seeds")
  if [ -n "$findings" ] && [ -d "$findings/$h" ] && [ -n "$(ls -A "$findings/$h" 2>/dev/null)" ]; then
    dirs+=("$findings/$h")
  fi
  start=$(date +%s)
  "$bin" "${limits[@]}" -rss_limit_mb=2048 -malloc_limit_mb=2048 -detect_leaks=1 \
    -timeout=25 -max_len=16384 -print_final_stats=1 -dict="$dict" \
    -artifact_prefix="$art" "${dirs[@]}" >"$log" 2>&1
  rc=$?
  end=$(date +%s)
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$')
  [ -n "$runs" ] || runs=$(grep -oE '^Done [0-9]+ runs' "$log" | tail -n 1 | grep -oE '[0-9]+')
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  [ -n "$runs" ] || runs=0
  speed=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$')
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$')
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$')
  bad=0
  [ $rc -eq 0 ] || bad=1
  if grep -qE '^==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer|SUMMARY: (Address|Leak|Undefined)|contract violated|^INFO: a leak has been found' "$log"; then
    bad=1
  fi
  total=$((total + runs))
  if [ $bad -eq 0 ]; then
    pass=$((pass + 1)); verdict=ok
  else
    fail=$((fail + 1)); verdict=FAILED; failed_names+=("$h")
  fi
  printf '%-26s %-6s %12d %8s %7s %7s  (%ds)\n' "$h" "$verdict" "$runs" "${speed:--}" "${cov:--}" "${ft:--}" $((end - start)) | tee -a "$results"
  if [ $bad -ne 0 ]; then
    echo "---- $h: exit $rc, log $log" | tee -a "$results"
    grep -E '^fuzz: |ERROR|runtime error|SUMMARY|Test unit written|^    #[0-9]+ 0x[0-9a-f]+ in (ct_|fz_|pg_|pm_|yb_|wf_|LLVMFuzzerTestOneInput)' "$log" | head -n 30 | sed 's/^/   | /' | tee -a "$results"
  fi
done
echo "total inputs run: $total ($((pass + fail)) harnesses)" | tee -a "$results"
if [ ${#failed_names[@]} -gt 0 ]; then
  echo "failed harnesses: ${failed_names[*]} (reproducers in $B/artifacts/<harness>/)" | tee -a "$results"
fi
echo "fuzz: $pass passed, $fail failed" | tee -a "$results"
[ $fail -eq 0 ]
