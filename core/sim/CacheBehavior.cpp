#include "core/sim/CacheBehavior.h"

#include <algorithm>

namespace scalelab::core::sim {

void CacheBehavior::reconfigure()
{
    QueueStation::reconfigure();
    m_hitRatio = node().number("hit_ratio");
    // Exactly the capacity asked for: the LRU's storage grows with the keys it holds.
    const auto capacity =
        static_cast<std::size_t>(std::max<std::int64_t>(0, node().integer("capacity_keys")));
    if (capacity != m_capacity) {
        m_capacity = capacity;
        m_lru.reset(capacity);
    }
}

void CacheBehavior::recover()
{
    QueueStation::recover();
    m_lru.reset(m_capacity); // a restarted cache is cold
}

void CacheBehavior::invalidate(std::uint64_t key)
{
    if (m_capacity > 0)
        m_lru.erase(key);
}

void CacheBehavior::served(std::uint32_t frame)
{
    Frame& f = m_kernel.frames()[frame];
    if (f.flags & kFlagSession) {
        answer(frame); // a session store holds every logged-in user's session
        return;
    }
    const bool hit = m_capacity > 0
                         ? m_lru.access(f.key)
                         : (m_hitRatio >= 1.0 || uniform01(m_kernel.rng(m_index)) < m_hitRatio);
    if (hit)
        f.flags |= kFlagHit;
    answer(frame);
}

} // namespace scalelab::core::sim
