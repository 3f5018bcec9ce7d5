#pragma once

#include <cstdint>
#include <vector>

namespace scalelab::core::sim {

/// The sequence number of the latest committed write of each key, kept only while some
/// replica may not have applied it. Sparse: an open-addressing table of the keys written
/// recently, so memory follows the writes inside the replication lag, never `key_space`
/// (a dense per-key array cost 8 bytes per possible key and had to be capped).
/// Hand-written because Boost 1.74 has no flat hash map and std::unordered_map allocates
/// a node per key on the path of every write.
/// A TTL CDN keeps its objects' expiry times in one too (CdnBehavior): any key -> number
/// table whose entries at or below a threshold may go.
class LastWriteTable {
public:
    LastWriteTable();
    /// `seq` (>= 1) is the latest write of `key`.
    void record(std::uint64_t key, std::uint64_t seq);
    /// The latest write of `key` still kept, or 0.
    std::uint64_t lookup(std::uint64_t key) const
    {
        for (std::size_t p = home(key);; p = (p + 1) & m_mask) {
            const Entry& e = m_entries[p];
            if (e.seq == 0)
                return 0;
            if (e.key == key)
                return e.seq;
        }
    }
    /// Drops every entry with seq <= `applied`: every replica has those writes, so no read
    /// can find them stale again (a replica's applied sequence never goes back).
    void prune(std::uint64_t applied);
    /// One more key would take the table past half full: time to prune (or grow).
    bool full() const { return 2 * (m_used + 1) > m_entries.size(); }
    std::size_t size() const { return m_used; }
    /// Slots allocated (each 16 bytes).
    std::size_t slots() const { return m_entries.size(); }

private:
    struct Entry {
        std::uint64_t key = 0;
        std::uint64_t seq = 0; ///< 0 = empty slot
    };
    std::size_t home(std::uint64_t key) const
    {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }
    void rebuild(std::size_t slots, std::uint64_t applied);

    std::vector<Entry> m_entries;
    std::size_t m_mask = 0;
    int m_shift = 64;
    std::size_t m_used = 0;
};

} // namespace scalelab::core::sim
