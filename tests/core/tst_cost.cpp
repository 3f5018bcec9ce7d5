// Cost: every kind has a price, a design's cost is the sum over its nodes (times their
// instances; a run pays an autoscaled pool's mean size), a price sheet replaces the defaults but
// not a price set on a node, bad sheets are located errors, and the cost reaches analysis, results
// and the max_cost_per_month goal.
#include <nlohmann/json.hpp>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/Analysis.h"
#include "core/analysis/AnalysisJson.h"
#include "core/cost/Cost.h"
#include "core/cost/PriceSheet.h"
#include "core/goals/GoalCheck.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/model/KindRegistry.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using namespace scalelab::testsupport;

namespace {

Topology shop()
{
    Topology t;
    t.name = "shop";
    t.simulation = {5.0, 1.0, 3};
    t.nodes = {makeNode("users", "client", {{"rate_rps", 50.0}}), makeNode("web1", "web_server"),
               makeNode("web2", "web_server", {{"cost_per_hour", 0.5}}),
               makeNode("db", "database")};
    t.links = {makeLink("users", "web1"), makeLink("web1", "db")};
    return t;
}

double price(const char* kind)
{
    return std::get<double>(
        KindRegistry::instance().find(kind)->param("cost_per_hour")->defaultValue);
}

QString firstError(const char* json)
{
    const PriceSheetLoad loaded = loadPriceSheet(json);
    return loaded.diagnostics.empty()
               ? QString()
               : QString::fromStdString(loaded.diagnostics.front().toString());
}

} // namespace

class TestCost : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyKindHasAPrice()
    {
        for (const KindSpec& kind : KindRegistry::instance().kinds()) {
            const ParamSpec* p = kind.param("cost_per_hour");
            QVERIFY2(p, kind.id.c_str());
            QCOMPARE(p->unit, std::string("USD/h"));
            QVERIFY(p->help.find("illustrative") != std::string::npos);
        }
        QCOMPARE(price("client"), 0.0); // users are not infrastructure
        QVERIFY(price("database") > price("web_server"));
    }

    void designCostIsTheSumOfItsNodes()
    {
        const Cost cost = costOf(shop());
        const double perHour = price("web_server") + 0.5 + price("database");
        QCOMPARE(cost.perHour, perHour);
        QCOMPARE(cost.perMonth, perHour * 730);
        QCOMPARE(kHoursPerMonth, 730.0);
    }

    void aShardedDatabasePaysEveryShard()
    {
        Node db = makeNode("db", "database", {{"shards", std::int64_t{4}}});
        QCOMPARE(nodeCostPerHour(db), 4 * price("database"));
    }

    void aPoolPaysEveryInstance()
    {
        const Node web = makeNode("web", "web_server", {{"instances", std::int64_t{3}}});
        QCOMPARE(nodeCostPerHour(web), 3 * price("web_server"));
        // Before a run an autoscaled pool is priced at the size it starts with: inside its bounds.
        const Node scaled = makeNode("web", "web_server",
                                     {{"instances", std::int64_t{1}},
                                      {"autoscale", true},
                                      {"min_instances", std::int64_t{2}},
                                      {"max_instances", std::int64_t{5}}});
        QCOMPARE(startingInstances(scaled), 2.0);
        QCOMPARE(nodeCostPerHour(scaled), 2 * price("web_server"));
        // The edge kinds have illustrative prices like the rest.
        QVERIFY(price("cdn") > 0);
        QVERIFY(price("object_store") > 0);
    }

    void aRunPaysTheInstancesItServed()
    {
        // 4 workers x 10 ms = 400 req/s an instance; 600 req/s at a 60 % target wants 3,
        // so a pool that starts at 1 grows during the run.
        Topology t;
        t.simulation = {150.0, 20.0, 5};
        t.nodes = {makeNode("users", "client", {{"rate_rps", 600.0}, {"read_ratio", 1.0}}),
                   makeNode("web", "web_server",
                            {{"workers", std::int64_t{4}},
                             {"service_ms", 10.0},
                             {"instances", std::int64_t{1}},
                             {"autoscale", true},
                             {"evaluate_s", 10.0},
                             {"boot_s", 10.0}})};
        t.links = {makeLink("users", "web")};
        const scalelab::core::sim::RunResults scaled = scalelab::core::sim::simulate(t);
        const double mean = scaled.nodes[1].instancesMean;
        qInfo("autoscaled pool served %.3f instances on average", mean);
        QVERIFY(mean > 1.5); // it grew (and may overshoot while the early backlog drains)
        QCOMPARE(scaled.cost.perHour, price("web_server") * mean);
        QCOMPARE(scaled.cost.perMonth, scaled.cost.perHour * kHoursPerMonth);
        // A fixed pool is paid exactly its count.
        t.nodes[1].params["autoscale"] = false;
        t.nodes[1].params["instances"] = std::int64_t{3};
        const scalelab::core::sim::RunResults fixed = scalelab::core::sim::simulate(t);
        QCOMPARE(fixed.cost.perHour, 3 * price("web_server"));
        QCOMPARE(fixed.cost.perHour, costOf(t).perHour);
    }

    void aPriceSheetReplacesDefaultsNotNodePrices()
    {
        const PriceSheetLoad loaded = loadPriceSheet(R"({"format": "scalelab-prices/1",
            "name": "test list", "currency": "USD",
            "cost_per_hour": {"web_server": 0.2, "database": 1.25}})");
        QVERIFY(loaded.sheet.has_value());
        QCOMPARE(loaded.sheet->name, std::string("test list"));
        Topology t = shop();
        applyPrices(t, *loaded.sheet);
        QCOMPARE(t.findNode(NodeId("web1"))->number("cost_per_hour"), 0.2);
        QCOMPARE(t.findNode(NodeId("web2"))->number("cost_per_hour"), 0.5); // its own price
        QCOMPARE(costOf(t).perHour, 0.2 + 0.5 + 1.25);
    }

    void badSheetsAreLocatedErrors()
    {
        QVERIFY(firstError(R"({"cost_per_hour": {"web_srever": 1}})")
                    .contains(QLatin1String("/cost_per_hour/web_srever: unknown kind 'web_srever' "
                                            "(did you mean 'web_server'?)")));
        QVERIFY(firstError(R"({"cost_per_hour": {"database": -1}})")
                    .contains(QLatin1String("/cost_per_hour/database: must be a number >= 0")));
        QVERIFY(firstError(R"({"cost_per_hour": {"database": "cheap"}})")
                    .contains(QLatin1String("must be a number")));
        QVERIFY(firstError(R"({"format": "scalelab-prices/2", "cost_per_hour": {}})")
                    .contains(QLatin1String("/format")));
        QVERIFY(firstError(R"({"cost_per_hour": {}, "prices": {}})")
                    .contains(QLatin1String("unknown key 'prices'")));
        QVERIFY(
            firstError("{\"cost_per_hour\": {").contains(QLatin1String("syntax error at line 1")));
        QVERIFY(firstError("[]").contains(QLatin1String("JSON object")));
        QVERIFY(!loadPriceSheetFile("/no/such/prices.json").sheet.has_value());
    }

    void costReachesAnalysisResultsAndGoals()
    {
        Topology t = shop();
        const double perMonth = costOf(t).perMonth;
        const auto analysis = analysisToJson(analyze(t));
        QCOMPARE(analysis["cost"]["per_month"].get<double>(), perMonth);
        QCOMPARE(analysis["cost"]["per_hour"].get<double>(), costOf(t).perHour);

        t.goals = {{"max_cost_per_month", perMonth - 1}};
        const auto results = resultsWithGoals(scalelab::core::sim::simulate(t), t);
        QCOMPARE(results["cost"]["per_month"].get<double>(), perMonth);
        // Read back (as across-seed means are), the goal still has its figure.
        QCOMPARE(scalelab::core::sim::resultsFromDocument(nlohmann::json(results)).cost.perMonth,
                 perMonth);
        const auto& goal = results["goals"][0];
        QCOMPARE(goal["name"].get<std::string>(), std::string("max_cost_per_month"));
        QCOMPARE(goal["actual"].get<double>(), perMonth);
        QVERIFY(!goal["met"].get<bool>());
        t.goals = {{"max_cost_per_month", perMonth}};
        QVERIFY(checkGoals(t.goals, scalelab::core::sim::simulate(t))[0].met);
    }
};

QTEST_APPLESS_MAIN(TestCost)
#include "tst_cost.moc"
