#pragma once

#include <cstdint>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

namespace scalelab::core::sim {

/// Every node draws from its own stream, so adding a node or changing one node's traffic
/// does not shift the numbers any other node sees. Boost's engines and distributions give
/// the same sequence on every platform (std:: distributions do not).
using RandomEngine = boost::random::mt19937_64;

/// A stream seeded from the file's seed and a stream number (the node's index in the file),
/// mixed with SplitMix64 so neighbouring seeds give unrelated streams.
inline RandomEngine makeStream(std::uint64_t seed, std::uint64_t stream)
{
    auto mix = [](std::uint64_t z) {
        z += 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    return RandomEngine(mix(mix(seed) ^ mix(stream + 0x632BE59BD9B4E019ULL)));
}

inline double uniform01(RandomEngine& engine)
{
    return boost::random::uniform_01<double>{}(engine);
}

/// An exponential draw with mean 1. The distribution is made here with the constant rate
/// 1 rather than kept in a member: Boost divides each draw by the rate, and only a rate
/// known at compile time lets that division (a 15-cycle stall on every draw) fold away.
inline double unitExponential(RandomEngine& engine)
{
    return boost::random::exponential_distribution<double>{1.0}(engine);
}

} // namespace scalelab::core::sim
