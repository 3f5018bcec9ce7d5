#include "gui/docks/AnalysisNodeTable.h"

#include <algorithm>

#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>

namespace scalelab::gui {

namespace node_table_detail {
constexpr int kNotesMarginX = 4;
constexpr int kNotesMarginBottom = 3;
constexpr int kNotesFlags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;

// The first column's cells: as wide as the whole name, as tall as the name's lines at the
// cell's width (wrapped when the panel leaves it less) plus the notes drawn under them.
class RowHeightDelegate : public QStyledItemDelegate {
public:
    explicit RowHeightDelegate(AnalysisNodeTable* table)
        : QStyledItemDelegate(table), m_table(table)
    {
    }
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        // The style wraps at option.rect's width when it is valid (QTreeView asks for row
        // heights without one): measured once whole, once at the cell's width.
        QStyleOptionViewItem whole = option;
        whole.rect = QRect();
        QSize size = QStyledItemDelegate::sizeHint(whole, index);
        QStyleOptionViewItem cell = option;
        cell.rect = QRect(0, 0, std::max(1, m_table->nameCellWidth(index)), size.height());
        const int lines = QStyledItemDelegate::sizeHint(cell, index).height();
        size.setHeight(std::max(size.height(), lines) + m_table->notesHeight(index));
        return size;
    }

private:
    AnalysisNodeTable* m_table;
};

int depthOf(QModelIndex index)
{
    int depth = 0;
    while (index.parent().isValid()) {
        index = index.parent();
        ++depth;
    }
    return depth;
}
} // namespace node_table_detail

using namespace node_table_detail;

AnalysisNodeTable::AnalysisNodeTable(int notesColumn, QWidget* parent)
    : QTreeWidget(parent), m_notesColumn(notesColumn)
{
    setItemDelegateForColumn(0, new RowHeightDelegate(this));
}

void AnalysisNodeTable::setNotesBelow(bool below)
{
    if (below == m_notesBelow)
        return;
    m_notesBelow = below;
    setColumnHidden(m_notesColumn, below);
    doItemsLayout(); // the rows' heights change
}

QFont AnalysisNodeTable::notesFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    return f;
}

QRect AnalysisNodeTable::notesRect(const QRect& row, const QModelIndex& index) const
{
    const int indent = rootIsDecorated() || depthOf(index) > 0
                           ? indentation() * (depthOf(index) + (rootIsDecorated() ? 1 : 0))
                           : 0;
    return QRect(row.left() + indent + kNotesMarginX, row.top(),
                 std::max(1, viewport()->width() - indent - 2 * kNotesMarginX), row.height());
}

int AnalysisNodeTable::nameCellWidth(const QModelIndex& index) const
{
    // As QTreeView lays out the tree column: less the branches' indentation.
    const int indent = indentation() * (depthOf(index) + (rootIsDecorated() ? 1 : 0));
    return header()->sectionSize(0) - indent;
}

int AnalysisNodeTable::notesHeight(const QModelIndex& index) const
{
    if (!m_notesBelow)
        return 0;
    const QString notes = index.siblingAtColumn(m_notesColumn).data().toString();
    if (notes.isEmpty())
        return 0;
    const QRect room = notesRect(QRect(0, 0, viewport()->width(), 10000), index);
    return QFontMetrics(notesFont()).boundingRect(room, kNotesFlags, notes).height() +
           kNotesMarginBottom;
}

void AnalysisNodeTable::drawRow(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    const int below = notesHeight(index);
    if (below <= 0) {
        QTreeWidget::drawRow(painter, option, index);
        return;
    }
    // The figures in the row's top band, as in any row; the notes on the band under it, in
    // the same background (alternate or selected) and a muted colour.
    QStyleOptionViewItem top = option;
    top.rect.setHeight(option.rect.height() - below);
    QTreeWidget::drawRow(painter, top, index);
    QRect band = option.rect;
    band.setTop(top.rect.bottom() + 1);
    band.setLeft(0);
    band.setRight(viewport()->width());
    const bool selected = selectionModel() && selectionModel()->isSelected(index);
    const QPalette& p = option.palette;
    QBrush fill = selected ? p.highlight()
                  : alternatingRowColors() && (option.features & QStyleOptionViewItem::Alternate)
                      ? p.alternateBase()
                      : p.base();
    painter->save();
    painter->fillRect(band, fill);
    painter->setFont(notesFont());
    painter->setPen(selected ? p.highlightedText().color() : p.placeholderText().color());
    painter->drawText(notesRect(band, index), kNotesFlags,
                      index.siblingAtColumn(m_notesColumn).data().toString());
    painter->restore();
}

} // namespace scalelab::gui
