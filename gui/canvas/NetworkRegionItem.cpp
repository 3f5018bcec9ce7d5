#include "gui/canvas/NetworkRegionItem.h"

#include <algorithm>

namespace scalelab::gui {

NetworkRegionItem::NetworkRegionItem()
{
    setZValue(-10);
    setAcceptedMouseButtons(Qt::NoButton);
    setVisible(false); // until there is a private node or a site
}

void NetworkRegionItem::setRegions(std::vector<RegionGlyph::Region> regions)
{
    QRectF bounds;
    for (const auto& r : regions)
        bounds = bounds.united(RegionGlyph::boundingRect(r.area));
    const bool same = regions.size() == m_regions.size() &&
                      std::equal(regions.begin(), regions.end(), m_regions.begin(),
                                 [](const auto& a, const auto& b) {
                                     return a.area == b.area && a.label == b.label &&
                                            a.site == b.site && a.tint == b.tint &&
                                            a.name == b.name;
                                 });
    if (same)
        return;
    prepareGeometryChange();
    m_regions = std::move(regions);
    m_bounds = bounds;
    setVisible(!m_regions.empty());
}

QRectF NetworkRegionItem::boundingRect() const
{
    return m_bounds;
}

void NetworkRegionItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    for (const auto& r : m_regions) // sites first: they lie behind the private networks
        RegionGlyph::paint(*painter, r);
}

} // namespace scalelab::gui
