// The planner against Erlang C: one client into one c-server queue (M/M/c) with a goal on
// the mean response time. The least c that meets it follows from the formula (computed
// here, independently of the analyzer); the planner must choose exactly it, prove it by
// simulation, and give the same answer on one thread or two.
#include <cmath>

#include <QTest>

#include "SimTestSupport.h"
#include "core/experiment/Planner.h"
#include "core/experiment/SweepSpec.h"

using namespace scalelab::core;
using namespace scalelab::core::experiment;
using namespace scalelab::testsupport;

namespace {

// Probability of waiting in M/M/c with offered load a (Erlang C), by the textbook sum.
double erlangC(int c, double a)
{
    double term = 1, sum = 1;
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / c * c / (c - a);
    return last / (sum + last);
}

double mmcResponseMs(int c, double lambda, double serviceMs)
{
    const double mu = 1000.0 / serviceMs;
    if (lambda >= c * mu)
        return INFINITY;
    return (erlangC(c, lambda / mu) / (c * mu - lambda) + 1.0 / mu) * 1000.0;
}

constexpr double kLambda = 900;   // req/s
constexpr double kServiceMs = 10; // offered load a = 9 erlangs
constexpr double kTargetMs = 13;  // mean response at most

Topology mmc()
{
    Topology t;
    t.name = "M/M/c";
    t.simulation = {40.0, 4.0, 11};
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", kLambda}, {"read_ratio", 1.0}}),
        makeNode("web", "web_server", {{"workers", std::int64_t{1}}, {"service_ms", kServiceMs}})};
    t.links = {makeLink("users", "web")};
    t.goals = {{"mean_ms", kTargetMs}};
    return t;
}

} // namespace

class TestPlanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void choosesTheErlangCMinimum()
    {
        int least = 0;
        for (int c = 1; c <= 30 && least == 0; ++c)
            if (mmcResponseMs(c, kLambda, kServiceMs) <= kTargetMs)
                least = c;
        qInfo("Erlang C: c=%d gives %.2f ms, c=%d gives %.2f ms (goal %.0f ms)", least - 1,
              mmcResponseMs(least - 1, kLambda, kServiceMs), least,
              mmcResponseMs(least, kLambda, kServiceMs), kTargetMs);
        QCOMPARE(least, 11);

        const Topology t = mmc();
        const SweepDesign design(t, {parseVary("web.workers=1:30", t, false)});
        PlanOptions options;
        options.threads = 2;
        const PlanResult plan = planDesign(design, options);
        QCOMPARE(plan.candidates, std::size_t{30});
        // c <= 9 saturates; the analytic search drops them without simulating.
        QVERIFY(plan.analyticFeasible <= 21);
        QVERIFY(plan.chosen.has_value());
        const PlanStep& chosen = plan.simulated[*plan.chosen];
        QCOMPARE(design.values(chosen.point)["web.workers"].get<int>(), least);
        // Proven: the simulated mean's whole interval is under the target.
        QCOMPARE(chosen.goals.size(), std::size_t{1});
        QVERIFY(chosen.goals[0].mean + chosen.goals[0].ci95 <= kTargetMs);
        // And near the formula (the run is short: a few percent).
        QVERIFY(std::abs(chosen.goals[0].mean - mmcResponseMs(least, kLambda, kServiceMs)) < 0.8);
        // Every candidate cheaper or leaner than the chosen one that was simulated failed.
        for (std::size_t i = 0; i < *plan.chosen; ++i)
            QVERIFY(!plan.simulated[i].proven);
    }

    void sameAnswerOnOneThreadOrTwo()
    {
        const Topology t = mmc();
        const SweepDesign design(t, {parseVary("web.workers=8:14", t, false)});
        PlanOptions one;
        one.threads = 1;
        PlanOptions two;
        two.threads = 2;
        QCOMPARE(planJson(planDesign(design, one), design, "mmc", one).dump(),
                 planJson(planDesign(design, two), design, "mmc", two).dump());
    }

    void aFileWithoutGoalsCannotBePlanned()
    {
        Topology t = mmc();
        t.goals.clear();
        const SweepDesign design(t, {parseVary("web.workers=8:14", t, false)});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planDesign(design, PlanOptions{}));
    }

    void cheapestFirstWhenPricesDiffer()
    {
        // Two ways to carry the load: more workers on one node, or a faster (pricier)
        // server. Prices make the slow-but-wide design the cheaper proven one.
        Topology t = mmc();
        t.findNode(NodeId("web"))->params["cost_per_hour"] = 1.0;
        const SweepDesign design(
            t, {parseVary("web.workers=9:12", t, false), parseVary("web.cost_per_hour=1,0.5", t)});
        PlanOptions options;
        options.threads = 2;
        const PlanResult plan = planDesign(design, options);
        QVERIFY(plan.chosen.has_value());
        const auto chosen = design.values(plan.simulated[*plan.chosen].point);
        QCOMPARE(chosen["web.cost_per_hour"].get<double>(), 0.5);
        QCOMPARE(chosen["web.workers"].get<int>(), 11);
        const auto doc = planJson(plan, design, "mmc", options);
        QCOMPARE(doc["format"].get<std::string>(), std::string("scalelab-plan/1"));
        QCOMPARE(doc["cost"]["per_month"].get<double>(), 0.5 * 730 + 0.0);
        QVERIFY(doc["goals"]["mean_ms"]["met"].get<bool>());
        QCOMPARE(doc["verified"]["replications"].get<int>(), 3);
    }
};

QTEST_APPLESS_MAIN(TestPlanner)
#include "tst_planner.moc"
