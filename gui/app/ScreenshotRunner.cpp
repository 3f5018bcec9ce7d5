#include "gui/app/ScreenshotRunner.h"

#include "gui/app/MainWindow.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"

#include <QApplication>
#include <QPixmap>

namespace scalelab::gui {

int runScreenshot(const QString& file, const QString& out, double /*runForS*/)
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (!file.isEmpty() && !window.openFile(file))
        return cli::InvalidInput;
    QApplication::processEvents();
    if (!window.grab().save(out)) {
        cli::printError(QStringLiteral("cannot write %1").arg(out));
        return cli::InvalidInput;
    }
    return cli::Success;
}

} // namespace scalelab::gui
