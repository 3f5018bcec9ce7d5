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
constexpr double kDotClearance = 4.0 + 1.5;
constexpr double kMaxLabelGap = 14.0;

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
    if (!label.isEmpty() && ends.drawable())
        r = r.united(labelRect(ends, label, 0).adjusted(-1, -1, 1, 1));
    return r;
}

QRectF LinkGlyph::labelRect(const LinkEnds& ends, const QString& label, double scale)
{
    const QFontMetricsF fm(linkLatencyFont());
    QRectF r(0, 0, fm.horizontalAdvance(label) + 8, fm.height() + 2);
    const QLineF line(ends.start, ends.end);
    if (line.length() <= 0)
        return r.translated(ends.start - r.center());
    const QPointF unit = (ends.end - ends.start) / line.length();
    const QPointF left(unit.y(), -unit.x());
    // The box's half extent across the line, then the gap the dots need on the screen.
    const double across = r.width() / 2 * std::abs(left.x()) + r.height() / 2 * std::abs(left.y());
    const double gap = std::min(kMaxLabelGap, kDotClearance / std::max(scale, 1e-9));
    r.moveCenter((ends.start + ends.end) / 2 + left * (across + gap));
    return r;
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
                      const QString& label, bool error, bool selected)
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
        const QRectF r = labelRect(ends, label, scale > 0 ? scale : 1.0);
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
