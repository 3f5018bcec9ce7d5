#include "core/sim/ServiceTime.h"

#include <cmath>

namespace scalelab::core::sim {

void ServiceTime::configure(double meanMs, const std::string& dist, double cv, double speed)
{
    m_meanNs = speed > 0 ? meanMs * 1e6 / speed : 0.0;
    m_constant = toNs(m_meanNs);
    if (m_constant <= 0) {
        m_shape = Shape::Zero;
    } else if (dist == "constant" || (dist == "lognormal" && cv <= 0)) {
        m_shape = Shape::Constant;
    } else if (dist == "lognormal") {
        // Moments of the underlying normal for the requested mean and cv.
        const double sigma2 = std::log1p(cv * cv);
        m_lognormal = boost::random::lognormal_distribution<double>(
            std::log(m_meanNs) - sigma2 / 2.0, std::sqrt(sigma2));
        m_shape = Shape::Lognormal;
    } else {
        m_shape = Shape::Exponential;
    }
}

} // namespace scalelab::core::sim
