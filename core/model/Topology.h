#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Link.h"
#include "core/model/Node.h"
#include "core/model/Scenario.h"

namespace scalelab::core {

struct SimulationSettings {
    double durationS = 60;
    double warmupS = 5;
    std::uint64_t seed = 1;
    friend bool operator==(const SimulationSettings&, const SimulationSettings&) = default;
};

/// A whole diagram: what a .scalelab file holds. Nodes and links keep file order.
class Topology {
public:
    std::string name;
    std::string description;
    SimulationSettings simulation;
    std::vector<Node> nodes;
    std::vector<Link> links;
    Scenario scenario;
    /// Optional targets checked after a run ("p99_ms" -> 200); empty when absent.
    std::map<std::string, double> goals;

    /// The find functions scan (O(n)): the vectors are public and may change under any
    /// cache. An owner that makes every edit itself keeps an IdIndex instead (the editor's
    /// Document does), for O(1) lookups.
    const Node* findNode(const NodeId& id) const;
    Node* findNode(const NodeId& id);
    std::optional<std::size_t> nodeIndex(const NodeId& id) const;
    const Link* findLink(const LinkKey& key) const;
    Link* findLink(const LinkKey& key);

    /// Links touching a node, in file order.
    std::vector<Link> linksOf(const NodeId& id) const;
    /// Request links leaving / entering a node.
    std::vector<const Link*> outgoing(const NodeId& id, LinkKind kind = LinkKind::Request) const;
    std::vector<const Link*> incoming(const NodeId& id, LinkKind kind = LinkKind::Request) const;

    /// Removes a node and every link touching it.
    void removeNode(const NodeId& id);
    void removeLink(const LinkKey& key);

    /// An id not yet used, "web" -> "web", "web-2", "web-3", ...
    NodeId uniqueId(const std::string& stem) const;

    friend bool operator==(const Topology&, const Topology&) = default;
};

} // namespace scalelab::core
