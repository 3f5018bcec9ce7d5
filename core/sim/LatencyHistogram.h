#pragma once

#include <cstdint>
#include <vector>

#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

/// Log-bucketed histogram of durations in ns: 128 sub-buckets per power of two, so a
/// reported quantile is within 0.4% of the true value. Fixed size (58 KB), mergeable,
/// independent of the number of samples; mean, min and max are exact.
class LatencyHistogram {
public:
    static constexpr int kSubBits = 7;
    static constexpr std::uint64_t kSub = 1u << kSubBits;

    LatencyHistogram();
    void record(SimTime ns)
    {
        const std::uint64_t v = ns > 0 ? static_cast<std::uint64_t>(ns) : 0;
        ++m_counts[indexOf(v)];
        ++m_count;
        m_sum += static_cast<double>(v);
        if (v < m_min)
            m_min = v;
        if (v > m_max)
            m_max = v;
    }
    void merge(const LatencyHistogram& other);
    void clear();

    std::uint64_t count() const { return m_count; }
    double meanNs() const { return m_count ? m_sum / static_cast<double>(m_count) : 0.0; }
    double maxNs() const { return m_count ? static_cast<double>(m_max) : 0.0; }
    double minNs() const { return m_count ? static_cast<double>(m_min) : 0.0; }
    /// The q-quantile (0..1): the value of rank ceil(q n), as the middle of its bucket.
    double quantileNs(double q) const { return m_count ? valueAtRankNs(rankOf(q, m_count)) : 0.0; }
    /// The value of rank `rank` (1-based, at most count()), as the middle of its bucket.
    double valueAtRankNs(std::uint64_t rank) const;
    /// The rank of the q-quantile among n values: ceil(q n), at least 1.
    static std::uint64_t rankOf(double q, std::uint64_t n);

    static std::size_t indexOf(std::uint64_t v)
    {
        if (v < kSub)
            return static_cast<std::size_t>(v);
        const int e = 63 - __builtin_clzll(v);
        return static_cast<std::size_t>(e - kSubBits + 1) * kSub +
               ((v >> (e - kSubBits)) & (kSub - 1));
    }

private:
    // The buckets in use run from indexOf(m_min) to indexOf(m_max): merge, clear and
    // quantiles visit only those, and a record need not track the range itself.
    std::size_t lowIndex() const { return indexOf(m_min); }
    std::size_t highIndex() const { return indexOf(m_max); }

    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    double m_sum = 0;
    std::uint64_t m_min;
    std::uint64_t m_max = 0;
};

} // namespace scalelab::core::sim
