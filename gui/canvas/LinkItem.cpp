#include "gui/canvas/LinkItem.h"

#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include "core/model/Link.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/Document.h"
#include "gui/paint/LinkGlyph.h"

namespace scalelab::gui {

namespace {
constexpr double kHitWidth = 26.0; // within LinkGlyph::boundingRect (±20)
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
    const LinkEnds ends = LinkGlyph::ends(from->pos(), to->pos(),
                                          s->document()->link({m_key.to, m_key.from}) != nullptr);
    m_start = ends.start;
    m_end = ends.end;
    const core::Link* l = s->document()->link(m_key);
    // Measured here, once per move or edit: the scene asks for it far more often.
    m_bounds = LinkGlyph::boundingRect(ends, l ? LinkGlyph::label(*l) : QString());
    m_nodeBoxesVersion = ~std::uint64_t(0); // its extent changed: the nodes near it too
}

const std::vector<QRectF>& LinkItem::nodeBoxes() const
{
    CanvasScene* s = canvas();
    if (!s) {
        m_nodeBoxes.clear();
        return m_nodeBoxes;
    }
    if (m_nodeBoxesVersion != s->nodeBoxesVersion()) {
        m_nodeBoxes = s->nodeBoxesIn(m_bounds); // the item sits at the scene's origin
        m_nodeBoxesVersion = s->nodeBoxesVersion();
    }
    return m_nodeBoxes;
}

QRectF LinkItem::labelSceneRect(double scale) const
{
    CanvasScene* s = canvas();
    const core::Link* l = s ? s->document()->link(m_key) : nullptr;
    const QString label = l ? LinkGlyph::label(*l) : QString();
    const LinkEnds ends{m_start, m_end};
    if (label.isEmpty() || !ends.drawable())
        return {};
    return LinkGlyph::labelRect(ends, label, scale, nodeBoxes());
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
    return m_bounds;
}

QPainterPath LinkItem::shape() const
{
    // A 1.5 px line is a hard target: the pointer may be kHitWidth / 2 off it and still
    // hit it (the glyph's own shape, 10 px, missed clicks a hand makes). Nodes lie above
    // links, so the wide band never steals a click meant for a node.
    QPainterPath line(m_start);
    line.lineTo(m_end);
    QPainterPathStroker stroker;
    stroker.setWidth(kHitWidth);
    return stroker.createStroke(line);
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    CanvasScene* s = canvas();
    const core::Link* l = s ? s->document()->link(m_key) : nullptr;
    if (!l)
        return;
    const bool selected = !s->isPresentation() && (option->state & QStyle::State_Selected);
    LinkGlyph::paint(*painter, {m_start, m_end}, l->kind, LinkGlyph::label(*l), m_hasError,
                     selected, nodeBoxes());
}

} // namespace scalelab::gui
