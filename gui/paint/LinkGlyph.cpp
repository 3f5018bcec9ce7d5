#include "gui/paint/LinkGlyph.h"

#include <algorithm>
#include <cmath>

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPolygonF>

#include "core/model/Link.h"
#include "gui/canvas/CanvasStyle.h"

namespace scalelab::gui {

namespace {
constexpr double kLinkArrowSize = 9.0;

bool isJobLink(core::LinkKind kind)
{
    return kind == core::LinkKind::Publish || kind == core::LinkKind::Consume;
}

QFont linkLatencyFont()
{
    QFont f;
    f.setPointSizeF(7.5);
    return f;
}

// Distance from a node's centre to where a ray in direction `d` leaves the node: its icon,
// and below it the name, so an arrow coming from below ends under the label, not behind it.
double nodeExitDistance(QPointF d)
{
    const double half = style::kIconSize / 2 + 5;
    const double below = style::labelRect().bottom() + 4;
    const double len = std::hypot(d.x(), d.y());
    if (len <= 0)
        return 0;
    const double tx = std::abs(d.x()) > 1e-9 ? half / std::abs(d.x()) : 1e18;
    const double ty = std::abs(d.y()) > 1e-9 ? (d.y() > 0 ? below : half) / std::abs(d.y()) : 1e18;
    return std::min(tx, ty) * len;
}

// A request's dot is 8 device pixels wide, centred on the line (TrafficLayer); the label
// keeps 1.5 px more from the line, measured on the screen, up to 14 scene units (zoom 0.4).
// A response's dot rides 4 px to the line's right: a label on that side keeps 9.5 px.
constexpr double kDotClearance = 4.0 + 1.5;
constexpr double kMaxLabelGap = 14.0;
constexpr double kRightDotClearance = 8.0 + 1.5;
constexpr double kMaxRightLabelGap = kMaxLabelGap * kRightDotClearance / kDotClearance;
// Where along the line a label is tried, nearest the middle first, when the middle's
// place meets a node; each on the left, then on the right.
constexpr double kLabelStops[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82};

// The label's box at `stop` along the line, on its left (or right), at the gap the dots
// need when a scene unit is `scale` pixels.
QRectF labelAt(const LinkEnds& ends, QSizeF size, double scale, double stop, bool right)
{
    QRectF r(QPointF(0, 0), size);
    const QLineF line(ends.start, ends.end);
    const QPointF unit = (ends.end - ends.start) / line.length();
    const QPointF side = right ? QPointF(-unit.y(), unit.x()) : QPointF(unit.y(), -unit.x());
    // The box's half extent across the line, then the gap the dots need on the screen.
    const double across = r.width() / 2 * std::abs(side.x()) + r.height() / 2 * std::abs(side.y());
    const double gap = right
                           ? std::min(kMaxRightLabelGap, kRightDotClearance / std::max(scale, 1e-9))
                           : std::min(kMaxLabelGap, kDotClearance / std::max(scale, 1e-9));
    r.moveCenter(ends.start + (ends.end - ends.start) * stop + side * (across + gap));
    return r;
}

QSizeF labelSize(const QString& label)
{
    const QFontMetricsF fm(linkLatencyFont());
    return {fm.horizontalAdvance(label) + 8, fm.height() + 2};
}

QString linkLatencyText(double ms)
{
    return QString::number(ms, 'g', 4) + QStringLiteral(" ms");
}
} // namespace

LinkEnds LinkGlyph::ends(QPointF a, QPointF b, bool hasReverse)
{
    const QPointF d = b - a;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1)
        return {a, a};
    const QPointF unit = d / len;
    if (hasReverse) {
        const QPointF normal(-unit.y(), unit.x());
        a += normal * 5;
        b += normal * 5;
    }
    LinkEnds e{a + unit * nodeExitDistance(d), b - unit * nodeExitDistance(-d)};
    if (QLineF(e.start, e.end).length() < 1 || QPointF::dotProduct(e.end - e.start, d) <= 0)
        e.start = e.end = (a + b) / 2;
    return e;
}

QString LinkGlyph::label(const core::Link& link)
{
    if (link.kind == core::LinkKind::Replication)
        return link.lagMs() > 0 ? QStringLiteral("lag ") + linkLatencyText(link.lagMs())
                                : QStringLiteral("replication");
    if (isJobLink(link.kind)) {
        // Named, so a job link is not read as a request path.
        const QString kind = link.kind == core::LinkKind::Publish ? QStringLiteral("publish")
                                                                  : QStringLiteral("consume");
        return link.latencyMs() > 0 ? kind + QLatin1Char(' ') + linkLatencyText(link.latencyMs())
                                    : kind;
    }
    if (link.kind == core::LinkKind::Session)
        return link.latencyMs() > 0 ? QStringLiteral("session ") + linkLatencyText(link.latencyMs())
                                    : QStringLiteral("session");
    return link.latencyMs() > 0 ? linkLatencyText(link.latencyMs()) : QString();
}

QRectF LinkGlyph::boundingRect(const LinkEnds& ends, const QString& label)
{
    QRectF r = QRectF(ends.start, ends.end).normalized().adjusted(-50, -20, 50, 20);
    if (label.isEmpty() || !ends.drawable() || QLineF(ends.start, ends.end).length() <= 0)
        return r;
    // Every place labelRect may choose, at the largest gap (zoomed far out) and the least.
    const QSizeF size = labelSize(label);
    for (double stop : kLabelStops)
        for (bool right : {false, true})
            for (double scale : {0.0, 1e9})
                r = r.united(labelAt(ends, size, scale, stop, right).adjusted(-1, -1, 1, 1));
    return r;
}

QRectF LinkGlyph::labelRect(const LinkEnds& ends, const QString& label, double scale,
                            const std::vector<QRectF>& nodeBoxes)
{
    const QSizeF size = labelSize(label);
    if (QLineF(ends.start, ends.end).length() <= 0)
        return QRectF(QPointF(0, 0), size)
            .translated(ends.start - QPointF(size.width() / 2, size.height() / 2));
    QRectF best;
    double bestOverlap = -1;
    for (double stop : kLabelStops)
        for (bool right : {false, true}) {
            const QRectF r = labelAt(ends, size, scale, stop, right);
            double overlap = 0;
            for (const QRectF& box : nodeBoxes)
                if (const QRectF common = r.intersected(box); !common.isEmpty())
                    overlap += common.width() * common.height();
            if (overlap == 0)
                return r;
            if (bestOverlap < 0 || overlap < bestOverlap) {
                best = r;
                bestOverlap = overlap;
            }
        }
    return best;
}

QPainterPath LinkGlyph::shape(const LinkEnds& ends)
{
    QPainterPath line(ends.start);
    line.lineTo(ends.end);
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(line);
}

void LinkGlyph::paint(QPainter& painter, const LinkEnds& ends, core::LinkKind kind,
                      const QString& label, bool error, bool selected,
                      const std::vector<QRectF>& nodeBoxes)
{
    const bool replication = kind == core::LinkKind::Replication;
    const bool jobs = isJobLink(kind);
    const bool session = kind == core::LinkKind::Session;
    if (!ends.drawable())
        return;
    painter.setRenderHint(QPainter::Antialiasing);

    // Session links in the violet of the live session badge (NodeStatusLayer).
    QColor color = replication ? style::replication()
                   : jobs      ? style::jobs()
                   : session   ? QColor(0x6d, 0x28, 0xd9)
                               : style::link();
    if (error)
        color = style::error();
    if (selected)
        color = style::selection();
    QPen pen(color, selected ? 2.4 : 1.6);
    if (replication)
        pen.setDashPattern({5, 4});
    else if (jobs)
        pen.setDashPattern({1.5, 2.5});
    else if (session)
        pen.setDashPattern({6, 2.5, 1.5, 2.5});
    pen.setCapStyle(Qt::FlatCap);
    painter.setPen(pen);
    const QLineF line(ends.start, ends.end);
    const QPointF unit = (ends.end - ends.start) / line.length();
    painter.drawLine(ends.start, ends.end - unit * (kLinkArrowSize * 0.6));

    // Arrow head at the target.
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = ends.end - unit * kLinkArrowSize;
    QPolygonF head;
    head << ends.end << base + normal * (kLinkArrowSize * 0.5)
         << base - normal * (kLinkArrowSize * 0.5);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPolygon(head);

    if (!label.isEmpty()) {
        painter.setFont(linkLatencyFont());
        // Beside the line, not on it: the moving dots hid a label drawn across it.
        const QTransform& t = painter.worldTransform();
        const double scale = std::sqrt(std::abs(t.determinant()));
        const QRectF r = labelRect(ends, label, scale > 0 ? scale : 1.0, nodeBoxes);
        painter.setPen(QPen(color.lighter(150), 1));
        painter.setBrush(QColor(255, 255, 255, 235));
        painter.drawRoundedRect(r, 4, 4);
        painter.setPen(replication ? style::replication()
                       : jobs      ? style::jobs()
                                   : style::mutedText());
        painter.drawText(r, Qt::AlignCenter, label);
    }
}

} // namespace scalelab::gui
