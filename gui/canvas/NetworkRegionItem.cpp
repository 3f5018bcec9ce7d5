#include "gui/canvas/NetworkRegionItem.h"

#include <QFontMetricsF>
#include <QPainter>

#include "gui/canvas/CanvasStyle.h"

namespace scalelab::gui {

NetworkRegionItem::NetworkRegionItem()
{
    setZValue(-10);
    setAcceptedMouseButtons(Qt::NoButton);
    setVisible(false); // until there is a private node
}

namespace {
QFont regionLabelFont()
{
    QFont f;
    f.setPointSizeF(8);
    f.setBold(true);
    f.setLetterSpacing(QFont::PercentageSpacing, 106);
    return f;
}
} // namespace

void NetworkRegionItem::setArea(const QRectF& wanted)
{
    QRectF area = wanted;
    // Never narrower than its label, so a single private node still reads "private network".
    const double labelWidth =
        QFontMetricsF(regionLabelFont()).horizontalAdvance(QObject::tr("PRIVATE NETWORK")) + 28;
    if (!area.isEmpty() && area.width() < labelWidth)
        area.adjust(-(labelWidth - area.width()) / 2, 0, (labelWidth - area.width()) / 2, 0);
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
    painter->setFont(regionLabelFont());
    painter->setPen(style::regionText());
    painter->drawText(m_area.adjusted(14, 6, -14, -6), Qt::AlignLeft | Qt::AlignTop,
                      QObject::tr("PRIVATE NETWORK"));
}

} // namespace scalelab::gui
