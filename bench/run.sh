#!/usr/bin/env bash
# bench/run.sh - `make bench`: cardtoken against the hardware limit and the
# peers, on a real local keep-alive HTTPS server, in one go. Writes
# bench/results.md (machine, versions, date, tables) and prints the tables.
#
#   bench/run.sh            everything (about 20 minutes on 2 cores, 8 of them php-fpm)
#
# Environment:
#   BENCH_RUNS=5          runs per measurement (median and min–max over them)
#   BENCH_SCALE=1.0       loop length factor (0.1 = a quick smoke run)
#   BENCH_PROFILE=1       0 skips the callgrind instruction counts
#   BENCH_MEMORY=1        0 skips the RSS runs
#   BENCH_PER_REQUEST=1   0 skips the per-request (cache on/off) Python run
#   BENCH_FPM=1           0 skips the php-fpm per-request run (bench/fpm_load.py)
#   BENCH_ONLY=           fpm: only the php-fpm run, its section replaced in
#                         BENCH_OUT (the other sections kept as they are)
#   BENCH_OUT=bench/results.md
#
# Work files go to build/bench/ (fixtures, keys, certificates, nginx.conf,
# binaries, the Python extension) and bench/results-raw/ (raw JSON lines,
# callgrind profiles); both are ignored by git.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-python3}
WORK=$ROOT/build/bench
RAW=$ROOT/bench/results-raw
OUT=${BENCH_OUT:-$ROOT/bench/results.md}
export BENCH_RUNS=${BENCH_RUNS:-5} BENCH_SCALE=${BENCH_SCALE:-1.0}
START=$(date +%s)
ONLY=${BENCH_ONLY:-}
[ -z "$ONLY" ] || [ "$ONLY" = fpm ] || { echo "bench: BENCH_ONLY must be empty or fpm" >&2; exit 2; }
FPM=${BENCH_FPM:-1}
[ "$ONLY" = fpm ] && FPM=1

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# ---- what the run needs ---------------------------------------------------
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
    else return 1; fi
}
apt_install() {
    say "installing $* (apt-get)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
        die "cannot install $* (not root); run: apt-get install $*"
}
NGINX=$(command -v nginx || true)
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
    apt_install nginx-light
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi
command -v valgrind >/dev/null || [ "${BENCH_PROFILE:-1}" = 0 ] || apt_install valgrind
PHP_MODULES=$(php -m 2>/dev/null || true)
grep -qx curl <<<"$PHP_MODULES" || apt_install php-curl
if [ "$FPM" != 0 ]; then
    PHP_FPM=$(command -v php-fpm8.2 || true)
    [ -z "$PHP_FPM" ] && [ -x /usr/sbin/php-fpm8.2 ] && PHP_FPM=/usr/sbin/php-fpm8.2
    if [ -z "$PHP_FPM" ]; then
        apt_install php8.2-fpm
        PHP_FPM=/usr/sbin/php-fpm8.2
    fi
    export BENCH_PHP_FPM=$PHP_FPM
fi
for m in requests cryptography; do
    "$PY" -c "import $m" 2>/dev/null || "$PY" -m pip install -q --disable-pip-version-check "$m"
done

# ---- build ---------------------------------------------------------------
mkdir -p "$WORK/bin" "$RAW"
if [ "$ONLY" != fpm ]; then
say "building the C core, the limit program and the C-core client"
make -s core
# the core's flags (core/build.mk)
ct_flag() { sed -n "s/^$1 = //p" core/build.mk; }
CFLAGS="$(ct_flag CT_CSTD) -O2 $(ct_flag CT_WARN) $(ct_flag CT_WERROR) -Icore/include $(pkg-config --cflags libcurl openssl jansson)"
LIBS="$(pkg-config --libs libcurl openssl jansson) -lpthread"
cc $CFLAGS bench/limit.c $LIBS -o "$WORK/bin/limit"
cc $CFLAGS bench/ct_c.c build/c/libcardtoken.a $LIBS -o "$WORK/bin/ct_c"

say "building the Python extension (pip, into build/bench/pylib)"
rm -rf "$WORK/pylib"
"$PY" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation \
    --target "$WORK/pylib" . >"$WORK/pip.log" 2>&1 || { tail -n 30 "$WORK/pip.log" >&2; die "pip install failed"; }
PYTHONPATH="$WORK/pylib" "$PY" -c 'import cardtoken' || die "the Python extension does not import"
fi

say "building the PHP extension (php/build.sh build)"
php/build.sh build >"$WORK/php-build.log" 2>&1 || { tail -n 30 "$WORK/php-build.log" >&2; die "php/build.sh build failed"; }
PHP_EXT=$ROOT/build/php-src/modules/cardtoken.so
php -d "extension=$PHP_EXT" -r 'exit(class_exists("CardToken\\Pagsmile") ? 0 : 1);' || die "the PHP extension does not load"

export BENCH_ROOT=$ROOT BENCH_BIN=$WORK/bin BENCH_PYLIB=$WORK/pylib BENCH_PHP_EXT=$PHP_EXT

# ---- fixtures and server ---------------------------------------------------
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
FX=$WORK/fx
rm -rf "$FX"
"$PY" bench/fixtures.py "$FX" "$PORT"

NGINX_PID=
stop_server() {
    if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    NGINX_PID=
}
# Long steps run in the background and are waited for, so that a signal is
# handled at once (bash runs traps only between foreground commands).
CHILD=
run() {
    "$@" &
    CHILD=$!
    wait "$CHILD"
    local rc=$?
    CHILD=
    return $rc
}
on_signal() {
    [ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null
    stop_server
    say "interrupted"
    exit 130
}
trap stop_server EXIT
trap on_signal INT TERM
"$NGINX" -p "$FX" -c "$FX/nginx.conf" -e "$FX/nginx-error.log" &
NGINX_PID=$!
for _ in $(seq 50); do
    curl -s -o /dev/null --cacert "$FX/ca.pem" -X POST "https://127.0.0.1:$PORT/api/getcardtoken" && break
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$FX/nginx-error.log" >&2; die "nginx did not start"; }
    sleep 0.1
done
say "nginx $NGINX_PID serving https://127.0.0.1:$PORT"

# ---- check, measure, report ---------------------------------------------------
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAWF=$RAW/$STAMP.jsonl
if [ "$ONLY" != fpm ]; then
"$PY" bench/driver.py contenders "$WORK/contenders.json"
"$PY" bench/driver.py meta "$RAW/$STAMP.meta.json"
say "checking that every contender does the same four calls correctly"
if ! run "$PY" bench/check.py "$FX/fixtures.json" "$WORK/contenders.json" >"$RAW/$STAMP.check.log"; then
    cat "$RAW/$STAMP.check.log"
    die "a contender failed its checks: nothing timed"
fi
grep -c ' ok$' "$RAW/$STAMP.check.log" | xargs printf 'bench: %s checks passed\n'

say "timing: $BENCH_RUNS runs x 2 paths x 4 calls x 6 contenders"
run "$PY" bench/driver.py measure "$WORK/contenders.json" "$FX/fixtures.json" "$RAWF"
if [ "${BENCH_MEMORY:-1}" != 0 ]; then
    say "memory: RSS over 10 000 .. 1 000 000 build_ + parse_ calls"
    run "$PY" bench/driver.py memory "$WORK/contenders.json" "$FX/fixtures.json" "$RAWF"
fi
if [ "${BENCH_PROFILE:-1}" != 0 ]; then
    say "instructions per call under callgrind"
    rm -rf "$RAW/callgrind"
    run "$PY" bench/driver.py instructions "$WORK/contenders.json" "$FX/fixtures.json" "$RAWF"
fi
fi  # not BENCH_ONLY=fpm
# php-fpm (issue 17): nginx + php8.2-fpm (2 static workers per pool), a
# client built per request, one call, 20 ms round trip through the relay to
# the nginx gateway above; cache on, off, the PHP peer (BENCH_FPM=0 skips it).
if [ "$FPM" != 0 ]; then
    say "php-fpm: a client per request, 20 ms round trip, cache on / off / PHP peer ($BENCH_RUNS runs)"
    run "$PY" bench/fpm_load.py "$FX" "$PHP_EXT" "$RAW/$STAMP.fpm.jsonl" >"$RAW/$STAMP.fpm.log" ||
        { tail -n 40 "$RAW/$STAMP.fpm.log"; die "the php-fpm run failed"; }
    grep -c ': ok$' "$RAW/$STAMP.fpm.log" | xargs printf 'bench: %s php-fpm checks passed\n'
fi
stop_server
grep -q '\[emerg\]\|\[alert\]\|\[crit\]' "$FX/nginx-error.log" 2>/dev/null && {
    say "nginx reported errors:"; cat "$FX/nginx-error.log"; }

if [ "$ONLY" != fpm ]; then
"$PY" bench/report.py "$RAW/$STAMP.meta.json" "$RAWF" "$RAW/$STAMP.check.log" "$OUT"

# asyncio (issue 18): 1,000 calls in flight against an emulator answering
# after 100 ms; the peer's aiohttp goes into the project venv only.
VPY=$ROOT/build/venv/bin/python
[ -x "$VPY" ] || scripts/deps.sh venv
"$VPY" -m pip install -q --disable-pip-version-check -r bench/requirements-async.txt
say "asyncio: 1000 calls in flight (async client, sync client in threads, aiohttp peer)"
PYTHONPATH="$WORK/pylib" run "$VPY" bench/py_async.py "$FX" "$OUT" 1000
# per request (issue 17): a client built per call, cache on vs off, through
# a relay delaying 10 ms each way (BENCH_PER_REQUEST=0 skips it).
if [ "${BENCH_PER_REQUEST:-1}" != 0 ]; then
    say "per request: Python, a client per call, 20 ms round trip, cache on vs off"
    PYTHONPATH="$WORK/pylib" run "$VPY" bench/py_per_request.py 200 0.01 "$OUT"
fi
fi  # not BENCH_ONLY=fpm
if [ "$FPM" != 0 ]; then
    "$PY" bench/report.py fpm "$RAW/$STAMP.fpm.jsonl" "$OUT" | sed -n '/^Goals/,/^Checks/p'
fi
[ "$ONLY" = fpm ] && RAWF=$RAW/$STAMP.fpm.jsonl
say "done in $(( $(date +%s) - START )) s; raw data in ${RAWF#$ROOT/}"
