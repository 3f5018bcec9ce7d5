#include "gui/canvas/NetworkRegionItem.h"

#include "gui/canvas/CanvasStyle.h"

#include <QPainter>

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
    return m_area.adjusted(-2, -2, 2, 2);
}

void NetworkRegionItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_area.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(style::regionBorder(), 1.2);
    pen.setDashPattern({6, 4});
    painter->setPen(pen);
    painter->setBrush(style::regionFill());
    painter->drawRoundedRect(m_area, 16, 16);
    QFont f;
    f.setPointSizeF(8);
    f.setBold(true);
    f.setLetterSpacing(QFont::PercentageSpacing, 106);
    painter->setFont(f);
    painter->setPen(style::regionText());
    painter->drawText(m_area.adjusted(14, 6, -14, -6), Qt::AlignLeft | Qt::AlignTop,
                      QObject::tr("PRIVATE NETWORK"));
}

} // namespace scalelab::gui
