#!/usr/bin/env bash
# php/build.sh - build, test and package the cardtoken PHP extension.
#
#   php/build.sh build           phpize + configure + make in build/php-src/ -> modules/cardtoken.so
#   php/build.sh test [TESTS]    build, then run the phpt suite (tests/php) with run-tests.php
#   php/build.sh valgrind [T]    the phpt suite under valgrind (run-tests -m, USE_ZEND_ALLOC=0)
#   php/build.sh check-arginfo   fail when php/cardtoken.stub.php and php/cardtoken_arginfo.h disagree
#   php/build.sh gen-arginfo     regenerate php/cardtoken_arginfo.h (needs the php-parser Debian package)
#   php/build.sh package-xml     rewrite package.xml's file list (and version) from the tree
#   php/build.sh pecl            package.xml lists every file; `pecl package` -> build/cardtoken-V.tgz;
#                                offline `pecl install`, load, `pecl uninstall` in a scratch PEAR root
#   php/build.sh pecl-check      the same, plus an offline build of the tarball running part of the
#                                phpt suite from it
#
# phpize's configure writes a Makefile into the directory it runs in, so the
# extension is never configured in the project's top directory: the sources
# are copied to build/php-src/ (CARDTOKEN_PHP_BUILD_DIR) and built there.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CALLER_PWD=$(pwd)
BUILD=${CARDTOKEN_PHP_BUILD_DIR:-$ROOT/build/php-src}
# Developers only: build against another core tree (must hold include/ and src/).
CORE=${CARDTOKEN_CORE_DIR:-$ROOT/core}
JOBS=${JOBS:-2}
PHP=${PHP:-php}
PHPIZE=${PHPIZE:-phpize}
PHP_CONFIG=${PHP_CONFIG:-php-config}
export NO_INTERACTION=1

say() { printf '%s\n' "php/build.sh: $*" >&2; }
# A check that counts its steps prints one closing line "NAME: N passed, M failed".
SUITE= PASSED=0
die() {
    say "error: $*"
    [ -z "$SUITE" ] || echo "$SUITE: $PASSED passed, 1 failed"
    exit 1
}
step_ok() { PASSED=$((PASSED + 1)); say "ok: $*"; }
# Runs a command with no network at all when the kernel lets us.
offline() {
    if unshare -n true 2>/dev/null; then
        unshare -n -- "$@"
    else
        "$@"
    fi
}

# Copies src dir $1 to dst dir $2: same files, same mtimes (so make stays
# incremental); files gone from the source are removed, build products kept.
sync_dir() {
    local src=$1 dst=$2 f
    mkdir -p "$dst"
    if [ -d "$dst" ]; then
        (cd "$dst" && find . -type f ! -name '*.lo' ! -name '*.o' ! -name '*.dep' ! -path '*/.libs/*' -print) |
            while IFS= read -r f; do
                [ -e "$src/$f" ] || rm -f "$dst/$f"
            done
    fi
    cp -a "$src/." "$dst/"
}

sync_sources() {
    [ -d "$CORE/src" ] || die "no core sources in $CORE/src"
    mkdir -p "$BUILD"
    cp -a "$ROOT/config.m4" "$BUILD/config.m4"
    sync_dir "$CORE" "$BUILD/core"
    sync_dir "$ROOT/php" "$BUILD/php"
}

cmd_build() {
    sync_sources
    cd "$BUILD"
    local sources
    sources=$(cd "$BUILD" && ls core/src/*.c php/*.c 2>/dev/null | LC_ALL=C sort | tr '\n' ' ')
    # A header that is gone (moved or merged away) is still named by the
    # dependency files of the last build: drop that build's objects.
    local dep
    for dep in $(find . -name '*.dep' 2>/dev/null); do
        if sed -e 's/\\$//' -e 's/^[^:]*://' "$dep" | tr ' ' '\n' | grep -v '^$' |
            while read -r f; do [ -e "$f" ] || exit 1; done; then :; else
            say "a header of the last build is gone: rebuilding from scratch"
            find . \( -name '*.dep' -o -name '*.lo' -o -name '*.o' -o -name '*.la' \) -delete
            rm -rf modules/* .libs core/src/.libs php/.libs
            break
        fi
    done
    if [ ! -x configure ] || [ config.m4 -nt configure ] || [ php/Makefile.frag -nt configure ]; then
        say "phpize"
        "$PHPIZE" >phpize.out 2>&1 || { cat phpize.out >&2; die "phpize failed"; }
        rm -f Makefile
    fi
    if [ ! -f Makefile ] || [ "$(cat .ct-sources 2>/dev/null)" != "$sources" ]; then
        say "configure --with-cardtoken"
        ./configure --with-php-config="$(command -v "$PHP_CONFIG")" --with-cardtoken >configure.out 2>&1 ||
            { tail -n 30 configure.out >&2; die "configure failed (full log: $BUILD/configure.out)"; }
        printf '%s' "$sources" >.ct-sources
    fi
    say "make -j$JOBS"
    make -j"$JOBS" >make.out 2>&1 || { cat make.out >&2; die "make failed"; }
    grep -E 'warning:' make.out >&2 || true
    [ -f modules/cardtoken.so ] || die "modules/cardtoken.so was not built"
    say "built $BUILD/modules/cardtoken.so"
}

# Runs run-tests.php through the phpize Makefile (`make test`), with the
# extension loaded, and prints one closing line "LABEL: N passed, N failed".
run_phpt() {
    local label=$1 extra=$2
    shift 2
    local tests=() t
    for t in "$@"; do
        case "$t" in /*) tests+=("$t") ;; *) tests+=("$CALLER_PWD/$t") ;; esac
    done
    [ ${#tests[@]} -gt 0 ] || tests=("$ROOT/tests/php")
    cd "$BUILD"
    local log=$BUILD/run-tests.out rc=0
    CARDTOKEN_VECTORS=${CARDTOKEN_VECTORS:-$ROOT/tests/vectors} \
        make test TESTS="-q --show-diff $extra ${tests[*]}" 2>&1 | tee "$log" || rc=$?
    local passed failed skipped leaked
    passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    failed=$(sed -n 's/^Tests failed *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    skipped=$(sed -n 's/^Tests skipped *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    leaked=$(sed -n 's/^Tests leaked *: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0} leaked=${leaked:-0}
    failed=$((failed + leaked))
    echo "$label: $passed passed, $failed failed, $skipped skipped"
    if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || grep -q '^FAILED TEST SUMMARY' "$log"; then
        die "phpt suite failed (log: $log)"
    fi
    if [ "$skipped" -ne 0 ] && [ -z "${CARDTOKEN_ALLOW_SKIP:-}" ]; then
        die "$skipped phpt test(s) skipped: every test must run (set CARDTOKEN_ALLOW_SKIP=1 to allow)"
    fi
}

cmd_test() {
    cmd_build
    run_phpt php "" "$@"
}

cmd_valgrind() {
    command -v valgrind >/dev/null || die "valgrind not installed (Debian: apt-get install valgrind)"
    cmd_build
    # run-tests -m: every test under valgrind with USE_ZEND_ALLOC=0 and
    # ZEND_DONT_UNLOAD_MODULES=1; anything valgrind reports (memory errors,
    # definite or indirect leaks) fails the test as LEAK. The helper processes
    # a test starts (the Python sandbox, child PHP processes) are not traced.
    # PCRE's and opcache's JIT code reads past buffers on purpose (valgrind
    # false positives): both are off for this run.
    VALGRIND_OPTS="--trace-children-skip=* --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --num-callers=30 ${VALGRIND_OPTS:-}" \
        CARDTOKEN_UNDER_VALGRIND=1 run_phpt php-valgrind "-m -d pcre.jit=0 -d opcache.enable_cli=0 -d opcache.jit=disable" "$@"
}

# The generator of Makefile.global, run against the php-parser Debian package
# so that it never downloads anything. Prints the gen_stub.php path to run, or
# nothing when php-parser is not installed.
offline_gen_stub() {
    local gen parser=/usr/share/php/PhpParser
    gen=$(ls "$BUILD"/build/gen_stub.php 2>/dev/null || true)
    [ -n "$gen" ] || gen=$(ls "$("$PHP_CONFIG" --prefix)"/lib/php/*/build/gen_stub.php 2>/dev/null | head -n 1 || true)
    [ -n "$gen" ] && [ -d "$parser" ] || return 0
    local version dir
    version=$(sed -n 's/^ *\$version = "\([0-9.]*\)";.*/\1/p' "$gen" | head -n 1)
    dir=$(mktemp -d)
    cp "$gen" "$dir/gen_stub.php"
    mkdir -p "$dir/PHP-Parser-$version"
    ln -s "$(dirname "$parser")" "$dir/PHP-Parser-$version/lib"
    echo "$dir/gen_stub.php"
}

# "8.2": the PHP whose gen_stub.php is at hand. Each PHP release's generator
# writes its own arginfo (8.4's adds version guards), so the header is only
# compared byte for byte with the generator of the release that made it
# (php/cardtoken_arginfo.generator); any PHP checks it through Reflection.
php_minor() { "$PHP" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;'; }

cmd_gen_arginfo() {
    local gen
    gen=$(offline_gen_stub)
    [ -n "$gen" ] || die "gen_stub.php needs PHP-Parser: apt-get install php-parser (it never downloads it here)"
    offline "$PHP" "$gen" -f "$ROOT/php/cardtoken.stub.php"
    rm -rf "$(dirname "$gen")"
    php_minor >"$ROOT/php/cardtoken_arginfo.generator"
    say "regenerated php/cardtoken_arginfo.h (gen_stub.php of PHP $(php_minor))"
}

cmd_check_arginfo() {
    local stub=$ROOT/php/cardtoken.stub.php header=$ROOT/php/cardtoken_arginfo.h fail=0 skipped=0
    cmd_build
    SUITE=arginfo PASSED=0
    # 1. The header records the hash of the stub it was generated from.
    local want have
    want=$("$PHP" -n -r 'echo sha1(str_replace("\r\n", "\n", file_get_contents($argv[1])));' "$stub")
    have=$(sed -n 's/.*Stub hash: \([0-9a-f]*\).*/\1/p' "$header")
    if [ "$want" != "$have" ]; then
        say "FAIL: the stub changed since cardtoken_arginfo.h was generated (hash $have, stub $want): run php/build.sh gen-arginfo"
        fail=$((fail + 1))
    else
        step_ok "cardtoken_arginfo.h was generated from this stub (hash $have)"
    fi
    # 2. Regenerated from the stub, byte for byte (when PHP-Parser is here).
    local gen
    gen=$(offline_gen_stub)
    local made_by
    made_by=$(cat "$ROOT/php/cardtoken_arginfo.generator" 2>/dev/null || echo unknown)
    if [ -n "$gen" ] && [ "$made_by" != "$(php_minor)" ]; then
        say "note: cardtoken_arginfo.h was made by PHP $made_by's gen_stub.php, this is PHP $(php_minor): byte-for-byte regeneration skipped; the Reflection check still runs"
        skipped=1
        rm -rf "$(dirname "$gen")"
        gen=
    elif [ -n "$gen" ]; then
        local dir
        dir=$(dirname "$gen")
        cp "$stub" "$dir/cardtoken.stub.php"
        offline "$PHP" "$gen" -f "$dir/cardtoken.stub.php" >/dev/null
        if ! diff -u "$header" "$dir/cardtoken_arginfo.h" >&2; then
            say "FAIL: cardtoken_arginfo.h differs from what gen_stub.php makes of the stub"
            fail=$((fail + 1))
        else
            step_ok "cardtoken_arginfo.h is what gen_stub.php makes of the stub"
        fi
        rm -rf "$dir"
    elif [ "$skipped" -eq 0 ]; then
        say "note: php-parser not installed (Debian: apt-get install php-parser): skipped the byte-for-byte regeneration; the Reflection check still runs"
        skipped=1
    fi
    # 3. The loaded extension against the stub, through Reflection.
    if "$PHP" -n -d extension="$BUILD/modules/cardtoken.so" "$ROOT/php/check_arginfo.php" "$stub" "$ROOT/core/include/cardtoken.h" >&2; then
        step_ok "the built extension matches the stub (Reflection)"
    else
        fail=$((fail + 1))
    fi
    echo "arginfo: $PASSED passed, $fail failed, $skipped skipped"
    [ "$fail" -eq 0 ] || { SUITE=; die "check-arginfo failed"; }
}

# The files the PECL package must hold, one per line, sorted: everything
# under core/ and php/, the phpt suite, the shared vectors and the sandbox
# the suite runs against.
package_files() {
    cd "$ROOT"
    {
        echo config.m4
        echo composer.json
        for f in README.md LICENSE CREDITS; do [ -f "$f" ] && echo "$f"; done
        find core php -type f ! -name '*.o' ! -name '*.lo' ! -name '*.swp' ! -name '*~' ! -name '.*'
        find tests/php -type f \( -name '*.phpt' -o -name '*.inc' \)
        find tests/vectors -type f ! -name '*.pyc' ! -path '*/__pycache__/*' ! -name '.*'
        find python/cardtoken/sandbox -type f -name '*.py'
    } | LC_ALL=C sort -u
}

cmd_package_xml() {
    package_files | "$PHP" -n "$ROOT/php/package_xml.php" write "$ROOT/package.xml" "$ROOT/core/include/cardtoken.h"
    say "package.xml rewritten"
}

# cmd_pecl [full]: package.xml check, `pecl package` -> build/cardtoken-V.tgz,
# scratch `pecl install`. With "full" (pecl-check) also builds the tarball
# offline and runs part of the phpt suite from it (needs the sandbox's Python).
cmd_pecl() {
    local full=${1:-}
    command -v pecl >/dev/null || die "pecl not installed (Debian: apt-get install php-pear)"
    local version
    version=$(sed -n 's/^#define CT_VERSION "\(.*\)"/\1/p' "$ROOT/core/include/cardtoken.h")
    [ -n "$version" ] || die "CT_VERSION not found in core/include/cardtoken.h"

    SUITE=pecl PASSED=0
    # 1. package.xml lists exactly the files of the tree, at CT_VERSION.
    package_files | "$PHP" -n "$ROOT/php/package_xml.php" check "$ROOT/package.xml" "$ROOT/core/include/cardtoken.h" ||
        die "package.xml is out of date: run php/build.sh package-xml"
    "$PHP" -n -r '
        $c = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
        if (($c["type"] ?? "") !== "php-ext" || ($c["php-ext"]["extension-name"] ?? "") !== "cardtoken") {
            fwrite(STDERR, "composer.json: type must be php-ext, php-ext.extension-name cardtoken\n"); exit(1);
        }' "$ROOT/composer.json" || die "composer.json is not a PIE php-ext package"
    step_ok "package.xml lists every file at version $version; composer.json is a php-ext package"

    # 2. pecl package, from a staging directory holding exactly those files.
    local work stage
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN
    stage=$work/stage
    mkdir -p "$stage"
    (cd "$ROOT" && package_files | while IFS= read -r f; do
        mkdir -p "$stage/$(dirname "$f")"
        cp -p "$f" "$stage/$f"
    done)
    cp -p "$ROOT/package.xml" "$stage/package.xml"
    # pecl warns when <date> is not today (by PHP's own clock and zone): the
    # staged copy is stamped at packaging time, so no other warning is hidden
    # and nothing in the tree depends on the date.
    local today
    today=$("$PHP" -r 'echo date("Y-m-d");' 2>/dev/null)
    sed -i "s|<date>[0-9-]*</date>|<date>$today</date>|" "$stage/package.xml"
    (cd "$stage" && pecl package package.xml) >"$work/package.out" 2>&1 || { cat "$work/package.out" >&2; die "pecl package failed"; }
    if grep -qi 'warning' "$work/package.out"; then
        cat "$work/package.out" >&2
        die "pecl package warned"
    fi
    local tgz=$stage/cardtoken-$version.tgz
    [ -f "$tgz" ] || { cat "$work/package.out" >&2; die "pecl package did not write cardtoken-$version.tgz"; }
    mkdir -p "$ROOT/build"
    cp "$tgz" "$ROOT/build/"
    step_ok "pecl package wrote build/cardtoken-$version.tgz"

    # 3. The tarball builds offline with phpize/configure/make and loads.
    if [ "$full" = full ]; then
        mkdir -p "$work/unpack"
        tar -xzf "$tgz" -C "$work/unpack"
        local src=$work/unpack/cardtoken-$version
        (cd "$src" && "$PHPIZE" >../phpize.out 2>&1 && offline ./configure --with-cardtoken >../configure.out 2>&1 &&
            offline make -j"$JOBS" >../make.out 2>&1) ||
            { tail -n 40 "$work/unpack/phpize.out" "$work/unpack/configure.out" "$work/unpack/make.out" >&2 2>/dev/null; die "the tarball does not build"; }
        if grep -q 'gen_stub\|Parse .* to generate' "$work/unpack/make.out"; then
            die "building the tarball tried to regenerate cardtoken_arginfo.h"
        fi
        local got
        got=$("$PHP" -n -d extension="$src/modules/cardtoken.so" -r 'echo CardToken\version();')
        [ "$got" = "$version" ] || die "the tarball's build reports version '$got'"
        # The packaged suite runs from the tarball: module, vectors, sandbox.
        (cd "$src" && make test TESTS="-q tests/php/01_module.phpt tests/php/10_vectors_pagsmile.phpt tests/php/20_sandbox_operations.phpt" \
            >"$work/unpack/test.out" 2>&1) || true
        grep -q '^Tests passed *: *3 ' "$work/unpack/test.out" ||
            { cat "$work/unpack/test.out" >&2; die "the packaged phpt tests do not pass from the tarball"; }
        step_ok "the tarball builds offline, loads (CardToken\\version() = $got) and its tests run"
    fi

    # 4. `pecl install ./cardtoken-<version>.tgz` offline, in a scratch PEAR
    #    root (private namespaces): needs no root, leaves nothing behind.
    "$ROOT/php/pecl-scratch.sh" "$ROOT/build/cardtoken-$version.tgz" "$version" >&2 ||
        die "pecl install of the tarball failed"
    step_ok "pecl install ./cardtoken-$version.tgz works offline; loaded, then uninstalled (scratch root)"
    echo "pecl: $PASSED passed, 0 failed"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
build) cmd_build ;;
test) cmd_test "$@" ;;
valgrind) cmd_valgrind "$@" ;;
check-arginfo) cmd_check_arginfo ;;
gen-arginfo) cmd_gen_arginfo ;;
package-xml) cmd_package_xml ;;
pecl) cmd_pecl ;;
pecl-check) cmd_pecl full ;;
*)
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
