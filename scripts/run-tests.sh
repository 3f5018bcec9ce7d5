#!/usr/bin/env bash
# The README's test command: installs dependencies, builds, runs every test (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "${BUILD_DIR:-build}" -j "$(nproc)" --output-on-failure
