#pragma once

#include <cstddef>

namespace scalelab::core {

// Limits every input is held to, stated once: the loader, the validator, the command line
// and docs/format.md ("Limits") use these numbers.

/// The longest run a file or `--duration` may ask for, in simulated seconds.
inline constexpr double kMaxDurationS = 1e7;
/// Node positions: |x| and |y| at most this (far beyond any drawing, far below overflow).
inline constexpr double kMaxCoordinate = 1e6;
/// The largest file read, in bytes (64 MiB): a diagram of 100k nodes is about 15 MB.
inline constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;

} // namespace scalelab::core
