#!/usr/bin/env bash
# Fuzzes with libFuzzer the loader + validator for FUZZ_SECONDS (default 30), seeded with the
# examples and the broken and hostile files, then the report writers over random strings for
# FUZZ_REPORT_SECONDS (default 20); beside them, on the other core, scenario timelines over
# random designs for FUZZ_SCENARIO_SECONDS (default 50). It builds the fuzzers in build-fuzz/
# (clang, no tests), or uses FUZZ_BUILD_DIR, a build configured with clang and
# -DSCALELAB_FUZZ=ON (CI's sanitized build, so the core is compiled once). A crash leaves its
# input in crashes/ there: add it to tests/data/broken (a loader input) or
# tests/data/fuzz-regressions/scenario (a timeline) as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-clang.sh
build=${FUZZ_BUILD_DIR:-build-fuzz}
if [ -z "${FUZZ_BUILD_DIR:-}" ]; then
  CXX=clang++-14 CC=clang-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSCALELAB_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" --target fuzz_load_topology fuzz_scenario_timeline fuzz_report_writers \
  -j "$(nproc)"
mkdir -p "$build/crashes"
# fuzz TARGET SECONDS CORPUS-DIR [libFuzzer options]
fuzz() {
  local target=$1 seconds=$2 corpus=$3; shift 3
  echo "fuzz: $target for $seconds s"
  "$build/tests/fuzz/$target" "$corpus" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 "$@" 2>&1 |
    grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|ERROR|SUMMARY|Done|(scenario|report) fuzz" ||
    true
}
# The loader, seeded with the examples and the broken and hostile files.
fuzz_loader() {
  local corpus=$build/corpus
  mkdir -p "$corpus"
  cp examples/*.scalelab tests/data/valid/*.scalelab tests/data/broken/*.scalelab "$corpus"/ 2>/dev/null || true
  cp tests/data/hostile/* "$corpus"/ 2>/dev/null || true
  fuzz fuzz_load_topology "${FUZZ_SECONDS:-30}" "$corpus" -max_len=65536
}
# Scenario timelines: the bytes choose a design and its steps (no seed corpus needed).
fuzz_scenario() {
  mkdir -p "$build/corpus-scenario"
  cp tests/data/fuzz-regressions/scenario/* "$build/corpus-scenario/"
  fuzz fuzz_scenario_timeline "${FUZZ_SCENARIO_SECONDS:-50}" "$build/corpus-scenario" -max_len=512
}
# Report writers: the bytes choose the strings (pieces of markup or raw text); long inputs
# from the start (-len_control=0), since short ones give only empty names.
fuzz_report() {
  mkdir -p "$build/corpus-report"
  # Qt loads fontconfig, whose process-wide caches LeakSanitizer would call leaks.
  QT_QPA_PLATFORM=offscreen LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp,print_suppressions=0" \
    fuzz fuzz_report_writers "${FUZZ_REPORT_SECONDS:-20}" "$build/corpus-report" -len_control=0 \
    -max_len=512
}
# A fuzzer keeps one core busy: the scenario fuzzer runs beside the other two, so on two
# cores the stage takes 50 s of wall time for 100 s of fuzzing (it was 120 s, one at a time).
logs=$build/fuzz-logs
mkdir -p "$logs"
(fuzz_loader && fuzz_report) >"$logs/loader-report.txt" 2>&1 &
fuzz_scenario >"$logs/scenario.txt" 2>&1
wait $!
cat "$logs/loader-report.txt" "$logs/scenario.txt"
# libFuzzer also leaves slow-unit-* files for inputs over 10 s that stayed under the timeout:
# on a loaded machine those are not failures, so only crashes, leaks, timeouts and OOMs fail.
failures=$(find "$build/crashes" -type f \( -name '*-crash-*' -o -name '*-leak-*' -o \
  -name '*-timeout-*' -o -name '*-oom-*' \))
if [ -n "$failures" ]; then
  echo "fuzz: crashes found:" >&2; echo "$failures" >&2
  exit 1
fi
echo "fuzz: no crash"
