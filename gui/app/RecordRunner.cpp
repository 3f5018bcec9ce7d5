#include "gui/app/RecordRunner.h"

#include <cmath>
#include <cstdio>
#include <unistd.h>

#include <QCommandLineParser>
#include <QRegularExpression>

#include "gui/cli/Commands.h"
#include "gui/cli/CommonOptions.h"
#include "gui/record/Recorder.h"
#include "gui/record/VideoFormat.h"

namespace scalelab::gui {

namespace {
const QString kRecord = QStringLiteral("record");
const QString kFps = QStringLiteral("fps");
const QString kSpeed = QStringLiteral("speed");
const QString kSize = QStringLiteral("size");
const QString kNoCharts = QStringLiteral("no-charts");
const QString kRunFor = QStringLiteral("run-for");
} // namespace

QList<QCommandLineOption> recordOptions()
{
    return {
        QCommandLineOption(kRecord,
                           QStringLiteral("Record FILE's run as a video (.mp4, .webm or .gif) "
                                          "without opening the window, then exit."),
                           QStringLiteral("OUT")),
        QCommandLineOption(kFps, QStringLiteral("With --record: frames per second (default 30)."),
                           QStringLiteral("F"), QStringLiteral("30")),
        QCommandLineOption(kSpeed,
                           QStringLiteral("With --record: simulated seconds per video second "
                                          "(default 1)."),
                           QStringLiteral("X"), QStringLiteral("1")),
        QCommandLineOption(kSize, QStringLiteral("With --record: frame size (default 1280x720)."),
                           QStringLiteral("WxH"), QStringLiteral("1280x720")),
        QCommandLineOption(kNoCharts,
                           QStringLiteral("With --record: the diagram only, no charts under it.")),
    };
}

std::optional<RecordRequest> readRecordRequest(const QCommandLineParser& parser,
                                               const QString& file)
{
    const auto usage = [](const QString& text) -> std::optional<RecordRequest> {
        cli::printError(QStringLiteral("scalelab: ") + text);
        return std::nullopt;
    };
    if (file.isEmpty())
        return usage(QStringLiteral("--record needs a FILE to record"));
    record::RecordOptions options;
    options.out = parser.value(kRecord);
    if (!record::videoFormatFor(options.out))
        return usage(QStringLiteral("--record needs a file ending in .mp4, .webm or .gif, got '%1'")
                         .arg(options.out));
    if (!parser.isSet(kRunFor))
        return usage(QStringLiteral("--record needs --run-for S (simulated seconds to record)"));
    bool ok = false;
    options.runForS = parser.value(kRunFor).toDouble(&ok);
    if (!ok || !std::isfinite(options.runForS) || options.runForS <= 0)
        return usage(QStringLiteral("--run-for needs a number of seconds > 0, got '%1'")
                         .arg(parser.value(kRunFor)));
    options.video.fps = parser.value(kFps).toInt(&ok);
    if (!ok || options.video.fps < 1 || options.video.fps > 120)
        return usage(QStringLiteral("--fps needs a whole number from 1 to 120, got '%1'")
                         .arg(parser.value(kFps)));
    options.speed = parser.value(kSpeed).toDouble(&ok);
    if (!ok || !std::isfinite(options.speed) || options.speed <= 0)
        return usage(
            QStringLiteral("--speed needs a number > 0, got '%1'").arg(parser.value(kSpeed)));
    const QRegularExpressionMatch size =
        QRegularExpression(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$")).match(parser.value(kSize));
    if (!size.hasMatch())
        return usage(QStringLiteral("--size needs WIDTHxHEIGHT such as 1280x720, got '%1'")
                         .arg(parser.value(kSize)));
    options.video.size = QSize(size.captured(1).toInt(), size.captured(2).toInt());
    if (options.video.size.width() % 2 || options.video.size.height() % 2 ||
        options.video.size.width() > 7680 || options.video.size.height() > 4320)
        return usage(QStringLiteral("--size needs even numbers up to 7680x4320, got '%1'")
                         .arg(parser.value(kSize)));
    options.charts = !parser.isSet(kNoCharts);
    return RecordRequest{file, options};
}

int runRecord(const RecordRequest& request)
{
    const QString& file = request.file;
    const record::RecordOptions& options = request.options;
    const std::optional<core::Topology> topology = cli::loadValidTopology(file);
    if (!topology)
        return cli::InvalidInput;
    if (options.runForS > topology->simulation.durationS)
        cli::printError(QStringLiteral("scalelab: %1 simulates %2 s: recording those")
                            .arg(file)
                            .arg(topology->simulation.durationS));

    record::Recorder recorder(*topology, options);
    QString error;
    if (!recorder.prepare(&error)) {
        cli::printError(QStringLiteral("%1: error: %2").arg(file, error));
        return cli::InvalidInput;
    }
    const bool terminal = isatty(fileno(stderr)) != 0;
    int shownPercent = -1;
    if (terminal)
        QObject::connect(&recorder, &record::Recorder::progressed, [&](int done, int total) {
            const int percent = total > 0 ? 100 * done / total : 0;
            if (percent == shownPercent)
                return;
            shownPercent = percent;
            constexpr int kBar = 30;
            const int filled = kBar * percent / 100;
            std::fprintf(stderr, "\rrecording %s [%s%s] %3d%%", options.out.toUtf8().constData(),
                         QByteArray(filled, '#').constData(),
                         QByteArray(kBar - filled, '.').constData(), percent);
            std::fflush(stderr);
        });
    const bool done = recorder.run(&error);
    if (terminal)
        std::fputc('\n', stderr);
    if (!done) {
        cli::printError(QStringLiteral("%1: error: %2").arg(options.out, error));
        return cli::InvalidInput;
    }
    cli::printOut(QStringLiteral("%1: %2 frames, %3x%4 at %5 fps (%6)")
                      .arg(options.out)
                      .arg(recorder.frameCount())
                      .arg(options.video.size.width())
                      .arg(options.video.size.height())
                      .arg(options.video.fps)
                      .arg(recorder.encoderName()));
    return cli::Success;
}

} // namespace scalelab::gui
