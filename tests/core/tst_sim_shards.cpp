// Sharded databases: the key-to-shard map (how many keys a reshard moves under hash
// modulo and under consistent hashing), each shard as its own M/M/c station, and the hot
// shard of Zipf keys exactly where the analysis predicts it from the same map.
#include <cmath>
#include <cstdio>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/Analysis.h"
#include "core/analysis/ShardEstimate.h"
#include "core/model/ShardMap.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

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

/// users -> web -> db (reads only: one service time) with `shards` shards.
Topology sharded(double rate, std::int64_t shards, const char* method, double skew,
                 std::int64_t keys, double durationS, std::uint64_t seed)
{
    Topology t;
    t.simulation = {durationS, 5.0, seed};
    t.nodes = {
        makeNode(
            "users", "client",
            {{"rate_rps", rate}, {"read_ratio", 1.0}, {"key_space", keys}, {"key_skew", skew}}),
        makeNode("web", "web_server", {{"workers", std::int64_t{256}}, {"service_ms", 0.1}}),
        makeNode("db", "database",
                 {{"connections", std::int64_t{2}},
                  {"read_ms", 2.0},
                  {"shards", shards},
                  {"sharding", std::string(method)}})};
    t.links = {makeLink("users", "web"), makeLink("web", "db")};
    return t;
}

} // namespace

class TestSimShards : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void addingAShardMovesNOverNPlusOneUnderHash()
    {
        for (std::uint32_t n : {2u, 4u, 8u}) {
            const double moved = ShardMap::movedFraction(ShardMap(n, "hash", 100),
                                                         ShardMap(n + 1, "hash", 100), 100000);
            qInfo("hash %u -> %u: %.4f moved, N/(N+1) = %.4f", n, n + 1, moved, n / (n + 1.0));
            QVERIFY(std::abs(moved - n / (n + 1.0)) < 0.01);
        }
    }

    void addingAShardMovesAboutOneOverNPlusOneUnderConsistentHashing()
    {
        for (std::uint32_t n : {2u, 4u, 8u}) {
            const double moved = ShardMap::movedFraction(
                ShardMap(n, "consistent", 100), ShardMap(n + 1, "consistent", 100), 100000);
            qInfo("consistent %u -> %u: %.4f moved, 1/(N+1) = %.4f", n, n + 1, moved,
                  1 / (n + 1.0));
            // 100 points per shard: arcs vary by about 1/sqrt(100) = 10% of a share.
            QVERIFY(std::abs(moved - 1 / (n + 1.0)) < 0.3 / (n + 1.0));
            // Only keys of the new shard move: none between old shards.
            const ShardMap before(n, "consistent", 100), after(n + 1, "consistent", 100);
            for (std::uint64_t k = 1; k < 20000; ++k)
                QVERIFY(before.shardOf(k) == after.shardOf(k) || after.shardOf(k) == n);
        }
    }

    void uniformKeysSpreadEvenlyAndEachShardIsMMc()
    {
        // 4 shards x 2 connections x 2 ms; 1600 req/s of uniform keys: 400 each, rho 0.4.
        const RunResults r = simulate(sharded(1600, 4, "hash", 0.0, 100000, 305, 7));
        const auto& db = nodeOf(r, "db");
        QCOMPARE(db.shards.size(), std::size_t{4});
        const double mu = 500, lambda = 400;
        const double response = (erlangC(2, lambda / mu) / (2 * mu - lambda) + 1 / mu) * 1000;
        for (const auto& s : db.shards) {
            const double share = static_cast<double>(s.arrivals) / static_cast<double>(db.arrivals);
            qInfo("shard share %.4f util %.4f resp %.4f (theory %.4f)", share, s.utilization,
                  s.meanResponseMs, response);
            QVERIFY(std::abs(share - 0.25) < 0.01);
            QVERIFY(std::abs(s.utilization - 0.4) < 0.02);
            QVERIFY(std::abs(s.meanResponseMs - response) < 0.04 * response);
        }
        QVERIFY(std::abs(db.utilization - 0.4) < 0.01);
        QCOMPARE(r.failed, std::uint64_t{0});
    }

    void zipfKeysMakeTheHotShardTheAnalysisPredicts_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("hash") << QStringLiteral("hash");
        QTest::newRow("consistent") << QStringLiteral("consistent");
    }
    void zipfKeysMakeTheHotShardTheAnalysisPredicts()
    {
        QFETCH(QString, method);
        const Topology t = sharded(1200, 6, method.toLatin1().constData(), 1.3, 50000, 205, 3);
        const Analysis a = analyze(t);
        const NodeEstimate* db = a.node(NodeId("db"));
        QVERIFY(db && db->shards.size() == 6);
        // The prediction is the key-to-shard map applied to Zipf(1.3) itself.
        const auto shares = shardShares(ShardMap(6, method.toStdString(), 100), 50000, 1.3);
        std::size_t predictedHot = 0;
        for (std::size_t s = 0; s < 6; ++s) {
            QVERIFY(std::abs(db->shards[s].share - shares[s]) < 1e-12);
            if (shares[s] > shares[predictedHot])
                predictedHot = s;
        }
        const RunResults r = simulate(t);
        const auto& measured = nodeOf(r, "db").shards;
        std::size_t hot = 0;
        for (std::size_t s = 0; s < 6; ++s) {
            const double share = static_cast<double>(measured[s].arrivals) /
                                 static_cast<double>(nodeOf(r, "db").arrivals);
            qInfo("shard %zu: simulated %.4f, predicted %.4f", s, share, shares[s]);
            QVERIFY(std::abs(share - shares[s]) < 0.006);
            if (measured[s].arrivals > measured[hot].arrivals)
                hot = s;
        }
        QCOMPARE(hot, predictedHot);
        // Key 1, the celebrity (a quarter of all requests at this skew), makes its shard the
        // hot one; a finding names it and says why.
        QCOMPARE(static_cast<std::size_t>(ShardMap(6, method.toStdString(), 100).shardOf(1)),
                 predictedHot);
        bool named = false;
        for (const auto& f : a.findings)
            named = named || (f.node == NodeId("db") &&
                              f.text.find("Shard " + std::to_string(predictedHot) + " of 'db'") !=
                                  std::string::npos &&
                              f.text.find("celebrity") != std::string::npos && !f.remedy.empty());
        QVERIFY(named);
    }

    void setShardsReshardsAndSaysHowManyKeysMoved_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("hash") << QStringLiteral("hash");
        QTest::newRow("consistent") << QStringLiteral("consistent");
    }
    void setShardsReshardsAndSaysHowManyKeysMoved()
    {
        QFETCH(QString, method);
        Topology t = sharded(800, 4, method.toLatin1().constData(), 0.0, 20000, 60, 5);
        ScenarioAction set;
        set.atS = 30;
        set.action = ActionType::Set;
        set.node = NodeId("db");
        set.param = "shards";
        set.value = std::int64_t{5};
        t.scenario = {set};
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        const EventRecord* resharded = nullptr;
        for (const auto& e : r.events)
            if (e.kind == EventKind::Resharded)
                resharded = &e;
        QVERIFY(resharded);
        QCOMPARE(resharded->tS, 30.0);
        double percent = 0;
        QVERIFY(std::sscanf(resharded->detail.c_str(), "4 -> 5 shards (%*[a-z]): %lf%%",
                            &percent) == 1);
        const double expected = ShardMap::movedFraction(
            ShardMap(4, method.toStdString(), 100), ShardMap(5, method.toStdString(), 100), 20000);
        QVERIFY(std::abs(percent / 100 - expected) < 0.001);
        QVERIFY(method == QLatin1String("hash") ? percent > 75 : percent < 30);
        const auto& shards = nodeOf(r, "db").shards;
        QCOMPARE(shards.size(), std::size_t{5});
        QVERIFY(shards[4].arrivals > 0);
        QCOMPARE(r.failed, std::uint64_t{0});
    }

    void replicasAreShardedAlike()
    {
        Topology t = sharded(800, 3, "hash", 0.5, 10000, 30, 9);
        t.nodes.push_back(makeNode("db-r1", "database", {{"role", std::string("replica")}}));
        Link rep = makeLink("db", "db-r1");
        rep.kind = LinkKind::Replication;
        t.links.push_back(rep);
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        QCOMPARE(nodeOf(r, "db-r1").shards.size(), std::size_t{3});
        QVERIFY(nodeOf(r, "db-r1").arrivals > 0); // reads go to the replica
        const Analysis a = analyze(t);
        QCOMPARE(a.node(NodeId("db-r1"))->shards.size(), std::size_t{3});
    }
};

QTEST_APPLESS_MAIN(TestSimShards)
#include "tst_sim_shards.moc"
