#include "core/sim/CdnBehavior.h"

namespace scalelab::core::sim {

namespace {
constexpr std::uint16_t kStepOrigin = 1;
} // namespace

void CdnBehavior::init()
{
    const auto& origins = m_kernel.index().out(m_index);
    if (!origins.empty())
        m_origin = static_cast<std::uint32_t>(origins.front());
    reconfigure();
}

void CdnBehavior::reconfigure()
{
    QueueStation::reconfigure();
    m_hitRatio = node().number("hit_ratio");
    m_ttl = fromSeconds(node().number("ttl_s"));
    m_fallback = node().flag("fallback");
}

bool CdnBehavior::lookup(std::uint64_t object)
{
    if (m_ttl <= 0)
        return m_hitRatio >= 1.0 || uniform01(m_kernel.rng(m_index)) < m_hitRatio;
    const auto now = static_cast<std::uint64_t>(m_kernel.now());
    if (now < m_expiry.lookup(object))
        return true;
    if (m_expiry.full())
        m_expiry.prune(now); // an expired object is as good as absent
    m_expiry.record(object, now + static_cast<std::uint64_t>(m_ttl)); // timer starts with the fetch
    return false;
}

void CdnBehavior::served(std::uint32_t frame)
{
    Frame& f = m_kernel.frames()[frame];
    if (lookup(f.key)) {
        ++m_hits;
        f.flags |= kFlagHit;
        answer(frame);
        return;
    }
    ++m_misses;
    if (m_origin == kNone) {
        answer(frame, FailReason::NoBackend); // nowhere to fetch it from
        return;
    }
    f.step = kStepOrigin;
    m_kernel.call(frame, m_origin, m_kernel.link(m_origin).to);
}

void CdnBehavior::childReturned(std::uint32_t frame, const Frame& child)
{
    answer(frame, child.reason);
}

std::uint32_t CdnBehavior::bypass() const
{
    return m_fallback && m_origin != kNone ? m_kernel.link(m_origin).to : kNone;
}

void CdnBehavior::act(const ScenarioAction& action)
{
    if (action.action == ActionType::Purge)
        purge();
}

void CdnBehavior::purge()
{
    m_expiry.prune(~std::uint64_t{0}); // every object dropped
}

void CdnBehavior::recover()
{
    QueueStation::recover();
    purge(); // a restarted edge is cold
}

void CdnBehavior::resetStats()
{
    QueueStation::resetStats();
    m_hitsAtWarmup = m_hits;
    m_missesAtWarmup = m_misses;
}

void CdnBehavior::fillResults(NodeResults& out) const
{
    QueueStation::fillResults(out);
    out.edge = true;
    out.hits = m_hits - m_hitsAtWarmup;
    out.misses = m_misses - m_missesAtWarmup;
}

void CdnBehavior::fillSnapshot(NodeSnapshot& out)
{
    QueueStation::fillSnapshot(out);
    out.hits = m_hits;
    out.misses = m_misses;
}

} // namespace scalelab::core::sim
