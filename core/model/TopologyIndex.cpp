#include "core/model/TopologyIndex.h"

#include <algorithm>

#include "core/model/KindRegistry.h"

namespace scalelab::core {

namespace {
const KindTraits kNoTraits;

const KindTraits& traitsOf(const Node& node)
{
    const KindSpec* spec = node.spec();
    return spec ? spec->traits : kNoTraits;
}
} // namespace

void TopologyIndex::orderByGeo(const Topology& t, std::size_t client)
{
    SourceRoutes& r = m_sources[client];
    const std::size_t dns = r.resolver() == kNone ? kNone : to(r.resolver());
    if (dns == kNone || t.nodes[dns].text("routing") != "geo")
        return;
    r.geo = true;
    r.preference = r.entries;
    // Its own site first, then the nearest (one-way latency); file order breaks ties.
    const std::string home = t.nodes[client].site();
    std::stable_sort(r.preference.begin(), r.preference.end(), [&](std::size_t a, std::size_t b) {
        const bool aHome = !home.empty() && t.nodes[to(a)].site() == home;
        const bool bHome = !home.empty() && t.nodes[to(b)].site() == home;
        if (aHome != bHome)
            return aHome;
        return t.links[a].latencyMs() < t.links[b].latencyMs();
    });
}

TopologyIndex::TopologyIndex(const Topology& t)
{
    const std::size_t n = t.nodes.size();
    m_nodeIndex.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        m_nodeIndex.emplace(t.nodes[i].id, i); // keeps the first of duplicate ids
    m_out.resize(n);
    m_in.resize(n);
    m_sources.resize(n);
    m_downstream.resize(n);
    m_groupOf.assign(n, kNone);

    m_ends.reserve(t.links.size());
    for (std::size_t k = 0; k < t.links.size(); ++k) {
        const Link& l = t.links[k];
        const auto from = node(l.from);
        const auto to = node(l.to);
        if (!from || !to || l.from.empty() || l.to.empty()) {
            m_ends.emplace_back(kNone, kNone);
            continue;
        }
        m_ends.emplace_back(*from, *to);
        const auto kind = static_cast<std::size_t>(l.kind);
        m_out[*from][kind].push_back(k);
        m_in[*to][kind].push_back(k);
    }

    m_copies.assign(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
        const KindTraits& traits = traitsOf(t.nodes[i]);
        if (traits.pool) {
            const Node& pool = t.nodes[i];
            m_copies[i] =
                std::max<std::int64_t>(1, pool.flag("autoscale") ? pool.integer("min_instances")
                                                                 : pool.integer("instances"));
        }
        if (traits.source) {
            for (std::size_t k : out(i)) {
                const KindTraits& target = traitsOf(t.nodes[to(k)]);
                (target.resolver ? m_sources[i].resolvers
                 : target.edge   ? m_sources[i].edges
                                 : m_sources[i].entries)
                    .push_back(k);
            }
            orderByGeo(t, i);
        }
        if (traits.application) {
            for (std::size_t k : out(i)) {
                const KindTraits& target = traitsOf(t.nodes[to(k)]);
                (target.cacheAside  ? m_downstream[i].caches
                 : target.dataStore ? m_downstream[i].dataStores
                                    : m_downstream[i].nextTier)
                    .push_back(k);
            }
            m_downstream[i].publishes = out(i, LinkKind::Publish);
            m_downstream[i].sessionStores = out(i, LinkKind::Session);
        }
    }

    // Replication groups: each master with the replicas its replication links reach (a
    // replica follows the first master that reaches it; the validator refuses a second).
    for (std::size_t i = 0; i < n; ++i) {
        const Node& node = t.nodes[i];
        if (!traitsOf(node).dataStore || node.text("role") != "master")
            continue;
        const std::size_t g = m_groups.size();
        m_groups.push_back({i, {}, {}});
        m_groupOf[i] = g;
        for (std::size_t k : out(i, LinkKind::Replication))
            if (m_groupOf[to(k)] == kNone) {
                m_groups[g].replicas.push_back(to(k));
                m_groups[g].links.push_back(k);
                m_groupOf[to(k)] = g;
            }
    }
}

std::int64_t TopologyIndex::backends(std::size_t balancer) const
{
    std::int64_t total = 0;
    for (std::size_t k : out(balancer))
        total += m_copies[to(k)];
    return total;
}

std::optional<std::size_t> TopologyIndex::node(const NodeId& id) const
{
    const auto it = m_nodeIndex.find(id);
    return it == m_nodeIndex.end() ? std::nullopt : std::optional(it->second);
}

const std::vector<std::size_t>& TopologyIndex::out(std::size_t node, LinkKind kind) const
{
    return m_out[node][static_cast<std::size_t>(kind)];
}

const std::vector<std::size_t>& TopologyIndex::in(std::size_t node, LinkKind kind) const
{
    return m_in[node][static_cast<std::size_t>(kind)];
}

} // namespace scalelab::core
