#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/analysis/Analysis.h"

namespace scalelab::core {

inline constexpr const char* kAnalysisFormat = "scalelab-analysis/1";

/// The `scalelab-analysis/1` document (DESIGN.md). Infinite times (a saturated queue) and
/// an unbounded max_scale (no load) are written as null. Extra keys per node: read_rps,
/// write_rps, servers, service_ms, offered_load, hit_ratio (caches), reject_fraction (nodes
/// with a queue limit; their utilization is then the carried load and their waits are
/// M/M/c/K's, finite even when saturated).
nlohmann::ordered_json analysisToJson(const Analysis& analysis);
std::string analysisToJsonText(const Analysis& analysis);

} // namespace scalelab::core
