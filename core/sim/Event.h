#pragma once

#include <cstdint>

#include "core/sim/SimTime.h"

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
    LaneHead,    ///< a = lane: the first event of an EventLane is due (same time and order)
    Retry,       ///< a = root frame, b = generation: the client's backoff is over, try again
    Test,        ///< used only by the event-queue tests and benchmarks
    Resume,      ///< a = frame, b = generation: a frame waiting at its node goes on (resume())
};

/// A future event, ordered by (time, seq): seq is the insertion order, so events at the
/// same time fire in the order they were scheduled, on every queue implementation.
/// 24 bytes: the type rides in the low 8 bits of `seq` (the order is in the bits above, so
/// comparing `seq` compares insertion order).
struct Event {
    SimTime time = 0;
    std::uint64_t seq = 0;
    std::uint32_t a = 0;
    std::uint32_t b = 0;

    static Event make(SimTime time, std::uint64_t order, EventType type, std::uint32_t a,
                      std::uint32_t b = 0)
    {
        return Event{time, packSeq(order, type), a, b};
    }
    static std::uint64_t packSeq(std::uint64_t order, EventType type)
    {
        return (order << 8) | static_cast<std::uint64_t>(type);
    }
    EventType type() const { return static_cast<EventType>(seq & 0xFF); }
    std::uint64_t order() const { return seq >> 8; }
};

__extension__ using EventKey = unsigned __int128; // GCC/Clang builtin, fine under -pedantic

/// The order of events as one number: time in the high half, seq in the low half (times
/// are never negative). One 128-bit comparison instead of two branches.
inline EventKey keyOf(SimTime time, std::uint64_t seq)
{
    return (static_cast<EventKey>(static_cast<std::uint64_t>(time)) << 64) | seq;
}
inline EventKey keyOf(const Event& e)
{
    return keyOf(e.time, e.seq);
}

inline bool earlier(const Event& x, const Event& y)
{
    return keyOf(x) < keyOf(y);
}

} // namespace scalelab::core::sim
