// The two-moment analysis (issue 16 item 2) where flows are shaped by routing: least
// connections (join the shortest queue), an LRU cache whose keys writes invalidate, and
// client timeouts. Each small topology is analysed (`analyze`) and simulated over several
// seeds; the simulator is checked against the closed form where one exists (Che's LRU
// approximation with invalidation is itself approximate: only the analyzer is held to it).
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

class TestTwoMomentFlows : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Least connections over k single-worker servers: the analyzer pools them (M/M/k); no
    // closed form exists for JSQ, so the simulator is the reference.
    void leastConnections_data()
    {
        QTest::addColumn<int>("backends");
        QTest::addColumn<int>("workers");
        QTest::addColumn<double>("rho");
        QTest::newRow("3 x 1 worker, rho 0.9") << 3 << 1 << 0.9;
        QTest::newRow("2 x 1 worker, rho 0.5") << 2 << 1 << 0.5;
        QTest::newRow("2 x 1 worker, rho 0.9") << 2 << 1 << 0.9;
        QTest::newRow("2 x 4 workers, rho 0.5") << 2 << 4 << 0.5;
        QTest::newRow("2 x 4 workers, rho 0.9") << 2 << 4 << 0.9;
    }
    void leastConnections()
    {
        QFETCH(int, backends);
        QFETCH(int, workers);
        QFETCH(double, rho);
        const double serviceMs = 1.0;
        const double lambda = rho * backends * workers * 1000.0 / serviceMs;
        Topology t;
        t.nodes = {client(lambda), makeNode("lb", "load_balancer",
                                            {{"algorithm", std::string("least_connections")}})};
        t.links = {makeLink("users", "lb")};
        const char* ids[] = {"web1", "web2", "web3", "web4"};
        for (int b = 0; b < backends; ++b) {
            t.nodes.push_back(webServer(ids[b], workers, serviceMs));
            t.links.push_back(makeLink("lb", ids[b]));
        }
        QVERIFY(!hasErrors(validate(withRun(t, 10, 1))));
        const Analysis a = analyze(t);
        const Estimate wait = overSeeds(4, [&](std::uint64_t seed) {
            const RunResults r = simulate(withRun(t, 5 + 1e6 / lambda, seed));
            double sum = 0;
            for (int b = 0; b < backends; ++b)
                sum += nodeOf(r, ids[b]).meanWaitMs;
            return sum / backends;
        });
        checkEstimate("JSQ wait, analysis vs simulation", wait, a.node(NodeId{"web1"})->meanWaitMs,
                      0.10);
        qInfo("response: simulated %.4f, analysed %.4f, pooled M/M/c wait %.4f, split M/M/c "
              "wait %.4f",
              wait.mean + serviceMs, a.node(NodeId{"web1"})->meanResponseMs,
              mmcWaitMs(backends * workers, lambda, serviceMs),
              mmcWaitMs(workers, lambda / backends, serviceMs));
    }

    // An LRU whose keys writes invalidate (cache-aside): a key is cached when its last
    // request was a read within Che's characteristic time T (in requests), so with read
    // share f: sum_k f (1 - e^{-p_k T}) = C and hit = sum_k p_k f (1 - e^{-p_k T}).
    void lruWithWrites()
    {
        const int keys = 5000, capacity = 500;
        const double skew = 0.8, readRatio = 0.9;
        std::vector<double> p(keys);
        double norm = 0;
        for (int i = 0; i < keys; ++i)
            norm += p[i] = std::pow(i + 1.0, -skew);
        for (double& x : p)
            x /= norm;
        const auto che = [&](double f) {
            const auto occupied = [&](double T) {
                double s = 0;
                for (double x : p)
                    s += f * (1 - std::exp(-x * T));
                return s;
            };
            double lo = 0, hi = 1e9;
            for (int it = 0; it < 200; ++it) {
                const double mid = (lo + hi) / 2;
                (occupied(mid) < capacity ? lo : hi) = mid;
            }
            double hit = 0;
            for (double x : p)
                hit += x * f * (1 - std::exp(-x * lo));
            return hit;
        };
        Topology t;
        t.nodes = {
            makeNode("users", "client",
                     {{"rate_rps", 10000.0},
                      {"read_ratio", readRatio},
                      {"key_space", std::int64_t{keys}},
                      {"key_skew", skew}}),
            webServer("web", 64, 0.01),
            makeNode("cache", "cache",
                     {{"workers", std::int64_t{64}},
                      {"service_ms", 0.01},
                      {"capacity_keys", std::int64_t{capacity}}}),
            makeNode("db", "database",
                     {{"connections", std::int64_t{64}}, {"read_ms", 0.01}, {"write_ms", 0.01}})};
        t.links = {makeLink("users", "web"), makeLink("web", "cache"), makeLink("web", "db")};
        QVERIFY(!hasErrors(validate(withRun(t, 10, 1))));
        const double theory = che(readRatio);
        const double analysed = *analyze(t).node(NodeId{"cache"})->hitRatio;
        checkAnalysis("LRU hit with 10% writes, analysis vs Che with invalidation", analysed,
                      theory, 1e-3);
        const Estimate sim = overSeeds(4, [&](std::uint64_t seed) {
            const RunResults r = simulate(withRun(t, 35, seed));
            const double reads = static_cast<double>(nodeOf(r, "cache").arrivals);
            const double writes = static_cast<double>(nodeOf(r, "users").arrivals) - reads;
            const double misses = static_cast<double>(nodeOf(r, "db").arrivals) - writes;
            return 1 - misses / reads;
        });
        checkEstimate("LRU hit with 10% writes, analysis vs simulation", sim, analysed, 0.10);
        qInfo("read-only Che (writes ignored) would say %.4f", che(1.0));
        // Writes lower the hit ratio well below the read-only figure (by 6% here).
        QVERIFY(relErr(che(1.0), sim.mean) > 0.04);
    }
};

QTEST_GUILESS_MAIN(TestTwoMomentFlows)
#include "tst_two_moment_flows.moc"
