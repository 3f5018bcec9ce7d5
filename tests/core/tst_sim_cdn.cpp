// Static content against theory: a CDN with a fixed hit ratio sends its origin the static
// rate x (1 - hit); a TTL CDN over Zipf objects hits Σ p_i λ_i T / (1 + λ_i T) (Poisson
// requests per object, the timer set on the fetch); a CDN that is down falls back to its
// origin (or fails its traffic without fallback); a purge empties it; without a CDN static
// requests take the normal path and stop at the web tier. The analyzer gives the same
// origin load. Expected values come from the formulas here, never from earlier runs.
#include <cmath>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/Analysis.h"
#include "core/model/Topology.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

// Users -> CDN -> object store, and users -> web -> db for the dynamic part.
Topology edge(ParamMap cdn, double rate, double staticRatio, double durationS,
              std::uint64_t seed = 3)
{
    Topology t;
    t.simulation = {durationS, 20.0, seed};
    t.nodes = {makeNode("users", "client",
                        {{"rate_rps", rate},
                         {"static_ratio", staticRatio},
                         {"object_space", std::int64_t{10000}},
                         {"object_skew", 0.8}}),
               makeNode("web", "web_server", {{"workers", std::int64_t{64}}}),
               makeNode("db", "database", {{"connections", std::int64_t{64}}}),
               makeNode("cdn", "cdn", std::move(cdn)), makeNode("store", "object_store")};
    t.links = {makeLink("users", "web", 10), makeLink("web", "db", 1), makeLink("users", "cdn", 5),
               makeLink("cdn", "store", 20)};
    return t;
}

// Σ p_i λ_i T / (1 + λ_i T) over Zipf(s) objects, summed exactly.
double ttlTheory(int objects, double skew, double rate, double ttl)
{
    double norm = 0;
    for (int k = 1; k <= objects; ++k)
        norm += std::pow(k, -skew);
    double hit = 0;
    for (int k = 1; k <= objects; ++k) {
        const double p = std::pow(k, -skew) / norm;
        hit += p * (p * rate * ttl) / (1 + p * rate * ttl);
    }
    return hit;
}

// Counts of one window that differ only by the requests in flight at its edges.
bool closeCounts(std::uint64_t a, std::uint64_t b)
{
    return std::abs(static_cast<double>(a) - static_cast<double>(b)) < 20;
}

} // namespace

class TestSimCdn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixedHitRatioSendsTheMissesToTheOrigin()
    {
        const RunResults r = simulate(edge({{"hit_ratio", 0.9}}, 1000, 0.5, 620));
        const auto& cdn = nodeOf(r, "cdn");
        const auto& store = nodeOf(r, "store");
        const double measured = static_cast<double>(r.durationS - r.warmupS);
        // Origin load = static rate x (1 - hit): 500 x 0.1 = 50 req/s.
        const double originRps = static_cast<double>(store.arrivals) / measured;
        qInfo("origin %.2f req/s (theory 50), CDN %.2f req/s (theory 500)", originRps,
              static_cast<double>(cdn.arrivals) / measured);
        QVERIFY(std::abs(originRps - 50) < 50 * 0.03);
        QVERIFY(std::abs(static_cast<double>(cdn.arrivals) / measured - 500) < 500 * 0.01);
        // Every request is a hit or a miss (up to those in service at the window's edges).
        QVERIFY(closeCounts(cdn.hits + cdn.misses, cdn.arrivals));
        // Static requests are a class of their own and never reach the data tier.
        QVERIFY(std::abs(static_cast<double>(r.staticClass.count) / measured - 500) < 500 * 0.01);
        QVERIFY(closeCounts(nodeOf(r, "web").arrivals, r.read.count + r.write.count));
        QVERIFY(closeCounts(nodeOf(r, "db").arrivals, r.read.count + r.write.count));
        // A hit costs the edge round trip and the edge's service; a miss adds the origin's.
        QVERIFY(r.staticClass.latency.p50 < 2 * 5 + 5);

        const Analysis a = analyze(edge({{"hit_ratio", 0.9}}, 1000, 0.5, 620));
        QVERIFY(std::abs(a.node(NodeId("store"))->arrivalRps - 50) < 1e-9);
        QVERIFY(std::abs(a.node(NodeId("cdn"))->staticRps - 500) < 1e-9);
        QVERIFY(std::abs(a.node(NodeId("web"))->arrivalRps - 500) < 1e-9);
    }

    void ttlHitRatioMatchesTheRenewalFormula()
    {
        // 400 static req/s over 10,000 Zipf(0.8) objects, each kept 5 s after its fetch.
        const double theory = ttlTheory(10000, 0.8, 400, 5);
        double sum = 0;
        const int seeds = 4;
        for (int s = 0; s < seeds; ++s) {
            const RunResults r = simulate(edge({{"ttl_s", 5.0}}, 400, 1.0, 420, 50 + s));
            const auto& cdn = nodeOf(r, "cdn");
            sum += static_cast<double>(cdn.hits) / static_cast<double>(cdn.hits + cdn.misses);
        }
        const double simulated = sum / seeds;
        const Analysis a = analyze(edge({{"ttl_s", 5.0}}, 400, 1.0, 420));
        qInfo("TTL hit ratio: simulated %.4f, formula %.4f, analyzer %.4f", simulated, theory,
              *a.node(NodeId("cdn"))->hitRatio);
        QVERIFY(std::abs(simulated - theory) < 0.01);
        QVERIFY(std::abs(*a.node(NodeId("cdn"))->hitRatio - theory) < 0.005);
        QVERIFY(std::abs(a.node(NodeId("store"))->arrivalRps - 400 * (1 - theory)) < 400 * 0.005);
    }

    void ttlCdnIsExactOverAHundredMillionObjects()
    {
        // 20,000 static req/s over 1e8 Zipf(0.8) objects, kept 10 s. Half the requests ask
        // for objects beyond the first 2^22: an edge that folded objects onto 2^22 slots
        // counted many of them as hits of a popular object sharing their slot. Against the
        // analysis' sum over the objects (checked by the exact sum above at 10,000 objects).
        Topology t = edge({{"ttl_s", 10.0}}, 20000, 1.0, 50, 7);
        t.nodes[0].params["object_space"] = std::int64_t{100'000'000};
        const Analysis a = analyze(t);
        const double theory = *a.node(NodeId("cdn"))->hitRatio;
        const RunResults r = simulate(t);
        const auto& cdn = nodeOf(r, "cdn");
        const double simulated =
            static_cast<double>(cdn.hits) / static_cast<double>(cdn.hits + cdn.misses);
        qInfo("1e8 objects: hit ratio simulated %.4f, formula %.4f (%llu requests)", simulated,
              theory, static_cast<unsigned long long>(cdn.hits + cdn.misses));
        QVERIFY(std::abs(simulated - theory) < 0.01);
    }

    void aDownCdnFallsBackToItsOrigin()
    {
        Topology t = edge({{"hit_ratio", 0.95}}, 400, 1.0, 120);
        t.scenario = {{40.0, ActionType::Fail, NodeId("cdn"), {}, {}, {}},
                      {80.0, ActionType::Recover, NodeId("cdn"), {}, {}, {}}};
        const RunResults r = simulate(t);
        // Only what the CDN held when it failed is lost (about 400/s x 1 ms at the edge and
        // 20/s x 100 ms of misses waiting on the origin), and what was on its way to it then
        // is refused (400/s x 5 ms); later requests go to the origin.
        QCOMPARE(r.failed, nodeOf(r, "cdn").lost + nodeOf(r, "cdn").refused);
        QVERIFY(r.failed < 20);
        // 40 s of the whole static rate, 60 s of the misses: 40 x 400 + 60 x 20 = 17,200.
        const double expected = 40 * 400 + (120 - 20 - 40) * 400 * 0.05;
        qInfo("origin arrivals with fallback %llu (expected about %.0f)",
              static_cast<unsigned long long>(nodeOf(r, "store").arrivals), expected);
        QVERIFY(std::abs(static_cast<double>(nodeOf(r, "store").arrivals) - expected) <
                expected * 0.03);

        t.nodes[3].params["fallback"] = false;
        const RunResults off = simulate(t);
        const double refused = static_cast<double>(nodeOf(off, "cdn").refused);
        QVERIFY(std::abs(refused - 40 * 400) < 40 * 400 * 0.05);
        QCOMPARE(off.byReason.at("refused"), nodeOf(off, "cdn").refused);
    }

    void aPurgeEmptiesTheEdge()
    {
        Topology t = edge({{"ttl_s", 60.0}}, 400, 1.0, 100);
        t.scenario = {{70.0, ActionType::Purge, NodeId("cdn"), {}, {}, {}}};
        const RunResults r = simulate(t);
        bool logged = false;
        for (const auto& e : r.events)
            logged = logged || (e.kind == EventKind::Purged && e.node == "cdn" && e.tS == 70.0);
        QVERIFY(logged);
        Topology calm = t;
        calm.scenario.clear();
        const RunResults c = simulate(calm);
        // Every object asked again after the purge misses once more.
        qInfo("misses with a purge %llu, without %llu",
              static_cast<unsigned long long>(nodeOf(r, "cdn").misses),
              static_cast<unsigned long long>(nodeOf(c, "cdn").misses));
        QVERIFY(nodeOf(r, "cdn").misses > nodeOf(c, "cdn").misses + 1000);
        // A purge of anything else is refused by the validator.
        t.scenario = {{70.0, ActionType::Purge, NodeId("web"), {}, {}, {}}};
        bool refused = false;
        for (const auto& d : validate(t))
            refused = refused || (d.severity == Severity::Error && d.path == "/scenario/0/node");
        QVERIFY(refused);
    }

    void withoutACdnStaticRequestsStopAtTheWebTier()
    {
        Topology t = edge({}, 600, 0.3, 120);
        t.nodes.erase(t.nodes.begin() + 3, t.nodes.end());
        t.links.resize(2);
        const RunResults r = simulate(t);
        const double measured = r.durationS - r.warmupS;
        QVERIFY(std::abs(static_cast<double>(r.staticClass.count) / measured - 180) < 180 * 0.03);
        QVERIFY(closeCounts(nodeOf(r, "db").arrivals, r.read.count + r.write.count));
        QVERIFY(closeCounts(nodeOf(r, "web").arrivals,
                            r.read.count + r.write.count + r.staticClass.count));
        // The analyzer suggests the CDN.
        const Analysis a = analyze(t);
        bool suggested = false;
        for (const auto& f : a.findings)
            suggested = suggested || f.remedy.find("CDN") != std::string::npos;
        QVERIFY(suggested);
    }
};

QTEST_APPLESS_MAIN(TestSimCdn)
#include "tst_sim_cdn.moc"
