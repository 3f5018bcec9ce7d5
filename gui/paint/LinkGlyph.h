#pragma once

#include <vector>

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include "core/model/LinkKind.h"

class QPainter;

namespace scalelab::core {
struct Link;
}

namespace scalelab::gui {

/// Where a link's line starts and ends: at the edges of its two nodes, not their centres.
struct LinkEnds {
    QPointF start;
    QPointF end;
    /// Nodes on top of each other leave nothing to draw.
    bool drawable() const { return start != end; }
};

/// How a link is drawn, in scene coordinates. Plain QPainter code shared by the canvas
/// item and the headless diagram painter (see NodeGlyph).
class LinkGlyph {
public:
    /// The line between nodes centred at `from` and `to`; `hasReverse` shifts it aside so
    /// two links in opposite directions are drawn side by side instead of on top.
    static LinkEnds ends(QPointF from, QPointF to, bool hasReverse);
    /// "40 ms", "lag 100 ms", "replication", "publish 1 ms", "consume", "session" or empty.
    static QString label(const core::Link& link);
    /// The line with room around it for clicks, and every place labelRect may put
    /// `label` at any zoom.
    static QRectF boundingRect(const LinkEnds& ends, const QString& label);
    /// Where `label` is drawn when one scene unit is `scale` device pixels: beside the
    /// middle of the line, on its left (requests' dots ride on the line and responses' on
    /// its right, TrafficLayer), clear of the dots at that zoom. When that box meets one
    /// of `nodeBoxes` (the nodes' drawn boxes, in scene coordinates), it slides along the
    /// line and goes to the right side (past the responses' dots) until it meets none;
    /// with no clear place, the one overlapping them least.
    static QRectF labelRect(const LinkEnds& ends, const QString& label, double scale,
                            const std::vector<QRectF>& nodeBoxes = {});
    static QPainterPath shape(const LinkEnds& ends);
    static void paint(QPainter& painter, const LinkEnds& ends, core::LinkKind kind,
                      const QString& label, bool error, bool selected,
                      const std::vector<QRectF>& nodeBoxes = {});
};

} // namespace scalelab::gui
