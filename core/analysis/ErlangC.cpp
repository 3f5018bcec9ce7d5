#include "core/analysis/ErlangC.h"

#include <cmath>
#include <limits>

namespace scalelab::core {

double erlangB(std::int64_t servers, double offeredLoad)
{
    if (offeredLoad <= 0)
        return 0.0;
    // B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1: no factorials, no overflow even for
    // 100,000 servers.
    double b = 1.0;
    for (std::int64_t k = 1; k <= servers; ++k)
        b = offeredLoad * b / (static_cast<double>(k) + offeredLoad * b);
    return b;
}

double erlangC(std::int64_t servers, double offeredLoad)
{
    if (servers < 1 || offeredLoad >= static_cast<double>(servers))
        return 1.0;
    if (offeredLoad <= 0)
        return 0.0;
    // C = c B / (c - a (1 - B)).
    const double b = erlangB(servers, offeredLoad);
    const double c = static_cast<double>(servers);
    return c * b / (c - offeredLoad * (1.0 - b));
}

QueueEstimate mmc(double arrivalRate, double meanServiceTime, std::int64_t servers)
{
    return mgc(arrivalRate, meanServiceTime, servers, 1.0, 1.0);
}

QueueEstimate mgc(double arrivalRate, double meanServiceTime, std::int64_t servers,
                  double serviceScv, double arrivalScv)
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    QueueEstimate q;
    if (servers < 1)
        servers = 1;
    const double c = static_cast<double>(servers);
    if (std::isinf(meanServiceTime)) {
        // A held-forever worker (blocking on a saturated downstream): saturated if any load.
        q.utilization = arrivalRate > 0 ? inf : 0.0;
    } else {
        q.utilization = arrivalRate * meanServiceTime / c;
    }
    if (arrivalRate <= 0 || meanServiceTime <= 0) {
        q.meanResponse = std::isinf(meanServiceTime) ? 0.0 : meanServiceTime;
        return q;
    }
    if (q.utilization >= 1.0) {
        q.stable = false;
        q.probWait = 1.0;
        q.meanWait = q.meanResponse = q.meanQueueLength = inf;
        return q;
    }
    const double a = arrivalRate * meanServiceTime;
    q.probWait = erlangC(servers, a);
    // Wq(M/M/c) = C(c, a) / (c mu - lambda) = C S / (c - a).
    const double mmcWait = q.probWait * meanServiceTime / (c - a);
    q.meanWait = mmcWait * (arrivalScv + serviceScv) / 2.0;
    q.meanResponse = q.meanWait + meanServiceTime;
    q.meanQueueLength = arrivalRate * q.meanWait;
    return q;
}

} // namespace scalelab::core
