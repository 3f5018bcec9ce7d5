#pragma once

#include <QString>

namespace scalelab::gui {

class CanvasScene;

enum class Alignment { Left, HCenter, Right, Top, VCenter, Bottom };

/// The Edit menu's operations on the canvas selection. Each is one undo command; the
/// clipboard carries the file format's JSON fragment as text, so it pastes between
/// windows and into a text editor.
class EditOperations {
public:
    explicit EditOperations(CanvasScene* scene) : m_scene(scene) {}

    bool deleteSelection();
    bool copy();
    bool cut();
    /// Pastes a fragment (from the clipboard when `text` is empty); returns false and
    /// reports on the status line when the text is not a fragment.
    bool paste(const QString& text = {});
    /// Copies the selected nodes with their links (also those to unselected nodes):
    /// a web server duplicated behind its load balancer keeps both links.
    bool duplicate();
    void selectAll();
    bool align(Alignment how);
    bool distribute(Qt::Orientation orientation);

    /// The selection as fragment JSON (nodes and the links between them).
    QString selectionFragment() const;

private:
    CanvasScene* m_scene;
    int m_pasteCount = 0;
};

} // namespace scalelab::gui
