#!/usr/bin/env bash
# Installs clang 14 with libFuzzer and its runtimes (Debian 12), for the sanitized build and
# the fuzzers; skips apt when they are already there.
set -euo pipefail
packages=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
    exit 0
  fi
done
