#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QUndoCommand>

#include "core/model/Ids.h"
#include "core/model/ParamValue.h"

namespace scalelab::gui {

class Document;

/// Sets one parameter on one or several nodes (a multi-selection edits them together).
/// The previous explicit values (or their absence) are kept so undo restores them exactly.
class SetNodeParamCommand : public QUndoCommand {
public:
    SetNodeParamCommand(Document* document, std::vector<core::NodeId> ids, std::string param,
                        core::ParamValue value, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    std::vector<core::NodeId> m_ids;
    std::string m_param;
    core::ParamValue m_value;
    std::vector<std::optional<core::ParamValue>> m_old;
};

} // namespace scalelab::gui
