#include "core/model/ParamSpec.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace scalelab::core {

namespace {
std::string joinChoices(const std::vector<std::string>& choices)
{
    std::string out;
    for (const auto& c : choices) {
        if (!out.empty())
            out += ", ";
        out += c;
    }
    return out;
}

std::string bound(double v)
{
    return fmt::format("{:g}", v);
}
} // namespace

bool ParamSpec::hasType(const ParamValue& value) const
{
    switch (type) {
    case ParamType::Integer:
        return std::holds_alternative<std::int64_t>(value);
    case ParamType::Real:
        return std::holds_alternative<double>(value);
    case ParamType::Boolean:
        return std::holds_alternative<bool>(value);
    case ParamType::Choice:
    case ParamType::Text:
        return std::holds_alternative<std::string>(value);
    }
    return false;
}

std::string ParamSpec::describeRange() const
{
    switch (type) {
    case ParamType::Boolean:
        return "true or false";
    case ParamType::Choice:
        return "one of " + joinChoices(choices);
    case ParamType::Text:
        return fmt::format("a name of at most {} letters, digits, '-', '_' or '.'", kMaxTextParam);
    case ParamType::Integer:
    case ParamType::Real: {
        const char* what = type == ParamType::Integer ? "an integer" : "a number";
        const char* lo = minExclusive ? ">" : ">=";
        if (max > min)
            return fmt::format("{} {} {} and <= {}", what, lo, bound(min), bound(max));
        return fmt::format("{} {} {}", what, lo, bound(min));
    }
    }
    return {};
}

std::optional<std::string> ParamSpec::check(const ParamValue& value) const
{
    if (!hasType(value))
        return fmt::format("must be {}, got {}", describeRange(), toDisplayString(value));
    if (type == ParamType::Choice) {
        const auto& s = std::get<std::string>(value);
        if (std::find(choices.begin(), choices.end(), s) == choices.end())
            return fmt::format("must be {}, got \"{}\"", describeRange(), s);
        return std::nullopt;
    }
    if (type == ParamType::Text) {
        const auto& s = std::get<std::string>(value);
        const bool ok = s.size() <= kMaxTextParam && std::all_of(s.begin(), s.end(), [](char c) {
                            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                                   c == '_' || c == '.';
                        });
        if (!ok)
            return fmt::format("must be {}, got \"{}\"", describeRange(),
                               s.size() > kMaxTextParam ? s.substr(0, kMaxTextParam) + "..." : s);
        return std::nullopt;
    }
    if (type == ParamType::Integer || type == ParamType::Real) {
        const double v = toNumber(value);
        const char* what = type == ParamType::Integer ? "an integer" : "a number";
        if (!std::isfinite(v))
            return fmt::format("must be a finite number, got {}", toDisplayString(value));
        if (minExclusive ? !(v > min) : !(v >= min))
            return fmt::format("must be {} {} {}, got {}", what,
                               minExclusive ? ">" : ">=", bound(min), toDisplayString(value));
        if (max > min && !(v <= max))
            return fmt::format("must be {} <= {}, got {}", what, bound(max),
                               toDisplayString(value));
    }
    return std::nullopt;
}

} // namespace scalelab::core
