#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace scalelab::core::experiment {

/// Where a throughput curve stops following its knob: the point after which each further
/// step of x buys less than half the throughput the first step did.
struct Knee {
    std::size_t index = 0; ///< the last point still on the rising part
    double x = 0;          ///< its knob value
    double plateau = 0;    ///< the highest throughput of the curve: what it saturates at
};

/// The knee of y(x) (x increasing; NaN points are skipped). Nothing when the curve keeps
/// rising to its last point (no saturation in the range) or has fewer than three points.
std::optional<Knee> saturationKnee(const std::vector<double>& x, const std::vector<double>& y);

} // namespace scalelab::core::experiment
