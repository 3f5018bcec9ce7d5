#pragma once

#include "core/sim/FutureEventSet.h"

#include <vector>

namespace scalelab::core::sim {

/// An implicit D-ary min-heap in one vector: D = 2 is the classic binary heap, D = 4 halves
/// the depth and keeps the children of a node in one or two cache lines.
template <unsigned D> class DaryHeapQueue final : public FutureEventSet {
public:
    [[gnu::always_inline]] void push(const Event& event) override
    {
        std::size_t i = m_heap.size();
        m_heap.push_back(event);
        while (i > 0) {
            const std::size_t parent = (i - 1) / D;
            if (!earlier(event, m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = event;
    }

    Event pop() override
    {
        const Event result = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n == 0)
            return result;
        // Bottom-up (Floyd): move the hole down along the smallest children to a leaf
        // without comparing with `last` (which almost always belongs near the bottom), then
        // let `last` rise from there. Fewer unpredictable comparisons than the classic way.
        std::size_t hole = 0;
        for (;;) {
            const std::size_t first = hole * D + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t end = first + D < n ? first + D : n;
            for (std::size_t c = first + 1; c < end; ++c)
                if (earlier(m_heap[c], m_heap[best]))
                    best = c;
            m_heap[hole] = m_heap[best];
            hole = best;
        }
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / D;
            if (!earlier(last, m_heap[parent]))
                break;
            m_heap[hole] = m_heap[parent];
            hole = parent;
        }
        m_heap[hole] = last;
        return result;
    }

    const Event& top() const override { return m_heap.front(); }
    bool empty() const override { return m_heap.empty(); }
    std::size_t size() const override { return m_heap.size(); }
    void clear() override { m_heap.clear(); }

private:
    std::vector<Event> m_heap;
};

} // namespace scalelab::core::sim
