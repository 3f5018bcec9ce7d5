#include "gui/docks/WrappedTextDelegate.h"

#include <algorithm>

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QTreeView>

namespace scalelab::gui {

namespace {
constexpr int kMarginX = 4;
constexpr int kMarginY = 2;
constexpr int kFlags = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap;
} // namespace

QRect WrappedTextDelegate::textRect(const QRect& cell)
{
    return cell.adjusted(kMarginX, kMarginY, -kMarginX, -kMarginY);
}

QSize WrappedTextDelegate::sizeHint(const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const auto* tree = qobject_cast<const QTreeView*>(option.widget);
    if (!tree)
        return size;
    const int width = tree->header()->sectionSize(index.column());
    const QRect room = textRect(QRect(0, 0, width, 10000));
    const QRect need = option.fontMetrics.boundingRect(room, kFlags, index.data().toString());
    size.setHeight(std::max(size.height(), need.height() + 2 * kMarginY));
    return size;
}

void WrappedTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    // The background, selection and focus as any cell; then the text, wrapped.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(selected ? opt.palette.highlightedText().color() : opt.palette.text().color());
    painter->setFont(opt.font);
    painter->drawText(textRect(opt.rect), kFlags, text);
    painter->restore();
}

} // namespace scalelab::gui
