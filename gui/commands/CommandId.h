#pragma once

namespace scalelab::gui {

/// QUndoCommand::id() of the commands that merge with the one before them. Unique per
/// command class; -1 (Qt's default) means "never merges".
enum class CommandId : int {
    SetParam = 1,
    SetDiagramInfo = 2,
};

} // namespace scalelab::gui
