#include "gui/canvas/NodeItem.h"

#include <cmath>

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "core/model/Node.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/document/Document.h"
#include "gui/paint/NodeGlyph.h"

namespace scalelab::gui {

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

double NodeItem::labelScale() const
{
    const CanvasScene* s = canvas();
    return s && !s->isPresentation() ? s->labelScale() : 1.0;
}

QRectF NodeItem::boundingRect() const
{
    using namespace style;
    const QRectF label = NodeGlyph::labelRect(labelScale());
    return QRectF(label.left() - 4, kBadgeRowTop - 2, label.width() + 8,
                  label.bottom() - kBadgeRowTop + 2 + 4)
        .united(QRectF(kHandleX - kHandleRadius - 2, -kHandleRadius - 2, 2 * kHandleRadius + 4,
                       2 * kHandleRadius + 4));
}

QPainterPath NodeItem::shape() const
{
    const core::Node* n = node();
    return NodeGlyph::shape(n ? NodeLook::of(*n).name : QString(), labelScale());
}

void NodeItem::paintRoleBadge(QPainter* painter, QPointF centre, const QString& role,
                              const QString& covers, bool changed)
{
    NodeGlyph::paintRoleBadge(*painter, centre, role, covers, changed);
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const core::Node* n = node();
    if (!n)
        return;
    // The glyph draws; the item adds only its editor state.
    const bool presentation = canvas() && canvas()->isPresentation();
    NodeLook look = NodeLook::of(*n);
    look.error = hasError();
    look.warning = hasWarning();
    look.selected = !presentation && (option->state & QStyle::State_Selected);
    look.hover = !presentation && m_hover;
    look.spof = m_spof;
    look.labelScale = labelScale();
    NodeGlyph::paint(*painter, look);
}

void NodeItem::setSpof(bool spof)
{
    if (spof == m_spof)
        return;
    m_spof = spof;
    update();
}

void NodeItem::clearHover()
{
    if (!m_hover)
        return;
    m_hover = false;
    update();
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
    const core::Node* n = node();
    return mapRectToScene(NodeGlyph::visibleRect(n ? NodeLook::of(*n).name : QString()));
}

QRectF NodeItem::drawnSceneRect() const
{
    const core::Node* n = node();
    return mapRectToScene(
        NodeGlyph::visibleRect(n ? NodeLook::of(*n).name : QString(), labelScale()));
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
