#include "core/analysis/CacheHitEstimate.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace scalelab::core {

namespace cache_detail {
// Keys of similar popularity grouped together: exact for the first keys (most of the
// mass under skew), geometric buckets after, so a billion keys cost a few thousand terms.
struct KeyBucket {
    double count = 0;
    double popularity = 0; // of one key of the bucket, normalised
};

std::vector<KeyBucket> zipfBuckets(std::int64_t keySpace, double skew)
{
    std::vector<KeyBucket> buckets;
    constexpr std::int64_t exactKeys = 2000;
    double total = 0;
    std::int64_t k = 1;
    while (k <= keySpace) {
        std::int64_t end = k < exactKeys ? k + 1 : static_cast<std::int64_t>(std::ceil(k * 1.005));
        end = std::min(std::max(end, k + 1), keySpace + 1);
        const double n = static_cast<double>(end - k);
        // Mean of x^-skew over [k, end) by the midpoint in log space: close enough here.
        const double mid = std::sqrt(static_cast<double>(k) * static_cast<double>(end - 1));
        const double p = std::pow(mid, -skew);
        buckets.push_back({n, p});
        total += n * p;
        k = end;
    }
    for (auto& b : buckets)
        b.popularity /= total;
    return buckets;
}
} // namespace cache_detail

double lruHitRatio(std::int64_t keySpace, double skew, std::int64_t capacity, double readShare)
{
    const double f = std::clamp(readShare, 0.0, 1.0);
    if (capacity <= 0 || keySpace <= 0)
        return 0.0;
    // Everything fits (or, with invalidations, every valid key does): a read hits unless the
    // key's previous request was a write.
    if (capacity >= keySpace || f * static_cast<double>(keySpace) <= static_cast<double>(capacity))
        return f;
    const auto buckets = cache_detail::zipfBuckets(keySpace, skew);
    // A key is cached when its last request was a read less than T ago: p_k T counts all its
    // requests (T in requests), a share f of them reads.
    const auto occupancy = [&](double t) {
        double keys = 0;
        for (const auto& b : buckets)
            keys += b.count * f * -std::expm1(-b.popularity * t);
        return keys;
    };
    // occupancy(T) grows from 0 to f x keySpace > capacity: bracket the root, then bisect.
    double lo = 0;
    double hi = 1;
    while (occupancy(hi) < static_cast<double>(capacity) && hi < 1e300)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (occupancy(mid) < static_cast<double>(capacity) ? lo : hi) = mid;
    }
    const double t = 0.5 * (lo + hi);
    double hit = 0;
    for (const auto& b : buckets)
        hit += b.count * b.popularity * f * -std::expm1(-b.popularity * t);
    return std::clamp(hit, 0.0, 1.0);
}

double ttlHitRatio(std::int64_t objects, double skew, double rateRps, double ttlS)
{
    if (objects < 1 || rateRps <= 0 || ttlS <= 0)
        return 0.0;
    double hit = 0;
    for (const auto& b : cache_detail::zipfBuckets(objects, skew)) {
        const double lt = b.popularity * rateRps * ttlS; // λ_i T
        hit += b.count * b.popularity * lt / (1 + lt);
    }
    return hit;
}

} // namespace scalelab::core
