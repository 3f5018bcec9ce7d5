#pragma once

#include <QColor>
#include <QImage>
#include <QRectF>

class QPainter;

namespace scalelab::gui {

/// The soft glow behind a busy node in a run: the node's tile (and a pool's stacked tiles)
/// in the heat colour, blurred so that it fades out around the shape instead of sitting
/// behind it as a flat square. Sprites are made once per colour step and shape and reused.
class HeatGlow {
public:
    /// How far the glow reaches past the tile, in scene units.
    static constexpr double kSpread = 14;
    /// Draws the glow of a node centred at `centre` loaded to `utilization` (0..1+).
    static void paint(QPainter& painter, QPointF centre, double utilization, bool pool);
    /// The sprite for a node centred at the origin: `rect()` in scene units, 2 pixels per
    /// unit; alpha falls from the tile's edge outwards.
    static const QImage& sprite(double utilization, bool pool);
    static QRectF rect();
};

} // namespace scalelab::gui
