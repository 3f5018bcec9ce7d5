#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/sim/Results.h"

namespace scalelab::core::sim {

inline constexpr const char* kResultsFormat = "scalelab-results/1";

/// The `scalelab-results/1` document of DESIGN.md, keys in contract order.
nlohmann::ordered_json resultsDocument(const RunResults& results);
/// The same document as pretty-printed JSON text.
std::string resultsToJson(const RunResults& results);
/// The headline figures of a `scalelab-results/1`-shaped document read back (counts,
/// throughput, availability, latencies, per-node utilization, data): for documents that come
/// from outside a run, such as across-seed means. A figure the document lacks is NaN (a
/// count 0).
RunResults resultsFromDocument(const nlohmann::json& document);
/// The 1-second time series as CSV: t_s,throughput_rps,p50_ms,p99_ms,errors.
std::string timeSeriesToCsv(const RunResults& results);

} // namespace scalelab::core::sim
