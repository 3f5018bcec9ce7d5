#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace scalelab::gui {

/// Help ▸ Keyboard Shortcuts: every menu action that has a shortcut, read from the menus
/// each time it opens (ShortcutList), then the canvas' mouse gestures.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);

    /// Reads the menus again.
    void refill();
    QTableWidget* table() const { return m_table; }

private:
    const QMenuBar* m_menus;
    QTableWidget* m_table;
};

} // namespace scalelab::gui
