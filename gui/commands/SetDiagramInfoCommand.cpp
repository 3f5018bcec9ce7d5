#include "gui/commands/SetDiagramInfoCommand.h"

#include <QCoreApplication>

#include "gui/document/Document.h"

namespace scalelab::gui {

SetDiagramInfoCommand::SetDiagramInfoCommand(Document* document, Info newInfo, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_old(current(*document)),
      m_new(std::move(newInfo))
{
    if (m_old.name != m_new.name)
        setText(QCoreApplication::translate("Commands", "Rename diagram"));
    else if (m_old.description != m_new.description)
        setText(QCoreApplication::translate("Commands", "Edit description"));
    else
        setText(QCoreApplication::translate("Commands", "Change simulation settings"));
}

SetDiagramInfoCommand::Info SetDiagramInfoCommand::current(const Document& document)
{
    const core::Topology& t = document.topology();
    return {t.name, t.description, t.simulation};
}

void SetDiagramInfoCommand::apply(const Info& info)
{
    m_document->setInfo(info.name, info.description, info.simulation);
}

void SetDiagramInfoCommand::redo()
{
    apply(m_new);
}

void SetDiagramInfoCommand::undo()
{
    apply(m_old);
}

} // namespace scalelab::gui
