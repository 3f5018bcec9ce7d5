#include "gui/tools/SelectTool.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>

#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/NodeItem.h"
#include "gui/tools/ConnectTool.h"

namespace scalelab::gui {

bool SelectTool::mousePress(QGraphicsSceneMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return false;
    NodeItem* node = m_scene->nodeItemAt(event->scenePos());
    const bool onHandle = node && node->isOnHandle(event->scenePos());
    const bool byModifier = event->modifiers() & (Qt::AltModifier | Qt::ShiftModifier);
    if (node && (onHandle || byModifier)) {
        const core::NodeId from = node->nodeId();
        // Shift+drag links; Shift+click (no drag) adds the node to the selection.
        const bool clickToggles = !onHandle && (event->modifiers() & Qt::ShiftModifier);
        m_scene->setTool(
            std::make_unique<ConnectTool>(m_scene, from, event->scenePos(), clickToggles));
        return true; // `this` is gone now
    }
    m_scene->setDragging(node != nullptr);
    return false; // default handling: selection and item dragging
}

bool SelectTool::mouseMove(QGraphicsSceneMouseEvent*)
{
    return false;
}

bool SelectTool::mouseRelease(QGraphicsSceneMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return false;
    m_scene->defaultMouseRelease(event);
    m_scene->setDragging(false);
    m_scene->commitItemMoves();
    return true;
}

bool SelectTool::keyPress(QKeyEvent* event)
{
    // Arrow keys nudge the selection by one grid step, as one undoable move.
    QPointF step;
    switch (event->key()) {
    case Qt::Key_Left:
        step = {-1, 0};
        break;
    case Qt::Key_Right:
        step = {1, 0};
        break;
    case Qt::Key_Up:
        step = {0, -1};
        break;
    case Qt::Key_Down:
        step = {0, 1};
        break;
    case Qt::Key_Escape:
        m_scene->clearSelection();
        return true;
    default:
        return false;
    }
    return m_scene->nudgeSelection(step);
}

} // namespace scalelab::gui
