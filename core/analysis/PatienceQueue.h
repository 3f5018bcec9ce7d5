#pragma once

#include <cstdint>
#include <utility>

namespace scalelab::core {

/// A c-server FIFO queue whose requests are dropped unserved when they have waited the
/// patience D (their client gave up: `cancel_on_timeout`), Poisson arrivals at rate
/// lambda, exponential service of rate mu: M/M/c+D. Its virtual wait V (the wait of a
/// request arriving now) behaves as Barrer's (1957) M/M/1+D one with rate c mu while all
/// servers are busy: with theta = c mu - lambda and q the probability of c - 1 busy servers,
///   P(n < c busy, no wait) = q / B(c - 1, lambda / mu)     (Erlang B: a birth-death below c)
///   density of V on (0, D) = lambda q e^(-theta x)
///   P(V >= D) = lambda q e^(-theta D) / (c mu)           (an arrival then is dropped)
/// and q follows from the total 1. Exact for any load (it is always stable); with c = 1
/// these are Barrer's formulas.
struct PatienceQueue {
    double lambda = 0, mu = 0; ///< per second
    std::int64_t servers = 1;
    double patience = 0; ///< D, seconds
    double idleMass = 0; ///< P(V = 0): an arrival starts at once
    double q = 0;        ///< P(c - 1 busy), the density's factor

    double dropShare() const;       ///< P(V >= D): arrivals dropped unserved
    double density(double x) const; ///< of V at 0 < x < D (per second)
    double utilization() const;     ///< carried: lambda (1 - drop) / (c mu)
    /// Wait of the requests served (V given V < D): P(wait > 0), mean and second moment.
    double probWait() const;
    double meanWait() const;
    double secondWait() const;
    /// A request that needs its answer within `budget` (its wait + own service, exponential
    /// of rate mu, both seconds): the share that fails, dropped or served too late, and the
    /// mean wait + service of the others.
    double lateShare(double budget) const;
    double answeredMean(double budget) const;
};

/// M/M/c+D as above (rates per second, times in seconds).
PatienceQueue mmcPatience(double lambda, double meanServiceTime, std::int64_t servers,
                          double patience);

/// A station that is not M/M/c (its arrivals' or service's SCV is not 1): M/M/c+D on the
/// time scale of Allen-Cunneen, waits scaled by k = (c_a^2 + c_s^2) / 2, so the patience is
/// D / k in M/M/c units (exact for k = 1; for k -> 0 the fluid limit, drop = max(0, 1 - 1 /
/// rho)). Times the queue reports (patience, waits) are multiplied back by k.
struct ScaledPatience {
    PatienceQueue queue; ///< in the M/M/c time scale
    double scale = 1;    ///< k
    double dropShare() const { return queue.dropShare(); }
    double utilization() const { return queue.utilization(); }
    double probWait() const { return queue.probWait(); }
    double meanWait() const { return scale * queue.meanWait(); }
    double secondWait() const { return scale * scale * queue.secondWait(); }
    double patience() const { return scale * queue.patience; } ///< seconds
    double idleMass() const { return queue.idleMass; }
    double density(double x) const { return queue.density(x / scale) / scale; } ///< x in s
    /// The part of (0, b) that carries the density (e^-30 of it is left out), seconds.
    std::pair<double, double> densitySpan(double b) const;
};
ScaledPatience ggcPatience(double lambda, double meanServiceTime, std::int64_t servers,
                           double patience, double arrivalScv, double serviceScv);

} // namespace scalelab::core
