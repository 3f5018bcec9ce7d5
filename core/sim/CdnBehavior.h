#pragma once

#include "core/sim/LastWriteTable.h"
#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

/// A CDN: edge servers that answer static requests they hold and fetch the others from
/// their origin (the request link). Held: a fixed `hit_ratio`, or with `ttl_s` > 0 a TTL
/// cache over the clients' objects: a miss fetches the object and keeps it `ttl_s` from
/// that moment; requests for it until then are hits (those arriving while it is fetched
/// too, as an edge coalesces them). Down, it passes its traffic to the origin when
/// `fallback` is set (bypass()). A purge empties it.
class CdnBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;

    void init() override;
    void reconfigure() override;
    void childReturned(std::uint32_t frame, const Frame& child) override;
    void recover() override;
    void resetStats() override;
    void fillResults(NodeResults& out) const override;
    void fillSnapshot(NodeSnapshot& out) override;
    std::uint32_t bypass() const override;
    void act(const ScenarioAction& action) override;

protected:
    void served(std::uint32_t frame) override;

private:
    bool lookup(std::uint64_t object);
    void purge();

    std::uint32_t m_origin = kNone; ///< link to the origin
    double m_hitRatio = 0;
    SimTime m_ttl = 0;
    bool m_fallback = true;
    /// When each object fetched expires (a key -> number table whose numbers at or below a
    /// threshold can be dropped: here the expiry, dropped once past). Sparse, exact for any
    /// object_space: it holds the objects fetched within the last ttl_s, not every object.
    LastWriteTable m_expiry;
    std::uint64_t m_hits = 0, m_misses = 0;
    std::uint64_t m_hitsAtWarmup = 0, m_missesAtWarmup = 0;
};

} // namespace scalelab::core::sim
