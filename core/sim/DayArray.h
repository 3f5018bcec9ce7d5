#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "core/sim/Event.h"

namespace scalelab::core::sim {

/// The events of one day of the timing wheel, in one growable array.
///
/// By hand rather than std::vector<Event>: GCC kept vector::push_back out of line in the
/// wheel's insert (22 instructions a call, 5% of example 08's instructions); here the
/// append is a compare and four stores inline, and only growing is a call.
class DayArray {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    Event& operator[](std::size_t i) { return m_events[i]; }
    const Event& operator[](std::size_t i) const { return m_events[i]; }
    Event* begin() { return m_events.get(); }
    Event* end() { return m_events.get() + m_size; }
    const Event* begin() const { return m_events.get(); }
    const Event* end() const { return m_events.get() + m_size; }

    [[gnu::always_inline]] void push_back(const Event& e)
    {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        m_events[m_size++] = e;
    }

    [[gnu::always_inline]] void emplace_back(SimTime time, std::uint64_t seq, std::uint32_t a,
                                             std::uint32_t b)
    {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        Event& slot = m_events[m_size++];
        slot.time = time;
        slot.seq = seq;
        slot.a = a;
        slot.b = b;
    }

    /// Puts `e` before position `at` (at <= size()).
    void insert(std::size_t at, const Event& e)
    {
        if (m_size == m_capacity)
            grow();
        std::memmove(m_events.get() + at + 1, m_events.get() + at, (m_size - at) * sizeof(Event));
        m_events[at] = e;
        ++m_size;
    }

    /// Makes the array `n` events long, their contents to be written (the old ones are lost).
    void resizeForOverwrite(std::size_t n)
    {
        if (n > m_capacity) {
            m_size = 0;
            while (m_capacity < n)
                grow();
        }
        m_size = static_cast<std::uint32_t>(n);
    }

    void clear() { m_size = 0; } ///< keeps the capacity
    void swap(DayArray& other) noexcept
    {
        m_events.swap(other.m_events);
        std::swap(m_size, other.m_size);
        std::swap(m_capacity, other.m_capacity);
    }

private:
    [[gnu::noinline]] void grow()
    {
        const std::uint32_t capacity = m_capacity ? 2 * m_capacity : 8;
        auto bigger = std::make_unique<Event[]>(capacity);
        if (m_size > 0)
            std::memcpy(bigger.get(), m_events.get(), m_size * sizeof(Event));
        m_events = std::move(bigger);
        m_capacity = capacity;
    }

    std::unique_ptr<Event[]> m_events;
    std::uint32_t m_size = 0;
    std::uint32_t m_capacity = 0;
};

} // namespace scalelab::core::sim
