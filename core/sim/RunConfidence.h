#pragma once

#include <cstddef>

#include "core/model/Topology.h"
#include "core/sim/BatchMeans.h"
#include "core/sim/Results.h"

namespace scalelab::core::sim {

/// Where each figure sits in a BatchRecorder sample.
struct BatchLayout {
    static constexpr std::size_t kTime = 0;      ///< seconds since the start
    static constexpr std::size_t kCompleted = 1; ///< requests completed after the warm-up
    static constexpr std::size_t kLatency = 2;   ///< their latency sum, ms
    static std::size_t busy(std::size_t node) { return 3 + 2 * node; }    ///< busy server-ns
    static std::size_t servers(std::size_t node) { return 4 + 2 * node; } ///< server-ns
    static std::size_t size(std::size_t nodes) { return 3 + 2 * nodes; }
};

/// Relative half-width above which a figure gets a warning with the run length that would
/// bring it under, and the utilization below which a node's interval is not warned about
/// (a nearly idle node's relative noise says nothing about the design).
inline constexpr double kWideInterval = 0.05;
inline constexpr double kWarnUtilizationFrom = 0.05;

/// Fills out.ci95, each node's utilizationCi95 and adds to out.warnings from the batches
/// (node results must be filled, in node order).
void fillConfidence(const BatchRecorder& batches, const Topology& topology, RunResults& out);

} // namespace scalelab::core::sim
