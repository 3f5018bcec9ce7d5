#pragma once

#include <cstdint>

namespace scalelab::core {

/// Probability that an arrival finds all `servers` busy in an M/M/c/c loss system
/// (Erlang B), by its stable recurrence; `offeredLoad` a = lambda / mu in Erlangs.
double erlangB(std::int64_t servers, double offeredLoad);

/// Probability that an arriving request waits in an M/M/c queue (Erlang C formula).
/// `offeredLoad` is a = lambda / mu in Erlangs; returns 1 when a >= c (the queue is unstable).
double erlangC(std::int64_t servers, double offeredLoad);

/// Steady-state figures of an M/M/c FIFO queue (times in the unit of `meanServiceTime`).
struct QueueEstimate {
    double utilization = 0;     ///< rho = lambda * S / c (>= 1 means saturated)
    double probWait = 0;        ///< Erlang C
    double meanWait = 0;        ///< Wq; +inf when unstable
    double meanResponse = 0;    ///< Wq + S; +inf when unstable
    double meanQueueLength = 0; ///< Lq = lambda * Wq (Little); +inf when unstable
    bool stable = true;
};

/// M/M/c: Poisson arrivals at `arrivalRate`, exponential service of mean `meanServiceTime`.
QueueEstimate mmc(double arrivalRate, double meanServiceTime, std::int64_t servers);

/// M/G/c by the Allen-Cunneen approximation: the M/M/c wait scaled by (ca^2 + cs^2) / 2.
/// Exact for exponential service (cs^2 = 1) and, with c = 1, the Pollaczek-Khinchine mean.
QueueEstimate mgc(double arrivalRate, double meanServiceTime, std::int64_t servers,
                  double serviceScv, double arrivalScv = 1.0);

} // namespace scalelab::core
