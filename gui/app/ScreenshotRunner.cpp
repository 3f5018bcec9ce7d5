#include "gui/app/ScreenshotRunner.h"

#include <QApplication>
#include <QBuffer>
#include <QPixmap>

#include "gui/app/MainWindow.h"
#include "gui/canvas/CanvasView.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/document/Document.h"
#include "gui/live/EventsDock.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
#include "gui/util/AtomicWrite.h"

namespace scalelab::gui {

int runScreenshot(const QString& file, const QString& out, double runForS)
{
    // No dialog may block here: errors of a broken file go to stderr.
    MainWindow window(MainWindow::Interaction::NoDialogs);
    window.resize(1280, 800);
    window.show();
    if (!file.isEmpty() && !window.openFile(file))
        return cli::InvalidInput;
    // The contract: an invalid file is exit 1 with its errors on stderr, even when it
    // could be drawn (the editor itself opens it and lists the problems).
    window.document()->revalidate();
    if (core::hasErrors(window.document()->diagnostics())) {
        for (const auto& d : window.document()->diagnostics())
            if (d.severity == core::Severity::Error)
                cli::printError(cli::diagnosticLine(d));
        return cli::InvalidInput;
    }
    // Let the layout settle (docks, view size), then fit the diagram into the view.
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    window.view()->fitDiagram();
    if (runForS > 0 && !window.liveView()->runFor(runForS)) {
        cli::printError(QStringLiteral("cannot simulate %1: see the messages above").arg(file));
        return cli::InvalidInput;
    }
    if (runForS > 0) {
        // After a run the charts are the point of the picture: show them, tall enough.
        window.liveView()->metricsDock()->raise();
        window.liveView()->eventsDock()->raise();
        window.resizeDocks({window.liveView()->metricsDock()}, {230}, Qt::Vertical);
        QApplication::processEvents();
        window.view()->fitDiagram();
    }
    QApplication::processEvents();
    // Encoded in memory, then written whole (or not at all) like every other output.
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!window.grab().save(&buffer, "PNG") || !writeFileAtomically(out, png, &error)) {
        cli::printError(error.isEmpty() ? QStringLiteral("cannot encode %1").arg(out) : error);
        return cli::InvalidInput;
    }
    return cli::Success;
}

} // namespace scalelab::gui
