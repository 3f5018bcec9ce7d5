#include "core/sim/LatencyHistogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace scalelab::core::sim {

namespace {
constexpr std::size_t kBuckets = (64 - LatencyHistogram::kSubBits) * LatencyHistogram::kSub;
}

LatencyHistogram::LatencyHistogram()
    : m_counts(kBuckets, 0), m_min(std::numeric_limits<std::uint64_t>::max())
{
}

void LatencyHistogram::clear()
{
    if (m_count > 0)
        std::fill(m_counts.begin() + static_cast<long>(lowIndex()),
                  m_counts.begin() + static_cast<long>(highIndex()) + 1, 0);
    m_count = 0;
    m_sum = 0;
    m_min = std::numeric_limits<std::uint64_t>::max();
    m_max = 0;
}

void LatencyHistogram::merge(const LatencyHistogram& other)
{
    if (other.m_count == 0)
        return;
    const std::size_t high = other.highIndex();
    for (std::size_t i = other.lowIndex(); i <= high; ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

std::uint64_t LatencyHistogram::rankOf(double q, std::uint64_t n)
{
    const double exactRank = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(n));
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(exactRank));
}

double LatencyHistogram::valueAtRankNs(std::uint64_t rank) const
{
    if (m_count == 0)
        return 0.0;
    std::uint64_t seen = 0;
    const std::size_t high = highIndex();
    for (std::size_t i = lowIndex(); i <= high; ++i) {
        seen += m_counts[i];
        if (seen < rank)
            continue;
        double lower = static_cast<double>(i);
        double width = 1.0;
        if (i >= kSub) {
            const std::size_t e = i / kSub + kSubBits - 1;
            const std::uint64_t base = (kSub + i % kSub) << (e - kSubBits);
            lower = static_cast<double>(base);
            width = static_cast<double>(std::uint64_t{1} << (e - kSubBits));
        }
        const double mid = lower + (width - 1.0) / 2.0;
        return std::clamp(mid, static_cast<double>(m_min), static_cast<double>(m_max));
    }
    return static_cast<double>(m_max);
}

} // namespace scalelab::core::sim
