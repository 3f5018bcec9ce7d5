#pragma once

#include "core/model/Topology.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace scalelab::core {

/// A call a node makes while serving a request: with probability pRead (a read) or
/// pWrite (a write) it sends the request on to `target` and waits for the answer.
struct RoutedCall {
    std::size_t target = 0;
    double latencyMs = 0; ///< one way; the answer comes back over the same link
    double pRead = 0;
    double pWrite = 0;
};

enum class NodeRole { Client, Dns, LoadBalancer, WebServer, Cache, Database, Unknown };

/// How one node serves and forwards requests, derived once from the topology.
struct NodeRouting {
    NodeRole role = NodeRole::Unknown;
    bool isClient = false;
    bool isQueue = false;     ///< a c-server FIFO queue (everything but a client)
    bool blocking = false;    ///< a worker is held until the downstream calls return
    std::int64_t servers = 1;
    std::int64_t queueLimit = 0; ///< waiting room; 0 = unbounded
    double readServiceMs = 0; ///< own mean service time of a read, after engine and speed
    double writeServiceMs = 0;
    double serviceScv = 1;    ///< squared coefficient of variation of the own service time
    double rateRps = 0;       ///< clients: requests per second sent
    double readRatio = 0;     ///< clients
    bool hasEntry = false;    ///< clients: sends its requests somewhere (not only to DNS)
    double hitRatio = -1;     ///< caches: fraction of reads answered; -1 for other kinds
    std::vector<RoutedCall> calls;
    /// Web servers: the next-tier nodes called in turn, the cache asked for reads and the
    /// master of the replication group behind (-1 for none).
    std::vector<std::size_t> nextTier;
    std::ptrdiff_t cache = -1;
    std::ptrdiff_t groupMaster = -1;
};

/// The whole topology as routing probabilities, plus a topological order of the request
/// graph (computed with Boost.Graph) so flows can be pushed forward and latencies back.
struct RoutingPlan {
    std::vector<NodeRouting> nodes; ///< same indices as Topology::nodes
    std::vector<std::size_t> order; ///< senders before receivers
    bool acyclic = true;
    /// Database index -> the master of its replication group (itself for a master).
    std::vector<std::size_t> groupMaster;
    /// Master index -> its replicas in file order (empty for every other node).
    std::vector<std::vector<std::size_t>> replicas;
};

RoutingPlan buildRoutingPlan(const Topology& topology);

/// Replicas (by index) of the group whose master is `master`, in file order.
const std::vector<std::size_t>& replicasOf(const Topology& topology, const RoutingPlan& plan,
                                           std::size_t master);

} // namespace scalelab::core
