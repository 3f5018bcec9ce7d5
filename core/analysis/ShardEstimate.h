#pragma once

#include <cstdint>
#include <vector>

#include "core/analysis/RoutingPlan.h"
#include "core/model/ShardMap.h"

namespace scalelab::core {

/// Share of a database's requests each shard receives when keys 1..keySpace are Zipf(skew)
/// popular, by the shard map itself: exact over the first 2^20 keys, the tail by an even
/// sample of 2^16 keys each carrying the popularity of its stretch.
std::vector<double> shardShares(const ShardMap& map, std::uint64_t keySpace, double skew);

/// The shard map of a database node (its group master's shards, sharding, virtual_nodes).
ShardMap shardMapOf(const Topology& topology, const TopologyIndex& index, std::size_t node);

/// Fills NodeRouting::shardShares (and hotShare, hotKeyShare) of every sharded database from
/// the key popularity of the client that sends its group the most requests. A cache in
/// front with a fixed hit ratio keeps the popularity of the misses; an LRU in front makes
/// the estimate approximate (it takes the hottest keys off).
void setShardShares(const Topology& topology, const TopologyIndex& index, RoutingPlan& plan);

} // namespace scalelab::core
