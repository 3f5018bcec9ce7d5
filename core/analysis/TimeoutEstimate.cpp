#include "core/analysis/TimeoutEstimate.h"

#include <cmath>
#include <limits>

#include <boost/math/special_functions/gamma.hpp>

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

RequestOutcome requestWithRetries(const TryOutcome& t, double timeout, int retries, double backoff)
{
    RequestOutcome r;
    const double p = t.timeoutShare;
    double reach = 1.0; // probability that try j + 1 happens: p^j
    double answered = 0, latency = 0;
    r.triesPerRequest = 0;
    for (int j = 0; j <= retries; ++j) {
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
