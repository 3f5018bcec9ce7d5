#pragma once

#include <QUndoCommand>

#include "core/model/Link.h"

namespace scalelab::gui {

class Document;

/// Adds one link drawn with the connect tool (already checked by core::linkRefusal).
class AddLinkCommand : public QUndoCommand {
public:
    AddLinkCommand(Document* document, core::Link link, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    core::Link m_link;
};

} // namespace scalelab::gui
