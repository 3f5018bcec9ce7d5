// Simulation > Set as Baseline: the kept run's curves stay in grey under later runs in every
// live chart, and the analysis dock shows its figures beside the new run's, with deltas.
#include <QDir>
#include <QLabel>
#include <QTreeWidget>
#include <QtTest>

#include "GuiTestSupport.h"
#include "gui/docks/AnalysisDock.h"
#include "gui/live/Baseline.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;
using namespace scalelab::gui;

class TestBaseline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }
    void baselineStaysUnderLaterRuns();
};

void TestBaseline::baselineStaysUnderLaterRuns()
{
    auto window = testsupport::openSampleWindow();
    LiveView* live = window->liveView();
    // Nothing to keep before a run.
    QVERIFY(!live->setBaselineAction()->isEnabled());
    QVERIFY(!live->setBaseline());

    // A slow design: one worker at web1.
    core::Topology slow = testsupport::sampleTopology();
    slow.findNode(core::NodeId{"web1"})->params["workers"] = std::int64_t{1};
    slow.findNode(core::NodeId{"web1"})->params["service_ms"] = 4.0;
    window->document()->reset(slow);
    QVERIFY(live->controller()->advanceTo(12));
    QVERIFY(live->setBaselineAction()->isEnabled());
    live->setBaselineAction()->trigger();
    QVERIFY(live->baseline());
    QCOMPARE(live->metricsDock()->baselinePointCount(), 12);
    AnalysisDock* analysis = window->analysisDock();
    QVERIFY(analysis->comparisonLabel()->isVisibleTo(analysis));
    QVERIFY(analysis->comparisonLabel()->text().contains(QStringLiteral("Baseline")));
    const double baseResponse = live->baseline()->results.latency.mean;

    // The faster design runs; the grey curves stay through the reset and the new run.
    core::Topology fast = testsupport::sampleTopology();
    fast.findNode(core::NodeId{"web1"})->params["workers"] = std::int64_t{8};
    fast.findNode(core::NodeId{"web1"})->params["service_ms"] = 4.0;
    window->document()->reset(fast);
    QCOMPARE(live->metricsDock()->baselinePointCount(), 12);
    QVERIFY(live->controller()->advanceTo(12));
    QCOMPARE(live->metricsDock()->pointCount(), 12);
    QCOMPARE(live->metricsDock()->baselinePointCount(), 12);
    QVERIFY(live->controller()->results().latency.mean < baseResponse);

    // The analysis shows the baseline's figures and the delta for web1: faster now, so
    // negative. A panel too narrow for every column keeps the delta and puts the
    // baseline's own figures in the row's tooltip.
    QTreeWidget* table = analysis->nodeTable();
    QTreeWidgetItem* web1 = nullptr;
    for (int i = 0; i < table->topLevelItemCount(); ++i)
        if (table->topLevelItem(i)->text(0) == QLatin1String("web1"))
            web1 = table->topLevelItem(i);
    QVERIFY(web1);
    const int baseUtil = 8, baseResp = 9, delta = 10;
    QVERIFY(!table->isColumnHidden(delta));
    QVERIFY(!table->isColumnHidden(baseUtil) ||
            web1->toolTip(delta).contains(web1->text(baseUtil)));
    QVERIFY(!web1->text(baseResp).isEmpty());
    QVERIFY2(web1->text(delta).startsWith(QLatin1Char('-')), qPrintable(web1->text(delta)));
    QVERIFY(analysis->comparisonLabel()->text().contains(QStringLiteral("base ")));

    // A picture to look at (the grey curves under the new ones, the analysis line).
    window->resize(1280, 800);
    live->metricsDock()->raise();
    analysis->raise();
    QApplication::processEvents();
    QVERIFY(
        window->grab().save(QDir::temp().filePath(QStringLiteral("scalelab-baseline-window.png"))));

    live->clearBaselineAction()->trigger();
    QVERIFY(!live->baseline());
    QCOMPARE(live->metricsDock()->baselinePointCount(), 0);
    QVERIFY(table->isColumnHidden(baseUtil));
    QVERIFY(!analysis->comparisonLabel()->isVisibleTo(analysis));
    window->document()->markSaved();
}

QTEST_MAIN(TestBaseline)
#include "tst_baseline.moc"
