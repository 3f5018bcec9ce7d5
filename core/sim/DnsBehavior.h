#pragma once

#include <vector>

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

/// A DNS server: a queue that answers lookups itself; down, it fails them (refused).
/// With `routing` geo it also keeps what it believes of the entry points its clients may be
/// sent to: a node that fails or recovers is noticed `detect_s` later (its health checks),
/// and each client picks its entry from the answer it holds (ClientBehavior), which is
/// the DNS's belief at the time of the user's last lookup.
class DnsBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;

    void init() override;
    void reconfigure() override;
    void nodeStateChanged(std::uint32_t node, bool up) override;
    void timer(std::uint32_t code) override;

    bool geo() const { return m_geo; }
    /// True once the DNS noticed some change: until then every answer is the first one.
    bool changed() const { return !m_history.empty(); }
    /// Whether the DNS believed the node up at time `at` (what an answer given then says).
    bool believedUp(std::uint32_t node, SimTime at) const;

private:
    struct Change {
        SimTime at;
        std::uint32_t node;
        bool up;
    };
    void notice(std::uint32_t node, bool up);

    bool m_geo = false;
    SimTime m_detect = 0;
    std::vector<bool> m_watched;   ///< entry points of the clients that resolve here
    std::vector<Change> m_pending; ///< changes being detected; a timer code is an index
    std::vector<Change> m_history; ///< noticed changes, in time order
};

} // namespace scalelab::core::sim
