#pragma once

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/model/Ids.h"

namespace scalelab::core {

class Topology;

struct LinkKeyHash {
    std::size_t operator()(const LinkKey& k) const noexcept
    {
        const std::size_t a = std::hash<NodeId>{}(k.from);
        return a ^ (std::hash<NodeId>{}(k.to) + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }
};

/// Id -> file position of a topology's nodes and links, and the links touching each node.
/// Topology's own find functions scan: its vectors are public and anyone may change them.
/// An owner that makes every edit itself (the editor's Document) reports each edit here and
/// gets O(1) lookups. An append costs O(1); an insert or erase inside the vectors costs
/// what the vector's own shift costs, O(n - position). Ids are unique in a diagram the
/// editor holds (the loader refuses duplicates, the editor makes fresh ids); with
/// duplicates a lookup finds one of them.
class IdIndex {
public:
    void rebuild(const Topology& t);

    std::optional<std::size_t> node(const NodeId& id) const;
    std::optional<std::size_t> link(const LinkKey& key) const;
    /// Keys of the links that start or end at `id` (in no particular order).
    const std::vector<LinkKey>& linksOf(const NodeId& id) const;

    /// Call after `t.nodes` got a node at `pos` / lost the node `id` that was at `pos`.
    void nodeInserted(const Topology& t, std::size_t pos);
    void nodeErased(const Topology& t, std::size_t pos, const NodeId& id);
    /// Call after `t.links` got a link at `pos` / lost the link `key` that was at `pos`.
    void linkInserted(const Topology& t, std::size_t pos);
    void linkErased(const Topology& t, std::size_t pos, const LinkKey& key);

private:
    void renumberNodes(const Topology& t, std::size_t from);
    void renumberLinks(const Topology& t, std::size_t from);
    void detach(const NodeId& end, const LinkKey& key);

    std::unordered_map<NodeId, std::size_t> m_nodes;
    std::unordered_map<LinkKey, std::size_t, LinkKeyHash> m_links;
    std::unordered_map<NodeId, std::vector<LinkKey>> m_touching;
};

} // namespace scalelab::core
