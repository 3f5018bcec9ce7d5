#include "core/model/ShardMap.h"

#include <algorithm>
#include <numeric>

namespace scalelab::core {

ShardMap::ShardMap(std::uint32_t shards, std::string_view method, std::uint32_t virtualNodes)
    : m_shards(std::max<std::uint32_t>(1, shards)), m_consistent(method == "consistent")
{
    if (!m_consistent || m_shards <= 1)
        return;
    const std::uint32_t v = std::max<std::uint32_t>(1, virtualNodes);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ring;
    ring.reserve(static_cast<std::size_t>(m_shards) * v);
    // A shard's points depend on its number only: shard N+1 adds its points and leaves
    // every other point where it was (the property consistent hashing is for).
    for (std::uint32_t s = 0; s < m_shards; ++s)
        for (std::uint32_t k = 0; k < v; ++k)
            ring.emplace_back(mix(mix(s + 0x5ca1ab1eULL) ^ k), s);
    std::sort(ring.begin(), ring.end());
    m_points.reserve(ring.size());
    m_owner.reserve(ring.size());
    for (const auto& [point, shard] : ring) {
        m_points.push_back(point);
        m_owner.push_back(shard);
    }
}

std::uint32_t ShardMap::onRing(std::uint64_t position) const
{
    const auto it = std::lower_bound(m_points.begin(), m_points.end(), position);
    return it == m_points.end() ? m_owner.front()
                                : m_owner[static_cast<std::size_t>(it - m_points.begin())];
}

double ShardMap::movedFraction(const ShardMap& before, const ShardMap& after,
                               std::uint64_t keySpace)
{
    constexpr std::uint64_t kSample = std::uint64_t{1} << 20;
    if (keySpace == 0)
        return 0;
    const std::uint64_t count = std::min(keySpace, kSample);
    std::uint64_t moved = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t key = 1 + i * keySpace / count; // keys are 1..keySpace
        if (before.shardOf(key) != after.shardOf(key))
            ++moved;
    }
    return static_cast<double>(moved) / static_cast<double>(count);
}

} // namespace scalelab::core
