#include "gui/canvas/EditOperations.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QMimeData>
#include <QUndoStack>

#include "core/io/TopologyJson.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeNames.h"
#include "gui/commands/DeleteCommand.h"
#include "gui/commands/InsertFragmentCommand.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/document/Document.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace {

QString clipboardFragmentMime()
{
    return QStringLiteral("application/x-scalelab-fragment");
}

// Whether a node already sits close to `p` (duplicates look for a free spot).
bool duplicateSpotTaken(const core::Topology& t, const std::vector<core::Node>& pending,
                        core::Point p)
{
    auto near = [&](const core::Node& n) {
        return std::abs(n.pos.x - p.x) < 60 && std::abs(n.pos.y - p.y) < 60;
    };
    return std::any_of(t.nodes.begin(), t.nodes.end(), near) ||
           std::any_of(pending.begin(), pending.end(), near);
}

// Fresh ids for `nodes` (kept when free), recording old -> new.
std::map<core::NodeId, core::NodeId> renumberNodes(const core::Topology& existing,
                                                   std::vector<core::Node>& nodes)
{
    core::Topology taken = existing; // ids only matter; copying keeps uniqueId() reusable
    taken.links.clear();
    std::map<core::NodeId, core::NodeId> mapping;
    for (core::Node& n : nodes) {
        // "web-2" duplicated gives "web-3", not "web-2-2".
        std::string stem = n.id.str();
        if (auto dash = stem.rfind('-'); dash != std::string::npos && dash + 1 < stem.size() &&
                                         std::all_of(stem.begin() + long(dash) + 1, stem.end(),
                                                     [](char c) { return std::isdigit(c); }))
            stem = stem.substr(0, dash);
        const core::NodeId fresh = taken.uniqueId(stem);
        mapping[n.id] = fresh;
        n.id = fresh;
        // A copy of "Web 1" is "Web 2": two nodes drawn with one name are hard to tell apart.
        n.name = freeNodeName(taken, n.name);
        taken.nodes.push_back(n);
    }
    return mapping;
}

} // namespace

bool EditOperations::deleteSelection()
{
    const auto nodes = m_scene->selectedNodeIds();
    const auto links = m_scene->selectedLinkKeys();
    if (nodes.empty() && links.empty())
        return false;
    Document* doc = m_scene->document();
    doc->undoStack()->push(new DeleteCommand(doc, nodes, links));
    return true;
}

QString EditOperations::selectionFragment() const
{
    const core::Topology& t = m_scene->document()->topology();
    const auto ids = m_scene->selectedNodeIds();
    const std::set<core::NodeId> chosen(ids.begin(), ids.end());
    std::vector<core::Node> nodes;
    std::vector<core::Link> links;
    for (const auto& n : t.nodes)
        if (chosen.count(n.id))
            nodes.push_back(n);
    for (const auto& l : t.links)
        if (chosen.count(l.from) && chosen.count(l.to))
            links.push_back(l);
    return QString::fromStdString(core::saveFragment(nodes, links));
}

bool EditOperations::copy()
{
    if (m_scene->selectedNodeIds().empty())
        return false;
    const QString json = selectionFragment();
    auto* mime = new QMimeData;
    mime->setText(json);
    mime->setData(clipboardFragmentMime(), json.toUtf8());
    QGuiApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
    return true;
}

bool EditOperations::cut()
{
    if (!copy())
        return false;
    Document* doc = m_scene->document();
    auto* command = new DeleteCommand(doc, m_scene->selectedNodeIds(), {});
    command->setText(QCoreApplication::translate("Commands", "Cut"));
    doc->undoStack()->push(command);
    return true;
}

bool EditOperations::paste(const QString& text)
{
    QString json = text;
    if (json.isEmpty()) {
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        if (mime && mime->hasFormat(clipboardFragmentMime()))
            json = QString::fromUtf8(mime->data(clipboardFragmentMime()));
        else if (mime)
            json = mime->text();
    }
    const core::LoadResult loaded = core::loadFragment(json.toStdString());
    if (!loaded.ok() || loaded.topology->nodes.empty()) {
        Q_EMIT m_scene->statusMessage(
            QCoreApplication::translate("Edit", "Nothing to paste: the clipboard holds no "
                                                "ScaleLab nodes"));
        return false;
    }
    Document* doc = m_scene->document();
    std::vector<core::Node> nodes = loaded.topology->nodes;
    const auto mapping = renumberNodes(doc->topology(), nodes);
    // Each paste lands a little further down-right, so copies do not hide each other.
    ++m_pasteCount;
    const double offset = 2 * style::kGrid * m_pasteCount;
    for (core::Node& n : nodes)
        n.pos = {n.pos.x + offset, n.pos.y + offset};
    std::vector<core::Link> links;
    for (core::Link l : loaded.topology->links) {
        auto from = mapping.find(l.from);
        auto to = mapping.find(l.to);
        if (from == mapping.end() || to == mapping.end())
            continue; // a fragment only links its own nodes
        l.from = from->second;
        l.to = to->second;
        links.push_back(std::move(l));
    }
    std::vector<core::NodeId> ids;
    for (const auto& n : nodes)
        ids.push_back(n.id);
    doc->undoStack()->push(new InsertFragmentCommand(
        doc, std::move(nodes), std::move(links),
        QCoreApplication::translate("Commands", "Paste %1").arg(nodeCount(ids.size()))));
    m_scene->selectNodes(ids);
    return true;
}

bool EditOperations::duplicate()
{
    const auto ids = m_scene->selectedNodeIds();
    if (ids.empty())
        return false;
    Document* doc = m_scene->document();
    const core::Topology& t = doc->topology();
    const std::set<core::NodeId> chosen(ids.begin(), ids.end());
    std::vector<core::Node> nodes;
    for (const auto& n : t.nodes)
        if (chosen.count(n.id))
            nodes.push_back(n);
    const auto mapping = renumberNodes(t, nodes);
    // The copies go below the originals, further down until the spot is free.
    double dy = 4 * style::kGrid;
    auto anyTaken = [&](double d) {
        std::vector<core::Node> placed;
        for (const auto& n : nodes) {
            const core::Point p{n.pos.x, n.pos.y + d};
            if (duplicateSpotTaken(t, placed, p))
                return true;
            placed.push_back(n);
            placed.back().pos = p;
        }
        return false;
    };
    while (anyTaken(dy) && dy < 200 * style::kGrid)
        dy += 4 * style::kGrid;
    for (core::Node& n : nodes)
        n.pos.y += dy;
    std::vector<core::Link> links;
    for (const auto& l : t.links) {
        if (!chosen.count(l.from) && !chosen.count(l.to))
            continue;
        core::Link copy = l;
        if (auto it = mapping.find(l.from); it != mapping.end())
            copy.from = it->second;
        if (auto it = mapping.find(l.to); it != mapping.end())
            copy.to = it->second;
        links.push_back(std::move(copy));
    }
    std::vector<core::NodeId> newIds;
    for (const auto& n : nodes)
        newIds.push_back(n.id);
    doc->undoStack()->push(new InsertFragmentCommand(
        doc, std::move(nodes), std::move(links),
        QCoreApplication::translate("Commands", "Duplicate %1").arg(nodeCount(newIds.size()))));
    m_scene->selectNodes(newIds);
    return true;
}

void EditOperations::selectAll()
{
    std::vector<core::NodeId> ids;
    for (const auto& n : m_scene->document()->topology().nodes)
        ids.push_back(n.id);
    m_scene->selectNodes(ids);
}

bool EditOperations::align(Alignment how)
{
    Document* doc = m_scene->document();
    const auto ids = m_scene->selectedNodeIds();
    if (ids.size() < 2)
        return false;
    double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
    for (const auto& id : ids) {
        const core::Point p = doc->node(id)->pos;
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    std::map<core::NodeId, MoveNodesCommand::Move> moves;
    for (const auto& id : ids) {
        const core::Point from = doc->node(id)->pos;
        core::Point to = from;
        switch (how) {
        case Alignment::Left:
            to.x = minX;
            break;
        case Alignment::HCenter:
            to.x = (minX + maxX) / 2;
            break;
        case Alignment::Right:
            to.x = maxX;
            break;
        case Alignment::Top:
            to.y = minY;
            break;
        case Alignment::VCenter:
            to.y = (minY + maxY) / 2;
            break;
        case Alignment::Bottom:
            to.y = maxY;
            break;
        }
        if (!(to == from))
            moves.emplace(id, MoveNodesCommand::Move{from, to});
    }
    if (moves.empty())
        return false;
    doc->undoStack()->push(new MoveNodesCommand(
        doc, std::move(moves), QCoreApplication::translate("Commands", "Align nodes")));
    return true;
}

bool EditOperations::distribute(Qt::Orientation orientation)
{
    Document* doc = m_scene->document();
    auto ids = m_scene->selectedNodeIds();
    if (ids.size() < 3)
        return false;
    const bool horizontal = orientation == Qt::Horizontal;
    auto coord = [&](const core::NodeId& id) {
        const core::Point p = doc->node(id)->pos;
        return horizontal ? p.x : p.y;
    };
    std::stable_sort(ids.begin(), ids.end(),
                     [&](const auto& a, const auto& b) { return coord(a) < coord(b); });
    const double first = coord(ids.front());
    const double step = (coord(ids.back()) - first) / double(ids.size() - 1);
    std::map<core::NodeId, MoveNodesCommand::Move> moves;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const core::Point from = doc->node(ids[i])->pos;
        core::Point to = from;
        (horizontal ? to.x : to.y) = first + step * double(i);
        if (!(to == from))
            moves.emplace(ids[i], MoveNodesCommand::Move{from, to});
    }
    if (moves.empty())
        return false;
    doc->undoStack()->push(new MoveNodesCommand(
        doc, std::move(moves), QCoreApplication::translate("Commands", "Distribute nodes")));
    return true;
}

} // namespace scalelab::gui
