#pragma once

#include <cstddef>
#include <cstdint>

#include "core/sim/Frame.h"
#include "core/sim/FutureEventSet.h"

namespace scalelab::core::sim {

/// Knobs of the engine itself (the model's knobs are in the topology).
struct SimulationOptions {
    QueueKind queue = kDefaultQueue;
    /// Hard cap so nothing can run away: the run stops there and says so in its results.
    std::uint64_t maxEvents = 4'000'000'000ULL;
    /// The other cap: call frames alive at once (a request holds one at each node it is
    /// at). An overloaded queue without a queue_limit grows until the run stops here.
    std::uint32_t maxFrames = FramePool::kCapacity - FramePool::kHeadroom;
    /// Keep every end-to-end latency (tests compare percentiles with an exact sort).
    bool keepLatencies = false;
    /// At most this many in-flight requests in a snapshot.
    std::size_t inFlightSample = 2000;
};

} // namespace scalelab::core::sim
