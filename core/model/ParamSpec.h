#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/model/ParamValue.h"

namespace scalelab::core {

/// Text: a free name (a node's `site`), at most kMaxTextParam printable characters.
enum class ParamType { Integer, Real, Boolean, Choice, Text };

inline constexpr std::size_t kMaxTextParam = 64;

/// Declares one parameter of a node kind (or of a link): the only place it is declared.
struct ParamSpec {
    std::string name;
    ParamType type = ParamType::Real;
    std::string unit; ///< "ms", "s", "req/s", "" for none
    ParamValue defaultValue;
    double min = 0; ///< inclusive bounds for Integer and Real
    double max = 0;
    bool minExclusive = false;        ///< e.g. speed must be > 0
    std::vector<std::string> choices; ///< for Choice
    std::string help;                 ///< one line, shown as tooltip and in reports
    /// More of it never makes the design slower or less available, from 1 up (servers,
    /// instances, cache keys): the planner may skip every design with less of it than one a
    /// simulation saw clearly miss a goal (docs/capacity-planning.md).
    bool addsCapacity = false;
    /// A bound past which work is turned away (a queue_limit, a message queue's capacity).
    /// Set above 0 anywhere, more capacity in front can push rejections behind it, so the
    /// planner no longer takes "more never hurts" for granted.
    bool limitsAdmission = false;

    /// Checks a value of the right type against range/choices; returns the problem or nothing.
    std::optional<std::string> check(const ParamValue& value) const;
    /// "an integer >= 1", "a number in [0, 1]", "one of poisson, constant", ...
    std::string describeRange() const;
    /// True when the value's alternative is the one this spec stores.
    bool hasType(const ParamValue& value) const;
};

} // namespace scalelab::core
