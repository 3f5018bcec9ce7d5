#pragma once

#include <cstdint>

namespace scalelab::core::experiment {

/// The seed of replication `replication` of point `point` of an experiment on a file whose
/// seed is `fileSeed`. Point 0, replication 0 is the file's own seed (so one replication is
/// exactly `scalelab run`); every other run gets a SplitMix64 mix of the three numbers
/// (docs/format.md, "Replications"). Depends on nothing else: not on threads, not on order.
std::uint64_t runSeed(std::uint64_t fileSeed, std::uint64_t point, std::uint64_t replication);

} // namespace scalelab::core::experiment
