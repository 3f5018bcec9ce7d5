#include "gui/commands/MoveNodesCommand.h"

#include <QCoreApplication>

#include "gui/document/Document.h"

namespace scalelab::gui {

MoveNodesCommand::MoveNodesCommand(Document* document, std::map<core::NodeId, Move> moves,
                                   const QString& text, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_moves(std::move(moves))
{
    if (!text.isEmpty())
        setText(text);
    else if (m_moves.size() == 1)
        setText(QCoreApplication::translate("Commands", "Move %1")
                    .arg(m_document->nodeName(m_moves.begin()->first)));
    else
        setText(
            QCoreApplication::translate("Commands", "Move %n nodes", nullptr, int(m_moves.size())));
}

void MoveNodesCommand::redo()
{
    for (const auto& [id, move] : m_moves)
        m_document->setNodePos(id, move.to);
}

void MoveNodesCommand::undo()
{
    for (const auto& [id, move] : m_moves)
        m_document->setNodePos(id, move.from);
}

} // namespace scalelab::gui
