#pragma once

#include <map>

#include <QUndoCommand>

#include "core/model/Node.h"

namespace scalelab::gui {

class Document;

/// Moves nodes from old to new positions: a whole drag, an align or a distribute is one
/// command. Positions are captured by the caller (old ones when the drag starts).
class MoveNodesCommand : public QUndoCommand {
public:
    struct Move {
        core::Point from;
        core::Point to;
    };
    MoveNodesCommand(Document* document, std::map<core::NodeId, Move> moves,
                     const QString& text = {}, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::map<core::NodeId, Move> m_moves;
};

} // namespace scalelab::gui
