// Data centers: geo DNS sends users to their own site; when a site fails its users fail
// until the DNS notices (detect_s) and their cached answers expire (dns_ttl_s), then the
// other site serves them over its longer link. Cross-site replication: async loses the
// writes in flight (write rate x lag), sync loses none and adds one round trip per write.
#include <algorithm>
#include <cmath>
#include <vector>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/Analysis.h"
#include "core/io/TopologyJson.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

using namespace scalelab::testsupport::sites;

/// Site eu (the master's) fails at 30 s, once per seed 1..seeds: the acknowledged writes
/// each run lost, and whether every run promoted the replica across the ocean.
struct MastersSiteLost {
    std::vector<double> lostWrites;
    bool alwaysPromoted = true;
};

RunResults run(const Topology& t)
{
    Simulation sim(t);
    sim.run();
    return sim.results();
}

MastersSiteLost loseTheMastersSite(const char* mode, int seeds)
{
    MastersSiteLost out;
    for (int s = 1; s <= seeds; ++s) {
        const RunResults r =
            run(replicatedAcrossSites(mode, 200, static_cast<std::uint64_t>(s), true));
        out.lostWrites.push_back(static_cast<double>(r.lostWrites));
        out.alwaysPromoted =
            out.alwaysPromoted && std::any_of(r.events.begin(), r.events.end(), [](const auto& e) {
                return e.kind == EventKind::ReplicaPromoted;
            });
    }
    return out;
}

bool hasError(const Diagnostics& d, const std::string& path)
{
    for (const auto& x : d)
        if (x.severity == Severity::Error && x.path == path)
            return true;
    return false;
}

} // namespace

class TestSimSites : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void geoDnsSendsUsersToTheirOwnSite()
    {
        Topology t = twoSites(20, 7);
        t.scenario.clear();
        QVERIFY(!hasErrors(validate(t))); // two entries are fine behind a geo DNS
        const RunResults r = run(t);
        QCOMPARE(nodeOf(r, "web-us").arrivals, std::uint64_t{0});
        QVERIFY(nodeOf(r, "web-eu").arrivals > 3000);
        // 2 x 10 ms there and back + 5 ms of service.
        QVERIFY(std::abs(r.latency.mean - 25.0) < 0.1);
        // The analysis routes them the same way.
        const Analysis a = analyze(t);
        QVERIFY(std::abs(a.node(NodeId("web-us"))->arrivalRps) < 1e-12);
        QVERIFY(std::abs(*a.endToEndReadMs - 25.0) < 1e-9);
    }

    void aFailedSitesUsersFailUntilDetectionPlusTheirTtlThenTheOtherSiteServes()
    {
        const RunResults r = run(twoSites(100, 7));
        const auto& ts = r.timeseries;
        QVERIFY(ts.intervalS == 1.0 && ts.errors.size() >= 100);
        // Until the DNS notices (40..50 s) every request fails.
        for (int s = 41; s < 50; ++s)
            QVERIFY2(ts.throughputRps[s] == 0, qPrintable(QString::number(s)));
        // From then on users move as their answers expire: none fails after 50 + 30 s.
        for (int s = 81; s < 100; ++s)
            QCOMPARE(ts.errors[s], std::uint64_t{0});
        // Expected failures: rate x (detect_s + ttl/2), answers' ages being uniform.
        const double expected = kRate * (kDetectS + kTtlS / 2);
        qInfo("failed %llu, rate x (detect + ttl/2) = %.0f",
              static_cast<unsigned long long>(r.failed), expected);
        QVERIFY(std::abs(static_cast<double>(r.failed) - expected) < 0.04 * expected);
        // Served by the other site: 2 x 60 ms + 5 ms instead of 2 x 10 ms + 5 ms.
        for (int s = 85; s < 100; ++s)
            QVERIFY(std::abs(ts.p50Ms[s] - 125.0) < 125.0 * 0.02);
        QVERIFY(std::abs(ts.p50Ms[20] - 25.0) < 25.0 * 0.02);
        bool noticed = false;
        for (const auto& e : r.events)
            if (e.kind == EventKind::DnsNoticedDown &&
                std::abs(e.tS - (kFailAtS + kDetectS)) < 1e-9)
                noticed = true;
        QVERIFY(noticed);
    }

    void aRetryKeepsTheUsersCachedAnswer()
    {
        // Retried 50-150 ms later, a request still holds the answer that failed it: retries
        // barely help, the failures stay rate x (detect_s + ttl/2) as without them (a retry
        // that drew a fresh answer each time would cut them to rate x (detect_s + ttl/3)).
        Topology t = twoSites(100, 7);
        t.nodes[0].params["retries"] = std::int64_t{1};
        t.nodes[0].params["retry_backoff_ms"] = 100.0;
        const RunResults r = run(t);
        const double expected = kRate * (kDetectS + kTtlS / 2);
        qInfo("failed %llu after %llu retries, rate x (detect + ttl/2) = %.0f",
              static_cast<unsigned long long>(r.failed), static_cast<unsigned long long>(r.retries),
              expected);
        QVERIFY(std::abs(static_cast<double>(r.failed) - expected) < 0.04 * expected);
        QVERIFY(std::abs(static_cast<double>(r.retries) - static_cast<double>(r.failed)) <
                0.01 * expected);
    }

    void aRetryAfterTheAnswerExpiredFollowsTheDns()
    {
        // Retried 30-90 s later (backoff x [0.5, 1.5)), past the 30 s TTL: the user looks the
        // name up again and the DNS, which noticed long ago, sends it to the other site. Every
        // request that failed is served on its retry; none fails in the end.
        Topology t = twoSites(180, 7);
        t.nodes[0].params["retries"] = std::int64_t{1};
        t.nodes[0].params["retry_backoff_ms"] = 60000.0;
        const RunResults r = run(t);
        const double firstTriesFailed = kRate * (kDetectS + kTtlS / 2);
        qInfo("%llu retries (first tries failed: rate x (detect + ttl/2) = %.0f), %llu failed",
              static_cast<unsigned long long>(r.retries), firstTriesFailed,
              static_cast<unsigned long long>(r.failed));
        QVERIFY(std::abs(static_cast<double>(r.retries) - firstTriesFailed) <
                0.04 * firstTriesFailed);
        QCOMPARE(r.failed, std::uint64_t{0});
        QVERIFY(nodeOf(r, "web-us").arrivals >= r.retries);
    }

    void asyncReplicationLosesTheWritesInFlight()
    {
        // 500 writes/s x 200 ms of lag = 100 acknowledged writes not yet at the replica.
        const MastersSiteLost runs = loseTheMastersSite("async", 12);
        double lost = 0;
        for (double l : runs.lostWrites)
            lost += l / static_cast<double>(runs.lostWrites.size());
        QVERIFY(runs.alwaysPromoted);
        qInfo("async: %.1f writes lost on average, write rate x lag = 100", lost);
        // Poisson: sd 10 per run, 2.9 for the mean of 12.
        QVERIFY(std::abs(lost - 100) < 10);
    }

    void syncReplicationLosesNoneAndAddsOneRoundTrip()
    {
        const MastersSiteLost runs = loseTheMastersSite("sync", 4);
        for (double lost : runs.lostWrites)
            QCOMPARE(lost, 0.0);
        QVERIFY(runs.alwaysPromoted);
        // Same seed, no failure: every write waits 2 x 40 ms more, reads do not.
        const RunResults a = run(replicatedAcrossSites("async", 200, 3, false));
        const RunResults b = run(replicatedAcrossSites("sync", 200, 3, false));
        qInfo("write mean: async %.3f ms, sync %.3f ms", a.write.latency.mean,
              b.write.latency.mean);
        QVERIFY(std::abs(b.write.latency.mean - a.write.latency.mean - 80.0) < 0.01);
        QVERIFY(std::abs(b.read.latency.mean - a.read.latency.mean) < 0.01);
        // The analysis adds the same round trip.
        const Analysis ea = analyze(replicatedAcrossSites("async", 200, 3, false));
        const Analysis eb = analyze(replicatedAcrossSites("sync", 200, 3, false));
        QVERIFY(std::abs(*eb.endToEndWriteMs - *ea.endToEndWriteMs - 80.0) < 1e-9);
    }

    void siteNamesAreValidatedAndSaved()
    {
        Topology t = twoSites(10, 7);
        // A plain DNS gives one answer: a second entry stays an error.
        Topology simple = t;
        simple.nodes[1].params.erase("routing");
        QVERIFY(hasErrors(validate(simple)));
        // A site no node is in.
        t.scenario[0].site = "europe";
        QVERIFY(hasError(validate(t), "/scenario/0/site"));
        t.scenario[0].site = "eu";
        t.nodes[2].params["site"] = std::string("eu west"); // a space: not a name
        QVERIFY(hasError(validate(t), "/nodes/2/params/site"));
        t.nodes[2].params["site"] = std::string("eu");
        // Saved and loaded back: the site action and the node sites survive.
        const LoadResult back = loadTopology(saveTopology(t));
        QVERIFY(back.topology);
        QCOMPARE(back.topology->scenario.size(), std::size_t{1});
        QCOMPARE(back.topology->scenario[0].site, std::string("eu"));
        QVERIFY(back.topology->scenario[0].action == ActionType::FailSite);
        QCOMPARE(back.topology->nodes[2].site(), std::string("eu"));
        QVERIFY(!hasErrors(validate(*back.topology)));
    }
};

QTEST_APPLESS_MAIN(TestSimSites)
#include "tst_sim_sites.moc"
