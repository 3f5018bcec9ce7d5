#include "gui/app/AppMain.h"

#include <cmath>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

#include "core/validation/Limits.h"
#include "gui/app/AppInfo.h"
#include "gui/app/Logging.h"
#include "gui/app/MainWindow.h"
#include "gui/app/RecordRunner.h"
#include "gui/app/ScreenshotRunner.h"
#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/cli/QuietPlatform.h"

namespace scalelab::gui {

namespace {

QString mainHelpText()
{
    return QStringLiteral(
        "Draw a web architecture, simulate it, watch traffic, latency and failover.\n\n"
        "Subcommands (no window, no display needed):\n"
        "  run FILE [--duration S] [--warmup S] [--seed N] [--json OUT] [--report OUT] [--csv "
        "OUT]\n"
        "  analyze FILE [--json OUT]\n"
        "  validate FILE\n"
        "  export FILE --image OUT.png|OUT.svg\n"
        "  FILE --record OUT.mp4|OUT.webm|OUT.gif --run-for S [--fps F] [--speed X]\n"
        "Run 'scalelab <subcommand> --help' for details.");
}

// The window: `scalelab [FILE] [--screenshot OUT.png [--run-for S]]`. Its command line is
// read before any application object exists, so --help, --version and bad usage are
// answered without a display; only opening the window needs one.
int windowMain(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(mainHelpText());
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .scalelab file to open."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("trace, debug, info, warn, error or off."),
                                      QStringLiteral("LEVEL"), QStringLiteral("warn"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Open FILE at 1280x800, save a picture of the window, exit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption runFor(QStringLiteral("run-for"),
                                    QStringLiteral("With --screenshot: simulate S seconds first."),
                                    QStringLiteral("S"), QStringLiteral("0"));
    parser.addOptions({help, version, logLevel, screenshot, runFor});
    parser.addOptions(recordOptions());
    if (!parser.parse(args)) {
        cli::printError(
            QStringLiteral("scalelab: %1\nTry 'scalelab --help'.").arg(parser.errorText()));
        return cli::BadUsage;
    }
    if (parser.isSet(help) || parser.isSet(version)) {
        // The help text names the program from the application's arguments: a plain
        // QCoreApplication is enough for that.
        QCoreApplication app(argc, argv);
        setApplicationInfo();
        cli::printOut(parser.isSet(help)
                          ? parser.helpText().trimmed()
                          : QStringLiteral("%1 %2").arg(QCoreApplication::applicationName(),
                                                        QCoreApplication::applicationVersion()));
        return cli::Success;
    }
    if (!configureLogging(parser.value(logLevel).toStdString())) {
        cli::printError(
            QStringLiteral("scalelab: unknown log level '%1'").arg(parser.value(logLevel)));
        return cli::BadUsage;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        cli::printError(QStringLiteral("scalelab: give at most one FILE (or a subcommand: run, "
                                       "analyze, validate, export)"));
        return cli::BadUsage;
    }
    bool ok = false;
    const double seconds = parser.value(runFor).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > core::kMaxDurationS) {
        cli::printError(
            QStringLiteral("scalelab: --run-for needs a number of seconds >= 0 and <= %1, got '%2'")
                .arg(core::kMaxDurationS, 0, 'g')
                .arg(parser.value(runFor)));
        return cli::BadUsage;
    }

    if (parser.isSet(QStringLiteral("record"))) {
        // Checked before any application exists; the recording itself draws off screen, so
        // it runs where there is no display too.
        const std::optional<RecordRequest> request = readRecordRequest(parser, files.value(0));
        if (!request)
            return cli::BadUsage;
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
            qEnvironmentVariableIsEmpty("DISPLAY") &&
            qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        cli::installQuietPlatformMessages();
        QApplication app(argc, argv);
        setApplicationInfo();
        return runRecord(*request);
    }
    QApplication app(argc, argv);
    setApplicationInfo();
    if (parser.isSet(screenshot))
        return runScreenshot(files.value(0), parser.value(screenshot), seconds);
    MainWindow window;
    window.show();
    if (!files.isEmpty())
        window.openFile(files.first());
    return app.exec();
}

} // namespace

int appMain(int argc, char** argv)
{
    // The first word names the command, and the command says which application object it
    // needs (see cli::Subcommand): nothing else on the command line is looked at here.
    if (argc >= 2)
        if (const cli::Subcommand* sub = cli::findSubcommand(QString::fromLocal8Bit(argv[1])))
            return cli::runSubcommand(*sub, argc, argv);
    return windowMain(argc, argv);
}

} // namespace scalelab::gui
