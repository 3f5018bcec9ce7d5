#include "gui/canvas/AnalysisMarks.h"

#include <cmath>

#include <QPainter>

#include "core/analysis/Analysis.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"
#include "gui/paint/NodeGlyph.h"

namespace scalelab::gui {

namespace {
constexpr double kHotLoad = 0.8;
constexpr double kMargin = 40;

} // namespace

AnalysisMarks::AnalysisMarks(CanvasScene* scene) : m_scene(scene)
{
    setZValue(9); // just under the nodes: the ring shows around the icon
    setAcceptedMouseButtons(Qt::NoButton);
}

QRectF AnalysisMarks::boundingRect() const
{
    return m_bounds;
}

void AnalysisMarks::setAnalysis(const core::Analysis* analysis)
{
    m_analysis = analysis;
    m_hot = 0;
    m_spof = 0;
    if (analysis) {
        for (const auto& n : analysis->nodes)
            m_hot += n.reached && n.servers > 0 && n.offeredLoad >= kHotLoad ? 1 : 0;
        m_spof = static_cast<int>(analysis->singlePointsOfFailure.size());
    }
    for (const auto& id : m_spofTagged)
        if (NodeItem* item = m_scene->nodeItem(id))
            item->setSpof(false);
    m_spofTagged.clear();
    if (analysis)
        for (const auto& id : analysis->singlePointsOfFailure)
            if (NodeItem* item = m_scene->nodeItem(id)) {
                item->setSpof(true);
                m_spofTagged.push_back(id);
            }
    prepareGeometryChange();
    m_bounds = m_scene->diagramBounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    update();
}

void AnalysisMarks::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!m_analysis)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(NodeGlyph::tagFont());
    const QRectF icon = style::iconRect();
    for (const auto& n : m_analysis->nodes) {
        const NodeItem* item = m_scene->nodeItem(n.id);
        if (!item || !n.reached || n.servers == 0 || n.offeredLoad < kHotLoad)
            continue;
        const bool saturated = !n.stable;
        const QColor c = saturated ? style::error() : style::warning();
        painter->setPen(QPen(c, 3));
        painter->setBrush(Qt::NoBrush);
        const QRectF ring = icon.translated(item->pos()).adjusted(-6, -6, 6, 6);
        painter->drawRoundedRect(ring, 13, 13);
        const QString text = saturated
                                 ? QStringLiteral("SATURATED")
                                 : QStringLiteral("%1%").arg(std::lround(100 * n.offeredLoad));
        // Where the one badge layout puts it: clear of the instances and the name.
        const double w = QFontMetricsF(painter->font()).horizontalAdvance(text) + 8;
        const QRectF tag = NodeGlyph::loadTagRect(item->pos(), w);
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawRoundedRect(tag, 6, 6);
        painter->setPen(Qt::white);
        painter->drawText(tag, Qt::AlignCenter, text);
    }
}

} // namespace scalelab::gui
