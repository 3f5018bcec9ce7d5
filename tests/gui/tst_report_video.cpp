// Reports that travel: `run --report --embed-video` puts the recorded run into the HTML
// report (playable, the bytes inline) and its last frame into the PDF; every report states
// the ScaleLab version, the design's SHA-256 and the seed, with the command that reproduces
// it; File > Export Report carries the window's last recording of the same design.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "GuiTestSupport.h"
#include "gui/app/MainActions.h"
#include "gui/app/ReportExport.h"
#include "gui/record/PosterFrame.h"
#include "gui/record/RecordVideoController.h"
#include "gui/record/Recorder.h"

using namespace scalelab;
using namespace scalelab::gui;

namespace {
struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runProgram(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return r;
}

Run runScalelab(const QStringList& args)
{
    return runProgram(QStringLiteral(SCALELAB_BINARY), args);
}

/// A clip made by FFmpeg's own tools (not by ScaleLab's encoder): one second of red, then
/// half a second of blue, so its last frame is known.
QString makeClip(const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    const Run r = runProgram(
        QStringLiteral("ffmpeg"),
        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
         QStringLiteral("-filter_complex"),
         QStringLiteral("color=c=red:s=160x120:r=10:d=1[a];color=c=blue:s=160x120:r=10:d=0.5[b];"
                        "[a][b]concat=n=2:v=1,format=yuv420p"),
         path});
    return r.exitCode == 0 && QFile::exists(path) ? path : QString();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The base64 payload of the first `data:MIME;base64,...` in `html`, decoded.
QByteArray dataUri(const QString& html, const QString& mime)
{
    const QString lead = QStringLiteral("data:%1;base64,").arg(mime);
    const qsizetype start = html.indexOf(lead);
    if (start < 0)
        return {};
    const qsizetype from = start + lead.size();
    const qsizetype end = html.indexOf(QLatin1Char('"'), from);
    return QByteArray::fromBase64(html.mid(from, end - from).toLatin1());
}

/// Image XObjects in a PDF written by QPdfWriter (uncompressed object dictionaries).
int pdfImages(const QByteArray& pdf)
{
    return static_cast<int>(pdf.count("/Subtype /Image"));
}

QString copyExample(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("design one.scalelab"));
    QFile::copy(QStringLiteral(SCALELAB_EXAMPLES "/05-load-balancer.scalelab"), path);
    return path;
}
} // namespace

class TestReportVideo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        testsupport::isolateSettings();
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty(),
                 "ffmpeg is missing: run scripts/install-deps.sh");
    }

    void posterIsTheLastFrame()
    {
        QTemporaryDir dir;
        const QString clip = makeClip(dir, QStringLiteral("clip.mp4"));
        QVERIFY(!clip.isEmpty());
        QString error;
        const QImage poster = record::posterFrame(clip, &error);
        QVERIFY2(!poster.isNull(), qPrintable(error));
        QCOMPARE(poster.size(), QSize(160, 120));
        const QColor centre = poster.pixelColor(80, 60);
        QVERIFY2(centre.blue() > 200 && centre.red() < 60, qPrintable(centre.name()));
        // Not a video at all: a message, no image.
        const QString text = dir.filePath(QStringLiteral("fake.mp4"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a video\n");
        f.close();
        QVERIFY(record::posterFrame(text, &error).isNull());
        QVERIFY(error.contains(QStringLiteral("fake.mp4")));
    }

    void htmlReportPlaysTheRecordedRun()
    {
        QTemporaryDir dir;
        const QString design = copyExample(dir);
        const QString clip = makeClip(dir, QStringLiteral("run.mp4"));
        QVERIFY(!clip.isEmpty());
        const QString report = dir.filePath(QStringLiteral("report.html"));
        const Run r = runScalelab({QStringLiteral("run"), design, QStringLiteral("--duration"),
                                   QStringLiteral("12"), QStringLiteral("--warmup"),
                                   QStringLiteral("2"), QStringLiteral("--report"), report,
                                   QStringLiteral("--embed-video"), clip});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString html = QString::fromUtf8(readAll(report));
        QVERIFY(html.contains(QStringLiteral("<video controls")));
        QVERIFY(html.contains(QStringLiteral("Recorded run")));
        // The video's very bytes, inline: the report is still one file to hand around.
        QCOMPARE(dataUri(html, QStringLiteral("video/mp4")), readAll(clip));
        QImage poster;
        QVERIFY(poster.loadFromData(dataUri(html, QStringLiteral("image/png")), "PNG"));
        QCOMPARE(poster.size(), QSize(160, 120));
        QVERIFY(!html.contains(QStringLiteral("src=\"run.mp4\""))); // nothing fetched
    }

    void gifIsShownAsAnImage()
    {
        QTemporaryDir dir;
        const QString design = copyExample(dir);
        const QString clip = makeClip(dir, QStringLiteral("run.gif"));
        QVERIFY(!clip.isEmpty());
        const QString report = dir.filePath(QStringLiteral("report.html"));
        const Run r = runScalelab({QStringLiteral("run"), design, QStringLiteral("--duration"),
                                   QStringLiteral("12"), QStringLiteral("--warmup"),
                                   QStringLiteral("2"), QStringLiteral("--report"), report,
                                   QStringLiteral("--embed-video"), clip});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString html = QString::fromUtf8(readAll(report));
        QVERIFY(!html.contains(QStringLiteral("<video")));
        QCOMPARE(dataUri(html, QStringLiteral("image/gif")), readAll(clip));
    }

    void pdfReportShowsThePosterFrame()
    {
        QTemporaryDir dir;
        const QString design = copyExample(dir);
        const QString clip = makeClip(dir, QStringLiteral("run.webm"));
        QVERIFY(!clip.isEmpty());
        const QString plain = dir.filePath(QStringLiteral("plain.pdf"));
        const QString withVideo = dir.filePath(QStringLiteral("video.pdf"));
        const QStringList common{QStringLiteral("run"),        design,
                                 QStringLiteral("--duration"), QStringLiteral("12"),
                                 QStringLiteral("--warmup"),   QStringLiteral("2"),
                                 QStringLiteral("--report")};
        QCOMPARE(runScalelab(common + QStringList{plain}).exitCode, 0);
        const Run r =
            runScalelab(common + QStringList{withVideo, QStringLiteral("--embed-video"), clip});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray a = readAll(plain), b = readAll(withVideo);
        QVERIFY(a.startsWith("%PDF") && b.startsWith("%PDF"));
        QCOMPARE(pdfImages(b), pdfImages(a) + 1);
    }

    void reportStatesVersionHashAndSeed()
    {
        QTemporaryDir dir;
        const QString design = copyExample(dir);
        const QString report = dir.filePath(QStringLiteral("report.html"));
        const Run r = runScalelab({QStringLiteral("run"), design, QStringLiteral("--duration"),
                                   QStringLiteral("12"), QStringLiteral("--warmup"),
                                   QStringLiteral("2"), QStringLiteral("--seed"),
                                   QStringLiteral("77"), QStringLiteral("--report"), report});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString html = QString::fromUtf8(readAll(report));
        QVERIFY(html.contains(QStringLiteral("ScaleLab " SCALELAB_VERSION)));
        // The hash a reader computes with sha256sum on the file.
        const Run sum = runProgram(QStringLiteral("sha256sum"), {design});
        QCOMPARE(sum.exitCode, 0);
        const QString expected = sum.out.section(QLatin1Char(' '), 0, 0);
        QCOMPARE(expected.size(), 64);
        QVERIFY2(html.contains(expected), qPrintable(expected));
        QVERIFY(
            html.contains(
                QStringLiteral("Reproduce: <code>scalelab run &quot;design one.scalelab&quot; "
                               "--seed 77 --duration 12 --warmup 2</code>")) ||
            html.contains(QStringLiteral("Reproduce: <code>scalelab run \"design one.scalelab\" "
                                         "--seed 77 --duration 12 --warmup 2</code>")));
        // A design review (no run) of a changed design states a different hash.
        QFile f(design);
        QVERIFY(f.open(QIODevice::Append));
        f.write("\n");
        f.close();
        QVERIFY(runScalelab({QStringLiteral("run"), design, QStringLiteral("--duration"),
                             QStringLiteral("12"), QStringLiteral("--warmup"), QStringLiteral("2"),
                             QStringLiteral("--report"), report})
                    .exitCode == 0);
        QVERIFY(!QString::fromUtf8(readAll(report)).contains(expected));
    }

    void badVideoIsRefusedAndNothingIsWritten()
    {
        QTemporaryDir dir;
        const QString design = copyExample(dir);
        const QString report = dir.filePath(QStringLiteral("report.html"));
        const QStringList common{QStringLiteral("run"),        design,
                                 QStringLiteral("--duration"), QStringLiteral("12"),
                                 QStringLiteral("--warmup"),   QStringLiteral("2")};
        Run r = runScalelab(common + QStringList{QStringLiteral("--embed-video"),
                                                 dir.filePath(QStringLiteral("x.mp4"))});
        QCOMPARE(r.exitCode, 2); // no --report to carry it
        QVERIFY(r.err.contains(QStringLiteral("--embed-video needs --report")));
        r = runScalelab(common + QStringList{QStringLiteral("--report"), report,
                                             QStringLiteral("--embed-video"),
                                             dir.filePath(QStringLiteral("missing.mp4"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("missing.mp4: no such file")));
        const QString fake = dir.filePath(QStringLiteral("fake.mp4"));
        QFile f(fake);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a video\n");
        f.close();
        r = runScalelab(common + QStringList{QStringLiteral("--report"), report,
                                             QStringLiteral("--embed-video"), fake});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a video FFmpeg can decode")),
                 qPrintable(r.err));
        const QString notes = dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(QFile::copy(fake, notes));
        r = runScalelab(common + QStringList{QStringLiteral("--report"), report,
                                             QStringLiteral("--embed-video"), notes});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("use .mp4, .webm or .gif")), qPrintable(r.err));
        QVERIFY(!QFile::exists(report));
    }

    void windowReportCarriesItsRecordingOfTheSameDesign()
    {
        QTemporaryDir dir;
        auto window = testsupport::openSampleWindow();
        record::RecordVideoController* recorder = window->actions()->recordVideo;
        record::RecordOptions options;
        options.out = dir.filePath(QStringLiteral("window.mp4"));
        options.runForS = 1;
        options.video = {QSize(320, 180), 10};
        QSignalSpy finished(recorder, &record::RecordVideoController::recordingFinished);
        QString error;
        QVERIFY2(recorder->startRecording(options, &error), qPrintable(error));
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));

        const QString report = dir.filePath(QStringLiteral("report.html"));
        QVERIFY2(exportWindowReport(*window, report, &error), qPrintable(error));
        QString html = QString::fromUtf8(readAll(report));
        QCOMPARE(dataUri(html, QStringLiteral("video/mp4")), readAll(options.out));
        // An unsaved design: the hash is of what Save would write, and no file is named.
        QVERIFY(html.contains(QStringLiteral("design (as ScaleLab saves it) SHA-256")));

        // The design changed since: that video no longer shows it.
        core::Topology changed = window->document()->topology();
        changed.name = "Changed after recording";
        window->document()->reset(changed);
        QVERIFY2(exportWindowReport(*window, report, &error), qPrintable(error));
        html = QString::fromUtf8(readAll(report));
        QVERIFY(!html.contains(QStringLiteral("<video")));
        window->document()->markSaved();
    }
};

QTEST_MAIN(TestReportVideo)
#include "tst_report_video.moc"
