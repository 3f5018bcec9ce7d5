#pragma once

#include <vector>

#include <QUndoCommand>

#include "core/model/Link.h"
#include "core/model/Node.h"

namespace scalelab::gui {

class Document;

/// Adds ready-made nodes and links at once: paste and duplicate. The caller has already
/// given the nodes fresh ids and positions; the links may also reach existing nodes
/// (duplicate keeps a copied server's links to its load balancer and database).
class InsertFragmentCommand : public QUndoCommand {
public:
    InsertFragmentCommand(Document* document, std::vector<core::Node> nodes,
                          std::vector<core::Link> links, const QString& text,
                          QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

    const std::vector<core::Node>& nodes() const { return m_nodes; }

private:
    Document* m_document;
    std::vector<core::Node> m_nodes;
    std::vector<core::Link> m_links;
};

} // namespace scalelab::gui
