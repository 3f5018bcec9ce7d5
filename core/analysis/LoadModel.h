#pragma once

#include <optional>
#include <vector>

#include "core/analysis/Analysis.h"
#include "core/analysis/PatienceQueue.h"
#include "core/analysis/RoutingPlan.h"

namespace scalelab::core {

/// Per-node estimates and per-class latency from each node to the end of a request,
/// with every client's rate multiplied by `scale`.
struct LoadState {
    std::vector<NodeEstimate> nodes;
    std::vector<double> readMs; ///< mean time from arriving at a node to its answer, reads
    std::vector<double> writeMs;
    std::vector<double> staticMs; ///< static assets
    /// Second moments of the same times (ms^2): waits exponential when they happen, calls
    /// independent (a balancer's alternatives exclusive), for the timeout estimate.
    std::vector<double> readMs2;
    std::vector<double> writeMs2;
    std::vector<double> staticMs2;
    /// Probability that a try arriving at a node is not dropped on its way by a station
    /// with cancel_on_timeout (its own drop included), per class; 1 without such stations.
    std::vector<double> readKept;
    std::vector<double> writeKept;
    std::vector<double> staticKept;
    /// Stations with cancel_on_timeout reached by clients with a timeout: their queue with
    /// the patience those clients leave it (timeout less the links' latency on the way).
    std::vector<std::optional<ScaledPatience>> patience;
};

/// With `applyQueueLimits`, requests a full queue rejects go no further downstream.
/// `clientScale` (one factor a node, or null) multiplies each client's rate once more: the
/// tries its timeouts add.
LoadState computeLoad(const Topology& topology, const RoutingPlan& plan, double scale,
                      bool applyQueueLimits = true,
                      const std::vector<double>* clientScale = nullptr);

/// How many times every client rate can grow before some node saturates (+inf unloaded).
double maxScale(const Topology& topology, const RoutingPlan& plan);

} // namespace scalelab::core
