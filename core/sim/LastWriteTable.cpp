#include "core/sim/LastWriteTable.h"

#include <algorithm>
#include <bit>

namespace scalelab::core::sim {

namespace {
constexpr std::size_t kMinSlots = 64;
} // namespace

LastWriteTable::LastWriteTable()
{
    rebuild(kMinSlots, 0);
}

void LastWriteTable::record(std::uint64_t key, std::uint64_t seq)
{
    // At most half full: short probe chains.
    if (full())
        rebuild(2 * m_entries.size(), 0);
    std::size_t p = home(key);
    for (;; p = (p + 1) & m_mask) {
        Entry& e = m_entries[p];
        if (e.seq == 0) {
            e.key = key;
            ++m_used;
            break;
        }
        if (e.key == key)
            break;
    }
    m_entries[p].seq = seq;
}

void LastWriteTable::prune(std::uint64_t applied)
{
    std::size_t live = 0;
    for (const Entry& e : m_entries)
        if (e.seq > applied)
            ++live;
    // The kept entries fill at most a quarter: at least as many records again before the
    // next prune, so pruning costs a few slot visits per write. Shrinks after a burst.
    rebuild(std::max(kMinSlots, std::bit_ceil(4 * live + 4)), applied);
}

void LastWriteTable::rebuild(std::size_t slots, std::uint64_t applied)
{
    std::vector<Entry> old(slots);
    old.swap(m_entries);
    m_mask = slots - 1;
    m_shift = 64 - std::countr_zero(slots);
    m_used = 0;
    for (const Entry& e : old) {
        if (e.seq <= applied)
            continue; // empty (seq 0) or applied everywhere
        std::size_t p = home(e.key);
        while (m_entries[p].seq != 0)
            p = (p + 1) & m_mask;
        m_entries[p] = e;
        ++m_used;
    }
}

} // namespace scalelab::core::sim
