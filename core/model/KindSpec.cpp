#include "core/model/KindSpec.h"

#include <algorithm>

namespace scalelab::core {

const ParamSpec* KindSpec::param(std::string_view name) const
{
    for (const auto& p : params)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::vector<std::string> KindSpec::paramNames() const
{
    std::vector<std::string> names;
    names.reserve(params.size());
    for (const auto& p : params)
        names.push_back(p.name);
    return names;
}

const std::vector<std::string>& KindSpec::sendsTo(LinkKind link) const
{
    static const std::vector<std::string> none;
    for (const auto& permit : sends)
        if (permit.link == link)
            return permit.to;
    return none;
}

bool KindSpec::maySend(LinkKind link, std::string_view toKind) const
{
    const auto& to = sendsTo(link);
    return std::find(to.begin(), to.end(), toKind) != to.end();
}

bool KindSpec::allows(ActionType action) const
{
    if (action == ActionType::Fail || action == ActionType::Recover || action == ActionType::Set)
        return true;
    return std::find(extraActions.begin(), extraActions.end(), action) != extraActions.end();
}

} // namespace scalelab::core
