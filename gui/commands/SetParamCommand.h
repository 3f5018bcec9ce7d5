#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <QUndoCommand>

#include "core/model/Ids.h"
#include "core/model/ParamValue.h"

namespace scalelab::gui {

class Document;

/// Sets one parameter on one or several nodes, or on one or several links (a
/// multi-selection edits them together). The previous explicit values (or their absence)
/// are kept, so undo restores them exactly.
///
/// Consecutive edits of the same parameter on the same targets merge into one undo step:
/// five spin-box ticks, or typing one value after another, are undone at once, back to the
/// value before the first. A merge that lands on the original values drops the step.
class SetParamCommand : public QUndoCommand {
public:
    using Targets = std::variant<std::vector<core::NodeId>, std::vector<core::LinkKey>>;

    SetParamCommand(Document* document, Targets targets, std::string param, core::ParamValue value,
                    QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    void apply(std::size_t i, const std::optional<core::ParamValue>& value);
    void updateText();

    Document* m_document;
    Targets m_targets;
    std::string m_param;
    core::ParamValue m_value;
    std::vector<std::optional<core::ParamValue>> m_old; // per target, before the first edit
};

} // namespace scalelab::gui
