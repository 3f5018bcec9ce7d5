#pragma once

#include <QString>

namespace scalelab::gui {

/// `scalelab FILE --screenshot OUT.png [--run-for S]`: opens the window at 1280x800,
/// optionally simulates S seconds, saves a picture of the whole window, returns an exit code.
int runScreenshot(const QString& file, const QString& out, double runForS);

} // namespace scalelab::gui
