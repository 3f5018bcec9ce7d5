#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QMenuBar;
class QToolBar;

namespace scalelab::gui {

class GettingStartedDialog;
class MainWindow;
class ShortcutsDialog;
namespace record {
class RecordVideoController;
}

/// The window's menus, toolbar and shortcuts, wired to the file controller, the edit
/// operations and the view. Kept out of MainWindow so the window stays a layout.
class MainActions : public QObject {
    Q_OBJECT
public:
    explicit MainActions(MainWindow* window);

    void populate(QMenuBar* menuBar, QToolBar* toolBar);

    QAction* undo = nullptr;
    QAction* redo = nullptr;
    QAction* cut = nullptr;
    QAction* copy = nullptr;
    QAction* paste = nullptr;
    QAction* duplicate = nullptr;
    QAction* remove = nullptr;
    QAction* rename = nullptr;
    QAction* gettingStarted = nullptr;
    QAction* shortcuts = nullptr;
    QAction* snap = nullptr;
    QAction* exportImage = nullptr;
    QAction* exportReport = nullptr;
    /// File > Record Video… and its progress in the status bar.
    record::RecordVideoController* recordVideo = nullptr;

    /// The file an export proposes: the diagram's name with the first filter's suffix,
    /// beside the diagram's file (home for a new diagram or an example's copy).
    QString proposedExportPath(const QString& filters) const;

    /// Help > Getting Started, shown (one dialog, raised again when open).
    GettingStartedDialog* showGettingStarted();
    /// Help > Keyboard Shortcuts, read from the menus as they are now.
    ShortcutsDialog* showShortcuts();

private:
    void exportImageWithDialog();
    void exportReportWithDialog();
    void rebuildRecentMenu();
    void rebuildExamplesMenu();
    void updateSelectionActions();
    void showContextMenu(const QPoint& globalPos);

    MainWindow* m_window;
    QMenu* m_recent = nullptr;
    QMenu* m_examples = nullptr;
    QMenu* m_align = nullptr;
    QMenu* m_distribute = nullptr;
    QAction* m_selectAll = nullptr;
    QAction* m_fit = nullptr;
    QPointer<GettingStartedDialog> m_tour;
    QPointer<ShortcutsDialog> m_shortcuts;
};

} // namespace scalelab::gui
