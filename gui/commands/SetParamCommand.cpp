#include "gui/commands/SetParamCommand.h"

#include <QCoreApplication>

#include "core/model/ParamLabels.h"
#include "gui/commands/CommandId.h"
#include "gui/document/Document.h"

namespace scalelab::gui {

namespace {
template <typename T>
std::optional<core::ParamValue> explicitValue(const T* item, const std::string& param)
{
    if (!item)
        return std::nullopt;
    auto it = item->params.find(param);
    return it == item->params.end() ? std::nullopt : std::optional(it->second);
}
} // namespace

SetParamCommand::SetParamCommand(Document* document, Targets targets, std::string param,
                                 core::ParamValue value, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document), m_targets(std::move(targets)),
      m_param(std::move(param)), m_value(std::move(value))
{
    if (const auto* ids = std::get_if<std::vector<core::NodeId>>(&m_targets))
        for (const auto& id : *ids)
            m_old.push_back(explicitValue(m_document->node(id), m_param));
    else
        for (const auto& key : std::get<std::vector<core::LinkKey>>(m_targets))
            m_old.push_back(explicitValue(m_document->link(key), m_param));
    updateText();
}

void SetParamCommand::updateText()
{
    const QString value = QString::fromStdString(core::toDisplayString(m_value));
    const QString param = QString::fromStdString(core::paramLabel(m_param));
    if (const auto* ids = std::get_if<std::vector<core::NodeId>>(&m_targets)) {
        const QString target =
            ids->size() == 1
                ? m_document->nodeName(ids->front())
                : QCoreApplication::translate("Commands", "%n nodes", nullptr, int(ids->size()));
        setText(QCoreApplication::translate("Commands", "Set %1 of %2 to %3")
                    .arg(param, target, value));
    } else {
        setText(QCoreApplication::translate("Commands", "Set link %1 to %2").arg(param, value));
    }
}

void SetParamCommand::apply(std::size_t i, const std::optional<core::ParamValue>& value)
{
    if (const auto* ids = std::get_if<std::vector<core::NodeId>>(&m_targets))
        m_document->setNodeParam((*ids)[i], m_param, value);
    else
        m_document->setLinkParam(std::get<std::vector<core::LinkKey>>(m_targets)[i], m_param,
                                 value);
}

void SetParamCommand::redo()
{
    for (std::size_t i = 0; i < m_old.size(); ++i)
        apply(i, m_value);
}

void SetParamCommand::undo()
{
    for (std::size_t i = 0; i < m_old.size(); ++i)
        apply(i, m_old[i]);
}

int SetParamCommand::id() const
{
    return static_cast<int>(CommandId::SetParam);
}

bool SetParamCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = dynamic_cast<const SetParamCommand*>(other);
    if (!next || next->m_document != m_document || next->m_param != m_param ||
        next->m_targets != m_targets)
        return false;
    // This step now goes from the values before the first edit to the latest value.
    m_value = next->m_value;
    updateText();
    bool unchanged = true;
    for (const auto& old : m_old)
        unchanged = unchanged && old && *old == m_value;
    setObsolete(unchanged);
    return true;
}

} // namespace scalelab::gui
