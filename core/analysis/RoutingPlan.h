#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/analysis/ArrivalFlow.h"
#include "core/model/Topology.h"
#include "core/model/TopologyIndex.h"

namespace scalelab::core {

/// A call a node makes while serving a request: with probability pRead (a read) or
/// pWrite (a write) it sends the request on to `target` and waits for the answer.
struct RoutedCall {
    std::size_t target = 0;
    double latencyMs = 0; ///< one way; the answer comes back over the same link
    double pRead = 0;
    double pWrite = 0;
    /// The sender does not wait (a queue handing a job to a worker): the flow counts,
    /// the time does not.
    bool async = false;
    double pStatic = 0; ///< a static asset (served by CDNs, origins and web servers)
    /// One of `roundRobin` calls served in turn (a round-robin balancer, a group's replicas):
    /// the receiver gets every k-th request of the stream sent to them together.
    std::int64_t roundRobin = 1;
};

/// How one node serves and forwards requests, derived once from the topology.
struct NodeRouting {
    KindTraits traits;          ///< the kind's traits (none for an unknown kind)
    bool isClient = false;      ///< a source of requests (traits.source)
    bool isQueue = false;       ///< a c-server FIFO queue (traits.queueing)
    bool blocking = false;      ///< a worker is held until the downstream calls return
    std::int64_t servers = 1;   ///< workers x instances (a pool is one station)
    std::int64_t workers = 1;   ///< servers of one instance
    std::int64_t instances = 1; ///< as configured; an autoscaled pool is sized by its load
    bool autoscale = false;
    std::int64_t minInstances = 1;
    std::int64_t maxInstances = 1;
    double targetUtilization = 0.6;
    std::int64_t queueLimit = 0; ///< waiting room; 0 = unbounded
    /// Drops a request whose client gave up instead of serving it (cancel_on_timeout).
    bool cancelAbandoned = false;
    double readServiceMs = 0; ///< own mean service time of a read, after engine and speed
    double writeServiceMs = 0;
    double serviceScv = 1;  ///< squared coefficient of variation of the own service time
    double rateRps = 0;     ///< clients: requests per second sent
    ArrivalFlow sourceFlow; ///< clients: Poisson, or evenly spaced (`arrival: constant`)
    double readRatio = 0;   ///< clients
    double staticRatio = 0; ///< clients: share of static requests (the rest read or write)
    bool hasEntry = false;  ///< clients: sends its requests somewhere (not only to DNS)
    double hitRatio = -1;   ///< caches: fraction of reads answered (CDNs: of static
                            ///< requests); -1 for other kinds
    /// Clients behind a geo DNS: the entries of other sites, best first, that its users
    /// are sent to once the DNS noticed its own entry down (node indices).
    std::vector<std::size_t> entryFallbacks;
    /// Masters: how long a write waits for its sync replicas' acks (the longest round
    /// trip over a `mode: sync` replication link); 0 without one.
    double syncAckMs = 0;
    std::vector<RoutedCall> calls;
    /// Web servers: the next-tier nodes called in turn, the cache asked for reads and the
    /// master of the replication group behind (-1 for none).
    std::vector<std::size_t> nextTier;
    std::ptrdiff_t cache = -1;
    std::ptrdiff_t groupMaster = -1;
    /// Web servers: the message queue its publishing share of requests goes to (-1: none).
    std::ptrdiff_t broker = -1;
    double publishRatio = 0;
    /// Sharded databases: the share of requests each shard receives (empty: unsharded),
    /// the largest share, and the hottest key's share and shard (ShardEstimate.h).
    std::vector<double> shardShares;
    double hotShare = 1;
    double hotKeyShare = 0;
    std::uint32_t hotKeyShard = 0;
    /// Web servers keeping sessions: share of their requests that find no session and log
    /// in (local: 1 - q / m, see setSessionMisses; shared: 0); -1 when not modelled.
    double sessionMissRatio = -1;
    std::ptrdiff_t sessionStore = -1; ///< shared sessions: the store read on every request
    /// Backends of a least-connections balancer that feeds them alone: the balancer (-1:
    /// none) and the servers of all its backends, which join-the-shortest-queue pools.
    std::ptrdiff_t jsqBalancer = -1;
    std::int64_t jsqPoolServers = 0;
};

/// The whole topology as routing probabilities, plus a topological order of the request
/// graph (computed with Boost.Graph) so flows can be pushed forward and latencies back.
struct RoutingPlan {
    std::vector<NodeRouting> nodes; ///< same indices as Topology::nodes
    std::vector<std::size_t> order; ///< senders before receivers
    bool acyclic = true;
    /// Entries, downstream classes and replication groups of the topology (outlives the plan).
    const TopologyIndex* index = nullptr;
};

/// The calls of each node come from its kind's analysis model (models/).
RoutingPlan buildRoutingPlan(const Topology& topology, const TopologyIndex& index);

/// Replicas (by index) of the group whose master is `master`, in the order of their links;
/// empty when `master` is not the master of a group.
const std::vector<std::size_t>& replicasOf(const RoutingPlan& plan, std::size_t master);

} // namespace scalelab::core
