#include "core/sim/ZipfSampler.h"

#include <algorithm>
#include <cmath>

namespace scalelab::core::sim {

namespace {
// log1p(x)/x and expm1(x)/x, accurate near 0 where the plain quotients lose digits.
double log1pOverX(double x)
{
    return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
}
double expm1OverX(double x)
{
    return std::abs(x) > 1e-8 ? std::expm1(x) / x
                              : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
}
} // namespace

ZipfSampler::ZipfSampler(std::uint64_t n, double exponent)
    : m_n(std::max<std::uint64_t>(n, 1)), m_s(exponent)
{
    m_hIntegralX1 = hIntegral(1.5) - 1.0;
    m_hIntegralN = hIntegral(static_cast<double>(m_n) + 0.5);
    m_threshold = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
}

double ZipfSampler::h(double x) const
{
    return std::exp(-m_s * std::log(x));
}

double ZipfSampler::hIntegral(double x) const
{
    const double logX = std::log(x);
    return expm1OverX((1.0 - m_s) * logX) * logX;
}

double ZipfSampler::hIntegralInverse(double x) const
{
    double t = x * (1.0 - m_s);
    if (t < -1.0)
        t = -1.0; // only rounding can take it there
    return std::exp(log1pOverX(t) * x);
}

std::uint64_t ZipfSampler::operator()(RandomEngine& engine) const
{
    if (m_s == 0.0 || m_n == 1)
        return 1 + static_cast<std::uint64_t>(uniform01(engine) * static_cast<double>(m_n)) % m_n;
    for (;;) {
        const double u = m_hIntegralN + uniform01(engine) * (m_hIntegralX1 - m_hIntegralN);
        const double x = hIntegralInverse(u);
        double k = std::floor(x + 0.5);
        k = std::clamp(k, 1.0, static_cast<double>(m_n));
        if (k - x <= m_threshold || u >= hIntegral(k + 0.5) - h(k))
            return static_cast<std::uint64_t>(k);
    }
}

} // namespace scalelab::core::sim
