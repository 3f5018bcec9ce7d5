#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/Ids.h"
#include "core/model/ParamValue.h"

namespace scalelab::core {

/// FailSite and RecoverSite name a `site` (every node in it), not a node (issue 15).
enum class ActionType { Fail, Recover, Set, Promote, Purge, FailSite, RecoverSite };

inline bool isSiteAction(ActionType type)
{
    return type == ActionType::FailSite || type == ActionType::RecoverSite;
}

std::string_view toString(ActionType type);
std::optional<ActionType> actionFromString(std::string_view text);

/// One timed step of the scenario ("fail db at 30 s").
struct ScenarioAction {
    double atS = 0;
    ActionType action = ActionType::Fail;
    NodeId node;       ///< empty for a site action
    std::string param; ///< for Set
    ParamValue value;  ///< for Set
    std::string site;  ///< for FailSite / RecoverSite (last: aggregate initialisers stay valid)

    friend bool operator==(const ScenarioAction&, const ScenarioAction&) = default;
};

using Scenario = std::vector<ScenarioAction>;

} // namespace scalelab::core
