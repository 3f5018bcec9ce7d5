#pragma once

#include "core/sim/Results.h"

#include <string>

namespace scalelab::core::sim {

inline constexpr const char* kResultsFormat = "scalelab-results/1";

/// The `scalelab-results/1` document of DESIGN.md (pretty-printed JSON).
std::string resultsToJson(const RunResults& results);
/// The 1-second time series as CSV: t_s,throughput_rps,p50_ms,p99_ms,errors.
std::string timeSeriesToCsv(const RunResults& results);

} // namespace scalelab::core::sim
