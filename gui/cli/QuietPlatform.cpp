#include "gui/cli/QuietPlatform.h"

#include <QString>
#include <QtGlobal>

namespace scalelab::gui::cli {

namespace {
QtMessageHandler g_previousHandler = nullptr;

// Qt asks for the runtime folder at start-up and warns when XDG_RUNTIME_DIR is unset (cron,
// containers, CI), then uses a folder of its own; the offscreen plugin warns whenever a
// widget's size hints change. A command's stderr is for the user's errors.
void withoutPlatformNoise(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    if (type == QtWarningMsg &&
        (text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")) ||
         text == QLatin1String("This plugin does not support propagateSizeHints()")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, text);
}
} // namespace

void installQuietPlatformMessages()
{
    g_previousHandler = qInstallMessageHandler(withoutPlatformNoise);
}

} // namespace scalelab::gui::cli
