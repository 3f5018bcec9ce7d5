// The two-moment analysis (issue 16 item 2) on the classic cases: each small topology is
// analysed (`analyze`, the core API) and simulated; both are compared with the closed form
// where one exists (written out here independently of the analyzer), and with each other:
// within 2% where the theory is exact, within 10% where the analyzer approximates.
// Simulated figures are means over independent seeds, sized so that 1.96 standard errors
// stay well under the tolerance (checked, so a noisy run fails rather than passes by luck).
#include <cmath>
#include <functional>
#include <vector>

#include <QTest>

#include "TwoMomentSupport.h"
#include "core/analysis/Analysis.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

class TestTwoMomentAnalysis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theoryHelpersSanity()
    {
        // Poisson gaps in the GI/M/1 helper give M/M/1: Wq = rho S / (1 - rho).
        const double mm1 = giM1WaitMs([](double s) { return 700 / (700 + s); }, 1.0);
        QVERIFY(std::abs(mm1 - 0.7 / 0.3) < 1e-9);
        // Erlang-k tends to evenly spaced as k grows.
        QVERIFY(std::abs(ekm1WaitMs(2000, 700, 1.0) - dm1WaitMs(700, 1.0)) < 1e-3);
    }

    // Evenly spaced arrivals at one exponential server: GI/M/1 is exact.
    void constantArrivalsDm1()
    {
        const double lambda = 700, serviceMs = 1.0;
        Topology t;
        t.nodes = {client(lambda, true), webServer("web", 1, serviceMs)};
        t.links = {makeLink("users", "web")};
        QVERIFY(!hasErrors(validate(withRun(t, 10, 1))));
        const double theory = dm1WaitMs(lambda, serviceMs);
        const Analysis a = analyze(t);
        QCOMPARE(a.node(NodeId{"web"})->arrivalScv, 0.0);
        checkAnalysis("D/M/1 wait, analysis vs theory", a.node(NodeId{"web"})->meanWaitMs, theory,
                      1e-6);
        const Estimate sim = overSeeds(6, [&](std::uint64_t seed) {
            return nodeOf(simulate(withRun(t, 1005, seed)), "web").meanWaitMs;
        });
        checkSim("D/M/1 wait, simulation vs theory", sim, theory, 0.02);
    }

    // Poisson through a round-robin balancer to k single servers: each sees Erlang-k gaps.
    void roundRobinEkm1()
    {
        const int k = 3;
        const double lambda = 2100, serviceMs = 1.0; // 700/s each, rho 0.7
        Topology t;
        t.nodes = {client(lambda), makeNode("lb", "load_balancer")};
        t.links = {makeLink("users", "lb")};
        for (const char* id : {"web1", "web2", "web3"}) {
            t.nodes.push_back(webServer(id, 1, serviceMs));
            t.links.push_back(makeLink("lb", id));
        }
        QVERIFY(!hasErrors(validate(withRun(t, 10, 1))));
        const double theory = ekm1WaitMs(k, lambda / k, serviceMs);
        const Analysis a = analyze(t);
        QVERIFY(std::abs(a.node(NodeId{"web2"})->arrivalScv - 1.0 / k) < 1e-12);
        checkAnalysis("E3/M/1 wait, analysis vs theory", a.node(NodeId{"web2"})->meanWaitMs, theory,
                      1e-6);
        const Estimate sim = overSeeds(4, [&](std::uint64_t seed) {
            const RunResults r = simulate(withRun(t, 505, seed));
            return (nodeOf(r, "web1").meanWaitMs + nodeOf(r, "web2").meanWaitMs +
                    nodeOf(r, "web3").meanWaitMs) /
                   3;
        });
        checkSim("E3/M/1 wait, simulation vs theory", sim, theory, 0.02);
    }

    // Reads spread over replicas in turn: the web tier's departures are Poisson (Burke),
    // the read share of them too, so each of two single-connection replicas is E2/M/1.
    void replicasBehindRoundRobin()
    {
        const double lambda = 1000, readRatio = 0.9, readMs = 1.5; // 450/s each, rho 0.675
        Topology t;
        t.nodes = {client(lambda, false, readRatio), webServer("web", 8, 2.0),
                   makeNode("db", "database", {{"connections", std::int64_t{4}}}),
                   makeNode("r1", "database",
                            {{"role", std::string("replica")},
                             {"connections", std::int64_t{1}},
                             {"read_ms", readMs}}),
                   makeNode("r2", "database",
                            {{"role", std::string("replica")},
                             {"connections", std::int64_t{1}},
                             {"read_ms", readMs}})};
        Link rep1 = makeLink("db", "r1");
        rep1.kind = LinkKind::Replication;
        Link rep2 = makeLink("db", "r2");
        rep2.kind = LinkKind::Replication;
        t.links = {makeLink("users", "web"), makeLink("web", "db"), rep1, rep2};
        QVERIFY(!hasErrors(validate(withRun(t, 10, 1))));
        const double theory = ekm1WaitMs(2, lambda * readRatio / 2, readMs);
        const Analysis a = analyze(t);
        checkAnalysis("replica wait, analysis vs theory", a.node(NodeId{"r1"})->meanWaitMs, theory,
                      1e-6);
        const Estimate sim = overSeeds(8, [&](std::uint64_t seed) {
            const RunResults r = simulate(withRun(t, 805, seed));
            return (nodeOf(r, "r1").meanWaitMs + nodeOf(r, "r2").meanWaitMs) / 2;
        });
        checkSim("replica wait, simulation vs theory", sim, theory, 0.02);
        // The one-moment model (a random split, M/M/1) was 20-30% high here.
        qInfo("M/M/1 would say %.4f ms", mmcWaitMs(1, lambda * readRatio / 2, readMs));
    }

    // M/G/1: Pollaczek-Khinchine, exact; M/G/c: Allen-Cunneen, approximate.
    void lognormalServiceMgc_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("cv");
        QTest::addColumn<double>("tolerance");
        QTest::addColumn<int>("seeds");
        QTest::addColumn<double>("rho");
        QTest::newRow("M/G/1 cv 1.5 rho 0.5 (P-K, exact)") << 1 << 1.5 << 0.02 << 8 << 0.5;
        QTest::newRow("M/G/2 cv 2 rho 0.8") << 2 << 2.0 << 0.10 << 4 << 0.8;
        QTest::newRow("M/G/4 cv 2 rho 0.7") << 4 << 2.0 << 0.10 << 4 << 0.7;
        QTest::newRow("M/G/4 cv 2 rho 0.9") << 4 << 2.0 << 0.10 << 4 << 0.9;
        QTest::newRow("M/D/4 rho 0.7") << 4 << 0.0 << 0.10 << 4 << 0.7;
    }
    void lognormalServiceMgc()
    {
        QFETCH(int, servers);
        QFETCH(double, cv);
        QFETCH(double, tolerance);
        QFETCH(int, seeds);
        QFETCH(double, rho);
        const double serviceMs = 1.0;
        const double lambda = rho * servers * 1000.0 / serviceMs;
        Topology t;
        const std::string dist = cv > 0 ? "lognormal" : "constant";
        t.nodes = {client(lambda),
                   webServer("web", servers, serviceMs,
                             {{"service_dist", dist}, {"service_cv", std::max(cv, 0.1)}})};
        t.links = {makeLink("users", "web")};
        QVERIFY(!hasErrors(validate(withRun(t, 10, 1))));
        const double scv = cv * cv;
        const Analysis a = analyze(t);
        const double analysed = a.node(NodeId{"web"})->meanWaitMs;
        const Estimate sim = overSeeds(seeds, [&](std::uint64_t seed) {
            return nodeOf(simulate(withRun(t, 5 + 1.2e6 / lambda, seed)), "web").meanWaitMs;
        });
        if (servers == 1) {
            const double pk = rho * serviceMs * (1 + scv) / (2 * (1 - rho)); // P-K
            checkAnalysis("M/G/1 wait, analysis vs P-K", analysed, pk, 1e-9);
            checkSim("M/G/1 wait, simulation vs P-K", sim, pk, tolerance);
        }
        checkEstimate("wait, analysis vs simulation", sim, analysed, tolerance);
        qInfo("M/M/c would say %.4f ms", mmcWaitMs(servers, lambda, serviceMs));
    }
};

QTEST_GUILESS_MAIN(TestTwoMomentAnalysis)
#include "tst_two_moment_analysis.moc"
