#!/usr/bin/env bash
# make test-bare: proves that a new user's bare Debian passes `make test` and
# `make demo` from a fresh clone with nothing installed by hand.
#
#   scripts/test-bare.sh [SUITE [TARGET...]]
#       SUITE: bookworm (default), trixie, forky, sid; TARGETs: make targets to
#       run there (default: test demo)
#   BARE_WHEELHOUSE=DIR copies DIR's *.whl into the clone's build/wheelhouse
#       (for make wheel-check-bare); BARE_LABEL names the closing line and the
#       log (default bare-SUITE)
#
# 1. A bare root: debootstrap --variant=minbase plus git, make and
#    ca-certificates, from the Debian mirror this machine's apt uses.
# 2. It reaches the package registries as this machine does: the same apt
#    sources (the suite renamed when SUITE differs), this machine's added CA
#    certificates (/usr/local/share/ca-certificates), its pip configuration
#    (/etc/pip.conf, PIP_* and proxy variables).
# 3. The repository's committed HEAD is cloned into it and `make test` and
#    `make demo` run there, as root, in private mount and PID namespaces (every
#    mount and process is gone when it ends); the root is then deleted.
#
# Cached between runs (CARDTOKEN_BARE_CACHE, default /var/cache/cardtoken-bare):
# the pristine root as a tarball, apt's downloaded .debs (per suite) and
# pip's downloads; a lock per suite keeps two runs of one suite apart.
# None of it is needed: a machine without the cache builds everything.
# Needs root and debootstrap (scripts/deps.sh installs it). Ends with one line
# "bare-SUITE: N passed, M failed" (the two commands).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
SUITE=${1:-bookworm}
[ $# -gt 0 ] && shift
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(test demo)
CACHE=${CARDTOKEN_BARE_CACHE:-/var/cache/cardtoken-bare}
LOGDIR=$REPO/build/bare
label=${BARE_LABEL:-bare-$SUITE}
log=$LOGDIR/${BARE_LABEL:-$SUITE}.log
say() { printf 'test-bare: %s\n' "$*" >&2; }
fail() { say "error: $*"; echo "$label: 0 passed, 1 failed"; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap and chroot); run it as root"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (Debian: apt-get install debootstrap)"
git -C "$REPO" rev-parse --verify -q HEAD >/dev/null || fail "no committed HEAD to clone in $REPO"

# ---- the mirror and sources this machine's apt uses ----------------------
host_sources() { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null || true; }
mirror=$(host_sources | sed -n -E 's/^URIs: *([^ ]+).*/\1/p; s/^deb +(\[[^]]*\] +)?([^ ]+) .*/\2/p' | grep -v security | head -n 1)
[ -n "$mirror" ] || fail "no Debian mirror found in this machine's apt sources"
host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

mkdir -p "$CACHE/debs" "$CACHE/apt-archives-$SUITE" "$CACHE/pip" "$LOGDIR"
# One run per suite at a time on this machine: the caches are shared.
exec 9>"$CACHE/lock-$SUITE"
flock 9
work=$(mktemp -d /var/tmp/cardtoken-bare.XXXXXX)
root=$work/root
cleanup() { rm -rf --one-file-system "$work"; }
trap cleanup EXIT

# ---- 1. the bare root ----------------------------------------------------
include=git,make,ca-certificates
key=$(printf '%s %s %s %s' "$SUITE" "$mirror" "$include" "$(uname -m)" | sha256sum | cut -c1-12)
tarball=$CACHE/root-$SUITE-$key.tar
start=$(date +%s)
if [ -s "$tarball" ]; then
    say "unpacking the cached pristine $SUITE root ($tarball)"
    mkdir -p "$root"
    tar -xpf "$tarball" -C "$root"
else
    say "debootstrap --variant=minbase --include=$include $SUITE from $mirror"
    # debootstrap knows a suite by its script; a newer one (forky) is built
    # like sid.
    script=
    [ -e "/usr/share/debootstrap/scripts/$SUITE" ] || script=/usr/share/debootstrap/scripts/sid
    debootstrap --variant=minbase --include="$include" --cache-dir="$CACHE/debs" \
        "$SUITE" "$root" "$mirror" $script >"$LOGDIR/debootstrap.log" 2>&1 ||
        { tail -n 30 "$LOGDIR/debootstrap.log" >&2; fail "debootstrap failed (log: $LOGDIR/debootstrap.log)"; }
    tar -cpf "$tarball.tmp" -C "$root" . && mv "$tarball.tmp" "$tarball"
fi
say "root ready in $(($(date +%s) - start)) s"

# ---- 2. reach the registries as this machine does --------------------------
rm -f "$root"/etc/apt/sources.list "$root"/etc/apt/sources.list.d/*
if [ -f /etc/apt/sources.list ]; then cp /etc/apt/sources.list "$root/etc/apt/"; fi
for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    if [ -f "$f" ]; then cp "$f" "$root/etc/apt/sources.list.d/"; fi
done
if [ -n "$host_suite" ] && [ "$SUITE" != "$host_suite" ]; then
    sed -i -E "s/\\b$host_suite\\b/$SUITE/g" "$root"/etc/apt/sources.list "$root"/etc/apt/sources.list.d/* 2>/dev/null || true
fi
# Keyrings the sources name, when the root lacks them.
for k in $(host_sources | sed -n -E 's/.*[Ss]igned-[Bb]y[:=] *([^] ]+).*/\1/p' | sort -u); do
    if [ -f "$k" ] && [ ! -f "$root$k" ]; then mkdir -p "$root$(dirname "$k")"; cp "$k" "$root$k"; fi
done
# apt settings (validity checks, proxies), but not docker's clean-up hooks:
# the .deb cache is kept so the next run can reuse it.
for f in /etc/apt/apt.conf.d/*; do
    case "$(basename "$f")" in
    docker-*) ;;
    *) if grep -q -E '^(Acquire|APT::Get|Debug)' "$f" 2>/dev/null; then cp "$f" "$root/etc/apt/apt.conf.d/"; fi ;;
    esac
done
echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' >"$root/etc/apt/apt.conf.d/90cardtoken-keep"
rm -f "$root/etc/apt/apt.conf.d/docker-clean"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mkdir -p "$root/usr/local/share/ca-certificates"
cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
if [ -f /etc/pip.conf ]; then cp /etc/pip.conf "$root/etc/pip.conf"; fi
envs=()
while IFS='=' read -r name value; do
    case "$name" in
    PIP_FIND_LINKS) say "note: PIP_FIND_LINKS=$value (a local folder here) is not taken into the root" ;;
    PIP_* | http_proxy | https_proxy | no_proxy | HTTP_PROXY | HTTPS_PROXY | NO_PROXY | SSL_CERT_FILE | SSL_CERT_DIR | REQUESTS_CA_BUNDLE | CURL_CA_BUNDLE)
        envs+=("$name=$value") ;;
    esac
done < <(env)

# ---- 3. clone and run ----------------------------------------------------
git clone -q --no-hardlinks "$REPO" "$root/root/cardtoken"
if [ -n "${BARE_WHEELHOUSE:-}" ]; then
    mkdir -p "$root/root/cardtoken/build/wheelhouse"
    cp "$BARE_WHEELHOUSE"/*.whl "$root/root/cardtoken/build/wheelhouse/" || fail "no wheel in $BARE_WHEELHOUSE"
fi
cat >"$root/root/run-bare.sh" <<EOF
set -u
update-ca-certificates >/dev/null 2>&1
cd /root/cardtoken
passed=0 failed=0
for target in ${TARGETS[*]}; do
    echo "==> make \$target"
    if make "\$target"; then passed=\$((passed + 1)); else failed=\$((failed + 1)); echo "!! make \$target failed"; fi
done
echo "inside: \$passed passed, \$failed failed"
[ "\$failed" -eq 0 ]
EOF
mkdir -p "$root/var/cache/apt/archives" "$root/root/.cache/pip"
say "running make ${TARGETS[*]} in the bare root (log: $log)"
rc=0
unshare -m -p -f -- bash -euc '
    root=$1 cache=$2 suite=$3; shift 3
    # The root is a mount point, as / is on a real machine (unshare and
    # mount namespaces inside need that).
    mount --bind "$root" "$root"
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    mount --bind "$cache/apt-archives-$suite" "$root/var/cache/apt/archives"
    mount --bind "$cache/pip" "$root/root/.cache/pip"
    exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CARDTOKEN_BARE_ROOT=1 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" /bin/bash /root/run-bare.sh
' bash "$root" "$CACHE" "$SUITE" "${envs[@]}" >"$log" 2>&1 || rc=$?
grep -E '^(==> |!! |summary: |demo: |wheel-check: |inside: )' "$log" >&2 || true
say "done in $(($(date +%s) - start)) s"
if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log" >&2
    p=$(sed -n 's/^inside: \([0-9]*\) passed.*/\1/p' "$log")
    echo "$label: ${p:-0} passed, $((${#TARGETS[@]} - ${p:-0})) failed"
    exit 1
fi
echo "$label: ${#TARGETS[@]} passed, 0 failed"
