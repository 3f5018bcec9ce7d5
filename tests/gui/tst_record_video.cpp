// Recording a run as a video: `scalelab FILE --record OUT` writes MP4 (H.264), WebM and GIF
// files that FFmpeg's own tools decode to the promised number of frames, size and codec,
// with frames that change; frames depend only on the file and seed; a cancelled or failed
// recording leaves nothing behind; File > Record Video works without blocking the window.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProgressBar>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "GuiTestSupport.h"
#include "gui/app/MainActions.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"
#include "gui/record/RecordVideoController.h"
#include "gui/record/Recorder.h"
#include "gui/record/RecordingStage.h"

using namespace scalelab;
using namespace scalelab::gui;

class TestRecordVideo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void recordsDecodableVideos_data();
    void recordsDecodableVideos();
    void framesDependOnlyOnTheFileAndSeed();
    void speedSetsTheFrameCount();
    void cancelLeavesNoFile();
    void linksAreFollowedNeverReplaced();
    void failureLeavesNoFileAndKeepsTheOldOne();
    void badUsageExitsTwo();
    void windowRecordsWithoutBlocking();
};

namespace {
const QString kExample = QStringLiteral(SCALELAB_EXAMPLES "/05-load-balancer.scalelab");

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

struct Probe {
    QString codec;
    int width = 0, height = 0, frames = 0;
};

/// ffprobe decodes every frame and counts them.
Probe probe(const QString& path)
{
    const Run r = runProgram(QStringLiteral("ffprobe"),
                             {QStringLiteral("-v"), QStringLiteral("error"),
                              QStringLiteral("-count_frames"), QStringLiteral("-select_streams"),
                              QStringLiteral("v:0"), QStringLiteral("-show_entries"),
                              QStringLiteral("stream=codec_name,width,height,nb_read_frames"),
                              QStringLiteral("-of"), QStringLiteral("json"), path});
    const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8())
                              .object()
                              .value(QStringLiteral("streams"))
                              .toArray()
                              .first()
                              .toObject();
    return {s.value(QStringLiteral("codec_name")).toString(),
            s.value(QStringLiteral("width")).toInt(), s.value(QStringLiteral("height")).toInt(),
            s.value(QStringLiteral("nb_read_frames")).toString().toInt()};
}

/// The MD5 of each decoded frame, in order (ffmpeg's framemd5 muxer).
QStringList frameHashes(const QString& path)
{
    const Run r =
        runProgram(QStringLiteral("ffmpeg"),
                   {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), path,
                    QStringLiteral("-f"), QStringLiteral("framemd5"), QStringLiteral("-")});
    QStringList hashes;
    for (const QString& line : r.out.split(QLatin1Char('\n')))
        if (!line.startsWith(QLatin1Char('#')) && line.count(QLatin1Char(',')) >= 5)
            hashes << line.section(QLatin1Char(','), 5).trimmed();
    return hashes;
}

QStringList leftovers(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}
} // namespace

void TestRecordVideo::initTestCase()
{
    testsupport::isolateSettings();
    // scripts/install-deps.sh installs them; without them nothing here can be checked.
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("ffprobe")).isEmpty(),
             "ffprobe is missing: run scripts/install-deps.sh");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty(),
             "ffmpeg is missing: run scripts/install-deps.sh");
}

void TestRecordVideo::recordsDecodableVideos_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("codec");
    // Debian's libavcodec carries libx264 and libvpx: H.264 and VP9 are what users get.
    QTest::newRow("mp4") << QStringLiteral("run.mp4") << QStringLiteral("h264");
    QTest::newRow("webm") << QStringLiteral("run.webm") << QStringLiteral("vp9");
    QTest::newRow("gif") << QStringLiteral("run.gif") << QStringLiteral("gif");
}

void TestRecordVideo::recordsDecodableVideos()
{
    QFETCH(QString, name);
    QFETCH(QString, codec);
    QTemporaryDir dir;
    const QString out = dir.filePath(name);
    const Run r =
        runScalelab({kExample, QStringLiteral("--record"), out, QStringLiteral("--run-for"),
                     QStringLiteral("3"), QStringLiteral("--fps"), QStringLiteral("10"),
                     QStringLiteral("--size"), QStringLiteral("480x270")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // The terminal shows the progress bar and the result, not the platform's chatter.
    QVERIFY2(!r.err.contains(QLatin1String("propagateSizeHints")), qPrintable(r.err));
    const Probe p = probe(out);
    QCOMPARE(p.codec, codec);
    QCOMPARE(p.width, 480);
    QCOMPARE(p.height, 270);
    QCOMPARE(p.frames, 30); // 10 fps x 3 s
    // Requests move: the frames are not one picture repeated.
    const QStringList hashes = frameHashes(out);
    QCOMPARE(hashes.size(), 30);
    QVERIFY2(QSet<QString>(hashes.begin(), hashes.end()).size() > 20,
             qPrintable(hashes.join(QLatin1Char(' '))));
    // Only the video is left in the folder: no temporary file.
    QCOMPARE(leftovers(dir.path()), QStringList{name});
}

void TestRecordVideo::framesDependOnlyOnTheFileAndSeed()
{
    core::Topology t = testsupport::sampleTopology();
    t.scenario.push_back({});
    t.scenario.back().atS = 0.5;
    t.scenario.back().action = core::ActionType::Fail;
    t.scenario.back().node = core::NodeId{"db-r1"};
    record::RecordingStage a(t, QSize(320, 180), true), b(t, QSize(320, 180), true);
    QString error;
    QVERIFY2(a.start(&error), qPrintable(error));
    QVERIFY2(b.start(&error), qPrintable(error));
    QImage previous;
    for (int i = 1; i <= 12; ++i) {
        a.advanceTo(i * 0.1, i * 100);
        // The other stage is drawn from a window that is busy elsewhere: it must not matter.
        QTest::qWait(i % 3 == 0 ? 20 : 0);
        b.advanceTo(i * 0.1, i * 100);
        const QImage fa = a.render(), fb = b.render();
        QCOMPARE(fa.size(), QSize(320, 180));
        QVERIFY2(fa == fb, qPrintable(QStringLiteral("frame %1 differs").arg(i)));
        if (i > 1)
            QVERIFY2(fa != previous, qPrintable(QStringLiteral("frame %1 did not change").arg(i)));
        previous = fa;
    }
    // Another seed, another picture.
    t.simulation.seed += 1;
    record::RecordingStage c(t, QSize(320, 180), true);
    QVERIFY(c.start(&error));
    c.advanceTo(1.2, 1200);
    QVERIFY(c.render() != previous);
}

void TestRecordVideo::speedSetsTheFrameCount()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("fast.mp4"));
    // 8 simulated seconds at 4x are 2 s of video: 24 frames at 12 fps.
    const Run r =
        runScalelab({kExample, QStringLiteral("--record"), out, QStringLiteral("--run-for"),
                     QStringLiteral("8"), QStringLiteral("--speed"), QStringLiteral("4"),
                     QStringLiteral("--fps"), QStringLiteral("12"), QStringLiteral("--size"),
                     QStringLiteral("320x180"), QStringLiteral("--no-charts")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(probe(out).frames, 24);
}

// A name that links to a device is written into (the link and the device stay); a name
// that links to a file replaces that file and keeps the link.
void TestRecordVideo::linksAreFollowedNeverReplaced()
{
    QTemporaryDir dir;
    QTemporaryDir elsewhere;
    const QString toNull = dir.filePath(QStringLiteral("null.mp4"));
    const QString target = elsewhere.filePath(QStringLiteral("real.mp4"));
    const QString toFile = dir.filePath(QStringLiteral("file.mp4"));
    QVERIFY(QFile::link(QStringLiteral("/dev/null"), toNull));
    QVERIFY(QFile::link(target, toFile));
    for (const QString& out : {toNull, toFile}) {
        const Run r =
            runScalelab({kExample, QStringLiteral("--record"), out, QStringLiteral("--run-for"),
                         QStringLiteral("2"), QStringLiteral("--size"), QStringLiteral("320x180"),
                         QStringLiteral("--no-charts")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(QFileInfo(out).isSymLink(), qPrintable(out));
    }
    QVERIFY(QFileInfo(QStringLiteral("/dev/null")).exists());
    QVERIFY(!QFileInfo(QStringLiteral("/dev/null")).isFile()); // still the device
    QVERIFY(probe(target).frames > 0);
    QCOMPARE(leftovers(dir.path()).filter(QStringLiteral(".part")), QStringList());
    QCOMPARE(leftovers(elsewhere.path()), QStringList{QStringLiteral("real.mp4")});
}

void TestRecordVideo::cancelLeavesNoFile()
{
    QTemporaryDir dir;
    record::RecordOptions options;
    options.out = dir.filePath(QStringLiteral("cancelled.mp4"));
    options.runForS = 20;
    options.video.size = QSize(320, 180);
    record::Recorder recorder(testsupport::sampleTopology(), options);
    QString error;
    QVERIFY2(recorder.prepare(&error), qPrintable(error));
    QCOMPARE(leftovers(dir.path()).size(), 1); // the partial file, hidden, while it records
    QSignalSpy finished(&recorder, &record::Recorder::finished);
    QObject::connect(&recorder, &record::Recorder::progressed, &recorder, [&](int done, int) {
        if (done > 10)
            recorder.cancel();
    });
    recorder.start();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(finished.first().at(1).toString().isEmpty()); // cancelled, not failed
    QVERIFY(recorder.workDone() < recorder.workTotal());
    QCOMPARE(leftovers(dir.path()), QStringList());
}

void TestRecordVideo::failureLeavesNoFileAndKeepsTheOldOne()
{
    QTemporaryDir dir;
    // A folder that does not exist: a clear error, exit 1.
    const Run missing = runScalelab({kExample, QStringLiteral("--record"),
                                     dir.filePath(QStringLiteral("no/such/folder/v.mp4")),
                                     QStringLiteral("--run-for"), QStringLiteral("1")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(QLatin1String("no/such/folder")), qPrintable(missing.err));
    // An invalid file: its errors, exit 1, and the old video stays as it was.
    const QString old = dir.filePath(QStringLiteral("old.mp4"));
    QFile f(old);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("previous video");
    f.close();
    const QString broken = dir.filePath(QStringLiteral("broken.scalelab"));
    QFile b(broken);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write(R"({"format": "scalelab/1", "nodes": [{"id": "a", "kind": "no_such_kind"}]})");
    b.close();
    const Run invalid = runScalelab({broken, QStringLiteral("--record"), old,
                                     QStringLiteral("--run-for"), QStringLiteral("1")});
    QCOMPARE(invalid.exitCode, 1);
    QVERIFY2(invalid.err.contains(QLatin1String("no_such_kind")), qPrintable(invalid.err));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("previous video"));
    QCOMPARE(leftovers(dir.path()).size(), 2);
    // A full disk (a name linked to /dev/full): the error says so, exit 1, the link stays.
    const QString full = dir.filePath(QStringLiteral("full.mp4"));
    QVERIFY(QFile::link(QStringLiteral("/dev/full"), full));
    const Run noSpace =
        runScalelab({kExample, QStringLiteral("--record"), full, QStringLiteral("--run-for"),
                     QStringLiteral("1"), QStringLiteral("--size"), QStringLiteral("320x180"),
                     QStringLiteral("--no-charts")});
    QCOMPARE(noSpace.exitCode, 1);
    QVERIFY2(noSpace.err.contains(QLatin1String("No space left")), qPrintable(noSpace.err));
    QVERIFY(QFileInfo(full).isSymLink());
}

void TestRecordVideo::badUsageExitsTwo()
{
    QTemporaryDir dir;
    const QString mp4 = dir.filePath(QStringLiteral("v.mp4"));
    const QList<QStringList> cases = {
        {kExample, QStringLiteral("--record"), dir.filePath(QStringLiteral("v.avi")),
         QStringLiteral("--run-for"), QStringLiteral("1")},
        {kExample, QStringLiteral("--record"), mp4}, // no --run-for
        {kExample, QStringLiteral("--record"), mp4, QStringLiteral("--run-for"),
         QStringLiteral("1"), QStringLiteral("--fps"), QStringLiteral("0")},
        {kExample, QStringLiteral("--record"), mp4, QStringLiteral("--run-for"),
         QStringLiteral("1"), QStringLiteral("--speed"), QStringLiteral("-2")},
        {kExample, QStringLiteral("--record"), mp4, QStringLiteral("--run-for"),
         QStringLiteral("1"), QStringLiteral("--size"), QStringLiteral("641x360")},
        {QStringLiteral("--record"), mp4, QStringLiteral("--run-for"), QStringLiteral("1")},
    };
    for (const QStringList& args : cases) {
        const Run r = runScalelab(args);
        QVERIFY2(r.exitCode == 2,
                 qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                            QString::number(r.exitCode) + QLatin1Char(' ') + r.err));
        QVERIFY2(!r.err.trimmed().isEmpty(), qPrintable(args.join(QLatin1Char(' '))));
    }
    QCOMPARE(leftovers(dir.path()), QStringList());
}

void TestRecordVideo::windowRecordsWithoutBlocking()
{
    QTemporaryDir dir;
    auto window = testsupport::openSampleWindow();
    record::RecordVideoController* recorder = window->actions()->recordVideo;
    QVERIFY(recorder);
    QVERIFY(recorder->action()->isEnabled());
    record::RecordOptions options;
    options.out = dir.filePath(QStringLiteral("window.webm"));
    options.runForS = 2;
    options.video = {QSize(320, 180), 10};
    QSignalSpy finished(recorder, &record::RecordVideoController::recordingFinished);
    QString error;
    QVERIFY2(recorder->startRecording(options, &error), qPrintable(error));
    // It returned at once: the recording goes on from the event loop, with its progress bar
    // shown, and the menu entry waits for it.
    QVERIFY(recorder->isRecording());
    QVERIFY(recorder->progressBar()->isVisible());
    QVERIFY(!recorder->action()->isEnabled());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QVERIFY(!recorder->progressBar()->isVisible());
    QCOMPARE(probe(options.out).frames, 20);
    // The user's own document never ran: the recording simulates a copy of it.
    QVERIFY(!window->liveView()->controller()->isActive());
    window->document()->markSaved();
}

QTEST_MAIN(TestRecordVideo)
#include "tst_record_video.moc"
