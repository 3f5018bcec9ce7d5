#pragma once

#include <vector>

#include "core/analysis/Analysis.h"
#include "core/analysis/RoutingPlan.h"

namespace scalelab::core {

/// Stations a retry storm can keep down (a metastable failure): quiet at the analysed load,
/// but if its tries time out (after a burst or a slowdown) every request of a retrying
/// client is sent 1 + retries times, that load exceeds the station's capacity, the station
/// still serves the abandoned tries (no cancel_on_timeout) and its queue can hold a try past
/// the timeout (no queue_limit short enough). Then nothing brings the timeouts to an end.
/// One warning per such station, naming it, the load of the storm and the fixes.
void retryStormFindings(const Topology& topology, const RoutingPlan& plan, const Analysis& analysis,
                        std::vector<Finding>& out, NodeNaming naming = NodeNaming::Id);

} // namespace scalelab::core
