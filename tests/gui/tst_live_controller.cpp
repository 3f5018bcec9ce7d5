// The live view's controller and layers, driven as the window drives them: run, pause,
// step, reset; a Fail from the GUI against the same scenario action; edits during a run;
// every node failed; charts and the events log filled.
#include <QGraphicsView>
#include <QMainWindow>
#include <QtTest>

#include "LiveRig.h"
#include "core/sim/Simulation.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/document/Document.h"
#include "gui/live/EventsDock.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/NodeStatusLayer.h"
#include "gui/live/SimulationController.h"
#include "gui/live/TrafficLayer.h"

using namespace scalelab;
using namespace scalelab::gui;
using State = SimulationController::State;

namespace {
core::Node node(const std::string& id, const std::string& kind, double x, core::ParamMap p = {})
{
    core::Node n;
    n.id = core::NodeId{id};
    n.kind = core::KindId{kind};
    n.pos = {x, 100};
    n.params = std::move(p);
    return n;
}

/// users -> lb -> web1, web2 (health checks every second, 2 failures to take one out).
core::Topology balanced(double rate = 400)
{
    core::Topology t;
    t.name = "live test";
    t.simulation = {30, 1, 11};
    t.nodes = {node("users", "client", 0, {{"rate_rps", rate}}),
               node("lb", "load_balancer", 200, {{"health_check_interval_s", 1.0}}),
               node("web1", "web_server", 400, {{"workers", std::int64_t(8)}}),
               node("web2", "web_server", 400, {{"workers", std::int64_t(8)}})};
    t.nodes[3].pos = {400, 250};
    t.links = {{core::NodeId{"users"},
                core::NodeId{"lb"},
                core::LinkKind::Request,
                {{"latency_ms", 20.0}}},
               {core::NodeId{"lb"}, core::NodeId{"web1"}, core::LinkKind::Request, {}},
               {core::NodeId{"lb"}, core::NodeId{"web2"}, core::LinkKind::Request, {}}};
    return t;
}

using Rig = testsupport::LiveRig;

bool sameEvents(const std::vector<core::sim::EventRecord>& a,
                const std::vector<core::sim::EventRecord>& b, QString& why)
{
    if (a.size() != b.size()) {
        why = QStringLiteral("%1 events vs %2").arg(a.size()).arg(b.size());
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].tS != b[i].tS || a[i].kind != b[i].kind || a[i].node != b[i].node ||
            a[i].detail != b[i].detail) {
            why = QStringLiteral("event %1: %2 %3 at %4 vs %5 %6 at %7")
                      .arg(i)
                      .arg(QString::fromLatin1(core::sim::toString(a[i].kind).data()),
                           QString::fromStdString(a[i].node))
                      .arg(a[i].tS)
                      .arg(QString::fromLatin1(core::sim::toString(b[i].kind).data()),
                           QString::fromStdString(b[i].node))
                      .arg(b[i].tS);
            return false;
        }
    return true;
}
} // namespace

class TestLiveController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runPauseStepReset();
    void guiFailMatchesScenarioAction();
    void parameterEditAppliesLive();
    void structuralEditWaitsForReset();
    void deletingANodeDuringARunIsSafe();
    void everyNodeFailedDoesNotCrash();
    void chartsAndEventsFill();
    void invalidDiagramIsRefused();
    void aSpeedBeyondTheEngineRunsAsMax();
};

void TestLiveController::runPauseStepReset()
{
    Rig rig(balanced());
    QCOMPARE(rig.c().state(), State::Stopped);
    QVERIFY(rig.c().run());
    QCOMPARE(rig.c().state(), State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(rig.c().simSeconds() > 0.05, 5000);
    rig.c().pause();
    QCOMPARE(rig.c().state(), State::Paused);
    const double frozen = rig.c().simSeconds();
    QTest::qWait(100);
    QCOMPARE(rig.c().simSeconds(), frozen);
    QVERIFY(rig.c().step(0.5));
    QCOMPARE(rig.c().state(), State::Paused);
    QVERIFY(std::abs(rig.c().simSeconds() - (frozen + 0.5)) < 1e-9);
    QVERIFY(rig.c().snapshot().generated > 0);
    rig.c().reset();
    QCOMPARE(rig.c().state(), State::Stopped);
    QVERIFY(rig.c().simTopology() == nullptr);
    QCOMPARE(rig.c().simSeconds(), 0.0);
    // Max speed runs to the end and stops there.
    rig.c().setSpeed(SimulationController::kMaxSpeed);
    QVERIFY(rig.c().run());
    QTRY_COMPARE_WITH_TIMEOUT(rig.c().state(), State::Finished, 20000);
    QCOMPARE(rig.c().simSeconds(), 30.0);
}

void TestLiveController::guiFailMatchesScenarioAction()
{
    // The same diagram twice: once with "fail web1 at 5.25 s" in its scenario, run by the
    // engine alone; once failed from the GUI at 5.25 s. The events must be identical.
    // (Off the whole seconds where health checks run: at an exact tie a scenario step goes
    // before the other events of that instant, a GUI action after them.)
    core::Topology scripted = balanced();
    scripted.scenario.push_back({5.25, core::ActionType::Fail, core::NodeId{"web1"}, {}, {}, {}});
    scripted.scenario.push_back(
        {12.5, core::ActionType::Recover, core::NodeId{"web1"}, {}, {}, {}});
    core::sim::Simulation engine(scripted);
    engine.runUntil(core::sim::fromSeconds(20));
    const auto expected = engine.results().events;
    QVERIFY2(expected.size() >= 4, "the scenario should fail, detect, recover and re-admit");

    Rig rig(balanced());
    QVERIFY(rig.c().advanceTo(5.25));
    rig.c().failNode(core::NodeId{"web1"});
    QVERIFY(rig.c().advanceTo(12.5));
    rig.c().recoverNode(core::NodeId{"web1"});
    QVERIFY(rig.c().advanceTo(20.0));
    QString why;
    QVERIFY2(sameEvents(rig.c().eventLog(), expected, why), qPrintable(why));
    // And the canvas shows it: web1 was down in between.
    QCOMPARE(rig.live->eventsDock()->count(), static_cast<int>(expected.size()));
    QVERIFY(rig.live->eventsDock()->textAt(0).contains(QLatin1String("web1 failed")));
}

void TestLiveController::parameterEditAppliesLive()
{
    Rig rig(balanced());
    QVERIFY(rig.c().advanceTo(2.0));
    rig.document.setNodeParam(core::NodeId{"users"}, "rate_rps", core::ParamValue{800.0});
    QVERIFY(rig.c().advanceTo(6.0));
    bool found = false;
    for (const auto& e : rig.c().eventLog())
        found |= e.kind == core::sim::EventKind::ParamSet && e.node == "users" && e.tS == 2.0;
    QVERIFY2(found, "the rate change was not applied to the running simulation");
    // The last full second reflects the doubled rate (Poisson noise well within 25%).
    QVERIFY2(rig.c().chart().back().throughputRps > 600,
             qPrintable(QString::number(rig.c().chart().back().throughputRps)));
    QVERIFY(!rig.c().hasPendingStructure());
}

void TestLiveController::structuralEditWaitsForReset()
{
    Rig rig(balanced());
    QVERIFY(rig.c().advanceTo(1.0));
    core::Node extra = node("web3", "web_server", 400);
    extra.pos = {400, 400};
    rig.document.insertNode(extra);
    rig.document.insertLink(
        {core::NodeId{"lb"}, core::NodeId{"web3"}, core::LinkKind::Request, {}});
    QVERIFY(rig.c().hasPendingStructure());
    QVERIFY(rig.c().advanceTo(3.0)); // the run goes on with its own copy
    QCOMPARE(rig.c().simTopology()->nodes.size(), std::size_t(4));
    rig.c().reset();
    QVERIFY(rig.c().advanceTo(1.0));
    QCOMPARE(rig.c().simTopology()->nodes.size(), std::size_t(5));
    QVERIFY(!rig.c().hasPendingStructure());
}

void TestLiveController::deletingANodeDuringARunIsSafe()
{
    Rig rig(balanced());
    rig.window.show();
    QVERIFY(rig.c().run());
    QTRY_VERIFY_WITH_TIMEOUT(rig.c().simSeconds() > 0.2, 5000);
    rig.document.removeNode(core::NodeId{"web2"});
    QTest::qWait(100); // frames paint with a node gone from the canvas
    QVERIFY(!rig.view->grab().isNull());
    QVERIFY(rig.c().state() == State::Running);
    rig.c().reset();
}

void TestLiveController::everyNodeFailedDoesNotCrash()
{
    Rig rig(balanced());
    rig.window.show();
    QVERIFY(rig.c().advanceTo(1.0));
    for (const auto& n : rig.document.topology().nodes)
        rig.c().failNode(n.id);
    for (const auto& n : rig.c().snapshot().nodes)
        QVERIFY(!n.up);
    QVERIFY(rig.c().advanceTo(30.0));
    QCOMPARE(rig.c().state(), State::Finished);
    QVERIFY(!rig.view->grab().isNull());
    const auto& last = rig.c().chart().back();
    QCOMPARE(last.throughputRps, 0.0);
}

void TestLiveController::chartsAndEventsFill()
{
    Rig rig(balanced());
    QVERIFY(rig.live->runFor(10.0));
    QCOMPARE(rig.c().chart().size(), std::size_t(10)); // one point per simulated second
    QCOMPARE(rig.live->metricsDock()->pointCount(), 10);
    // Painting the view draws the requests in flight on the links (400 req/s, 20 ms away).
    rig.view->viewport()->grab();
    QVERIFY2(rig.live->trafficLayer()->dotsDrawn() > 0,
             qPrintable(QString::number(rig.live->trafficLayer()->dotsDrawn())));
    const auto& p = rig.c().chart().back();
    QVERIFY(p.p50Ms > 0 && p.p50Ms <= p.p95Ms && p.p95Ms <= p.p99Ms);
    QVERIFY(std::abs(p.throughputRps - 400) < 120);
    const QString tip = rig.live->liveTooltip(QStringLiteral("web1"));
    QVERIFY2(tip.contains(QLatin1String("utilization")), qPrintable(tip));
    rig.c().failNode(core::NodeId{"web2"});
    QCOMPARE(rig.live->eventsDock()->count(), 1);
    QVERIFY(rig.live->statusLayer()->markerCount() == 1);
    QVERIFY(rig.live->liveTooltip(QStringLiteral("web2")).contains(QLatin1String("DOWN")));
}

void TestLiveController::invalidDiagramIsRefused()
{
    core::Topology t = balanced();
    t.nodes[2].params["workers"] = std::int64_t(-1);
    Rig rig(t);
    QSignalSpy messages(rig.live->controller(), &SimulationController::message);
    QVERIFY(!rig.c().run());
    QCOMPARE(rig.c().state(), State::Stopped);
    QCOMPARE(messages.count(), 1);
    QVERIFY(messages.first().first().toString().contains(QLatin1String("workers")));
}

void TestLiveController::aSpeedBeyondTheEngineRunsAsMax()
{
    // 50,000 req/s for 600 s: far more than the engine simulates in real time at 1000x.
    core::Topology heavy = balanced(50000);
    heavy.simulation = {600, 1, 11};
    heavy.nodes[2].params["workers"] = std::int64_t(400);
    heavy.nodes[3].params["workers"] = std::int64_t(400);
    Rig rig(std::move(heavy));
    rig.c().setSpeed(SimulationController::kMaxSpeed);
    QVERIFY(rig.c().run());
    while (rig.c().engineRate() == 0 && rig.c().state() == State::Running)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    QVERIFY(rig.c().lastFrameEngineBound());
    QVERIFY2(rig.c().engineRate() < 1000, qPrintable(QString::number(rig.c().engineRate())));
    // Run again at 1000x, beyond what the engine delivers: from its first frame it runs
    // as Max does, not on an animation frame's budget first.
    rig.c().reset();
    rig.c().setSpeed(1000);
    int frames = 0;
    bool firstBound = false;
    const auto counting = connect(&rig.c(), &SimulationController::frameReady, [&] {
        if (rig.c().state() == State::Running && ++frames == 1)
            firstBound = rig.c().lastFrameEngineBound();
    });
    QVERIFY(rig.c().run());
    while (frames < 3)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    disconnect(counting);
    QVERIFY(firstBound);
    QVERIFY(rig.c().lastFrameEngineBound());
    // A speed the engine delivers animates on the frame budget again, once a frame has
    // reached its target within that budget (under a sanitizer on a loaded machine the
    // first few frames can still miss it, so it gets up to 200 frames; and a tenth of real
    // time, 5,000 req/s, which even a sanitized engine on a busy core delivers).
    rig.c().setSpeed(0.1);
    frames = 0;
    bool animated = false;
    const auto again = connect(&rig.c(), &SimulationController::frameReady, [&] {
        if (rig.c().state() == State::Running) {
            ++frames;
            animated = animated || !rig.c().lastFrameEngineBound();
        }
    });
    while (!animated && frames < 200 && rig.c().state() == State::Running)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    disconnect(again);
    QVERIFY2(animated,
             qPrintable(QStringLiteral("engine-bound for %1 frames at 0.1x").arg(frames)));
    rig.c().reset();
}

QTEST_MAIN(TestLiveController)
#include "tst_live_controller.moc"
