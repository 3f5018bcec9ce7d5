#include "gui/canvas/CanvasScene.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QUndoStack>

#include "core/model/KindRegistry.h"
#include "core/validation/LinkRules.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/LinkItem.h"
#include "gui/canvas/NetworkRegionItem.h"
#include "gui/canvas/NodeItem.h"
#include "gui/canvas/NodeNames.h"
#include "gui/commands/AddLinkCommand.h"
#include "gui/commands/AddNodeCommand.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/document/Document.h"
#include "gui/paint/RegionGlyph.h"
#include "gui/tools/PlaceTool.h"
#include "gui/tools/SelectTool.h"

namespace scalelab::gui {

namespace canvas_scene_detail {
// What an item shows of its problems: the marker's colour and the tooltip's lines.
bool sameProblems(const core::Diagnostics& a, const core::Diagnostics& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const core::Diagnostic& x, const core::Diagnostic& y) {
                          return x.severity == y.severity && x.message == y.message;
                      });
}
} // namespace canvas_scene_detail
using canvas_scene_detail::sameProblems;

CanvasScene::CanvasScene(Document* document, QObject* parent)
    : QGraphicsScene(parent), m_document(document)
{
    // Items move during drags; a BSP index costs more than it saves at this size.
    setItemIndexMethod(NoIndex);
    m_region = new NetworkRegionItem;
    addItem(m_region);
    m_tool = std::make_unique<SelectTool>(this);

    connect(document, &Document::nodeAdded, this, &CanvasScene::addNodeItem);
    connect(document, &Document::nodeRemoved, this, &CanvasScene::removeNodeItem);
    connect(document, &Document::nodeChanged, this, &CanvasScene::onNodeChanged);
    connect(document, &Document::linkAdded, this, &CanvasScene::addLinkItem);
    connect(document, &Document::linkRemoved, this, &CanvasScene::removeLinkItem);
    connect(document, &Document::linkChanged, this, [this](const core::LinkKey& key) {
        if (LinkItem* l = linkItem(key)) {
            l->updateGeometry();
            l->update();
        }
    });
    connect(document, &Document::resetDone, this, &CanvasScene::rebuild);
    connect(document, &Document::diagnosticsChanged, this, &CanvasScene::applyDiagnostics);
    rebuild();
}

CanvasScene::~CanvasScene()
{
    // Items ask the scene for the document while being destroyed; drop them first.
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_tool.reset();
    m_retiredTool.reset();
    // Deleting a selected item announces selectionChanged; nobody should hear it now.
    blockSignals(true);
    m_nodes.clear();
    m_links.clear();
    clear();
}

Document* CanvasScene::document() const
{
    return m_document;
}

NodeItem* CanvasScene::nodeItem(const core::NodeId& id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second;
}

LinkItem* CanvasScene::linkItem(const core::LinkKey& key) const
{
    auto it = m_links.find(key);
    return it == m_links.end() ? nullptr : it->second;
}

NodeItem* CanvasScene::nodeItemAt(const QPointF& scenePos) const
{
    for (QGraphicsItem* item : items(scenePos))
        if (item->type() == NodeItem::Type)
            return static_cast<NodeItem*>(item);
    return nullptr;
}

// Both walk the selected items only (not the whole diagram) and sort them by file order.
std::vector<core::NodeId> CanvasScene::selectedNodeIds() const
{
    std::vector<std::pair<std::size_t, core::NodeId>> found;
    for (QGraphicsItem* item : selectedItems())
        if (item->type() == NodeItem::Type) {
            const core::NodeId& id = static_cast<NodeItem*>(item)->nodeId();
            if (auto at = m_document->nodeIndex(id); at && nodeItem(id) == item)
                found.emplace_back(*at, id);
        }
    std::sort(found.begin(), found.end());
    std::vector<core::NodeId> ids;
    for (auto& [at, id] : found)
        ids.push_back(std::move(id));
    return ids;
}

std::vector<core::LinkKey> CanvasScene::selectedLinkKeys() const
{
    std::vector<std::pair<std::size_t, core::LinkKey>> found;
    for (QGraphicsItem* item : selectedItems())
        if (item->type() == LinkItem::Type) {
            const core::LinkKey& key = static_cast<LinkItem*>(item)->key();
            if (auto at = m_document->linkIndex(key); at && linkItem(key) == item)
                found.emplace_back(*at, key);
        }
    std::sort(found.begin(), found.end());
    std::vector<core::LinkKey> keys;
    for (auto& [at, key] : found)
        keys.push_back(std::move(key));
    return keys;
}

void CanvasScene::selectNodes(const std::vector<core::NodeId>& ids)
{
    {
        const QSignalBlocker block(this); // one selectionChanged for the whole change
        clearSelection();
        for (const auto& id : ids)
            if (NodeItem* item = nodeItem(id))
                item->setSelected(true);
    }
    Q_EMIT selectionChanged();
}

void CanvasScene::setPresentation(bool on)
{
    if (on == m_presentation)
        return;
    // Pictures draw names at their own size: the items' extent changes with it.
    const bool labelsChange = m_labelScale != 1.0;
    m_presentation = on;
    if (labelsChange) {
        for (const auto& [id, item] : m_nodes)
            item->labelScaleChanged();
        refreshNodeBoxes();
    }
    update();
}

void CanvasScene::setLabelScale(double scale)
{
    scale = std::max(1.0, scale);
    if (scale == m_labelScale)
        return;
    m_labelScale = scale;
    if (m_presentation)
        return;
    for (const auto& [id, item] : m_nodes)
        item->labelScaleChanged();
    refreshNodeBoxes(); // the view redraws everything at a new zoom
}

QPointF CanvasScene::snap(const QPointF& p) const
{
    return {std::round(p.x() / style::kGrid) * style::kGrid,
            std::round(p.y() / style::kGrid) * style::kGrid};
}

QRectF CanvasScene::diagramBounds() const
{
    // A link runs between its nodes' centres, inside their rectangles.
    QRectF bounds = m_nodeRects.bounds();
    if (m_region->isVisible())
        bounds = bounds.united(m_region->sceneBoundingRect());
    return bounds;
}

// --- Tools -------------------------------------------------------------------------

void CanvasScene::setTool(std::unique_ptr<Tool> tool)
{
    if (m_tool)
        m_tool->cancel();
    m_retiredTool = std::move(m_tool);
    m_tool = tool ? std::move(tool) : std::make_unique<SelectTool>(this);
}

void CanvasScene::armPlaceTool(const std::string& kind)
{
    setTool(std::make_unique<PlaceTool>(this, kind));
    const core::KindSpec* spec = core::KindRegistry::instance().find(kind);
    Q_EMIT statusMessage(tr("Click on the canvas to place a %1 (Esc cancels)")
                             .arg(spec ? QString::fromStdString(spec->displayName).toLower()
                                       : QString::fromStdString(kind)));
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    // A press a tool took is accepted: otherwise the view starts a rubber band on it,
    // which cleared the selection under a Shift+click, deselected a node just placed by a
    // click, and selected both ends of a link drawn across the canvas.
    if (m_tool->mousePress(event))
        event->accept();
    else
        QGraphicsScene::mousePressEvent(event);
    m_retiredTool.reset();
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (!m_tool->mouseMove(event))
        QGraphicsScene::mouseMoveEvent(event);
    m_retiredTool.reset();
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (!m_tool->mouseRelease(event))
        QGraphicsScene::mouseReleaseEvent(event);
    m_retiredTool.reset();
}

void CanvasScene::defaultMouseRelease(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mouseReleaseEvent(event);
}

void CanvasScene::keyPressEvent(QKeyEvent* event)
{
    if (!m_tool->keyPress(event))
        QGraphicsScene::keyPressEvent(event);
    m_retiredTool.reset();
}

// --- Edits -------------------------------------------------------------------------

core::NodeId CanvasScene::placeNode(const std::string& kind, const QPointF& scenePos)
{
    const core::KindSpec* spec = core::KindRegistry::instance().find(kind);
    if (!spec)
        return {};
    core::Node node;
    node.id = m_document->topology().uniqueId(kind);
    node.kind = core::KindId{kind};
    // A name a person reads ("Web server 2"), not the id ("web_server-2").
    node.name = freeNodeName(m_document->topology(), spec->displayName);
    const QPointF p = snap(scenePos);
    node.pos = {p.x(), p.y()};
    const core::NodeId id = node.id;
    const std::string name = node.name;
    m_document->undoStack()->push(new AddNodeCommand(m_document, std::move(node)));
    selectNodes({id});
    Q_EMIT statusMessage(tr("Added %1").arg(QString::fromStdString(name)));
    return id;
}

void CanvasScene::selectLink(const core::LinkKey& key)
{
    {
        const QSignalBlocker block(this); // one selectionChanged for the whole change
        clearSelection();
        if (QGraphicsItem* item = linkItem(key))
            item->setSelected(true);
    }
    Q_EMIT selectionChanged();
}

bool CanvasScene::tryLink(const core::NodeId& from, const core::NodeId& to, QString* refusal)
{
    const core::Node* a = m_document->node(from);
    const core::Node* b = m_document->node(to);
    if (!a || !b)
        return false;
    const auto refuse = [&](const QString& why) {
        if (refusal)
            *refusal = why;
        Q_EMIT statusMessage(why);
        return false;
    };
    if (m_document->link({from, to}))
        return refuse(tr("%1 already links to %2")
                          .arg(QString::fromStdString(a->displayName()),
                               QString::fromStdString(b->displayName())));
    const core::LinkKind kind = core::linkKindBetween(*a, *b);
    if (auto why = core::linkRefusal(*a, *b, kind))
        return refuse(tr("Link refused: %1").arg(QString::fromStdString(*why)));
    core::Link link{from, to, kind, {}};
    if (kind == core::LinkKind::Request) {
        // A 0 ms hop carries requests in no time: nothing would move on the canvas. A
        // client's link crosses the internet; the others stay in one data centre.
        const bool internet = a->spec() && a->spec()->traits.source;
        link.params["latency_ms"] = internet ? kDrawnLinkLatencyMs : kDrawnInternalLatencyMs;
    }
    m_document->undoStack()->push(new AddLinkCommand(m_document, link));
    // The new link is what the user made: select it (its latency is in the inspector),
    // as draw.io selects a new edge.
    selectLink({from, to});
    Q_EMIT statusMessage(kind == core::LinkKind::Replication
                             ? tr("%1 now replicates to %2")
                                   .arg(QString::fromStdString(a->displayName()),
                                        QString::fromStdString(b->displayName()))
                             : tr("Linked %1 → %2")
                                   .arg(QString::fromStdString(a->displayName()),
                                        QString::fromStdString(b->displayName())));
    return true;
}

bool CanvasScene::commitItemMoves()
{
    std::map<core::NodeId, MoveNodesCommand::Move> moves;
    for (const auto& [id, item] : m_nodes) {
        const core::Node* n = m_document->node(id);
        if (!n)
            continue;
        const core::Point now{item->pos().x(), item->pos().y()};
        if (!(now == n->pos))
            moves.emplace(id, MoveNodesCommand::Move{n->pos, now});
    }
    if (moves.empty())
        return false;
    m_document->undoStack()->push(new MoveNodesCommand(m_document, std::move(moves)));
    return true;
}

bool CanvasScene::nudgeSelection(QPointF gridSteps)
{
    std::map<core::NodeId, MoveNodesCommand::Move> moves;
    for (const auto& id : selectedNodeIds()) {
        const core::Node* n = m_document->node(id);
        moves.emplace(id, MoveNodesCommand::Move{n->pos,
                                                 {n->pos.x + gridSteps.x() * style::kGrid,
                                                  n->pos.y + gridSteps.y() * style::kGrid}});
    }
    if (moves.empty())
        return false;
    m_document->undoStack()->push(
        new MoveNodesCommand(m_document, std::move(moves), tr("Nudge selection")));
    return true;
}

// --- Mirroring the document ----------------------------------------------------------

void CanvasScene::rebuild()
{
    setTool(nullptr);
    m_retiredTool.reset();
    // Out of the maps before deleting: a deleted selected item announces selectionChanged,
    // and listeners then ask for the selection.
    auto links = std::exchange(m_links, {});
    auto nodes = std::exchange(m_nodes, {});
    for (auto& [key, item] : links)
        delete item;
    for (auto& [id, item] : nodes)
        delete item;
    m_nodeRects.clear();
    m_nodeBoxes.clear();
    ++m_nodeBoxesVersion;
    m_siteRects.clear();
    m_privateRects.clear();
    m_siteOf.clear();
    m_nodeProblems.clear();
    m_linkProblems.clear();
    for (const core::Node& n : m_document->topology().nodes)
        if (!n.id.empty() && !m_nodes.count(n.id))
            addNodeItem(n.id);
    for (const core::Link& l : m_document->topology().links)
        addLinkItem(l.key());
    applyDiagnostics();
}

void CanvasScene::addNodeItem(const core::NodeId& id)
{
    const core::Node* n = m_document->node(id);
    if (!n || m_nodes.count(id))
        return;
    auto* item = new NodeItem(id);
    m_nodes.emplace(id, item);
    addItem(item);
    item->setPos(n->pos.x, n->pos.y);
    item->syncFromDocument();
    item->setProblems({}); // its tooltip; the next validation marks any problem
    updateRegion(id);
}

void CanvasScene::removeNodeItem(const core::NodeId& id)
{
    auto it = m_nodes.find(id);
    if (it == m_nodes.end())
        return;
    NodeItem* item = it->second;
    m_nodes.erase(it); // first: deleting a selected item announces selectionChanged
    delete item;
    m_nodeProblems.erase(id);
    updateRegion(id);
}

void CanvasScene::addLinkItem(const core::LinkKey& key)
{
    if (m_links.count(key) || !nodeItem(key.from) || !nodeItem(key.to))
        return;
    auto* item = new LinkItem(key);
    m_links.emplace(key, item);
    addItem(item);
    item->updateGeometry();
    // A reverse link shifts aside when this one appears.
    if (LinkItem* reverse = linkItem({key.to, key.from}))
        reverse->updateGeometry();
}

void CanvasScene::removeLinkItem(const core::LinkKey& key)
{
    auto it = m_links.find(key);
    if (it == m_links.end())
        return;
    LinkItem* item = it->second;
    m_links.erase(it);
    delete item;
    m_linkProblems.erase(key);
    if (LinkItem* reverse = linkItem({key.to, key.from}))
        reverse->updateGeometry();
}

void CanvasScene::onNodeChanged(const core::NodeId& id)
{
    if (NodeItem* item = nodeItem(id))
        item->syncFromDocument();
    updateRegion(id);
}

void CanvasScene::nodeItemMoved(const core::NodeId& id)
{
    updateLinksOf(id);
    updateRegion(id);
}

void CanvasScene::updateLinksOf(const core::NodeId& id)
{
    for (const core::LinkKey& key : m_document->linksOf(id))
        if (LinkItem* item = linkItem(key))
            item->updateGeometry();
}

std::vector<QRectF> CanvasScene::nodeBoxesIn(const QRectF& area) const
{
    std::vector<QRectF> boxes;
    for (const auto& [id, box] : m_nodeBoxes)
        if (box.intersects(area))
            boxes.push_back(box);
    return boxes;
}

void CanvasScene::refreshNodeBoxes()
{
    for (auto& [id, box] : m_nodeBoxes)
        if (NodeItem* item = nodeItem(id))
            box = item->drawnSceneRect();
    ++m_nodeBoxesVersion;
}

void CanvasScene::updateNodeBox(const core::NodeId& id)
{
    // A node moved by hand passes here at every step: its old and new boxes are checked
    // against each link's extent (O(links)), and only the links they meet are redrawn.
    QRectF old;
    if (auto it = m_nodeBoxes.find(id); it != m_nodeBoxes.end()) {
        old = it->second;
        m_nodeBoxes.erase(it);
    }
    QRectF now;
    if (NodeItem* item = nodeItem(id); item && m_document->node(id))
        m_nodeBoxes[id] = now = item->drawnSceneRect();
    if (old == now)
        return;
    ++m_nodeBoxesVersion;
    for (const auto& [key, link] : m_links) {
        const QRectF extent = link->sceneBoundingRect();
        if ((!old.isEmpty() && extent.intersects(old)) ||
            (!now.isEmpty() && extent.intersects(now)))
            link->update();
    }
}

void CanvasScene::updateRegion(const core::NodeId& id)
{
    updateNodeBox(id);
    const core::Node* n = m_document->node(id);
    NodeItem* item = nodeItem(id);
    if (n && item)
        m_nodeRects.set(id, item->visibleSceneRect());
    else
        m_nodeRects.remove(id);
    // Out of the site boxes it was in, then into its present ones: O(log n) per node.
    if (auto was = m_siteOf.find(id); was != m_siteOf.end()) {
        m_siteRects[was->second].remove(id);
        m_privateRects[was->second].remove(id);
        m_siteOf.erase(was);
    }
    if (n && item) {
        const std::string site = n->site();
        m_siteOf[id] = site;
        if (!site.empty())
            m_siteRects[site].set(id, item->visibleSceneRect());
        if (n->network() == core::Network::Private)
            m_privateRects[site].set(id, item->visibleSceneRect());
    }
    // Sites tinted in name order (the canvas has no file order to go by).
    std::vector<std::string> sites;
    std::map<std::string, QRectF> siteBoxes, privateBoxes;
    for (const auto& [site, rects] : m_siteRects)
        if (const QRectF box = rects.bounds(); !box.isEmpty()) {
            sites.push_back(site);
            siteBoxes[site] = box;
        }
    for (const auto& [site, rects] : m_privateRects)
        if (const QRectF box = rects.bounds(); !box.isEmpty())
            privateBoxes[site] = box;
    m_region->setRegions(RegionGlyph::regionsFrom(sites, siteBoxes, privateBoxes));
}

void CanvasScene::applyDiagnostics()
{
    std::map<core::NodeId, core::Diagnostics> byNode;
    std::map<core::LinkKey, core::Diagnostics> byLink;
    for (const auto& d : m_document->diagnostics()) {
        if (d.link)
            byLink[*d.link].push_back(d);
        else if (!d.nodeId.empty())
            byNode[core::NodeId{d.nodeId}].push_back(d);
    }
    // Only items whose problems changed are touched: after an edit of a valid diagram that
    // is none of them, instead of every item's tooltip and repaint.
    for (const auto& [id, old] : m_nodeProblems)
        if (!byNode.count(id))
            if (NodeItem* item = nodeItem(id))
                item->setProblems({});
    for (const auto& [id, problems] : byNode)
        if (auto it = m_nodeProblems.find(id);
            it == m_nodeProblems.end() || !sameProblems(it->second, problems))
            if (NodeItem* item = nodeItem(id))
                item->setProblems(problems);
    for (const auto& [key, old] : m_linkProblems)
        if (!byLink.count(key))
            if (LinkItem* item = linkItem(key))
                item->setProblems({});
    for (const auto& [key, problems] : byLink)
        if (auto it = m_linkProblems.find(key);
            it == m_linkProblems.end() || !sameProblems(it->second, problems))
            if (LinkItem* item = linkItem(key))
                item->setProblems(problems);
    m_nodeProblems = std::move(byNode);
    m_linkProblems = std::move(byLink);
}

void CanvasScene::drawBackground(QPainter* painter, const QRectF& rect)
{
    if (m_presentation) {
        painter->fillRect(rect, Qt::white);
        return;
    }
    painter->fillRect(rect, style::canvasBackground());
    const double g = style::kGrid;
    const double left = std::floor(rect.left() / g) * g;
    const double top = std::floor(rect.top() / g) * g;
    QVector<QLineF> minor;
    QVector<QLineF> major;
    for (double x = left; x < rect.right(); x += g)
        (std::fmod(std::abs(x), g * 5) < 0.5 ? major : minor)
            << QLineF(x, rect.top(), x, rect.bottom());
    for (double y = top; y < rect.bottom(); y += g)
        (std::fmod(std::abs(y), g * 5) < 0.5 ? major : minor)
            << QLineF(rect.left(), y, rect.right(), y);
    painter->setPen(QPen(style::gridLine(), 0));
    painter->drawLines(minor);
    painter->setPen(QPen(style::gridLineMajor(), 0));
    painter->drawLines(major);
}

} // namespace scalelab::gui
