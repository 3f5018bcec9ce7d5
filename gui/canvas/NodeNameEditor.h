#pragma once

#include <QLineEdit>

#include "core/model/Ids.h"

namespace scalelab::gui {

class CanvasView;

/// Rename in place: a line edit over a node's name, where the name is drawn, as draw.io
/// and Figma edit a shape's text. Return or a click elsewhere commits it as one
/// RenameNodeCommand (so Ctrl+Z takes it back); Escape leaves the name as it was.
class NodeNameEditor : public QLineEdit {
    Q_OBJECT
public:
    NodeNameEditor(CanvasView* view, core::NodeId id);

    const core::NodeId& nodeId() const { return m_id; }
    /// Puts the editor over the node's label at the view's zoom and scroll.
    void place();
    /// Renames the node to the text (if it changed and the node is still there); closes.
    void commit();
    /// Closes without renaming.
    void cancel();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void close(bool rename);

    CanvasView* m_view;
    core::NodeId m_id;
    QString m_shown; // the label when editing began: unchanged text renames nothing
    bool m_closing = false;
};

} // namespace scalelab::gui
