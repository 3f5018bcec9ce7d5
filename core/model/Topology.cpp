#include "core/model/Topology.h"

#include <algorithm>

#include <fmt/format.h>

namespace scalelab::core {

const Node* Topology::findNode(const NodeId& id) const
{
    auto it = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.id == id; });
    return it == nodes.end() ? nullptr : &*it;
}

Node* Topology::findNode(const NodeId& id)
{
    return const_cast<Node*>(std::as_const(*this).findNode(id));
}

std::optional<std::size_t> Topology::nodeIndex(const NodeId& id) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return i;
    return std::nullopt;
}

const Link* Topology::findLink(const LinkKey& key) const
{
    auto it = std::find_if(links.begin(), links.end(),
                           [&](const Link& l) { return l.from == key.from && l.to == key.to; });
    return it == links.end() ? nullptr : &*it;
}

Link* Topology::findLink(const LinkKey& key)
{
    return const_cast<Link*>(std::as_const(*this).findLink(key));
}

std::vector<Link> Topology::linksOf(const NodeId& id) const
{
    std::vector<Link> out;
    for (const auto& l : links)
        if (l.from == id || l.to == id)
            out.push_back(l);
    return out;
}

std::vector<const Link*> Topology::outgoing(const NodeId& id, LinkKind kind) const
{
    std::vector<const Link*> out;
    for (const auto& l : links)
        if (l.from == id && l.kind == kind)
            out.push_back(&l);
    return out;
}

std::vector<const Link*> Topology::incoming(const NodeId& id, LinkKind kind) const
{
    std::vector<const Link*> out;
    for (const auto& l : links)
        if (l.to == id && l.kind == kind)
            out.push_back(&l);
    return out;
}

void Topology::removeNode(const NodeId& id)
{
    std::erase_if(links, [&](const Link& l) { return l.from == id || l.to == id; });
    std::erase_if(nodes, [&](const Node& n) { return n.id == id; });
}

void Topology::removeLink(const LinkKey& key)
{
    std::erase_if(links, [&](const Link& l) { return l.from == key.from && l.to == key.to; });
}

NodeId Topology::uniqueId(const std::string& stem) const
{
    const std::string base = stem.empty() ? "node" : stem;
    if (!findNode(NodeId{base}))
        return NodeId{base};
    for (int i = 2;; ++i) {
        NodeId candidate{fmt::format("{}-{}", base, i)};
        if (!findNode(candidate))
            return candidate;
    }
}

} // namespace scalelab::core
