#include "core/analysis/GgcQueue.h"

#include <algorithm>
#include <cmath>

namespace scalelab::core {

double whittPhi(double rho, double ca, double cs, std::int64_t servers)
{
    if (!(rho > 0) || rho >= 1)
        return 1.0;
    const double m = static_cast<double>(std::max<std::int64_t>(servers, 1));
    const double gamma =
        std::min(0.24, (1 - rho) * (m - 1) * (std::sqrt(4 + 5 * m) - 2) / (16 * m * rho));
    const double phi1 = 1 + gamma;
    const double phi3 = (1 - 4 * gamma) * std::exp(-2 * (1 - rho) / (3 * rho));
    const double phi4 = std::min(1.0, (phi1 + phi3) / 2);
    const auto psi = [&](double c2) { return c2 >= 1 ? 1.0 : std::pow(phi4, 2 * (1 - c2)); };
    const double mean = (ca + cs) / 2;
    if (ca == cs)
        return psi(ca);
    if (ca > cs) {
        const double d = 4 * ca - 3 * cs;
        return 4 * (ca - cs) / d * phi1 + cs / d * psi(mean);
    }
    const double d = 2 * (ca + cs);
    return (cs - ca) / d * phi3 + (cs + 3 * ca) / d * psi(mean);
}

QueueEstimate ggc(double arrivalRate, double meanServiceTime, std::int64_t servers,
                  double serviceScv, const ArrivalFlow& arrivals, bool exponentialService)
{
    QueueEstimate q = mgc(arrivalRate, meanServiceTime, servers, serviceScv, arrivals.scv);
    if (!q.stable || arrivalRate <= 0 || !std::isfinite(meanServiceTime) || meanServiceTime <= 0)
        return q;
    const bool single = servers <= 1;
    if (single && arrivals.shape == RenewalShape::Poisson)
        return q; // M/G/1: Pollaczek-Khinchine, exact
    if (single && exponentialService && hasExactGiM1(arrivals)) {
        q.meanWait = giM1Wait(arrivals, arrivalRate, meanServiceTime);
        // Wq = sigma / (mu (1 - sigma)), and an arrival waits with probability sigma.
        const double x = q.meanWait / meanServiceTime;
        q.probWait = x / (1 + x);
    } else {
        q.meanWait *= whittPhi(q.utilization, arrivals.scv, serviceScv, servers);
    }
    q.meanResponse = q.meanWait + meanServiceTime;
    q.meanQueueLength = arrivalRate * q.meanWait;
    return q;
}

} // namespace scalelab::core
