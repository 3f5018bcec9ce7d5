#pragma once

#include <cstdint>

#include "core/sim/RandomStream.h"

namespace scalelab::core::sim {

/// Draws keys 1..n with P(k) proportional to 1/k^s in O(1) time and memory, by
/// rejection-inversion (Hörmann & Derflinger 1996). s = 0 is uniform.
class ZipfSampler {
public:
    ZipfSampler(std::uint64_t n = 1, double exponent = 0);
    std::uint64_t operator()(RandomEngine& engine) const;
    std::uint64_t size() const { return m_n; }
    double exponent() const { return m_s; }

private:
    double h(double x) const;
    double hIntegral(double x) const;
    double hIntegralInverse(double x) const;

    std::uint64_t m_n;
    double m_s;
    double m_hIntegralX1 = 0;
    double m_hIntegralN = 0;
    double m_threshold = 0;
};

} // namespace scalelab::core::sim
