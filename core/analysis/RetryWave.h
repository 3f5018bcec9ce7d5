#pragma once

#include <cstdint>
#include <vector>

namespace scalelab::core {

/// One c-server FIFO station with exponential service, the only hop of a client whose tries
/// time out and are retried (times in ms, rates per ms).
struct RetryStation {
    double arrivalRate = 0; ///< all tries arriving (every client's, retries included)
    double freshRate = 0;   ///< this client's first tries
    double ownTryRate = 0;  ///< this client's tries, retries included (<= arrivalRate)
    std::int64_t servers = 1;
    double serviceMs = 1;  ///< mean, exponential
    double patienceMs = 0; ///< cancel_on_timeout: a try waiting this long is dropped; 0 none
    double budgetMs = 0;   ///< a try answered later than this after arriving times out
    double restMs = 0, restMs2 = 0; ///< time after its service (downstream), two moments
    double timeoutMs = 0;           ///< from one try's arrival to the next's: timeout + backoff
    double backoffMs = 0;           ///< retry k waits backoff 2^(k-1) x U[0.5, 1.5)
    int retries = 0;
};

/// The chance that a try times out, first try and each retry given that the previous try of
/// the same request timed out: {P(1), P(2 | 1), P(3 | 2), ...}, retries + 1 of them, or empty
/// when the model does not apply (then tries are taken as independent).
///
/// A retry comes back a timeout plus a backoff after its try, and so do the retries of every
/// try that timed out in the same busy spell: they return together as a wave and meet a
/// queue they build themselves. The model follows the station's virtual wait V (the wait of
/// a try arriving now; exact for FIFO with exponential service, M/M/c below c busy) on a
/// grid, from the state a timed-out try leaves (the stationary M/M/c(+D) law, kept where the
/// try times out), and feeds it the expected retries of the other tries as they time out
/// (mean field, by generation; before the tagged try, the spell is taken as symmetric:
/// the rate at -t is the one at +t). A retry's chance is then read where it arrives
/// (backoff sampled at 4 points), and the law where it timed out again carries on to the
/// next. Bounded: at most 1,024 cells of V, 64 servers and 12,000 steps of a few hundredths
/// of a service time in all; retries beyond the third reuse P(3 | 2). `work` is what is left
/// of the caller's budget of cells x steps: a model that would pass it returns empty and
/// takes nothing, else its work is taken off.
std::vector<double> retryTimeoutChances(const RetryStation& station, double& work);

} // namespace scalelab::core
