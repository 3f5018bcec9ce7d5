#include "gui/paint/DiagramPainter.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <QPainter>
#include <QTransform>

#include "core/validation/Validator.h"
#include "gui/paint/RegionGlyph.h"

namespace scalelab::gui {

namespace {
struct Problems {
    std::map<core::NodeId, std::pair<bool, bool>> nodes; // error, warning
    std::set<core::LinkKey> links;                       // any problem
};

Problems problemsOf(const core::Topology& topology)
{
    Problems problems;
    // As the canvas marks them: a link's problem on the link (it carries its key), others
    // on their node.
    for (const auto& d : core::validate(topology)) {
        if (d.link) {
            problems.links.insert(*d.link);
        } else if (!d.nodeId.empty()) {
            auto& flags = problems.nodes[core::NodeId{d.nodeId}];
            (d.severity == core::Severity::Error ? flags.first : flags.second) = true;
        }
    }
    return problems;
}
} // namespace

DiagramPainter::DiagramPainter(const core::Topology& topology)
{
    const Problems problems = problemsOf(topology);
    // As the canvas: one node per id (the first), links only between drawn nodes, once each.
    std::map<core::NodeId, QPointF> placed;
    std::vector<RegionGlyph::Placed> forRegions;
    std::vector<QRectF> nodeBoxes; // what link labels keep clear of (LinkItem's nodeBoxes)
    for (const core::Node& n : topology.nodes) {
        if (n.id.empty() || placed.count(n.id))
            continue;
        PlacedNode node{QPointF(n.pos.x, n.pos.y), NodeLook::of(n)};
        if (auto it = problems.nodes.find(n.id); it != problems.nodes.end())
            std::tie(node.look.error, node.look.warning) = it->second;
        placed.emplace(n.id, node.pos);
        const QRectF visible = NodeGlyph::visibleRect(node.look.name).translated(node.pos);
        m_bounds = m_bounds.united(visible);
        forRegions.push_back({&n, visible});
        nodeBoxes.push_back(visible);
        m_nodes.push_back(std::move(node));
    }
    m_regions = RegionGlyph::regionsOf(forRegions);
    for (const auto& r : m_regions)
        m_bounds = m_bounds.united(RegionGlyph::boundingRect(r.area));

    std::set<core::LinkKey> all;
    for (const core::Link& l : topology.links)
        all.insert(l.key());
    std::set<core::LinkKey> keys;
    for (const core::Link& l : topology.links) {
        const auto from = placed.find(l.from);
        const auto to = placed.find(l.to);
        if (from == placed.end() || to == placed.end() || !keys.insert(l.key()).second)
            continue;
        const bool reverse = all.count({l.to, l.from}) > 0;
        PlacedLink link{LinkGlyph::ends(from->second, to->second, reverse),
                        l.kind,
                        problems.links.count(l.key()) > 0,
                        LinkGlyph::label(l),
                        {}};
        // The line and its label, without the room the canvas keeps around them for clicks.
        m_bounds =
            m_bounds.united(LinkGlyph::boundingRect(link.ends, {}).adjusted(40, 10, -40, -10));
        if (!link.label.isEmpty() && link.ends.drawable()) {
            const QRectF near = LinkGlyph::boundingRect(link.ends, link.label);
            for (const QRectF& box : nodeBoxes)
                if (box.intersects(near))
                    link.nodeBoxes.push_back(box);
            // Beside the line, at its farthest (zoomed out) and at a picture's usual zoom.
            for (double scale : {0.0, 1.0})
                m_bounds = m_bounds.united(
                    LinkGlyph::labelRect(link.ends, link.label, scale, link.nodeBoxes));
        }
        m_links.push_back(std::move(link));
    }
}

void DiagramPainter::paint(QPainter& painter, const QRectF& target) const
{
    const QRectF source = m_bounds.adjusted(-kMargin, -kMargin, kMargin, kMargin);
    if (m_bounds.isEmpty() || source.isEmpty() || target.isEmpty())
        return;
    const double ratio =
        std::min(target.width() / source.width(), target.height() / source.height());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setClipRect(target, Qt::IntersectClip);
    painter.setWorldTransform(QTransform()
                                  .translate(target.left(), target.top())
                                  .scale(ratio, ratio)
                                  .translate(-source.left(), -source.top()),
                              true);
    painter.fillRect(source, Qt::white);
    // Back to front, as the canvas stacks them: the private network, links, nodes.
    for (const auto& r : m_regions) { // sites, then the private networks
        painter.save();
        RegionGlyph::paint(painter, r);
        painter.restore();
    }
    for (const PlacedLink& l : m_links) {
        painter.save();
        LinkGlyph::paint(painter, l.ends, l.kind, l.label, l.error, false, l.nodeBoxes);
        painter.restore();
    }
    for (const PlacedNode& n : m_nodes) {
        painter.save();
        painter.translate(n.pos);
        NodeGlyph::paint(painter, n.look);
        painter.restore();
    }
    painter.restore();
}

void renderTopology(const core::Topology& topology, QPainter& painter, const QRectF& target)
{
    DiagramPainter(topology).paint(painter, target);
}

QRectF topologyBounds(const core::Topology& topology)
{
    return DiagramPainter(topology).bounds();
}

} // namespace scalelab::gui
