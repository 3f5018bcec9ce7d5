#include "gui/commands/InsertFragmentCommand.h"

#include "gui/document/Document.h"

namespace scalelab::gui {

InsertFragmentCommand::InsertFragmentCommand(Document* document, std::vector<core::Node> nodes,
                                             std::vector<core::Link> links, const QString& text,
                                             QUndoCommand* parent)
    : QUndoCommand(text, parent), m_document(document), m_nodes(std::move(nodes)),
      m_links(std::move(links))
{
}

void InsertFragmentCommand::redo()
{
    for (const auto& n : m_nodes)
        m_document->insertNode(n);
    for (const auto& l : m_links)
        m_document->insertLink(l);
}

void InsertFragmentCommand::undo()
{
    for (auto it = m_links.rbegin(); it != m_links.rend(); ++it)
        m_document->removeLink(it->key());
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it)
        m_document->removeNode(it->id);
}

} // namespace scalelab::gui
