#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <QGraphicsScene>
#include <QPointer>

#include "core/model/Diagnostic.h"
#include "core/model/Ids.h"
#include "core/model/Node.h"
#include "gui/canvas/RectUnion.h"

namespace scalelab::gui {

class Document;
class LinkItem;
class NetworkRegionItem;
class NodeItem;
class Tool;

/// One-way latency of a request link drawn from a client (an internet hop) and between
/// other nodes (one data centre), in ms: files keep their own values, default 0.
inline constexpr double kDrawnLinkLatencyMs = 40.0;
inline constexpr double kDrawnInternalLatencyMs = 1.0;

/// The canvas: mirrors the document by id (id -> item maps) and reacts to its signals.
/// Mouse and key events go to the current Tool object. Edits go through undo commands.
class CanvasScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit CanvasScene(Document* document, QObject* parent = nullptr);
    ~CanvasScene() override;

    Document* document() const;

    NodeItem* nodeItem(const core::NodeId& id) const;
    LinkItem* linkItem(const core::LinkKey& key) const;
    NodeItem* nodeItemAt(const QPointF& scenePos) const;

    std::vector<core::NodeId> selectedNodeIds() const; ///< in file order
    std::vector<core::LinkKey> selectedLinkKeys() const;
    void selectNodes(const std::vector<core::NodeId>& ids);
    /// Makes one link the whole selection.
    void selectLink(const core::LinkKey& key);

    /// Presentation mode (export, report): no grid, no selection or hover decoration.
    void setPresentation(bool on);
    bool isPresentation() const { return m_presentation; }
    /// Names drawn this many times larger (>= 1), so a view zoomed out to show a whole
    /// diagram keeps them readable (CanvasView sets it from its zoom).
    void setLabelScale(double scale);
    double labelScale() const { return m_labelScale; }
    void setSnapping(bool on) { m_snapping = on; }
    bool isSnapping() const { return m_snapping; }
    QPointF snap(const QPointF& p) const;
    /// The bounding box of the diagram (nodes, labels, links, private region). O(1): kept
    /// up to date as nodes come, go and move (links lie between their nodes).
    QRectF diagramBounds() const;
    /// The drawn boxes of the nodes that meet `area` (NodeItem::drawnSceneRect): where
    /// link labels may not go. Kept up to date as nodes come, go, move, change and zoom.
    std::vector<QRectF> nodeBoxesIn(const QRectF& area) const;
    /// Counts changes of the node boxes: a link's cached boxes are stale when it differs.
    std::uint64_t nodeBoxesVersion() const { return m_nodeBoxesVersion; }
    /// The shaded sites and private networks behind the nodes.
    const NetworkRegionItem* regionItem() const { return m_region; }

    // --- Tools -------------------------------------------------------------------
    /// Replaces the current tool; nullptr goes back to the select tool.
    void setTool(std::unique_ptr<Tool> tool);
    Tool* tool() const { return m_tool.get(); }
    void armPlaceTool(const std::string& kind);

    // --- Edits (each one undo command) ----------------------------------------------
    /// Adds a node of `kind` at `scenePos` (snapped), selects it; returns its id.
    core::NodeId placeNode(const std::string& kind, const QPointF& scenePos);
    /// Links two nodes if the rules allow and selects the new link; otherwise explains
    /// why in statusMessage and in `refusal`. A request link drawn here starts with a
    /// latency (kDrawnLinkLatencyMs) so the first run of a new diagram shows traffic.
    bool tryLink(const core::NodeId& from, const core::NodeId& to, QString* refusal = nullptr);
    /// Turns item positions that differ from the document into one move command.
    bool commitItemMoves();
    /// Moves the selected nodes by `gridSteps` grid cells.
    bool nudgeSelection(QPointF gridSteps);

    // --- Used by tools and items ---------------------------------------------------
    void defaultMouseRelease(QGraphicsSceneMouseEvent* event);
    void setDragging(bool on) { m_dragging = on; }
    bool isDragging() const { return m_dragging; }
    void nodeItemMoved(const core::NodeId& id);

Q_SIGNALS:
    /// A short message for the status bar (a refused link, what a tool expects).
    void statusMessage(const QString& text);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void rebuild();
    void addNodeItem(const core::NodeId& id);
    void removeNodeItem(const core::NodeId& id);
    void addLinkItem(const core::LinkKey& key);
    void removeLinkItem(const core::LinkKey& key);
    void onNodeChanged(const core::NodeId& id);
    void updateLinksOf(const core::NodeId& id);
    /// Updates the diagram's bounds and reshades the private region after node `id`
    /// appeared, moved, changed or went.
    void updateRegion(const core::NodeId& id);
    void applyDiagnostics();
    /// Node `id`'s drawn box changed (or it went): links whose labels may meet its old or
    /// new box are drawn again.
    void updateNodeBox(const core::NodeId& id);
    /// Every node's box again, at a new label scale (names grow): one pass, no redraw.
    void refreshNodeBoxes();

    QPointer<Document> m_document;
    std::map<core::NodeId, NodeItem*> m_nodes;
    std::map<core::LinkKey, LinkItem*> m_links;
    NetworkRegionItem* m_region = nullptr;
    RectUnion m_nodeRects; // every node's visible rectangle: the diagram's bounds
    std::map<core::NodeId, QRectF> m_nodeBoxes; // at the label scale: labels keep clear
    std::uint64_t m_nodeBoxesVersion = 0;
    // Each site's nodes' rectangles, and each site's private nodes' ("" for those in no
    // site): the shaded regions; the site each node was last counted in.
    std::map<std::string, RectUnion> m_siteRects;
    std::map<std::string, RectUnion> m_privateRects;
    std::map<core::NodeId, std::string> m_siteOf;
    // Items that showed problems last time: the next validation clears only those.
    std::map<core::NodeId, core::Diagnostics> m_nodeProblems;
    std::map<core::LinkKey, core::Diagnostics> m_linkProblems;
    std::unique_ptr<Tool> m_tool;
    std::unique_ptr<Tool> m_retiredTool; // a tool that replaced itself dies after its event
    bool m_presentation = false;
    double m_labelScale = 1.0;
    bool m_snapping = true;
    bool m_dragging = false;
};

} // namespace scalelab::gui
