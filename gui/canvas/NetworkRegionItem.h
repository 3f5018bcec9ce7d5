#pragma once

#include <vector>

#include <QGraphicsItem>

#include "gui/paint/RegionGlyph.h"

namespace scalelab::gui {

/// The shaded areas behind the nodes: each data center (site) and the "private network"
/// of the private nodes (caches, databases, web servers set to private) in each, so the
/// picture of the seed material shows on the canvas.
class NetworkRegionItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };
    NetworkRegionItem();

    int type() const override { return Type; }
    /// The areas to cover (scene coordinates, from RegionGlyph::regionsOf); none hides it.
    void setRegions(std::vector<RegionGlyph::Region> regions);
    const std::vector<RegionGlyph::Region>& regions() const { return m_regions; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::vector<RegionGlyph::Region> m_regions;
    QRectF m_bounds;
};

} // namespace scalelab::gui
