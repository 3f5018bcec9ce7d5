#include "gui/canvas/NetworkRegionItem.h"

#include "gui/paint/RegionGlyph.h"

namespace scalelab::gui {

NetworkRegionItem::NetworkRegionItem()
{
    setZValue(-10);
    setAcceptedMouseButtons(Qt::NoButton);
    setVisible(false); // until there is a private node
}

void NetworkRegionItem::setArea(const QRectF& area)
{
    if (area == m_area)
        return;
    prepareGeometryChange();
    m_area = area;
    setVisible(!area.isEmpty());
}

QRectF NetworkRegionItem::boundingRect() const
{
    return RegionGlyph::boundingRect(m_area);
}

void NetworkRegionItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    RegionGlyph::paint(*painter, m_area);
}

} // namespace scalelab::gui
