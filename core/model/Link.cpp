#include "core/model/Link.h"

#include "core/model/KindRegistry.h"

namespace scalelab::core {

double Link::number(const std::string& paramName) const
{
    if (auto it = params.find(paramName); it != params.end())
        return toNumber(it->second);
    if (const ParamSpec* p = KindRegistry::instance().link().param(paramName))
        return toNumber(p->defaultValue);
    return 0.0;
}

bool Link::synchronous() const
{
    const auto it = params.find("mode");
    const auto* text = it == params.end() ? nullptr : std::get_if<std::string>(&it->second);
    return text && *text == "sync";
}

} // namespace scalelab::core
