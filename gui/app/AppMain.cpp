#include "gui/app/AppMain.h"

#include "gui/app/Logging.h"
#include "gui/app/MainWindow.h"
#include "gui/app/ScreenshotRunner.h"
#include "gui/cli/Commands.h"

#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

namespace scalelab::gui {

namespace {

void setApplicationInfo()
{
    QCoreApplication::setApplicationName(QStringLiteral("ScaleLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SCALELAB_VERSION));
}

QString mainHelpText()
{
    return QStringLiteral(
        "Draw a web architecture, simulate it, watch traffic, latency and failover.\n\n"
        "Subcommands (no window, no display needed):\n"
        "  run FILE [--duration S] [--warmup S] [--seed N] [--json OUT] [--report OUT] [--csv OUT]\n"
        "  analyze FILE [--json OUT]\n"
        "  validate FILE\n"
        "  export FILE --image OUT.png|OUT.svg\n"
        "Run 'scalelab <subcommand> --help' for details.");
}

// The window: `scalelab [FILE] [--screenshot OUT.png [--run-for S]]`.
int windowMain(int argc, char** argv)
{
    QApplication app(argc, argv);
    setApplicationInfo();

    QCommandLineParser parser;
    parser.setApplicationDescription(mainHelpText());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A .scalelab file to open."),
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
    parser.addOptions({logLevel, screenshot, runFor});
    parser.process(app); // handles --help/--version and unknown options (exit 1 by Qt)

    if (!configureLogging(parser.value(logLevel).toStdString())) {
        std::fprintf(stderr, "scalelab: unknown log level '%s'\n",
                     qPrintable(parser.value(logLevel)));
        return cli::BadUsage;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        std::fprintf(stderr, "scalelab: give at most one FILE (or a subcommand: run, analyze, "
                             "validate, export)\n");
        return cli::BadUsage;
    }
    if (parser.isSet(screenshot)) {
        bool ok = false;
        const double seconds = parser.value(runFor).toDouble(&ok);
        if (!ok || seconds < 0) {
            std::fprintf(stderr, "scalelab: --run-for needs a number of seconds >= 0\n");
            return cli::BadUsage;
        }
        return runScreenshot(files.value(0), parser.value(screenshot), seconds);
    }

    MainWindow window;
    window.show();
    if (!files.isEmpty())
        window.openFile(files.first());
    return app.exec();
}

} // namespace

int appMain(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    // Subcommands run headless: a QCoreApplication needs no display.
    if (args.size() >= 2 && cli::isSubcommand(args[1])) {
        // Drawing the diagram (export, run --report) goes through the canvas, which needs a
        // QApplication for fonts and icons: give it one on the offscreen platform when no
        // display is there, so it still runs without one.
        const bool paints = args[1] == QLatin1String("export") ||
                            (args[1] == QLatin1String("run") &&
                             args.filter(QStringLiteral("--report")).size() > 0);
        if (paints) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") &&
                qEnvironmentVariableIsEmpty("DISPLAY") &&
                qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            QApplication app(argc, argv);
            setApplicationInfo();
            configureLogging("warn");
            return cli::dispatchSubcommand(app.arguments());
        }
        QCoreApplication app(argc, argv);
        setApplicationInfo();
        configureLogging("warn");
        return cli::dispatchSubcommand(app.arguments());
    }
    return windowMain(argc, argv);
}

} // namespace scalelab::gui
