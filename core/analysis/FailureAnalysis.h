#pragma once

#include <vector>

#include "core/analysis/RoutingPlan.h"

namespace scalelab::core {

/// Fraction of each client's reads and writes that still succeed once the failed nodes'
/// failure has been handled (health checks done, failover completed).
struct ClientService {
    std::size_t client = 0;
    double reads = 1;
    double writes = 1;
};

/// Steady state after a failure of the nodes marked in `down`:
/// - a load balancer routes around down backends (its health checks see them);
/// - a web server calls each of its next-tier nodes in turn: one down fails the request;
/// - a down cache sends its reads to the database (not an error);
/// - a replication group answers reads while any member is up; it takes writes while the
///   master is up, or after an automatic failover when a replica is up (a manual one
///   waits for an operator, so the master alone carries the writes);
/// - a down DNS node fails the lookups (dns_lookup_ratio of the requests).
std::vector<ClientService> serviceAfterFailure(const Topology& topology, const RoutingPlan& plan,
                                               const std::vector<bool>& down);

/// Node indices whose failure alone makes some client lose some of its reads or writes
/// for good, as serviceAfterFailure() sees it; in time linear in the topology's size.
std::vector<std::size_t> singlePointsOfFailure(const Topology& topology, const RoutingPlan& plan);

/// The same by brute force, one whole evaluation per node (quadratic): the reference the
/// tests hold singlePointsOfFailure() to.
std::vector<std::size_t> singlePointsOfFailureByRemoval(const Topology& topology,
                                                        const RoutingPlan& plan);

} // namespace scalelab::core
