#pragma once

#include <unordered_map>
#include <vector>

#include "core/sim/QueueStation.h"

namespace scalelab::core::sim {

/// Spreads requests over its backends (round robin, random, least connections, weighted),
/// takes dead ones out of rotation after failed health checks and back after passed ones,
/// and optionally retries a failed request once on another backend. With sticky sessions a
/// user's requests go to the backend that took their first one while it stays in rotation
/// (a cookie names it); once it is out, the user is pinned to a new one.
class LoadBalancerBehavior final : public QueueStation {
public:
    using QueueStation::QueueStation;

    void init() override;
    void reconfigure() override;
    void childReturned(std::uint32_t frame, const Frame& child) override;
    void timer(std::uint32_t code) override;
    void fail() override;
    void fillSnapshot(NodeSnapshot& out) override;

protected:
    void served(std::uint32_t frame) override;

private:
    struct Backend {
        std::uint32_t link = kNone;
        std::uint32_t node = kNone;
        double weight = 1;
        bool inRotation = true;
        std::int64_t failedChecks = 0;
        std::int64_t passedChecks = 0;
        std::uint32_t outstanding = 0;
    };
    enum class Algorithm { RoundRobin, Random, LeastConnections, Weighted };

    std::uint32_t pick(std::uint32_t exclude);
    std::uint32_t pickSticky(std::uint32_t user);
    void send(std::uint32_t frame, std::uint32_t backend);
    void healthCheck();

    std::vector<Backend> m_backends;
    Algorithm m_algorithm = Algorithm::RoundRobin;
    std::uint32_t m_next = 0;
    SimTime m_interval = kNsPerS;
    std::int64_t m_unhealthyThreshold = 2;
    std::int64_t m_healthyThreshold = 2;
    bool m_retry = false;
    bool m_sticky = false;
    /// Sticky sessions: user -> backend (grows with the users seen, at most `users`).
    std::unordered_map<std::uint32_t, std::uint32_t> m_pins;
};

} // namespace scalelab::core::sim
