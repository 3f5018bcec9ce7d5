#include "core/sim/NodeBehavior.h"

namespace scalelab::core::sim {

NodeBehavior::NodeBehavior(Kernel& kernel, std::uint32_t index) : m_kernel(kernel), m_index(index)
{
    m_upTime.set(0, 1.0);
}

void NodeBehavior::arrive(std::uint32_t frame)
{
    if (!m_up) {
        ++m_counters.refused;
        m_kernel.respond(frame, FailReason::Refused);
        return;
    }
    ++m_counters.arrivals;
    m_kernel.frames()[frame].arrivedAt = m_kernel.now();
    accept(frame);
}

void NodeBehavior::fail()
{
    if (!m_up)
        return;
    m_up = false;
    m_upTime.set(m_kernel.now(), 0.0);
    // Answer every request held here with an error. The list is taken first: answers may
    // set off new requests, but none can be accepted here any more.
    for (std::uint32_t f : m_kernel.framesAt(m_index)) {
        const Frame& held = m_kernel.frames()[f];
        // An answer to an earlier one may have released and reused this slot meanwhile.
        if (held.node != m_index ||
            (held.state != FrameState::Queued && held.state != FrameState::Service &&
             held.state != FrameState::Waiting))
            continue;
        ++m_counters.lost;
        m_kernel.frames()[f].flags &= static_cast<std::uint8_t>(~kFlagHoldsWorker);
        m_kernel.respond(f, FailReason::Lost);
    }
}

void NodeBehavior::recover()
{
    if (m_up)
        return;
    m_up = true;
    m_upTime.set(m_kernel.now(), 1.0);
}

void NodeBehavior::resetStats()
{
    m_atWarmup = m_counters;
    m_upAreaAtWarmup = m_upTime.areaAt(m_kernel.now());
}

NodeCounters NodeBehavior::measuredCounters() const
{
    NodeCounters c = m_counters;
    const NodeCounters& w = m_atWarmup;
    c.arrivals -= w.arrivals;
    c.completed -= w.completed;
    c.rejected -= w.rejected;
    c.refused -= w.refused;
    c.lost -= w.lost;
    c.waits -= w.waits;
    c.responses -= w.responses;
    c.waitSumNs -= w.waitSumNs;
    c.responseSumNs -= w.responseSumNs;
    return c;
}

void NodeBehavior::fillResults(NodeResults& out) const
{
    const NodeCounters& c = m_counters;
    const NodeCounters& w = m_atWarmup;
    out.id = node().id.str();
    out.kind = node().kind.str();
    out.arrivals = c.arrivals - w.arrivals;
    out.completed = c.completed - w.completed;
    out.rejected = c.rejected - w.rejected;
    out.refused = c.refused - w.refused;
    out.lost = c.lost - w.lost;
    out.cancelled = c.cancelled - w.cancelled;
    const std::uint64_t waits = c.waits - w.waits;
    const std::uint64_t responses = c.responses - w.responses;
    out.meanWaitMs = waits ? (c.waitSumNs - w.waitSumNs) / static_cast<double>(waits) * 1e-6 : 0.0;
    out.meanResponseMs =
        responses ? (c.responseSumNs - w.responseSumNs) / static_cast<double>(responses) * 1e-6
                  : 0.0;
    const SimTime now = m_kernel.now();
    const double window = static_cast<double>(now - std::min(now, m_kernel.warmup()));
    out.upFraction =
        window > 0 ? (m_upTime.areaAt(now) - m_upAreaAtWarmup) / window : (m_up ? 1.0 : 0.0);
}

void NodeBehavior::fillSnapshot(NodeSnapshot& out)
{
    out.arrivals = m_counters.arrivals;
    out.completed = m_counters.completed;
    out.failed = m_counters.rejected + m_counters.refused + m_counters.lost;
    out.up = m_up;
}

} // namespace scalelab::core::sim
