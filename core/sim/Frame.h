#pragma once

#include <algorithm>
#include <cstdint>
#include <new>

#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

/// Why a request failed; every failure carries one (results "by_reason").
enum class FailReason : std::uint8_t {
    None,
    Rejected,  ///< the queue was full (queue_limit)
    Refused,   ///< the node was down when the request reached it
    Timeout,   ///< the client stopped waiting (timeout_ms)
    Lost,      ///< the node failed while the request was queued or being served there
    NoBackend, ///< a load balancer had no backend in rotation
    Cancelled, ///< dropped unserved: its client had given up (cancel_on_timeout); never
               ///< reaches a client, so never in a request's by_reason
    Count
};
const char* reasonName(FailReason reason);

/// Static: a request for a static asset (client.static_ratio), served by a CDN, its origin
/// or a web server, never by a cache or a database.
enum class RequestClass : std::uint8_t { Read, Write, Static };

enum class FrameState : std::uint8_t { Free, Transit, Queued, Service, Waiting, Returning };

/// One visit of a request to one node (a call frame). A request is a chain of frames from
/// the client's root frame down to the node currently working on it; a response travels
/// back up the chain. Frames are pooled: steady-state runs allocate nothing per request.
/// One cache line: the hot path touches a frame or two per event.
struct alignas(64) Frame {
    SimTime arrivedAt = 0; ///< at this node (root: creation time of the request)
    SimTime dueAt = 0;     ///< reaches the other end of `link` (it left one latency earlier)
    std::uint64_t key = 0;
    std::uint32_t gen = 0;        ///< bumped on release: stale events and children detect reuse
    std::uint32_t parent = kNone; ///< caller frame
    std::uint32_t parentGen = 0;
    std::uint32_t node = kNone;        ///< node serving this frame
    std::uint32_t link = kNone;        ///< link it came over (responses return over it)
    std::uint32_t nextInQueue = kNone; ///< also the free-list link
    std::uint32_t aux = 0;             ///< node-specific (chosen backend, ...)
    std::uint16_t step = 0;            ///< node-specific progress
    FrameState state = FrameState::Free;
    std::uint8_t flags = 0; ///< node-specific bits, see kFlag*
    FailReason reason = FailReason::None;
    RequestClass cls = RequestClass::Read;
    std::uint32_t user = 0; ///< the user it belongs to (only drawn when sessions matter)
};

static_assert(sizeof(Frame) == 64);

inline constexpr std::uint8_t kFlagHoldsWorker = 1; ///< blocking web server keeps its worker
inline constexpr std::uint8_t kFlagLogin = 2;    ///< no session here: the user logs in (login_ms)
inline constexpr std::uint8_t kFlagHit = 4;      ///< cache answer: found
inline constexpr std::uint8_t kFlagRetried = 8;  ///< load balancer retried it once
inline constexpr std::uint8_t kFlagWarm = 16;    ///< root: created after the warm-up
inline constexpr std::uint8_t kFlagSession = 32; ///< a session read at a session store

/// The frames of a run in one array, reused through a free list. The array's address
/// range is reserved whole when the run starts and the system backs only the pages
/// touched, so frames never move: a reference stays valid while calls nest and allocate,
/// and a frame is one load from the base (a chunked pool cost two dependent loads per
/// access, 5% of the engine's time in bench_engine).
class FramePool {
public:
    /// 64M frames, 4 GiB of address space; runs stop before (SimulationOptions::maxFrames).
    static constexpr std::uint32_t kCapacity = 1u << 26;
    /// Left free when a run is stopped, for what the event being processed allocates.
    static constexpr std::uint32_t kHeadroom = 1u << 20;

    FramePool();
    ~FramePool();
    FramePool(const FramePool&) = delete;
    FramePool& operator=(const FramePool&) = delete;

    Frame& operator[](std::uint32_t i) { return m_base[i]; }
    const Frame& operator[](std::uint32_t i) const { return m_base[i]; }
    /// Starts loading frame i, if there is one (any i: a prefetch never faults).
    void prefetch(std::uint32_t i) const
    {
        __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(m_base) +
                                                         std::uintptr_t{i} * sizeof(Frame)));
    }

    std::uint32_t allocate()
    {
        ++m_live;
        if (m_free == kNone) {
            if (m_size >= m_watchSize) [[unlikely]]
                reachedWatch();
            new (&m_base[m_size]) Frame{};
            return m_size++;
        }
        const std::uint32_t i = m_free;
        m_free = m_base[i].nextInQueue;
        return i;
    }

    /// The frame stays, but what was sent under its old generation is orphaned: late
    /// answers and pending timeouts are dropped (a client's next try of a request).
    void renew(std::uint32_t i) { ++m_base[i].gen; }

    void release(std::uint32_t i)
    {
        Frame& f = m_base[i];
        ++f.gen;
        f.state = FrameState::Free;
        f.flags = 0;
        f.nextInQueue = m_free;
        m_free = i;
        --m_live;
    }

    /// Zeroes *flag once the pool has grown to `frames` frames (live frames can reach a
    /// count only after the pool has): the kernel folds its frame cap into the check of
    /// its event cap this way, one comparison an event for both.
    void watch(std::uint32_t frames, std::uint64_t* flag)
    {
        m_watchSize = std::min(frames, kCapacity);
        m_watchFlag = flag;
    }

    std::uint32_t size() const { return m_size; } ///< frames ever allocated (live or free)
    std::uint32_t live() const { return m_live; }

private:
    [[noreturn]] static void exhausted();
    void reachedWatch()
    {
        if (m_size == kCapacity)
            exhausted();
        if (m_watchFlag)
            *m_watchFlag = 0;
    }

    Frame* m_base = nullptr;
    std::uint32_t m_size = 0;
    std::uint32_t m_free = kNone;
    std::uint32_t m_live = 0;
    std::uint32_t m_watchSize = kCapacity;
    std::uint64_t* m_watchFlag = nullptr;
};

} // namespace scalelab::core::sim
