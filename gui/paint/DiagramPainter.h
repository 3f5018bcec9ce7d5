#pragma once

#include <vector>

#include <QRectF>

#include "core/model/Topology.h"
#include "gui/paint/LinkGlyph.h"
#include "gui/paint/NodeGlyph.h"
#include "gui/paint/RegionGlyph.h"

class QPainter;

namespace scalelab::gui {

/// Draws a topology as the canvas shows it (icons, names, badges, arrows, private network,
/// problem markers), without grid, hover or selection. It lays the diagram out itself with
/// the glyphs the canvas items use, so it needs no Document, scene, widget or window: only
/// a QGuiApplication for fonts (any platform, offscreen included). Works on any paint
/// device (QImage, QSvgGenerator, QPdfWriter).
class DiagramPainter {
public:
    /// Validates the topology once for its problem markers.
    explicit DiagramPainter(const core::Topology& topology);

    /// The box the diagram covers, in the units of Node::pos (empty with no nodes):
    /// 1 unit = 1 pixel at 100 %.
    QRectF bounds() const { return m_bounds; }
    /// Draws on white, with a 20-unit margin around bounds(), scaled (keeping the aspect
    /// ratio) to fit `target` and anchored at its top-left corner.
    void paint(QPainter& painter, const QRectF& target) const;

    static constexpr double kMargin = 20.0;

private:
    struct PlacedNode {
        QPointF pos;
        NodeLook look;
    };
    struct PlacedLink {
        LinkEnds ends;
        core::LinkKind kind = core::LinkKind::Request;
        bool error = false;
        QString label;
        std::vector<QRectF> nodeBoxes; ///< the nodes its label keeps clear of, as the canvas
    };
    std::vector<PlacedNode> m_nodes; // in file order: later nodes are drawn on top
    std::vector<PlacedLink> m_links;
    std::vector<RegionGlyph::Region> m_regions;
    QRectF m_bounds;
};

/// DiagramPainter(topology).paint(painter, target).
void renderTopology(const core::Topology& topology, QPainter& painter, const QRectF& target);
/// DiagramPainter(topology).bounds().
QRectF topologyBounds(const core::Topology& topology);

} // namespace scalelab::gui
