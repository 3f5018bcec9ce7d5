#pragma once

#include <QTreeWidget>

namespace scalelab::gui {

/// The analysis panel's node table. In a narrow panel a column of notes pushed the table
/// wider than the panel (a sideways scroll bar): there, each row's notes are drawn on
/// lines of their own under its figures, across the row's whole width, and the Notes
/// column is hidden. The items keep their notes in `notesColumn` either way.
class AnalysisNodeTable : public QTreeWidget {
public:
    explicit AnalysisNodeTable(int notesColumn, QWidget* parent = nullptr);

    /// Notes under the figures (true) or in their own column (false).
    void setNotesBelow(bool below);
    bool notesBelow() const { return m_notesBelow; }
    /// The height the notes of `index`'s row take under it: 0 in a column or without any.
    int notesHeight(const QModelIndex& index) const;
    /// The width of the name cell of `index`'s row: the first column less the indentation.
    /// A name wider than that wraps at its spaces (word wrap), its row as tall as its lines.
    int nameCellWidth(const QModelIndex& index) const;
    /// The width a column's cells ask for (QTreeView keeps it protected).
    int contentWidth(int column) const { return sizeHintForColumn(column); }

protected:
    void drawRow(QPainter* painter, const QStyleOptionViewItem& option,
                 const QModelIndex& index) const override;

private:
    /// Where the notes of a row whose cells span `row` go (the indented row less margins).
    QRect notesRect(const QRect& row, const QModelIndex& index) const;
    QFont notesFont() const;

    int m_notesColumn;
    bool m_notesBelow = false;
};

} // namespace scalelab::gui
