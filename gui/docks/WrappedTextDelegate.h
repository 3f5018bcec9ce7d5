#pragma once

#include <QStyledItemDelegate>

namespace scalelab::gui {

/// A tree column whose sentences wrap to the column's width, each row as tall as its
/// text needs. QTreeView asks its rows' heights without the columns' widths, so its own
/// word wrap never makes a row taller: this delegate measures at the column's width.
class WrappedTextDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

    /// Where the text of a cell `cell` goes (the cell less its margins).
    static QRect textRect(const QRect& cell);
};

} // namespace scalelab::gui
