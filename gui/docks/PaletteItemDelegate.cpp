#include "gui/docks/PaletteItemDelegate.h"

#include <algorithm>
#include <cmath>

#include <QAbstractItemView>
#include <QPainter>

#include "gui/docks/PaletteList.h"

namespace scalelab::gui {

namespace {
constexpr double kIconLeft = 10;  // the row's inset (4) and the icon's (6)
constexpr double kTextLeft = 52;  // right of the 32 px icon, 10 px apart
constexpr double kTextRight = 18; // the row's inset and a margin
constexpr double kVertical = 7;   // above the name and below the help (inset + 5)
constexpr int kMinHeight = 46;    // the icon's 32 px and its margins

QFont boldFont(const QFont& font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}
} // namespace

QFont PaletteItemDelegate::helpFont(const QFont& font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.88);
    return small;
}

QRectF PaletteItemDelegate::helpRect(const QRectF& row, const QFont& font)
{
    const double top = row.top() + kVertical + QFontMetricsF(boldFont(font)).height() + 1;
    return {row.left() + kTextLeft, top, std::max(1.0, row.width() - kTextLeft - kTextRight),
            std::max(1.0, row.bottom() - kVertical - top)};
}

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
    const QRect iconRect(option.rect.left() + int(kIconLeft), option.rect.top() + 7, 32, 32);
    icon.paint(painter, iconRect);

    const QRectF help = helpRect(option.rect, option.font);
    const QFont bold = boldFont(option.font);
    painter->setFont(bold);
    painter->setPen(option.palette.text().color());
    painter->drawText(QRectF(help.left(), option.rect.top() + kVertical, help.width(),
                             QFontMetricsF(bold).height()),
                      Qt::AlignLeft | Qt::AlignTop, index.data(Qt::DisplayRole).toString());
    painter->setFont(helpFont(option.font));
    painter->setPen(option.palette.placeholderText().color());
    painter->drawText(help, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                      index.data(PaletteList::HelpRole).toString());
    painter->restore();
}

QSize PaletteItemDelegate::sizeHint(const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const
{
    // As wide as the list shows, as tall as the help wrapped to that width needs.
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    const int width = view ? view->viewport()->width() : 240;
    const QRectF room = helpRect(QRectF(0, 0, width, 1000), option.font);
    const QRectF need = QFontMetricsF(helpFont(option.font))
                            .boundingRect(room, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                                          index.data(PaletteList::HelpRole).toString());
    const int height = int(std::ceil(need.bottom() + kVertical)) + 1;
    return {width, std::max(kMinHeight, height)};
}

} // namespace scalelab::gui
