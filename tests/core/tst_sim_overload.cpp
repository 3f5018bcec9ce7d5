// Honest figures under overload and at the edges (issue 20): requests still open at the end
// are counted, a run stopped by a cap says so, utilisation stays a fraction after a
// scenario lowers `workers`, a capacity set mid-run is an LRU over the clients' keys, and
// an absurdly slow server is slow rather than overflowing into an instant one.
#include <algorithm>
#include <cstddef>

#include <nlohmann/json.hpp>

#include <QTest>

#include "SimTestSupport.h"
#include "core/goals/GoalCheck.h"
#include "core/model/Topology.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

// users -> web, constant arrivals and service, so every count below is exact.
Topology oneServer(double rateRps, double serviceMs, std::int64_t workers, double durationS)
{
    Topology t;
    t.name = "one server";
    t.simulation = {durationS, 0.0, 3};
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", rateRps}, {"arrival", std::string("constant")}}),
        makeNode("web", "web_server",
                 {{"workers", workers},
                  {"service_ms", serviceMs},
                  {"service_dist", std::string("constant")}})};
    t.links = {makeLink("users", "web")};
    return t;
}

} // namespace

class TestSimOverload : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestsStillOpenAreCounted()
    {
        // 100 req/s into one worker of 1 s: about 1 in 100 is served, the rest wait.
        const RunResults r = simulate(oneServer(100, 1000, 1, 10));
        QCOMPARE(r.generated, std::uint64_t{1000});
        QCOMPARE(r.failed, std::uint64_t{0});
        // Served back to back from 0.01 s: the 10th ends at 10.01 s, after the run.
        QCOMPARE(r.completed, std::uint64_t{9});
        QCOMPARE(r.unfinished, r.generated - r.completed);
        const auto doc = nlohmann::json::parse(resultsToJson(r));
        QCOMPARE(doc["requests"]["unfinished"].get<std::uint64_t>(), std::uint64_t{991});
        QVERIFY(doc["warnings"].is_array());
    }

    void requestsOpenForHalfTheRunAreUnanswered()
    {
        // The same overload: of the 499 requests born before 5 s (0.01 s to 4.99 s) only
        // the 9 first were served; the 490 others waited at least half the run.
        const RunResults r = simulate(oneServer(100, 1000, 1, 10));
        QCOMPARE(r.overdue, std::uint64_t{490});
        QCOMPARE(r.availability, 9.0 / 499.0);
        // They rank after every completed request: the median of 499 is not known.
        QVERIFY(!r.latencyAll.p50);
        const auto goals = checkGoals({{"availability", 0.5}, {"max_error_rate", 0.5}}, r);
        QCOMPARE(goals.size(), std::size_t{2});
        QVERIFY(!goals[0].met && !goals[1].met);
        QCOMPARE(*goals[1].actual, 490.0 / 499.0);
        const auto doc = nlohmann::json::parse(resultsToJson(r));
        QCOMPARE(doc["requests"]["overdue"].get<std::uint64_t>(), std::uint64_t{490});

        // At half load (5 ms every 10 ms) nothing waits: none overdue, all available.
        const RunResults steady = simulate(oneServer(100, 5, 1, 10));
        QCOMPARE(steady.overdue, std::uint64_t{0});
        QCOMPARE(steady.availability, 1.0);
    }

    void nothingFinishedIsNoAvailability()
    {
        // Every request waits for a server busy for 100 s: none is answered.
        const RunResults r = simulate(oneServer(100, 100000, 1, 10));
        QCOMPARE(r.completed + r.failed, std::uint64_t{0});
        QCOMPARE(r.unfinished, std::uint64_t{1000});
        QCOMPARE(r.availability, 0.0);
    }

    void aRunStoppedByACapSaysSo()
    {
        SimulationOptions options;
        options.maxEvents = 5000;
        const RunResults r = simulate(oneServer(1000, 0.5, 1, 10), options);
        QVERIFY(r.engine.eventCapReached);
        QVERIFY(r.engine.simulatedS < 10.0);
        // First, and once; the intervals of so short a run may add warnings of their own.
        const auto stopped = [](const RunResults& run) {
            return std::count_if(run.warnings.begin(), run.warnings.end(), [](const auto& w) {
                return w.find("stopped early") != std::string::npos;
            });
        };
        QVERIFY(!r.warnings.empty());
        QVERIFY(r.warnings[0].find("stopped early") != std::string::npos);
        QCOMPARE(stopped(r), std::ptrdiff_t{1});
        const auto doc = nlohmann::json::parse(resultsToJson(r));
        QCOMPARE(doc["warnings"].size(), r.warnings.size());
        QVERIFY(doc["engine"]["simulated_s"].get<double>() < 10.0);

        const RunResults full = simulate(oneServer(1000, 0.5, 1, 2));
        QCOMPARE(stopped(full), std::ptrdiff_t{0});
        QCOMPARE(full.engine.simulatedS, 2.0);
    }

    void utilizationStaysAFractionWhenWorkersDrop()
    {
        // 8 workers busy with 1 s requests (8/s); at 2.5 s workers drop to 1. The 8 in
        // service finish (capacity 8 until they do), then 1 worker serves back to back.
        Topology t = oneServer(8, 1000, 8, 20);
        t.simulation.warmupS = 1.0; // the 8 workers fill up in the first second
        t.scenario.push_back({2.5, ActionType::Set, NodeId("web"), "workers", std::int64_t{1}, {}});
        const RunResults r = simulate(t);
        const NodeResults& web = nodeOf(r, "web");
        // After the first second every server that exists works all the time: 33
        // worker-seconds busy (12 before the drop, 4.5 while the 8 finish, 16.5 after)
        // over 33 that exist; counting only the new `workers` made it 33 / 29.5.
        QVERIFY2(qAbs(web.utilization - 1.0) < 1e-9, qPrintable(QString::number(web.utilization)));
    }

    void capacitySetMidRunIsAnLruOverTheKeys()
    {
        // Uniform keys over 10,000, an LRU of 1,200 set at 1 s: the hit ratio is 12%.
        Topology t;
        t.name = "lru set by the scenario";
        t.simulation = {30.0, 10.0, 5};
        t.nodes = {
            makeNode("users", "client",
                     {{"rate_rps", 2000.0},
                      {"read_ratio", 1.0},
                      {"key_space", std::int64_t{10000}},
                      {"key_skew", 0.0}}),
            makeNode("web", "web_server", {{"workers", std::int64_t{64}}, {"service_ms", 1.0}}),
            makeNode("cache", "cache", {{"workers", std::int64_t{64}}, {"hit_ratio", 0.0}}),
            makeNode("db", "database", {{"connections", std::int64_t{64}}})};
        t.links = {makeLink("users", "web"), makeLink("web", "cache"), makeLink("web", "db")};
        t.scenario.push_back(
            {1.0, ActionType::Set, NodeId("cache"), "capacity_keys", std::int64_t{1200}, {}});
        const RunResults r = simulate(t);
        const double cacheReads = static_cast<double>(nodeOf(r, "cache").arrivals);
        const double misses = static_cast<double>(nodeOf(r, "db").arrivals);
        const double hitRatio = 1.0 - misses / cacheReads;
        QVERIFY2(qAbs(hitRatio - 0.12) < 0.01, qPrintable(QString::number(hitRatio)));
    }

    void aLongRunKeepsABoundedTimeSeries()
    {
        // 1e6 s at 0.01 req/s: a point a second would be a million points.
        const RunResults r = simulate(oneServer(0.01, 1, 1, 1e6));
        const TimeSeries& ts = r.timeseries;
        // Halved at 10,000 points each time: 1 s, 2 s, ... 128 s covers 1e6 s in 7,812.
        QCOMPARE(ts.intervalS, 128.0);
        QCOMPARE(ts.tS.size(), std::size_t{7812});
        QCOMPARE(ts.throughputRps.size(), ts.tS.size());
        QCOMPARE(ts.tS[1] - ts.tS[0], 128.0);
        // The merged points still add up to the requests completed (the last interval
        // is open at the end and not in the series).
        double completed = 0;
        for (double rps : ts.throughputRps)
            completed += rps * ts.intervalS;
        QVERIFY2(qAbs(completed - static_cast<double>(r.completed)) <= 2.0,
                 qPrintable(QString::number(completed)));
    }

    void anAbsurdlySlowServerIsSlowNotInstant()
    {
        // speed 1e-12 makes 20 ms into 2e10 s (more nanoseconds than an int64 holds);
        // like 1e-9, it must never answer within the run.
        for (double speed : {1e-9, 1e-12}) {
            Topology t = oneServer(10, 20, 1, 10);
            t.nodes[1].params["speed"] = speed;
            const RunResults r = simulate(t);
            QCOMPARE(r.completed, std::uint64_t{0});
            QCOMPARE(r.unfinished, r.generated);
            // Busy from the first arrival (at 0.1 s) to the end.
            QCOMPARE(nodeOf(r, "web").utilization, 0.99);
        }
    }
};

QTEST_APPLESS_MAIN(TestSimOverload)
#include "tst_sim_overload.moc"
