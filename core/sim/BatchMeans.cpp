#include "core/sim/BatchMeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <boost/math/distributions/students_t.hpp>

namespace scalelab::core::sim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double lag1(const std::vector<double>& d)
{
    // Residuals have mean zero by construction of R.
    double num = 0, den = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        den += d[i] * d[i];
        if (i + 1 < d.size())
            num += d[i] * d[i + 1];
    }
    return den > 0 ? num / den : 0.0;
}

std::vector<double> residuals(const std::vector<double>& num, const std::vector<double>& den,
                              double ratio)
{
    std::vector<double> d(num.size());
    for (std::size_t i = 0; i < num.size(); ++i)
        d[i] = num[i] - ratio * den[i];
    return d;
}

void mergePairs(std::vector<double>& v)
{
    // An odd batch out at the end joins the last pair: no data is dropped.
    std::vector<double> out;
    for (std::size_t i = 0; i + 1 < v.size(); i += 2)
        out.push_back(v[i] + v[i + 1]);
    if (v.size() % 2 == 1)
        out.back() += v.back();
    v = std::move(out);
}

} // namespace

BatchInterval batchInterval(std::vector<double> num, std::vector<double> den)
{
    BatchInterval out;
    const double sumNum = std::accumulate(num.begin(), num.end(), 0.0);
    const double sumDen = std::accumulate(den.begin(), den.end(), 0.0);
    out.halfWidth = kNaN;
    if (num.size() != den.size() || sumDen <= 0) {
        out.estimate = kNaN;
        return out;
    }
    out.estimate = sumNum / sumDen;
    if (num.size() < 4)
        return out;
    std::vector<double> d = residuals(num, den, out.estimate);
    out.lag1 = lag1(d);
    while (out.lag1 > kBatchLag1Limit && num.size() >= 2 * kMinBatches) {
        mergePairs(num);
        mergePairs(den);
        d = residuals(num, den, out.estimate);
        out.lag1 = lag1(d);
    }
    // Flag only a correlation the batches can tell from noise: with B independent batches
    // the lag-1 estimate scatters by about 1/sqrt(B) (0.32 at 10 batches).
    out.correlated =
        out.lag1 > std::max(kBatchLag1Limit, 2.0 / std::sqrt(static_cast<double>(num.size())));
    const auto b = static_cast<double>(num.size());
    const double ss = std::inner_product(d.begin(), d.end(), d.begin(), 0.0);
    const double meanDen = sumDen / b;
    const boost::math::students_t t(b - 1);
    out.batches = num.size();
    out.halfWidth = boost::math::quantile(t, 0.975) * std::sqrt(ss / (b * (b - 1))) / meanDen;
    return out;
}

void BatchRecorder::configure(SimTime warmup, SimTime end, std::size_t figures)
{
    m_warmup = warmup;
    m_end = end;
    m_figures = figures;
    m_samples.clear();
    m_samples.reserve(kBaseBatches + 1);
    m_next = end > warmup ? warmup : std::numeric_limits<SimTime>::max();
}

void BatchRecorder::sample(const std::vector<double>& values)
{
    m_samples.push_back(values);
    const std::size_t k = m_samples.size(); // the next sample's index
    if (k > kBaseBatches) {
        m_next = std::numeric_limits<SimTime>::max();
        return;
    }
    // Spread the rounding over the batches; the last boundary is the end exactly.
    const auto span = static_cast<long double>(m_end - m_warmup);
    m_next = m_warmup + static_cast<SimTime>(span * static_cast<long double>(k) / kBaseBatches);
}

std::vector<double> BatchRecorder::increments(std::size_t i) const
{
    std::vector<double> out;
    for (std::size_t k = 1; k < m_samples.size(); ++k)
        out.push_back(m_samples[k][i] - m_samples[k - 1][i]);
    return out;
}

double BatchRecorder::coveredSeconds() const
{
    const std::size_t n = batches();
    const auto span = static_cast<long double>(m_end - m_warmup);
    return toSeconds(static_cast<SimTime>(span * static_cast<long double>(n) / kBaseBatches));
}

} // namespace scalelab::core::sim
