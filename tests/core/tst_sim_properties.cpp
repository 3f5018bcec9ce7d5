// Property tests: hundreds of random valid topologies (random kinds, links, parameters
// within their ranges, random scenarios), each simulated briefly. Whatever the design,
// the engine must not crash or run away, must conserve requests, keep utilizations in
// [0, 1] and percentiles ordered, and repeat itself exactly for the same seed.
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

#include <random>

#include <QtTest>

using namespace scalelab::core;
using namespace scalelab::core::sim;

namespace {

class Generator {
public:
    explicit Generator(unsigned seed) : m_rng(seed) {}

    Topology make()
    {
        Topology t;
        t.name = "random";
        t.simulation = {uniform(3, 12), uniform(0, 1.5), static_cast<std::uint64_t>(pick(1000))};
        const bool withDns = coin();
        if (withDns)
            add(t, "dns", "dns", queueParams(t));
        const bool withLb = coin();
        const int webs = withLb ? 1 + pick(4) : 1;
        std::string entry = "web0";
        if (withLb) {
            ParamMap p = queueParams(t);
            p["algorithm"] = oneOf({"round_robin", "random", "least_connections", "weighted"});
            p["health_check_interval_s"] = uniform(0.2, 3);
            p["unhealthy_threshold"] = std::int64_t(1 + pick(3));
            p["healthy_threshold"] = std::int64_t(1 + pick(3));
            p["retry_on_failure"] = coin();
            p["service_ms"] = uniform(0, 0.5);
            add(t, "lb", "load_balancer", p);
            entry = "lb";
        }
        const bool withCache = coin();
        const bool withDb = coin() || withCache;
        const int replicas = withDb ? pick(3) : 0;
        for (int w = 0; w < webs; ++w) {
            ParamMap p = queueParams(t);
            p["concurrency_model"] = oneOf({"async", "blocking"});
            if (withLb)
                p["network"] = std::string("private");
            add(t, "web" + std::to_string(w), "web_server", p);
            if (withLb)
                link(t, "lb", "web" + std::to_string(w), {{"weight", uniform(0.5, 3)}});
            if (withCache)
                link(t, "web" + std::to_string(w), "cache");
            if (withDb)
                link(t, "web" + std::to_string(w), "db");
        }
        if (withCache) {
            ParamMap p = queueParams(t);
            if (coin())
                p["capacity_keys"] = std::int64_t(1 + pick(500));
            else
                p["hit_ratio"] = uniform(0, 1);
            add(t, "cache", "cache", p);
        }
        if (withDb) {
            ParamMap p = dbParams(t);
            p["role"] = std::string("master");
            p["failover"] = oneOf({"auto", "manual"});
            add(t, "db", "database", p);
            for (int r = 0; r < replicas; ++r) {
                ParamMap rp = dbParams(t);
                rp["role"] = std::string("replica");
                add(t, "db-r" + std::to_string(r), "database", rp);
                t.links.push_back({NodeId{"db"}, NodeId{"db-r" + std::to_string(r)},
                                   LinkKind::Replication, {{"lag_ms", uniform(0, 200)}}});
            }
        }
        const int clients = 1 + pick(2);
        for (int c = 0; c < clients; ++c) {
            const std::string id = "users" + std::to_string(c);
            ParamMap p{{"rate_rps", uniform(5, 400)},
                       {"arrival", oneOf({"poisson", "constant"})},
                       {"read_ratio", uniform(0, 1)},
                       {"key_space", std::int64_t(1 + pick(2000))},
                       {"key_skew", uniform(0, 1.5)},
                       {"dns_lookup_ratio", uniform(0, 1)}};
            if (coin())
                p["timeout_ms"] = uniform(5, 800);
            add(t, id, "client", p);
            link(t, id, entry);
            if (withDns)
                link(t, id, "dns");
        }
        const int steps = pick(4);
        for (int s = 0; s < steps; ++s) {
            const Node& n = t.nodes[static_cast<std::size_t>(pick(static_cast<int>(t.nodes.size())))];
            const double at = uniform(0, t.simulation.durationS);
            const int kind = pick(4);
            if (kind == 0)
                t.scenario.push_back({at, ActionType::Fail, n.id, {}, {}});
            else if (kind == 1)
                t.scenario.push_back({at, ActionType::Recover, n.id, {}, {}});
            else if (kind == 2 && n.is("client"))
                t.scenario.push_back({at, ActionType::Set, n.id, "rate_rps", uniform(1, 600)});
            else if (kind == 3 && n.is("database") && n.text("role") == "replica")
                t.scenario.push_back({at, ActionType::Promote, n.id, {}, {}});
        }
        return t;
    }

private:
    std::mt19937 m_rng;

    double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(m_rng); }
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    bool coin() { return pick(2) == 0; }
    std::string oneOf(std::initializer_list<const char*> options)
    {
        return *(options.begin() + pick(static_cast<int>(options.size())));
    }
    ParamMap queueParams(const Topology&)
    {
        ParamMap p{{"workers", std::int64_t(1 + pick(16))},
                   {"service_ms", uniform(0.05, 30)},
                   {"service_dist", oneOf({"exponential", "constant", "lognormal"})},
                   {"service_cv", uniform(0.1, 2)},
                   {"speed", uniform(0.5, 4)}};
        if (coin())
            p["queue_limit"] = std::int64_t(1 + pick(200));
        return p;
    }
    ParamMap dbParams(const Topology& t)
    {
        ParamMap p = queueParams(t);
        p.erase("service_ms");
        p.erase("workers");
        p["connections"] = std::int64_t(1 + pick(32));
        p["read_ms"] = uniform(0.1, 20);
        p["write_ms"] = uniform(0.1, 40);
        p["engine"] = oneOf({"relational", "nosql"});
        p["detect_s"] = uniform(0, 3);
        p["promote_s"] = uniform(0, 3);
        return p;
    }
    static void add(Topology& t, const std::string& id, const char* kind, ParamMap p)
    {
        t.nodes.push_back(Node{NodeId{id}, KindId{kind}, {}, {0, 0}, std::move(p)});
    }
    static void link(Topology& t, const std::string& a, const std::string& b, ParamMap p = {})
    {
        t.links.push_back({NodeId{a}, NodeId{b}, LinkKind::Request, std::move(p)});
    }
};

constexpr int kTopologies = 300;
constexpr std::uint64_t kEventCap = 20'000'000;

std::string comparable(const RunResults& r)
{
    RunResults copy = r;
    copy.engine = {}; // wall time differs between runs; everything else must not
    return resultsToJson(copy);
}
} // namespace

class TestSimProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomTopologiesHoldTheInvariants();
};

void TestSimProperties::randomTopologiesHoldTheInvariants()
{
    Generator gen(20261128);
    std::uint64_t totalRequests = 0;
    for (int i = 0; i < kTopologies; ++i) {
        const Topology t = gen.make();
        const QByteArray where = QByteArray("topology #") + QByteArray::number(i);
        const Diagnostics problems = validate(t);
        for (const auto& d : problems)
            QVERIFY2(d.severity != Severity::Error,
                     (where + ": generator made an invalid design: " + d.toString().c_str()).constData());
        SimulationOptions options;
        options.maxEvents = kEventCap;
        Simulation sim(t, options);
        sim.run();
        QVERIFY2(sim.finished(), where.constData());
        const Snapshot end = sim.snapshot();
        const RunResults r = sim.results();
        QVERIFY2(!r.engine.eventCapReached, (where + ": ran away").constData());

        // Conservation: every request generated is completed, failed, or still somewhere.
        QVERIFY2(end.generated >= end.completed + end.failed, where.constData());
        std::uint64_t somewhere = end.inFlightTotal;
        for (const auto& n : end.nodes)
            somewhere += n.queueLength + n.busy;
        const std::uint64_t open = end.generated - end.completed - end.failed;
        QVERIFY2(open <= somewhere,
                 (where + ": " + QByteArray::number(qulonglong(open)) + " requests open, only " +
                  QByteArray::number(qulonglong(somewhere)) + " anywhere").constData());

        for (const auto& n : r.nodes) {
            QVERIFY2(n.utilization >= 0 && n.utilization <= 1 + 1e-9,
                     (where + ": utilization of " + n.id.c_str()).constData());
            QVERIFY2(n.upFraction >= 0 && n.upFraction <= 1 + 1e-9, where.constData());
            QVERIFY2(n.meanQueueLength >= 0 && n.meanWaitMs >= 0, where.constData());
        }
        QVERIFY2(r.availability >= 0 && r.availability <= 1, where.constData());
        if (r.completed > 0) {
            const LatencySummary& l = r.latency;
            QVERIFY2(l.p50 <= l.p90 && l.p90 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.p999 &&
                         l.p999 <= l.max * (1 + 1e-9),
                     (where + ": percentiles out of order").constData());
            QVERIFY2(l.mean > 0 && l.mean <= l.max * (1 + 1e-9), where.constData());
        }
        totalRequests += r.generated;

        // Same file, same seed: the same results, bit for bit (a third of the designs,
        // to keep the suite quick).
        if (i % 3 == 0) {
            const RunResults again = simulate(t, options);
            QVERIFY2(comparable(again) == comparable(r), (where + ": not deterministic").constData());
        }
    }
    qInfo("%d random designs, %llu requests simulated", kTopologies,
          static_cast<unsigned long long>(totalRequests));
}

QTEST_APPLESS_MAIN(TestSimProperties)
#include "tst_sim_properties.moc"
