#pragma once

#include <string>
#include <vector>

#include <QUndoCommand>

#include "core/model/Ids.h"

namespace scalelab::gui {

class Document;

/// Deletes nodes (with every link touching them) and links. What it removes is kept as a
/// JSON fragment (core::saveFragment) plus the file-order positions, so undo puts back
/// exactly the same nodes and links in the same places.
class DeleteCommand : public QUndoCommand {
public:
    DeleteCommand(Document* document, const std::vector<core::NodeId>& nodes,
                  const std::vector<core::LinkKey>& links, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

    bool isEmpty() const { return m_nodeIds.empty() && m_linkKeys.empty(); }

private:
    Document* m_document;
    std::string m_fragment;
    std::vector<core::NodeId> m_nodeIds;    // in file order
    std::vector<std::size_t> m_nodeIndices; // ascending
    std::vector<core::LinkKey> m_linkKeys;  // in file order
    std::vector<std::size_t> m_linkIndices; // ascending
};

} // namespace scalelab::gui
