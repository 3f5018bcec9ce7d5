#include "core/sim/LruCache.h"

namespace scalelab::core::sim {

namespace {
constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);
constexpr std::size_t kMinTable = 16;
} // namespace

void LruCache::reset(std::size_t capacity)
{
    m_capacity = capacity;
    std::vector<Slot>().swap(m_slots); // a smaller or cold cache gives its memory back
    std::vector<std::uint32_t>().swap(m_freeSlots);
    m_table.assign(kMinTable, kEmpty);
    m_mask = kMinTable - 1;
    m_used = 0;
    m_head = m_tail = kEmpty;
}

void LruCache::growTable()
{
    m_table.assign(2 * m_table.size(), kEmpty);
    m_mask = m_table.size() - 1;
    for (std::uint32_t s = m_head; s != kEmpty; s = m_slots[s].next) {
        std::size_t p = home(m_slots[s].key);
        while (m_table[p] != kEmpty)
            p = (p + 1) & m_mask;
        m_table[p] = s;
    }
}

std::size_t LruCache::find(std::uint64_t key) const
{
    for (std::size_t p = home(key);; p = (p + 1) & m_mask) {
        const std::uint32_t s = m_table[p];
        if (s == kEmpty)
            return kNotFound;
        if (m_slots[s].key == key)
            return p;
    }
}

void LruCache::unlink(std::uint32_t s)
{
    Slot& slot = m_slots[s];
    (slot.prev == kEmpty ? m_head : m_slots[slot.prev].next) = slot.next;
    (slot.next == kEmpty ? m_tail : m_slots[slot.next].prev) = slot.prev;
}

void LruCache::pushFront(std::uint32_t s)
{
    Slot& slot = m_slots[s];
    slot.prev = kEmpty;
    slot.next = m_head;
    if (m_head != kEmpty)
        m_slots[m_head].prev = s;
    m_head = s;
    if (m_tail == kEmpty)
        m_tail = s;
}

void LruCache::removeAt(std::size_t p)
{
    const std::uint32_t s = m_table[p];
    unlink(s);
    m_freeSlots.push_back(s);
    --m_used;
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    std::size_t hole = p;
    for (std::size_t q = (p + 1) & m_mask;; q = (q + 1) & m_mask) {
        const std::uint32_t t = m_table[q];
        if (t == kEmpty)
            break;
        const std::size_t h = home(m_slots[t].key);
        // Move t into the hole when its home is not cyclically within (hole, q].
        const bool between = hole <= q ? (h > hole && h <= q) : (h > hole || h <= q);
        if (!between) {
            m_table[hole] = t;
            hole = q;
        }
    }
    m_table[hole] = kEmpty;
}

bool LruCache::access(std::uint64_t key)
{
    if (m_capacity == 0)
        return false;
    if (const std::size_t p = find(key); p != kNotFound) {
        const std::uint32_t s = m_table[p];
        if (m_head != s) {
            unlink(s);
            pushFront(s);
        }
        return true;
    }
    std::uint32_t s;
    if (!m_freeSlots.empty()) {
        s = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else if (m_slots.size() < m_capacity) {
        s = static_cast<std::uint32_t>(m_slots.size());
        m_slots.emplace_back();
    } else {
        removeAt(find(m_slots[m_tail].key)); // full: the least recently used goes
        s = m_freeSlots.back();
        m_freeSlots.pop_back();
    }
    // At most half full: short probe chains (the table doubles as the cache fills).
    if (2 * (m_used + 1) > m_table.size())
        growTable();
    m_slots[s].key = key;
    pushFront(s);
    std::size_t p = home(key);
    while (m_table[p] != kEmpty)
        p = (p + 1) & m_mask;
    m_table[p] = s;
    ++m_used;
    return false;
}

void LruCache::erase(std::uint64_t key)
{
    if (m_capacity == 0)
        return;
    if (const std::size_t p = find(key); p != kNotFound)
        removeAt(p);
}

} // namespace scalelab::core::sim
