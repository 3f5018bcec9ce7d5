#include "gui/commands/AddLinkCommand.h"

#include <QCoreApplication>

#include "gui/document/Document.h"

namespace scalelab::gui {

AddLinkCommand::AddLinkCommand(Document* document, core::Link link, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_link(std::move(link))
{
    const QString what = m_link.kind == core::LinkKind::Replication
                             ? QCoreApplication::translate("Commands", "Replicate %1 → %2")
                             : QCoreApplication::translate("Commands", "Link %1 → %2");
    setText(what.arg(m_document->nodeName(m_link.from), m_document->nodeName(m_link.to)));
}

void AddLinkCommand::redo()
{
    m_document->insertLink(m_link);
}

void AddLinkCommand::undo()
{
    m_document->removeLink(m_link.key());
}

} // namespace scalelab::gui
