#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/Results.h"
#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

/// One node as the live view shows it. Counters are totals since the start of the run.
struct NodeSnapshot {
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;      ///< rejected + refused + lost here
    double utilization = 0;        ///< busy servers / servers since the previous snapshot
    std::uint32_t queueLength = 0; ///< waiting now
    std::uint32_t busy = 0;        ///< servers busy now
    std::uint32_t servers = 0;
    std::uint32_t instances = 0;        ///< serving instances of a pool (queueing kinds)
    std::uint32_t instancesBooting = 0; ///< launched, not serving yet
    std::uint64_t hits = 0;             ///< CDNs: static requests answered at the edge (totals)
    std::uint64_t misses = 0;           ///< CDNs: fetched from the origin
    /// Web servers keeping sessions locally: sessions held now, logins so far (totals).
    bool localSessions = false;
    std::uint64_t sessionsHeld = 0;
    std::uint64_t sessionMisses = 0;
    std::uint64_t retrying = 0; ///< clients: requests waiting out a retry backoff now
    bool up = true;
    std::string role; ///< "master" / "replica" for databases, else empty
    /// Sharded database: each shard's utilization since the previous snapshot.
    std::vector<double> shardUtilization;
    /// Message queue: jobs waiting now, and the most it holds (0 = unbounded).
    bool hasBacklog = false;
    std::uint64_t backlog = 0;
    std::uint64_t backlogCapacity = 0;
    /// Load balancer: for each request link leaving it (file order), whether it is in rotation.
    std::vector<bool> backendsInRotation;
};

/// A request on a link, for animation: progress 0 at the sender, 1 at the receiver.
struct InFlightSample {
    std::uint32_t link = 0; ///< index into Topology::links
    double progress = 0;
    bool response = false; ///< travelling back from link.to to link.from
    bool write = false;
    bool error = false;       ///< a failure response
    bool staticClass = false; ///< a static asset
    bool hit = false;         ///< a response a cache or CDN answered from what it holds
};

/// An immutable picture of the running simulation, cheap enough to take every frame.
struct Snapshot {
    SimTime now = 0;
    SimTime end = 0;
    std::uint64_t events = 0;
    bool finished = false;
    std::vector<NodeSnapshot> nodes; ///< Topology::nodes order
    std::vector<InFlightSample> inFlight;
    std::uint64_t inFlightTotal = 0;    ///< requests on links; inFlight holds a sample of them
    std::vector<EventRecord> newEvents; ///< state changes since the previous snapshot
    std::uint64_t generated = 0;        ///< totals since the start (warm-up included)
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    /// `failed` by reason ("timeout", "rejected", ...), reasons seen only.
    std::vector<std::pair<std::string, std::uint64_t>> failedByReason;
    /// The last completed 1-second interval (zero before the first one ends).
    double throughputRps = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    std::uint64_t errorsPerS = 0;
    bool hasJobs = false;      ///< the diagram has a message queue
    std::uint64_t backlog = 0; ///< jobs waiting in every queue now
};

} // namespace scalelab::core::sim
