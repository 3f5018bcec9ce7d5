#pragma once

#include <QUndoCommand>

#include "core/model/Node.h"

namespace scalelab::gui {

class Document;

/// Adds one node (from the palette or the place tool).
class AddNodeCommand : public QUndoCommand {
public:
    AddNodeCommand(Document* document, core::Node node, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    core::Node m_node;
};

} // namespace scalelab::gui
