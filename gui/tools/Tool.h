#pragma once

class QGraphicsSceneMouseEvent;
class QKeyEvent;

namespace scalelab::gui {

class CanvasScene;

/// An interaction mode of the canvas as an object (select, connect, place): the scene
/// hands it the mouse and key events; a tool that is done asks the scene to go back to
/// the select tool. Each handler returns true when it consumed the event.
class Tool {
public:
    explicit Tool(CanvasScene* scene) : m_scene(scene) {}
    virtual ~Tool() = default;
    Tool(const Tool&) = delete;
    Tool& operator=(const Tool&) = delete;

    virtual bool mousePress(QGraphicsSceneMouseEvent* event) = 0;
    virtual bool mouseMove(QGraphicsSceneMouseEvent* event) = 0;
    virtual bool mouseRelease(QGraphicsSceneMouseEvent* event) = 0;
    virtual bool keyPress(QKeyEvent*) { return false; }
    /// Called when the tool is replaced: remove temporary items.
    virtual void cancel() {}

protected:
    CanvasScene* m_scene;
};

} // namespace scalelab::gui
