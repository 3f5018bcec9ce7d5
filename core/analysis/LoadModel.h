#pragma once

#include <vector>

#include "core/analysis/Analysis.h"
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
