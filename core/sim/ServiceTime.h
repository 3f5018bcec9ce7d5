#pragma once

#include <string>

#include <boost/random/lognormal_distribution.hpp>

#include "core/sim/RandomStream.h"
#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

/// Draws service times of one kind of work at a node: mean (already divided by speed),
/// shape exponential, constant or lognormal with a coefficient of variation.
class ServiceTime {
public:
    void configure(double meanMs, const std::string& dist, double cv, double speed);
    SimTime draw(RandomEngine& engine) const
    {
        switch (m_shape) {
        case Shape::Zero:
            return 0;
        case Shape::Constant:
            return m_constant;
        case Shape::Exponential:
            return toNs(unitExponential(engine) * m_meanNs);
        case Shape::Lognormal:
            return toNs(m_lognormal(engine));
        }
        return 0;
    }
    bool isZero() const { return m_shape == Shape::Zero; }
    double meanNs() const { return m_meanNs; }

private:
    /// A service time beyond any run (the longest lasts 1e7 s): `speed` 1e-12 divides a
    /// mean into more nanoseconds than an int64 holds; held here, the server is simply
    /// busy past the end, as with 1e-9, instead of overflowing into a negative time.
    static constexpr double kLongestNs = 1e18;
    static SimTime toNs(double ns)
    {
        return ns < kLongestNs ? static_cast<SimTime>(ns + 0.5) : static_cast<SimTime>(kLongestNs);
    }
    enum class Shape { Zero, Constant, Exponential, Lognormal };
    Shape m_shape = Shape::Zero;
    double m_meanNs = 0;
    SimTime m_constant = 0;
    mutable boost::random::lognormal_distribution<double> m_lognormal;
};

} // namespace scalelab::core::sim
