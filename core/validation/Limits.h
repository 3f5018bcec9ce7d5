#pragma once

#include <cstddef>

namespace scalelab::core {

// Limits every input is held to, stated once: the loader, the validator, the command line
// and docs/format.md ("Limits") use these numbers.

/// The longest run a file or `--duration` may ask for, in simulated seconds.
inline constexpr double kMaxDurationS = 1e7;
/// Node positions: |x| and |y| at most this (far beyond any drawing, far below overflow).
inline constexpr double kMaxCoordinate = 1e6;
/// A position within that limit (finite, |x| and |y| at most kMaxCoordinate).
inline bool positionWithinLimits(double x, double y)
{
    return x >= -kMaxCoordinate && x <= kMaxCoordinate && y >= -kMaxCoordinate &&
           y <= kMaxCoordinate; // NaN fails every comparison
}
/// The largest file read, in bytes (64 MiB): a diagram of 100k nodes is about 15 MB.
inline constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;
/// Nodes in one diagram: twice the size the tools are measured at (tests/bench:
/// validate and analyze 100k nodes in well under 5 s).
inline constexpr std::size_t kMaxNodes = 200000;
/// Links in one diagram: a balancer over every node of the largest diagram, and more.
inline constexpr std::size_t kMaxLinks = 1000000;
/// Steps of the scenario timeline.
inline constexpr std::size_t kMaxScenarioSteps = 100000;
/// Users of all clients together when sessions are modelled: the engine keeps where each
/// user's session lives (8 bytes a user, 160 MB at the limit).
inline constexpr double kMaxSessionUsers = 2e7;

} // namespace scalelab::core
