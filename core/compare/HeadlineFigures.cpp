#include "core/compare/HeadlineFigures.h"

namespace scalelab::core::compare {

const std::vector<HeadlineFigure>& headlineFigures()
{
    static const std::vector<HeadlineFigure> figures{
        {"/throughput_rps", "Throughput", "req/s", true},
        {"/availability", "Availability", "%", true},
        {"/latency_ms/mean", "Mean latency", "ms", false},
        {"/latency_ms/p50", "p50 latency", "ms", false},
        {"/latency_ms/p90", "p90 latency", "ms", false},
        {"/latency_ms/p99", "p99 latency", "ms", false},
        {"/latency_ms/p999", "p99.9 latency", "ms", false},
        {"/latency_ms/max", "Max latency", "ms", false},
        {"/latency_all_ms/p99", "p99 counting failures", "ms", false},
        {"/requests/failed", "Failed requests", "", false},
        {"/data/lost_writes", "Lost writes", "", false},
        {"/data/stale_reads", "Stale reads", "", false},
        {"/cost/per_month", "Cost per month", "USD", false},
    };
    return figures;
}

std::string verdictWord(const HeadlineFigure& figure, double delta, bool significant, bool known)
{
    if (!known)
        return "n/a";
    if (!significant)
        return "no clear difference";
    return (delta > 0) == figure.higherIsBetter ? "better" : "worse";
}

} // namespace scalelab::core::compare
