#include "core/analysis/FiniteQueue.h"

#include <algorithm>
#include <cmath>

namespace scalelab::core {

FiniteQueueEstimate mmck(double arrivalRate, double meanServiceTime, std::int64_t servers,
                         std::int64_t queueLimit, double serviceScv)
{
    FiniteQueueEstimate q;
    servers = std::max<std::int64_t>(servers, 1);
    const double c = static_cast<double>(servers);
    if (arrivalRate <= 0 || meanServiceTime <= 0 || !std::isfinite(meanServiceTime)) {
        q.meanResponse = std::isfinite(meanServiceTime) ? meanServiceTime : 0.0;
        return q;
    }
    const double a = arrivalRate * meanServiceTime;
    const double rho = a / c;
    const double n = static_cast<double>(std::max<std::int64_t>(queueLimit, 0));
    q.offeredUtilization = rho;

    // Terms relative to state c: p_{c+j} = p_c rho^j (j = 0..N) and, below c,
    // sum_{k<c} p_k / p_c = 1 / B(c, a) - 1. For rho > 1 everything is scaled by rho^-N
    // so that a huge queue limit cannot overflow.
    const double below = 1.0 / erlangB(servers, a) - 1.0;
    double pFull = 0; // p_K
    double lq = 0;    // mean number waiting
    if (std::abs(rho - 1.0) < 1e-12) {
        const double norm = below + (n + 1);
        pFull = 1.0 / norm;
        lq = n * (n + 1) / 2.0 / norm;
    } else if (rho < 1.0) {
        const double rn = std::pow(rho, n);
        const double geometric = (1 - rn * rho) / (1 - rho);              // sum rho^j
        const double weighted = rho * (1 - (n + 1) * rn + n * rn * rho) / // sum j rho^j
                                ((1 - rho) * (1 - rho));
        const double pc = 1.0 / (below + geometric);
        pFull = pc * rn;
        lq = pc * weighted;
    } else {
        const double s = 1.0 / rho;
        const double sn = std::pow(s, n);
        const double geometric = (1 - sn * s) / (1 - s); // sum s^i
        const double weighted = s * (1 - (n + 1) * sn + n * sn * s) / ((1 - s) * (1 - s));
        const double norm = below * sn + geometric; // = (sum of all p) / p_K
        pFull = 1.0 / norm;
        lq = (n * geometric - weighted) / norm; // sum (N - i) s^i, i = K - n
    }
    q.probReject = std::clamp(pFull, 0.0, 1.0);
    const double accepted = arrivalRate * (1.0 - q.probReject);
    q.utilization = accepted * meanServiceTime / c;
    q.meanQueueLength = lq * (1.0 + serviceScv) / 2.0;
    q.meanWait = accepted > 0 ? q.meanQueueLength / accepted : 0.0;
    q.meanResponse = q.meanWait + meanServiceTime;
    return q;
}

} // namespace scalelab::core
