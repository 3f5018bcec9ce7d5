#include "gui/commands/RenameNodeCommand.h"

#include <QCoreApplication>

#include "gui/document/Document.h"

namespace scalelab::gui {

RenameNodeCommand::RenameNodeCommand(Document* document, core::NodeId id, std::string oldName,
                                     std::string newName, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_id(std::move(id)), m_old(std::move(oldName)),
      m_new(std::move(newName))
{
    setText(
        QCoreApplication::translate("Commands", "Rename %1 to \"%2\"")
            .arg(m_old.empty() ? QString::fromStdString(m_id.str()) : QString::fromStdString(m_old),
                 QString::fromStdString(m_new)));
}

void RenameNodeCommand::redo()
{
    m_document->setNodeName(m_id, m_new);
}

void RenameNodeCommand::undo()
{
    m_document->setNodeName(m_id, m_old);
}

} // namespace scalelab::gui
