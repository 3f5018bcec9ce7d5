// Capacity planning in the real window: Simulation > Sweep… fills its chart dock point by
// point while the window keeps handling events, Cancel stops it; Size It for Me… plans an
// M/M/c design to the Erlang C minimum and applies it as one undoable edit; File > Load
// Price Sheet prices the analysis panel. Pictures of the dock and dialog are saved for a look.
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include "GuiTestSupport.h"
#include "gui/docks/AnalysisDock.h"
#include "gui/live/GoalsDock.h"
#include "gui/live/LiveView.h"
#include "gui/planning/KnobTable.h"
#include "gui/planning/PlanDialog.h"
#include "gui/planning/PlanningView.h"
#include "gui/planning/PriceBook.h"
#include "gui/planning/SweepDock.h"

using namespace scalelab;
using namespace scalelab::gui;

namespace {

// One client into one c-server queue: 900 req/s of 10 ms requests, mean response <= 13 ms.
core::Topology mmc()
{
    core::Topology t;
    t.name = "M/M/c";
    t.simulation = {40.0, 4.0, 11}; // as tst_planner: 11 workers proven at this length
    t.nodes = {
        testsupport::makeNode("users", "client", 0, 0, {{"rate_rps", 900.0}, {"read_ratio", 1.0}}),
        testsupport::makeNode("web", "web_server", 250, 0,
                              {{"workers", std::int64_t{4}}, {"service_ms", 10.0}})};
    t.links = {testsupport::makeLink("users", "web")};
    t.goals = {{"mean_ms", 13.0}};
    return t;
}

QString savePicture(QWidget* w, const char* name)
{
    const QString path =
        QDir(QStringLiteral(SCALELAB_BINARY "/.."))
            .absoluteFilePath(QStringLiteral("../tests/%1.png").arg(QLatin1String(name)));
    w->grab().save(path);
    return path;
}

} // namespace

class TestPlanningWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void menusOfferThePlanningActions()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        QStringList simulation, file;
        for (QAction* a : window.menuBar()->actions()) {
            if (!a->menu())
                continue;
            for (QAction* item : a->menu()->actions())
                (a->menu()->title() == QLatin1String("&File") ? file : simulation) << item->text();
        }
        QVERIFY(simulation.contains(QStringLiteral("S&weep…")));
        QVERIFY(simulation.contains(QStringLiteral("Si&ze It for Me…")));
        QVERIFY(file.contains(QStringLiteral("Load &Price Sheet…")));
    }

    void sweepFillsTheDockWithoutBlocking()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.resize(1280, 860);
        window.document()->reset(mmc());
        window.show();
        PlanningView* planning = window.planningView();
        SweepDock* dock = planning->sweepDock();
        QSignalSpy points(dock, &SweepDock::pointAdded);
        QSignalSpy finished(dock, &SweepDock::sweepFinished);
        // Points arrive while the sweep still runs (checked when the first arrives: after
        // the fact, the queued signals of a fast sweep can all be handled in one pass).
        int firstPointWhileRunning = -1;
        connect(dock, &SweepDock::pointAdded, [&] {
            if (firstPointWhileRunning < 0)
                firstPointWhileRunning = finished.isEmpty() && dock->running() ? 1 : 0;
        });
        // The GUI thread keeps turning while the sweep runs: a timer ticks through it.
        int ticks = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, [&] { ++ticks; });
        tick.start(10);
        // The last parameter is the chart's x axis; one curve per worker count.
        QVERIFY(planning->startSweep(
            {QStringLiteral("web.workers=8,12"), QStringLiteral("users.rate_rps=300:1500:200")}, 2,
            20));
        QVERIFY(dock->running());
        QTRY_VERIFY_WITH_TIMEOUT(points.count() >= 1, 60000);
        QCOMPARE(firstPointWhileRunning, 1); // it fills in, not all at once
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
        QVERIFY(ticks >= 1); // the event loop turned during the sweep
        QCOMPARE(points.count(), 14);
        QCOMPARE(finished.first().first().toBool(), false);
        const nlohmann::ordered_json doc = dock->document();
        QCOMPARE(doc["points"].size(), std::size_t{14});
        QVERIFY(doc["points"][0]["ci95"].contains("throughput_rps"));
        qInfo("%d timer ticks while the sweep ran", ticks);
        // 8 workers x 10 ms carry 800 req/s: the first curve saturates there.
        QVERIFY2(dock->statusText().contains(QLatin1String("saturates at")),
                 qPrintable(dock->statusText()));
        qInfo("dock picture: %s", qPrintable(savePicture(&window, "sweep_dock")));
        window.document()->markSaved();
    }

    void cancelStopsTheSweep()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(mmc());
        SweepDock* dock = window.planningView()->sweepDock();
        QSignalSpy points(dock, &SweepDock::pointAdded);
        QSignalSpy finished(dock, &SweepDock::sweepFinished);
        QVERIFY(window.planningView()->startSweep({QStringLiteral("users.rate_rps=100:2000:100")},
                                                  3, 30));
        QTRY_VERIFY_WITH_TIMEOUT(points.count() >= 1, 60000);
        dock->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(dock->pointsDone() < 20);
        QVERIFY(dock->statusText().contains(QLatin1String("cancelled")));
        window.document()->markSaved();
    }

    void sizeItForMeAppliesTheErlangCMinimum()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(mmc());
        window.scene()->selectNodes({core::NodeId("web")});
        PlanDialog* dialog = window.planningView()->planDialog();
        QCOMPARE(dialog->knobs()->rowCount(), 1);
        QCOMPARE(dialog->knobs()->varyTexts().first().left(12), QStringLiteral("web.workers="));
        dialog->knobs()->item(0, 2)->setText(QStringLiteral("6:16"));
        dialog->show();
        QSignalSpy done(dialog, &PlanDialog::planFinished);
        QVERIFY(dialog->startPlan());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 300000);
        QCOMPARE(dialog->plan()["chosen"]["web.workers"].get<int>(), 11);
        QVERIFY(dialog->findChild<QListWidget*>()->count() >= 1);
        qInfo("dialog picture: %s", qPrintable(savePicture(dialog, "plan_dialog")));
        QVERIFY(dialog->applyPlan());
        QCOMPARE(window.document()->node(core::NodeId("web"))->integer("workers"),
                 std::int64_t{11});
        window.document()->undoStack()->undo();
        QCOMPARE(window.document()->node(core::NodeId("web"))->integer("workers"), std::int64_t{4});
        window.document()->markSaved();
    }

    void sizeItForMeShowsTheProbes()
    {
        // The file says 900 req/s, its scenario 2,000 from the start: the estimates' choice
        // misses, the probes bound the workers, and the dialog shows both.
        core::Topology t = mmc();
        t.goals = {{"mean_ms", 14.0}};
        core::ScenarioAction spike;
        spike.action = core::ActionType::Set;
        spike.node = core::NodeId("users");
        spike.param = "rate_rps";
        spike.value = 2000.0;
        t.scenario = {spike};
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(t);
        window.scene()->selectNodes({core::NodeId("web")});
        PlanDialog* dialog = window.planningView()->planDialog();
        dialog->knobs()->item(0, 2)->setText(QStringLiteral("1:40"));
        dialog->resize(760, 560);
        dialog->show();
        QString noPlan;
        QVERIFY(!dialog->saveReport(QDir::temp().filePath(QStringLiteral("none.html")), &noPlan));
        QVERIFY(!noPlan.isEmpty());
        QSignalSpy done(dialog, &PlanDialog::planFinished);
        QVERIFY(dialog->startPlan());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 300000);
        QCOMPARE(dialog->plan()["chosen"]["web.workers"].get<int>(), 22);
        const auto* list = dialog->findChild<QListWidget*>();
        int probes = 0;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->text().contains(QStringLiteral("· probe")))
                ++probes;
        QCOMPARE(std::size_t(probes), dialog->plan()["search"]["probes"].size());
        QVERIFY(probes >= 2);
        bool saidBeyond = false;
        for (int i = 0; i < list->count(); ++i)
            saidBeyond =
                saidBeyond || list->item(i)->text().contains(QLatin1String("clearly misses"));
        QVERIFY(saidBeyond);
        // The newest verdict (the proven one) is in view, and the summary names the floor.
        QVERIFY(!list->visualItemRect(list->item(list->count() - 1)).isEmpty());
        QVERIFY(list->viewport()->rect().intersects(
            list->visualItemRect(list->item(list->count() - 1))));
        QString summary;
        for (const QLabel* label : dialog->findChildren<QLabel*>())
            if (label->text().contains(QLatin1String("Cheapest proven design")))
                summary = label->text();
        const int floor = dialog->plan()["search"]["floors"]["web.workers"].get<int>();
        QVERIFY(floor >= 11 && floor <= 22);
        QVERIFY2(summary.contains(QStringLiteral("floors web.workers ≥ %1:").arg(floor)),
                 qPrintable(summary));
        qInfo("dialog picture: %s", qPrintable(savePicture(dialog, "plan_dialog_probes")));
        // Save Report… writes the same report as `scalelab plan --report` (the button asks
        // for the path; saveReport is what it does with it).
        QPushButton* save = nullptr;
        for (QPushButton* b : dialog->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Save Report…"))
                save = b;
        QVERIFY(save && save->isEnabled());
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("plan.html"));
        QString error;
        QVERIFY2(dialog->saveReport(report, &error), qPrintable(error));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        QVERIFY(html.contains(QLatin1String("<h1>Capacity plan</h1>"))); // unsaved: no file
        QVERIFY(html.contains(QStringLiteral("<b>Floors: web.workers ≥ %1</b>").arg(floor)));
        QVERIFY(html.contains(QLatin1String("<b>Chosen: web.workers = 22</b>")));
        window.document()->markSaved();
    }

    void priceSheetPricesTheAnalysis()
    {
        QTemporaryDir dir;
        QFile sheet(dir.filePath(QStringLiteral("prices.json")));
        QVERIFY(sheet.open(QIODevice::WriteOnly));
        sheet.write(R"({"format": "scalelab-prices/1", "name": "Test prices",
                        "cost_per_hour": {"web_server": 2.5}})");
        sheet.close();
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(mmc());
        QString errors;
        QVERIFY2(PriceBook::instance().load(sheet.fileName(), &errors), qPrintable(errors));
        // 2.5 $/h x 730 h: the panel says so, naming the sheet.
        QTRY_COMPARE(window.analysisDock()->analysis().cost.perMonth, 2.5 * 730);
        // The Goals dock prices the design with the same sheet, before any run.
        QCOMPARE(window.liveView()->goalsDock()->costLine(),
                 QStringLiteral("Cost $2.50/h · $1,825/month"));
        PriceBook::instance().clear();
        QTRY_VERIFY(window.analysisDock()->analysis().cost.perMonth < 2.5 * 730);
        QVERIFY(!window.liveView()->goalsDock()->costLine().contains(QLatin1String("1,825")));
        QVERIFY(!PriceBook::instance().load(dir.filePath(QStringLiteral("missing.json")), &errors));
        QVERIFY(errors.contains(QLatin1String("cannot open")));
        window.document()->markSaved();
    }
};

QTEST_MAIN(TestPlanningWindow)
#include "tst_planning_window.moc"
