#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

/// The 95% confidence interval of a ratio estimator Σnum / Σden from per-batch sums
/// (batch means). A mean latency is latency sum over completions, a throughput is
/// completions over time, a utilization is busy server-time over server-time.
struct BatchInterval {
    double estimate = 0;     ///< Σnum / Σden: the run's own figure
    double halfWidth = 0;    ///< NaN when it cannot be told (fewer than 4 batches, no data)
    std::size_t batches = 0; ///< batches used, after merging correlated neighbours
    double lag1 = 0;         ///< lag-1 autocorrelation of the batch residuals used
    bool correlated = false; ///< still correlated at the fewest batches: too narrow
};

/// Lag-1 autocorrelation above which neighbouring batches are merged (Law & Kelton's rule
/// of thumb for batch means), and the fewest batches merging may leave.
inline constexpr double kBatchLag1Limit = 0.2;
inline constexpr std::size_t kMinBatches = 10;

/// Batch means for a ratio (Law & Kelton, Simulation Modeling and Analysis, 9.5.3; the
/// ratio form with the delta method): residuals d_i = num_i - R den_i, half-width
/// t(B-1, 0.975) sqrt(Σd_i² / (B (B-1))) / mean(den). While the residuals' lag-1
/// autocorrelation exceeds kBatchLag1Limit and more than kMinBatches remain, neighbours
/// are merged pairwise (batches twice as long are less correlated).
BatchInterval batchInterval(std::vector<double> num, std::vector<double> den);

/// Cumulative figures of a run sampled at equally spaced instants of the measured window
/// (warm-up to end): base batches for batchInterval. Memory: kBaseBatches + 1 samples of
/// each figure, whatever the run length.
class BatchRecorder {
public:
    static constexpr std::size_t kBaseBatches = 40;

    /// `figures` cumulative values per sample (completions, latency sum, per node busy and
    /// server areas ...).
    void configure(SimTime warmup, SimTime end, std::size_t figures);
    /// The next instant to sample at; SimTime max once every sample is taken.
    SimTime next() const { return m_next; }
    /// Stores the cumulative values at next() and moves on.
    void sample(const std::vector<double>& values);
    /// Closed batches so far.
    std::size_t batches() const { return m_samples.empty() ? 0 : m_samples.size() - 1; }
    /// Per-batch increments of figure `i` over the closed batches.
    std::vector<double> increments(std::size_t i) const;
    /// Length of the measured window the closed batches cover, in seconds.
    double coveredSeconds() const;

private:
    SimTime m_warmup = 0;
    SimTime m_end = 0;
    SimTime m_next = 0;
    std::size_t m_figures = 0;
    std::vector<std::vector<double>> m_samples;
};

} // namespace scalelab::core::sim
