#!/usr/bin/env bash
# scripts/deps.sh [GROUP...] - installs what cardtoken needs on Debian.
#
#   GROUP   what it brings                               who asks for it
#   build   C compiler, pkg-config, libcurl/OpenSSL/jansson headers
#   python  python3 with its headers, venv and pip        make test, make demo
#   php     php-dev, php-cli, pear (pecl), php-parser     make test, make demo, make pecl
#   tools   valgrind, clang with its sanitizer/fuzzer runtime, openssl, curl
#   bare    debootstrap, for make test-bare (not part of the default)
#   runtime python3 and python3-venv alone (no compiler,   the wheel check in
#           no headers; not part of the default)          a bare root
#   venv    the project virtual environment build/venv with the test tools
#           of scripts/requirements-test.txt (needs python)
#
# With no GROUP: all of them. Debian packages are installed with apt-get when
# run as root (or with passwordless sudo); otherwise every missing package is
# named in one message and the script stops. Python packages go only into
# the project venv (never into the system Python: no PEP 668 override).
# Idempotent and quiet when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(build python php tools venv)
want() { local g; for g in "${groups[@]}"; do [ "$g" = "$1" ] && return 0; done; return 1; }

pkgs=()
want build && pkgs+=(build-essential pkg-config libcurl4-openssl-dev libssl-dev libjansson-dev)
want php && pkgs+=(build-essential pkg-config php-dev php-cli php-pear php-xml php-curl php-parser)
want tools && pkgs+=(valgrind clang openssl curl clang-format)
want bare && pkgs+=(debootstrap)
want runtime && pkgs+=(python3 python3-venv)
if want python || want venv; then pkgs+=(python3 python3-dev python3-venv python3-pip); fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

apt_install() {
    local missing=() p
    for p in $(printf '%s\n' "$@" | awk '!seen[$0]++'); do installed "$p" || missing+=("$p"); done
    [ ${#missing[@]} -gt 0 ] || return 0
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
            sudo=(sudo)
        else
            echo "deps: missing Debian packages: ${missing[*]}" >&2
            echo "deps: install them as root, then run this again:" >&2
            echo "deps:   apt-get install --no-install-recommends ${missing[*]}" >&2
            exit 1
        fi
    fi
    echo "deps: installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# clang's sanitizer and libFuzzer runtime is versioned with clang
# (libclang-rt-14-dev on Debian 12, libclang-rt-19-dev on Debian 13): asked
# for once clang's version is known. A non-root user is told everything in
# one message: the runtime is named from apt's candidate clang version.
clang_rt() {
    local v
    if command -v clang >/dev/null; then
        v=$(clang -dumpversion | cut -d. -f1)
    else
        v=$(apt-cache depends clang 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1)
    fi
    [ -n "$v" ] && echo "libclang-rt-$v-dev"
}
if want tools; then
    rt=$(clang_rt || true)
    [ -z "$rt" ] || pkgs+=("$rt")
fi
apt_install "${pkgs[@]}"
if want tools; then
    rt=$(clang_rt || true)
    [ -z "$rt" ] || apt_install "$rt"
fi

# ---- the project virtual environment ------------------------------------
if want venv; then
    base=${PYTHON:-python3}
    venv=${CARDTOKEN_VENV:-build/venv}
    req=scripts/requirements-test.txt
    command -v "$base" >/dev/null || { echo "deps: $base not found (Debian: apt-get install python3)" >&2; exit 1; }
    # A venv made by another interpreter (PYTHON changed) is made anew.
    base_id=$("$base" -c 'import sys; print(sys.executable, sys.version)')
    stamp=$venv/.cardtoken-deps
    want_stamp="$base_id $(sha256sum "$req" | cut -c1-16)"
    if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_stamp" ]; then
        if [ ! -x "$venv/bin/python" ] || [ "$(head -n 1 "$venv/.cardtoken-base" 2>/dev/null)" != "$base_id" ]; then
            rm -rf "$venv"
            echo "deps: creating the project venv $venv ($base_id)"
            "$base" -m venv "$venv" ||
                { echo "deps: '$base -m venv' failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
            echo "$base_id" >"$venv/.cardtoken-base"
        fi
        echo "deps: pip installing $(grep -v '^#' "$req" | tr '\n' ' ')into $venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
        echo "$want_stamp" >"$stamp"
    fi
fi
