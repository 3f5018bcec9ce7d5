#include "gui/commands/SetLinkParamCommand.h"

#include <QCoreApplication>

#include "gui/document/Document.h"

namespace scalelab::gui {

SetLinkParamCommand::SetLinkParamCommand(Document* document, std::vector<core::LinkKey> keys,
                                         std::string param, core::ParamValue value,
                                         QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_keys(std::move(keys)),
      m_param(std::move(param)), m_value(std::move(value))
{
    for (const auto& key : m_keys) {
        std::optional<core::ParamValue> old;
        if (const core::Link* l = m_document->link(key))
            if (auto it = l->params.find(m_param); it != l->params.end())
                old = it->second;
        m_old.push_back(old);
    }
    setText(QCoreApplication::translate("Commands", "Set link %1 to %2")
                .arg(QString::fromStdString(m_param),
                     QString::fromStdString(core::toDisplayString(m_value))));
}

void SetLinkParamCommand::redo()
{
    for (const auto& key : m_keys)
        m_document->setLinkParam(key, m_param, m_value);
}

void SetLinkParamCommand::undo()
{
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        m_document->setLinkParam(m_keys[i], m_param, m_old[i]);
}

} // namespace scalelab::gui
