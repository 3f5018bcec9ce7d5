#include "gui/canvas/NodeItem.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "core/model/Node.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/IconCache.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

namespace {
QFont nodeLabelFont()
{
    QFont f;
    f.setPointSizeF(9.0);
    return f;
}
QFont nodeBadgeFont()
{
    QFont f;
    f.setPointSizeF(7.0);
    f.setBold(true);
    return f;
}
} // namespace

NodeItem::NodeItem(core::NodeId id) : m_id(std::move(id))
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(10);
}

CanvasScene* NodeItem::canvas() const
{
    return static_cast<CanvasScene*>(scene());
}

const core::Node* NodeItem::node() const
{
    CanvasScene* s = canvas();
    return s ? s->document()->node(m_id) : nullptr;
}

QRectF NodeItem::boundingRect() const
{
    using namespace style;
    return QRectF(-kLabelWidth / 2, -kIconSize / 2 - 12, kLabelWidth,
                  kIconSize + 12 + 3 + kLabelHeight + 4)
        .united(QRectF(kHandleX - kHandleRadius - 2, -kHandleRadius - 2, 2 * kHandleRadius + 4,
                       2 * kHandleRadius + 4));
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(style::iconRect().adjusted(-4, -4, 4, 4), 10, 10);
    path.addEllipse(QPointF(style::kHandleX, 0), style::kHandleRadius + 2,
                    style::kHandleRadius + 2);
    // The name is clickable too, but only as wide as its text.
    if (const core::Node* n = node()) {
        const QFontMetricsF fm(nodeLabelFont());
        const double w = std::min(fm.horizontalAdvance(QString::fromStdString(n->displayName())),
                                  style::kLabelWidth);
        QRectF label = style::labelRect();
        path.addRect(QRectF(-w / 2 - 2, label.top(), w + 4, label.height()));
    }
    return path;
}

QString NodeItem::badgeText() const
{
    const core::Node* n = node();
    if (!n || !n->spec() || !n->spec()->param("role"))
        return {};
    return QString::fromStdString(n->text("role"));
}

void NodeItem::paintRoleBadge(QPainter* painter, QPointF centre, const QString& role,
                              const QString& covers, bool changed)
{
    const QString text = role.toUpper();
    const QFontMetricsF fm(nodeBadgeFont());
    const double w = std::max(fm.horizontalAdvance(text), fm.horizontalAdvance(covers.toUpper())) + 12;
    // Centred on the icon's top-right corner, like a notification badge.
    const QRectF r(centre.x() + style::kIconSize / 2 - w / 2 - 2,
                   centre.y() - style::kIconSize / 2 - 9, w, 15);
    painter->setPen(changed ? QPen(QColor(0xf5, 0x9e, 0x0b), 2) : QPen(Qt::white, 1.5));
    painter->setBrush(role == QLatin1String("master") ? style::masterBadge() : style::replicaBadge());
    painter->drawRoundedRect(r, 7.5, 7.5);
    painter->setFont(nodeBadgeFont());
    painter->setPen(Qt::white);
    painter->drawText(r, Qt::AlignCenter, text);
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const core::Node* n = node();
    if (!n)
        return;
    const bool presentation = canvas() && canvas()->isPresentation();
    const bool selected = !presentation && (option->state & QStyle::State_Selected);
    painter->setRenderHint(QPainter::Antialiasing);

    const QRectF icon = style::iconRect();
    // Soft shadow, then the kind's icon tile.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(15, 23, 42, 28));
    painter->drawRoundedRect(icon.translated(0, 2).adjusted(-1, -1, 1, 1), 11, 11);
    const core::KindSpec* spec = n->spec();
    IconCache::paint(*painter, spec ? QString::fromStdString(spec->icon) : QString(), icon);

    if (selected || (m_hover && !presentation)) {
        QPen ring(selected ? style::selection() : style::selection().lighter(160), 2.5);
        painter->setPen(ring);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(icon.adjusted(-4, -4, 4, 4), 12, 12);
    }

    // Name, elided so neighbours never overlap.
    painter->setFont(nodeLabelFont());
    const QFontMetricsF fm(painter->font());
    const QString name = fm.elidedText(QString::fromStdString(n->displayName()), Qt::ElideMiddle,
                                       style::kLabelWidth);
    const QRectF label = style::labelRect();
    const double textW = fm.horizontalAdvance(name);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 200));
    painter->drawRoundedRect(QRectF(-textW / 2 - 4, label.top(), textW + 8, label.height()), 4, 4);
    painter->setPen(selected ? style::selection() : style::text());
    painter->drawText(label, Qt::AlignCenter, name);

    // Role badge (master / replica).
    const QString badge = badgeText();
    if (!badge.isEmpty())
        paintRoleBadge(painter, QPointF(0, 0), badge);

    // Problem marker: red for errors, amber for warnings.
    if (hasError() || hasWarning()) {
        const QRectF m(-style::kIconSize / 2 - 7, -style::kIconSize / 2 - 7, 15, 15);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(hasError() ? style::error() : style::warning());
        painter->drawEllipse(m);
        QFont f = nodeBadgeFont();
        f.setPointSizeF(8);
        painter->setFont(f);
        painter->setPen(Qt::white);
        painter->drawText(m, Qt::AlignCenter, QStringLiteral("!"));
    }

    // Connection handle: shown where it can be grabbed.
    if (!presentation && (m_hover || selected)) {
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(style::selection());
        painter->drawEllipse(QPointF(style::kHandleX, 0), style::kHandleRadius,
                             style::kHandleRadius);
    }
}

void NodeItem::setProblems(const core::Diagnostics& problems)
{
    m_problems = problems;
    QString tip;
    for (const auto& d : m_problems)
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
               (d.severity == core::Severity::Error ? QStringLiteral("Error: ")
                                                    : QStringLiteral("Warning: ")) +
               QString::fromStdString(d.message);
    if (tip.isEmpty())
        if (const core::Node* n = node())
            if (const core::KindSpec* spec = n->spec())
                tip = QStringLiteral("%1 (%2)").arg(QString::fromStdString(spec->displayName),
                                                    QString::fromStdString(n->id.str()));
    setToolTip(tip);
    update();
}

bool NodeItem::hasError() const
{
    for (const auto& d : m_problems)
        if (d.severity == core::Severity::Error)
            return true;
    return false;
}

bool NodeItem::hasWarning() const
{
    for (const auto& d : m_problems)
        if (d.severity == core::Severity::Warning)
            return true;
    return false;
}

bool NodeItem::isOnHandle(const QPointF& scenePos) const
{
    const QPointF local = mapFromScene(scenePos) - QPointF(style::kHandleX, 0);
    return std::hypot(local.x(), local.y()) <= style::kHandleRadius + 3;
}

QRectF NodeItem::visibleSceneRect() const
{
    const QRectF r = shape().boundingRect().united(style::iconRect().adjusted(-8, -10, 8, 0));
    return mapRectToScene(r);
}

void NodeItem::syncFromDocument()
{
    if (const core::Node* n = node()) {
        prepareGeometryChange(); // the name's width changes the shape
        const QPointF p(n->pos.x, n->pos.y);
        if (pos() != p)
            setPos(p);
        update();
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    CanvasScene* s = canvas();
    if (change == ItemPositionChange && s && s->isSnapping() && s->isDragging())
        return s->snap(value.toPointF());
    if (change == ItemPositionHasChanged && s)
        s->nodeItemMoved(m_id);
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event)
{
    m_hover = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event)
{
    m_hover = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace scalelab::gui
