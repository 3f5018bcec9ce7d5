// The planner's reasoning from capacity, without simulation: which knobs add capacity, what
// a refuted design rules out, and the bisection that finds each knob's floor against an
// oracle whose floors are known.
#include <algorithm>

#include <QTest>

#include "SimTestSupport.h"
#include "core/experiment/PlanPruning.h"
#include "core/experiment/SweepSpec.h"

using namespace scalelab::core;
using namespace scalelab::core::experiment;
using namespace scalelab::testsupport;

namespace {

Topology webAndCache()
{
    Topology t;
    t.name = "web and cache";
    t.nodes = {makeNode("users", "client", {{"rate_rps", 100.0}}),
               makeNode("web", "web_server", {{"workers", std::int64_t{4}}}),
               makeNode("cache", "cache", {{"workers", std::int64_t{2}}})};
    t.links = {makeLink("users", "web"), makeLink("web", "cache")};
    return t;
}

double valueAt(const SweepDesign& d, std::size_t point, std::size_t axis)
{
    return toNumber(d.axes()[axis].values[d.indices(point)[axis]]);
}

// Bisects with an oracle that refutes every design below (webFloor, cacheFloor); returns the
// probes it asked for.
std::vector<std::size_t> bisect(FloorProbe& probe, const SweepDesign& d, double webFloor,
                                double cacheFloor, std::size_t* batches)
{
    std::vector<std::size_t> asked;
    *batches = 0;
    for (auto points = probe.next(); !points.empty(); points = probe.next()) {
        ++*batches;
        for (std::size_t p : points) {
            asked.push_back(p);
            probe.record(p, valueAt(d, p, 0) < webFloor || valueAt(d, p, 1) < cacheFloor);
        }
    }
    return asked;
}

} // namespace

class TestPlanPruning : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void serversInstancesAndKeysAddCapacity()
    {
        Topology t = webAndCache();
        QVERIFY(addsCapacity(parseVary("web.workers=1:40", t, false), t));
        QVERIFY(addsCapacity(parseVary("cache.capacity_keys=100,1000", t, false), t));
        // 0 keys is "no LRU, hit_ratio": not less capacity than 100 keys.
        QVERIFY(!addsCapacity(parseVary("cache.capacity_keys=0,1000", t, false), t));
        QVERIFY(!addsCapacity(parseVary("web.service_ms=5,10", t, false), t));
        QVERIFY(!addsCapacity(parseVary("web.queue_limit=10,100", t, false), t));
        QVERIFY(!addsCapacity(parseVary("users.rate_rps=100,200", t, false), t));
    }

    void aRefutedDesignRulesOutLessOfEveryCapacityKnob()
    {
        Topology t = webAndCache();
        const SweepDesign d(t, {parseVary("web.workers=1:10", t, false),
                                parseVary("cache.workers=1:5", t, false),
                                parseVary("web.service_ms=5,10", t, false)});
        const auto point = [&](int web, int cache, double ms) {
            for (std::size_t p = 0; p < d.points(); ++p)
                if (valueAt(d, p, 0) == web && valueAt(d, p, 1) == cache && valueAt(d, p, 2) == ms)
                    return p;
            return d.points();
        };
        RefutedDesigns refuted(d);
        QVERIFY(refuted.empty());
        QVERIFY(!refuted.covers(point(1, 1, 5)));
        refuted.add(point(6, 3, 5));
        QVERIFY(refuted.covers(point(6, 3, 5)));
        QVERIFY(refuted.covers(point(1, 1, 5)));
        QVERIFY(refuted.covers(point(6, 1, 5)));
        QVERIFY(refuted.covers(point(2, 3, 5)));
        QVERIFY(!refuted.covers(point(7, 1, 5))); // more web workers
        QVERIFY(!refuted.covers(point(1, 4, 5))); // more cache workers
        // service_ms is no capacity: another value says nothing.
        QVERIFY(!refuted.covers(point(1, 1, 10)));
    }

    void aChoiceIsComparedByItsValue()
    {
        // A choice knob adds no capacity: a refuted design says nothing of another choice
        // (every choice's toNumber() is 0, so they must not be compared by number).
        Topology t = webAndCache();
        const SweepDesign d(t, {parseVary("web.workers=1:10", t, false),
                                parseVary("web.service_dist=constant,exponential", t, false)});
        RefutedDesigns refuted(d);
        refuted.add(5 * 2 + 0);          // 6 workers, constant
        QVERIFY(refuted.covers(0));      // 1 worker, constant
        QVERIFY(!refuted.covers(0 + 1)); // 1 worker, exponential
    }

    void aBoundOnAdmissionEndsTheCapacityReasoning()
    {
        Topology t = webAndCache();
        const auto design = [&](const Topology& base, const char* extra = nullptr) {
            std::vector<SweepAxis> axes{parseVary("web.workers=1:10", base, false)};
            if (extra)
                axes.push_back(parseVary(extra, base, false));
            return SweepDesign(base, std::move(axes));
        };
        QVERIFY(capacityNeverHurts(design(t)));
        QVERIFY(FloorProbe(design(t)).applies());
        // A queue limit behind the web tier: more web workers can push rejections there.
        Topology limited = t;
        limited.findNode(NodeId("cache"))->params["queue_limit"] = std::int64_t{5};
        QVERIFY(!capacityNeverHurts(design(limited)));
        QVERIFY(!FloorProbe(design(limited)).applies());
        // Varied to a bound, or to none.
        QVERIFY(!capacityNeverHurts(design(t, "cache.queue_limit=0,10")));
        QVERIFY(capacityNeverHurts(design(t, "cache.queue_limit=0")));
        // A message queue's capacity is such a bound too.
        Topology queued = t;
        queued.nodes.push_back(
            makeNode("jobs", "message_queue", {{"capacity", std::int64_t{100}}}));
        QVERIFY(!capacityNeverHurts(design(queued)));
    }

    void bisectionFindsEachFloorInLogarithmicallyManyProbes()
    {
        Topology t = webAndCache();
        // A list out of order: the bisection ranks values, not positions.
        const SweepDesign d(t, {parseVary("web.workers=1:40", t, false),
                                parseVary("cache.workers=9,3,1,30,12,7,5,20", t, false)});
        for (const auto& [webFloor, cacheFloor] :
             std::vector<std::pair<double, double>>{{23, 7}, {1, 1}, {40, 30}, {2, 29}}) {
            FloorProbe probe(d);
            QVERIFY(probe.applies());
            std::size_t batches = 0;
            const auto asked = bisect(probe, d, webFloor, cacheFloor, &batches);
            const std::vector<std::size_t> floors = probe.floors();
            QCOMPARE(floors.size(), std::size_t{2});
            // The smallest listed cache value at or above the oracle's floor.
            double cacheExpected = 30;
            for (const ParamValue& v : d.axes()[1].values)
                if (toNumber(v) >= cacheFloor)
                    cacheExpected = std::min(cacheExpected, toNumber(v));
            QCOMPARE(toNumber(d.axes()[0].values[floors[0]]), webFloor);
            QCOMPARE(toNumber(d.axes()[1].values[floors[1]]), cacheExpected);
            // The top first, then one probe per knob per batch: ceil(log2 40) = 6 and
            // ceil(log2 8) = 3 probes.
            QCOMPARE(valueAt(d, asked.front(), 0), 40.0);
            QCOMPARE(valueAt(d, asked.front(), 1), 30.0);
            QVERIFY2(asked.size() <= 1 + 6 + 3, qPrintable(QString::number(asked.size())));
            QVERIFY(batches <= 1 + 6);
            // Each probe lowers one knob only, the other at its largest value.
            for (std::size_t i = 1; i < asked.size(); ++i)
                QVERIFY(valueAt(d, asked[i], 0) == 40 || valueAt(d, asked[i], 1) == 30);
        }
    }

    void aRefutedTopEndsTheProbes()
    {
        Topology t = webAndCache();
        const SweepDesign d(t, {parseVary("web.workers=1:10", t, false)});
        FloorProbe probe(d);
        const auto first = probe.next();
        QCOMPARE(first.size(), std::size_t{1});
        QCOMPARE(valueAt(d, first[0], 0), 10.0);
        probe.record(first[0], true);
        QVERIFY(probe.topRefuted());
        QVERIFY(probe.next().empty());
        QVERIFY(probe.floors().empty());
    }

    void noProbesWhenAKnobIsNoCapacity()
    {
        Topology t = webAndCache();
        const SweepDesign d(t, {parseVary("web.workers=1:10", t, false),
                                parseVary("web.service_ms=5,10", t, false)});
        FloorProbe probe(d);
        QVERIFY(!probe.applies());
        QVERIFY(probe.next().empty());
    }
};

QTEST_APPLESS_MAIN(TestPlanPruning)
#include "tst_plan_pruning.moc"
