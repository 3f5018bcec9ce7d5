#include "core/experiment/Knee.h"

#include <algorithm>
#include <cmath>

namespace scalelab::core::experiment {

std::optional<Knee> saturationKnee(const std::vector<double>& x, const std::vector<double>& y)
{
    std::vector<std::size_t> at; // usable points
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i]))
            at.push_back(i);
    if (at.size() < 3)
        return std::nullopt;
    const auto slope = [&](std::size_t k) {
        const double dx = x[at[k + 1]] - x[at[k]];
        return dx > 0 ? (y[at[k + 1]] - y[at[k]]) / dx : 0.0;
    };
    const double first = slope(0);
    if (!(first > 0))
        return std::nullopt;
    // The first step whose slope falls under half the first, and no later step regains it
    // (one noisy flat step between two rising ones is not a knee).
    for (std::size_t k = 1; k + 1 < at.size(); ++k) {
        if (slope(k) >= 0.5 * first)
            continue;
        bool regained = false;
        for (std::size_t j = k + 1; j + 1 < at.size(); ++j)
            regained = regained || slope(j) >= 0.5 * first;
        if (regained)
            continue;
        Knee knee;
        knee.index = at[k];
        knee.x = x[at[k]];
        for (std::size_t i : at)
            knee.plateau = std::max(knee.plateau, y[i]);
        return knee;
    }
    return std::nullopt;
}

} // namespace scalelab::core::experiment
