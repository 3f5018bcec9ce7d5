#pragma once

#include <map>
#include <string>
#include <vector>

#include <QRectF>
#include <QString>

class QPainter;

namespace scalelab::core {
struct Node;
}

namespace scalelab::gui {

/// The shaded areas behind the nodes: each data center (`site`) and, inside each, the
/// "private network" of its private nodes (shared by the canvas item and the headless
/// diagram painter, see NodeGlyph).
class RegionGlyph {
public:
    struct Region {
        QRectF area;
        QString label;
        bool site = false; ///< a data center; else a private network
        int tint = 0;      ///< sites: which colour (order of first appearance)
        QString name;      ///< sites: the site's name (the live view marks a failed one)
    };
    /// A node as drawn: its model and its visible rect in scene coordinates.
    struct Placed {
        const core::Node* node = nullptr;
        QRectF rect;
    };
    /// Sites first (drawn behind), then one private network per site (and one for the
    /// private nodes in no site); nothing when no node is private or in a site.
    static std::vector<Region> regionsOf(const std::vector<Placed>& nodes);
    /// The same from each site's bounding box and each site's private nodes' bounding box
    /// (key "" for private nodes in no site), sites tinted in the order of `sites`; lets
    /// the canvas keep the boxes up to date one node at a time.
    static std::vector<Region> regionsFrom(const std::vector<std::string>& sites,
                                           const std::map<std::string, QRectF>& siteRects,
                                           const std::map<std::string, QRectF>& privateRects);

    /// The area around `privateNodes` (the union of the private nodes' visible rects),
    /// never narrower than its label; empty when there are none.
    static QRectF areaAround(const QRectF& privateNodes);
    static QRectF boundingRect(const QRectF& area) { return area.adjusted(-2, -2, 2, 2); }
    static void paint(QPainter& painter, const QRectF& area);
    static void paint(QPainter& painter, const Region& region);
};

} // namespace scalelab::gui
