#pragma once

#include <QStyledItemDelegate>

namespace scalelab::gui {

/// Paints a palette row: the kind's icon, its name in bold and its help below, wrapped
/// to the row's width and never cut: each row is as tall as its help needs.
class PaletteItemDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Where a row `row` wide and tall draws its help text, in font `font`.
    static QRectF helpRect(const QRectF& row, const QFont& font);
    /// The help's font: the row's, a little smaller.
    static QFont helpFont(const QFont& font);
};

} // namespace scalelab::gui
