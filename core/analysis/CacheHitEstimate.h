#pragma once

#include <cstdint>

namespace scalelab::core {

/// Hit ratio of the reads of an LRU cache of `capacity` keys over `keySpace` keys whose
/// popularity is Zipf(`skew`), by Che's approximation (characteristic time T solving
/// sum_k (1 - exp(-p_k T)) = capacity). Accurate to a few percent for Zipf workloads.
/// Writes (1 - `readShare` of the requests, same keys) invalidate: a key is cached when its
/// last request was a read within T, so sum_k f (1 - exp(-p_k T)) = capacity and a read hits
/// with f (1 - exp(-p_k T)) (f = readShare; f = 1 is Che's formula).
double lruHitRatio(std::int64_t keySpace, double skew, std::int64_t capacity,
                   double readShare = 1.0);

/// Hit ratio of a TTL cache (an object fetched on a miss is kept `ttlS`) under Poisson
/// requests at `rateRps` over `objects` objects of Zipf(`skew`) popularity: object i, asked
/// at λ_i = p_i λ, is a renewal of one miss and then λ_i T hits on average, so
/// hit = Σ p_i λ_i T / (1 + λ_i T).
double ttlHitRatio(std::int64_t objects, double skew, double rateRps, double ttlS);

} // namespace scalelab::core
