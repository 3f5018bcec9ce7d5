#pragma once

#include <QPointF>

#include "core/model/Ids.h"
#include "gui/tools/Tool.h"

class QGraphicsLineItem;

namespace scalelab::gui {

/// Draws a rubber line from a node to the pointer; released on another node it asks the
/// scene to link them (the rules may refuse: the reason shows at the pointer). Started by
/// Shift and released without a drag, it was a Shift+click: the node joins or leaves the
/// selection instead.
class ConnectTool : public Tool {
public:
    ConnectTool(CanvasScene* scene, core::NodeId from, QPointF start, bool clickToggles = false);
    ~ConnectTool() override;

    bool mousePress(QGraphicsSceneMouseEvent* event) override;
    bool mouseMove(QGraphicsSceneMouseEvent* event) override;
    bool mouseRelease(QGraphicsSceneMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;
    void cancel() override;

private:
    core::NodeId m_from;
    QGraphicsLineItem* m_line = nullptr;
    core::NodeId m_lastTarget; // status message once per target, not per mouse move
    QPointF m_start;
    bool m_clickToggles = false;
};

} // namespace scalelab::gui
