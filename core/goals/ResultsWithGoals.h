#pragma once

#include <nlohmann/json.hpp>

#include "core/model/Topology.h"
#include "core/sim/Results.h"

namespace scalelab::core {

/// The `scalelab-results/1` document of a run, with `goals` checked against it when the
/// topology sets any. Key order as DESIGN.md lists them (an ordered document: files diff
/// well); `nlohmann::json(doc)` converts it for readers that take a plain document.
nlohmann::ordered_json resultsWithGoals(const sim::RunResults& results, const Topology& topology);

} // namespace scalelab::core
