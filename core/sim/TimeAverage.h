#pragma once

#include "core/sim/SimTime.h"

namespace scalelab::core::sim {

/// Integral over time of a piecewise-constant value (busy servers, queue length, up/down):
/// area / elapsed gives the time-weighted mean.
class TimeAverage {
public:
    void set(SimTime now, double value)
    {
        m_area += m_value * static_cast<double>(now - m_last);
        m_last = now;
        m_value = value;
    }
    double value() const { return m_value; }
    /// Area from the start up to `now` (value-ns).
    double areaAt(SimTime now) const
    {
        return m_area + m_value * static_cast<double>(now - m_last);
    }

private:
    double m_area = 0;
    SimTime m_last = 0;
    double m_value = 0;
};

} // namespace scalelab::core::sim
