#pragma once

#include <cstdint>
#include <utility>

#include "core/sim/Frame.h"
#include "core/sim/Kernel.h"
#include "core/sim/TimeAverage.h"

namespace scalelab::core::sim {

/// Counters of one node; a copy taken at the end of the warm-up is subtracted in results.
struct NodeCounters {
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t rejected = 0;
    std::uint64_t refused = 0;
    std::uint64_t lost = 0;
    std::uint64_t cancelled = 0; ///< dropped unserved: the client had given up
    std::uint64_t waits = 0;     ///< requests that started service
    std::uint64_t responses = 0; ///< requests whose worker was released
    double waitSumNs = 0;
    double responseSumNs = 0;
};

/// What one node kind does with requests. One subclass per kind, created by the factory
/// table (BehaviorFactory.cpp, one row per KindRole): a new kind is one class and one row
/// there (docs/adding-a-kind.md has the whole checklist).
///
/// The contract a behaviour's author must keep:
/// - **Frames.** A request at a node is a Frame (Frame.h). accept() receives it; the node
///   answers with Kernel::respond(frame, reason) or calls on with Kernel::call(frame, link,
///   target), which makes a child frame; the child's answer comes back in childReturned().
///   A frame is answered exactly once; after respond() it belongs to the kernel.
/// - **Re-entrant zero-latency hops.** A link with latency 0 delivers at once: call() runs
///   the target's arrive() (and whatever that triggers, up to a response coming back into
///   this node's childReturned()) before it returns, and respond() runs the caller's
///   childReturned() before it returns. So finish updating your own state before calling
///   call() or respond(), and re-read `m_kernel.frames()[i]` after them instead of keeping a
///   Frame& across them.
/// - **Step codes.** Frame::step is the node's own progress through a request (which tier
///   it called last, ...). Each behaviour owns its numbering; keep the values you reserve
///   for special steps (e.g. 0xF000+) in an anonymous namespace of its .cpp, documented.
///   Frame::aux and the kFlag* bits not used by the kernel are the node's as well.
/// - **Randomness.** Draw only from m_kernel.rng(m_index): one stream per node keeps runs
///   reproducible bit for bit whatever other nodes do.
/// - **Statistics.** Count in m_counters; resetStats() (end of the warm-up) and
///   fillResults() / fillSnapshot() are the only ways figures leave the node.
class NodeBehavior {
public:
    NodeBehavior(Kernel& kernel, std::uint32_t index);
    virtual ~NodeBehavior() = default;
    NodeBehavior(const NodeBehavior&) = delete;
    NodeBehavior& operator=(const NodeBehavior&) = delete;

    /// Called once every behaviour exists: find neighbours, read parameters, first events.
    virtual void init() { reconfigure(); }
    /// Parameters changed (a `set` action): re-read them.
    virtual void reconfigure() {}

    /// A request reaches this node: refused when down, else counted and accepted.
    void arrive(std::uint32_t frame);
    virtual void serviceDone(std::uint32_t /*frame*/) {}
    /// A request this node sent came back (child.reason says whether it failed).
    virtual void childReturned(std::uint32_t /*frame*/, const Frame& /*child*/) {}
    virtual void timer(std::uint32_t /*code*/) {}
    virtual void timeout(std::uint32_t /*frame*/) {}
    /// A client's backoff ended: the next try of this request.
    virtual void retry(std::uint32_t /*frame*/) {}
    /// A frame this node parked (state Waiting) with an EventType::Resume event goes on.
    virtual void resume(std::uint32_t /*frame*/) {}
    /// Some node failed or recovered (a geo DNS watches the entry points it hands out).
    /// Only resolvers are told (Kernel::m_nodeWatchers).
    virtual void nodeStateChanged(std::uint32_t /*node*/, bool /*up*/) {}

    /// Fails every request at the node (reason lost); the node refuses new ones.
    virtual void fail();
    /// Back up, empty.
    virtual void recover();
    /// End of the warm-up: statistics restart.
    virtual void resetStats();

    virtual void fillResults(NodeResults& out) const;
    /// Busy server-time and server-time (ns) from the start up to `t` (nothing may have
    /// happened here after `t`): what utilization is the ratio of. None without servers.
    virtual std::pair<double, double> serverAreas(SimTime /*t*/) const { return {0.0, 0.0}; }
    virtual void fillSnapshot(NodeSnapshot& out);
    /// Adds the node's own series to the run's (out.tS is filled): instances of a pool.
    virtual void fillSeries(TimeSeries& /*out*/) const {}

    bool up() const { return m_up; }
    /// Where requests meant for this node go while it is down (a CDN that falls back to its
    /// origin); kNone: they are refused.
    virtual std::uint32_t bypass() const { return kNone; }
    /// A scenario action only some kinds take (KindSpec::extraActions: purge, ...).
    virtual void act(const ScenarioAction& /*action*/) {}
    std::uint32_t index() const { return m_index; }
    const Node& node() const { return m_kernel.node(m_index); }
    const NodeCounters& counters() const { return m_counters; }
    /// The counters since the warm-up.
    NodeCounters measuredCounters() const;

protected:
    virtual void accept(std::uint32_t frame) = 0;

    Kernel& m_kernel;
    std::uint32_t m_index;
    bool m_up = true;
    NodeCounters m_counters;
    NodeCounters m_atWarmup;
    TimeAverage m_upTime;
    double m_upAreaAtWarmup = 0;
};

} // namespace scalelab::core::sim
