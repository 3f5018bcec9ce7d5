#include "gui/canvas/LinkItem.h"

#include <cmath>

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "core/model/Link.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

namespace {
constexpr double kLinkArrowSize = 9.0;

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

QString linkLatencyText(double ms)
{
    return QString::number(ms, 'g', 4) + QStringLiteral(" ms");
}
} // namespace

LinkItem::LinkItem(core::LinkKey key) : m_key(std::move(key))
{
    setFlags(ItemIsSelectable);
    setZValue(5);
}

CanvasScene* LinkItem::canvas() const
{
    return static_cast<CanvasScene*>(scene());
}

void LinkItem::updateGeometry()
{
    CanvasScene* s = canvas();
    if (!s)
        return;
    NodeItem* from = s->nodeItem(m_key.from);
    NodeItem* to = s->nodeItem(m_key.to);
    if (!from || !to)
        return;
    prepareGeometryChange();
    QPointF a = from->pos();
    QPointF b = to->pos();
    const QPointF d = b - a;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1) {
        m_start = m_end = a;
        return;
    }
    const QPointF unit = d / len;
    // Two links in opposite directions are drawn side by side instead of on top.
    if (s->document()->link({m_key.to, m_key.from})) {
        const QPointF normal(-unit.y(), unit.x());
        a += normal * 5;
        b += normal * 5;
    }
    m_start = a + unit * nodeExitDistance(d);
    m_end = b - unit * nodeExitDistance(-d);
    if (QLineF(m_start, m_end).length() < 1 || QPointF::dotProduct(m_end - m_start, d) <= 0)
        m_start = m_end = (a + b) / 2;
}

void LinkItem::setProblems(const core::Diagnostics& problems)
{
    m_hasError = !problems.empty();
    QString tip;
    for (const auto& p : problems)
        tip +=
            (tip.isEmpty() ? QString() : QStringLiteral("\n")) + QString::fromStdString(p.message);
    setToolTip(tip);
    update();
}

QString LinkItem::labelText() const
{
    CanvasScene* s = canvas();
    const core::Link* l = s ? s->document()->link(m_key) : nullptr;
    if (!l)
        return {};
    if (l->kind == core::LinkKind::Replication)
        return l->lagMs() > 0 ? QStringLiteral("lag ") + linkLatencyText(l->lagMs())
                              : QStringLiteral("replication");
    return l->latencyMs() > 0 ? linkLatencyText(l->latencyMs()) : QString();
}

QRectF LinkItem::boundingRect() const
{
    return QRectF(m_start, m_end).normalized().adjusted(-50, -20, 50, 20);
}

QPainterPath LinkItem::shape() const
{
    QPainterPath line(m_start);
    line.lineTo(m_end);
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(line);
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    CanvasScene* s = canvas();
    const core::Link* l = s ? s->document()->link(m_key) : nullptr;
    if (!l || m_start == m_end)
        return;
    const bool selected = !s->isPresentation() && (option->state & QStyle::State_Selected);
    const bool replication = l->kind == core::LinkKind::Replication;
    painter->setRenderHint(QPainter::Antialiasing);

    QColor color = replication ? style::replication() : style::link();
    if (m_hasError)
        color = style::error();
    if (selected)
        color = style::selection();
    QPen pen(color, selected ? 2.4 : 1.6);
    if (replication)
        pen.setDashPattern({5, 4});
    pen.setCapStyle(Qt::FlatCap);
    painter->setPen(pen);
    const QLineF line(m_start, m_end);
    const QPointF unit = (m_end - m_start) / line.length();
    painter->drawLine(m_start, m_end - unit * (kLinkArrowSize * 0.6));

    // Arrow head at the target.
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = m_end - unit * kLinkArrowSize;
    QPolygonF head;
    head << m_end << base + normal * (kLinkArrowSize * 0.5) << base - normal * (kLinkArrowSize * 0.5);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);

    const QString text = labelText();
    if (!text.isEmpty()) {
        painter->setFont(linkLatencyFont());
        const QFontMetricsF fm(painter->font());
        const QPointF mid = (m_start + m_end) / 2;
        QRectF r(0, 0, fm.horizontalAdvance(text) + 8, fm.height() + 2);
        r.moveCenter(mid);
        painter->setPen(QPen(color.lighter(150), 1));
        painter->setBrush(QColor(255, 255, 255, 235));
        painter->drawRoundedRect(r, 4, 4);
        painter->setPen(replication ? style::replication() : style::mutedText());
        painter->drawText(r, Qt::AlignCenter, text);
    }
}

} // namespace scalelab::gui
