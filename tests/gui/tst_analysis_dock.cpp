// The analysis panel follows the document as it is edited, colours hot and saturated
// nodes, names the single points of failure, and shows a run's figures beside estimates.
#include <cmath>

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include "core/io/TopologyJson.h"
#include "core/sim/Results.h"
#include "core/sim/Simulation.h"
#include "gui/docks/AnalysisDock.h"
#include "gui/docks/AnalysisNodeTable.h"
#include "gui/docks/SiteLossTable.h"
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

core::Topology example(const char* stem)
{
    core::LoadResult loaded =
        core::loadTopologyFile(std::string(SCALELAB_EXAMPLES "/") + stem + ".scalelab");
    if (!loaded.ok())
        qFatal("%s does not load", stem);
    return std::move(*loaded.topology);
}

// The columns of the node table (AnalysisDock's order).
constexpr int kRate = 1, kSimUtil = 5, kNotes = 7;

// A node's row, found by its id (AnalysisDock keeps it at Qt::UserRole + 1; the cell
// shows the display name).
QTreeWidgetItem* row(QTreeWidget* tree, const QString& id)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->data(0, Qt::UserRole + 1).toString() == id)
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
        // Over capacity, the load cannot "grow 0.67x": it must fall to that.
        QVERIFY2(dock.summaryLabel()->text().contains(QStringLiteral("overloaded: the load must "
                                                                     "fall to")),
                 qPrintable(dock.summaryLabel()->text()));
        QVERIFY(!dock.summaryLabel()->text().contains(QStringLiteral("can grow")));

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

    void showsTheRunsIntervalsAndWarnings()
    {
        gui::Document document;
        document.reset(*core::loadTopology(kDesign).topology);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        QVERIFY(dock.confidenceLabel()->isHidden());
        core::sim::RunResults run;
        core::sim::NodeResults measured;
        measured.id = "web2";
        measured.utilization = 0.91;
        measured.utilizationCi95 = 0.023;
        measured.meanResponseMs = 12.5;
        run.nodes.push_back(measured);
        run.throughputRps = 299.4;
        run.ci95.throughputRps = 6.1;
        run.latency.mean = 12.5;
        run.ci95.latencyMeanMs = 1.31;
        run.warnings.push_back("latency_ms.mean = 12.500 ± 1.250 ms (±10.0%, 95% interval by "
                               "batch means over 40 batches): a run of about 230 s (duration_s) "
                               "would bring it under ±5%");
        dock.setRunResults(run);
        QVERIFY(!dock.confidenceLabel()->isHidden());
        const QString text = dock.confidenceLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("299.4 \u00b1 6.1")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("12.5 \u00b1 1.3")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("a run of about 230 s")), qPrintable(text));
        // The node's simulated utilization carries its interval, in percentage points.
        QCOMPARE(row(dock.nodeTable(), QStringLiteral("web2"))->text(5),
                 QStringLiteral("91 \u00b1 2 %"));
        dock.clearRunResults();
        QVERIFY(dock.confidenceLabel()->isHidden());
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

    void shardsAreRowsUnderTheirDatabase()
    {
        gui::Document document;
        document.reset(example("13-sharding"));
        document.revalidate();
        gui::AnalysisDock dock(&document);
        QTreeWidgetItem* db = row(dock.nodeTable(), QStringLiteral("db"));
        QVERIFY(db);
        const core::NodeEstimate* e = dock.analysis().node(core::NodeId{"db"});
        QVERIFY(e && e->shards.size() == 4);
        QCOMPARE(db->childCount(), 4);
        QVERIFY(db->isExpanded());
        QVERIFY(dock.nodeTable()->rootIsDecorated());
        // Each shard's load is its share of the node's: together they are the node's, and
        // the hot shard (the celebrity key's, the largest share) is the one marked.
        double sum = 0;
        int marked = 0, hottest = 0;
        for (int k = 0; k < 4; ++k) {
            QTreeWidgetItem* shard = db->child(k);
            QCOMPARE(shard->text(0), QStringLiteral("shard %1").arg(k));
            QCOMPARE(shard->text(kRate),
                     QString::number(e->shards[static_cast<std::size_t>(k)].arrivalRps, 'f', 1));
            sum += e->shards[static_cast<std::size_t>(k)].arrivalRps;
            if (e->shards[static_cast<std::size_t>(k)].share >
                e->shards[static_cast<std::size_t>(hottest)].share)
                hottest = k;
            if (shard->text(kNotes).startsWith(QStringLiteral("hot shard"))) {
                ++marked;
                QVERIFY(shard->font(0).bold());
            }
        }
        QCOMPARE(marked, 1);
        QVERIFY(db->child(hottest)->text(kNotes).startsWith(QStringLiteral("hot shard")));
        QVERIFY(std::abs(sum - e->arrivalRps) < 1e-6 * e->arrivalRps);
        QVERIFY(db->child(hottest)->text(kNotes).contains(
            QString::number(std::lround(100 * e->shards[static_cast<std::size_t>(hottest)].share)) +
            QStringLiteral(" %")));

        // A run's per-shard figures sit beside the estimates.
        core::sim::RunResults run;
        core::sim::NodeResults measured;
        measured.id = "db";
        for (double u : {0.31, 0.88, 0.27, 0.3})
            measured.shards.push_back({1000, u, 4.0});
        run.nodes.push_back(measured);
        dock.setRunResults(run);
        db = row(dock.nodeTable(), QStringLiteral("db"));
        QCOMPARE(db->childCount(), 4);
        QCOMPARE(db->child(1)->text(kSimUtil), QStringLiteral("88 %"));
        QCOMPARE(db->child(1)->background(kSimUtil).color(), QColor(0xfa, 0xd7, 0xa0)); // hot
        QCOMPARE(db->child(0)->text(kSimUtil), QStringLiteral("31 %"));

        dock.resize(900, 560);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            dock.grab().save(shot + QStringLiteral("/analysis-dock-13-shards.png"));
    }

    void jobsShowTheRunsLatencyBesideTheEstimate()
    {
        // Example 12: the queue's row gives the pooled job estimate, and after a run the
        // simulated mean job latency beside it.
        gui::Document document;
        const core::Topology t = example("12-message-queue");
        document.reset(t);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        const core::NodeEstimate* e = dock.analysis().node(core::NodeId{"queue"});
        QVERIFY(e && e->jobs);
        const auto ms = [](double v) { return QString::number(v, 'f', v < 10 ? 2 : 1); };
        QTreeWidgetItem* queue = row(dock.nodeTable(), QStringLiteral("queue"));
        QVERIFY(queue);
        QVERIFY2(queue->text(kNotes).contains(
                     QStringLiteral("job latency %1 ms").arg(ms(e->jobs->meanLatencyMs))),
                 qPrintable(queue->text(kNotes)));
        QVERIFY(!queue->text(kNotes).contains(QStringLiteral("(sim.")));

        const core::sim::RunResults run = core::sim::simulate(t);
        QVERIFY(run.jobs.completed > 0);
        dock.setRunResults(run);
        queue = row(dock.nodeTable(), QStringLiteral("queue"));
        QVERIFY2(queue->text(kNotes).contains(
                     QStringLiteral("job latency %1 ms (sim. %2 ms)")
                         .arg(ms(e->jobs->meanLatencyMs), ms(run.jobs.latency.mean))),
                 qPrintable(queue->text(kNotes)));
        dock.clearRunResults();
        queue = row(dock.nodeTable(), QStringLiteral("queue"));
        QVERIFY(!queue->text(kNotes).contains(QStringLiteral("(sim.")));
    }

    void sitesShowWhatLosingEachCosts()
    {
        gui::Document document;
        document.reset(example("14-data-centers"));
        document.revalidate();
        gui::AnalysisDock dock(&document);
        gui::SiteLossTable* sites = dock.siteTable();
        QVERIFY(!dock.sitesBox()->isHidden());
        QCOMPARE(sites->topLevelItemCount(), 2);
        using T = gui::SiteLossTable;
        QTreeWidgetItem* eu = sites->rowOf(QStringLiteral("eu"));
        QTreeWidgetItem* us = sites->rowOf(QStringLiteral("us"));
        QVERIFY(eu && us);
        // Europe: the lb, two web servers, the master and its sync replica.
        QCOMPARE(eu->text(T::ColNodes), QStringLiteral("5"));
        // Its 300 req/s of users fail for detect_s (10 s) and half their dns_ttl_s (30 s)
        // on average: 300 x 25 = 7,500 requests; all back after 40 s, 2 x (80 - 10) ms
        // further away.
        QCOMPARE(eu->text(T::ColFailed), QStringLiteral("7,500"));
        QCOMPARE(eu->text(T::ColBackAfter), QStringLiteral("40 s"));
        QCOMPARE(eu->text(T::ColExtraMs), QStringLiteral("+140"));
        // Writes: 10 % of 500 req/s go to the European master; the sync replica dies with
        // it, the American one lags 300 ms: 50 x 0.3 = 15 acknowledged writes lost.
        QCOMPARE(eu->text(T::ColLostWrites), QStringLiteral("15"));
        // America's replica is promoted: nobody stays cut off.
        QCOMPARE(eu->text(T::ColCutOff), QStringLiteral("none"));
        // America: 200 x 25 = 5,000 requests; its loss costs no write (the master is in Europe).
        QCOMPARE(us->text(T::ColFailed), QStringLiteral("5,000"));
        QCOMPARE(us->text(T::ColLostWrites), QStringLiteral("0"));
        QVERIFY(sites->isColumnHidden(T::ColSimFailed));

        // A run that lost Europe from 50 s to 130 s: its failed requests in that window and
        // its lost writes beside the estimate; America was not lost, so it shows none.
        core::sim::RunResults run;
        run.durationS = 180;
        run.engine.simulatedS = 180;
        run.lostWrites = 14;
        run.events.push_back({50, core::sim::EventKind::SiteFailed, "", "eu: 5 nodes"});
        run.events.push_back({130, core::sim::EventKind::SiteRecovered, "", "eu: 5 nodes"});
        run.timeseries.intervalS = 1;
        for (int t = 10; t < 180; ++t) {
            run.timeseries.tS.push_back(t);
            run.timeseries.errors.push_back(t >= 50 && t < 90 ? 150 : (t < 50 ? 0 : 1));
        }
        dock.setRunResults(run);
        QVERIFY(!sites->isColumnHidden(T::ColSimFailed));
        eu = sites->rowOf(QStringLiteral("eu"));
        us = sites->rowOf(QStringLiteral("us"));
        QCOMPARE(eu->text(T::ColSimFailed), QStringLiteral("6,040")); // 40 x 150 + 40 x 1
        QCOMPARE(eu->text(T::ColSimLostWrites), QStringLiteral("14"));
        QVERIFY(eu->text(T::ColNotes).contains(QStringLiteral("run: down 50-130 s")));
        QVERIFY(us->text(T::ColSimFailed).isEmpty());
        dock.clearRunResults();
        QVERIFY(sites->isColumnHidden(T::ColSimFailed));

        dock.setRunResults(run);
        dock.resize(900, 620);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            dock.grab().save(shot + QStringLiteral("/analysis-dock-14-sites.png"));

        // A design without sites has no such section.
        document.reset(example("13-sharding"));
        document.revalidate();
        QVERIFY(dock.sitesBox()->isHidden());
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

    void findingsNameNodesAsTheCanvasDoes()
    {
        // The canvas shows "DNS", "Load balancer", "Master": so do the findings, each still
        // pointing at its node by id (a click selects it).
        core::Topology t = example("08-millions-of-users");
        QVERIFY(t.findNode(core::NodeId{"db-master"})->displayName() != "db-master");
        t.findNode(core::NodeId{"dns"})->name.clear(); // no name: the id
        gui::Document document;
        document.reset(t);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        QList<QListWidgetItem*> items;
        for (int i = 0; i < dock.findingList()->count(); ++i)
            items << dock.findingList()->item(i);
        QVERIFY(items.size() >= 3);
        QStringList named;
        for (QListWidgetItem* item : items) {
            const QString id = item->data(Qt::UserRole + 1).toString();
            const core::Node* node = t.findNode(core::NodeId{id.toStdString()});
            QVERIFY2(node, qPrintable(id));
            const QString name = QString::fromStdString(node->displayName());
            QVERIFY2(item->text().contains(QLatin1Char('\'') + name + QLatin1Char('\'')),
                     qPrintable(item->text()));
            if (name != id)
                QVERIFY2(!item->text().contains(QLatin1Char('\'') + id + QLatin1Char('\'')),
                         qPrintable(item->text()));
            named << name;
        }
        QVERIFY2(named.contains(QStringLiteral("dns")) && named.contains(QStringLiteral("Master")),
                 qPrintable(named.join(QStringLiteral(", "))));
    }

    void theTableFitsANarrowPanel()
    {
        // The panel opens 310 pixels wide: the node table fits it, no sideways scrolling,
        // before a run and with the run's columns beside; the notes are under their rows.
        const core::Topology t = example("08-millions-of-users");
        gui::Document document;
        document.reset(t);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        dock.resize(310, 640);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* table = static_cast<gui::AnalysisNodeTable*>(dock.nodeTable());
        const auto fits = [&](const char* when) {
            QApplication::processEvents();
            int width = 0; // the right edge of the last column shown
            for (int c = 0; c < table->header()->count(); ++c)
                if (!table->isColumnHidden(c))
                    width = std::max(width, table->header()->sectionViewportPosition(c) +
                                                table->header()->sectionSize(c));
            QVERIFY2(width <= table->viewport()->width(),
                     qPrintable(QStringLiteral("%1: %2 px in %3")
                                    .arg(QLatin1String(when))
                                    .arg(width)
                                    .arg(table->viewport()->width())));
            QVERIFY2(!table->horizontalScrollBar()->isVisible(), when);
            // Every figure whole: a figure column is as wide as its widest cell.
            for (int c = 1; c < kNotes; ++c)
                if (!table->isColumnHidden(c))
                    QVERIFY2(table->header()->sectionSize(c) >= table->contentWidth(c), when);
        };
        fits("estimates");
        QTreeWidgetItem* lb = row(table, QStringLiteral("lb"));
        QVERIFY(lb->text(kNotes).contains(QStringLiteral("single point of failure")));
        QVERIFY(table->notesBelow());
        QVERIFY(table->notesHeight(table->indexFromItem(lb)) > 0);

        core::sim::RunResults run;
        for (const core::Node& n : t.nodes) {
            core::sim::NodeResults measured;
            measured.id = n.id.str();
            measured.utilization = 0.473;
            measured.utilizationCi95 = 0.012;
            measured.meanResponseMs = 10.06;
            run.nodes.push_back(measured);
        }
        dock.setRunResults(run);
        QVERIFY(!table->isColumnHidden(kSimUtil));
        fits("with a run");
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            dock.grab().save(shot + QStringLiteral("/analysis-dock-08-narrow-run.png"));

        // A wide panel has room for the notes as a column again.
        dock.resize(900, 640);
        QApplication::processEvents();
        QVERIFY(!table->notesBelow());
        QVERIFY(!table->isColumnHidden(kNotes));
    }

    void namesStayWholeInANarrowPanel()
    {
        // In the panel's default 310 pixels, every node's name of example 08 is shown
        // whole: its cell as wide as the name's text, or the name wrapped at its spaces in
        // a row tall enough for its lines ("Load balancer" was "Load ..."). Before a run,
        // after one, and with a baseline's difference beside it.
        core::Topology t = example("08-millions-of-users");
        t.simulation.durationS = 12; // the run's columns, not its figures, are the point
        t.simulation.warmupS = 2;
        gui::Document document;
        document.reset(t);
        document.revalidate();
        gui::AnalysisDock dock(&document);
        dock.resize(310, 640);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        auto* table = static_cast<gui::AnalysisNodeTable*>(dock.nodeTable());
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        const auto whole = [&](const char* when) {
            QApplication::processEvents();
            if (!shot.isEmpty())
                dock.grab().save(shot + QStringLiteral("/analysis-dock-08-names-%1.png")
                                            .arg(QString::fromLatin1(when).replace(
                                                QLatin1Char(' '), QLatin1Char('-'))));
            const QFontMetrics fm(table->font());
            // The text's room in a cell: its width less the style's margins either side.
            const int margins =
                2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
            QVERIFY(table->topLevelItemCount() > 10);
            for (int i = 0; i < table->topLevelItemCount(); ++i) {
                QTreeWidgetItem* item = table->topLevelItem(i);
                const QString name = item->text(0);
                const QRect cell = table->visualRect(table->indexFromItem(item, 0));
                const int room = cell.width() - margins;
                if (fm.horizontalAdvance(name) <= room)
                    continue; // whole on one line
                // Wrapped whole: every word fits the room, and the row's figure band is as
                // tall as the lines the name takes there.
                for (const QString& word : name.split(QLatin1Char(' ')))
                    QVERIFY2(fm.horizontalAdvance(word) <= room,
                             qPrintable(QStringLiteral("%1: '%2' in %3 px")
                                            .arg(QLatin1String(when), word)
                                            .arg(room)));
                const QRect lines = fm.boundingRect(QRect(0, 0, room, 10000),
                                                    Qt::AlignLeft | Qt::TextWordWrap, name);
                const int band = cell.height() - table->notesHeight(table->indexFromItem(item, 0));
                QVERIFY2(band >= lines.height(),
                         qPrintable(QStringLiteral("%1: '%2' is elided: %3 px wide in %4 px, "
                                                   "%5 px of lines in a %6 px row")
                                        .arg(QLatin1String(when), name)
                                        .arg(fm.horizontalAdvance(name))
                                        .arg(room)
                                        .arg(lines.height())
                                        .arg(band)));
            }
        };
        whole("estimates");
        core::sim::Simulation simulation(t);
        simulation.run();
        const core::sim::RunResults run = simulation.results();
        dock.setRunResults(run);
        QVERIFY(!table->isColumnHidden(kSimUtil));
        whole("with a run");
        dock.setBaseline(&run, QStringLiteral("baseline"));
        whole("with a baseline");
        // A name no figure can make room for wraps at its spaces, its row taller.
        const QModelIndex dnsName = table->indexFromItem(row(table, QStringLiteral("dns")));
        const int oneLine = table->visualRect(dnsName).height() - table->notesHeight(dnsName);
        document.setNodeName(core::NodeId{"lb"},
                             "Load balancer of the public site in front of every server");
        QApplication::processEvents();
        QTreeWidgetItem* lb = row(table, QStringLiteral("lb"));
        QVERIFY(lb);
        const QModelIndex lbName = table->indexFromItem(lb);
        QVERIFY(QFontMetrics(table->font()).horizontalAdvance(lb->text(0)) >
                table->visualRect(lbName).width());
        QVERIFY(table->visualRect(lbName).height() - table->notesHeight(lbName) > oneLine);
        whole("with a long name");
    }
};

QTEST_MAIN(TestAnalysisDock)
#include "tst_analysis_dock.moc"
