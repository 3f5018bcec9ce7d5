#include "gui/tools/ConnectTool.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPen>
#include <QToolTip>
#include <QWidget>

#include "core/validation/LinkRules.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

namespace {
// Less than this (scene units) between press and release is a click, not a drag.
constexpr double kClickSlop = 4.0;
} // namespace

namespace {

// Says a refusal where the user looks: at the pointer (the status bar is far away).
void explainAtPointer(QGraphicsSceneMouseEvent* event, const QString& text)
{
    QWidget* view = event->widget();
    QToolTip::showText(event->screenPos(), text, view);
}

} // namespace

ConnectTool::ConnectTool(CanvasScene* scene, core::NodeId from, QPointF start, bool clickToggles)
    : Tool(scene), m_from(std::move(from)), m_start(start), m_clickToggles(clickToggles)
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
    if (!m_line)
        return true;
    QLineF l = m_line->line();
    l.setP2(event->scenePos());
    m_line->setLine(l);
    // Say before the release whether the rules will take this link: red when refused.
    NodeItem* target = m_scene->nodeItemAt(event->scenePos());
    const core::Node* from = m_scene->document()->node(m_from);
    const core::Node* to = target ? m_scene->document()->node(target->nodeId()) : nullptr;
    QColor color = style::selection();
    if (from && to && from->id != to->id) {
        const auto refusal = core::linkRefusal(*from, *to, core::linkKindBetween(*from, *to));
        if (refusal) {
            color = style::error();
            if (target->nodeId() != m_lastTarget) {
                const QString text =
                    QObject::tr("Cannot link: %1").arg(QString::fromStdString(*refusal));
                Q_EMIT m_scene->statusMessage(text);
                explainAtPointer(event, text);
            }
        } else if (target->nodeId() != m_lastTarget) {
            QToolTip::hideText();
        }
        m_lastTarget = target->nodeId();
    } else {
        m_lastTarget = {};
    }
    QPen pen = m_line->pen();
    pen.setColor(color);
    m_line->setPen(pen);
    return true;
}

bool ConnectTool::mouseRelease(QGraphicsSceneMouseEvent* event)
{
    NodeItem* target = m_scene->nodeItemAt(event->scenePos());
    const core::NodeId from = m_from;
    CanvasScene* scene = m_scene;
    const bool click = m_clickToggles && QLineF(m_start, event->scenePos()).length() < kClickSlop;
    scene->setTool(nullptr); // back to selecting; deletes this tool
    // The drag kept hover events from the scene: the node the link started from never
    // heard the pointer leave and would keep its hover frame until the pointer came back.
    if (NodeItem* source = scene->nodeItem(from); source && source != target)
        source->clearHover();
    if (click) {
        if (NodeItem* item = scene->nodeItem(from))
            item->setSelected(!item->isSelected());
        return true;
    }
    if (target && target->nodeId() != from) {
        QString refusal;
        if (!scene->tryLink(from, target->nodeId(), &refusal))
            explainAtPointer(event, refusal);
    }
    return true;
}

bool ConnectTool::keyPress(QKeyEvent* event)
{
    if (event->key() != Qt::Key_Escape)
        return false;
    CanvasScene* scene = m_scene;
    const core::NodeId from = m_from;
    scene->setTool(nullptr); // deletes this tool
    if (NodeItem* source = scene->nodeItem(from))
        source->clearHover();
    return true;
}

} // namespace scalelab::gui
