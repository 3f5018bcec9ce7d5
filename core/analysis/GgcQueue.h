#pragma once

#include <cstdint>

#include "core/analysis/ArrivalFlow.h"
#include "core/analysis/ErlangC.h"

namespace scalelab::core {

/// Whitt's correction factor phi(rho, c_a^2, c_s^2, c) to the Allen-Cunneen wait of a GI/G/c
/// queue (W. Whitt, "Approximations for the GI/G/m queue", Production and Operations
/// Management 2(2), 1993, eqs. 2.22-2.28): 1 for M/M/c, below 1 when service varies more
/// than arrivals (light traffic lets the servers cooperate), above 1 for M/D/c.
double whittPhi(double rho, double arrivalScv, double serviceScv, std::int64_t servers);

/// A c-server FIFO station fed by `arrivals`, by the best formula known for the case:
/// - one exponential server and evenly spaced or Erlang-k arrivals: GI/M/1, exact;
/// - Poisson arrivals and one server: Pollaczek-Khinchine, exact;
/// - else Whitt's refinement of Allen-Cunneen: Wq = phi Wq(M/M/c) (c_a^2 + c_s^2) / 2
///   (exact for M/M/c, asymptotically exact in heavy traffic). Against the simulator: M/G/c
///   with lognormal service cv 2, c = 2..8, rho 0.7-0.9 within 10% (plain Allen-Cunneen was
///   up to +25% there); M/D/4 within 2%.
/// `exponentialService`: one class of exponential service times (not a mixture).
QueueEstimate ggc(double arrivalRate, double meanServiceTime, std::int64_t servers,
                  double serviceScv, const ArrivalFlow& arrivals, bool exponentialService);

} // namespace scalelab::core
