// Goals have a place of their own: human labels from the goal catalog, grouped numbers,
// targets before a run, verdicts during it (the line under the charts read
// "min_throughput_rps ≥ 10000: 1.2e+04" and hid behind them).

#include "GuiTestSupport.h"
#include "core/goals/GoalCatalog.h"
#include "core/goals/GoalLabel.h"
#include "gui/live/GoalsDock.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;

class TestGoalsDock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void labelsAndNumbersReadAsWords()
    {
        const auto& catalog = core::GoalCatalog::instance();
        const core::GoalSpec* throughput = catalog.find("min_throughput_rps");
        const core::GoalSpec* availability = catalog.find("availability");
        const core::GoalSpec* p99 = catalog.find("p99_ms");
        QVERIFY(throughput && availability && p99);
        QCOMPARE(core::goalLabel(*throughput), std::string("Throughput"));
        QCOMPARE(core::goalLabel(*p99), std::string("p99 latency"));
        QCOMPARE(gui::formatGoalValue(12000, *throughput), QStringLiteral("12,000 req/s"));
        QCOMPARE(gui::formatGoalValue(11999.6, *throughput), QStringLiteral("12,000 req/s"));
        QCOMPARE(gui::formatGoalValue(184.25, *p99), QStringLiteral("184 ms"));
        QCOMPARE(gui::formatGoalValue(2.5, *p99), QStringLiteral("2.5 ms"));
        QCOMPARE(gui::formatGoalValue(0.9995, *availability), QStringLiteral("99.95 %"));
        QCOMPARE(gui::formatGoalValue(1.0, *availability), QStringLiteral("100 %"));
        // Every goal of the catalog has a label a person reads, not its key.
        for (const core::GoalSpec& g : catalog.goals())
            QVERIFY2(core::goalLabel(g) != g.name && !core::goalLabel(g).empty(), g.name.c_str());
    }

    void showsTargetsThenVerdicts()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        core::Topology t = testsupport::sampleTopology(); // 200 req/s
        t.goals["p99_ms"] = 1000;
        t.goals["min_throughput_rps"] = 12000;
        w.document()->reset(t);
        gui::GoalsDock* dock = w.liveView()->goalsDock();
        QCOMPARE(dock->goalCount(), 2);
        QString text = dock->tableText();
        QVERIFY2(text.contains(QStringLiteral("Throughput | ≥ 12,000 req/s | run to see")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("p99 latency | ≤ 1,000 ms")), qPrintable(text));
        QVERIFY(!text.contains(QLatin1String("min_throughput_rps")));

        QVERIFY(w.liveView()->controller()->advanceTo(20.0));
        text = dock->tableText();
        const QStringList rows = text.split(QLatin1Char('\n'));
        QCOMPARE(rows.size(), 2);
        // Name order of the file's goals: min_throughput_rps, then p99_ms.
        QVERIFY2(rows[0].startsWith(QStringLiteral("✘ Throughput | ≥ 12,000 req/s | ")) &&
                     rows[0].endsWith(QStringLiteral(" req/s")),
                 qPrintable(rows[0]));
        QVERIFY2(rows[1].startsWith(QStringLiteral("✔ p99 latency | ≤ 1,000 ms | ")) &&
                     rows[1].endsWith(QStringLiteral(" ms")),
                 qPrintable(rows[1]));
        w.document()->markSaved();
    }

    void aDiagramWithoutGoalsSaysSo()
    {
        auto w = testsupport::openSampleWindow();
        QCOMPARE(w->liveView()->goalsDock()->goalCount(), 0);
    }
};

QTEST_MAIN(TestGoalsDock)
#include "tst_goals_dock.moc"
