#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QUndoCommand>

#include "core/model/Ids.h"
#include "core/model/ParamValue.h"

namespace scalelab::gui {

class Document;

/// Sets one link parameter (latency_ms, weight, lag_ms) on one or several links.
class SetLinkParamCommand : public QUndoCommand {
public:
    SetLinkParamCommand(Document* document, std::vector<core::LinkKey> keys, std::string param,
                        core::ParamValue value, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::vector<core::LinkKey> m_keys;
    std::string m_param;
    core::ParamValue m_value;
    std::vector<std::optional<core::ParamValue>> m_old;
};

} // namespace scalelab::gui
