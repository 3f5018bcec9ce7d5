#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/model/Topology.h"
#include "core/model/TopologyIndex.h"

namespace scalelab::core {

/// The topology as a Boost graph (vertices = node indices, edges = request links). Boost
/// stays out of this header: it is expensive to compile and most callers need none of it.
class TopologyGraph {
public:
    TopologyGraph(const Topology& topology, const TopologyIndex& index);
    ~TopologyGraph();

    struct Loop {
        std::vector<NodeId> nodes;   ///< the cycle, in request order
        std::size_t closingLink = 0; ///< index in Topology::links of the link that closes it
    };
    /// A cycle of request links, found by depth-first search (a back edge), if any.
    std::optional<Loop> findRequestLoop() const;

    /// Per node index: reachable from some client over request and replication links.
    std::vector<bool> reachableFromClients() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace scalelab::core
