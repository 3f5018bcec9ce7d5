#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/EventKind.h"

namespace scalelab::core::sim {

/// Latency statistics in milliseconds.
struct LatencySummary {
    double mean = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, max = 0;
};

/// Latency over every finished request, a failed one counted as slower than any completed
/// one: a statistic that falls among the failed requests is unknown (empty), as are the
/// mean and the max as soon as one request failed.
struct LatencyAll {
    std::optional<double> mean, p50, p90, p95, p99, p999, max;
};

struct ClassResults {
    std::uint64_t count = 0; ///< completed
    std::uint64_t failed = 0;
    LatencySummary latency;
    LatencyAll latencyAll;
};

/// One node over the measured window (after the warm-up).
struct NodeResults {
    std::string id;
    std::string kind;
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t rejected = 0;
    std::uint64_t refused = 0;
    std::uint64_t lost = 0;
    std::uint64_t cancelled = 0; ///< dropped unserved: the client had given up
    double utilization = 0;      ///< busy server-time / (servers x time)
    /// 95% half-width of `utilization` by batch means; NaN without servers or batches.
    double utilizationCi95 = std::numeric_limits<double>::quiet_NaN();
    double meanQueueLength = 0; ///< waiting requests, time-weighted
    double meanWaitMs = 0;
    double meanResponseMs = 0; ///< wait + time a worker was held
    double upFraction = 1;
    std::string role; ///< database: role at the end of the run
    /// A sharded database: each shard's own figures (nodes.ID.shards), in shard order.
    struct Shard {
        std::uint64_t arrivals = 0;
        double utilization = 0;
        double meanResponseMs = 0;
    };
    std::vector<Shard> shards;
    /// Queueing kinds: serving instances, time-averaged (a pool's size; -1 = not a pool kind).
    double instancesMean = -1;
    /// CDNs: static requests answered at the edge and fetched from the origin.
    bool edge = false;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    /// Web servers that keep sessions (session_state local or shared at some point).
    bool sessions = false;
    std::uint64_t sessionMisses = 0; ///< requests that found no session here (a login)
    std::uint64_t sessionsLost = 0;  ///< sessions held here when it failed
};

/// A state change (node_failed, backend_marked_down, replica_promoted, ...).
struct EventRecord {
    double tS = 0;
    EventKind kind = EventKind::NodeFailed;
    std::string node;
    std::string detail;
};

struct TimeSeries {
    double intervalS = 1;
    std::vector<double> tS; ///< start of each interval
    std::vector<double> throughputRps;
    std::vector<double> p50Ms;
    std::vector<double> p99Ms;
    std::vector<std::uint64_t> errors;
    /// Jobs waiting in every message queue at the end of each interval; empty without one.
    std::vector<std::uint64_t> backlog;
    /// Serving instances of each autoscaled pool over each interval (time-averaged), by id
    /// in file order.
    std::vector<std::pair<std::string, std::vector<double>>> instances;
};

/// Jobs of the message queues over the measured window (results `jobs`).
struct JobResults {
    bool present = false;          ///< the diagram has a message queue
    std::uint64_t published = 0;   ///< accepted by a queue (acknowledged)
    std::uint64_t completed = 0;   ///< finished by a worker
    std::uint64_t dropped = 0;     ///< publishes refused by a full queue
    std::uint64_t failed = 0;      ///< a worker answered the job with an error (downstream failed)
    std::uint64_t redelivered = 0; ///< handed out again after their worker failed under them
    std::uint64_t backlogMax = 0;  ///< most jobs waiting at once, all queues together
    LatencySummary latency;        ///< publish to completion, completed jobs
};

/// Sessions over the measured window, summed over the web servers.
struct SessionResults {
    bool modelled = false; ///< some web server keeps sessions
    std::uint64_t misses = 0;
    std::uint64_t lost = 0;
};

struct EngineStats {
    std::uint64_t events = 0;
    double wallS = 0;
    double eventsPerS = 0;
    std::string queue;
    bool eventCapReached = false;
    double simulatedS = 0; ///< where the clock stopped: the duration, or less when capped
};

/// What the design costs to run, in USD (its nodes' `cost_per_hour` times their instances):
/// results carry it so that goals and experiments read it like any other figure. NaN when
/// unknown (a document without `cost` read back).
struct CostSummary {
    double perHour = std::numeric_limits<double>::quiet_NaN();
    double perMonth = std::numeric_limits<double>::quiet_NaN(); ///< 730 hours
};

/// 95% half-widths of a run's headline figures by batch means (BatchMeans.h), results
/// `ci95`; NaN when the run is too short to tell.
struct Confidence {
    double latencyMeanMs = std::numeric_limits<double>::quiet_NaN();
    double throughputRps = std::numeric_limits<double>::quiet_NaN();
    std::size_t batches = 0; ///< batches the measured window was cut into
    /// A figure whose interval is wider than 5% of it (a `warnings` sentence says so too).
    struct Wide {
        std::string figure;            ///< "latency_ms.mean", "nodes.web.utilization", ...
        double relative = 0;           ///< half-width / figure
        double suggestedDurationS = 0; ///< duration_s that would bring it under 5%
    };
    std::vector<Wide> wide;
};

/// Everything `scalelab run` reports; written as `scalelab-results/1` by ResultsJson.h.
struct RunResults {
    std::string name;
    std::uint64_t seed = 0;
    double durationS = 0;
    double warmupS = 0;
    std::uint64_t generated = 0;
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    /// Requests still open when the run ended (queued, in service, on a link), whenever
    /// they were generated: neither completed nor failed, so in no other figure.
    std::uint64_t unfinished = 0;
    /// Of the unfinished, those generated in the first half of the measured window: they
    /// count against availability and rank after every completed request in latencyAll.
    std::uint64_t overdue = 0;
    std::map<std::string, std::uint64_t> byReason;
    std::uint64_t retries = 0; ///< tries after the first, of requests that finished
    LatencyAll latencyAll;
    double throughputRps = 0;
    double availability = 1;
    LatencySummary latency;
    ClassResults read;
    ClassResults write;
    ClassResults staticClass;       ///< static assets (client.static_ratio)
    std::vector<NodeResults> nodes; ///< file order
    std::uint64_t lostWrites = 0;
    std::uint64_t staleReads = 0;
    JobResults jobs;
    SessionResults sessions;
    CostSummary cost;
    std::vector<EventRecord> events;
    TimeSeries timeseries;
    Confidence ci95;
    EngineStats engine;
    /// Why these figures may mislead (a run stopped early, an interval wider than 5%, ...),
    /// one sentence each.
    std::vector<std::string> warnings;
    /// Every end-to-end latency in ms, only with SimulationOptions::keepLatencies (tests).
    std::vector<double> latenciesMs;
};

} // namespace scalelab::core::sim
