#pragma once

#include <string>

#include "gui/tools/Tool.h"

namespace scalelab::gui {

/// Armed by a click in the palette: the next click on the canvas places a node of that
/// kind there (Escape cancels). Dragging from the palette places without this tool.
class PlaceTool : public Tool {
public:
    PlaceTool(CanvasScene* scene, std::string kind);

    const std::string& kind() const { return m_kind; }
    bool mousePress(QGraphicsSceneMouseEvent* event) override;
    bool mouseMove(QGraphicsSceneMouseEvent* event) override;
    bool mouseRelease(QGraphicsSceneMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;

private:
    std::string m_kind;
};

} // namespace scalelab::gui
