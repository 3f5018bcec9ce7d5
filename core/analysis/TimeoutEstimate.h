#pragma once

#include <vector>

namespace scalelab::core {

struct ScaledPatience;

/// One try against a client timeout, its response time T known by its mean and second
/// moment: fitted with a gamma distribution (exact for an M/M/1 path, whose T is
/// exponential), P(T > timeout) and the mean of the tries answered in time.
struct TryOutcome {
    double timeoutShare = 0;   ///< P(T > timeout)
    double answeredMeanMs = 0; ///< E[T | T <= timeout]
};
TryOutcome tryAgainstTimeout(double meanMs, double secondMs2, double timeoutMs);

/// A try whose first station drops it unserved once it has waited the station's patience
/// (cancel_on_timeout): dropped, or served with the station's wait V (its M/M/c+D law) and
/// then the rest R (own service and downstream, gamma-fitted by its two moments), in time
/// when V + R <= budget (the timeout less the links both ways). Exact for one exponential
/// station with nothing downstream (R is then exponential, its gamma fit exact).
TryOutcome tryThroughPatience(const ScaledPatience& station, double restMeanMs,
                              double restSecondMs2, double budgetMs);

/// A request of `retries` more tries after a timed-out one (each waiting retry_backoff_ms
/// x 2^(k-1) on average before try k + 1, as the client's jitter averages 1), tries
/// independent: its tries, the share failing them all, and the mean latency of those answered
/// (earlier timeouts and backoffs included).
struct RequestOutcome {
    double triesPerRequest = 1;
    double failedShare = 0;
    double completedMeanMs = 0;
};
RequestOutcome requestWithRetries(const TryOutcome& perTry, double timeoutMs, int retries,
                                  double backoffMs);
/// The same with the chance of each try given that the one before timed out (RetryWave.h):
/// `chances[0]` for the first try, then one per retry (the last repeats when short; empty:
/// every try perTry.timeoutShare, as above).
RequestOutcome requestWithRetries(const TryOutcome& perTry, double timeoutMs, int retries,
                                  double backoffMs, const std::vector<double>& chances);

} // namespace scalelab::core
