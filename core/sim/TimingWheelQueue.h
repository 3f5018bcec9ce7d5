#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/sim/DaryHeapQueue.h"
#include "core/sim/DayArray.h"
#include "core/sim/FutureEventSet.h"

namespace scalelab::core::sim {

/// A timing wheel with lazily sorted days (Varghese and Lauck's hashed wheel, as a
/// calendar queue that sorts a day only when the clock reaches it): the wheel's slots are
/// consecutive days of 2^shift ns; an insert appends to its day's unsorted array, and the
/// day the clock reaches is sorted once into `m_today`, which pops in (time, seq) order.
/// Days beyond the wheel's horizon wait in a 4-ary heap and join their day when it comes.
/// Each resize measures the pending events again: a day of a few gaps between the earliest
/// events, and days enough for twice the 90th percentile of how far ahead they are, so a
/// day holds a handful of events whatever the mix of delays.
///
/// Why not the calendar queue: it keeps each bucket sorted on insert, and its year
/// (buckets x day) came out shorter than a 40 ms client link, so far events shared
/// buckets with near ones: on the "millions of users" example 32% of inserts displaced a
/// bucket's first event and 23% walked its list.
class TimingWheelQueue final : public FutureEventSet {
public:
    TimingWheelQueue();
    void push(const Event& event) override { emplace(event.time, event.seq, event.a, event.b); }

    [[gnu::always_inline]] void emplace(SimTime time, std::uint64_t seq, std::uint32_t a,
                                        std::uint32_t b)
    {
        if (++m_size > m_growAbove) [[unlikely]]
            resize(); // the new event is placed after: it is counted, not yet held
        place(time, seq, a, b);
    }

    const Event& top() const override
    {
        if (m_head == m_today.size()) [[unlikely]]
            nextDay();
        return m_today[m_head];
    }

    Event pop() override
    {
        if (m_head == m_today.size()) [[unlikely]]
            nextDay();
        const Event e = m_today[m_head++];
        if (--m_size < m_shrinkBelow) [[unlikely]]
            resize();
        return e;
    }

    /// The event after the one top() gives, when it falls on the same day (else null).
    const Event* afterTop() const
    {
        return m_head + 1 < m_today.size() ? &m_today[m_head + 1] : nullptr;
    }

    bool empty() const override { return m_size == 0; }
    std::size_t size() const override { return m_size; }
    void clear() override;

private:
    /// Puts an event where it belongs; it is already counted in m_size. Its fields come
    /// in registers and are stored where the event stays: an Event assembled on the stack
    /// first was read back whole at once, before its stores had landed (perf showed a
    /// third of respond()'s samples on that reload).
    [[gnu::always_inline]] void place(SimTime time, std::uint64_t seq, std::uint32_t a,
                                      std::uint32_t b)
    {
        const std::uint64_t ahead = static_cast<std::uint64_t>((time >> m_shift) - m_day);
        // 1 <= ahead < slots: the wheel (unsigned: a day before today wraps to huge).
        if (ahead - 1 < m_mask) [[likely]] {
            const auto slot = static_cast<std::size_t>((time >> m_shift) & m_maskDay);
            DayArray& day = m_slots[slot];
            if (day.empty()) {
                m_occupied[slot >> 6] |= std::uint64_t{1} << (slot & 63);
                ++m_inSlots;
            }
            day.emplace_back(time, seq, a, b);
            return;
        }
        placeElsewhere(Event{time, seq, a, b});
    }
    void place(const Event& e) { place(e.time, e.seq, e.a, e.b); }
    /// Today (sorted into m_today), before today (everything placed again around that
    /// day), or past the horizon (the overflow heap).
    void placeElsewhere(const Event& event);
    /// m_today is used up: makes the next day with events today and sorts it.
    void nextDay() const;
    /// Writes the events of `from` into `to` in (time, seq) order.
    static void rankInto(const DayArray& from, DayArray& to);
    /// Days from today to the next occupied slot (0 when none).
    std::uint64_t daysToNextSlot() const;
    /// Measures the events again: day length, number of days, thresholds.
    void resize();
    void setDays(std::size_t slots);
    std::vector<Event> takeAll() const;
    void placeAll(const std::vector<Event>& events);

    // Mutable: top() moves to the next day exactly as pop() would.
    /// Each day's events in the order they were scheduled. A day's array becomes m_today
    /// by a swap, and today's used array goes back to the slot: no event is copied, and
    /// the arrays keep their capacity, so a run in its steady state allocates nothing.
    mutable std::vector<DayArray> m_slots;
    mutable std::vector<std::uint64_t> m_occupied; ///< one bit per slot that holds events
    mutable std::size_t m_inSlots = 0;             ///< slots that hold events
    mutable DayArray m_today;                      ///< the current day's events, sorted
    mutable std::size_t m_head = 0;                ///< next of m_today
    mutable SimTime m_day = 0;                     ///< the current day: time >> m_shift
    mutable DaryHeapQueue<4> m_overflow;
    static constexpr SimTime kNoDay = std::numeric_limits<SimTime>::max();
    mutable SimTime m_overflowDay = kNoDay; ///< the overflow's earliest day, kept at hand
    int m_shift = 10;
    std::uint64_t m_mask = 0; ///< slots - 1
    SimTime m_maskDay = 0;    ///< the same as a day number
    std::size_t m_size = 0;
    std::size_t m_growAbove = 0;
    std::size_t m_shrinkBelow = 0;
    bool m_placing = false; ///< resize() is placing the events again: no resize from within
};

} // namespace scalelab::core::sim
