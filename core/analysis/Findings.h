#pragma once

#include <vector>

#include "core/analysis/Analysis.h"
#include "core/analysis/RoutingPlan.h"

namespace scalelab::core {

/// What an architect would point out, with what to try next: saturated and hot nodes,
/// single points of failure, read-heavy load with no cache, replication lag that loses
/// writes on failover, a load balancer with one backend, blocking servers waiting on
/// slow calls, client timeouts shorter than the expected latency. Sorted by severity.
/// The sentences name nodes as `naming` says.
std::vector<Finding> findingsFor(const Topology& topology, const RoutingPlan& plan,
                                 const Analysis& analysis, NodeNaming naming = NodeNaming::Id);

} // namespace scalelab::core
