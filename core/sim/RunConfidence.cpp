#include "core/sim/RunConfidence.h"

#include <cmath>

#include <fmt/format.h>

#include "core/validation/Limits.h"

namespace scalelab::core::sim {

namespace {

// Two significant digits, rounded up: a run length to type into duration_s.
double roundUpNicely(double seconds)
{
    if (!(seconds > 0) || !std::isfinite(seconds))
        return seconds;
    const double unit = std::pow(10.0, std::floor(std::log10(seconds)) - 1);
    return std::ceil(seconds / unit - 1e-9) * unit;
}

struct Figure {
    std::string name; ///< as in the results: "latency_ms.mean", "nodes.web.utilization"
    const char* unit;
    int decimals;
};

void check(const BatchInterval& ci, const Figure& f, double measuredS, double warmupS,
           RunResults& out)
{
    if (!std::isfinite(ci.halfWidth) || !(ci.estimate > 0))
        return;
    const double relative = ci.halfWidth / ci.estimate;
    if (relative > kWideInterval) {
        // Once batches are independent the half-width shrinks like 1 / sqrt(measured time):
        // the window must grow by (relative / 5%)^2.
        const double factor = (relative / kWideInterval) * (relative / kWideInterval);
        const double suggested = roundUpNicely(warmupS + measuredS * factor);
        out.ci95.wide.push_back({f.name, relative, suggested});
        const std::string interval =
            fmt::format("{} = {:.{}f} ± {:.{}f}{} (±{:.1f}%, 95% interval by batch means over {} "
                        "batches)",
                        f.name, ci.estimate, f.decimals, ci.halfWidth, f.decimals, f.unit,
                        100 * relative, ci.batches);
        if (suggested <= kMaxDurationS)
            out.warnings.push_back(fmt::format("{}: a run of about {:g} s (duration_s) would "
                                               "bring it under ±{:g}%",
                                               interval, suggested, 100 * kWideInterval));
        else
            out.warnings.push_back(fmt::format("{}: bringing it under ±{:g}% would take a run "
                                               "longer than the {:g} s limit; use replications "
                                               "(--replications)",
                                               interval, 100 * kWideInterval, kMaxDurationS));
    }
    if (ci.correlated)
        out.warnings.push_back(fmt::format("{}: its batch means are still correlated over {} "
                                           "batches (lag-1 {:.2f}), so its interval is likely "
                                           "too narrow; run longer",
                                           f.name, ci.batches, ci.lag1));
}

} // namespace

void fillConfidence(const BatchRecorder& batches, const Topology& topology, RunResults& out)
{
    using L = BatchLayout;
    out.ci95 = {};
    const double measuredS = batches.coveredSeconds();
    if (batches.batches() < 4) {
        if (out.durationS > out.warmupS)
            out.warnings.push_back("too little of the run was measured to give confidence "
                                   "intervals (ci95)");
        return;
    }
    const std::vector<double> time = batches.increments(L::kTime);
    const std::vector<double> completed = batches.increments(L::kCompleted);
    const BatchInterval throughput = batchInterval(completed, time);
    const BatchInterval latency = batchInterval(batches.increments(L::kLatency), completed);
    out.ci95.throughputRps = throughput.halfWidth;
    out.ci95.latencyMeanMs = latency.halfWidth;
    out.ci95.batches = batches.batches();
    check(latency, {"latency_ms.mean", " ms", 3}, measuredS, out.warmupS, out);
    check(throughput, {"throughput_rps", " req/s", 1}, measuredS, out.warmupS, out);
    for (std::size_t i = 0; i < out.nodes.size(); ++i) {
        const std::vector<double> servers = batches.increments(L::servers(i));
        double serverTime = 0;
        for (double v : servers)
            serverTime += v;
        if (serverTime <= 0)
            continue; // no servers (a client): no utilization to be unsure of
        const BatchInterval u = batchInterval(batches.increments(L::busy(i)), servers);
        out.nodes[i].utilizationCi95 = u.halfWidth;
        if (u.estimate >= kWarnUtilizationFrom)
            check(u, {"nodes." + out.nodes[i].id + ".utilization", "", 4}, measuredS, out.warmupS,
                  out);
    }
    // Batch means assume one steady state; a scenario that changes the design inside the
    // measured window makes the batches differ for a reason, not by chance.
    for (const ScenarioAction& a : topology.scenario)
        if (a.atS > out.warmupS && a.atS < out.durationS) {
            out.warnings.push_back(fmt::format(
                "the scenario changes the design at {:g} s, inside the measured window: the "
                "intervals (ci95) describe this run's averages, not one steady state, and a "
                "longer run narrows them only as far as the phases stay as they are",
                a.atS));
            break;
        }
}

} // namespace scalelab::core::sim
