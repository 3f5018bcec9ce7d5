#pragma once

#include <QMainWindow>

namespace scalelab::gui {

/// The application window. Thin: actions, docks and tools live in their own files.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    /// Opens a .scalelab file; on failure shows its errors and keeps the current document.
    bool openFile(const QString& path);
};

} // namespace scalelab::gui
