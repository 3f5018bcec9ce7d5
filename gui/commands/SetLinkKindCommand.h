#pragma once

#include <QUndoCommand>

#include "core/model/Ids.h"
#include "core/model/LinkKind.h"

namespace scalelab::gui {

class Document;

/// Changes what a link carries (a web server -> cache request link into a session link and
/// back); the pairs allowed are the registry's, offered by the link inspector.
class SetLinkKindCommand : public QUndoCommand {
public:
    SetLinkKindCommand(Document* document, core::LinkKey key, core::LinkKind kind,
                       QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document* m_document;
    core::LinkKey m_key;
    core::LinkKind m_kind;
    core::LinkKind m_old = core::LinkKind::Request;
};

} // namespace scalelab::gui
