#include "gui/commands/DeleteCommand.h"

#include <algorithm>
#include <set>

#include <QCoreApplication>

#include "core/io/TopologyJson.h"
#include "gui/document/Document.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

DeleteCommand::DeleteCommand(Document* document, const std::vector<core::NodeId>& nodes,
                             const std::vector<core::LinkKey>& links, QUndoCommand* parent)
    : QUndoCommand(parent), m_document(document)
{
    const core::Topology& t = document->topology();
    const std::set<core::NodeId> nodeSet(nodes.begin(), nodes.end());
    const std::set<core::LinkKey> linkSet(links.begin(), links.end());
    std::vector<core::Node> removedNodes;
    std::vector<core::Link> removedLinks;
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        if (nodeSet.count(t.nodes[i].id)) {
            removedNodes.push_back(t.nodes[i]);
            m_nodeIds.push_back(t.nodes[i].id);
            m_nodeIndices.push_back(i);
        }
    }
    for (std::size_t i = 0; i < t.links.size(); ++i) {
        const core::Link& l = t.links[i];
        if (linkSet.count(l.key()) || nodeSet.count(l.from) || nodeSet.count(l.to)) {
            removedLinks.push_back(l);
            m_linkKeys.push_back(l.key());
            m_linkIndices.push_back(i);
        }
    }
    m_fragment = core::saveFragment(removedNodes, removedLinks);
    if (m_nodeIds.size() == 1)
        setText(QCoreApplication::translate("Commands", "Delete %1")
                    .arg(QString::fromStdString(removedNodes.front().displayName())));
    else if (m_nodeIds.empty())
        setText(
            QCoreApplication::translate("Commands", "Delete %1").arg(linkCount(m_linkKeys.size())));
    else
        setText(
            QCoreApplication::translate("Commands", "Delete %1").arg(nodeCount(m_nodeIds.size())));
}

void DeleteCommand::redo()
{
    m_document->removeMany(m_linkKeys, m_nodeIds);
}

void DeleteCommand::undo()
{
    // The fragment was written by saveFragment from valid values, so it reads back whole.
    const core::LoadResult restored = core::loadFragment(m_fragment);
    if (!restored.topology)
        return;
    const auto& nodes = restored.topology->nodes;
    const auto& links = restored.topology->links;
    // Ascending indices: each goes back at its old place.
    std::vector<std::pair<std::size_t, core::Node>> atNodes;
    for (std::size_t i = 0; i < nodes.size() && i < m_nodeIndices.size(); ++i)
        atNodes.emplace_back(m_nodeIndices[i], nodes[i]);
    std::vector<std::pair<std::size_t, core::Link>> atLinks;
    for (std::size_t i = 0; i < links.size() && i < m_linkIndices.size(); ++i)
        atLinks.emplace_back(m_linkIndices[i], links[i]);
    m_document->insertMany(atNodes, atLinks);
}

} // namespace scalelab::gui
