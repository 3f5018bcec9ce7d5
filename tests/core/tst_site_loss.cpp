// What losing a data center costs: the analysis's estimate per site (siteLosses) and the
// run's measured outage (siteOutages), both against the arithmetic of detection, DNS TTL and
// replication lag.
#include <cmath>
#include <string>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/Analysis.h"
#include "core/analysis/SiteLoss.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/sim/SiteOutages.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

using namespace scalelab::testsupport::sites;

/// The European site fails at 40 s and comes back at 90 s. The servers' service is the
/// default exponential one: the outage's arithmetic does not depend on it.
Topology euDownFrom40To90()
{
    Topology t = twoSites(120, 11, 90);
    for (Node& n : t.nodes)
        n.params.erase("service_dist");
    return t;
}

} // namespace

class TestSiteLoss : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void geoUsersFailUntilDetectionAndHalfTheirTtl()
    {
        const Topology t = euDownFrom40To90();
        const std::vector<SiteLoss> losses = siteLosses(t, analyze(t));
        QCOMPARE(losses.size(), std::size_t{2});
        const SiteLoss& eu = losses[0];
        QCOMPARE(eu.site, std::string("eu"));
        QCOMPARE(eu.nodes, std::size_t{1}); // web-eu; its users stay
        QCOMPARE(eu.movedRps, kRate);
        QCOMPARE(eu.failedRequests, kRate * (kDetectS + kTtlS / 2));
        QCOMPARE(eu.backAfterS, kDetectS + kTtlS);
        QCOMPARE(eu.extraMs, 2 * (60.0 - 10.0));
        QCOMPARE(eu.cutOffRps, 0.0); // America serves them in the end
        QCOMPARE(eu.lostWrites, 0.0);
        // Losing America costs nothing: nobody is served there.
        QCOMPARE(losses[1].site, std::string("us"));
        QCOMPARE(losses[1].failedRequests, 0.0);
        QCOMPARE(losses[1].cutOffRps, 0.0);
    }

    void staticRequestsAtAnEdgeElsewhereNeitherFailNorMove()
    {
        // 60% of the users' requests are static assets fetched from a CDN: a CDN outside the
        // lost site keeps serving them, so only the dynamic 40% fail and move; a CDN inside
        // it goes down with the site (and falls back to its origin there), so all of them do.
        for (const char* cdnSite : {"", "eu"}) {
            Topology t = euDownFrom40To90();
            t.nodes[0].params["static_ratio"] = 0.6;
            t.nodes.push_back(makeNode("cdn", "cdn", {{"site", std::string(cdnSite)}}));
            t.nodes.push_back(makeNode("store", "object_store", {}));
            t.links.push_back(makeLink("users", "cdn", 5));
            t.links.push_back(makeLink("cdn", "store", 20));
            const double moving = std::string(cdnSite).empty() ? 0.4 * kRate : kRate;
            const SiteLoss eu = siteLosses(t, analyze(t))[0];
            QCOMPARE(eu.movedRps, moving);
            QCOMPARE(eu.failedRequests, moving * (kDetectS + kTtlS / 2));
            if (std::string(cdnSite).empty()) {
                // The run agrees: the European failures are the dynamic share's.
                Simulation sim(t);
                sim.run();
                const double failed = static_cast<double>(sim.results().failed);
                qInfo("static at a CDN elsewhere: %.0f failed, estimated %.0f", failed,
                      eu.failedRequests);
                QVERIFY(std::abs(failed - eu.failedRequests) < 0.05 * eu.failedRequests);
            }
        }
    }

    void theRunsOutageMeasuresWhatTheEstimateSays()
    {
        const Topology t = euDownFrom40To90();
        Simulation sim(t);
        sim.run();
        const RunResults r = sim.results();
        const std::vector<SiteOutage> outages = siteOutages(r);
        QCOMPARE(outages.size(), std::size_t{1});
        QCOMPARE(outages[0].site, std::string("eu"));
        QCOMPARE(outages[0].fromS, 40.0);
        QCOMPARE(outages[0].toS, 90.0);
        QVERIFY(outages[0].recovered);
        // Every failure of this run falls in the outage, and there are rate x (detect_s +
        // ttl/2) of them (the answers' ages are uniform over the TTL).
        QCOMPARE(outages[0].failedRequests, r.failed);
        const double expected = siteLosses(t, analyze(t))[0].failedRequests;
        qInfo("failed in the outage %llu, estimated %.0f",
              static_cast<unsigned long long>(outages[0].failedRequests), expected);
        QVERIFY(std::abs(static_cast<double>(outages[0].failedRequests) - expected) <
                0.05 * expected);
    }

    void anOutageStillUnderWayEndsWithTheRun()
    {
        Topology t = euDownFrom40To90();
        t.scenario.pop_back(); // never recovered
        t.simulation.durationS = 60;
        Simulation sim(t);
        sim.run();
        const std::vector<SiteOutage> outages = siteOutages(sim.results());
        QCOMPARE(outages.size(), std::size_t{1});
        QVERIFY(!outages[0].recovered);
        QCOMPARE(outages[0].toS, 60.0);
    }

    void asyncReplicationLosesWriteRateTimesLagSyncNothing()
    {
        // 500 writes/s to the master in site eu; its replica in site us lags 200 ms.
        const Topology async = replicatedAcrossSites("async", 200);
        const SiteLoss a = siteLosses(async, analyze(async))[0];
        QCOMPARE(a.site, std::string("eu"));
        QVERIFY(std::abs(a.lostWrites - kWriteRps * 0.2) < 1e-9);
        QCOMPARE(a.cutOffRps, 0.0); // the replica is promoted (failover auto)
        const Topology sync = replicatedAcrossSites("sync", 200);
        QCOMPARE(siteLosses(sync, analyze(sync))[0].lostWrites, 0.0);
        // Losing site us loses no write: the master is elsewhere.
        QCOMPARE(siteLosses(async, analyze(async))[1].lostWrites, 0.0);
    }

    void aSiteNobodyCanReplaceCutsItsUsersOff()
    {
        // No geo DNS, no other entry: while site a is down its users' requests all fail.
        Topology t;
        t.nodes = {makeNode("users", "client", {{"rate_rps", 300.0}}),
                   makeNode("web", "web_server", {{"site", std::string("a")}})};
        t.links = {makeLink("users", "web")};
        const std::vector<SiteLoss> losses = siteLosses(t, analyze(t));
        QCOMPARE(losses.size(), std::size_t{1});
        QVERIFY(std::abs(losses[0].cutOffRps - 300.0) < 1e-9);
        QCOMPARE(losses[0].failedRequests, 0.0);
        // No site at all: nothing to show.
        t.nodes[1].params.erase("site");
        QVERIFY(siteLosses(t, analyze(t)).empty());
    }
};

QTEST_APPLESS_MAIN(TestSiteLoss)
#include "tst_site_loss.moc"
