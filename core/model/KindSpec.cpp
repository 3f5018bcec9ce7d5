#include "core/model/KindSpec.h"

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

} // namespace scalelab::core
