#pragma once

#include <QColor>

namespace scalelab::gui::live {

// Colours of the live view, in one place so the canvas, the charts and the legend agree.
inline QColor readDot()
{
    return {0x25, 0x63, 0xeb};
}
inline QColor writeDot()
{
    return {0xea, 0x58, 0x0c};
}
inline QColor errorDot()
{
    return {0xdc, 0x26, 0x26};
}
/// Static assets: a request (and a miss on its way to the origin), and a hit answered at
/// the edge, so hits and misses look different where they part.
inline QColor staticDot()
{
    return {0x0d, 0x94, 0x88};
}
inline QColor hitDot()
{
    return {0x22, 0xc5, 0x5e};
}
inline QColor downGrey()
{
    return {0x6b, 0x72, 0x80};
}

/// Utilization 0..1 as green -> amber -> red (the node's heat).
QColor heatColour(double utilization);

} // namespace scalelab::gui::live
