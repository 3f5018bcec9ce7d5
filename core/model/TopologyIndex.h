#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/model/Topology.h"

namespace scalelab::core {

/// A master database and the replicas its replication links reach.
struct ReplicationGroupInfo {
    std::size_t master = 0;            ///< node index of the master of the file
    std::vector<std::size_t> replicas; ///< node indices, in the order of their links
    std::vector<std::size_t> links;    ///< the replication link of each replica
};

/// The topology facts the simulator, the analyzer and the validator all need, derived once:
/// node indices by id, links by kind and direction, each client's entry, each application
/// server's downstream by class, and the replication groups. Built from any topology
/// (links to missing nodes are left out); the facts are the ones a valid topology means.
/// Indices are positions in Topology::nodes and Topology::links; the index holds no
/// pointer into the topology, which must not change while the index is used.
class TopologyIndex {
public:
    explicit TopologyIndex(const Topology& topology);

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    std::size_t nodeCount() const { return m_out.size(); }
    /// Index of the first node with this id.
    std::optional<std::size_t> node(const NodeId& id) const;
    /// Links of a kind leaving / entering a node, in file order (link indices).
    const std::vector<std::size_t>& out(std::size_t node, LinkKind kind = LinkKind::Request) const;
    const std::vector<std::size_t>& in(std::size_t node, LinkKind kind = LinkKind::Request) const;
    std::size_t from(std::size_t link) const { return m_ends[link].first; }
    std::size_t to(std::size_t link) const { return m_ends[link].second; }
    /// False for a link that names a missing node.
    bool resolved(std::size_t link) const { return m_ends[link].first != kNone; }

    /// A source's request links: its lookups at resolvers and its entry points.
    /// Behind a geo-routing resolver a client may have entries in several sites:
    /// `preference` orders them (its own site's first, then the lowest link latency) and
    /// entry() is the one it uses while everything is healthy.
    struct SourceRoutes {
        std::vector<std::size_t> resolvers;  ///< links to DNS-like nodes (valid: at most one)
        std::vector<std::size_t> edges;      ///< links to CDNs: static requests (at most one)
        std::vector<std::size_t> entries;    ///< every other request link (valid: one, or geo)
        bool geo = false;                    ///< its resolver routes by site
        std::vector<std::size_t> preference; ///< geo: entries, best first
        std::size_t resolver() const { return resolvers.empty() ? kNone : resolvers.front(); }
        std::size_t entry() const
        {
            if (geo && !preference.empty())
                return preference.front();
            return entries.empty() ? kNone : entries.front();
        }
        std::size_t edge() const { return edges.empty() ? kNone : edges.front(); }
    };
    const SourceRoutes& source(std::size_t node) const { return m_sources[node]; }

    /// An application server's request links by the class of what they reach: next tiers
    /// called in turn, then its cache for reads, then its data store. Only the first cache
    /// and the first data-store link are used; the rest are listed for the validator.
    struct Downstream {
        std::vector<std::size_t> nextTier;
        std::vector<std::size_t> caches;
        std::vector<std::size_t> dataStores;
        /// Publish links to message queues (only the first is used).
        std::vector<std::size_t> publishes;
        /// Session links (web server -> its session store); only the first is used.
        std::vector<std::size_t> sessionStores;
        std::size_t cache() const { return caches.empty() ? kNone : caches.front(); }
        std::size_t sessionStore() const
        {
            return sessionStores.empty() ? kNone : sessionStores.front();
        }
        std::size_t dataStore() const { return dataStores.empty() ? kNone : dataStores.front(); }
        std::size_t publish() const { return publishes.empty() ? kNone : publishes.front(); }
        bool any() const { return !nextTier.empty() || !caches.empty() || !dataStores.empty(); }
    };
    const Downstream& downstream(std::size_t node) const { return m_downstream[node]; }

    /// A broker's consume links to its consumers (workers), in file order.
    const std::vector<std::size_t>& consumers(std::size_t broker) const
    {
        return out(broker, LinkKind::Consume);
    }

    /// Groups in the order of their masters in the file.
    const std::vector<ReplicationGroupInfo>& groups() const { return m_groups; }
    /// The group a data store belongs to, as master or replica; kNone for none.
    std::size_t groupOf(std::size_t node) const { return m_groupOf[node]; }
    /// The master of the group a node belongs to; the node itself when it is in none.
    std::size_t groupMaster(std::size_t node) const
    {
        return m_groupOf[node] == kNone ? node : m_groups[m_groupOf[node]].master;
    }

    /// Servers a node stands for behind a balancer: a pool's instances (an autoscaled
    /// pool's min_instances, the fewest it may drain to), 1 for any other node.
    std::int64_t copies(std::size_t node) const { return m_copies[node]; }
    /// The backends a balancer spreads its requests over: the copies of every node its
    /// request links reach (a pool of 3 instances behind one link is 3 backends).
    std::int64_t backends(std::size_t balancer) const;

private:
    void orderByGeo(const Topology& t, std::size_t client);

    static constexpr std::size_t kLinkKinds = 5;
    using ByKind = std::array<std::vector<std::size_t>, kLinkKinds>;

    std::unordered_map<NodeId, std::size_t> m_nodeIndex;
    std::vector<std::pair<std::size_t, std::size_t>> m_ends;
    std::vector<ByKind> m_out;
    std::vector<ByKind> m_in;
    std::vector<SourceRoutes> m_sources;
    std::vector<Downstream> m_downstream;
    std::vector<ReplicationGroupInfo> m_groups;
    std::vector<std::size_t> m_groupOf;
    std::vector<std::int64_t> m_copies;
};

} // namespace scalelab::core
