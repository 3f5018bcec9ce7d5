#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace scalelab::core {

/// Which shard holds a key: the one key-to-shard map the simulator routes by and the
/// analyzer predicts from. `hash`: a 64-bit mix of the key modulo the shard count;
/// `consistent`: a ring of shards x virtual_nodes points, a key belonging to the first
/// point at or after its own position (so adding a shard moves about 1/(N+1) of the keys
/// instead of N/(N+1)). A map of one shard sends every key to shard 0.
class ShardMap {
public:
    ShardMap() = default;
    ShardMap(std::uint32_t shards, std::string_view method, std::uint32_t virtualNodes);

    std::uint32_t shards() const { return m_shards; }
    bool consistent() const { return m_consistent; }
    std::uint32_t shardOf(std::uint64_t key) const
    {
        if (m_shards <= 1)
            return 0;
        return m_consistent ? onRing(mix(key)) : static_cast<std::uint32_t>(mix(key) % m_shards);
    }

    /// Share of the keys 1..keySpace whose shard differs between two maps (every key
    /// counted once; beyond 2^20 keys an even sample of 2^20 of them).
    static double movedFraction(const ShardMap& before, const ShardMap& after,
                                std::uint64_t keySpace);

    /// SplitMix64's finaliser: keys that are neighbours land far apart.
    static std::uint64_t mix(std::uint64_t x)
    {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }

private:
    std::uint32_t onRing(std::uint64_t position) const;

    std::uint32_t m_shards = 1;
    bool m_consistent = false;
    std::vector<std::uint64_t> m_points; ///< ring positions, sorted
    std::vector<std::uint32_t> m_owner;  ///< shard of each point
};

} // namespace scalelab::core
