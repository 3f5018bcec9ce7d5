#include "gui/commands/AddNodeCommand.h"

#include <QCoreApplication>

#include "gui/document/Document.h"

namespace scalelab::gui {

AddNodeCommand::AddNodeCommand(Document* document, core::Node node, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_node(std::move(node))
{
    setText(QCoreApplication::translate("Commands", "Add %1")
                .arg(QString::fromStdString(m_node.displayName())));
}

void AddNodeCommand::redo()
{
    m_document->insertNode(m_node);
}

void AddNodeCommand::undo()
{
    m_document->removeNode(m_node.id);
}

} // namespace scalelab::gui
