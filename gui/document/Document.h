#pragma once

#include <optional>

#include <QObject>
#include <QString>

#include "core/model/Diagnostic.h"
#include "core/model/IdIndex.h"
#include "core/model/Topology.h"

class QUndoStack;
class QTimer;

namespace scalelab::gui {

/// The edited diagram: the single source of truth of the editor. It owns the topology,
/// the undo stack (whose clean state is "not modified"), the file path and the latest
/// validation. Views never change it directly: undo commands call the mutators below,
/// and every mutator announces itself through a signal so views can mirror it by id.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    const core::Topology& topology() const { return m_topology; }
    /// O(1) lookups: the document keeps an id index in step with its own edits (Topology's
    /// find functions scan, which made opening a 2,000-node diagram quadratic).
    const core::Node* node(const core::NodeId& id) const;
    /// The node's display name, as the canvas shows it (the id when it has none or is gone).
    QString nodeName(const core::NodeId& id) const;
    const core::Link* link(const core::LinkKey& key) const;
    /// File-order position of a node / link.
    std::optional<std::size_t> nodeIndex(const core::NodeId& id) const { return m_index.node(id); }
    std::optional<std::size_t> linkIndex(const core::LinkKey& key) const
    {
        return m_index.link(key);
    }
    /// The links starting or ending at a node, in no particular order: O(1), not a scan.
    const std::vector<core::LinkKey>& linksOf(const core::NodeId& id) const
    {
        return m_index.linksOf(id);
    }

    QUndoStack* undoStack() const { return m_undo; }

    /// Replaces the whole diagram (new/open/recover); clears the undo history.
    void reset(core::Topology topology, const QString& filePath = {});

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path);
    /// The file name without folder, or "Untitled" for a new diagram.
    QString displayName() const;

    bool isModified() const;
    /// Marks the current state as saved (the undo stack's clean index).
    void markSaved();

    /// Validation of the current topology; refreshed shortly after every change
    /// (coalesced), or at once by revalidate().
    const core::Diagnostics& diagnostics() const { return m_diagnostics; }
    void revalidate();

    // --- Mutators: called by undo commands only. -----------------------------------
    /// Inserts a node at `index` in file order (end when absent or too large).
    void insertNode(const core::Node& node, std::optional<std::size_t> index = {});
    /// Removes the node and every link touching it.
    void removeNode(const core::NodeId& id);
    void setNodePos(const core::NodeId& id, core::Point pos);
    void setNodeName(const core::NodeId& id, const std::string& name);
    /// Sets an explicit parameter value; `std::nullopt` removes it (back to the default).
    void setNodeParam(const core::NodeId& id, const std::string& param,
                      const std::optional<core::ParamValue>& value);
    void insertLink(const core::Link& link, std::optional<std::size_t> index = {});
    void removeLink(const core::LinkKey& key);
    /// Removes many links and nodes (with their links) in one pass: linear in the diagram
    /// however many go, where one removeNode per node would shift the vectors each time.
    void removeMany(const std::vector<core::LinkKey>& links,
                    const std::vector<core::NodeId>& nodes);
    /// Puts nodes and links back at file positions (ascending, as removeMany took them).
    void insertMany(const std::vector<std::pair<std::size_t, core::Node>>& nodes,
                    const std::vector<std::pair<std::size_t, core::Link>>& links);
    void setLinkParam(const core::LinkKey& key, const std::string& param,
                      const std::optional<core::ParamValue>& value);
    void setLinkKind(const core::LinkKey& key, core::LinkKind kind);
    /// The diagram's name, description and simulation settings.
    void setInfo(const std::string& name, const std::string& description,
                 const core::SimulationSettings& simulation);

Q_SIGNALS:
    void nodeAdded(const scalelab::core::NodeId& id);
    void nodeRemoved(const scalelab::core::NodeId& id);
    /// Position, name or a parameter of the node changed.
    void nodeChanged(const scalelab::core::NodeId& id);
    void linkAdded(const scalelab::core::LinkKey& key);
    void linkRemoved(const scalelab::core::LinkKey& key);
    void linkChanged(const scalelab::core::LinkKey& key);
    /// Name, description or simulation settings changed.
    void infoChanged();
    /// The whole topology was replaced: views rebuild.
    void resetDone();
    /// Any change at all (after the specific signal).
    void changed();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);
    void diagnosticsChanged();

private:
    void touch();
    core::Node* mutableNode(const core::NodeId& id);

    core::Topology m_topology;
    core::IdIndex m_index; // every mutator below keeps it in step with m_topology
    QUndoStack* m_undo = nullptr;
    QString m_filePath;
    core::Diagnostics m_diagnostics;
    QTimer* m_validateTimer = nullptr;
};

} // namespace scalelab::gui
