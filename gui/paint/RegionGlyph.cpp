#include "gui/paint/RegionGlyph.h"

#include <QFont>
#include <QFontMetricsF>
#include <QObject>
#include <QPainter>

#include "gui/canvas/CanvasStyle.h"

namespace scalelab::gui {

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

QRectF RegionGlyph::areaAround(const QRectF& privateNodes)
{
    if (privateNodes.isEmpty())
        return {};
    QRectF area = privateNodes.adjusted(-18, -style::kRegionMargin + 8, 10, 14);
    // Never narrower than its label, so a single private node still reads "private network".
    const double labelWidth =
        QFontMetricsF(regionLabelFont()).horizontalAdvance(QObject::tr("PRIVATE NETWORK")) + 28;
    if (area.width() < labelWidth)
        area.adjust(-(labelWidth - area.width()) / 2, 0, (labelWidth - area.width()) / 2, 0);
    return area;
}

void RegionGlyph::paint(QPainter& painter, const QRectF& area)
{
    if (area.isEmpty())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(style::regionBorder(), 1.2);
    pen.setDashPattern({6, 4});
    painter.setPen(pen);
    painter.setBrush(style::regionFill());
    painter.drawRoundedRect(area, 16, 16);
    painter.setFont(regionLabelFont());
    painter.setPen(style::regionText());
    painter.drawText(area.adjusted(14, 6, -14, -6), Qt::AlignLeft | Qt::AlignTop,
                     QObject::tr("PRIVATE NETWORK"));
}

} // namespace scalelab::gui
