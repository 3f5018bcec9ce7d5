#pragma once

#include <cstddef>
#include <vector>

#include "core/model/TopologyIndex.h"

namespace scalelab::core {

/// For every node, the client that reaches it over request links with the largest weight
/// (the lowest index among equals), or TopologyIndex::kNone when no client reaches it.
/// `weight[c]` is the client's weight, negative for nodes that are not clients.
///
/// Linear in the topology: clients are visited heaviest first over one shared visited set,
/// since whatever a lighter client reaches through a node already seen, the heavier client
/// that saw it reached too. (A search per client was quadratic: minutes for 50k clients.)
std::vector<std::size_t> dominantClients(const TopologyIndex& index,
                                         const std::vector<double>& weight);

} // namespace scalelab::core
