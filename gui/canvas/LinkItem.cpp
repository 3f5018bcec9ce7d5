#include "gui/canvas/LinkItem.h"

#include <QStyleOptionGraphicsItem>

#include "core/model/Link.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/Document.h"
#include "gui/paint/LinkGlyph.h"

namespace scalelab::gui {

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
    const LinkEnds ends = LinkGlyph::ends(from->pos(), to->pos(),
                                          s->document()->link({m_key.to, m_key.from}) != nullptr);
    m_start = ends.start;
    m_end = ends.end;
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

QRectF LinkItem::boundingRect() const
{
    return LinkGlyph::boundingRect({m_start, m_end});
}

QPainterPath LinkItem::shape() const
{
    return LinkGlyph::shape({m_start, m_end});
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    CanvasScene* s = canvas();
    const core::Link* l = s ? s->document()->link(m_key) : nullptr;
    if (!l)
        return;
    const bool selected = !s->isPresentation() && (option->state & QStyle::State_Selected);
    LinkGlyph::paint(*painter, {m_start, m_end}, l->kind,
                     LinkGlyph::label(*l), m_hasError, selected);
}

} // namespace scalelab::gui
