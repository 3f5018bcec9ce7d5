#pragma once

#include <QStyledItemDelegate>

namespace scalelab::gui {

/// Paints a palette row: the kind's icon, its name in bold and its one-line help below.
class PaletteItemDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace scalelab::gui
