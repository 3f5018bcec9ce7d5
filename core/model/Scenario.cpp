#include "core/model/Scenario.h"

namespace scalelab::core {

std::string_view toString(ActionType type)
{
    switch (type) {
    case ActionType::Fail: return "fail";
    case ActionType::Recover: return "recover";
    case ActionType::Set: return "set";
    case ActionType::Promote: return "promote";
    case ActionType::Purge: return "purge";
    }
    return "fail";
}

std::optional<ActionType> actionFromString(std::string_view text)
{
    for (auto t : {ActionType::Fail, ActionType::Recover, ActionType::Set, ActionType::Promote,
                   ActionType::Purge})
        if (toString(t) == text)
            return t;
    return std::nullopt;
}

} // namespace scalelab::core
