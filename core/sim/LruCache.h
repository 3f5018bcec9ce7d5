#pragma once

#include <cstdint>
#include <vector>

namespace scalelab::core::sim {

/// A least-recently-used set of keys with a fixed capacity, honoured exactly: an
/// open-addressing hash table over slots kept in a doubly linked recency list. Storage
/// grows with the keys actually held (about 24-32 bytes each), never beyond the capacity,
/// so a capacity of a billion keys costs nothing until keys arrive.
class LruCache {
public:
    void reset(std::size_t capacity);
    /// Looks a key up; a miss inserts it (evicting the least recently used). True on a hit.
    bool access(std::uint64_t key);
    void erase(std::uint64_t key);
    std::size_t size() const { return m_used; }
    std::size_t capacity() const { return m_capacity; }

private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t prev = kEmpty; ///< towards most recent
        std::uint32_t next = kEmpty; ///< towards least recent
    };
    std::size_t home(std::uint64_t key) const
    {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & m_mask;
    }
    void growTable();
    std::size_t find(std::uint64_t key) const; ///< table position, or npos
    void unlink(std::uint32_t slot);
    void pushFront(std::uint32_t slot);
    void removeAt(std::size_t position);

    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_table;
    std::size_t m_mask = 0;
    std::size_t m_capacity = 0;
    std::size_t m_used = 0;
    std::uint32_t m_head = kEmpty;
    std::uint32_t m_tail = kEmpty;
    std::vector<std::uint32_t> m_freeSlots;
};

} // namespace scalelab::core::sim
