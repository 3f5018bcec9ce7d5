// The live view of the story's new pieces, in the real main window: an autoscaled pool's
// instance count moves on the node and in an Instances chart; a CDN's hits come back from
// the edge as their own dots while misses travel on to the origin.
#include <QtTest>

#include "GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/live/LiveView.h"
#include "gui/live/MetricsDock.h"
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

    void aFixedDesignHasNoInstancesChart()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(testsupport::sampleTopology());
        window.liveView()->controller()->advanceTo(5.0);
        window.liveView()->metricsDock()->refresh();
        QVERIFY(!window.liveView()->metricsDock()->instancesChartShown());
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
