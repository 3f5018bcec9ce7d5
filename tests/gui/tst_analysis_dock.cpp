// The analysis panel follows the document as it is edited, colours hot and saturated
// nodes, names the single points of failure, and shows a run's figures beside estimates.
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include "core/io/TopologyJson.h"
#include "core/sim/Results.h"
#include "gui/docks/AnalysisDock.h"
#include "gui/document/Document.h"

using namespace scalelab;

namespace {
const char* kDesign = R"({"format":"scalelab/1","name":"Panel",
  "nodes":[
    {"id":"users","kind":"client","pos":[0,100],"params":{"rate_rps":300,"read_ratio":1}},
    {"id":"lb","kind":"load_balancer","pos":[200,100]},
    {"id":"web1","kind":"web_server","pos":[400,0],"params":{"network":"private","workers":2,"service_ms":5}},
    {"id":"web2","kind":"web_server","pos":[400,200],"params":{"network":"private","workers":2,"service_ms":5}}],
  "links":[{"from":"users","to":"lb"},{"from":"lb","to":"web1"},{"from":"lb","to":"web2"}]})";

QTreeWidgetItem* row(QTreeWidget* tree, const QString& id)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == id)
            return tree->topLevelItem(i);
    return nullptr;
}
} // namespace

class TestAnalysisDock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void followsTheDocument()
    {
        gui::Document document;
        document.reset(*core::loadTopology(kDesign).topology);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        QSignalSpy changed(&dock, &gui::AnalysisDock::analysisChanged);

        // 150 req/s x 5 ms / 2 workers = 37.5 % per web server; the balancer is the SPOF.
        QTreeWidgetItem* web1 = row(dock.nodeTable(), QStringLiteral("web1"));
        QVERIFY(web1);
        QCOMPARE(web1->text(1), QStringLiteral("150.0"));
        QCOMPARE(web1->text(2), QStringLiteral("38 %"));
        QVERIFY(!web1->background(2).color().isValid() ||
                web1->background(2).style() == Qt::NoBrush);
        QVERIFY(!row(dock.nodeTable(), QStringLiteral("users"))); // clients are not queues
        QVERIFY(dock.summaryLabel()->text().contains(
            QStringLiteral("Single points of failure</b> lb")));
        QVERIFY(row(dock.nodeTable(), QStringLiteral("lb"))
                    ->text(7)
                    .contains(QStringLiteral("single point of failure")));

        // One worker at 150 req/s x 5 ms: 75 %; at 0.5 of speed: 150 % - saturated, red.
        document.setNodeParam(core::NodeId{"web1"}, "speed", core::ParamValue{0.25});
        document.revalidate();
        QVERIFY(changed.count() >= 1);
        web1 = row(dock.nodeTable(), QStringLiteral("web1"));
        QCOMPARE(web1->text(2), QStringLiteral("150 % (saturated)"));
        QCOMPARE(web1->background(2).color(), QColor(0xf5, 0xb7, 0xb1));
        QVERIFY(dock.findingList()->item(0)->text().contains(QStringLiteral("saturated")));
        QVERIFY(dock.findingList()->count() >= 2);
        QCOMPARE(dock.analysis().bottleneck->str(), std::string("web1"));

        // A design with errors gets no estimates.
        document.setNodeParam(core::NodeId{"web1"}, "workers", core::ParamValue{std::int64_t{-3}});
        document.revalidate();
        QCOMPARE(dock.nodeTable()->topLevelItemCount(), 0);
        QVERIFY(dock.summaryLabel()->text().contains(QStringLiteral("Fix the errors")));
    }

    void showsARunBesideTheEstimates()
    {
        gui::Document document;
        document.reset(*core::loadTopology(kDesign).topology);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        QVERIFY(dock.nodeTable()->isColumnHidden(5));
        core::sim::RunResults run;
        core::sim::NodeResults measured;
        measured.id = "web2";
        measured.utilization = 0.91;
        measured.meanResponseMs = 12.5;
        run.nodes.push_back(measured);
        dock.setRunResults(run);
        QVERIFY(!dock.nodeTable()->isColumnHidden(5));
        QTreeWidgetItem* web2 = row(dock.nodeTable(), QStringLiteral("web2"));
        QCOMPARE(web2->text(5), QStringLiteral("91 %"));
        QCOMPARE(web2->text(6), QStringLiteral("12.5"));
        QCOMPARE(web2->background(5).color(), QColor(0xfa, 0xd7, 0xa0)); // hot
        dock.clearRunResults();
        QVERIFY(dock.nodeTable()->isColumnHidden(5));
    }

    void activatingARowSelectsItsNode()
    {
        gui::Document document;
        document.reset(*core::loadTopology(kDesign).topology);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        dock.resize(700, 500);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        QSignalSpy activated(&dock, &gui::AnalysisDock::nodeActivated);
        QTreeWidgetItem* lb = row(dock.nodeTable(), QStringLiteral("lb"));
        const QRect rect = dock.nodeTable()->visualItemRect(lb);
        QTest::mouseClick(dock.nodeTable()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).value<core::NodeId>().str(), std::string("lb"));
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            dock.grab().save(shot + QStringLiteral("/analysis-dock.png"));
    }

    void largeDesignFillsThePanel()
    {
        const core::LoadResult loaded = core::loadTopologyFile(std::string(SCALELAB_EXAMPLES) +
                                                               "/08-millions-of-users.scalelab");
        QVERIFY(loaded.ok());
        gui::Document document;
        document.reset(*loaded.topology);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        dock.resize(620, 640);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        int queues = 0;
        for (const auto& n : loaded.topology->nodes)
            queues += !n.is("client");
        QCOMPARE(dock.nodeTable()->topLevelItemCount(), queues);
        for (int i = 0; i < queues; ++i)
            QVERIFY(dock.nodeTable()->topLevelItem(i)->text(2).endsWith(QStringLiteral("%")));
        QCOMPARE(dock.findingList()->count(), static_cast<int>(dock.analysis().findings.size()));
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            dock.grab().save(shot + QStringLiteral("/analysis-dock-08.png"));
    }
};

QTEST_MAIN(TestAnalysisDock)
#include "tst_analysis_dock.moc"
