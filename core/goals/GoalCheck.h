#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

namespace scalelab::core {

namespace sim {
struct RunResults;
}

/// One goal compared with a run: `actual` is empty when the results lack the metric
/// (then the goal counts as missed: nothing shows it was met).
struct GoalResult {
    std::string name;
    double target = 0;
    std::optional<double> actual;
    bool met = false;
    friend bool operator==(const GoalResult&, const GoalResult&) = default;
};

/// Checks each goal against a run's results, in name order. Unknown goal names give a
/// result with no actual value and met = false (validation reports them).
std::vector<GoalResult> checkGoals(const std::map<std::string, double>& goals,
                                   const sim::RunResults& results);

/// [{name, target, actual, met, bound}] — `actual` is null when the metric is missing.
nlohmann::json goalsToJson(const std::vector<GoalResult>& results);

/// Unknown goal names (with "did you mean"), and targets outside a goal's sensible range
/// (an availability of 99 instead of 0.99). Paths are /goals/NAME.
Diagnostics validateGoals(const Topology& topology);

} // namespace scalelab::core
