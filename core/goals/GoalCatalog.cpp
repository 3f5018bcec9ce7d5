#include "core/goals/GoalCatalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace scalelab::core {

namespace goal_detail {

constexpr double kOpen = std::numeric_limits<double>::infinity();

std::optional<double> numberAt(const nlohmann::json& results, const char* pointer)
{
    const nlohmann::json::json_pointer ptr(pointer);
    if (!results.is_object() || !results.contains(ptr))
        return std::nullopt;
    const nlohmann::json& value = results.at(ptr);
    if (!value.is_number())
        return std::nullopt;
    return value.get<double>();
}

// Failed over finished requests, from the counts so it stays right when availability is
// rounded; falls back to 1 - availability for results that only carry the ratio.
std::optional<double> errorRate(const nlohmann::json& results)
{
    const auto completed = numberAt(results, "/requests/completed");
    const auto failed = numberAt(results, "/requests/failed");
    if (completed && failed) {
        const double finished = *completed + *failed;
        return finished > 0 ? *failed / finished : 0.0;
    }
    if (const auto availability = numberAt(results, "/availability"))
        return 1.0 - *availability;
    return std::nullopt;
}

// The busiest node decides whether a design has headroom.
std::optional<double> highestUtilization(const nlohmann::json& results)
{
    if (!results.is_object())
        return std::nullopt;
    const auto nodes = results.find("nodes");
    if (nodes == results.end() || !nodes->is_object())
        return std::nullopt;
    std::optional<double> highest;
    for (const auto& node : *nodes) {
        if (!node.is_object())
            continue;
        const auto u = node.find("utilization");
        if (u != node.end() && u->is_number())
            highest = std::max(highest.value_or(0.0), u->get<double>());
    }
    return highest;
}

} // namespace goal_detail

std::string_view toString(GoalBound bound)
{
    return bound == GoalBound::Upper ? "upper" : "lower";
}

GoalCatalog::GoalCatalog()
{
    using goal_detail::kOpen;
    using goal_detail::numberAt;
    const auto up = GoalBound::Upper;
    const auto low = GoalBound::Lower;
    // Captureless lambdas decay to the plain function pointer GoalSpec stores.
    m_goals = {
        {"mean_ms", up, "latency_ms.mean", "ms", 0, kOpen, "Mean end-to-end latency at most",
         [](const nlohmann::json& r) { return numberAt(r, "/latency_ms/mean"); }},
        {"p50_ms", up, "latency_ms.p50", "ms", 0, kOpen, "Median latency at most",
         [](const nlohmann::json& r) { return numberAt(r, "/latency_ms/p50"); }},
        {"p90_ms", up, "latency_ms.p90", "ms", 0, kOpen, "90th percentile latency at most",
         [](const nlohmann::json& r) { return numberAt(r, "/latency_ms/p90"); }},
        {"p95_ms", up, "latency_ms.p95", "ms", 0, kOpen, "95th percentile latency at most",
         [](const nlohmann::json& r) { return numberAt(r, "/latency_ms/p95"); }},
        {"p99_ms", up, "latency_ms.p99", "ms", 0, kOpen, "99th percentile latency at most",
         [](const nlohmann::json& r) { return numberAt(r, "/latency_ms/p99"); }},
        {"p999_ms", up, "latency_ms.p999", "ms", 0, kOpen, "99.9th percentile latency at most",
         [](const nlohmann::json& r) { return numberAt(r, "/latency_ms/p999"); }},
        {"max_ms", up, "latency_ms.max", "ms", 0, kOpen, "Slowest request at most",
         [](const nlohmann::json& r) { return numberAt(r, "/latency_ms/max"); }},
        {"read_p99_ms", up, "by_class.read.latency_ms.p99", "ms", 0, kOpen,
         "99th percentile latency of reads at most",
         [](const nlohmann::json& r) { return numberAt(r, "/by_class/read/latency_ms/p99"); }},
        {"write_p99_ms", up, "by_class.write.latency_ms.p99", "ms", 0, kOpen,
         "99th percentile latency of writes at most",
         [](const nlohmann::json& r) { return numberAt(r, "/by_class/write/latency_ms/p99"); }},
        {"availability", low, "availability", "", 0, 1,
         "Fraction of requests answered successfully at least",
         [](const nlohmann::json& r) { return numberAt(r, "/availability"); }},
        {"min_throughput_rps", low, "throughput_rps", "req/s", 0, kOpen,
         "Completed requests per second at least",
         [](const nlohmann::json& r) { return numberAt(r, "/throughput_rps"); }},
        {"max_error_rate", up, "requests.failed / (completed + failed)", "", 0, 1,
         "Fraction of requests that failed at most", &goal_detail::errorRate},
        {"max_lost_writes", up, "data.lost_writes", "writes", 0, kOpen,
         "Acknowledged writes lost in a failover at most",
         [](const nlohmann::json& r) { return numberAt(r, "/data/lost_writes"); }},
        {"max_stale_reads", up, "data.stale_reads", "reads", 0, kOpen,
         "Reads that saw an out-of-date replica at most",
         [](const nlohmann::json& r) { return numberAt(r, "/data/stale_reads"); }},
        {"max_utilization", up, "max of nodes.*.utilization", "", 0, 1,
         "Utilization of the busiest node at most (headroom)", &goal_detail::highestUtilization},
    };
}

const GoalCatalog& GoalCatalog::instance()
{
    static const GoalCatalog catalog;
    return catalog;
}

const GoalSpec* GoalCatalog::find(std::string_view name) const
{
    for (const auto& g : m_goals)
        if (g.name == name)
            return &g;
    return nullptr;
}

std::vector<std::string> GoalCatalog::names() const
{
    std::vector<std::string> names;
    for (const auto& g : m_goals)
        names.push_back(g.name);
    return names;
}

} // namespace scalelab::core
