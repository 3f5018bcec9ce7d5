#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cost/Cost.h"
#include "core/model/Diagnostic.h"
#include "core/model/Topology.h"

namespace scalelab::core {

/// A message queue's jobs: its backlog and the threads of its workers together are one
/// c-server queue (M/M/c, or M/M/c/K with K = threads + capacity when the queue is bounded).
struct JobEstimate {
    double arrivalRps = 0;    ///< jobs published (accepted by the ack servers)
    std::int64_t threads = 0; ///< workers' threads together
    double holdMs = 0;        ///< mean time a job holds a thread (own service + downstream)
    double utilization = 0;   ///< offered: arrival x hold / threads (>= 1: the backlog grows)
    double meanWaitMs = 0;    ///< in the backlog; +inf when unstable
    double meanLatencyMs = 0; ///< publish to completion; +inf when unstable
    double meanBacklog = 0;   ///< jobs waiting, time average; +inf when unstable
    std::optional<double> dropFraction; ///< bounded queue: share of publishes refused
    bool stable = true;
};

/// One shard of a sharded database: its share of the node's requests on its own station.
struct ShardEstimate {
    double share = 0;
    double arrivalRps = 0;
    double utilization = 0; ///< offered load of the shard's connections
    double meanWaitMs = 0;
    double meanResponseMs = 0;
    bool stable = true;
};

/// Queueing-theory estimate of one node, from the topology alone (no simulation).
/// Times are milliseconds, rates requests per second. Unstable queues carry +inf times.
struct NodeEstimate {
    NodeId id;
    std::string kind;
    bool source = false;   ///< a client: sends requests, serves none
    bool reached = false;  ///< some client's traffic arrives here
    double arrivalRps = 0; ///< all requests arriving (reads + writes + DNS lookups)
    double readRps = 0;
    double writeRps = 0;
    double staticRps = 0;     ///< static assets (client.static_ratio)
    std::int64_t servers = 0; ///< workers / connections x instances (0 for a client)
    /// Queueing kinds: instances of the pool (an autoscaled one: where it settles); 0 else.
    std::int64_t instances = 0;
    double serviceMs = 0; ///< mean time a server is held per request (mixed classes)
    /// Squared coefficients of variation of the gaps between arriving and departing
    /// requests (QNA's two-moment flow: 1 for Poisson, 0 for evenly spaced).
    double arrivalScv = 1;
    double departureScv = 1;
    /// Busy share of the servers: the offered load lambda S / c (>= 1 means saturated);
    /// with a queue limit, the carried load of the requests it accepts (< 1).
    double utilization = 0;
    double offeredLoad = 0; ///< lambda S / c, whether or not a queue limit turns some away
    std::optional<double> rejectFraction; ///< with a queue limit: share of arrivals rejected
    /// With cancel_on_timeout and clients with a timeout: share of arrivals dropped unserved
    /// because their client had given up (M/M/c+D, PatienceQueue.h).
    std::optional<double> cancelFraction;
    double meanWaitMs = 0;
    double meanResponseMs = 0;         ///< wait + service (+ downstream for a blocking server)
    bool stable = true;                ///< offered load < 1
    std::optional<double> hitRatio;    ///< caches: the hit ratio used (fixed or LRU estimate)
    std::optional<JobEstimate> jobs;   ///< message queues
    std::vector<ShardEstimate> shards; ///< sharded databases, in shard order
    /// Web servers with sessions: share of requests that find no session (a login).
    std::optional<double> sessionMissRatio;
    /// Clients with a timeout: share of requests that fail by timeout after all their tries;
    /// the client's meanResponseMs then covers the requests answered, as the simulator's.
    std::optional<double> timeoutFraction;
    std::optional<double> triesPerRequest; ///< clients with retries: tries a request makes
};

/// How findings name a node. `Id` in the documents `analyze --json` writes and the
/// command line prints, beside the ids the file and the JSON keys use; `DisplayName` where
/// the user sees the canvas (the analysis panel, the report): the name the canvas shows,
/// or the id when it has none. Only the sentences differ; Finding::node is the id either way.
enum class NodeNaming { Id, DisplayName };

/// A node as the findings name it.
inline const std::string& nodeLabel(const Node& node, NodeNaming naming)
{
    return naming == NodeNaming::DisplayName ? node.displayName() : node.id.str();
}

struct Finding {
    Severity severity = Severity::Info;
    NodeId node;        ///< empty when it concerns the whole design
    std::string text;   ///< what is wrong (a sentence)
    std::string remedy; ///< what to try, "" for none ("add a replica ...")

    /// The text with its remedy, as `analyze` prints it: "... Try: add a replica."
    std::string sentence() const { return remedy.empty() ? text : text + " Try: " + remedy + "."; }
};

/// Everything `scalelab analyze` reports (the `scalelab-analysis/1` shape).
struct Analysis {
    std::string name;
    std::vector<NodeEstimate> nodes; ///< file order
    /// Client-side mean latency of the requests answered (a client with a timeout: those
    /// answered in time), weighted over clients; +inf when a path saturates, nullopt when
    /// that class carries no traffic.
    std::optional<double> endToEndMeanMs;
    std::optional<double> endToEndReadMs;
    std::optional<double> endToEndWriteMs;
    /// Share of the requests of clients with a timeout that fail by it (none without one).
    std::optional<double> timeoutFraction;
    std::optional<NodeId> bottleneck; ///< the busiest node; none without load
    double maxScale = 0;              ///< client rates can grow this many times; +inf without load
    std::vector<NodeId> singlePointsOfFailure;
    std::vector<Finding> findings;
    Cost cost; ///< price of the design's instances (the registry's or a price sheet's)

    const NodeEstimate* node(const NodeId& id) const;
};

/// Arrival rates by flow through the graph, M/M/c (Erlang C) waits, end-to-end latency,
/// bottleneck, max scale, single points of failure and findings. Never throws; a topology
/// with a request loop yields no estimates and one error finding. `naming` picks how the
/// findings' sentences name nodes; every figure is the same either way.
Analysis analyze(const Topology& topology, NodeNaming naming = NodeNaming::Id);

} // namespace scalelab::core
