// Per-key state has no hidden cap: stale reads over 1e8 keys against the exact formula for
// Poisson writes to uniform keys, a 6M-key LRU against Che's approximation (the analyzer's
// estimate), and the sparse last-write table keeping only what a replica may still lack.
#include <cmath>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/CacheHitEstimate.h"
#include "core/model/Topology.h"
#include "core/sim/LastWriteTable.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

class TestSimKeySpace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void staleReadsOverAHundredMillionKeys()
    {
        // 20,000 reads/s on the replica and 20,000 writes/s on the master over 1e8 equally
        // popular keys, 30 s of replication lag. Each key's writes are Poisson with rate
        // writes / keys (zero service times: the master commits the client's stream as is),
        // so a read is stale with probability 1 - exp(-writes lag / keys) = 0.6%.
        constexpr double kKeys = 1e8, kRate = 40000, kLagS = 30;
        Topology t;
        t.simulation = {95, 35, 17}; // the warm-up outlasts the lag: a full write history
        t.nodes = {
            makeNode("users", "client",
                     {{"rate_rps", kRate},
                      {"read_ratio", 0.5},
                      {"key_space", static_cast<std::int64_t>(kKeys)},
                      {"key_skew", 0.0}}),
            makeNode("web", "web_server", {{"service_ms", 0.0}}),
            makeNode("db", "database", {{"read_ms", 0.0}, {"write_ms", 0.0}}),
            makeNode("db-r1", "database", {{"role", std::string("replica")}, {"read_ms", 0.0}})};
        t.links = {makeLink("users", "web"), makeLink("web", "db")};
        Link rep = makeLink("db", "db-r1");
        rep.kind = LinkKind::Replication;
        rep.params["lag_ms"] = kLagS * 1000;
        t.links.push_back(rep);
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        QCOMPARE(r.failed, std::uint64_t{0});
        const double reads = static_cast<double>(nodeOf(r, "db-r1").completed);
        const double expected = reads * -std::expm1(-kRate * 0.5 * kLagS / kKeys);
        const double stale = static_cast<double>(r.staleReads);
        qInfo("%.0f stale reads of %.0f, theory %.0f (%+.2f%%)", stale, reads, expected,
              100 * (stale - expected) / expected);
        // About 7,200 stale reads: a standard error of 1.2%. A per-key table folded onto
        // 2^22 slots counted 22 times as many.
        QVERIFY(std::abs(stale - expected) < 0.05 * expected);
    }

    void sixMillionKeyLru()
    {
        // Che's approximation is accurate to a fraction of a percent for caches this large.
        // A cache that kept only 2^22 keys would hit 0.40 here instead of 0.50.
        constexpr std::int64_t kKeys = 20'000'000, kCapacity = 6'000'000;
        constexpr double kSkew = 0.6;
        const double che = lruHitRatio(kKeys, kSkew, kCapacity);
        QVERIFY(che > 0.49 && che < 0.51);
        Topology t;
        // The cache holds the 6M most recently used keys once 6M distinct keys have been
        // asked for (Che's characteristic time: 9M requests); 11M requests of warm-up,
        // then 4M measured. Zero service times: no event but the arrivals.
        t.simulation = {30, 22, 5};
        t.nodes = {makeNode("users", "client",
                            {{"rate_rps", 500000.0},
                             {"read_ratio", 1.0},
                             {"key_space", kKeys},
                             {"key_skew", kSkew}}),
                   makeNode("web", "web_server", {{"service_ms", 0.0}}),
                   makeNode("cache", "cache", {{"service_ms", 0.0}, {"capacity_keys", kCapacity}}),
                   makeNode("db", "database", {{"read_ms", 0.0}})};
        t.links = {makeLink("users", "web"), makeLink("web", "cache"), makeLink("web", "db")};
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        const double reads = static_cast<double>(nodeOf(r, "cache").arrivals);
        const double hit = 1 - static_cast<double>(nodeOf(r, "db").arrivals) / reads;
        qInfo("6M-key LRU over 2e7 keys: hit ratio %.4f over %.0f reads, Che %.4f", hit, reads,
              che);
        QVERIFY(reads > 3.9e6);
        QVERIFY(std::abs(hit - che) < 0.01);
    }

    void lastWriteTableKeepsOnlyUnappliedWrites()
    {
        LastWriteTable table;
        for (std::uint64_t seq = 1; seq <= 1000; ++seq)
            table.record(1'000'000'000 - seq, seq);
        table.record(7, 1001);
        table.record(7, 1002); // the latest write of a key wins
        QCOMPARE(table.lookup(7), std::uint64_t{1002});
        QCOMPARE(table.lookup(1'000'000'000 - 10), std::uint64_t{10});
        QCOMPARE(table.lookup(12345), std::uint64_t{0});
        table.prune(995); // every replica has applied writes 1..995
        QCOMPARE(table.size(), std::size_t{6});
        QCOMPARE(table.lookup(1'000'000'000 - 10), std::uint64_t{0});
        QCOMPARE(table.lookup(1'000'000'000 - 996), std::uint64_t{996});
        QCOMPARE(table.lookup(7), std::uint64_t{1002});
        QVERIFY(table.slots() <= 64);
    }
};

QTEST_GUILESS_MAIN(TestSimKeySpace)
#include "tst_sim_key_space.moc"
