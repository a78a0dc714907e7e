#!/usr/bin/env bash
# make test-matrix: the suites on the runtimes users run, one closing line each.
#
#   python-3.X      pyenv's Python 3.10, 3.12 and 3.13 (pyenv versions), each in
#                   its own venv build/venv-3.X: build, pytest, stubtest
#   wheel-trixie    make wheel here (one wheel per CPython 3.10-3.13, libcurl,
#                   OpenSSL and jansson inside); the cp310, cp311 and cp312
#                   wheels each in a fresh venv here (make wheel-check); then
#                   the cp313 wheel in a Debian 13 debootstrap root with no
#                   compiler and no -dev package: make wheel-check-bare there
#                   (a fresh venv, one call of every gateway against the
#                   sandbox, TLS against the system's CA store)
#   bare-trixie     Debian 13 in a debootstrap root (PHP 8.4, Python 3.13,
#                   libcurl 8, OpenSSL 3.5): make test and make demo there
#   bare-forky      Debian's next release in a debootstrap root (Python 3.14,
#                   libcurl 8.22, OpenSSL 3.6): make test-python there
#   (MATRIX_SUITES, MATRIX_PYTHONS and MATRIX_WHEEL=0 narrow it.)
#
# A runtime that is not on the machine (no pyenv version) is reported as
# skipped, never as passed. Ends with "matrix: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/matrix
pass=0 fail=0 lines=()
t0=$(date +%s) t_last=$t0
record() { # NAME RC
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); lines+=("$1: 1 passed, 0 failed"); else
        fail=$((fail + 1)); lines+=("$1: 0 passed, 1 failed"); fi
    local now
    now=$(date +%s)
    echo "<== $1: $((now - t_last)) s"
    t_last=$now
}

pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
for v in ${MATRIX_PYTHONS:-3.10 3.12 3.13}; do
    py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python3 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$py" ]; then
        echo "==> python-$v: not installed in pyenv ($pyenv_root): skipped"
        lines+=("python-$v: skipped (no pyenv version)")
        continue
    fi
    echo "==> python-$v ($py)"
    make --no-print-directory test-python PYTHON="$py" VENV="build/venv-$v" \
        >"build/matrix/python-$v.log" 2>&1
    rc=$?
    tail -n 3 "build/matrix/python-$v.log"
    record "python-$v" $rc
done

if [ "${MATRIX_WHEEL:-1}" = 1 ]; then
    echo "==> wheel-trixie (make wheel, then make wheel-check-bare in Debian 13)"
    scripts/wheel.sh >build/matrix/wheel.log 2>&1
    rc=$?
    grep -E '^wheel: ' build/matrix/wheel.log
    for v in 3.10 3.11 3.12; do
        [ "$rc" -eq 0 ] || break
        py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python3 2>/dev/null | sort -V | tail -n 1)
        PYTHON=$py scripts/wheel-check.sh >>build/matrix/wheel.log 2>&1
        rc=$?
        grep -E '^wheel-check: ' build/matrix/wheel.log | tail -n 2 | head -n 1
        tail -n 1 build/matrix/wheel.log
    done
    if [ "$rc" -eq 0 ]; then
        BARE_WHEELHOUSE=build/wheelhouse BARE_LABEL=wheel-trixie scripts/test-bare.sh trixie wheel-check-bare
        rc=$?
    fi
    record wheel-trixie $rc
fi

# SUITE:TARGET,TARGET...
for entry in ${MATRIX_SUITES:-trixie:test,demo forky:test-python}; do
    suite=${entry%%:*}
    IFS=, read -r -a targets <<<"${entry#*:}"
    echo "==> bare-$suite (make ${targets[*]})"
    scripts/test-bare.sh "$suite" "${targets[@]}"
    record "bare-$suite" $?
done

echo
echo "matrix time: $(($(date +%s) - t0)) s"
printf '%s\n' "${lines[@]}"
echo "matrix: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
