#include "core/sim/QueueStation.h"

#include <algorithm>

#include <fmt/format.h>

namespace scalelab::core::sim {

namespace {
// Timer codes of the pool (NodeBehavior::timer); subclasses keep theirs below 0xA000.
constexpr std::uint32_t kPoolEvaluateTimer = 0xA000;
constexpr std::uint32_t kPoolBootTimer = 0xA001;
} // namespace

void QueueStation::reconfigure()
{
    configureQueue("workers", node().number("service_ms"));
}

void QueueStation::configureQueue(const char* serversParam, double serviceMs)
{
    const Node& n = node();
    const double speed = n.number("speed");
    m_service.configure(serviceMs, n.text("service_dist"), n.number("service_cv"), speed);
    m_workers = static_cast<std::uint32_t>(std::max<std::int64_t>(1, n.integer(serversParam)));
    m_queueLimit = static_cast<std::uint64_t>(std::max<std::int64_t>(0, n.integer("queue_limit")));
    m_pool.configure(n, m_kernel.now());
    applyServers();
    if (m_pool.autoscale() && !m_evaluating) {
        m_evaluating = true;
        m_busyAtEvaluation = m_busyTime.areaAt(m_kernel.now());
        m_serverAtEvaluation = m_serverTime.areaAt(m_kernel.now());
        m_kernel.schedule(m_kernel.now() + m_pool.evaluateEvery(), EventType::Timer, m_index,
                          kPoolEvaluateTimer);
    }
    if (m_up)
        fillWorkers(); // more workers may take waiting requests at once
}

void QueueStation::applyServers()
{
    m_servers = m_workers * m_pool.serving();
    // Busy workers of a drained instance finish what they hold: they count as servers
    // until then (updateCapacity), so utilization stays a share of the servers that worked.
    updateCapacity();
}

void QueueStation::timer(std::uint32_t code)
{
    const SimTime now = m_kernel.now();
    if (code == kPoolBootTimer) {
        m_pool.booted(now);
        applyServers();
        if (m_up)
            fillWorkers();
    } else if (code == kPoolEvaluateTimer) {
        if (!m_pool.autoscale()) {
            m_evaluating = false; // autoscaling was switched off by a `set`
            return;
        }
        evaluatePool();
        m_kernel.schedule(now + m_pool.evaluateEvery(), EventType::Timer, m_index,
                          kPoolEvaluateTimer);
    }
}

void QueueStation::evaluatePool()
{
    const SimTime now = m_kernel.now();
    const double busy = m_busyTime.areaAt(now);
    const double servers = m_serverTime.areaAt(now);
    const double window = servers - m_serverAtEvaluation;
    const double utilization = window > 0 ? (busy - m_busyAtEvaluation) / window : 0.0;
    m_busyAtEvaluation = busy;
    m_serverAtEvaluation = servers;
    if (!m_up)
        return; // a pool that is down measures nothing; it is re-evaluated once back
    const InstancePool::Decision d = m_pool.evaluate(utilization, now);
    const std::uint32_t before = m_pool.serving();
    if (d.change > 0) {
        const auto n = static_cast<std::uint32_t>(d.change);
        m_pool.launched(n, now);
        m_kernel.logEvent(
            EventKind::ScaledOut, m_index,
            fmt::format("utilization {:.0f}%: launching {} (serving {}, {} after "
                        "booting)",
                        utilization * 100,
                        n == 1 ? std::string("1 instance") : fmt::format("{} instances", n), before,
                        d.desired));
        for (std::uint32_t k = 0; k < n; ++k) {
            if (m_pool.bootTime() > 0)
                m_kernel.schedule(now + m_pool.bootTime(), EventType::Timer, m_index,
                                  kPoolBootTimer);
            else
                timer(kPoolBootTimer);
        }
    } else if (d.change < 0) {
        const auto n = static_cast<std::uint32_t>(-d.change);
        m_pool.drained(n, now);
        applyServers();
        m_kernel.logEvent(
            EventKind::ScaledIn, m_index,
            fmt::format("utilization {:.0f}%: draining {} ({} -> {})", utilization * 100,
                        n == 1 ? std::string("1 instance") : fmt::format("{} instances", n), before,
                        m_pool.serving()));
    }
}

bool QueueStation::cancelIfAbandoned(std::uint32_t frame)
{
    if (!m_cancelAbandoned || !m_kernel.abandoned(frame))
        return false;
    ++m_counters.cancelled;
    // The answer unwinds the callers still holding frames for it; the client is gone.
    m_kernel.respond(frame, FailReason::Cancelled);
    return true;
}

void QueueStation::accept(std::uint32_t frame)
{
    if (cancelIfAbandoned(frame))
        return;
    if (m_busy < m_servers) {
        startService(frame);
        return;
    }
    if (m_queueLimit > 0 && m_queueLength >= m_queueLimit) {
        ++m_counters.rejected;
        m_kernel.respond(frame, FailReason::Rejected);
        return;
    }
    Frame& f = m_kernel.frames()[frame];
    f.state = FrameState::Queued;
    f.nextInQueue = kNone;
    if (m_queueTail == kNone)
        m_queueHead = frame;
    else
        m_kernel.frames()[m_queueTail].nextInQueue = frame;
    m_queueTail = frame;
    ++m_queueLength;
    m_queueTime.set(m_kernel.now(), m_queueLength);
}

void QueueStation::updateCapacity()
{
    // Servers that exist: after `workers` is lowered the busy ones above the new count
    // finish their request first, so capacity is max(servers, busy) until they have;
    // utilisation, busy time over this capacity's time, stays within [0, 1]. The average
    // only moves when the value does (its area is then summed exactly as before).
    const std::uint32_t capacity = std::max(m_servers, m_busy);
    if (capacity != m_capacity || m_kernel.now() == 0) {
        m_capacity = capacity;
        m_serverTime.set(m_kernel.now(), capacity);
    }
}

[[gnu::always_inline]] inline void QueueStation::startService(std::uint32_t frame)
{
    const SimTime now = m_kernel.now();
    Frame& f = m_kernel.frames()[frame];
    ++m_busy;
    m_busyTime.set(now, m_busy);
    if (m_busy > m_capacity) [[unlikely]]
        updateCapacity();
    ++m_counters.waits;
    m_counters.waitSumNs += static_cast<double>(now - f.arrivedAt);
    f.state = FrameState::Service;
    const SimTime d = drawService(f);
    if (d > 0)
        m_kernel.schedule(now + d, EventType::ServiceDone, frame, f.gen);
    else
        m_kernel.deliverNow(EventType::ServiceDone, frame); // zero service (a forwarding
                                                            // load balancer): no event at all
}

void QueueStation::releaseWorker(Frame& f)
{
    const SimTime now = m_kernel.now();
    --m_busy;
    m_busyTime.set(now, m_busy);
    if (m_capacity > m_servers) [[unlikely]]
        updateCapacity();
    ++m_counters.responses;
    m_counters.responseSumNs += static_cast<double>(now - f.arrivedAt);
    f.flags &= static_cast<std::uint8_t>(~kFlagHoldsWorker);
}

void QueueStation::serviceDone(std::uint32_t frame)
{
    Frame& f = m_kernel.frames()[frame];
    f.state = FrameState::Waiting;
    if (m_holdWorker)
        f.flags |= kFlagHoldsWorker;
    else
        releaseWorker(f);
    served(frame);
    fillWorkers();
}

void QueueStation::fillWorkers()
{
    while (m_busy < m_servers && m_queueHead != kNone && m_up) {
        const std::uint32_t next = m_queueHead;
        m_queueHead = m_kernel.frames()[next].nextInQueue;
        if (m_queueHead == kNone)
            m_queueTail = kNone;
        else // it waited long enough to leave the cache; it is taken at the next free worker
            __builtin_prefetch(&m_kernel.frames()[m_queueHead]);
        --m_queueLength;
        m_queueTime.set(m_kernel.now(), m_queueLength);
        if (!cancelIfAbandoned(next))
            startService(next);
    }
}

void QueueStation::answer(std::uint32_t frame, FailReason reason)
{
    Frame& f = m_kernel.frames()[frame];
    const bool held = (f.flags & kFlagHoldsWorker) != 0;
    if (held)
        releaseWorker(f);
    if (reason == FailReason::None)
        ++m_counters.completed;
    m_kernel.respond(frame, reason);
    if (held)
        fillWorkers();
}

void QueueStation::configureReadWrite(const char* serversParam, double readMs, double writeMs)
{
    const Node& n = node();
    m_writesDiffer = true;
    m_writeService.configure(writeMs, n.text("service_dist"), n.number("service_cv"),
                             n.number("speed"));
    configureQueue(serversParam, readMs);
}

void QueueStation::clearQueue()
{
    const SimTime now = m_kernel.now();
    m_queueHead = m_queueTail = kNone;
    m_queueLength = 0;
    m_queueTime.set(now, 0);
    m_busy = 0;
    m_busyTime.set(now, 0);
    updateCapacity();
}

void QueueStation::fail()
{
    if (!m_up)
        return;
    clearQueue();
    NodeBehavior::fail();
}

QueueStation::Occupancy QueueStation::measuredOccupancy() const
{
    const SimTime now = m_kernel.now();
    return {m_busyTime.areaAt(now) - m_busyAtWarmup, m_serverTime.areaAt(now) - m_serverAtWarmup,
            m_queueTime.areaAt(now) - m_queueAtWarmup};
}

void QueueStation::recover()
{
    NodeBehavior::recover();
}

void QueueStation::resetStats()
{
    NodeBehavior::resetStats();
    const SimTime now = m_kernel.now();
    m_pool.resetStats(now);
    m_busyAtWarmup = m_busyTime.areaAt(now);
    m_queueAtWarmup = m_queueTime.areaAt(now);
    m_serverAtWarmup = m_serverTime.areaAt(now);
}

void QueueStation::fillResults(NodeResults& out) const
{
    NodeBehavior::fillResults(out);
    const SimTime now = m_kernel.now();
    const double servers = m_serverTime.areaAt(now) - m_serverAtWarmup;
    const double window = static_cast<double>(now - std::min(now, m_kernel.warmup()));
    out.utilization = servers > 0 ? (m_busyTime.areaAt(now) - m_busyAtWarmup) / servers : 0.0;
    out.meanQueueLength = window > 0 ? (m_queueTime.areaAt(now) - m_queueAtWarmup) / window : 0.0;
    out.instancesMean = m_pool.meanSince(m_kernel.warmup(), now);
}

void QueueStation::fillSeries(TimeSeries& out) const
{
    if (m_pool.autoscale())
        out.instances.emplace_back(node().id.str(),
                                   m_pool.series(out.tS, out.intervalS, m_kernel.now()));
}

void QueueStation::fillSnapshot(NodeSnapshot& out)
{
    NodeBehavior::fillSnapshot(out);
    const SimTime now = m_kernel.now();
    const double busy = m_busyTime.areaAt(now);
    const double servers = m_serverTime.areaAt(now);
    out.utilization = servers > m_serverAtSnapshot
                          ? (busy - m_busyAtSnapshot) / (servers - m_serverAtSnapshot)
                          : static_cast<double>(m_busy) / std::max(m_capacity, 1u);
    m_busyAtSnapshot = busy;
    m_serverAtSnapshot = servers;
    out.queueLength = m_queueLength;
    out.busy = m_busy;
    out.servers = m_servers;
    out.instances = m_pool.serving();
    out.instancesBooting = m_pool.booting();
}

} // namespace scalelab::core::sim
