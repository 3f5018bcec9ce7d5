#pragma once

#include "core/sim/SimTime.h"

#include <cstdint>

namespace scalelab::core::sim {

/// What an event does when it fires; the kernel dispatches on it.
enum class EventType : std::uint8_t {
    Arrive,      ///< a = frame: a request reaches the node it was sent to
    ServiceDone, ///< a = frame, b = frame generation
    Return,      ///< a = frame, b = generation: a response reaches the caller
    Timer,       ///< a = node, b = node-specific timer code (client arrivals, health checks)
    Timeout,     ///< a = root frame, b = generation: the client gives up
    Scenario,    ///< a = index into the scenario timeline
    Group,       ///< a = replication group, b = failover epoch (detection / promotion steps)
    Warmup,      ///< statistics restart here
    Test,        ///< used only by the event-queue tests and benchmarks
};

/// A future event, ordered by (time, seq): seq is the insertion order, so events at the
/// same time fire in the order they were scheduled, on every queue implementation.
struct Event {
    SimTime time = 0;
    std::uint64_t seq = 0;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    EventType type = EventType::Test;
};

inline bool earlier(const Event& x, const Event& y)
{
    return x.time < y.time || (x.time == y.time && x.seq < y.seq);
}

} // namespace scalelab::core::sim
