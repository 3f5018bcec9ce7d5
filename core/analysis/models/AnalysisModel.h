#pragma once

#include <string>

#include "core/analysis/Analysis.h"
#include "core/analysis/RoutingPlan.h"
#include "core/model/TopologyIndex.h"

namespace scalelab::core {

/// What a kind's analysis model reads: the topology, its index and the plan built so far
/// (own service times and cache hit ratios are known when calls are routed).
struct ModelContext {
    const Topology& topology;
    const TopologyIndex& index;
    const RoutingPlan& plan;
};

/// How the analyzer models one kind (one per KindRole, in models/<Kind>Model.cpp).
struct AnalysisModel {
    KindRole role;
    /// Adds the calls a node makes while serving one request; nullptr: it calls nothing.
    void (*route)(const ModelContext& context, std::size_t node, NodeRouting& out) = nullptr;
    /// What to try when the node saturates.
    std::string (*loadRemedy)(const Node& node, const NodeEstimate& estimate) = nullptr;
    /// What to try when the node is a single point of failure.
    std::string (*spofRemedy)(const ModelContext& context, std::size_t node) = nullptr;
};

/// The model of a role (the table in AnalysisModels.cpp).
const AnalysisModel& analysisModel(KindRole role);

/// An application's calls (next tiers, cache-aside reads, its replication group), each
/// with `share` of its requests: the web server's and the worker's routing
/// (WebServerModel.cpp).
void routeApplication(const ModelContext& context, std::size_t node, NodeRouting& out,
                      double share);

} // namespace scalelab::core
