#include "core/goals/ResultsWithGoals.h"

#include "core/goals/GoalCheck.h"
#include "core/sim/ResultsJson.h"

namespace scalelab::core {

nlohmann::ordered_json resultsWithGoals(const sim::RunResults& results, const Topology& topology)
{
    nlohmann::ordered_json doc = sim::resultsDocument(results);
    const std::vector<GoalResult> goals = checkGoals(topology.goals, results);
    if (!goals.empty())
        doc["goals"] = nlohmann::ordered_json(goalsToJson(goals));
    return doc;
}

} // namespace scalelab::core
