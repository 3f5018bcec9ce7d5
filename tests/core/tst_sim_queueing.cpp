// Simulated numbers against queueing theory: M/M/1 and M/M/c (Erlang C), an open Jackson
// network, utilizations, the LRU hit ratio against Che's approximation, stale reads.
// Expected values come from the formulas here, never from earlier runs. Each figure is the
// mean of independent seeds; runs are sized so the 2% tolerance is >= 4 standard errors.
#include <cmath>
#include <functional>
#include <vector>

#include <QTest>

#include "SimTestSupport.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

/// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ.
double erlangC(int c, double a)
{
    double term = 1, sum = 1; // a^k / k!
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / c * c / (c - a); // a^c / c! * c / (c - a)
    return last / (sum + last);
}

/// Mean response (wait + service) of an M/M/c queue, in ms.
double mmcResponseMs(int c, double lambdaPerS, double serviceMs)
{
    const double mu = 1000.0 / serviceMs;
    const double a = lambdaPerS / mu;
    return (erlangC(c, a) / (c * mu - lambdaPerS) + 1.0 / mu) * 1000.0;
}

struct Estimate {
    double mean = 0;
    double stdError = 0;
};

/// Mean and standard error of a figure over independent seeds.
Estimate overSeeds(int seeds, const std::function<double(std::uint64_t)>& run)
{
    std::vector<double> v;
    for (int s = 0; s < seeds; ++s)
        v.push_back(run(1000 + static_cast<std::uint64_t>(s) * 7919));
    double mean = 0;
    for (double x : v)
        mean += x;
    mean /= seeds;
    double var = 0;
    for (double x : v)
        var += (x - mean) * (x - mean);
    var /= (seeds - 1);
    return {mean, std::sqrt(var / seeds)};
}

void report(const char* what, const Estimate& e, double expected)
{
    qInfo("%s: simulated %.4f ± %.4f (95%% CI %.4f..%.4f), theory %.4f, error %+.2f%%", what,
          e.mean, 1.96 * e.stdError, e.mean - 1.96 * e.stdError, e.mean + 1.96 * e.stdError,
          expected, 100.0 * (e.mean - expected) / expected);
}

Topology mmc(int c, double lambda, double serviceMs, double durationS, std::uint64_t seed)
{
    Topology t;
    t.simulation = {durationS, 5.0, seed};
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", lambda}, {"read_ratio", 1.0}}),
        makeNode("web", "web_server", {{"workers", std::int64_t{c}}, {"service_ms", serviceMs}})};
    t.links = {makeLink("users", "web")};
    return t;
}

} // namespace

class TestSimQueueing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void erlangCFormulaSanity()
    {
        // Independent checks of the helper itself: c = 1 reduces to rho; a known table value.
        QVERIFY(std::abs(erlangC(1, 0.7) - 0.7) < 1e-12);
        QVERIFY(std::abs(erlangC(2, 1.0) - 1.0 / 3.0) < 1e-12);
    }

    void mmcMeanResponse_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("rho");
        QTest::addColumn<int>("seeds");
        QTest::addColumn<double>("requestsPerSeed");
        // At rho = 0.9 an M/M/1 mean has ~2% standard deviation per 1M requests (~443/n
        // relative variance): 8 x 2.5M requests give ~0.47%, so 2% is > 4 standard errors.
        QTest::newRow("M/M/1 rho=0.5") << 1 << 0.5 << 6 << 300000.0;
        QTest::newRow("M/M/1 rho=0.9") << 1 << 0.9 << 8 << 2500000.0;
        QTest::newRow("M/M/4 rho=0.5") << 4 << 0.5 << 6 << 300000.0;
        QTest::newRow("M/M/4 rho=0.9") << 4 << 0.9 << 8 << 1000000.0;
    }
    void mmcMeanResponse()
    {
        QFETCH(int, servers);
        QFETCH(double, rho);
        QFETCH(int, seeds);
        QFETCH(double, requestsPerSeed);
        const double serviceMs = 1.0;
        const double lambda = rho * servers * 1000.0 / serviceMs;
        const double duration = 5.0 + requestsPerSeed / lambda;
        double utilization = 0;
        const Estimate e = overSeeds(seeds, [&](std::uint64_t seed) {
            const RunResults r = simulate(mmc(servers, lambda, serviceMs, duration, seed));
            utilization += nodeOf(r, "web").utilization / seeds;
            return r.latency.mean;
        });
        const double expected = mmcResponseMs(servers, lambda, serviceMs);
        report(QTest::currentDataTag(), e, expected);
        QVERIFY(std::abs(e.mean - expected) < 0.02 * expected);
        qInfo("utilization %.5f, theory %.5f", utilization, rho);
        QVERIFY(std::abs(utilization - rho) < 0.01 * rho);
    }

    // The node's own figures: mean wait, mean queue length (Little: Lq = λ Wq).
    void mmcNodeFigures()
    {
        const int c = 2;
        const double lambda = 1400, serviceMs = 1.0; // rho = 0.7
        const Estimate wait = overSeeds(5, [&](std::uint64_t seed) {
            return nodeOf(simulate(mmc(c, lambda, serviceMs, 400, seed)), "web").meanWaitMs;
        });
        const double mu = 1000.0 / serviceMs;
        const double expectedWait = erlangC(c, lambda / mu) / (c * mu - lambda) * 1000.0;
        report("M/M/2 mean wait ms", wait, expectedWait);
        QVERIFY(std::abs(wait.mean - expectedWait) < 0.03 * expectedWait);
        const RunResults r = simulate(mmc(c, lambda, serviceMs, 400, 77));
        const NodeResults& web = nodeOf(r, "web");
        const double little = lambda * web.meanWaitMs / 1000.0;
        QVERIFY(std::abs(web.meanQueueLength - little) < 0.02 * little);
        QVERIFY(std::abs(web.meanResponseMs - web.meanWaitMs - serviceMs) < 0.01 * serviceMs);
    }

    // client -> random load balancer -> 3 web servers -> one database, with link latency:
    // a feed-forward Jackson network, so the end-to-end mean is the sum of the M/M/c
    // responses plus every link crossed twice.
    void jacksonNetworkEndToEnd()
    {
        const double lambda = 600;
        const int webWorkers = 2, dbConnections = 2;
        const double webMs = 4.0, dbMs = 2.5;
        const double lbMs = 5, webLinkMs = 0.5, dbLinkMs = 1.0;
        auto build = [&](std::uint64_t seed) {
            Topology t;
            t.simulation = {1005, 5, seed};
            t.nodes = {makeNode("users", "client", {{"rate_rps", lambda}, {"read_ratio", 1.0}}),
                       makeNode("lb", "load_balancer", {{"algorithm", std::string("random")}})};
            for (const char* w : {"web1", "web2", "web3"})
                t.nodes.push_back(
                    makeNode(w, "web_server",
                             {{"workers", std::int64_t{webWorkers}}, {"service_ms", webMs}}));
            t.nodes.push_back(
                makeNode("db", "database",
                         {{"connections", std::int64_t{dbConnections}}, {"read_ms", dbMs}}));
            t.links = {makeLink("users", "lb", lbMs)};
            for (const char* w : {"web1", "web2", "web3"}) {
                t.links.push_back(makeLink("lb", w, webLinkMs));
                t.links.push_back(makeLink(w, "db", dbLinkMs));
            }
            return t;
        };
        QVERIFY(!hasErrors(validate(build(1))));
        double webUtil = 0, dbUtil = 0;
        const int seeds = 4;
        const Estimate e = overSeeds(seeds, [&](std::uint64_t seed) {
            const RunResults r = simulate(build(seed));
            webUtil += nodeOf(r, "web2").utilization / seeds;
            dbUtil += nodeOf(r, "db").utilization / seeds;
            return r.latency.mean;
        });
        const double expected = mmcResponseMs(webWorkers, lambda / 3, webMs) +
                                mmcResponseMs(dbConnections, lambda, dbMs) +
                                2 * (lbMs + webLinkMs + dbLinkMs);
        report("Jackson end-to-end ms", e, expected);
        QVERIFY(std::abs(e.mean - expected) < 0.02 * expected);
        const double webRho = lambda / 3 * webMs / 1000 / webWorkers;
        const double dbRho = lambda * dbMs / 1000 / dbConnections;
        qInfo("utilization web %.4f (theory %.4f), db %.4f (theory %.4f)", webUtil, webRho, dbUtil,
              dbRho);
        QVERIFY(std::abs(webUtil - webRho) < 0.01 * webRho);
        QVERIFY(std::abs(dbUtil - dbRho) < 0.01 * dbRho);
    }

    // Che's approximation: the characteristic time T solves sum_i (1 - e^{-p_i T}) = C and
    // the hit ratio is sum_i p_i (1 - e^{-p_i T}), with Zipf popularities p_i.
    void lruHitRatioMatchesChe()
    {
        const int keys = 5000, capacity = 500;
        const double skew = 0.8;
        std::vector<double> p(keys);
        double norm = 0;
        for (int i = 0; i < keys; ++i)
            norm += p[i] = std::pow(i + 1.0, -skew);
        for (double& x : p)
            x /= norm;
        auto occupied = [&](double T) {
            double s = 0;
            for (double x : p)
                s += 1 - std::exp(-x * T);
            return s;
        };
        double lo = 0, hi = 1e9;
        for (int it = 0; it < 200; ++it) {
            const double mid = (lo + hi) / 2;
            (occupied(mid) < capacity ? lo : hi) = mid;
        }
        double che = 0;
        for (double x : p)
            che += x * (1 - std::exp(-x * lo));

        Topology t;
        t.simulation = {60, 10, 3};
        t.nodes = {
            makeNode("users", "client",
                     {{"rate_rps", 10000.0},
                      {"read_ratio", 1.0},
                      {"key_space", std::int64_t{keys}},
                      {"key_skew", skew}}),
            makeNode("web", "web_server", {{"workers", std::int64_t{64}}, {"service_ms", 0.01}}),
            makeNode("cache", "cache",
                     {{"workers", std::int64_t{64}},
                      {"service_ms", 0.01},
                      {"capacity_keys", std::int64_t{capacity}}}),
            makeNode("db", "database", {{"connections", std::int64_t{64}}, {"read_ms", 0.01}})};
        t.links = {makeLink("users", "web"), makeLink("web", "cache"), makeLink("web", "db")};
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        const double reads = static_cast<double>(nodeOf(r, "cache").arrivals);
        const double misses = static_cast<double>(nodeOf(r, "db").arrivals);
        const double hit = 1 - misses / reads;
        qInfo("LRU hit ratio %.4f, Che %.4f (%+.2f%%)", hit, che, 100 * (hit - che) / che);
        QVERIFY(std::abs(hit - che) < 0.03 * che);

        // A fixed hit ratio is what it says.
        t.nodes[2].params.erase("capacity_keys");
        t.nodes[2].params["hit_ratio"] = 0.7;
        const RunResults fixed = simulate(t);
        const double fixedHit = 1 - static_cast<double>(nodeOf(fixed, "db").arrivals) /
                                        static_cast<double>(nodeOf(fixed, "cache").arrivals);
        QVERIFY(std::abs(fixedHit - 0.7) < 0.005);
    }

    void staleReadsRiseWithLag()
    {
        auto staleAt = [](double lagMs) {
            Topology t;
            t.simulation = {40, 5, 12};
            t.nodes = {
                makeNode("users", "client",
                         {{"rate_rps", 2000.0},
                          {"read_ratio", 0.5},
                          {"key_space", std::int64_t{200}},
                          {"key_skew", 0.5}}),
                makeNode("web", "web_server", {{"workers", std::int64_t{64}}, {"service_ms", 0.1}}),
                makeNode("db", "database", {{"connections", std::int64_t{64}}}),
                makeNode("db-r1", "database",
                         {{"role", std::string("replica")}, {"connections", std::int64_t{64}}})};
            t.links = {makeLink("users", "web"), makeLink("web", "db", 0.5)};
            Link rep = makeLink("db", "db-r1");
            rep.kind = LinkKind::Replication;
            rep.params["lag_ms"] = lagMs;
            t.links.push_back(rep);
            const RunResults r = simulate(t);
            qInfo("lag %.0f ms: %llu stale reads of %llu reads", lagMs,
                  static_cast<unsigned long long>(r.staleReads),
                  static_cast<unsigned long long>(r.read.count));
            return r.staleReads;
        };
        QCOMPARE(staleAt(0), std::uint64_t{0});
        const auto s10 = staleAt(10), s50 = staleAt(50), s200 = staleAt(200);
        QVERIFY(s10 > 0);
        QVERIFY(s50 > s10);
        QVERIFY(s200 > s50);
    }
};

QTEST_APPLESS_MAIN(TestSimQueueing)
#include "tst_sim_queueing.moc"
