#pragma once

#include <QDockWidget>

class QUndoStack;
class QUndoView;

namespace scalelab::gui {

/// The undo history (QUndoView): click a step to go back to it.
class HistoryDock : public QDockWidget {
    Q_OBJECT
public:
    explicit HistoryDock(QUndoStack* stack, QWidget* parent = nullptr);
    QUndoView* view() const { return m_view; }

private:
    QUndoView* m_view;
};

} // namespace scalelab::gui
