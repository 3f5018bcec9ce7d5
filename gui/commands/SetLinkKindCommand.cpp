#include "gui/commands/SetLinkKindCommand.h"

#include <QCoreApplication>

#include "core/model/KindRegistry.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

SetLinkKindCommand::SetLinkKindCommand(Document* document, core::LinkKey key, core::LinkKind kind,
                                       QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_key(std::move(key)), m_kind(kind)
{
    if (const core::Link* l = m_document->link(m_key))
        m_old = l->kind;
    setText(
        QCoreApplication::translate("Commands", "Make %1 → %2 a %3 link")
            .arg(m_document->nodeName(m_key.from), m_document->nodeName(m_key.to),
                 QString::fromStdString(core::KindRegistry::instance().linkKind(kind).displayName)
                     .toLower()));
}

void SetLinkKindCommand::redo()
{
    m_document->setLinkKind(m_key, m_kind);
}

void SetLinkKindCommand::undo()
{
    m_document->setLinkKind(m_key, m_old);
}

} // namespace scalelab::gui
