// The live view inside the real main window: the Simulation menu and toolbar drive it,
// analysis marks give way to live layers during a run, and `--screenshot --run-for`
// captures a window whose charts and events are filled.
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "GuiTestSupport.h"
#include "gui/app/ReportExport.h"
#include "gui/canvas/AnalysisMarks.h"
#include "gui/docks/AnalysisDock.h"
#include "gui/live/EventsDock.h"
#include "gui/live/GoalsDock.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;
using namespace scalelab::gui;

class TestLiveWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }
    void simulationMenuDrivesTheRun();
    void analysisMarksHideDuringARun();
    void screenshotAfterRunning();
    void exportReportWithAndWithoutRun();
};

void TestLiveWindow::exportReportWithAndWithoutRun()
{
    QTemporaryDir dir;
    MainWindow window(MainWindow::Interaction::NoDialogs);
    core::Topology t = testsupport::sampleTopology();
    t.goals["p99_ms"] = 1000;
    window.document()->reset(t);
    QString error;
    const QString review = dir.filePath(QStringLiteral("review.html"));
    QVERIFY2(exportWindowReport(window, review, &error), qPrintable(error));
    window.liveView()->controller()->advanceTo(20.0);
    const QString run = dir.filePath(QStringLiteral("run.html"));
    QVERIFY2(exportWindowReport(window, run, &error), qPrintable(error));
    QFile a(review), b(run);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray reviewText = a.readAll(), runText = b.readAll();
    // The run's report carries its goals and a results timeline; the review has neither.
    QVERIFY(runText.contains("p99_ms"));
    QVERIFY(runText.size() > reviewText.size());
    QVERIFY(!reviewText.contains("p99_ms"));
    // The window shows the goal, met (a generous p99), in its Goals dock.
    const QString goals = window.liveView()->goalsDock()->tableText();
    QVERIFY2(goals.contains(QLatin1String("p99 latency")) && goals.contains(QStringLiteral("✔")),
             qPrintable(goals));
    window.document()->markSaved();
}

void TestLiveWindow::simulationMenuDrivesTheRun()
{
    MainWindow window(MainWindow::Interaction::NoDialogs);
    window.document()->reset(testsupport::sampleTopology());
    window.show();
    bool hasMenu = false;
    for (QAction* a : window.menuBar()->actions())
        hasMenu |= a->text().contains(QLatin1String("Simulation"));
    QVERIFY(hasMenu);
    LiveView* live = window.liveView();
    QVERIFY(live->runAction()->isEnabled());
    QVERIFY(!live->pauseAction()->isEnabled());
    live->runAction()->trigger();
    QCOMPARE(live->controller()->state(), SimulationController::State::Running);
    QVERIFY(live->pauseAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(live->controller()->simSeconds() > 0.05, 5000);
    live->pauseAction()->trigger();
    QCOMPARE(live->controller()->state(), SimulationController::State::Paused);
    QVERIFY(live->stepAction()->isEnabled());
    live->resetAction()->trigger();
    QCOMPARE(live->controller()->state(), SimulationController::State::Stopped);
    window.document()->markSaved();
}

void TestLiveWindow::analysisMarksHideDuringARun()
{
    MainWindow window(MainWindow::Interaction::NoDialogs);
    core::Topology t = testsupport::sampleTopology();
    // 4 workers x 20 ms = 200 req/s of capacity; 180 req/s keeps web1 at 90%: hot.
    t.nodes[0].params["rate_rps"] = 180.0;
    window.document()->reset(t);
    window.document()->revalidate();
    QTRY_VERIFY(window.analysisMarks()->hotCount() >= 1);
    QVERIFY(window.analysisMarks()->spofCount() >= 1); // one load balancer
    window.liveView()->controller()->advanceTo(1.0);
    QCOMPARE(window.analysisMarks()->hotCount(), 0); // the live heat replaces the estimate
    window.liveView()->controller()->reset();
    QVERIFY(window.analysisMarks()->hotCount() >= 1);
    window.document()->markSaved();
}

void TestLiveWindow::screenshotAfterRunning()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("live.png"));
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY),
            {QStringLiteral(SCALELAB_EXAMPLES "/05-load-balancer.scalelab"),
             QStringLiteral("--screenshot"), png, QStringLiteral("--run-for"),
             QStringLiteral("70")});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 800));
    // The run is in the picture: the same window without --run-for looks different.
    const QString still = dir.filePath(QStringLiteral("still.png"));
    QProcess q;
    q.start(QStringLiteral(SCALELAB_BINARY),
            {QStringLiteral(SCALELAB_EXAMPLES "/05-load-balancer.scalelab"),
             QStringLiteral("--screenshot"), still});
    QVERIFY(q.waitForFinished(120000));
    QCOMPARE(q.exitCode(), 0);
    QVERIFY(QImage(still) != image);
}

QTEST_MAIN(TestLiveWindow)
#include "tst_live_window.moc"
