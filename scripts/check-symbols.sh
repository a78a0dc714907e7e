#!/usr/bin/env bash
# check-symbols.sh: the built extension modules export only their entry
# points. PHP loads extensions with RTLD_GLOBAL: an exported ct_* (or any
# other) symbol could clash with another extension's copy. Checks the
# artefacts make test built and installed:
#   the Python module installed in build/venv   -> PyInit__cardtoken
#   build/php-src/modules/cardtoken.so           -> get_module
# Prints "symbols: N passed, M failed"; a missing artefact is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${CARDTOKEN_VENV:-build/venv}
PHP_SO=${CARDTOKEN_PHP_SO:-build/php-src/modules/cardtoken.so}
pass=0
fail=0

# check FILE ENTRY: FILE's dynamic symbol table defines ENTRY and nothing
# else (the linker's own section markers aside).
check() {
    local file=$1 entry=$2 syms extra
    if [ -z "$file" ] || [ ! -f "$file" ]; then
        echo "FAIL: ${file:-the module for $entry} is not built"
        fail=$((fail + 1))
        return
    fi
    syms=$(nm -D --defined-only "$file" | awk '{print $NF}' |
        grep -vxE '_init|_fini|_edata|_end|__bss_start' | LC_ALL=C sort)
    extra=$(grep -vx "$entry" <<<"$syms" || true)
    if [ "$syms" = "$entry" ]; then
        echo "ok: $file exports only $entry"
        pass=$((pass + 1))
    else
        echo "FAIL: $file exports $(wc -w <<<"$extra") symbol(s) besides $entry:" \
            "$(head -n 8 <<<"$extra" | tr '\n' ' ')"
        fail=$((fail + 1))
    fi
}

py_so=$(ls "$VENV"/lib/python*/site-packages/cardtoken/_cardtoken*.so 2>/dev/null | head -n 1)
check "$py_so" PyInit__cardtoken
check "$PHP_SO" get_module
echo "symbols: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
