#pragma once

#include "core/sim/LruCache.h"
#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

/// Cache-aside store: answers a read with hit or miss (a fixed hit_ratio, or an LRU of
/// capacity_keys over the clients' keys whose hit ratio emerges); writes invalidate.
class CacheBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;

    void reconfigure() override;
    void recover() override;
    /// A write went to the database: drop the key (no queueing; the web server does it).
    void invalidate(std::uint64_t key);

protected:
    void served(std::uint32_t frame) override;

private:
    double m_hitRatio = 0;
    std::size_t m_capacity = 0;
    LruCache m_lru;
};

} // namespace scalelab::core::sim
