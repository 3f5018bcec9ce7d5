#!/usr/bin/env bash
# Records what `scalelab run --json` and `analyze --json` give for every example and valid
# fixture into tests/data/golden, for tst_results_unchanged. Run it only when a change of
# semantics is meant to change results, and say why in the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
app=${SCALELAB:-${BUILD_DIR:-build}/gui/scalelab}
mkdir -p tests/data/golden
for f in examples/*.scalelab tests/data/valid/*.scalelab; do
  stem=$(basename "$f" .scalelab)
  "$app" run "$f" --json "tests/data/golden/$stem.results.json" >/dev/null
  "$app" analyze "$f" --json "tests/data/golden/$stem.analysis.json" >/dev/null
done
echo "recorded $(ls tests/data/golden | wc -l) files"
