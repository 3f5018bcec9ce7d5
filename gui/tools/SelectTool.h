#pragma once

#include "gui/tools/Tool.h"

namespace scalelab::gui {

/// The default tool: click and Ctrl-click select, rubber band (the view's), drag moves
/// the selected nodes. The drag moves the items only; on release the whole move becomes
/// one MoveNodesCommand (the document still holds the old positions until then).
/// Pressing on a node's handle, or Alt/Shift + press on a node, hands over to ConnectTool.
class SelectTool : public Tool {
public:
    using Tool::Tool;
    bool mousePress(QGraphicsSceneMouseEvent* event) override;
    bool mouseMove(QGraphicsSceneMouseEvent* event) override;
    bool mouseRelease(QGraphicsSceneMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;
};

} // namespace scalelab::gui
