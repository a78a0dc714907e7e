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
    --show-leak-kinds=definite --track-origins=yes --num-callers=40)

echo "==> C vectors under valgrind"
make --no-print-directory build/c/test_vectors >/dev/null || exit 1
"${VG[@]}" build/c/test_vectors tests/vectors | tail -n 1 || fail=1

echo "==> pytest (vectors, API, notifications) under valgrind"
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps . || exit 1
PYTHONMALLOC=malloc "${VG[@]}" --suppressions=scripts/python.supp \
  "$PYREAL" -m pytest -q -p no:cacheprovider tests/python/test_vectors.py \
  tests/python/test_notifications.py 2>&1 | tail -n 5
[ "${PIPESTATUS[0]}" -eq 0 ] || fail=1

echo "==> phpt under valgrind (USE_ZEND_ALLOC=0)"
php/build.sh valgrind || fail=1

if [ $fail -eq 0 ]; then echo "check-memory: clean"; else echo "check-memory: FAILED"; fi
exit $fail
