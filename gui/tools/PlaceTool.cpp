#include "gui/tools/PlaceTool.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>

#include "gui/canvas/CanvasScene.h"

namespace scalelab::gui {

PlaceTool::PlaceTool(CanvasScene* scene, std::string kind) : Tool(scene), m_kind(std::move(kind)) {}

bool PlaceTool::mousePress(QGraphicsSceneMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        m_scene->setTool(nullptr);
        return true;
    }
    const std::string kind = m_kind;
    CanvasScene* scene = m_scene;
    scene->setTool(nullptr); // one node per click; deletes this tool
    scene->placeNode(kind, event->scenePos());
    return true;
}

bool PlaceTool::mouseMove(QGraphicsSceneMouseEvent*)
{
    return true;
}

bool PlaceTool::mouseRelease(QGraphicsSceneMouseEvent*)
{
    return true;
}

bool PlaceTool::keyPress(QKeyEvent* event)
{
    if (event->key() != Qt::Key_Escape)
        return false;
    m_scene->setTool(nullptr);
    return true;
}

} // namespace scalelab::gui
