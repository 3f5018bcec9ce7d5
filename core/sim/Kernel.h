#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/model/Topology.h"
#include "core/model/TopologyIndex.h"
#include "core/sim/BatchMeans.h"
#include "core/sim/CalendarQueue.h"
#include "core/sim/DaryHeapQueue.h"
#include "core/sim/EventLane.h"
#include "core/sim/Frame.h"
#include "core/sim/FutureEventSet.h"
#include "core/sim/RandomStream.h"
#include "core/sim/RunMetrics.h"
#include "core/sim/SessionTable.h"
#include "core/sim/SimulationOptions.h"
#include "core/sim/Snapshot.h"
#include "core/sim/TimingWheelQueue.h"

namespace scalelab::core::sim {

class NodeBehavior;
class ReplicationGroup;

/// A link as the engine needs it (index = index in Topology::links).
struct LinkInfo {
    std::uint32_t from = kNone;
    std::uint32_t to = kNone;
    SimTime latency = 0; ///< one way
    SimTime lag = 0;     ///< replication links
    double weight = 1;
    bool replication = false;
};

/// The engine's internals, shared by the node behaviours: clock and future-event set,
/// the frame pool, the topology copy, per-node random streams, metrics and the event log.
/// The public face is Simulation (Simulation.h); nothing outside core/sim uses this.
class Kernel {
public:
    Kernel(const Topology& topology, const SimulationOptions& options);
    ~Kernel();
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    // Clock and events.
    SimTime now() const { return m_now; }
    SimTime end() const { return m_end; }
    SimTime warmup() const { return m_warmup; }
    bool finished() const { return m_now >= m_end || m_capped; }
    std::uint64_t eventsProcessed() const { return m_eventCount; }
    [[gnu::always_inline]] void schedule(SimTime at, EventType type, std::uint32_t a,
                                         std::uint32_t b = 0)
    {
        enqueue(at, Event::packSeq(m_seq++, type), a, b);
    }
    /// Like schedule(), for an event of a lane (EventLane.h): in order after the lane's
    /// last event it waits in the lane; otherwise (a parameter changed mid-run) it goes to
    /// the future-event set directly. Either way it fires at the same place in the order.
    void scheduleOnLane(std::uint32_t lane, SimTime at, EventType type, std::uint32_t a,
                        std::uint32_t b)
    {
        const std::uint64_t seq = Event::packSeq(m_seq++, type);
        EventLane& l = m_lanes[lane];
        if (!l.empty() && at < l.back().time) {
            enqueue(at, seq, a, b);
            return;
        }
        if (l.empty())
            enqueue(at, laneHeadSeq(seq), lane, 0); // the lane's first: it stands in the set
        l.push(at, seq, a, b);
    }
    /// One lane per node, for a client's timeouts.
    static std::uint32_t timeoutLane(std::uint32_t node) { return node; }
    /// Processes every event up to `t` (at most the end), then sets the clock to `t`.
    std::uint64_t runUntil(SimTime t);

    // Requests.
    FramePool& frames() { return m_frames; }
    /// Sends a child request from `parent` over `link` to `target` (a replication group
    /// member may differ from link.to). Returns the child frame.
    std::uint32_t call(std::uint32_t parent, std::uint32_t link, std::uint32_t target)
    {
        return callAs(parent, link, target, m_frames[parent].cls, 0);
    }
    /// Like call(), for a child of another class with node-specific flags set before it
    /// arrives (a session read is a read whatever the request is).
    std::uint32_t callAs(std::uint32_t parent, std::uint32_t link, std::uint32_t target,
                         RequestClass cls, std::uint8_t flags);
    /// The frame's node answers it (reason None = success); the answer travels back.
    void respond(std::uint32_t frame, FailReason reason = FailReason::None);
    /// Runs `frame`'s zero-delay step now (Arrive: at its node; ServiceDone: its service
    /// ended; Return: its answer reached the caller), nested in the caller's stack, as long
    /// as fewer than kMaxNesting such steps are nested; deeper ones wait in a FIFO that the
    /// kernel empties, at the same instant, before the next event. A chain of 100,000
    /// zero-latency hops thus needs a bounded stack, and a shallow one (every example) runs
    /// exactly as it always did, so results stay bit for bit the same.
    void deliverNow(EventType type, std::uint32_t frame);
    static constexpr std::uint32_t kMaxNesting = 128;
    /// Nobody waits for this frame's answer any more: its client gave up on the try
    /// (timeout, or a retry replaced it). Walks up the callers: a few loads.
    bool abandoned(std::uint32_t frame) const;
    /// Frames queued, in service or waiting at a node, in pool order. Only a failure needs
    /// them, so instead of keeping per-node lists on the hot path the pool is scanned.
    std::vector<std::uint32_t> framesAt(std::uint32_t node) const;

    // Topology.
    const Topology& topology() const { return m_topology; }
    /// Entries, downstream classes and replication groups, derived once (link indices are
    /// the engine's link indices).
    const TopologyIndex& index() const { return m_index; }
    const Node& node(std::uint32_t i) const { return m_topology.nodes[i]; }
    std::uint32_t nodeCount() const { return static_cast<std::uint32_t>(m_topology.nodes.size()); }
    const LinkInfo& link(std::uint32_t i) const { return m_links[i]; }
    /// Request links leaving a node, file order.
    const std::vector<std::uint32_t>& outLinks(std::uint32_t node) const { return m_out[node]; }
    NodeBehavior& behavior(std::uint32_t i) { return *m_behaviors[i]; }
    ReplicationGroup* groupOf(std::uint32_t node) const;
    RandomEngine& rng(std::uint32_t node) { return m_rngs[node]; }
    /// Keys matter (LRU caches, stale reads): otherwise clients skip drawing them.
    bool needKeys() const { return m_needKeys; }
    /// Users matter (sessions, sticky balancing): otherwise clients skip drawing them.
    bool needUsers() const { return m_needUsers; }
    /// The first user number of a client: users are numbered across clients, file order.
    std::uint32_t firstUser(std::uint32_t client) const { return m_firstUser[client]; }
    /// Where local sessions live (empty unless some web server keeps them locally).
    SessionTable& sessions() { return m_sessions; }

    RunMetrics& metrics() { return m_metrics; }
    void logEvent(EventKind kind, std::uint32_t node, std::string detail);

    // Outside control.
    void apply(const ScenarioAction& action);
    void post(const ScenarioAction& action); ///< thread-safe; applied between events

    void fillResults(RunResults& out);
    Snapshot snapshot();

private:
    [[gnu::always_inline]] void enqueue(SimTime at, std::uint64_t seq, std::uint32_t a,
                                        std::uint32_t b)
    {
        // The default queue is called directly (inlined); the others through the interface.
        // The wheel first: the models with the most events per run end up there.
        if (m_wheel)
            m_wheel->emplace(at, seq, a, b);
        else if (m_heap4)
            m_heap4->emplace(at, seq, a, b);
        else if (m_calendar)
            m_calendar->emplace(at, seq, a, b);
        else
            m_fes->push(Event{at, seq, a, b});
    }
    static std::uint64_t laneHeadSeq(std::uint64_t seq)
    {
        return (seq & ~std::uint64_t{0xFF}) | static_cast<std::uint64_t>(EventType::LaneHead);
    }
    void dispatch(const Event& e);
    /// An event or frame cap is reached: the run stops and says why.
    bool capReached();
    void dispatchLaneHead(std::uint32_t lane);
    /// Returns false when it stopped to move the events to another queue.
    template <typename Queue> bool loop(Queue& queue, SimTime t);
    void moveToWheel();
    void bindQueue();
    void deliverReturn(std::uint32_t frame);
    /// deliverNow() of a type known where it is called: no switch on the hot path.
    template <EventType Type> void deliverNowAs(std::uint32_t frame);
    /// Fails or recovers a node, logs it and tells every behaviour (nodeStateChanged).
    void setNodeUp(std::uint32_t node, bool up);
    void applySite(const ScenarioAction& action);
    void drainInbox();
    /// Samples the batch-means figures at every batch boundary up to `t` (nothing has
    /// happened after the boundary yet).
    void sampleBatches(SimTime t);
    /// Delivers the steps deliverNow() left waiting (and those they leave in turn).
    void settle();
    void configureSessions();

    Topology m_topology;
    TopologyIndex m_index;
    SimulationOptions m_options;
    std::unique_ptr<FutureEventSet> m_fes;
    DaryHeapQueue<4>* m_heap4 = nullptr; ///< m_fes when it is the 4-ary heap
    CalendarQueue* m_calendar = nullptr; ///< m_fes when it is the calendar queue
    TimingWheelQueue* m_wheel = nullptr; ///< m_fes when it is the timing wheel
    bool m_adaptive = false;             ///< may still move from the heap to the wheel
    SimTime m_now = 0;
    SimTime m_end = 0;
    SimTime m_warmup = 0;
    std::uint64_t m_seq = 0;
    std::uint64_t m_eventCount = 0;
    bool m_capped = false;
    std::uint64_t m_checkCapsAt = 0; ///< caps are checked once m_eventCount reaches it
    std::string m_capReason;
    double m_wallS = 0;
    std::uint32_t m_nesting = 0;     ///< zero-delay steps nested in the stack now
    std::deque<Event> m_sameInstant; ///< zero-delay steps past kMaxNesting, in order
    bool m_deferred = false; ///< m_sameInstant holds steps (one test per event, not a deque's)

    FramePool m_frames;
    std::vector<LinkInfo> m_links;
    std::vector<std::vector<std::uint32_t>> m_out;
    std::vector<EventLane> m_lanes;
    std::vector<RandomEngine> m_rngs;
    std::vector<std::unique_ptr<NodeBehavior>> m_behaviors;
    /// Nodes told of every failure and recovery (resolvers: geo DNS health checks); only
    /// they, so a fail step in a design of 100k nodes costs no walk over all of them.
    std::vector<std::uint32_t> m_nodeWatchers;
    std::vector<std::unique_ptr<ReplicationGroup>> m_groups;
    std::vector<std::uint32_t> m_groupOf;
    bool m_needKeys = false;
    bool m_needUsers = false;
    std::vector<std::uint32_t> m_firstUser;
    SessionTable m_sessions;

    RunMetrics m_metrics;
    BatchRecorder m_batches;
    std::vector<double> m_batchScratch;
    std::vector<EventRecord> m_eventLog;
    std::uint64_t m_eventsDropped = 0;
    std::size_t m_snapshotEventIndex = 0;

    std::mutex m_inboxMutex;
    std::vector<ScenarioAction> m_inbox;
    std::atomic<bool> m_inboxPending{false};
};

} // namespace scalelab::core::sim
