#include "core/goals/GoalCatalog.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/sim/Results.h"

namespace scalelab::core {

namespace goal_detail {

constexpr double kOpen = std::numeric_limits<double>::infinity();

// Failed and overdue over finished and overdue requests (those availability judges), from
// the counts so it stays right when availability is rounded. None judged: unknown, as for
// availability, so a run whose every request still waits meets no error budget.
std::optional<double> errorRate(const sim::RunResults& r)
{
    const double judged = static_cast<double>(r.completed + r.failed + r.overdue);
    if (judged == 0)
        return std::nullopt;
    return static_cast<double>(r.failed + r.overdue) / judged;
}

// The busiest node decides whether a design has headroom.
std::optional<double> highestUtilization(const sim::RunResults& r)
{
    std::optional<double> highest;
    for (const auto& node : r.nodes)
        highest = std::max(highest.value_or(0.0), node.utilization);
    return highest;
}

// Latency goals read latency_all_ms, where failed requests count as slower than any
// completed one: a figure that falls among them is unknown and the goal is missed, so no
// goal is met while requests fail unseen. Nothing finished: unknown too.
std::optional<double> latency(const sim::ClassResults& c,
                              std::optional<double> sim::LatencyAll::*figure)
{
    return c.latencyAll.*figure;
}

std::optional<double> overall(const sim::RunResults& r,
                              std::optional<double> sim::LatencyAll::*figure)
{
    return r.latencyAll.*figure;
}

} // namespace goal_detail

std::string_view toString(GoalBound bound)
{
    return bound == GoalBound::Upper ? "upper" : "lower";
}

GoalCatalog::GoalCatalog()
{
    using goal_detail::kOpen;
    using goal_detail::latency;
    using goal_detail::overall;
    const auto up = GoalBound::Upper;
    const auto low = GoalBound::Lower;
    // Captureless lambdas decay to the plain function pointer GoalSpec stores.
    using sim::LatencyAll;
    using R = const sim::RunResults&;
    // The overall latencies end with {easedByCapacity, nullWhenUnanswered} = {true, true}.
    m_goals = {
        {"mean_ms", up, "latency_all_ms.mean", "ms", 0, kOpen, "Mean end-to-end latency at most",
         [](R r) { return overall(r, &LatencyAll::mean); }, true, true},
        {"p50_ms", up, "latency_all_ms.p50", "ms", 0, kOpen, "Median latency at most",
         [](R r) { return overall(r, &LatencyAll::p50); }, true, true},
        {"p90_ms", up, "latency_all_ms.p90", "ms", 0, kOpen, "90th percentile latency at most",
         [](R r) { return overall(r, &LatencyAll::p90); }, true, true},
        {"p95_ms", up, "latency_all_ms.p95", "ms", 0, kOpen, "95th percentile latency at most",
         [](R r) { return overall(r, &LatencyAll::p95); }, true, true},
        {"p99_ms", up, "latency_all_ms.p99", "ms", 0, kOpen, "99th percentile latency at most",
         [](R r) { return overall(r, &LatencyAll::p99); }, true, true},
        {"p999_ms", up, "latency_all_ms.p999", "ms", 0, kOpen, "99.9th percentile latency at most",
         [](R r) { return overall(r, &LatencyAll::p999); }, true, true},
        {"max_ms", up, "latency_all_ms.max", "ms", 0, kOpen, "Slowest request at most",
         [](R r) { return overall(r, &LatencyAll::max); }, true, true},
        {"read_p99_ms", up, "by_class.read.latency_all_ms.p99", "ms", 0, kOpen,
         "99th percentile latency of reads at most",
         [](R r) { return latency(r.read, &LatencyAll::p99); }},
        {"write_p99_ms", up, "by_class.write.latency_all_ms.p99", "ms", 0, kOpen,
         "99th percentile latency of writes at most",
         [](R r) { return latency(r.write, &LatencyAll::p99); }},
        {"availability", low, "availability", "", 0, 1,
         "Fraction of requests answered successfully at least",
         [](R r) {
             // Nothing finished or overdue yet: no availability to meet a goal with.
             return r.completed + r.failed + r.overdue == 0 ? std::nullopt
                                                            : std::optional<double>(r.availability);
         }},
        {"min_throughput_rps", low, "throughput_rps", "req/s", 0, kOpen,
         "Completed requests per second at least",
         [](R r) { return std::optional<double>(r.throughputRps); }},
        {"max_error_rate", up, "(failed + overdue) / (completed + failed + overdue)", "", 0, 1,
         "Fraction of requests that failed at most", &goal_detail::errorRate},
        {"max_lost_writes", up, "data.lost_writes", "writes", 0, kOpen,
         "Acknowledged writes lost in a failover at most",
         [](R r) { return std::optional<double>(static_cast<double>(r.lostWrites)); }, false},
        {"max_stale_reads", up, "data.stale_reads", "reads", 0, kOpen,
         "Reads that saw an out-of-date replica at most",
         [](R r) { return std::optional<double>(static_cast<double>(r.staleReads)); }, false},
        {"max_utilization", up, "max of nodes.*.utilization", "", 0, 1,
         "Utilization of the busiest node at most (headroom)", &goal_detail::highestUtilization},
        {"max_cost_per_month", up, "cost.per_month", "USD", 0, kOpen,
         "Monthly cost of the design (730 h) at most",
         [](R r) {
             return std::isfinite(r.cost.perMonth) ? std::optional<double>(r.cost.perMonth)
                                                   : std::nullopt;
         },
         false},
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
