#pragma once

#include <QGraphicsItem>

namespace scalelab::gui {

/// The shaded "private network" area behind the private nodes (caches, databases,
/// web servers set to private), so the picture of the seed material shows on the canvas.
class NetworkRegionItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };
    NetworkRegionItem();

    int type() const override { return Type; }
    /// The area to cover (scene coordinates, from RegionGlyph::areaAround); an empty rect
    /// hides the region.
    void setArea(const QRectF& area);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF m_area;
};

} // namespace scalelab::gui
