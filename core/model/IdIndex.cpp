#include "core/model/IdIndex.h"

#include <algorithm>

#include "core/model/Topology.h"

namespace scalelab::core {

void IdIndex::rebuild(const Topology& t)
{
    m_nodes.clear();
    m_links.clear();
    m_touching.clear();
    m_nodes.reserve(t.nodes.size());
    m_links.reserve(t.links.size());
    // The first of duplicate ids wins, as in Topology::findNode.
    for (std::size_t i = 0; i < t.nodes.size(); ++i)
        m_nodes.emplace(t.nodes[i].id, i);
    for (std::size_t i = 0; i < t.links.size(); ++i) {
        const LinkKey key = t.links[i].key();
        if (!m_links.emplace(key, i).second)
            continue;
        m_touching[key.from].push_back(key);
        if (key.to != key.from)
            m_touching[key.to].push_back(key);
    }
}

std::optional<std::size_t> IdIndex::node(const NodeId& id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? std::nullopt : std::optional(it->second);
}

std::optional<std::size_t> IdIndex::link(const LinkKey& key) const
{
    auto it = m_links.find(key);
    return it == m_links.end() ? std::nullopt : std::optional(it->second);
}

const std::vector<LinkKey>& IdIndex::linksOf(const NodeId& id) const
{
    static const std::vector<LinkKey> none;
    auto it = m_touching.find(id);
    return it == m_touching.end() ? none : it->second;
}

void IdIndex::renumberNodes(const Topology& t, std::size_t from)
{
    for (std::size_t i = from; i < t.nodes.size(); ++i)
        m_nodes[t.nodes[i].id] = i;
}

void IdIndex::renumberLinks(const Topology& t, std::size_t from)
{
    for (std::size_t i = from; i < t.links.size(); ++i)
        m_links[t.links[i].key()] = i;
}

void IdIndex::nodeInserted(const Topology& t, std::size_t pos)
{
    renumberNodes(t, pos);
}

void IdIndex::nodeErased(const Topology& t, std::size_t pos, const NodeId& id)
{
    m_nodes.erase(id);
    renumberNodes(t, pos);
}

void IdIndex::linkInserted(const Topology& t, std::size_t pos)
{
    const LinkKey key = t.links[pos].key();
    if (!m_links.count(key)) {
        m_touching[key.from].push_back(key);
        if (key.to != key.from)
            m_touching[key.to].push_back(key);
    }
    renumberLinks(t, pos);
}

void IdIndex::linkErased(const Topology& t, std::size_t pos, const LinkKey& key)
{
    if (m_links.erase(key)) {
        detach(key.from, key);
        detach(key.to, key);
    }
    renumberLinks(t, pos);
}

void IdIndex::detach(const NodeId& end, const LinkKey& key)
{
    auto it = m_touching.find(end);
    if (it == m_touching.end())
        return;
    std::erase(it->second, key);
    if (it->second.empty())
        m_touching.erase(it);
}

} // namespace scalelab::core
