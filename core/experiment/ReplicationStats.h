#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/experiment/RunFigures.h"

namespace scalelab::core::experiment {

/// Mean and 95% confidence half-width of one figure across replications.
struct FigureStats {
    std::size_t n = 0; ///< replications that had the figure
    double mean = 0;   ///< NaN when some replication had no value (a null percentile)
    double ci95 = 0;   ///< Student t half-width; NaN with fewer than 2 replications
};

/// Across-seed statistics of the runs of one design (a point of a sweep, the R seeds of
/// `run --replications`). Figures are added one run at a time (Welford's update), so memory
/// is one entry per figure, not per run; add them in replication order and the numbers are
/// bit-identical whatever thread ran which replication.
class ReplicationStats {
public:
    void add(const RunFigures& run);
    std::size_t runs() const { return m_runs; }

    /// Whether some run had the figure (even as null).
    bool has(const std::string& pointer) const;
    /// Statistics of the figure at `pointer` ("/latency_ms/p99"); n = 0 when no run had it.
    FigureStats at(const std::string& pointer) const;

    /// Means mirroring the results document's keys ({"latency_ms": {"p99": ...}, ...}).
    nlohmann::ordered_json meanDocument() const;
    /// 95% half-widths, same keys; empty with fewer than 2 replications.
    nlohmann::ordered_json ci95Document() const;

private:
    struct Entry {
        std::string pointer;
        std::size_t n = 0;
        double mean = 0;
        double m2 = 0; ///< sum of squared deviations (Welford)
        bool missing = false;
    };
    FigureStats stats(const Entry& e) const;

    std::vector<Entry> m_entries; ///< first-seen order: the document's order
    std::size_t m_runs = 0;
};

/// The two-sided 95% Student t quantile for `df` degrees of freedom (df >= 1).
double studentT95(std::size_t df);

/// Half-width of the 95% confidence interval of a mean of `n` values with sample standard
/// deviation `sd` (Student t); NaN for n < 2.
double ci95HalfWidth(double sd, std::size_t n);

} // namespace scalelab::core::experiment
