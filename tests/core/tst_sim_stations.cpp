// One queue at a time against formulas: service distributions (Pollaczek-Khinchine for
// M/G/1), speed, queue_limit (M/M/1/K blocking probability), async vs blocking web
// servers, the database engine profile.
#include <cmath>

#include <QTest>

#include "SimTestSupport.h"
#include "core/model/KindRegistry.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

Topology single(double lambda, ParamMap web, double durationS, std::uint64_t seed)
{
    Topology t;
    t.simulation = {durationS, 5, seed};
    t.nodes = {makeNode("users", "client", {{"rate_rps", lambda}, {"read_ratio", 1.0}}),
               makeNode("web", "web_server", std::move(web))};
    t.links = {makeLink("users", "web")};
    return t;
}

/// Mean of a node figure over a few seeds.
template <typename F> double meanOver(int seeds, F&& f)
{
    double sum = 0;
    for (int s = 0; s < seeds; ++s)
        sum += f(static_cast<std::uint64_t>(500 + s));
    return sum / seeds;
}

} // namespace

class TestSimStations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Pollaczek-Khinchine: Wq = rho * E[S] * (1 + cv^2) / (2 (1 - rho)) for M/G/1.
    void pollaczekKhinchine_data()
    {
        QTest::addColumn<QString>("dist");
        QTest::addColumn<double>("cv");
        QTest::addColumn<double>("speed");
        QTest::newRow("M/D/1") << "constant" << 0.0 << 1.0;
        QTest::newRow("M/G/1 lognormal cv 0.5") << "lognormal" << 0.5 << 1.0;
        QTest::newRow("M/G/1 lognormal cv 1.5") << "lognormal" << 1.5 << 1.0;
        QTest::newRow("M/M/1 speed 2") << "exponential" << 1.0 << 2.0;
    }
    void pollaczekKhinchine()
    {
        QFETCH(QString, dist);
        QFETCH(double, cv);
        QFETCH(double, speed);
        const double serviceMs = speed; // 2 ms of work at speed 2 take 1 ms
        const double effectiveMs = serviceMs / speed;
        const double rho = 0.6;
        const double lambda = rho * 1000.0 / effectiveMs;
        const double wait = meanOver(4, [&](std::uint64_t seed) {
            const Topology t = single(lambda,
                                      {{"workers", std::int64_t{1}},
                                       {"service_ms", serviceMs},
                                       {"service_dist", dist.toStdString()},
                                       {"service_cv", cv},
                                       {"speed", speed}},
                                      5 + 600000 / lambda, seed);
            return nodeOf(simulate(t), "web").meanWaitMs;
        });
        const double expected = rho * effectiveMs * (1 + cv * cv) / (2 * (1 - rho));
        qInfo("%s: mean wait %.4f ms, Pollaczek-Khinchine %.4f ms (%+.2f%%)",
              QTest::currentDataTag(), wait, expected, 100 * (wait - expected) / expected);
        QVERIFY(std::abs(wait - expected) < 0.04 * expected);
    }

    // M/M/1/K with K = 1 + queue_limit: P(block) = (1 - rho) rho^K / (1 - rho^(K+1)).
    void queueLimitRejectsAsMM1K()
    {
        const double rho = 0.9;
        const int limit = 4, k = 1 + limit;
        double rejected = 0, arrivals = 0;
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const Topology t = single(rho * 1000,
                                      {{"workers", std::int64_t{1}},
                                       {"service_ms", 1.0},
                                       {"queue_limit", std::int64_t{limit}}},
                                      305, seed);
            const RunResults r = simulate(t);
            rejected += static_cast<double>(r.byReason.at("rejected"));
            arrivals += static_cast<double>(nodeOf(r, "web").arrivals);
            QCOMPARE(nodeOf(r, "web").rejected, r.byReason.at("rejected"));
        }
        const double expected = (1 - rho) * std::pow(rho, k) / (1 - std::pow(rho, k + 1));
        const double got = rejected / arrivals;
        qInfo("blocking probability %.5f, M/M/1/K %.5f", got, expected);
        QVERIFY(std::abs(got - expected) < 0.03 * expected);
    }

    // A blocking web server keeps its worker through the database call, so its
    // utilization counts the round trip; an async one only its own service.
    void blockingHoldsWorkersThroughDownstreamCalls()
    {
        const double lambda = 200, webMs = 1, dbMs = 10, linkMs = 0.5;
        auto run = [&](const char* model) {
            Topology t;
            t.simulation = {605, 5, 3};
            t.nodes = {makeNode("users", "client", {{"rate_rps", lambda}, {"read_ratio", 1.0}}),
                       makeNode("web", "web_server",
                                {{"workers", std::int64_t{8}},
                                 {"service_ms", webMs},
                                 {"service_dist", std::string("constant")},
                                 {"concurrency_model", std::string(model)}}),
                       makeNode("db", "database",
                                {{"connections", std::int64_t{64}},
                                 {"read_ms", dbMs},
                                 {"service_dist", std::string("constant")}})};
            t.links = {makeLink("users", "web"), makeLink("web", "db", linkMs)};
            return nodeOf(simulate(t), "web").utilization;
        };
        const double async = run("async"), blocking = run("blocking");
        const double expectedAsync = lambda * webMs / 1000 / 8;
        const double expectedBlocking = lambda * (webMs + 2 * linkMs + dbMs) / 1000 / 8;
        qInfo("utilization async %.4f (%.4f), blocking %.4f (%.4f)", async, expectedAsync, blocking,
              expectedBlocking);
        QVERIFY(std::abs(async - expectedAsync) < 0.02 * expectedAsync);
        QVERIFY(std::abs(blocking - expectedBlocking) < 0.02 * expectedBlocking);
    }

    void databaseEngineScalesServiceTimes()
    {
        for (const char* engine : {"relational", "nosql"}) {
            Topology t;
            t.simulation = {25, 5, 4};
            t.nodes = {makeNode("users", "client", {{"rate_rps", 100.0}, {"read_ratio", 0.5}}),
                       makeNode("web", "web_server", {{"workers", std::int64_t{64}}}),
                       makeNode("db", "database",
                                {{"connections", std::int64_t{64}},
                                 {"read_ms", 10.0},
                                 {"write_ms", 20.0},
                                 {"service_dist", std::string("constant")},
                                 {"engine", std::string(engine)}})};
            t.links = {makeLink("users", "web"), makeLink("web", "db")};
            const NodeResults db = nodeOf(simulate(t), "db");
            const EngineProfile p = engineProfile(engine);
            // No queueing with 64 connections at 100 req/s: response = the service time mix.
            const double expected = 0.5 * 10 * p.readFactor + 0.5 * 20 * p.writeFactor;
            QVERIFY2(std::abs(db.meanResponseMs - expected) < 0.05 * expected, engine);
            QCOMPARE(db.meanWaitMs, 0.0);
        }
    }

    // M/M/1 response times are exponential with rate mu - lambda, so a client timeout T
    // fails a fraction exp(-(mu - lambda) T) of the requests (the server does not notice).
    void timeoutsMatchTheResponseTail()
    {
        const double lambda = 500, mu = 1000, timeoutMs = 4;
        double timedOut = 0, finished = 0;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            Topology t =
                single(lambda, {{"workers", std::int64_t{1}}, {"service_ms", 1.0}}, 605, seed);
            t.nodes[0].params["timeout_ms"] = timeoutMs;
            const RunResults r = simulate(t);
            QCOMPARE(r.failed, r.byReason.at("timeout"));
            QVERIFY(r.latency.max <= timeoutMs); // nothing slower is ever counted as completed
            timedOut += static_cast<double>(r.byReason.at("timeout"));
            finished += static_cast<double>(r.completed + r.failed);
        }
        const double expected = std::exp(-(mu - lambda) * timeoutMs / 1000);
        const double got = timedOut / finished;
        qInfo("timed out %.4f, exp(-(mu-lambda)T) %.4f", got, expected);
        QVERIFY(std::abs(got - expected) < 0.03 * expected);
    }

    void dnsLookupRatioAndRoundTrip()
    {
        Topology t;
        t.simulation = {105, 5, 2};
        t.nodes = {makeNode("users", "client", {{"rate_rps", 400.0}, {"dns_lookup_ratio", 0.25}}),
                   makeNode("dns", "dns",
                            {{"service_ms", 1.0}, {"service_dist", std::string("constant")}}),
                   makeNode("web", "web_server",
                            {{"workers", std::int64_t{64}},
                             {"service_ms", 2.0},
                             {"service_dist", std::string("constant")}})};
        t.links = {makeLink("users", "dns", 10), makeLink("users", "web", 5)};
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        const double share =
            static_cast<double>(nodeOf(r, "dns").arrivals) / static_cast<double>(r.generated);
        QVERIFY(std::abs(share - 0.25) < 0.01);
        // Constant services and no queueing to speak of: HTTP 2*5+2, plus 2*10+1 for a lookup.
        const double expected = 12 + 0.25 * 21;
        QVERIFY(std::abs(r.latency.mean - expected) < 0.01 * expected);
        QVERIFY(std::abs(r.latency.p50 - 12) < 0.01 * 12);
        QVERIFY(std::abs(r.latency.max - 33) < 0.01 * 33);
    }

    void loadBalancerAlgorithmsSplitAsTheySay()
    {
        auto split = [](const char* algorithm, double slowMs) {
            Topology t;
            t.simulation = {65, 5, 6};
            t.nodes = {
                makeNode("users", "client", {{"rate_rps", 1000.0}}),
                makeNode("lb", "load_balancer", {{"algorithm", std::string(algorithm)}}),
                makeNode("a", "web_server", {{"workers", std::int64_t{4}}, {"service_ms", 1.0}}),
                makeNode("b", "web_server",
                         {{"workers", std::int64_t{4}}, {"service_ms", slowMs}})};
            Link la = makeLink("lb", "a"), lb = makeLink("lb", "b");
            lb.params["weight"] = 3.0;
            t.links = {makeLink("users", "lb"), la, lb};
            const RunResults r = simulate(t);
            const double a = static_cast<double>(nodeOf(r, "a").arrivals);
            const double b = static_cast<double>(nodeOf(r, "b").arrivals);
            return b / (a + b);
        };
        QVERIFY(std::abs(split("round_robin", 1.0) - 0.5) < 0.001);
        QVERIFY(std::abs(split("random", 1.0) - 0.5) < 0.01);
        QVERIFY(std::abs(split("weighted", 1.0) - 0.75) < 0.01); // weights 1 and 3
        // Least connections sends less to a backend that holds requests longer.
        QVERIFY(split("least_connections", 6.0) < 0.4);
    }
};

QTEST_APPLESS_MAIN(TestSimStations)
#include "tst_sim_stations.moc"
