#!/usr/bin/env bash
# The README's run command: installs dependencies, builds, opens ScaleLab on an example.
# With no display it says so and runs the example headless instead, printing its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
example=${1:-examples/06-database-replication.scalelab}
[ -f "$example" ] || example=$(ls examples/*.scalelab | head -n 1)
app=${BUILD_DIR:-build}/gui/scalelab
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$example"
fi
echo "run-app: no display (DISPLAY is not set), so running $example headless instead." >&2
echo "run-app: for the window, run this from a desktop session, or: xvfb-run $app $example" >&2
exec "$app" run "$example"
