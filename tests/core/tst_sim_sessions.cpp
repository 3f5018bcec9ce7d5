// Sessions against their closed forms: local sessions over n servers without stickiness
// miss (n - 1) / n of the requests; sticky sessions miss only first logins, but a failed
// server loses its share of the users; a shared store never misses and costs one store read
// per request. The analyzer predicts the same miss ratios. Expected values come from the
// formulas here, never from earlier runs.
#include <algorithm>
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

constexpr double kRate = 400;
constexpr std::int64_t kUsers = 1000;
constexpr int kServers = 4;

struct Design {
    std::string sessionState = "local";
    bool sticky = false;
    std::string algorithm = "random";
    double warmupS = 30;
    double durationS = 200;
    std::uint64_t seed = 11;
};

// users -> lb -> web1..web4, each with many workers so nothing waits; a cache holds the
// sessions when they are shared.
Topology sessions(const Design& d)
{
    Topology t;
    t.simulation = {d.durationS, d.warmupS, d.seed};
    t.nodes.push_back(
        makeNode("users", "client", {{"rate_rps", kRate}, {"read_ratio", 0.9}, {"users", kUsers}}));
    t.nodes.push_back(makeNode("lb", "load_balancer",
                               {{"algorithm", d.algorithm},
                                {"sticky_sessions", d.sticky},
                                {"health_check_interval_s", 1.0}}));
    t.links.push_back(makeLink("users", "lb", 10));
    for (int k = 1; k <= kServers; ++k) {
        const std::string id = "web" + std::to_string(k);
        t.nodes.push_back(makeNode(id.c_str(), "web_server",
                                   {{"workers", std::int64_t{64}},
                                    {"service_ms", 10.0},
                                    {"login_ms", 50.0},
                                    {"session_state", d.sessionState},
                                    {"network", std::string("private")}}));
        t.links.push_back(makeLink("lb", id.c_str(), 0.5));
    }
    if (d.sessionState == "shared") {
        t.nodes.push_back(makeNode("sessions", "cache", {{"workers", std::int64_t{16}}}));
        for (int k = 1; k <= kServers; ++k) {
            const std::string id = "web" + std::to_string(k);
            Link l = makeLink(id.c_str(), "sessions", 0.5);
            l.kind = LinkKind::Session;
            t.links.push_back(l);
        }
    }
    return t;
}

std::uint64_t webArrivals(const RunResults& r)
{
    std::uint64_t sum = 0;
    for (int k = 1; k <= kServers; ++k)
        sum += nodeOf(r, "web" + std::to_string(k)).arrivals;
    return sum;
}

bool valid(const Topology& t)
{
    for (const auto& d : validate(t))
        if (d.severity == Severity::Error) {
            qWarning("%s: %s", d.path.c_str(), d.message.c_str());
            return false;
        }
    return true;
}

std::size_t errorsMentioning(const Topology& t, const std::string& words)
{
    std::size_t n = 0;
    for (const auto& d : validate(t))
        if (d.severity == Severity::Error && d.message.find(words) != std::string::npos)
            ++n;
    return n;
}

} // namespace

class TestSimSessions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void localWithoutStickinessMissesNMinusOneOverN()
    {
        // Random balancing: the server of a user's next request is independent of the
        // last one, so it holds the session with probability 1/n.
        const Topology t = sessions({});
        QVERIFY(valid(t));
        const RunResults r = simulate(t);
        const double requests = static_cast<double>(webArrivals(r));
        const double ratio = static_cast<double>(r.sessions.misses) / requests;
        const double expected = (kServers - 1.0) / kServers;
        qInfo("local, random over %d servers: %llu misses of %.0f requests = %.4f, theory %.4f",
              kServers, static_cast<unsigned long long>(r.sessions.misses), requests, ratio,
              expected);
        // ~65,000 requests: the binomial standard deviation is 0.0017.
        QVERIFY(std::abs(ratio - expected) < 0.01);
        QCOMPARE(r.sessions.lost, std::uint64_t{0});

        // The login is extra service: each server is busy (S + miss x login) per request.
        const double busy = kRate / kServers * (10.0 + expected * 50.0) / 1000.0 / 64.0;
        const double measured = nodeOf(r, "web1").utilization;
        qInfo("web1 utilization %.4f, theory %.4f", measured, busy);
        QVERIFY(std::abs(measured - busy) / busy < 0.05);

        // The analyzer's estimate is the same closed form.
        const Analysis a = analyze(t);
        const NodeEstimate* e = a.node(NodeId("web1"));
        QVERIFY(e && e->sessionMissRatio);
        QCOMPARE(*e->sessionMissRatio, expected);
        const bool suggested =
            std::any_of(a.findings.begin(), a.findings.end(), [](const Finding& f) {
                return f.text.find("session") != std::string::npos &&
                       f.remedy.find("shared") != std::string::npos;
            });
        QVERIFY2(suggested, "a finding suggests a shared session store");
    }

    void roundRobinMissesAboutAsOften()
    {
        Design d;
        d.algorithm = "round_robin";
        const RunResults r = simulate(sessions(d));
        const double ratio =
            static_cast<double>(r.sessions.misses) / static_cast<double>(webArrivals(r));
        qInfo("local, round robin over %d servers: miss ratio %.4f", kServers, ratio);
        QVERIFY(std::abs(ratio - (kServers - 1.0) / kServers) < 0.01);
    }

    void stickyMissesOnlyFirstLogins()
    {
        // A user sends Poisson requests at lambda_u = rate / users; the ones whose first
        // request comes after the warm-up w log in inside the window [w, w + T]:
        // users x e^(-lambda_u w) x (1 - e^(-lambda_u T)). Nothing else misses.
        Design d;
        d.sticky = true;
        d.warmupS = 2;
        d.durationS = 40;
        const double perUser = kRate / static_cast<double>(kUsers);
        const double expected = static_cast<double>(kUsers) * std::exp(-perUser * d.warmupS) *
                                (1 - std::exp(-perUser * (d.durationS - d.warmupS)));
        double sum = 0;
        const int seeds = 16;
        for (int s = 0; s < seeds; ++s) {
            d.seed = 40 + static_cast<std::uint64_t>(s);
            sum += static_cast<double>(simulate(sessions(d)).sessions.misses);
        }
        const double mean = sum / seeds;
        // Each run's count is binomial over the users (sd ~16 here): the mean of the seeds
        // has sd / sqrt(seeds), and is held within four of those.
        const double p = expected / static_cast<double>(kUsers);
        const double sd = std::sqrt(static_cast<double>(kUsers) * p * (1 - p) / seeds);
        qInfo("sticky: %.1f misses per run, first logins in the window %.1f (sd of the mean %.1f)",
              mean, expected, sd);
        QVERIFY(std::abs(mean - expected) < 4 * sd);
        QCOMPARE(*analyze(sessions(d)).node(NodeId("web2"))->sessionMissRatio, 0.0);
    }

    void stickyFailureLosesItsShareOfUsers()
    {
        // Every user has logged in long before web1 fails (e^-12 of them not yet); round
        // robin pins new users in turn, so web1 holds exactly users / 4 sessions. They are
        // lost, and each of those users logs in once more on another server.
        Design d;
        d.sticky = true;
        d.algorithm = "round_robin";
        Topology t = sessions(d);
        t.scenario.push_back({100, ActionType::Fail, NodeId("web1"), {}, {}, {}});
        const RunResults r = simulate(t);
        const auto share = static_cast<std::uint64_t>(kUsers / kServers);
        qInfo("sticky, web1 fails: %llu sessions lost, %llu misses (users / n = %llu)",
              static_cast<unsigned long long>(r.sessions.lost),
              static_cast<unsigned long long>(r.sessions.misses),
              static_cast<unsigned long long>(share));
        QCOMPARE(r.sessions.lost, share);
        QCOMPARE(nodeOf(r, "web1").sessionsLost, share);
        QCOMPARE(r.sessions.misses, share);
    }

    void sharedNeverMissesAndReadsTheStoreOncePerRequest()
    {
        Design d;
        d.sessionState = "shared";
        Topology t = sessions(d);
        QVERIFY(valid(t));
        t.scenario.push_back({100, ActionType::Fail, NodeId("web1"), {}, {}, {}});
        const RunResults r = simulate(t);
        QCOMPARE(r.sessions.misses, std::uint64_t{0});
        QCOMPARE(r.sessions.lost, std::uint64_t{0});
        // One read per request that reached a server; only the few in flight at the
        // window's edges (or on web1 when it failed) differ.
        const auto served = static_cast<double>(webArrivals(r) - nodeOf(r, "web1").lost);
        const auto reads = static_cast<double>(nodeOf(r, "sessions").arrivals);
        qInfo("shared: %.0f session reads for %.0f requests", reads, served);
        QVERIFY(std::abs(reads - served) < 20);

        const Analysis a = analyze(t);
        QCOMPARE(a.node(NodeId("sessions"))->arrivalRps, kRate);
        QCOMPARE(*a.node(NodeId("web1"))->sessionMissRatio, 0.0);
    }

    void withoutSessionsNothingChanges()
    {
        // session_state none (the default) draws no user: the run is the one without users.
        Design d;
        d.sessionState = "none";
        Topology with = sessions(d);
        Topology without = with;
        for (auto& n : without.nodes)
            n.params.erase("users");
        const RunResults a = simulate(with);
        const RunResults b = simulate(without);
        QCOMPARE(a.latency.mean, b.latency.mean);
        QCOMPARE(a.sessions.misses, std::uint64_t{0});
        QVERIFY(!analyze(with).node(NodeId("web1"))->sessionMissRatio);
    }

    void sessionLinksAreChecked()
    {
        Design d;
        d.sessionState = "shared";
        // A relational database is no session store.
        Topology t = sessions(d);
        t.nodes.back().kind = KindId("database");
        t.nodes.back().params.erase("workers"); // a cache's parameter; a database has connections
        QCOMPARE(errorsMentioning(t, "relational"), std::size_t{kServers});
        t.nodes.back().params["engine"] = std::string("nosql");
        QVERIFY(valid(t));
        // Shared without a session link: nowhere to read the session from.
        Topology missing = sessions(d);
        missing.links.pop_back();
        QCOMPARE(errorsMentioning(missing, "session link"), std::size_t{1});
        // A load balancer sends no session link.
        Topology wrong = sessions(d);
        Link l = makeLink("lb", "sessions");
        l.kind = LinkKind::Session;
        wrong.links.push_back(l);
        QCOMPARE(errorsMentioning(wrong, "session links go"), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestSimSessions)
#include "tst_sim_sessions.moc"
