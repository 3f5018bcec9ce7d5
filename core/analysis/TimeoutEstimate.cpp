#include "core/analysis/TimeoutEstimate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/special_functions/gamma.hpp>

#include "core/analysis/PatienceQueue.h"

namespace scalelab::core {

TryOutcome tryAgainstTimeout(double mean, double second, double timeout)
{
    TryOutcome o;
    if (!std::isfinite(mean) || !std::isfinite(second)) {
        o.timeoutShare = 1.0; // a saturated path: nothing is answered in time
        o.answeredMeanMs = timeout;
        return o;
    }
    const double variance = second - mean * mean;
    if (mean <= 0 || !(variance > 1e-12 * mean * mean)) {
        // (Nearly) constant: all in time or none.
        o.timeoutShare = mean > timeout ? 1.0 : 0.0;
        o.answeredMeanMs = mean > timeout ? timeout : mean;
        return o;
    }
    // Gamma of shape k and scale theta with the same two moments; E[T; T <= x] =
    // k theta P(k + 1, x / theta), P the regularized lower incomplete gamma (Boost.Math).
    const double k = mean * mean / variance;
    const double theta = variance / mean;
    const double x = timeout / theta;
    const double inTime = boost::math::gamma_p(k, x);
    o.timeoutShare = 1.0 - inTime;
    o.answeredMeanMs = inTime > 0 ? mean * boost::math::gamma_p(k + 1, x) / inTime : timeout;
    return o;
}

namespace {

// R, the time after the wait, as a gamma (or a constant when it hardly varies): P(R <= y)
// and E[R; R <= y].
struct Rest {
    double mean, shape = 0, scale = 0;

    Rest(double m, double second) : mean(m)
    {
        const double variance = second - m * m;
        if (m > 0 && variance > 1e-12 * m * m) {
            shape = m * m / variance;
            scale = variance / m;
        }
    }
    double cdf(double y) const
    {
        if (y <= 0)
            return 0;
        return shape > 0 ? boost::math::gamma_p(shape, y / scale) : (mean <= y ? 1.0 : 0.0);
    }
    double partialMean(double y) const
    {
        if (y <= 0)
            return 0;
        return shape > 0 ? mean * boost::math::gamma_p(shape + 1, y / scale)
                         : (mean <= y ? mean : 0.0);
    }
};

} // namespace

TryOutcome tryThroughPatience(const ScaledPatience& q, double restMean, double restSecond,
                              double budget)
{
    TryOutcome o;
    if (!std::isfinite(restMean) || !std::isfinite(restSecond) || budget <= 0) {
        o.timeoutShare = 1.0;
        o.answeredMeanMs = budget;
        return o;
    }
    const Rest rest(restMean, restSecond);
    // In time: served at once and R <= B, or after a wait x < min(D, B) and R <= B - x.
    double inTime = q.idleMass() * rest.cdf(budget);
    double sum = q.idleMass() * rest.partialMean(budget);
    const auto [from, to] = q.densitySpan(std::min(q.patience(), budget / 1000.0));
    constexpr int kSteps = 400; // Simpson over the span: the density changes by e^30 at most
    const double h = (to - from) / kSteps;
    for (int k = 0; h > 0 && k <= kSteps; ++k) {
        const double x = from + k * h;                                              // seconds
        const double w = (k == 0 || k == kSteps ? 1.0 : k % 2 ? 4.0 : 2.0) * h / 3; // seconds
        const double g = q.density(x);
        const double left = budget - 1000.0 * x;
        inTime += w * g * rest.cdf(left);
        sum += w * g * (1000.0 * x * rest.cdf(left) + rest.partialMean(left));
    }
    inTime = std::clamp(inTime, 0.0, 1.0);
    o.timeoutShare = 1.0 - inTime;
    o.answeredMeanMs = inTime > 0 ? sum / inTime : budget;
    return o;
}

RequestOutcome requestWithRetries(const TryOutcome& t, double timeout, int retries, double backoff)
{
    return requestWithRetries(t, timeout, retries, backoff, {});
}

RequestOutcome requestWithRetries(const TryOutcome& t, double timeout, int retries, double backoff,
                                  const std::vector<double>& chances)
{
    RequestOutcome r;
    double reach = 1.0; // probability that try j + 1 happens: the product of the chances before
    double answered = 0, latency = 0;
    r.triesPerRequest = 0;
    for (int j = 0; j <= retries; ++j) {
        const double p = chances.empty()
                             ? t.timeoutShare
                             : chances[std::min(static_cast<std::size_t>(j), chances.size() - 1)];
        r.triesPerRequest += reach;
        const double here = reach * (1 - p); // answered at try j + 1
        // j timeouts, backoffs b (1 + 2 + ... + 2^(j-1)) = b (2^j - 1), then this try.
        answered += here;
        latency += here * (j * timeout + backoff * (std::ldexp(1.0, j) - 1) + t.answeredMeanMs);
        reach *= p;
    }
    r.failedShare = reach;
    // Nothing answered (a saturated path, or a retry storm): no latency to speak of.
    r.completedMeanMs =
        answered > 1e-12 ? latency / answered : std::numeric_limits<double>::infinity();
    if (answered <= 1e-12)
        r.failedShare = 1.0;
    return r;
}

} // namespace scalelab::core
