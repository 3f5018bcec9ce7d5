#include "core/model/Node.h"

#include "core/model/KindRegistry.h"

namespace scalelab::core {

const KindSpec* Node::spec() const
{
    return KindRegistry::instance().find(kind.str());
}

ParamValue Node::param(const std::string& paramName) const
{
    if (auto it = params.find(paramName); it != params.end())
        return it->second;
    if (const KindSpec* k = spec())
        if (const ParamSpec* p = k->param(paramName))
            return p->defaultValue;
    return 0.0;
}

double Node::number(const std::string& paramName) const
{
    return toNumber(param(paramName));
}

std::int64_t Node::integer(const std::string& paramName) const
{
    const ParamValue v = param(paramName);
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return *i;
    return static_cast<std::int64_t>(toNumber(v));
}

std::string Node::text(const std::string& paramName) const
{
    const ParamValue v = param(paramName);
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    return toDisplayString(v);
}

bool Node::flag(const std::string& paramName) const
{
    return toNumber(param(paramName)) != 0.0;
}

Network Node::network() const
{
    return text("network") == "private" ? Network::Private : Network::Public;
}

} // namespace scalelab::core
