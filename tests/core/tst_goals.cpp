// Goals in the format: each comparison direction, a metric a run has no value for, unknown
// names and out-of-range targets, checked against hand-made run results.
#include <limits>
#include <tuple>

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include "core/goals/GoalCatalog.h"
#include "core/goals/GoalCheck.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/io/TopologyJson.h"
#include "core/sim/Results.h"

using namespace scalelab::core;
using nlohmann::json;

namespace {

// Round numbers so expectations are obvious.
sim::RunResults sampleResults()
{
    sim::RunResults r;
    r.durationS = 60;
    r.generated = 1000;
    r.completed = 990;
    r.failed = 10;
    r.byReason = {{"rejected", 4}, {"refused", 6}};
    r.throughputRps = 18.0;
    r.availability = 0.99;
    r.latency = {40, 30, 80, 100, 150, 300, 420};
    // Latency goals read latency_all_ms; here it is set as if every figure were known
    // (tst_sim_deadlines checks what a run gives when failures make them unknown).
    r.latencyAll = {40, 30, 80, 100, 150, 300, 420};
    r.read.count = 900;
    r.read.latency.p99 = 120;
    r.read.latencyAll.p99 = 120;
    r.write.count = 90;
    r.write.latency.p99 = 260;
    r.write.latencyAll.p99 = 260;
    for (const auto& [id, kind, u] :
         {std::tuple{"users", "client", 0.0}, std::tuple{"web", "web_server", 0.62},
          std::tuple{"db", "database", 0.81}}) {
        sim::NodeResults n;
        n.id = id;
        n.kind = kind;
        n.utilization = u;
        r.nodes.push_back(n);
    }
    r.lostWrites = 3;
    r.staleReads = 0;
    r.cost = {1.5, 1.5 * 730};
    return r;
}

GoalResult only(const std::vector<GoalResult>& results)
{
    if (results.size() != 1)
        qFatal("expected one goal result, got %d", int(results.size()));
    return results.front();
}

Topology withGoals(std::map<std::string, double> goals)
{
    Topology t;
    t.goals = std::move(goals);
    return t;
}

} // namespace

class TestGoals : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void upperBoundMetWhenAtOrBelow_data()
    {
        QTest::addColumn<QString>("goal");
        QTest::addColumn<double>("target");
        QTest::addColumn<double>("actual");
        QTest::addColumn<bool>("met");
        QTest::newRow("p99 above actual") << QStringLiteral("p99_ms") << 200.0 << 150.0 << true;
        QTest::newRow("p99 equal is met") << QStringLiteral("p99_ms") << 150.0 << 150.0 << true;
        QTest::newRow("p99 below actual") << QStringLiteral("p99_ms") << 149.9 << 150.0 << false;
        QTest::newRow("p50") << QStringLiteral("p50_ms") << 25.0 << 30.0 << false;
        QTest::newRow("p95") << QStringLiteral("p95_ms") << 100.0 << 100.0 << true;
        QTest::newRow("mean") << QStringLiteral("mean_ms") << 50.0 << 40.0 << true;
        QTest::newRow("max") << QStringLiteral("max_ms") << 400.0 << 420.0 << false;
        QTest::newRow("write p99") << QStringLiteral("write_p99_ms") << 250.0 << 260.0 << false;
        QTest::newRow("read p99") << QStringLiteral("read_p99_ms") << 250.0 << 120.0 << true;
        QTest::newRow("lost writes 0") << QStringLiteral("max_lost_writes") << 0.0 << 3.0 << false;
        QTest::newRow("lost writes 5") << QStringLiteral("max_lost_writes") << 5.0 << 3.0 << true;
        QTest::newRow("stale reads 0") << QStringLiteral("max_stale_reads") << 0.0 << 0.0 << true;
        QTest::newRow("busiest node") << QStringLiteral("max_utilization") << 0.7 << 0.81 << false;
        QTest::newRow("cost over budget")
            << QStringLiteral("max_cost_per_month") << 1000.0 << 1095.0 << false;
        QTest::newRow("cost within budget")
            << QStringLiteral("max_cost_per_month") << 1095.0 << 1095.0 << true;
    }
    void upperBoundMetWhenAtOrBelow()
    {
        QFETCH(QString, goal);
        QFETCH(double, target);
        QFETCH(double, actual);
        QFETCH(bool, met);
        const GoalResult r = only(checkGoals({{goal.toStdString(), target}}, sampleResults()));
        QCOMPARE(QString::fromStdString(r.name), goal);
        QCOMPARE(r.target, target);
        QVERIFY(r.actual.has_value());
        QCOMPARE(*r.actual, actual);
        QCOMPARE(r.met, met);
    }

    void lowerBoundMetWhenAtOrAbove_data()
    {
        QTest::addColumn<QString>("goal");
        QTest::addColumn<double>("target");
        QTest::addColumn<double>("actual");
        QTest::addColumn<bool>("met");
        QTest::newRow("availability below")
            << QStringLiteral("availability") << 0.98 << 0.99 << true;
        QTest::newRow("availability equal")
            << QStringLiteral("availability") << 0.99 << 0.99 << true;
        QTest::newRow("availability above")
            << QStringLiteral("availability") << 0.999 << 0.99 << false;
        QTest::newRow("throughput reached")
            << QStringLiteral("min_throughput_rps") << 10.0 << 18.0 << true;
        QTest::newRow("throughput short")
            << QStringLiteral("min_throughput_rps") << 10000.0 << 18.0 << false;
    }
    void lowerBoundMetWhenAtOrAbove()
    {
        QFETCH(QString, goal);
        QFETCH(double, target);
        QFETCH(double, actual);
        QFETCH(bool, met);
        const GoalResult r = only(checkGoals({{goal.toStdString(), target}}, sampleResults()));
        QVERIFY(r.actual.has_value());
        QCOMPARE(*r.actual, actual);
        QCOMPARE(r.met, met);
    }

    void errorRateComesFromCounts()
    {
        // 10 failed of 1000 finished = 0.01, independent of the rounded availability.
        sim::RunResults results = sampleResults();
        results.availability = 0.5;
        const GoalResult r = only(checkGoals({{"max_error_rate", 0.01}}, results));
        QVERIFY(r.actual.has_value());
        QCOMPARE(*r.actual, 0.01);
        QVERIFY(r.met);
        QVERIFY(!only(checkGoals({{"max_error_rate", 0.005}}, results)).met);
    }

    void unknownCostMeetsNoBudget()
    {
        // A document read back without `cost` (results from before cost existed) has no
        // price to hold to a budget.
        sim::RunResults r = sampleResults();
        r.cost = {};
        QVERIFY(!only(checkGoals({{"max_cost_per_month", 1e9}}, r)).met);
    }
    void nothingFinishedMeetsNoGoal()
    {
        // Every request still queued: no latency, no availability to meet a goal with.
        sim::RunResults results = sampleResults();
        results.completed = 0;
        results.failed = 0;
        results.read.count = 0;
        results.write.count = 0;
        results.latencyAll = {};
        results.read.latencyAll = {};
        results.write.latencyAll = {};
        const auto checked = checkGoals({{"availability", 0.5},
                                         {"p99_ms", 1000},
                                         {"read_p99_ms", 1000},
                                         {"mean_ms", 1000},
                                         {"max_error_rate", 0.5}},
                                        results);
        QCOMPARE(checked.size(), std::size_t(5));
        for (const auto& r : checked) {
            QVERIFY2(!r.actual.has_value(), r.name.c_str());
            QVERIFY2(!r.met, r.name.c_str());
        }
    }

    void notANumberIsMissed()
    {
        sim::RunResults results = sampleResults();
        results.latencyAll.p99 = std::numeric_limits<double>::quiet_NaN();
        const GoalResult r = only(checkGoals({{"p99_ms", 1000}}, results));
        QVERIFY(!r.met);
    }

    void unknownGoalIsMissedInTheCheck()
    {
        const GoalResult r = only(checkGoals({{"p99ms", 100}}, sampleResults()));
        QVERIFY(!r.actual.has_value());
        QVERIFY(!r.met);
    }

    void resultsInNameOrder()
    {
        const auto checked = checkGoals(
            {{"p99_ms", 200}, {"availability", 0.9}, {"max_lost_writes", 0}}, sampleResults());
        QCOMPARE(checked.size(), std::size_t(3));
        QCOMPARE(checked[0].name, std::string("availability"));
        QCOMPARE(checked[1].name, std::string("max_lost_writes"));
        QCOMPARE(checked[2].name, std::string("p99_ms"));
    }

    void jsonShape()
    {
        const auto checked = checkGoals(
            {{"p99_ms", 200}, {"max_stale_reads", 0}, {"max_lost_writes", 0}, {"bogus", 1}},
            sampleResults());
        QCOMPARE(checked.size(), std::size_t(4));
        const json goals = goalsToJson(checked);
        QVERIFY(goals.is_array());
        QCOMPARE(goals.size(), std::size_t(4));
        std::map<std::string, json> byName;
        for (const auto& g : goals) {
            for (const char* key : {"name", "target", "actual", "met"})
                QVERIFY2(g.contains(key), key);
            byName[g.at("name").get<std::string>()] = g;
        }
        QCOMPARE(byName.at("p99_ms").at("actual").get<double>(), 150.0);
        QCOMPARE(byName.at("p99_ms").at("target").get<double>(), 200.0);
        QCOMPARE(byName.at("p99_ms").at("met").get<bool>(), true);
        QCOMPARE(byName.at("p99_ms").at("bound").get<std::string>(), std::string("upper"));
        QCOMPARE(byName.at("max_lost_writes").at("met").get<bool>(), false);
        QVERIFY(byName.at("bogus").at("actual").is_null());
        QCOMPARE(byName.at("bogus").at("met").get<bool>(), false);
        QVERIFY(!byName.at("bogus").contains("bound"));
    }

    void resultsDocumentCarriesGoalsOnlyWhenSet()
    {
        const auto plain = resultsWithGoals(sampleResults(), Topology{});
        QVERIFY(!plain.contains("goals"));
        Topology t = withGoals({{"p99_ms", 100}});
        const auto doc = resultsWithGoals(sampleResults(), t);
        QVERIFY(doc.contains("goals"));
        QCOMPARE(doc["goals"][0]["met"].get<bool>(), false);
        QCOMPARE(doc["goals"][0]["actual"].get<double>(), 150.0);
    }

    void validateFlagsUnknownWithSuggestion()
    {
        const Diagnostics d = validateGoals(withGoals({{"p99ms", 100}, {"p95_ms", 80}}));
        QCOMPARE(d.size(), std::size_t(1));
        QVERIFY(d[0].severity == Severity::Error);
        QCOMPARE(d[0].path, std::string("/goals/p99ms"));
        QVERIFY2(d[0].message.find("unknown goal 'p99ms'") != std::string::npos,
                 d[0].message.c_str());
        QVERIFY2(d[0].message.find("did you mean 'p99_ms'") != std::string::npos,
                 d[0].message.c_str());
        // Nothing close: no suggestion, still an error.
        const Diagnostics far = validateGoals(withGoals({{"happiness", 1}}));
        QCOMPARE(far.size(), std::size_t(1));
        QVERIFY(far[0].message.find("did you mean") == std::string::npos);
    }

    void validateFlagsOutOfRangeTargets()
    {
        const Diagnostics d = validateGoals(
            withGoals({{"availability", 99.9}, {"p99_ms", -5}, {"max_error_rate", 0.01}}));
        QCOMPARE(d.size(), std::size_t(2));
        QCOMPARE(d[0].path, std::string("/goals/availability"));
        QVERIFY2(d[0].message.find("between 0 and 1, got 99.9") != std::string::npos,
                 d[0].message.c_str());
        QCOMPARE(d[1].path, std::string("/goals/p99_ms"));
        QVERIFY2(d[1].message.find(">= 0, got -5") != std::string::npos, d[1].message.c_str());
    }

    void goalsRoundTripThroughTheFile()
    {
        const LoadResult loaded = loadTopology(R"({"format": "scalelab/1", "name": "g",
            "nodes": [], "links": [], "goals": {"p99_ms": 250, "availability": 0.999}})");
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.topology->goals.at("p99_ms"), 250.0);
        QVERIFY(validateGoals(*loaded.topology).empty());
        const LoadResult again = loadTopology(saveTopology(*loaded.topology));
        QVERIFY(again.ok());
        QCOMPARE(again.topology->goals, loaded.topology->goals);
    }

    void everyCatalogGoalReadsTheSample()
    {
        // Each known goal must find its metric in a complete results document.
        for (const auto& spec : GoalCatalog::instance().goals()) {
            QVERIFY2(spec.extract != nullptr, spec.name.c_str());
            QVERIFY2(spec.extract(sampleResults()).has_value(), spec.name.c_str());
            QVERIFY2(spec.min <= spec.max, spec.name.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestGoals)
#include "tst_goals.moc"
