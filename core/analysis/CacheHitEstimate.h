#pragma once

#include <cstdint>

namespace scalelab::core {

/// Hit ratio of an LRU cache of `capacity` keys over `keySpace` keys whose popularity is
/// Zipf(`skew`), by Che's approximation (characteristic time T solving
/// sum_k (1 - exp(-p_k T)) = capacity). Accurate to a few percent for Zipf workloads.
double lruHitRatio(std::int64_t keySpace, double skew, std::int64_t capacity);

} // namespace scalelab::core
