#pragma once

#include <cstdint>

#include "core/analysis/ErlangC.h"

namespace scalelab::core {

/// Steady state of an M/M/c/K queue: c servers and room for `queueLimit` waiting requests
/// (K = c + queueLimit); an arrival that finds it full is rejected. Stable at any load.
struct FiniteQueueEstimate {
    double offeredUtilization = 0; ///< lambda S / c, may exceed 1
    double utilization = 0;        ///< carried: lambda (1 - reject) S / c, busy server share
    double probReject = 0;         ///< p_K, the share of arrivals turned away
    double meanWait = 0;           ///< of accepted requests: Lq / lambda_accepted
    double meanResponse = 0;       ///< meanWait + S
    double meanQueueLength = 0;    ///< Lq
};

/// Exact M/M/c/K by closed forms relative to Erlang B (no factorials; K up to 1e9 costs
/// nothing). `serviceScv` scales the wait as in Allen-Cunneen (exact for exponential).
FiniteQueueEstimate mmck(double arrivalRate, double meanServiceTime, std::int64_t servers,
                         std::int64_t queueLimit, double serviceScv = 1.0);

} // namespace scalelab::core
