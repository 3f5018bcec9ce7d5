#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/sim/Event.h"

namespace scalelab::core::sim {

/// The future-event set: a priority queue of events by (time, seq). Small on purpose so
/// implementations can be swapped and tested with one suite (like ns-3's scheduler.h).
/// Complexity: binary and 4-ary heap O(log n) push/pop; calendar queue O(1) amortized
/// when event times are spread evenly, O(n) worst case; timing wheel O(1) amortized push
/// and pop (a day's few events sorted once), O(log n) for the events past its horizon.
class FutureEventSet {
public:
    virtual ~FutureEventSet() = default;
    virtual void push(const Event& event) = 0;
    /// Removes and returns the earliest event. Precondition: !empty().
    virtual Event pop() = 0;
    /// The earliest event without removing it. Precondition: !empty().
    virtual const Event& top() const = 0;
    virtual bool empty() const = 0;
    virtual std::size_t size() const = 0;
    virtual void clear() = 0;
};

/// Adaptive: the 4-ary heap while few events are pending (fastest there), moving once and
/// for all to the timing wheel when the population grows past a few hundred (fastest
/// there). All order by (time, seq), so the switch changes no result. The calendar queue
/// stays selectable (tests, benchmarks); the wheel replaced it in the adaptive queue.
enum class QueueKind { BinaryHeap, QuaternaryHeap, Calendar, Adaptive, Wheel };

/// Picked by tests/bench/bench_engine. Hold model, events/s (Release, 2-core box): 16
/// pending: 4-ary 29.6M, calendar 23.4M, binary 21.3M; 1024: calendar 22.9M vs 4-ary 19.9M;
/// 65536: calendar 16.3M vs 4-ary 11.0M. Whole engine: M/M/4 (~5 pending) 4-ary 9.07M req/s
/// vs calendar 7.21M; 10k req/s replication topology (~800 pending) calendar 1.31M vs
/// 4-ary 1.10M. The timing wheel, measured beside the calendar queue while builds loaded the
/// machine: hold model 16 pending 16.1M vs 22.0M, 1024: 25.8M vs 20.3M, 65536: 10.8M vs
/// 9.1M; quiet, the two run example 08 at the same speed.
inline constexpr QueueKind kDefaultQueue = QueueKind::Adaptive;

std::unique_ptr<FutureEventSet> makeEventQueue(QueueKind kind);
std::string_view toString(QueueKind kind);

} // namespace scalelab::core::sim
