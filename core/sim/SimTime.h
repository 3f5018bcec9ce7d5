#pragma once

#include <cmath>
#include <cstdint>

namespace scalelab::core::sim {

/// Simulated time in integer nanoseconds: exact, platform independent, 292 years of range.
using SimTime = std::int64_t;

inline constexpr SimTime kNsPerMs = 1'000'000;
inline constexpr SimTime kNsPerS = 1'000'000'000;
inline constexpr SimTime kForever = INT64_MAX;

inline SimTime fromSeconds(double s)
{
    return static_cast<SimTime>(std::llround(s * 1e9));
}
inline SimTime fromMs(double ms)
{
    return static_cast<SimTime>(std::llround(ms * 1e6));
}
// Divisions, not multiplications by 1e-9: whole seconds come back exact (30 s -> 30.0).
inline double toSeconds(SimTime t)
{
    return static_cast<double>(t) / 1e9;
}
inline double toMs(SimTime t)
{
    return static_cast<double>(t) / 1e6;
}

} // namespace scalelab::core::sim
