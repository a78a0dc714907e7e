#!/usr/bin/env bash
# make check-memory: the C suite under valgrind, the pytest suite's offline
# parts under valgrind (PYTHONMALLOC=malloc, definite leaks and errors fail),
# and the phpt suite under valgrind with USE_ZEND_ALLOC=0.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# valgrind must run the interpreter itself, not a wrapper script (pyenv)
PYREAL=$("$PY" -c 'import sys; print(sys.executable)')
fail=0
VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --num-callers=40)

echo "==> C vectors under valgrind"
make --no-print-directory build/c/test_vectors >/dev/null || exit 1
"${VG[@]}" --track-origins=yes build/c/test_vectors tests/vectors | tail -n 1 || fail=1

echo "==> pytest (vectors, notifications) under valgrind"
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps . || exit 1
# CPython 3.11's small-int and codec start-up give uninitialised-value
# reports in the interpreter itself (none in cardtoken): undefined-value
# checks are off for this run; invalid reads/writes and leaks stay errors.
PYTHONMALLOC=malloc "${VG[@]}" --undef-value-errors=no --suppressions=scripts/python.supp \
  "$PYREAL" -m pytest -q -p no:cacheprovider tests/python/test_vectors.py \
  tests/python/test_notifications.py 2>&1 | tail -n 5
[ "${PIPESTATUS[0]}" -eq 0 ] || fail=1

echo "==> phpt under valgrind (USE_ZEND_ALLOC=0)"
php/build.sh valgrind || fail=1

if [ $fail -eq 0 ]; then echo "check-memory: clean"; else echo "check-memory: FAILED"; fi
exit $fail
