#include "gui/live/LiveStyle.h"

#include <algorithm>

namespace scalelab::gui::live {

QColor heatColour(double utilization)
{
    const QColor green(0x16, 0xa3, 0x4a), amber(0xf5, 0x9e, 0x0b), red(0xdc, 0x26, 0x26);
    const double u = std::clamp(utilization, 0.0, 1.0);
    const auto mix = [](const QColor& a, const QColor& b, double t) {
        return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                                static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                                static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
    };
    // Amber at 70%: the knee where waiting time starts to climb fast.
    return u < 0.7 ? mix(green, amber, u / 0.7) : mix(amber, red, (u - 0.7) / 0.3);
}

} // namespace scalelab::gui::live
