#include "core/model/Scenario.h"

namespace scalelab::core {

std::string_view toString(ActionType type)
{
    switch (type) {
    case ActionType::Fail:
        return "fail";
    case ActionType::Recover:
        return "recover";
    case ActionType::Set:
        return "set";
    case ActionType::Promote:
        return "promote";
    case ActionType::Purge:
        return "purge";
    case ActionType::FailSite:
        return "fail_site";
    case ActionType::RecoverSite:
        return "recover_site";
    }
    return "fail";
}

std::optional<ActionType> actionFromString(std::string_view text)
{
    for (auto t : {ActionType::Fail, ActionType::Recover, ActionType::Set, ActionType::Promote,
                   ActionType::Purge, ActionType::FailSite, ActionType::RecoverSite})
        if (toString(t) == text)
            return t;
    return std::nullopt;
}

} // namespace scalelab::core
