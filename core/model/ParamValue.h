#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>

namespace scalelab::core {

/// A parameter's value. Choices are stored as their string.
using ParamValue = std::variant<bool, std::int64_t, double, std::string>;

/// Explicitly set parameters by name; anything absent takes the registry default.
using ParamMap = std::map<std::string, ParamValue>;

/// Numeric view of a value (bool as 0/1, strings as 0).
double toNumber(const ParamValue& value);

/// Human-readable rendering ("8", "0.5", "true", "round_robin").
std::string toDisplayString(const ParamValue& value);

} // namespace scalelab::core
