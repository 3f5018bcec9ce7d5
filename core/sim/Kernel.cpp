#include "core/sim/Kernel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include <fmt/format.h>

#include "core/cost/Cost.h"
#include "core/sim/BehaviorFactory.h"
#include "core/sim/NodeBehavior.h"
#include "core/sim/ReplicationGroup.h"
#include "core/sim/RunConfidence.h"

namespace scalelab::core::sim {

namespace {
constexpr std::size_t kMaxEventLog = 100000;
} // namespace

Kernel::Kernel(const Topology& topology, const SimulationOptions& options)
    : m_topology(topology), m_index(m_topology), m_options(options),
      m_fes(makeEventQueue(options.queue))
{
    // Headroom for what one event allocates after the check in loop().
    m_options.maxFrames =
        std::min(m_options.maxFrames, FramePool::kCapacity - FramePool::kHeadroom);
    m_checkCapsAt = m_options.maxEvents;
    m_frames.watch(m_options.maxFrames, &m_checkCapsAt);
    m_adaptive = options.queue == QueueKind::Adaptive;
    bindQueue();
    m_end = fromSeconds(topology.simulation.durationS);
    m_warmup = std::clamp<SimTime>(fromSeconds(topology.simulation.warmupS), 0, m_end);
    const auto n = static_cast<std::uint32_t>(m_topology.nodes.size());
    m_out.resize(n);
    for (std::size_t k = 0; k < m_topology.links.size(); ++k) {
        const Link& l = m_topology.links[k];
        LinkInfo info;
        if (!m_index.resolved(k))
            throw std::invalid_argument("link " + l.from.str() + " -> " + l.to.str() +
                                        " names a missing node");
        info.from = static_cast<std::uint32_t>(m_index.from(k));
        info.to = static_cast<std::uint32_t>(m_index.to(k));
        info.latency = fromMs(l.latencyMs());
        info.lag = fromMs(l.lagMs());
        info.weight = l.weight();
        info.replication = l.kind == LinkKind::Replication;
        if (l.kind == LinkKind::Request)
            m_out[info.from].push_back(static_cast<std::uint32_t>(m_links.size()));
        else if (info.replication)
            m_needKeys = true;
        m_links.push_back(info);
    }

    m_lanes.resize(n);

    m_rngs.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const Node& node = m_topology.nodes[i];
        const KindSpec* spec = node.spec();
        if (!spec)
            throw std::invalid_argument("node '" + node.id.str() + "' has an unknown kind '" +
                                        node.kind.str() + "'");
        m_rngs.push_back(makeStream(m_topology.simulation.seed, i));
        if (spec->traits.lru && node.integer("capacity_keys") > 0)
            m_needKeys = true;
        if (spec->param("shards") && node.integer("shards") > 1)
            m_needKeys = true; // keys pick the shard
    }
    for (const ScenarioAction& a : m_topology.scenario) {
        if (a.action == ActionType::Set && a.param == "shards")
            m_needKeys = true;
    }

    configureSessions();

    m_groupOf.assign(n, kNone);
    for (const ReplicationGroupInfo& info : m_index.groups()) {
        const auto g = static_cast<std::uint32_t>(m_groups.size());
        m_groups.push_back(
            std::make_unique<ReplicationGroup>(*this, g, static_cast<std::uint32_t>(info.master)));
        m_groupOf[info.master] = g;
        for (std::size_t r = 0; r < info.replicas.size(); ++r) {
            const Link& l = m_topology.links[info.links[r]];
            // A sync replica has every acknowledged write: it applied it before the ack,
            // which costs the write one round trip over the replication link.
            m_groups.back()->addReplica(static_cast<std::uint32_t>(info.replicas[r]),
                                        m_links[info.links[r]].lag,
                                        l.synchronous() ? 2 * m_links[info.links[r]].latency : -1);
            m_groupOf[info.replicas[r]] = g;
        }
    }

    m_metrics.configure(m_warmup, m_end, options.keepLatencies);
    m_batches.configure(m_warmup, m_end, BatchLayout::size(n));
    for (std::uint32_t i = 0; i < n; ++i) {
        m_behaviors.push_back(makeBehavior(m_topology.nodes[i].spec()->role, *this, i));
        if (m_topology.nodes[i].spec()->traits.resolver)
            m_nodeWatchers.push_back(i);
    }
    for (auto& b : m_behaviors)
        b->init();
    if (m_warmup > 0)
        schedule(m_warmup, EventType::Warmup, 0);
    for (std::uint32_t i = 0; i < m_topology.scenario.size(); ++i)
        schedule(fromSeconds(m_topology.scenario[i].atS), EventType::Scenario, i);
}

Kernel::~Kernel() = default;

void Kernel::configureSessions()
{
    // Users are numbered across the clients. Only a design that looks at them (a web server
    // with sessions, a sticky balancer) draws them: others keep their random numbers.
    const auto n = static_cast<std::uint32_t>(m_topology.nodes.size());
    m_firstUser.assign(n, 0);
    std::uint64_t users = 0;
    bool local = false;
    for (std::uint32_t i = 0; i < n; ++i) {
        const Node& node = m_topology.nodes[i];
        const KindSpec* spec = node.spec();
        if (spec->traits.source) {
            m_firstUser[i] = static_cast<std::uint32_t>(
                std::min<std::uint64_t>(users, std::numeric_limits<std::uint32_t>::max()));
            users += static_cast<std::uint64_t>(std::max<std::int64_t>(1, node.integer("users")));
        }
        if (spec->param("session_state") && node.text("session_state") != "none")
            m_needUsers = true;
        // Any server that may keep sessions locally, now or after a `set` in the scenario.
        if (spec->param("session_state")) {
            local = local || node.text("session_state") == "local";
            for (const ScenarioAction& a : m_topology.scenario)
                if (a.node == node.id && a.action == ActionType::Set &&
                    a.param == "session_state") {
                    m_needUsers = true;
                    local = local || toDisplayString(a.value) == "local";
                }
        }
        if (spec->param("sticky_sessions") && node.flag("sticky_sessions"))
            m_needUsers = true;
    }
    for (const ScenarioAction& a : m_topology.scenario)
        if (a.action == ActionType::Set && a.param == "sticky_sessions")
            m_needUsers = true;
    // The validator keeps the total far below what a 32-bit user number holds.
    if (local)
        m_sessions.configure(
            std::min<std::uint64_t>(users, std::numeric_limits<std::uint32_t>::max()), n);
}

ReplicationGroup* Kernel::groupOf(std::uint32_t node) const
{
    const std::uint32_t g = m_groupOf[node];
    return g == kNone ? nullptr : m_groups[g].get();
}

namespace {
// Pending events beyond which the adaptive queue leaves the 4-ary heap: the calendar
// queue's crossover in bench_engine, kept for the wheel, which loses to the heap in the
// hold model at 16 pending and wins at 1,024 (the points between were not measured).
constexpr std::size_t kLargePopulation = 384;
} // namespace

void Kernel::bindQueue()
{
    // Direct pointers let the hot path call the final classes without virtual dispatch.
    m_heap4 = dynamic_cast<DaryHeapQueue<4>*>(m_fes.get());
    m_calendar = dynamic_cast<CalendarQueue*>(m_fes.get());
    m_wheel = dynamic_cast<TimingWheelQueue*>(m_fes.get());
}

void Kernel::moveToWheel()
{
    auto wheel = std::make_unique<TimingWheelQueue>();
    while (!m_fes->empty())
        wheel->push(m_fes->pop());
    m_fes = std::move(wheel);
    m_adaptive = false;
    bindQueue();
}

template <typename Queue> bool Kernel::loop(Queue& queue, SimTime t)
{
    if (m_capped)
        return true; // only this loop caps a run, and it stops at once when it does
    // One bound for both reasons to look before an event: the end of this call (t) and
    // the next batch-means sample, taken before the first event at or after its instant.
    SimTime bound = std::min(t, m_batches.next() - 1);
    while (!queue.empty()) {
        if constexpr (std::is_same_v<Queue, DaryHeapQueue<4>>) {
            if (m_adaptive && queue.size() > kLargePopulation)
                return false;
        }
        if (m_inboxPending.load(std::memory_order_acquire)) {
            drainInbox();
            settle();
        }
        const SimTime next = queue.top().time;
        if (next > bound) [[unlikely]] {
            if (next > t)
                break;
        }
        if (m_eventCount >= m_checkCapsAt) [[unlikely]] {
            if (capReached())
                break;
        }
        if (next > bound) [[unlikely]] {
            sampleBatches(next);
            bound = std::min(t, m_batches.next() - 1);
        }
        if constexpr (std::is_same_v<Queue, TimingWheelQueue>) {
            // The next event's frame (its `a`, when it has one), while this one is handled.
            if (const Event* after = queue.afterTop())
                m_frames.prefetch(after->a);
        }
        const Event e = queue.pop();
        m_now = e.time;
        ++m_eventCount;
        dispatch(e);
        if (m_deferred) [[unlikely]]
            settle();
    }
    return true;
}

bool Kernel::capReached()
{
    // m_checkCapsAt is the event cap, or 0 once the frame pool has grown to the frame
    // cap (from then on both are checked before every event).
    if (m_eventCount >= m_options.maxEvents) {
        m_capped = true;
        m_capReason = fmt::format("stopped after {} events (the cap of this run)", m_eventCount);
        logEvent(EventKind::EventCapReached, kNone, m_capReason);
        return true;
    }
    if (m_frames.live() >= m_options.maxFrames) {
        // A queue without a limit that grows for ever: stop before memory runs out.
        m_capped = true;
        m_capReason = fmt::format("stopped with {} call frames alive, the cap of this run: "
                                  "requests pile up somewhere (set a queue_limit)",
                                  m_frames.live());
        logEvent(EventKind::EventCapReached, kNone, m_capReason);
        return true;
    }
    return false;
}

std::uint64_t Kernel::runUntil(SimTime t)
{
    const auto wallStart = std::chrono::steady_clock::now();
    const std::uint64_t before = m_eventCount;
    t = std::min(t, m_end);
    drainInbox();
    settle();
    for (;;) {
        const bool done = m_heap4      ? loop(*m_heap4, t)
                          : m_wheel    ? loop(*m_wheel, t)
                          : m_calendar ? loop(*m_calendar, t)
                                       : loop(*m_fes, t);
        if (done)
            break;
        moveToWheel();
    }
    if (!m_capped) {
        sampleBatches(t); // every event up to t is done, and the next one comes later
        m_now = std::max(m_now, t);
    }
    m_wallS += std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    return m_eventCount - before;
}

void Kernel::sampleBatches(SimTime t)
{
    using L = BatchLayout;
    while (m_batches.next() <= t) {
        const SimTime at = m_batches.next();
        m_batchScratch.assign(L::size(m_behaviors.size()), 0.0);
        m_batchScratch[L::kTime] = toSeconds(at);
        m_batchScratch[L::kCompleted] = static_cast<double>(m_metrics.completedMeasured());
        m_batchScratch[L::kLatency] = m_metrics.latencySumMs();
        for (std::size_t i = 0; i < m_behaviors.size(); ++i) {
            const auto [busy, servers] = m_behaviors[i]->serverAreas(at);
            m_batchScratch[L::busy(i)] = busy;
            m_batchScratch[L::servers(i)] = servers;
        }
        m_batches.sample(m_batchScratch);
    }
}

// Inlined into the loop: a call per event cost more than the switch itself (callgrind).
// The three events of a request's path (nine of ten events) are tested before the switch:
// the switch's one indirect jump went to a target the processor had mispredicted about a
// third of the time (perf had its samples on each case's first instruction); tested
// branches ran 1-3% faster on example 08.
[[gnu::always_inline]] inline void Kernel::dispatch(const Event& e)
{
    const EventType type = e.type();
    if (type == EventType::Return) {
        Frame& f = m_frames[e.a];
        if (f.gen == e.b && f.state == FrameState::Returning)
            deliverReturn(e.a);
        return;
    }
    if (type == EventType::Arrive) {
        Frame& f = m_frames[e.a];
        if (f.gen == e.b && f.state == FrameState::Transit)
            m_behaviors[f.node]->arrive(e.a);
        return;
    }
    if (type == EventType::ServiceDone) {
        Frame& f = m_frames[e.a];
        if (f.gen == e.b && f.state == FrameState::Service)
            m_behaviors[f.node]->serviceDone(e.a);
        return;
    }
    switch (type) {
    case EventType::Timer:
        m_behaviors[e.a]->timer(e.b);
        break;
    case EventType::Timeout: {
        Frame& f = m_frames[e.a];
        if (f.gen == e.b && f.state == FrameState::Waiting && f.parent == kNone)
            m_behaviors[f.node]->timeout(e.a);
        break;
    }
    case EventType::Retry: {
        Frame& f = m_frames[e.a];
        if (f.gen == e.b && f.state == FrameState::Waiting && f.parent == kNone)
            m_behaviors[f.node]->retry(e.a);
        break;
    }
    case EventType::Scenario:
        apply(m_topology.scenario[e.a]);
        break;
    case EventType::Group:
        m_groups[e.a]->timer(e.b);
        break;
    case EventType::Warmup:
        for (auto& b : m_behaviors)
            b->resetStats();
        break;
    case EventType::LaneHead:
        dispatchLaneHead(e.a);
        break;
    case EventType::Resume: {
        Frame& f = m_frames[e.a];
        if (f.gen == e.b && f.state == FrameState::Waiting)
            m_behaviors[f.node]->resume(e.a);
        break;
    }
    case EventType::Arrive:
    case EventType::ServiceDone:
    case EventType::Return: // handled above
    case EventType::Test:
        break;
    }
}

void Kernel::dispatchLaneHead(std::uint32_t lane)
{
    EventLane& l = m_lanes[lane];
    const Event e = l.front();
    l.pop();
    if (!l.empty()) {
        const Event& next = l.front();
        enqueue(next.time, laneHeadSeq(next.seq), lane, 0);
    }
    dispatch(e);
}

std::uint32_t Kernel::callAs(std::uint32_t parent, std::uint32_t link, std::uint32_t target,
                             RequestClass cls, std::uint8_t flags)
{
    const std::uint32_t c = m_frames.allocate();
    Frame& child = m_frames[c];
    Frame& p = m_frames[parent];
    child.parent = parent;
    child.parentGen = p.gen;
    child.node = target;
    child.link = link;
    child.key = p.key;
    child.user = p.user;
    child.cls = cls;
    child.flags = flags;
    child.reason = FailReason::None;
    child.step = 0;
    child.aux = 0;
    p.state = FrameState::Waiting;
    const SimTime latency = m_links[link].latency;
    child.dueAt = m_now + latency;
    child.state = FrameState::Transit;
    if (latency > 0)
        schedule(child.dueAt, EventType::Arrive, c, child.gen);
    else
        deliverNowAs<EventType::Arrive>(c);
    return c;
}

void Kernel::respond(std::uint32_t frame, FailReason reason)
{
    Frame& f = m_frames[frame];
    f.reason = reason;
    f.state = FrameState::Returning;
    const SimTime latency = m_links[f.link].latency;
    f.dueAt = m_now + latency;
    if (latency > 0)
        schedule(f.dueAt, EventType::Return, frame, f.gen);
    else
        deliverNowAs<EventType::Return>(frame);
}

template <EventType Type> void Kernel::deliverNowAs(std::uint32_t frame)
{
    if (m_nesting >= kMaxNesting) [[unlikely]] {
        // Same checks on delivery as a scheduled event: dispatch() tests gen and state.
        m_sameInstant.push_back(Event::make(m_now, 0, Type, frame, m_frames[frame].gen));
        m_deferred = true;
        return;
    }
    ++m_nesting;
    if constexpr (Type == EventType::Arrive)
        m_behaviors[m_frames[frame].node]->arrive(frame);
    else if constexpr (Type == EventType::ServiceDone)
        m_behaviors[m_frames[frame].node]->serviceDone(frame);
    else
        deliverReturn(frame);
    --m_nesting;
}

void Kernel::deliverNow(EventType type, std::uint32_t frame)
{
    switch (type) {
    case EventType::Arrive:
        deliverNowAs<EventType::Arrive>(frame);
        break;
    case EventType::ServiceDone:
        deliverNowAs<EventType::ServiceDone>(frame);
        break;
    case EventType::Return:
        deliverNowAs<EventType::Return>(frame);
        break;
    default:
        break;
    }
}

void Kernel::settle()
{
    while (!m_sameInstant.empty()) {
        const Event e = m_sameInstant.front();
        m_sameInstant.pop_front();
        dispatch(e);
    }
    m_deferred = false;
}

void Kernel::deliverReturn(std::uint32_t frame)
{
    Frame& child = m_frames[frame];
    const std::uint32_t p = child.parent;
    Frame& parent = m_frames[p];
    // A caller that failed or gave up in the meantime was released (or is answering):
    // the late answer is dropped.
    if (parent.gen == child.parentGen && parent.state == FrameState::Waiting)
        m_behaviors[parent.node]->childReturned(p, child);
    m_frames.release(frame);
}

bool Kernel::abandoned(std::uint32_t frame) const
{
    // A caller released or renewed since it sent this: the chain up to the client is broken.
    const Frame* f = &m_frames[frame];
    while (f->parent != kNone) {
        const Frame& caller = m_frames[f->parent];
        if (caller.gen != f->parentGen)
            return true;
        f = &caller;
    }
    return false;
}

std::vector<std::uint32_t> Kernel::framesAt(std::uint32_t node) const
{
    std::vector<std::uint32_t> at;
    for (std::uint32_t i = 0; i < m_frames.size(); ++i) {
        const Frame& f = m_frames[i];
        if (f.node == node && f.parent != kNone &&
            (f.state == FrameState::Queued || f.state == FrameState::Service ||
             f.state == FrameState::Waiting))
            at.push_back(i);
    }
    return at;
}

void Kernel::logEvent(EventKind kind, std::uint32_t node, std::string detail)
{
    if (m_eventLog.size() >= kMaxEventLog) {
        ++m_eventsDropped;
        return;
    }
    m_eventLog.push_back({toSeconds(m_now), kind,
                          node == kNone ? std::string() : m_topology.nodes[node].id.str(),
                          std::move(detail)});
}

void Kernel::setNodeUp(std::uint32_t i, bool up)
{
    NodeBehavior& b = *m_behaviors[i];
    if (b.up() == up)
        return;
    logEvent(up ? EventKind::NodeRecovered : EventKind::NodeFailed, i, "");
    if (up)
        b.recover();
    else
        b.fail();
    for (std::uint32_t watcher : m_nodeWatchers)
        m_behaviors[watcher]->nodeStateChanged(i, up);
}

void Kernel::applySite(const ScenarioAction& action)
{
    const bool up = action.action == ActionType::RecoverSite;
    // Clients in the site are its users: they are where they are and keep sending; the
    // data center's nodes are what fails.
    std::vector<std::uint32_t> members;
    for (std::uint32_t i = 0; i < nodeCount(); ++i)
        if (!action.site.empty() && m_topology.nodes[i].site() == action.site &&
            !m_topology.nodes[i].spec()->traits.source)
            members.push_back(i);
    if (members.empty()) {
        logEvent(EventKind::ActionIgnored, kNone, "no node is in site '" + action.site + "'");
        return;
    }
    logEvent(up ? EventKind::SiteRecovered : EventKind::SiteFailed, kNone,
             fmt::format("{}: {} nodes", action.site, members.size()));
    // The whole site at once: every node fails (or comes back) at the same instant, in
    // file order.
    for (std::uint32_t i : members)
        setNodeUp(i, up);
}

void Kernel::apply(const ScenarioAction& action)
{
    if (isSiteAction(action.action)) {
        applySite(action);
        return;
    }
    const auto found = m_index.node(action.node); // a map: 300k steps cost no scan each
    if (!found) {
        m_eventLog.push_back(
            {toSeconds(m_now), EventKind::ActionIgnored, action.node.str(), "no such node"});
        return;
    }
    const auto i = static_cast<std::uint32_t>(*found);
    NodeBehavior& b = *m_behaviors[i];
    switch (action.action) {
    case ActionType::Fail:
    case ActionType::Recover:
        setNodeUp(i, action.action == ActionType::Recover);
        break;
    case ActionType::FailSite:
    case ActionType::RecoverSite:
        break; // handled above
    case ActionType::Set:
        m_topology.nodes[i].params[action.param] = action.value;
        // An LRU that gets a capacity mid-run needs the clients' keys from now on (they
        // skip drawing them while nothing uses them: every request would hit key 0).
        if (m_topology.nodes[i].spec()->traits.lru &&
            m_topology.nodes[i].integer("capacity_keys") > 0)
            m_needKeys = true;
        b.reconfigure();
        logEvent(EventKind::ParamSet, i, action.param + "=" + toDisplayString(action.value));
        break;
    case ActionType::Promote:
        if (ReplicationGroup* g = groupOf(i))
            g->promote(i);
        else
            logEvent(EventKind::PromoteIgnored, i, "not in a replication group");
        break;
    case ActionType::Purge:
        if (m_topology.nodes[i].spec()->allows(action.action)) {
            logEvent(EventKind::Purged, i, "");
            b.act(action);
        } else {
            logEvent(EventKind::ActionIgnored, i, "purge applies to a CDN");
        }
        break;
    }
}

void Kernel::post(const ScenarioAction& action)
{
    std::lock_guard lock(m_inboxMutex);
    m_inbox.push_back(action);
    m_inboxPending.store(true, std::memory_order_release);
}

void Kernel::drainInbox()
{
    std::vector<ScenarioAction> actions;
    {
        std::lock_guard lock(m_inboxMutex);
        actions.swap(m_inbox);
        m_inboxPending.store(false, std::memory_order_release);
    }
    for (const auto& a : actions)
        apply(a);
}

void Kernel::fillResults(RunResults& out)
{
    out.name = m_topology.name;
    out.seed = m_topology.simulation.seed;
    out.durationS = m_topology.simulation.durationS;
    out.warmupS = std::min(m_topology.simulation.warmupS, m_topology.simulation.durationS);
    m_metrics.fill(out, m_now);
    out.nodes.clear();
    out.sessions = {};
    for (const auto& b : m_behaviors) {
        NodeResults& nr = out.nodes.emplace_back();
        b->fillResults(nr);
        b->fillSeries(out.timeseries);
        out.sessions.modelled = out.sessions.modelled || nr.sessions;
        out.sessions.misses += nr.sessionMisses;
        out.sessions.lost += nr.sessionsLost;
    }
    // A pool whose size changed during the run (autoscaling, `set instances`) is paid for
    // the instances it served on average over the measured window; one that did not costs
    // exactly its count, free of the time average's rounding.
    double perHour = 0;
    for (std::size_t i = 0; i < m_topology.nodes.size(); ++i) {
        const Node& node = m_topology.nodes[i];
        const double start = startingInstances(node);
        const double mean = out.nodes[i].instancesMean;
        const bool changed = mean >= 0 && std::abs(mean - start) > 1e-9 * start;
        perHour += nodeCostPerHour(node, changed ? mean : start);
    }
    out.cost = {perHour, perHour * kHoursPerMonth};
    out.events = m_eventLog;
    out.engine.events = m_eventCount;
    out.engine.wallS = m_wallS;
    out.engine.eventsPerS = m_wallS > 0 ? static_cast<double>(m_eventCount) / m_wallS : 0.0;
    out.engine.queue = std::string(toString(m_options.queue));
    if (m_options.queue == QueueKind::Adaptive)
        out.engine.queue += m_wheel ? " (timing_wheel)" : " (4ary_heap)";
    out.engine.eventCapReached = m_capped;
    out.engine.simulatedS = toSeconds(m_now);
    out.warnings.clear();
    if (m_capped)
        out.warnings.push_back(fmt::format("the run stopped early, at {:g} s of {:g} s: {}; every "
                                           "figure covers only the time simulated",
                                           toSeconds(m_now), toSeconds(m_end), m_capReason));
    if (m_eventsDropped > 0)
        out.warnings.push_back(fmt::format("{} events after the first {} are not listed",
                                           m_eventsDropped, kMaxEventLog));
    fillConfidence(m_batches, m_topology, out);
}

Snapshot Kernel::snapshot()
{
    Snapshot s;
    s.now = m_now;
    s.end = m_end;
    s.events = m_eventCount;
    s.finished = finished();
    s.nodes.resize(m_behaviors.size());
    for (std::size_t i = 0; i < m_behaviors.size(); ++i)
        m_behaviors[i]->fillSnapshot(s.nodes[i]);

    auto onLink = [this](const Frame& f) {
        return (f.state == FrameState::Transit || f.state == FrameState::Returning) &&
               f.link != kNone && m_links[f.link].latency > 0;
    };
    std::uint64_t total = 0;
    for (std::uint32_t i = 0; i < m_frames.size(); ++i)
        if (onLink(m_frames[i]))
            ++total;
    s.inFlightTotal = total;
    // Evenly spread: exactly min(total, limit) samples (an integer stride would take only
    // half the limit when the total is just above it).
    const std::uint64_t limit = m_options.inFlightSample;
    std::uint64_t seen = 0;
    for (std::uint32_t i = 0; i < m_frames.size() && limit > 0; ++i) {
        const Frame& f = m_frames[i];
        if (!onLink(f))
            continue;
        const std::uint64_t k = seen++;
        if (total > limit && (k + 1) * limit / total == k * limit / total)
            continue;
        InFlightSample sample;
        sample.link = f.link;
        const SimTime latency = m_links[f.link].latency;
        sample.progress = std::clamp(static_cast<double>(m_now - (f.dueAt - latency)) /
                                         static_cast<double>(latency),
                                     0.0, 1.0);
        sample.response = f.state == FrameState::Returning;
        sample.write = f.cls == RequestClass::Write;
        sample.error = sample.response && f.reason != FailReason::None;
        sample.staticClass = f.cls == RequestClass::Static;
        sample.hit = sample.response && (f.flags & kFlagHit) != 0;
        s.inFlight.push_back(sample);
    }

    s.newEvents.assign(m_eventLog.begin() + static_cast<long>(m_snapshotEventIndex),
                       m_eventLog.end());
    m_snapshotEventIndex = m_eventLog.size();
    m_metrics.roll(m_now);
    s.generated = m_metrics.generatedAll();
    s.completed = m_metrics.completedAll();
    s.failed = m_metrics.failedAll();
    s.failedByReason = m_metrics.failedByReasonAll();
    s.throughputRps = m_metrics.lastThroughputRps();
    s.p50Ms = m_metrics.lastP50Ms();
    s.p95Ms = m_metrics.lastP95Ms();
    s.p99Ms = m_metrics.lastP99Ms();
    s.errorsPerS = m_metrics.lastErrors();
    s.hasJobs = m_metrics.hasJobs();
    s.backlog = m_metrics.backlog();
    return s;
}

} // namespace scalelab::core::sim
