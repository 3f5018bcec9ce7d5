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

    // Client timeouts: the share of requests over the timeout and the mean of those answered
    // in time. One M/M/1 server: the response time is exponential with rate mu - lambda, so
    // P(T > tau) = e^{-(mu - lambda) tau} and E[T | T <= tau] = 1/r - tau e^{-r tau} /
    // (1 - e^{-r tau}) exactly (abandoned work is still served: the queue is unchanged).
    // M/M/4 and the path through a balancer and two tiers are fitted by a gamma of the same
    // two moments (approximate; the two tiers' deep tail far off, see their row).
    void timeouts_data()
    {
        QTest::addColumn<QString>("design");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("M/M/1 rho 0.8, timeout 10 ms (exact)") << "mm1" << 0.02;
        QTest::newRow("M/M/4 rho 0.9, timeout 5 ms") << "mm4" << 0.10;
        // Three tries at most never saturate (3 x 0.3 < 1): no retry storm can set in.
        QTest::newRow("M/M/1 rho 0.3, timeout 3 ms, 2 retries") << "retries" << 0.10;
        // A deep tail (0.9% of requests) over three stations: the gamma fit's tail is too
        // light and the share comes out about half the simulated one (-48%, documented in
        // docs/analysis.md); held to that, the answered mean to 10% (below).
        QTest::newRow("balancer, 2 web servers, database, timeout 12 ms") << "tiers" << 0.55;
    }
    void timeouts()
    {
        QFETCH(QString, design);
        QFETCH(double, tolerance);
        Topology t;
        double lambda = 800, timeoutMs = 10;
        if (design == "mm1") {
            t.nodes = {client(lambda), webServer("web", 1, 1.0)};
            t.links = {makeLink("users", "web")};
        } else if (design == "mm4") {
            lambda = 3600, timeoutMs = 5;
            t.nodes = {client(lambda), webServer("web", 4, 1.0)};
            t.links = {makeLink("users", "web")};
        } else if (design == "retries") {
            lambda = 300, timeoutMs = 3;
            t.nodes = {client(lambda), webServer("web", 1, 1.0)};
            t.nodes[0].params["retries"] = std::int64_t{2};
            t.nodes[0].params["retry_backoff_ms"] = 5.0;
            t.links = {makeLink("users", "web")};
        } else {
            lambda = 1000, timeoutMs = 12;
            t.nodes = {
                client(lambda, false, 0.9), makeNode("lb", "load_balancer"),
                webServer("web1", 2, 1.6), webServer("web2", 2, 1.6),
                makeNode("db", "database",
                         {{"connections", std::int64_t{2}}, {"read_ms", 1.0}, {"write_ms", 2.0}})};
            t.links = {makeLink("users", "lb"), makeLink("lb", "web1", 0.2),
                       makeLink("lb", "web2", 0.2), makeLink("web1", "db", 0.3),
                       makeLink("web2", "db", 0.3)};
        }
        t.nodes[0].params["timeout_ms"] = timeoutMs;
        QVERIFY(!hasErrors(validate(withRun(t, 10, 1))));
        const Analysis a = analyze(t);
        const double share = *a.node(NodeId{"users"})->timeoutFraction;
        const double mean = *a.endToEndMeanMs;
        QCOMPARE(*a.timeoutFraction, share);
        double simMean = 0, simTries = 0;
        // The two tiers' tail is estimated far outside any noise: a shorter run will do.
        const bool tiers = design == "tiers";
        const int seeds = tiers ? 4 : 6;
        const double requests = tiers ? 3e5 : 1.5e6;
        // Requests that failed (all their tries timed out: nothing else fails here).
        const Estimate simShare = overSeeds(seeds, [&](std::uint64_t seed) {
            const RunResults r = simulate(withRun(t, 5 + requests / lambda, seed));
            simMean += r.latency.mean / seeds;
            const auto finished = static_cast<double>(r.completed + r.failed);
            simTries += (1 + static_cast<double>(r.retries) / finished) / seeds;
            return static_cast<double>(r.failed) / finished;
        });
        if (design == "retries") {
            // Three tries: the share failing them all is small, the tries are the figure.
            // Known error (docs/analysis.md): a retry meets the wave of the other tries'
            // retries (RetryWave.h), but the mean field misses the small retry storms, so the
            // analysis counts 12% fewer (15% with the tries taken as independent: held to
            // 14%, that fails).
            checkAnalysis("tries per request, analysis vs simulation",
                          *a.node(NodeId{"users"})->triesPerRequest, simTries, 0.14);
            QVERIFY(*a.node(NodeId{"users"})->triesPerRequest > 1.1);
            checkAnalysis("answered mean, analysis vs simulation", mean, simMean, tolerance);
            return;
        }
        if (design == "mm1") {
            const double rate = (1000.0 - lambda) / 1000.0; // per ms
            const double over = std::exp(-rate * timeoutMs);
            const double answered = 1 / rate - timeoutMs * over / (1 - over);
            checkAnalysis("timeout share, analysis vs theory", share, over, 1e-6);
            checkAnalysis("answered mean, analysis vs theory", mean, answered, 1e-6);
            checkSim("timeout share, simulation vs theory", simShare, over, tolerance);
            checkAnalysis("answered mean, simulation vs theory", simMean, answered, tolerance);
        }
        checkEstimate("timeout share, analysis vs simulation", simShare, share, tolerance);
        if (tiers)
            QVERIFY2(share < simShare.mean, "the known error is an underestimate");
        checkAnalysis("answered mean, analysis vs simulation", mean, simMean,
                      tiers ? 0.10 : tolerance);
    }
};

QTEST_GUILESS_MAIN(TestTwoMomentFlows)
#include "tst_two_moment_flows.moc"
