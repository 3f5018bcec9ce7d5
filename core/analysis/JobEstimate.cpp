#include "core/analysis/JobEstimate.h"

#include <cmath>
#include <limits>

#include "core/analysis/ErlangC.h"
#include "core/analysis/FiniteQueue.h"

namespace scalelab::core {

void estimateJobs(const Topology& t, const RoutingPlan& plan, std::vector<NodeEstimate>& nodes)
{
    constexpr double kInf = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (!plan.nodes[i].traits.broker)
            continue;
        const NodeEstimate& queue = nodes[i];
        JobEstimate j;
        j.arrivalRps = queue.arrivalRps * (1.0 - queue.rejectFraction.value_or(0.0));
        double rate = 0; // jobs per ms the pool finishes with every thread busy
        for (std::size_t k : plan.index->consumers(i)) {
            const std::size_t w = plan.index->to(k);
            const double hold =
                nodes[w].serviceMs > 0 ? nodes[w].serviceMs : plan.nodes[w].readServiceMs;
            // The worker's estimate holds its servers at this load: an autoscaled pool's are
            // where it settles, not the file's starting instances.
            j.threads += nodes[w].servers;
            if (hold > 0 && std::isfinite(hold))
                rate += static_cast<double>(nodes[w].servers) / hold;
        }
        j.holdMs = rate > 0 ? static_cast<double>(j.threads) / rate : 0.0;
        const std::int64_t capacity = std::max<std::int64_t>(0, t.nodes[i].integer("capacity"));
        if (j.threads == 0) {
            // Nobody consumes: every job stays (the validator warns).
            j.utilization = j.arrivalRps > 0 ? kInf : 0.0;
            j.stable = j.arrivalRps <= 0;
            j.meanWaitMs = j.meanLatencyMs = j.meanBacklog = j.stable ? 0.0 : kInf;
            if (capacity > 0 && j.arrivalRps > 0)
                j.dropFraction = 1.0; // once full, every publish is refused
        } else if (capacity > 0) {
            const FiniteQueueEstimate q =
                mmck(j.arrivalRps, j.holdMs / 1000.0, j.threads, capacity);
            j.utilization = q.offeredUtilization;
            j.stable = q.offeredUtilization < 1.0;
            j.dropFraction = q.probReject;
            j.meanWaitMs = q.meanWait * 1000.0;
            j.meanLatencyMs = q.meanResponse * 1000.0;
            j.meanBacklog = q.meanQueueLength;
        } else {
            const QueueEstimate q = mmc(j.arrivalRps, j.holdMs / 1000.0, j.threads);
            j.utilization = q.utilization;
            j.stable = q.stable;
            j.meanWaitMs = q.meanWait * 1000.0;
            j.meanLatencyMs = q.meanResponse * 1000.0;
            j.meanBacklog = q.meanQueueLength;
        }
        nodes[i].jobs = j;
    }
}

} // namespace scalelab::core
