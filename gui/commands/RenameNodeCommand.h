#pragma once

#include <string>

#include <QUndoCommand>

#include "core/model/Ids.h"

namespace scalelab::gui {

class Document;

/// Changes a node's display name (its id, used by links and the scenario, stays).
class RenameNodeCommand : public QUndoCommand {
public:
    RenameNodeCommand(Document* document, core::NodeId id, std::string oldName, std::string newName,
                      QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    core::NodeId m_id;
    std::string m_old;
    std::string m_new;
};

} // namespace scalelab::gui
