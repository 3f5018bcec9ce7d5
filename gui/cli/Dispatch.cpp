#include <array>
#include <cstdio>

#include <QCoreApplication>
#include <QGuiApplication>

#include "gui/app/AppInfo.h"
#include "gui/app/Logging.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/cli/QuietPlatform.h"

namespace scalelab::gui::cli {

namespace {
// `run` paints when asked for a report (the diagram, the charts); its table row says so
// once, instead of the start-up code guessing from the options.
constexpr std::array kSubcommands{
    Subcommand{"run", &runCommand, Needs::Painting},
    Subcommand{"analyze", &analyzeCommand, Needs::Core},
    Subcommand{"validate", &validateCommand, Needs::Core},
    Subcommand{"export", &exportCommand, Needs::Painting},
    Subcommand{"compare", &compareCommand, Needs::Painting},
    Subcommand{"sweep", &sweepCommand, Needs::Painting}, // --report draws charts
    Subcommand{"plan", &planCommand, Needs::Painting},   // --report draws charts
};

int runIn(QCoreApplication& app, const Subcommand& subcommand)
{
    setApplicationInfo();
    configureLogging("warn");
    QStringList rest = app.arguments().mid(2);
    rest.prepend(QStringLiteral("scalelab %1").arg(QLatin1String(subcommand.name)));
    const int status = subcommand.run(rest);
    // A summary that did not reach its reader (a full disk behind `> file`, a closed pipe)
    // is a failure like any other output's: say so and do not exit 0.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        printError(QStringLiteral("%1: cannot write to standard output").arg(rest.first()));
        return status == Success || status == StoppedEarly ? InvalidInput : status;
    }
    return status;
}
} // namespace

const Subcommand* findSubcommand(const QString& word)
{
    for (const auto& sub : kSubcommands)
        if (word == QLatin1String(sub.name))
            return &sub;
    return nullptr;
}

int runSubcommand(const Subcommand& subcommand, int argc, char** argv)
{
    if (subcommand.needs == Needs::Core) {
        QCoreApplication app(argc, argv);
        return runIn(app, subcommand);
    }
    // Text needs fonts, and fonts need a QGuiApplication, which needs a platform plugin.
    // Painting into a QImage, QSvgGenerator or QPdfWriter never touches a window, so the
    // "offscreen" platform serves: it is always there, needs no display server, and gives
    // the same fonts (fontconfig) and 96 dpi wherever the command runs, so pictures do not
    // depend on the screen of whoever ran it. A platform the user chose explicitly wins.
    // (A QCoreApplication with QRawFont was the alternative; QRawFont loads fonts through
    // the same platform font database, so it needs the QGuiApplication all the same.)
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    installQuietPlatformMessages();
    QGuiApplication app(argc, argv);
    return runIn(app, subcommand);
}

} // namespace scalelab::gui::cli
