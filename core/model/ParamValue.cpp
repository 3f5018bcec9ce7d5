#include "core/model/ParamValue.h"

#include <fmt/format.h>

namespace scalelab::core {

double toNumber(const ParamValue& value)
{
    if (const auto* b = std::get_if<bool>(&value))
        return *b ? 1.0 : 0.0;
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    return 0.0;
}

std::string toDisplayString(const ParamValue& value)
{
    if (const auto* b = std::get_if<bool>(&value))
        return *b ? "true" : "false";
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return fmt::format("{}", *i);
    if (const auto* d = std::get_if<double>(&value))
        return fmt::format("{:g}", *d);
    return std::get<std::string>(value);
}

} // namespace scalelab::core
