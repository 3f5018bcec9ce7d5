#include "gui/canvas/AnalysisMarks.h"

#include <cmath>

#include <QPainter>

#include "core/analysis/Analysis.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"

namespace scalelab::gui {

namespace {
constexpr double kHotLoad = 0.8;
constexpr double kMargin = 40;

QFont markFont()
{
    QFont f;
    f.setPixelSize(9);
    f.setBold(true);
    return f;
}
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
    prepareGeometryChange();
    m_bounds = m_scene->diagramBounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    update();
}

void AnalysisMarks::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!m_analysis)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(markFont());
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
        // Bottom-right corner of the ring: clear of the role badge, the SPOF tag and the name.
        const double w = QFontMetricsF(painter->font()).horizontalAdvance(text) + 8;
        const QRectF tag(ring.right() - w + 8, ring.bottom() - 12, w, 12);
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawRoundedRect(tag, 6, 6);
        painter->setPen(Qt::white);
        painter->drawText(tag, Qt::AlignCenter, text);
    }
    for (const auto& id : m_analysis->singlePointsOfFailure) {
        const NodeItem* item = m_scene->nodeItem(id);
        if (!item)
            continue;
        const QRectF r = icon.translated(item->pos());
        const QRectF tag(r.left() - 12, r.top() - 6, 30, 12);
        painter->setPen(QPen(Qt::white, 1));
        painter->setBrush(QColor(0x9f, 0x12, 0x39));
        painter->drawRoundedRect(tag, 6, 6);
        painter->setPen(Qt::white);
        painter->drawText(tag, Qt::AlignCenter, QStringLiteral("SPOF"));
    }
}

} // namespace scalelab::gui
