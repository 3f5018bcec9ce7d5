// Failures and failover (issue 4): every expectation is derived from the parameters —
// health-check detection within threshold x interval, promotion at fail + detect_s +
// promote_s, lost writes ~ write rate x lag (exactly 0 without lag), no errors before a
// failure nor after recovery, reads untouched by a master failure while replicas live.
#include <cmath>
#include <optional>

#include <QTest>

#include "SimTestSupport.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

Link replication(const char* from, const char* to, double lagMs)
{
    Link l = makeLink(from, to);
    l.kind = LinkKind::Replication;
    l.params["lag_ms"] = lagMs;
    return l;
}

ScenarioAction action(double atS, ActionType type, const char* node)
{
    ScenarioAction a;
    a.atS = atS;
    a.action = type;
    a.node = NodeId(node);
    return a;
}

std::optional<double> eventTime(const RunResults& r, const std::string& type,
                                const std::string& node)
{
    for (const auto& e : r.events)
        if (toString(e.kind) == type && (node.empty() || e.node == node))
            return e.tS;
    return std::nullopt;
}

/// Errors in the 1-second intervals that start in [from, to).
std::uint64_t errorsBetween(const RunResults& r, double from, double to)
{
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < r.timeseries.tS.size(); ++i)
        if (r.timeseries.tS[i] >= from - 1e-9 && r.timeseries.tS[i] < to - 1e-9)
            sum += r.timeseries.errors[i];
    return sum;
}

Topology balanced(bool retry)
{
    Topology t;
    t.simulation = {30, 0, 21};
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", 1000.0}, {"read_ratio", 1.0}}),
        makeNode("lb", "load_balancer",
                 {{"health_check_interval_s", 1.0},
                  {"unhealthy_threshold", std::int64_t{3}},
                  {"healthy_threshold", std::int64_t{2}},
                  {"retry_on_failure", retry}}),
        makeNode("web1", "web_server", {{"workers", std::int64_t{16}}, {"service_ms", 2.0}}),
        makeNode("web2", "web_server", {{"workers", std::int64_t{16}}, {"service_ms", 2.0}})};
    t.links = {makeLink("users", "lb", 1), makeLink("lb", "web1", 1), makeLink("lb", "web2", 1)};
    t.scenario = {action(10.25, ActionType::Fail, "web1"),
                  action(20.25, ActionType::Recover, "web1")};
    return t;
}

Topology replicated(double lag1Ms, double lag2Ms, std::uint64_t seed, const char* failover = "auto")
{
    Topology t;
    t.simulation = {40, 0, seed};
    t.nodes = {
        makeNode("users", "client",
                 {{"rate_rps", 2000.0}, {"read_ratio", 0.8}, {"key_space", std::int64_t{5000}}}),
        makeNode("web", "web_server", {{"workers", std::int64_t{64}}, {"service_ms", 1.0}}),
        makeNode("db", "database",
                 {{"connections", std::int64_t{32}},
                  {"detect_s", 3.0},
                  {"promote_s", 2.0},
                  {"failover", std::string(failover)}}),
        makeNode("db-r1", "database",
                 {{"role", std::string("replica")}, {"connections", std::int64_t{32}}}),
        makeNode("db-r2", "database",
                 {{"role", std::string("replica")}, {"connections", std::int64_t{32}}})};
    t.links = {makeLink("users", "web", 1), makeLink("web", "db", 0.5),
               replication("db", "db-r1", lag1Ms), replication("db", "db-r2", lag2Ms)};
    t.scenario = {action(20, ActionType::Fail, "db")};
    return t;
}

} // namespace

class TestSimFailover : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void topologiesAreValid()
    {
        QVERIFY(!hasErrors(validate(balanced(false))));
        QVERIFY(!hasErrors(validate(replicated(100, 100, 1))));
    }

    void healthChecksDetectAndReadmit()
    {
        const Topology t = balanced(false);
        const RunResults r = simulate(t);
        const double interval = 1, unhealthy = 3, healthy = 2, failAt = 10.25, recoverAt = 20.25;
        const auto down = eventTime(r, "backend_marked_down", "lb");
        const auto up = eventTime(r, "backend_marked_up", "lb");
        QVERIFY(down && up);
        qInfo("marked down %.3f s after the failure, up %.3f s after recovery", *down - failAt,
              *up - recoverAt);
        // Checks every interval: the threshold-th failed check after the failure.
        QVERIFY(*down - failAt > (unhealthy - 1) * interval);
        QVERIFY(*down - failAt <= unhealthy * interval + 1e-9);
        QVERIFY(*up - recoverAt > (healthy - 1) * interval);
        QVERIFY(*up - recoverAt <= healthy * interval + 1e-9);
        QVERIFY(eventTime(r, "node_failed", "web1").value() == failAt);
        // Round robin sends half the traffic to the dead backend until it is taken out.
        const double expected = 1000.0 / 2 * (*down - failAt);
        qInfo("failed %llu, expected about %.0f", static_cast<unsigned long long>(r.failed),
              expected);
        QVERIFY(std::abs(static_cast<double>(r.failed) - expected) < 0.15 * expected);
        QVERIFY(r.byReason.at("refused") + r.byReason.at("lost") == r.failed);
        QCOMPARE(errorsBetween(r, 0, 10), std::uint64_t{0});
        QCOMPARE(errorsBetween(r, 14, 30), std::uint64_t{0});
        QVERIFY(std::abs(nodeOf(r, "web1").upFraction - 20.0 / 30.0) < 1e-6);
    }

    void retryOnFailureHidesADeadBackend()
    {
        const RunResults r = simulate(balanced(true));
        QCOMPARE(r.failed, std::uint64_t{0});
        QVERIFY(nodeOf(r, "web1").refused > 1000); // they were refused, then retried on web2
    }

    void promotionAfterDetectAndPromote()
    {
        const RunResults r = simulate(replicated(400, 250, 5));
        const double failAt = 20, detect = 3, promote = 2;
        const auto started = eventTime(r, "failover_started", "");
        const auto promoted = eventTime(r, "replica_promoted", "");
        QVERIFY(started && promoted);
        QCOMPARE(*started, failAt + detect);
        QCOMPARE(*promoted, failAt + detect + promote);
        // The most up-to-date replica is the one with the shorter lag.
        QCOMPARE(r.events.back().node, std::string("db-r2"));
        QCOMPARE(nodeOf(r, "db-r2").role, std::string("master"));
        QCOMPARE(nodeOf(r, "db-r1").role, std::string("replica"));
        // Reads keep going to the replicas; writes fail from the failure to the promotion.
        QCOMPARE(r.read.failed, std::uint64_t{0});
        const double writesInGap = 2000 * 0.2 * (detect + promote);
        qInfo("failed writes %llu, expected about %.0f",
              static_cast<unsigned long long>(r.write.failed), writesInGap);
        QVERIFY(std::abs(static_cast<double>(r.write.failed) - writesInGap) < 0.1 * writesInGap);
        QCOMPARE(errorsBetween(r, 0, failAt), std::uint64_t{0});
        QCOMPARE(errorsBetween(r, failAt + detect + promote + 1, 40), std::uint64_t{0});
    }

    void lostWritesAreWriteRateTimesLag()
    {
        const double writeRate = 2000 * 0.2, lagS = 0.25;
        double sum = 0;
        const int seeds = 8;
        for (int s = 0; s < seeds; ++s)
            sum += static_cast<double>(simulate(replicated(400, lagS * 1000, 100 + s)).lostWrites);
        const double mean = sum / seeds;
        const double expected = writeRate * lagS;
        qInfo(
            "lost writes %.1f on average, expected %.1f (write rate x lag of the promoted replica)",
            mean, expected);
        QVERIFY(std::abs(mean - expected) < 0.15 * expected);
        QCOMPARE(simulate(replicated(0, 0, 3)).lostWrites, std::uint64_t{0});
    }

    void oldMasterRejoinsAsReplica()
    {
        Topology t = replicated(50, 50, 8);
        t.scenario.push_back(action(30, ActionType::Recover, "db"));
        const RunResults r = simulate(t);
        QCOMPARE(nodeOf(r, "db").role, std::string("replica"));
        QCOMPARE(nodeOf(r, "db-r1").role, std::string("master"));
        QVERIFY(eventTime(r, "node_recovered", "db").value() == 30);
        QCOMPARE(errorsBetween(r, 26, 40), std::uint64_t{0});
        QVERIFY(nodeOf(r, "db").arrivals > 0); // it serves reads again
    }

    void manualFailoverWaitsForPromote()
    {
        Topology t = replicated(50, 50, 9, "manual");
        RunResults r = simulate(t);
        QVERIFY(!eventTime(r, "failover_started", ""));
        QVERIFY(!eventTime(r, "replica_promoted", ""));
        QVERIFY(errorsBetween(r, 35, 40) > 0); // writes keep failing
        QCOMPARE(r.read.failed, std::uint64_t{0});

        t.scenario.push_back(action(30, ActionType::Promote, "db-r2"));
        r = simulate(t);
        QCOMPARE(eventTime(r, "replica_promoted", "db-r2").value(), 30 + 2.0);
        QCOMPARE(errorsBetween(r, 33, 40), std::uint64_t{0});
    }

    void masterBackBeforeDetectionCancelsFailover()
    {
        Topology t = replicated(50, 50, 10);
        t.scenario.push_back(action(21, ActionType::Recover, "db"));
        const RunResults r = simulate(t);
        QVERIFY(!eventTime(r, "replica_promoted", ""));
        QVERIFY(eventTime(r, "failover_cancelled", "db"));
        QCOMPARE(nodeOf(r, "db").role, std::string("master"));
        QCOMPARE(errorsBetween(r, 22, 40), std::uint64_t{0});
    }

    void replicaDownMovesReadsElsewhere()
    {
        Topology t = replicated(10, 10, 11);
        t.scenario = {action(10, ActionType::Fail, "db-r1"), action(15, ActionType::Fail, "db-r2"),
                      action(25, ActionType::Recover, "db-r1"),
                      action(25, ActionType::Recover, "db-r2")};
        const RunResults r = simulate(t);
        // Reads in flight at a dying replica are lost; every later read finds another node.
        const std::uint64_t lostAtReplicas = nodeOf(r, "db-r1").lost + nodeOf(r, "db-r2").lost;
        QCOMPARE(r.read.failed, lostAtReplicas);
        QCOMPARE(r.write.failed, std::uint64_t{0});
        QVERIFY(lostAtReplicas < 20);
        // With both replicas down, the master takes every read: 1600 reads/s for 10 s.
        const double masterReads = static_cast<double>(nodeOf(r, "db").arrivals) - 2000 * 0.2 * 40;
        QVERIFY(std::abs(masterReads - 1600 * 10) < 0.05 * 1600 * 10);
    }

    void dnsDownFailsLookups()
    {
        Topology t;
        t.simulation = {20, 0, 4};
        t.nodes = {makeNode("users", "client", {{"rate_rps", 500.0}, {"dns_lookup_ratio", 1.0}}),
                   makeNode("dns", "dns"), makeNode("web", "web_server")};
        t.links = {makeLink("users", "dns", 5), makeLink("users", "web", 5)};
        t.scenario = {action(5, ActionType::Fail, "dns"), action(10, ActionType::Recover, "dns")};
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        const double expected = 500 * 5;
        QVERIFY(std::abs(static_cast<double>(r.byReason.at("refused")) - expected) <
                0.1 * expected);
        QCOMPARE(r.failed, r.byReason.at("refused") + r.byReason.at("lost"));
        QCOMPARE(errorsBetween(r, 0, 5), std::uint64_t{0});
        QCOMPARE(errorsBetween(r, 11, 20), std::uint64_t{0});
    }

    void cacheDownSendsReadsToTheDatabase()
    {
        Topology t;
        t.simulation = {20, 0, 6};
        t.nodes = {makeNode("users", "client", {{"rate_rps", 1000.0}, {"read_ratio", 1.0}}),
                   makeNode("web", "web_server", {{"workers", std::int64_t{32}}}),
                   makeNode("cache", "cache", {{"hit_ratio", 0.9}}),
                   makeNode("db", "database", {{"connections", std::int64_t{32}}})};
        t.links = {makeLink("users", "web"), makeLink("web", "cache", 0.2),
                   makeLink("web", "db", 0.5)};
        t.scenario = {action(10, ActionType::Fail, "cache")};
        const RunResults r = simulate(t);
        QCOMPARE(r.failed, std::uint64_t{0}); // reads lost at the cache fall back to the database
        const double expected = 1000 * 10 * 0.1 + 1000 * 10;
        const double dbReads = static_cast<double>(nodeOf(r, "db").arrivals);
        QVERIFY(std::abs(dbReads - expected) < 0.05 * expected);
    }

    // A node that fails fails what it holds (reason lost) and refuses the rest; recovered,
    // it starts empty.
    void failedNodeFailsInFlightAndRecoversEmpty()
    {
        Topology t;
        t.simulation = {20, 0, 2};
        t.nodes = {makeNode("users", "client", {{"rate_rps", 50.0}, {"read_ratio", 1.0}}),
                   makeNode("web", "web_server",
                            {{"workers", std::int64_t{4}},
                             {"service_ms", 200.0},
                             {"service_dist", std::string("constant")}})};
        t.links = {makeLink("users", "web", 2)};
        Simulation s(t);
        s.runUntil(fromSeconds(5));
        const Snapshot before = s.snapshot();
        const std::uint32_t held = before.nodes[1].busy + before.nodes[1].queueLength;
        QVERIFY(held > 4);
        ScenarioAction fail = action(0, ActionType::Fail, "web");
        s.post(fail);
        s.runUntil(fromSeconds(6));
        ScenarioAction recover = action(0, ActionType::Recover, "web");
        s.post(recover);
        s.runUntil(fromSeconds(6));
        const Snapshot after = s.snapshot();
        QVERIFY(after.nodes[1].up);
        QCOMPARE(after.nodes[1].busy, std::uint32_t{0});
        QCOMPARE(after.nodes[1].queueLength, std::uint32_t{0});
        s.run();
        const RunResults r = s.results();
        QCOMPARE(r.byReason.at("lost"), std::uint64_t{held});
        QCOMPARE(nodeOf(r, "web").lost, std::uint64_t{held});
        // Refused: about one second of traffic (50/s), minus those still on the link.
        QVERIFY(std::abs(static_cast<double>(r.byReason.at("refused")) - 50) < 25);
        QCOMPARE(r.failed, r.byReason.at("lost") + r.byReason.at("refused"));
        QCOMPARE(errorsBetween(r, 7, 20), std::uint64_t{0});
    }

    void setChangesTrafficAndCapacity()
    {
        Topology t;
        t.simulation = {20, 0, 3};
        t.nodes = {
            makeNode("users", "client", {{"rate_rps", 500.0}}),
            makeNode("web", "web_server", {{"workers", std::int64_t{1}}, {"service_ms", 1.0}})};
        t.links = {makeLink("users", "web")};
        ScenarioAction spike = action(10, ActionType::Set, "users");
        spike.param = "rate_rps";
        spike.value = 1500.0;
        ScenarioAction grow = action(10, ActionType::Set, "web");
        grow.param = "workers";
        grow.value = std::int64_t{4};
        t.scenario = {spike, grow};
        QVERIFY(!hasErrors(validate(t)));
        const RunResults r = simulate(t);
        double before = 0, after = 0;
        for (std::size_t i = 0; i < r.timeseries.tS.size(); ++i)
            (r.timeseries.tS[i] < 10 ? before : after) += r.timeseries.throughputRps[i] / 10;
        QVERIFY(std::abs(before - 500) < 0.05 * 500);
        QVERIFY(std::abs(after - 1500) < 0.05 * 1500);
        QVERIFY(eventTime(r, "param_set", "users"));
        // Time-weighted utilization over 1 then 4 workers: (0.5*10*1 + 1.5*10*1) / (10*1 + 10*4).
        const double expected = (0.5 * 10 + 1.5 * 10) / (10 * 1 + 10 * 4);
        QVERIFY(std::abs(nodeOf(r, "web").utilization - expected) < 0.02 * expected);
    }
};

QTEST_APPLESS_MAIN(TestSimFailover)
#include "tst_sim_failover.moc"
