#pragma once

#include <QRectF>

class QPainter;

namespace scalelab::gui {

/// The shaded "private network" area behind the private nodes (shared by the canvas item
/// and the headless diagram painter, see NodeGlyph).
class RegionGlyph {
public:
    /// The area around `privateNodes` (the union of the private nodes' visible rects),
    /// never narrower than its label; empty when there are none.
    static QRectF areaAround(const QRectF& privateNodes);
    static QRectF boundingRect(const QRectF& area) { return area.adjusted(-2, -2, 2, 2); }
    static void paint(QPainter& painter, const QRectF& area);
};

} // namespace scalelab::gui
