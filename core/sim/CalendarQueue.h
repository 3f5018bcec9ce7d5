#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/sim/FutureEventSet.h"

namespace scalelab::core::sim {

/// Brown's calendar queue (CACM 1988): buckets of one "day" each, scanned like the days of
/// a year; resized (and the day length re-estimated from the earliest events) when the
/// population doubles or halves. A bucket holds its earliest event inline and the rest in a
/// sorted singly linked list of 32-byte slots in one pool. Buckets hold about one event
/// each, so the scan for the next event and most inserts and pops touch only the bucket
/// array, in order, and no slot (a head index into the pool cost a cold load each).
class CalendarQueue final : public FutureEventSet {
public:
    CalendarQueue();
    void push(const Event& event) override { emplace(event.time, event.seq, event.a, event.b); }
    /// Inserts (time, seq, a, b) with the fields in registers: an Event assembled on the
    /// caller's stack and read back whole stalls store-to-load forwarding.
    void emplace(SimTime time, std::uint64_t seq, std::uint32_t a, std::uint32_t b);
    Event pop() override;
    const Event& top() const override
    {
        // Most often the day being scanned holds the earliest event: no call for that.
        const Bucket& current = m_buckets[m_current];
        if (current.first.time < m_bucketTop) {
            m_located = true;
            return current.first;
        }
        return m_buckets[locateMin()].first;
    }
    bool empty() const override { return m_size == 0; }
    std::size_t size() const override { return m_size; }
    void clear() override;

private:
    static constexpr std::uint32_t kNil = 0xFFFFFFFFu;
    struct Slot {
        Event event;
        std::uint32_t next = kNil;
    };

    static constexpr SimTime kEmpty = std::numeric_limits<SimTime>::max(); ///< first.time
    struct Bucket {
        Event first{kEmpty, 0, 0, 0};
        std::uint32_t rest = kNil; ///< later events of the bucket, earliest first
        /// The last of `rest`: events at one instant arrive in seq order and append in
        /// O(1) (100k scenario steps at one instant were quadratic walking the list).
        std::uint32_t tail = kNil;
    };

    std::size_t bucketOf(SimTime t) const
    {
        return static_cast<std::size_t>(t >> m_shift) & (m_buckets.size() - 1);
    }
    SimTime dayEnd(SimTime t) const { return ((t >> m_shift) + 1) << m_shift; }
    void insert(SimTime time, std::uint64_t seq, std::uint32_t a, std::uint32_t b);
    /// Finds the bucket holding the earliest event and moves the scan position there.
    std::size_t locateMin() const;
    void resize(std::size_t buckets);

    std::uint32_t allocateSlot();

    std::vector<Bucket> m_buckets;
    std::vector<Slot> m_slots;
    std::uint32_t m_freeSlot = kNil;
    std::size_t m_size = 0;
    // Days are a power of two of nanoseconds: a shift instead of a 64-bit division.
    int m_shift = 10;
    SimTime m_width = SimTime{1} << 10;
    // Scan state: mutable because top() advances it exactly as pop() would.
    mutable std::size_t m_current = 0;
    mutable SimTime m_bucketTop = 0;            ///< end of the current day's window
    mutable std::uint64_t m_directSearches = 0; ///< a sign the day length is wrong
    /// m_current holds the earliest event (top() found it; nothing was pushed since), so
    /// the pop that follows a top() does not search again.
    mutable bool m_located = false;
    std::uint64_t m_popsSinceResize = 0;
    /// Resize thresholds of the current bucket count, kept so that a push or a pop tests
    /// one number (the population doubles past m_growAbove, halves below m_shrinkBelow).
    std::size_t m_growAbove = 0;
    std::size_t m_shrinkBelow = 0;
    void setThresholds();
    std::vector<Event> m_scratch;
};

} // namespace scalelab::core::sim
