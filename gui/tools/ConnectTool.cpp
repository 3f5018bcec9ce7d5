#include "gui/tools/ConnectTool.h"

#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPen>

namespace scalelab::gui {

ConnectTool::ConnectTool(CanvasScene* scene, core::NodeId from, QPointF start)
    : Tool(scene), m_from(std::move(from))
{
    QPointF origin = start;
    if (NodeItem* item = m_scene->nodeItem(m_from))
        origin = item->pos();
    m_line = new QGraphicsLineItem(QLineF(origin, start));
    QPen pen(style::selection(), 1.6);
    pen.setDashPattern({4, 3});
    m_line->setPen(pen);
    m_line->setZValue(100);
    m_scene->addItem(m_line);
}

ConnectTool::~ConnectTool()
{
    cancel();
}

void ConnectTool::cancel()
{
    delete m_line; // removes itself from the scene
    m_line = nullptr;
}

bool ConnectTool::mousePress(QGraphicsSceneMouseEvent*)
{
    return true;
}

bool ConnectTool::mouseMove(QGraphicsSceneMouseEvent* event)
{
    if (m_line) {
        QLineF l = m_line->line();
        l.setP2(event->scenePos());
        m_line->setLine(l);
    }
    return true;
}

bool ConnectTool::mouseRelease(QGraphicsSceneMouseEvent* event)
{
    NodeItem* target = m_scene->nodeItemAt(event->scenePos());
    const core::NodeId from = m_from;
    CanvasScene* scene = m_scene;
    scene->setTool(nullptr); // back to selecting; deletes this tool
    if (target && target->nodeId() != from)
        scene->tryLink(from, target->nodeId());
    return true;
}

bool ConnectTool::keyPress(QKeyEvent* event)
{
    if (event->key() != Qt::Key_Escape)
        return false;
    m_scene->setTool(nullptr);
    return true;
}

} // namespace scalelab::gui
