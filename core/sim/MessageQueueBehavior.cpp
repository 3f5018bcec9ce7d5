#include "core/sim/MessageQueueBehavior.h"

#include "core/sim/WorkerBehavior.h"

namespace scalelab::core::sim {

void MessageQueueBehavior::init()
{
    m_kernel.metrics().jobsPresent();
    for (std::size_t k : m_kernel.index().consumers(m_index)) {
        const auto link = static_cast<std::uint32_t>(k);
        auto* worker = dynamic_cast<WorkerBehavior*>(&m_kernel.behavior(m_kernel.link(link).to));
        if (worker)
            m_consumers.push_back({link, worker, 0});
    }
    reconfigure();
}

void MessageQueueBehavior::reconfigure()
{
    QueueStation::reconfigure();
    m_capacity = static_cast<std::uint64_t>(std::max<std::int64_t>(0, node().integer("capacity")));
}

void MessageQueueBehavior::recover()
{
    const bool wasDown = !m_up;
    QueueStation::recover();
    if (wasDown)
        dispatch();
}

void MessageQueueBehavior::served(std::uint32_t frame)
{
    const SimTime now = m_kernel.now();
    if (m_capacity > 0 && m_backlog.size() >= m_capacity) {
        ++m_counters.rejected;
        m_kernel.metrics().jobDropped(now);
        answer(frame, FailReason::Rejected);
        return;
    }
    const Frame& f = m_kernel.frames()[frame];
    enqueue({now, f.key, f.cls}, false);
    m_kernel.metrics().jobPublished(now);
    answer(frame); // the ack: the publisher goes on
    dispatch();
}

void MessageQueueBehavior::enqueue(const Job& job, bool atHead)
{
    m_kernel.metrics().backlogChanged(+1, m_kernel.now());
    if (atHead)
        m_backlog.push_front(job);
    else
        m_backlog.push_back(job);
}

std::uint32_t MessageQueueBehavior::freeConsumer()
{
    const auto n = static_cast<std::uint32_t>(m_consumers.size());
    for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t i = (m_next + k) % n;
        const Consumer& c = m_consumers[i];
        if (c.inFlight < c.worker->freeThreadsLimit()) {
            m_next = (i + 1) % n;
            return i;
        }
    }
    return kNone;
}

void MessageQueueBehavior::dispatch()
{
    // A job answered at once (zero service and latency) comes back inside call(): the
    // outer loop hands out what that freed, instead of recursing once per job.
    if (m_dispatching || !m_up)
        return;
    m_dispatching = true;
    FramePool& frames = m_kernel.frames();
    while (!m_backlog.empty()) {
        const std::uint32_t c = freeConsumer();
        if (c == kNone)
            break;
        const Job job = m_backlog.front();
        m_backlog.pop_front();
        m_kernel.metrics().backlogChanged(-1, m_kernel.now());
        // The job's own root frame: it lives from hand-out to the worker's answer.
        const std::uint32_t root = frames.allocate();
        Frame& f = frames[root];
        f.arrivedAt = job.publishedAt;
        f.parent = kNone;
        f.node = m_index;
        f.link = kNone;
        f.key = job.key;
        f.cls = job.cls;
        f.aux = c;
        f.step = 0;
        f.flags = 0;
        f.reason = FailReason::None;
        f.state = FrameState::Waiting;
        ++m_consumers[c].inFlight;
        const std::uint32_t link = m_consumers[c].link;
        m_kernel.call(root, link, m_kernel.link(link).to);
    }
    m_dispatching = false;
}

void MessageQueueBehavior::childReturned(std::uint32_t frame, const Frame& child)
{
    const Frame& f = m_kernel.frames()[frame];
    const SimTime now = m_kernel.now();
    --m_consumers[f.aux].inFlight;
    if (child.reason == FailReason::None) {
        m_kernel.metrics().jobCompleted(now - f.arrivedAt, now);
    } else if (!m_kernel.behavior(child.node).up()) {
        // Its worker died under it (or was down when it arrived): not acknowledged, so
        // the job waits again, first in line.
        m_kernel.metrics().jobRedelivered(now);
        enqueue({f.arrivedAt, f.key, f.cls}, true);
    } else {
        m_kernel.metrics().jobFailed(now);
    }
    m_kernel.frames().release(frame);
    dispatch();
}

void MessageQueueBehavior::fillSnapshot(NodeSnapshot& out)
{
    QueueStation::fillSnapshot(out);
    out.hasBacklog = true;
    out.backlog = m_backlog.size();
    out.backlogCapacity = m_capacity;
}

} // namespace scalelab::core::sim
