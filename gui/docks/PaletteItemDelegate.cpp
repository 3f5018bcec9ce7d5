#include "gui/docks/PaletteItemDelegate.h"

#include <QApplication>
#include <QPainter>

#include "gui/docks/PaletteList.h"

namespace scalelab::gui {

void PaletteItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(option.rect).adjusted(4, 2, -4, -2);
    if (option.state & QStyle::State_Selected) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(option.palette.highlight().color().lighter(175));
        painter->drawRoundedRect(r, 6, 6);
    } else if (option.state & QStyle::State_MouseOver) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0, 0, 0, 14));
        painter->drawRoundedRect(r, 6, 6);
    }
    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    const QRect iconRect(int(r.left()) + 6, int(r.center().y()) - 16, 32, 32);
    icon.paint(painter, iconRect);

    const QRectF textRect(iconRect.right() + 10, r.top() + 5, r.right() - iconRect.right() - 14,
                          r.height() - 10);
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.text().color());
    const QFontMetricsF fmBold(bold);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignTop,
                      index.data(Qt::DisplayRole).toString());
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.88);
    painter->setFont(small);
    painter->setPen(option.palette.placeholderText().color());
    const QFontMetricsF fmSmall(small);
    // Two lines of help at most; the full text is the tooltip.
    const QRectF helpRect = textRect.adjusted(0, fmBold.height() + 1, 0, 0);
    const QString help = index.data(PaletteList::HelpRole).toString();
    const QRectF need = fmSmall.boundingRect(helpRect, Qt::TextWordWrap, help);
    if (need.height() <= helpRect.height() + 1) {
        painter->drawText(helpRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, help);
    } else {
        painter->drawText(helpRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                          fmSmall.elidedText(help, Qt::ElideRight, helpRect.width() * 1.9));
    }
    painter->restore();
}

QSize PaletteItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.88);
    return {200, int(QFontMetricsF(option.font).height() + 2 * QFontMetricsF(small).height() + 14)};
}

} // namespace scalelab::gui
