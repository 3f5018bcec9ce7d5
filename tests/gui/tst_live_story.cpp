// The live view of the story's new pieces, in the real main window: an autoscaled pool's
// instance count moves on the node and in an Instances chart; a CDN's hits come back from
// the edge as their own dots while misses travel on to the origin.
#include <QtTest>

#include "GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/NodeItem.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
#include "gui/live/NodeStatusLayer.h"
#include "gui/live/SimulationController.h"
#include "gui/paint/NodeGlyph.h"

using namespace scalelab;
using namespace scalelab::gui;

namespace {
core::Topology example(const char* stem)
{
    core::LoadResult loaded =
        core::loadTopologyFile(std::string(SCALELAB_EXAMPLES "/") + stem + ".scalelab");
    if (!loaded.ok())
        qFatal("%s does not load", stem);
    return std::move(*loaded.topology);
}

std::size_t indexOf(const core::Topology& t, const char* id)
{
    return *t.nodeIndex(core::NodeId{id});
}

// The scene in `area` as drawn (scale 1), with the live status layer or without it: where
// the two differ is what the layer painted.
QImage drawn(MainWindow& window, const QRectF& area, bool withStatus)
{
    NodeStatusLayer* layer = window.liveView()->statusLayer();
    layer->refresh();
    layer->setVisible(withStatus);
    QImage image(area.size().toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    window.scene()->render(&painter, QRectF(QPointF(0, 0), area.size()), area);
    painter.end();
    layer->setVisible(true);
    return image;
}

bool near(const QColor& a, const QColor& b, int tolerance = 40)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
               std::abs(a.blue() - b.blue()) <
           tolerance;
}

// A node's neighbourhood: its icon and 100 px right of it.
QRectF besideIcon(MainWindow& window, const char* id)
{
    const QRectF icon =
        style::iconRect().translated(window.scene()->nodeItem(core::NodeId{id})->pos());
    return icon.adjusted(-10, -10, 100, 10);
}
} // namespace

class TestLiveStory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void aPoolShowsItsInstancesLive()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        const core::Topology t = example("11-autoscaling");
        window.document()->reset(t);
        const core::Node& web = *t.findNode(core::NodeId{"web"});
        QCOMPARE(NodeGlyph::instanceText(web), QStringLiteral("×5 auto"));
        QVERIFY(NodeGlyph::instanceText(*t.findNode(core::NodeId{"db"})).isEmpty());
        SimulationController* c = window.liveView()->controller();
        MetricsDock* metrics = window.liveView()->metricsDock();
        c->advanceTo(35.0);
        metrics->refresh();
        const std::size_t w = indexOf(t, "web");
        QCOMPARE(c->snapshot().nodes[w].instances, 5u);
        QVERIFY(metrics->instancesChartShown());
        QCOMPARE(metrics->instanceSeriesCount(), 1);
        // After the step (40 s) the pool grows; while instances boot they are counted apart.
        c->advanceTo(50.0);
        QVERIFY(c->snapshot().nodes[w].instancesBooting > 0);
        c->advanceTo(100.0);
        metrics->refresh();
        QVERIFY(c->snapshot().nodes[w].instances > 5);
        QVERIFY(c->chart().back().instances[w] > 5);
        window.document()->markSaved();
    }

    void theDockSaysWhatShareFailedAndWhy()
    {
        // The retry-storm challenge: nothing fails before its slowdown at 30 s; after it,
        // tries time out, and the dock gives the share of finished requests and the reason.
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(example("challenge-3-retry-storm"));
        SimulationController* c = window.liveView()->controller();
        MetricsDock* metrics = window.liveView()->metricsDock();
        QVERIFY(c->advanceTo(25.0));
        metrics->refresh();
        QVERIFY2(metrics->failuresText().contains(QLatin1String("Failed so far: 0.0%")),
                 qPrintable(metrics->failuresText()));
        QVERIFY(c->advanceTo(60.0));
        metrics->refresh();
        const core::sim::Snapshot& s = c->snapshot();
        QVERIFY(s.failed > 0);
        const double finished = static_cast<double>(s.completed + s.failed);
        const QString share =
            QString::number(100.0 * static_cast<double>(s.failed) / finished, 'f', 1);
        const QString text = metrics->failuresText();
        QVERIFY2(text.contains(QStringLiteral("Failed so far: %1%").arg(share)), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("timeout ")), qPrintable(text));
        window.document()->markSaved();
    }

    void aFixedDesignHasNoInstancesChart()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(testsupport::sampleTopology());
        window.liveView()->controller()->advanceTo(5.0);
        window.liveView()->metricsDock()->refresh();
        QVERIFY(!window.liveView()->metricsDock()->instancesChartShown());
        QVERIFY(!window.liveView()->metricsDock()->backlogShown()); // no queue
        window.document()->markSaved();
    }

    void aQueuesDepthIsDrawnOnItAndCharted()
    {
        // Example 12: the workers are down from 60 to 80 s; the backlog grows by the
        // publish rate (20 jobs/s) meanwhile. The chart fills with it, and the queue node
        // shows a full gauge and its count of jobs.
        MainWindow window(MainWindow::Interaction::NoDialogs);
        const core::Topology t = example("12-message-queue");
        window.document()->reset(t);
        SimulationController* c = window.liveView()->controller();
        MetricsDock* metrics = window.liveView()->metricsDock();
        const std::size_t q = indexOf(t, "queue");
        const QRectF area = besideIcon(window, "queue");
        const QRectF icon = style::iconRect().translated(
            window.scene()->nodeItem(core::NodeId{"queue"})->pos() - area.topLeft());
        const QRectF track(icon.right() + 4, icon.top() + 2, 7, icon.height() - 4);
        const QColor gauge(0x7c, 0x3a, 0xed);
        // Where the count's label ends: after the gauge, as wide as its text.
        const auto labelRight = [&](std::uint64_t jobs) {
            QFont f;
            f.setPixelSize(10);
            f.setBold(true);
            return track.right() + 3 +
                   QFontMetricsF(f).horizontalAdvance(QStringLiteral("%1 jobs").arg(jobs)) + 8;
        };
        // The last column on the gauge's middle row the layer painted.
        const auto paintedUpTo = [&] {
            const QImage with = drawn(window, area, true), without = drawn(window, area, false);
            const int y = static_cast<int>(track.center().y());
            int last = -1;
            for (int x = static_cast<int>(track.right()) + 1; x < with.width(); ++x)
                if (with.pixel(x, y) != without.pixel(x, y))
                    last = x;
            return last;
        };

        QVERIFY(c->advanceTo(59.0));
        metrics->refresh();
        const std::uint64_t before = c->snapshot().nodes[q].backlog;
        QVERIFY(c->snapshot().nodes[q].hasBacklog);
        QVERIFY(before < 10);
        QImage image = drawn(window, area, true);
        const QPoint high = track.topLeft().toPoint() + QPoint(3, 4);
        QVERIFY(!near(image.pixelColor(high), gauge)); // scaled to 10 at least: low
        QVERIFY(std::abs(paintedUpTo() - labelRight(before)) <= 2);

        QVERIFY(c->advanceTo(79.5));
        metrics->refresh();
        const std::uint64_t during = c->snapshot().nodes[q].backlog;
        qInfo("backlog %llu before the outage, %llu at its end (20 jobs/s x 19.5 s = 390)",
              static_cast<unsigned long long>(before), static_cast<unsigned long long>(during));
        QVERIFY(std::abs(static_cast<double>(during) - 390) < 4 * std::sqrt(390.0) + 10);
        QVERIFY(metrics->backlogShown());
        QCOMPARE(metrics->backlogPointCount(), static_cast<int>(c->chart().size()));
        QVERIFY(metrics->backlogPointCount() >= 75);
        QVERIFY(c->chart().back().backlog > 300);
        // The gauge is full (the most this queue held), and the label grew with the count.
        image = drawn(window, area, true);
        QVERIFY2(near(image.pixelColor(high), gauge), qPrintable(image.pixelColor(high).name()));
        const int right = paintedUpTo();
        QVERIFY2(std::abs(right - labelRight(during)) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(right).arg(labelRight(during))));
        QVERIFY(labelRight(during) - labelRight(before) >= 10);
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            image.save(shot + QStringLiteral("/live-queue-depth.png"));
        window.document()->markSaved();
    }

    void aShardedDatabaseShowsOneBarPerShard()
    {
        // Example 13: 4 shards, resharded to 5 at 60 s. The bars stand right of the icon,
        // 6 px wide every 7.5 px: one per shard, nothing after the last.
        MainWindow window(MainWindow::Interaction::NoDialogs);
        const core::Topology t = example("13-sharding");
        window.document()->reset(t);
        SimulationController* c = window.liveView()->controller();
        const QRectF area = besideIcon(window, "db");
        const QRectF icon = style::iconRect().translated(
            window.scene()->nodeItem(core::NodeId{"db"})->pos() - area.topLeft());
        const auto bars = [&] {
            const QImage with = drawn(window, area, true), without = drawn(window, area, false);
            const int y = static_cast<int>(icon.center().y());
            int count = 0;
            for (int s = 0; s < 8; ++s) {
                const int x = static_cast<int>(icon.right() + 4 + s * 7.5 + 3);
                const bool bar = with.pixel(x, y) != without.pixel(x, y);
                // Bars are consecutive from the icon on.
                if (bar && count != s)
                    return -1;
                count += bar ? 1 : 0;
                // Between two bars the layer paints nothing.
                const int gap = static_cast<int>(icon.right() + 4 + s * 7.5 + 6.7);
                if (with.pixel(gap, y) != without.pixel(gap, y))
                    return -2;
            }
            return count;
        };
        const std::size_t db = indexOf(t, "db");
        QVERIFY(c->advanceTo(30.0));
        QCOMPARE(c->snapshot().nodes[db].shardUtilization.size(), std::size_t{4});
        QCOMPARE(bars(), 4);
        QVERIFY(c->advanceTo(70.0));
        QCOMPARE(c->snapshot().nodes[db].shardUtilization.size(), std::size_t{5});
        QCOMPARE(bars(), 5);
        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty())
            drawn(window, area, true).save(shot + QStringLiteral("/live-shard-bars.png"));
        window.document()->markSaved();
    }

    void cdnHitsAndMissesLookDifferent()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        const core::Topology t = example("09-cdn");
        window.document()->reset(t);
        SimulationController* c = window.liveView()->controller();
        c->advanceTo(70.0);
        const std::size_t cdn = indexOf(t, "cdn");
        const auto& node = c->snapshot().nodes[cdn];
        QVERIFY(node.hits > node.misses); // most static requests hit at the edge
        QVERIFY(node.misses > 0);
        // Hits ride back from the edge flagged as hits; misses go on to the origin as static
        // requests (a link from the CDN).
        std::size_t hits = 0, missesToOrigin = 0;
        for (const auto& s : c->snapshot().inFlight) {
            const core::Link& l = t.links[s.link];
            if (s.hit && s.staticClass && l.to.str() == "cdn")
                ++hits;
            if (!s.response && s.staticClass && l.from.str() == "cdn")
                ++missesToOrigin;
        }
        qInfo("in flight: %zu hits coming back, %zu misses going to the origin", hits,
              missesToOrigin);
        QVERIFY(hits > 0);
        QVERIFY(missesToOrigin > 0);
        window.document()->markSaved();
    }
};

QTEST_MAIN(TestLiveStory)
#include "tst_live_story.moc"
