#include "gui/commands/SetDiagramInfoCommand.h"

#include <QCoreApplication>

#include "gui/commands/CommandId.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

SetDiagramInfoCommand::SetDiagramInfoCommand(Document* document, Info newInfo, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_old(current(*document)),
      m_new(std::move(newInfo)), m_field(changedField(m_old, m_new))
{
    switch (m_field) {
    case Field::Name:
        setText(QCoreApplication::translate("Commands", "Rename diagram"));
        break;
    case Field::Description:
        setText(QCoreApplication::translate("Commands", "Edit description"));
        break;
    case Field::Duration:
    case Field::Warmup:
    case Field::Seed:
        setText(QCoreApplication::translate("Commands", "Change simulation settings"));
        break;
    }
}

SetDiagramInfoCommand::Field SetDiagramInfoCommand::changedField(const Info& from, const Info& to)
{
    if (from.name != to.name)
        return Field::Name;
    if (from.description != to.description)
        return Field::Description;
    if (from.simulation.durationS != to.simulation.durationS)
        return Field::Duration;
    if (from.simulation.warmupS != to.simulation.warmupS)
        return Field::Warmup;
    return Field::Seed;
}

int SetDiagramInfoCommand::id() const
{
    return static_cast<int>(CommandId::SetDiagramInfo);
}

bool SetDiagramInfoCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = dynamic_cast<const SetDiagramInfoCommand*>(other);
    if (!next || next->m_document != m_document || next->m_field != m_field)
        return false;
    m_new = next->m_new;
    setObsolete(m_new == m_old);
    return true;
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
