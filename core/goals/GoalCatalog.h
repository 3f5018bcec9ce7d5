#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scalelab::core {

namespace sim {
struct RunResults;
}

/// Whether the run's value must stay at or under the target (latency, errors, lost
/// writes) or reach at least the target (availability, throughput).
enum class GoalBound { Upper, Lower };

std::string_view toString(GoalBound bound); ///< "upper" | "lower"

/// One goal a `.scalelab` file may set in its `goals` object, and where its value is
/// read in a run's results (`metric` names the same place in `scalelab-results/1`).
struct GoalSpec {
    std::string name; ///< "p99_ms"
    GoalBound bound = GoalBound::Upper;
    std::string metric; ///< where the value comes from, for docs and the GUI ("latency_ms.p99")
    std::string unit;   ///< "ms", "req/s", "" ...
    double min = 0;     ///< smallest sensible target
    double max = 0;     ///< largest sensible target (+inf when open)
    std::string help;
    /// The run's value, or nothing when the run has no value for the metric yet.
    std::optional<double> (*extract)(const sim::RunResults& results) = nullptr;
    /// More servers, instances or cache keys never make its value worse (latency, errors,
    /// throughput); not so for counts that grow with traffic (lost writes, stale reads) or
    /// for cost. The planner reasons from capacity only on these.
    bool easedByCapacity = true;
    /// Its value is null when it falls among unanswered requests (an overall latency: they
    /// rank after every completed one, and the mean has none as soon as one is unanswered).
    bool nullWhenUnanswered = false;
};

/// The one table of known goals: the validator, the checker and the docs read it.
class GoalCatalog {
public:
    static const GoalCatalog& instance();

    const std::vector<GoalSpec>& goals() const { return m_goals; }
    const GoalSpec* find(std::string_view name) const;
    std::vector<std::string> names() const;

private:
    GoalCatalog();
    std::vector<GoalSpec> m_goals;
};

} // namespace scalelab::core
