#!/usr/bin/env bash
# php/pecl-scratch.sh TARBALL VERSION - proves `pecl install ./TARBALL` works,
# without touching this machine's PHP: no root needed, nothing left behind.
#
# pecl installs into fixed places (PHP's extension directory, PEAR's registry
# under its php_dir, /tmp/pear) that its configuration cannot fully redirect.
# So the real command runs in private mount and network namespaces (a user
# namespace when not root), where scratch copies are bind-mounted over those
# places: the host's PEAR registry and extension directory are never written,
# and an earlier real `pecl install cardtoken` on this machine does not get in
# the way. Inside: install offline, load it with `php -d extension=cardtoken`,
# uninstall, check the file is gone. Prints one line per step; exits non-zero
# on the first failure.
set -euo pipefail

if [ "${1:-}" != --inside ]; then
    [ $# -eq 2 ] || { echo "usage: php/pecl-scratch.sh TARBALL VERSION" >&2; exit 2; }
    tgz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    [ -f "$tgz" ] || { echo "pecl-scratch: no tarball $tgz" >&2; exit 1; }
    ns=(-m -n)
    [ "$(id -u)" = 0 ] || ns=(-r -m -n)
    unshare "${ns[@]}" true 2>/dev/null ||
        { echo "pecl-scratch: cannot make private namespaces here (unshare ${ns[*]}); needs user namespaces or root" >&2; exit 1; }
    exec unshare "${ns[@]}" -- bash "${BASH_SOURCE[0]}" --inside "$tgz" "$2"
fi

tgz=$2 version=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
php_dir=$(pecl config-get php_dir)
ext_dir=$(php-config --extension-dir)
pear_tmp=$(pecl config-get temp_dir)
pear_tmp=${pear_tmp%/temp}

mkdir -p "$scratch/php_dir" "$scratch/ext_dir" "$scratch/pear" "$pear_tmp"
cp -a "$php_dir/." "$scratch/php_dir/"
cp -a "$ext_dir/." "$scratch/ext_dir/"
# This machine's own pecl-installed cardtoken, if any, is not in the scratch copy.
rm -f "$scratch/php_dir/.registry/.channel.pecl.php.net/cardtoken.reg" "$scratch/ext_dir/cardtoken.so"
mount --bind "$scratch/php_dir" "$php_dir"
mount --bind "$scratch/ext_dir" "$ext_dir"
mount --bind "$scratch/pear" "$pear_tmp"

log=$scratch/install.out
(cd "$(dirname "$tgz")" && pecl install "./$(basename "$tgz")") >"$log" 2>&1 </dev/null ||
    { tail -n 40 "$log" >&2; echo "pecl-scratch: pecl install failed" >&2; exit 1; }
[ -f "$ext_dir/cardtoken.so" ] || { tail -n 20 "$log" >&2; echo "pecl-scratch: pecl install wrote no $ext_dir/cardtoken.so" >&2; exit 1; }
echo "pecl-scratch: pecl install ./$(basename "$tgz") works offline"
got=$(php -n -d extension=cardtoken -r 'echo CardToken\version();' 2>&1) || true
[ "$got" = "$version" ] || { echo "pecl-scratch: after pecl install, php -d extension=cardtoken says '$got'" >&2; exit 1; }
echo "pecl-scratch: php -d extension=cardtoken loads it (CardToken\\version() = $got)"
pecl uninstall cardtoken >"$log" 2>&1 || { cat "$log" >&2; echo "pecl-scratch: pecl uninstall failed" >&2; exit 1; }
[ ! -e "$ext_dir/cardtoken.so" ] || { echo "pecl-scratch: pecl uninstall left $ext_dir/cardtoken.so" >&2; exit 1; }
echo "pecl-scratch: pecl uninstall cardtoken removes it"
