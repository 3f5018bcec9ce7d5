#include "core/experiment/RunSeed.h"

namespace scalelab::core::experiment {

namespace {

// SplitMix64's output function (Steele, Lea, Flood 2014): every input bit reaches every
// output bit, so neighbouring points and replications get unrelated streams. Written out
// because it is three lines and its numbers are part of the documented contract.
std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

} // namespace

std::uint64_t runSeed(std::uint64_t fileSeed, std::uint64_t point, std::uint64_t replication)
{
    if (point == 0 && replication == 0)
        return fileSeed;
    return splitMix64(splitMix64(splitMix64(fileSeed) ^ point) ^ replication);
}

} // namespace scalelab::core::experiment
