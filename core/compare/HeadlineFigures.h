#pragma once

#include <string>
#include <vector>

namespace scalelab::core::compare {

/// A figure a comparison leads with, by its pointer in the results document.
struct HeadlineFigure {
    std::string pointer; ///< "/latency_ms/p99"
    std::string label;   ///< "p99 latency"
    std::string unit;    ///< "ms", "req/s", "%" (shown x100), "" for counts
    bool higherIsBetter = false;
};

/// The figures `compare` prints and its report tabulates, in that order (the JSON carries
/// every figure; these are the ones a reader of an architecture review asks about first).
/// Figures a results document lacks (cost without prices) are skipped by the callers.
const std::vector<HeadlineFigure>& headlineFigures();

/// "better", "worse" or "no clear difference" for a difference `delta` of `figure`;
/// "n/a" when there is no verdict.
std::string verdictWord(const HeadlineFigure& figure, double delta, bool significant, bool known);

} // namespace scalelab::core::compare
