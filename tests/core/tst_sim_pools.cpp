// Pools and autoscaling against theory: a pool of N instances of c workers is one
// M/M/(N c) station (Erlang C); an autoscaled pool settles at ceil(λ / (capacity per
// instance x target)); after a traffic step it launches within evaluate_s and serves boot_s
// later; it drains after the cooldown when the load falls. The analyzer predicts the same
// size. Expected values come from the formulas here, never from earlier runs.
#include <cmath>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/Analysis.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

double erlangC(int c, double a)
{
    double term = 1, sum = 1; // a^k / k!
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / c * c / (c - a);
    return last / (sum + last);
}

double mmcResponseMs(int c, double lambdaPerS, double serviceMs)
{
    const double mu = 1000.0 / serviceMs;
    return (erlangC(c, lambdaPerS / mu) / (c * mu - lambdaPerS) + 1.0 / mu) * 1000.0;
}

Topology pool(ParamMap web, double rate, double durationS, std::uint64_t seed = 7)
{
    Topology t;
    t.simulation = {durationS, 20.0, seed};
    t.nodes = {makeNode("users", "client", {{"rate_rps", rate}, {"read_ratio", 1.0}}),
               makeNode("web", "web_server", std::move(web))};
    t.links = {makeLink("users", "web")};
    return t;
}

// Autoscaled web pool: 4 workers of 10 ms per instance = 400 req/s per instance.
ParamMap autoscaled(std::int64_t start)
{
    return {{"workers", std::int64_t{4}},
            {"service_ms", 10.0},
            {"instances", start},
            {"autoscale", true},
            {"min_instances", std::int64_t{1}},
            {"max_instances", std::int64_t{20}},
            {"evaluate_s", 30.0},
            {"boot_s", 30.0},
            {"cooldown_s", 60.0}};
}

const std::vector<double>& instancesSeries(const RunResults& r, const std::string& id)
{
    for (const auto& [node, values] : r.timeseries.instances)
        if (node == id)
            return values;
    qFatal("no instances series for %s", id.c_str());
}

std::vector<const EventRecord*> eventsOf(const RunResults& r, EventKind kind)
{
    std::vector<const EventRecord*> out;
    for (const auto& e : r.events)
        if (e.kind == kind)
            out.push_back(&e);
    return out;
}

} // namespace

class TestSimPools : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aPoolIsOneStationOfAllItsWorkers()
    {
        // 4 instances x 2 workers and 1 instance x 8 workers: the same station, bit for bit.
        const RunResults pooled = simulate(pool(
            {{"workers", std::int64_t{2}}, {"instances", std::int64_t{4}}, {"service_ms", 20.0}},
            300, 60));
        const RunResults single =
            simulate(pool({{"workers", std::int64_t{8}}, {"service_ms", 20.0}}, 300, 60));
        QCOMPARE(pooled.latency.mean, single.latency.mean);
        QCOMPARE(nodeOf(pooled, "web").utilization, nodeOf(single, "web").utilization);
        QCOMPARE(nodeOf(pooled, "web").instancesMean, 4.0);
        QCOMPARE(nodeOf(single, "web").instancesMean, 1.0);
        QVERIFY(pooled.timeseries.instances.empty()); // a fixed pool has no series
    }

    void poolResponseMatchesErlangC()
    {
        // M/M/8 at 75%: 4 instances x 2 workers, 20 ms, 300 req/s.
        const double expected = mmcResponseMs(8, 300, 20);
        double sum = 0;
        const int seeds = 6;
        for (int s = 0; s < seeds; ++s)
            sum += simulate(pool({{"workers", std::int64_t{2}},
                                  {"instances", std::int64_t{4}},
                                  {"service_ms", 20.0}},
                                 300, 400, 100 + s))
                       .latency.mean;
        const double mean = sum / seeds;
        qInfo("pool 4x2 at 300 req/s: simulated %.3f ms, Erlang C %.3f ms", mean, expected);
        QVERIFY(std::abs(mean - expected) / expected < 0.02);
    }

    void settlesAtCeilOfLoadOverTargetCapacity()
    {
        // 2040 req/s over 400 req/s per instance at a 60% target: 8.5 -> 9 instances.
        const double rate = 2040;
        const int expected = static_cast<int>(std::ceil(rate / (400 * 0.6)));
        QCOMPARE(expected, 9);
        const RunResults r = simulate(pool(autoscaled(1), rate, 900));
        const auto& series = instancesSeries(r, "web");
        QVERIFY(series.size() > 400);
        // The last 400 s: settled, no flapping.
        for (std::size_t i = series.size() - 400; i < series.size(); ++i)
            QCOMPARE(series[i], static_cast<double>(expected));
        QVERIFY(!eventsOf(r, EventKind::ScaledOut).empty());
        // At the settled size the pool runs just under its target.
        const double settledUtilization = rate * 0.010 / (expected * 4);
        qInfo("settled at %d instances, utilization %.3f (target 0.6)", expected,
              settledUtilization);
        QVERIFY(settledUtilization <= 0.6);

        // The analyzer predicts the same size.
        const Analysis a = analyze(pool(autoscaled(1), rate, 900));
        QCOMPARE(a.node(NodeId("web"))->instances, std::int64_t{expected});
    }

    void aStepLaunchesWithinEvaluateAndServesAfterBoot()
    {
        // 4 instances hold 900 req/s (ceil(900 / 240) = 4); at 300 s the rate doubles.
        Topology t = pool(autoscaled(4), 900, 600);
        t.scenario = {{300.0, ActionType::Set, NodeId("users"), "rate_rps", 1800.0, {}}};
        const RunResults r = simulate(t);
        const auto& series = instancesSeries(r, "web");
        const double interval = r.timeseries.intervalS;
        auto instancesAt = [&](double tS) {
            const auto i = static_cast<std::size_t>((tS - r.timeseries.tS.front()) / interval);
            return series.at(i);
        };
        QCOMPARE(instancesAt(290), 4.0);
        const auto outs = eventsOf(r, EventKind::ScaledOut);
        const EventRecord* first = nullptr;
        for (const EventRecord* e : outs)
            if (e->tS >= 300) {
                first = e;
                break;
            }
        QVERIFY(first);
        qInfo("step at 300 s: scaled_out at %.1f s (%s)", first->tS, first->detail.c_str());
        QVERIFY(first->tS <= 300 + 30); // within evaluate_s
        // Booting: not serving yet; boot_s later it serves.
        QCOMPARE(instancesAt(first->tS + 29), 4.0);
        QVERIFY(instancesAt(first->tS + 31) > 4.0);
        // Settles at ceil(1800 / 240) = 8 and latency is back near the M/M/c figure.
        QCOMPARE(series.back(), 8.0);
        QVERIFY(r.timeseries.p50Ms.back() < 2 * 10.0);
    }

    void drainsAfterTheCooldownWhenLoadFalls()
    {
        Topology t = pool(autoscaled(8), 1800, 600);
        t.scenario = {{200.0, ActionType::Set, NodeId("users"), "rate_rps", 450.0, {}}};
        const RunResults r = simulate(t);
        const auto ins = eventsOf(r, EventKind::ScaledIn);
        QVERIFY(!ins.empty());
        QVERIFY(ins.front()->tS > 200 && ins.front()->tS <= 200 + 30);
        // ceil(450 / 240) = 2 at the end; nothing failed while draining.
        QCOMPARE(instancesSeries(r, "web").back(), 2.0);
        QCOMPARE(r.failed, std::uint64_t{0});
        QVERIFY(nodeOf(r, "web").utilization <= 1.0);
        const double mean = nodeOf(r, "web").instancesMean;
        QVERIFY(mean > 2 && mean < 8);
    }

    void boundsAreChecked()
    {
        Topology t = pool({{"autoscale", true},
                           {"min_instances", std::int64_t{5}},
                           {"max_instances", std::int64_t{3}}},
                          100, 10);
        const Diagnostics d = validate(t);
        bool found = false;
        for (const auto& x : d)
            if (x.severity == Severity::Error && x.path == "/nodes/1/params/min_instances")
                found = x.message.find("must not exceed max_instances") != std::string::npos;
        QVERIFY(found);
    }
};

QTEST_APPLESS_MAIN(TestSimPools)
#include "tst_sim_pools.moc"
