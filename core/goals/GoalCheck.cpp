#include "core/goals/GoalCheck.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/goals/GoalCatalog.h"
#include "core/util/NearestName.h"

namespace scalelab::core {

namespace goal_check_detail {

// RFC 6901: a goal name with '~' or '/' must still give a pointer that names it.
std::string goalPath(const std::string& name)
{
    std::string path = "/goals/";
    for (const char c : name) {
        if (c == '~')
            path += "~0";
        else if (c == '/')
            path += "~1";
        else
            path += c;
    }
    return path;
}

std::string formatTarget(double value)
{
    return fmt::format("{:g}", value);
}

} // namespace goal_check_detail

std::vector<GoalResult> checkGoals(const std::map<std::string, double>& goals,
                                   const sim::RunResults& results)
{
    std::vector<GoalResult> out;
    for (const auto& [name, target] : goals) {
        GoalResult r{name, target, std::nullopt, false};
        if (const GoalSpec* spec = GoalCatalog::instance().find(name)) {
            r.actual = spec->extract(results);
            if (r.actual && std::isfinite(*r.actual))
                r.met = spec->bound == GoalBound::Upper ? *r.actual <= target : *r.actual >= target;
        }
        out.push_back(std::move(r));
    }
    return out;
}

nlohmann::json goalsToJson(const std::vector<GoalResult>& results)
{
    nlohmann::json array = nlohmann::json::array();
    for (const auto& r : results) {
        nlohmann::json entry = nlohmann::json::object();
        entry["name"] = r.name;
        entry["target"] = r.target;
        if (r.actual && std::isfinite(*r.actual))
            entry["actual"] = *r.actual;
        else
            entry["actual"] = nullptr;
        entry["met"] = r.met;
        if (const GoalSpec* spec = GoalCatalog::instance().find(r.name))
            entry["bound"] = std::string(toString(spec->bound));
        array.push_back(std::move(entry));
    }
    return array;
}

Diagnostics validateGoals(const Topology& topology)
{
    using goal_check_detail::formatTarget;
    using goal_check_detail::goalPath;
    Diagnostics out;
    const GoalCatalog& catalog = GoalCatalog::instance();
    for (const auto& [name, target] : topology.goals) {
        const GoalSpec* spec = catalog.find(name);
        if (!spec) {
            out.push_back(
                {Severity::Error,
                 goalPath(name),
                 fmt::format("unknown goal '{}'{}", name, didYouMean(name, catalog.names())),
                 {}});
            continue;
        }
        if (!std::isfinite(target))
            continue; // the validator already says "must be a finite number"
        if (target < spec->min || target > spec->max) {
            const std::string range =
                std::isinf(spec->max) ? fmt::format(">= {}", formatTarget(spec->min))
                                      : fmt::format("between {} and {}", formatTarget(spec->min),
                                                    formatTarget(spec->max));
            out.push_back({Severity::Error,
                           goalPath(name),
                           fmt::format("must be {}, got {}", range, formatTarget(target)),
                           {}});
        }
    }
    return out;
}

} // namespace scalelab::core
