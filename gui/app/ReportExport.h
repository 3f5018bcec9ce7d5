#pragma once

#include <QString>

namespace scalelab::gui {

class MainWindow;

/// File ▸ Export Report: with a run, the design as simulated and its results (goals
/// checked); without one, a design review of the document (estimates only).
bool exportWindowReport(const MainWindow& window, const QString& path, QString* error);

} // namespace scalelab::gui
