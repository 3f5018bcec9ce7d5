#include "core/goals/GoalLabel.h"

#include <array>
#include <string_view>
#include <utility>

#include "core/goals/GoalCatalog.h"

namespace scalelab::core {

namespace {

// Kept beside the catalog rather than in its rows, so goals added to the catalog need no
// label to be readable (the fallback below) and the rows stay one line each.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kLabels{{
    {"mean_ms", "Mean latency"},
    {"p50_ms", "Median latency"},
    {"p90_ms", "p90 latency"},
    {"p95_ms", "p95 latency"},
    {"p99_ms", "p99 latency"},
    {"p999_ms", "p99.9 latency"},
    {"max_ms", "Slowest request"},
    {"read_p99_ms", "p99 latency of reads"},
    {"write_p99_ms", "p99 latency of writes"},
    {"availability", "Availability"},
    {"min_throughput_rps", "Throughput"},
    {"max_error_rate", "Error rate"},
    {"max_lost_writes", "Lost writes"},
    {"max_stale_reads", "Stale reads"},
    {"max_utilization", "Busiest node's utilization"},
}};

} // namespace

std::string goalLabel(const GoalSpec& spec)
{
    for (const auto& [name, label] : kLabels)
        if (name == spec.name)
            return std::string(label);
    std::string text = spec.help;
    for (const std::string_view bound : {" at most", " at least"})
        if (const auto at = text.find(bound); at != std::string::npos)
            text.erase(at, bound.size());
    return text.empty() ? spec.name : text;
}

} // namespace scalelab::core
