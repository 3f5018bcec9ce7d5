#include "gui/commands/SetNodeParamCommand.h"

#include <QCoreApplication>

#include "gui/document/Document.h"

namespace scalelab::gui {

SetNodeParamCommand::SetNodeParamCommand(Document* document, std::vector<core::NodeId> ids,
                                         std::string param, core::ParamValue value,
                                         QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_ids(std::move(ids)), m_param(std::move(param)),
      m_value(std::move(value))
{
    for (const auto& id : m_ids) {
        std::optional<core::ParamValue> old;
        if (const core::Node* n = m_document->node(id))
            if (auto it = n->params.find(m_param); it != n->params.end())
                old = it->second;
        m_old.push_back(old);
    }
    const QString target =
        m_ids.size() == 1
            ? QString::fromStdString(m_ids.front().str())
            : QCoreApplication::translate("Commands", "%n nodes", nullptr, int(m_ids.size()));
    setText(QCoreApplication::translate("Commands", "Set %1 of %2 to %3")
                .arg(QString::fromStdString(m_param), target,
                     QString::fromStdString(core::toDisplayString(m_value))));
}

void SetNodeParamCommand::redo()
{
    for (const auto& id : m_ids)
        m_document->setNodeParam(id, m_param, m_value);
}

void SetNodeParamCommand::undo()
{
    for (std::size_t i = 0; i < m_ids.size(); ++i)
        m_document->setNodeParam(m_ids[i], m_param, m_old[i]);
}

} // namespace scalelab::gui
