#include "gui/canvas/DiagramRender.h"

#include <QPainter>

#include "gui/canvas/CanvasScene.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

namespace {
constexpr double kDiagramRenderMargin = 20.0;
} // namespace

QRectF topologyBounds(const core::Topology& topology)
{
    Document document;
    document.reset(topology);
    CanvasScene scene(&document);
    return scene.diagramBounds();
}

void renderTopology(const core::Topology& topology, QPainter& painter, const QRectF& target)
{
    // The canvas itself draws it, so the picture cannot drift from what the editor shows.
    Document document;
    document.reset(topology);
    CanvasScene scene(&document);
    scene.setPresentation(true);
    const QRectF bounds = scene.diagramBounds().adjusted(-kDiagramRenderMargin, -kDiagramRenderMargin,
                                                         kDiagramRenderMargin, kDiagramRenderMargin);
    if (bounds.isEmpty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, target, bounds, Qt::KeepAspectRatio);
    painter.restore();
}

} // namespace scalelab::gui
