#pragma once

namespace scalelab::core {

/// One try against a client timeout, its response time T known by its mean and second
/// moment: fitted with a gamma distribution (exact for an M/M/1 path, whose T is
/// exponential), P(T > timeout) and the mean of the tries answered in time.
struct TryOutcome {
    double timeoutShare = 0;   ///< P(T > timeout)
    double answeredMeanMs = 0; ///< E[T | T <= timeout]
};
TryOutcome tryAgainstTimeout(double meanMs, double secondMs2, double timeoutMs);

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

} // namespace scalelab::core
