#pragma once

#include <vector>

#include "core/analysis/Analysis.h"
#include "core/analysis/RoutingPlan.h"

namespace scalelab::core {

/// Fills NodeEstimate::jobs of every message queue from the estimates of its workers: the
/// backlog and the pooled threads are one FIFO c-server queue (Erlang C; Erlang's M/M/c/K
/// when `capacity` bounds the backlog). Workers with different holding times are pooled
/// by their service rates (threads / hold).
void estimateJobs(const Topology& topology, const RoutingPlan& plan,
                  std::vector<NodeEstimate>& nodes);

} // namespace scalelab::core
