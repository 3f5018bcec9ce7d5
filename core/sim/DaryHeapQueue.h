#pragma once

#include <cstring>
#include <memory>

#include "core/sim/FutureEventSet.h"

namespace scalelab::core::sim {

/// An implicit D-ary min-heap in one array: D = 2 is the classic binary heap, D = 4 halves
/// the depth and keeps the children of a node in one or two cache lines.
///
/// Written by hand rather than on std::priority_queue: the kernel inserts through
/// emplace() with the event's fields in registers and compares 128-bit keys held in
/// registers, so no event is first assembled on the stack and read back whole (a
/// store-to-load forwarding stall that perf showed on inserts).
template <unsigned D> class DaryHeapQueue final : public FutureEventSet {
public:
    void push(const Event& event) override { emplace(event.time, event.seq, event.a, event.b); }

    /// Inserts the event (time, seq, a, b); seq already carries the type (Event::make).
    [[gnu::always_inline]] void emplace(SimTime time, std::uint64_t seq, std::uint32_t a,
                                        std::uint32_t b)
    {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        const EventKey key = keyOf(time, seq);
        std::size_t i = m_size++;
        while (i > 0) {
            const std::size_t parent = (i - 1) / D;
            if (key >= keyOf(m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        Event& slot = m_heap[i];
        slot.time = time;
        slot.seq = seq;
        slot.a = a;
        slot.b = b;
    }

    Event pop() override
    {
        const Event result = m_heap[0];
        const std::size_t n = --m_size;
        if (n == 0)
            return result;
        const Event& last = m_heap[n];
        const EventKey lastKey = keyOf(last);
        // Bottom-up (Floyd): move the hole down along the smallest children to a leaf
        // without comparing with `last` (which almost always belongs near the bottom), then
        // let `last` rise from there. Fewer unpredictable comparisons than the classic way.
        std::size_t hole = 0;
        for (;;) {
            const std::size_t first = hole * D + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            EventKey bestKey = keyOf(m_heap[first]);
            const std::size_t end = first + D < n ? first + D : n;
            // Selects, not branches: which child is smallest is a coin toss the branch
            // predictor loses half the time.
            for (std::size_t c = first + 1; c < end; ++c) {
                const EventKey k = keyOf(m_heap[c]);
                const bool less = k < bestKey;
                best = less ? c : best;
                bestKey = less ? k : bestKey;
            }
            m_heap[hole] = m_heap[best];
            hole = best;
        }
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / D;
            if (lastKey >= keyOf(m_heap[parent]))
                break;
            m_heap[hole] = m_heap[parent];
            hole = parent;
        }
        m_heap[hole] = last;
        return result;
    }

    const Event& top() const override { return m_heap[0]; }
    bool empty() const override { return m_size == 0; }
    std::size_t size() const override { return m_size; }
    void clear() override { m_size = 0; }

private:
    [[gnu::noinline]] void grow()
    {
        const std::size_t capacity = m_capacity ? 2 * m_capacity : 64;
        auto bigger = std::make_unique<Event[]>(capacity);
        if (m_size > 0)
            std::memcpy(bigger.get(), m_heap.get(), m_size * sizeof(Event));
        m_heap = std::move(bigger);
        m_capacity = capacity;
    }

    std::unique_ptr<Event[]> m_heap;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace scalelab::core::sim
