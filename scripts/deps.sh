#!/usr/bin/env bash
# Installs what cardtoken needs to build and test on Debian: system packages
# with apt-get (when root; otherwise names them and stops), Python packages
# with pip. Idempotent and quiet when everything is there.
set -euo pipefail

APT_PACKAGES=(build-essential pkg-config libcurl4-openssl-dev libssl-dev
  libjansson-dev php-dev php-cli php-pear php-xml php-curl valgrind clang
  libclang-rt-14-dev openssl php-parser curl)
PIP_PACKAGES=(pytest cryptography mypy setuptools wheel requests)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq >/dev/null
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3}
export PIP_BREAK_SYSTEM_PACKAGES=1  # a Debian-managed Python refuses pip otherwise (PEP 668)
need=()
for p in "${PIP_PACKAGES[@]}"; do
  "$PY" -c "import importlib.util,sys; sys.exit(0 if importlib.util.find_spec('$p') else 1)" 2>/dev/null || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "deps: pip installing ${need[*]}"
  "$PY" -m pip install -q --disable-pip-version-check "${need[@]}"
fi
