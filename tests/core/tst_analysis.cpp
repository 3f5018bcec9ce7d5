// Analytic estimates checked against queueing formulas written out independently here:
// Erlang C by direct summation, M/M/c and M/G/1 (Pollaczek-Khinchine) waits, Jackson
// flows through load balancers, caches and replication groups.
// moc cannot parse <concepts> (pulled in by <random>): keep it away from these headers.
#ifndef Q_MOC_RUN
#include <cmath>
#include <list>
#include <random>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/analysis/Analysis.h"
#include "core/analysis/AnalysisJson.h"
#include "core/analysis/CacheHitEstimate.h"
#include "core/analysis/ErlangC.h"
#include "core/analysis/FailureAnalysis.h"
#include "core/analysis/FiniteQueue.h"
#include "core/analysis/GgcQueue.h"
#include "core/analysis/RoutingPlan.h"
#include "core/io/TopologyJson.h"
#include "core/model/TopologyIndex.h"
#endif

#include <QTest>

using namespace scalelab::core;

namespace {

// C(c, a) = [a^c / c! * c / (c - a)] / [sum_{k<c} a^k / k! + a^c / c! * c / (c - a)]
double erlangCBySum(int c, double a)
{
    double term = 1.0; // a^k / k!
    double sum = 0.0;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    const double top = term * c / (c - a);
    return top / (sum + top);
}

// M/M/c mean wait (seconds) for arrival rate lambda (1/s) and service time s (seconds).
double mmcWait(double lambda, double s, int c)
{
    const double a = lambda * s;
    return erlangCBySum(c, a) * s / (c - a);
}

Topology load(const std::string& json)
{
    LoadResult r = loadTopology(json);
    if (!r.ok()) {
        for (const auto& d : r.diagnostics)
            qWarning("%s", d.toString().c_str());
        qFatal("test topology does not load");
    }
    return *r.topology;
}

bool near(double actual, double expected, double rel = 1e-9)
{
    return std::abs(actual - expected) <= rel * std::max(1.0, std::abs(expected));
}

#define CHECK_NEAR(actual, expected)                                                               \
    QVERIFY2(near((actual), (expected)), qPrintable(QStringLiteral("%1 = %2, expected %3")         \
                                                        .arg(QLatin1String(#actual))               \
                                                        .arg((actual), 0, 'g', 12)                 \
                                                        .arg((expected), 0, 'g', 12)))

std::vector<std::string> spofIds(const Analysis& a)
{
    std::vector<std::string> ids;
    for (const auto& id : a.singlePointsOfFailure)
        ids.push_back(id.str());
    return ids;
}

bool hasFinding(const Analysis& a, const std::string& severity, const std::string& node,
                const std::string& fragment)
{
    for (const auto& f : a.findings)
        if (toString(f.severity) == severity && f.node.str() == node &&
            f.sentence().find(fragment) != std::string::npos)
            return true;
    return false;
}

// A random acyclic design: links only go from a lower to a higher index, kinds mixed
// (balancers over web servers, tiers of web servers, caches, groups with replicas, DNS).
Topology randomDag(std::mt19937& rng)
{
    auto pick = [&rng](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const char* kinds[] = {"load_balancer", "web_server", "web_server", "cache", "database", "dns"};
    nlohmann::json doc{{"format", "scalelab/1"},
                       {"nodes", nlohmann::json::array()},
                       {"links", nlohmann::json::array()}};
    const int clients = 1 + pick(3);
    const int n = clients + 2 + pick(14);
    std::vector<std::string> kind(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        kind[k] = i < clients ? "client" : kinds[pick(6)];
        nlohmann::json node{{"id", "n" + std::to_string(i)}, {"kind", kind[k]}};
        if (kind[k] == "client")
            node["params"] = {{"rate_rps", 10},
                              {"read_ratio", pick(3) * 0.5},
                              {"dns_lookup_ratio", pick(2) * 0.5}};
        if (kind[k] == "database" && pick(3) == 0)
            node["params"] = {{"role", "replica"}};
        if (kind[k] == "database" && pick(2) == 0)
            node["params"] = {{"failover", "manual"}};
        if (kind[k] == "cache")
            node["params"] = {{"hit_ratio", pick(3) * 0.5}};
        doc["nodes"].push_back(node);
    }
    for (int i = 0; i < n; ++i)
        for (int j = std::max(i + 1, clients); j < n; ++j) {
            if (pick(4) != 0)
                continue;
            nlohmann::json link{{"from", "n" + std::to_string(i)}, {"to", "n" + std::to_string(j)}};
            if (kind[static_cast<std::size_t>(i)] == "database" &&
                kind[static_cast<std::size_t>(j)] == "database")
                link["kind"] = "replication";
            doc["links"].push_back(link);
        }
    LoadResult r = loadTopology(doc.dump());
    if (!r.topology)
        qFatal("random design does not load");
    return *r.topology;
}

} // namespace

class TestAnalysis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void erlangCMatchesDirectSum_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("load");
        QTest::newRow("1 server, a=0.5") << 1 << 0.5;
        QTest::newRow("2 servers, a=1.5") << 2 << 1.5;
        QTest::newRow("8 servers, a=6.4") << 8 << 6.4;
        QTest::newRow("50 servers, a=45") << 50 << 45.0;
        QTest::newRow("100 servers, a=20") << 100 << 20.0;
    }
    void erlangCMatchesDirectSum()
    {
        QFETCH(int, servers);
        QFETCH(double, load);
        CHECK_NEAR(erlangC(servers, load), erlangCBySum(servers, load));
    }

    void erlangCEdges()
    {
        QCOMPARE(erlangC(1, 0.5), 0.5); // M/M/1: P(wait) = rho
        QCOMPARE(erlangC(4, 4.0), 1.0); // saturated
        QCOMPARE(erlangC(4, 0.0), 0.0);
        // Many servers: the recurrence must not overflow where factorials would.
        const double big = erlangC(100000, 99000);
        QVERIFY(big > 0 && big < 1);
    }

    void finiteQueueMatchesDirectSum_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<int>("limit");
        QTest::addColumn<double>("load"); // a = lambda S
        QTest::newRow("M/M/1/4, rho 0.5") << 1 << 3 << 0.5;
        QTest::newRow("M/M/2/5, rho 1") << 2 << 3 << 2.0;
        QTest::newRow("M/M/3/13, rho 1.4") << 3 << 10 << 4.2;
        QTest::newRow("M/M/8/108, rho 1.24") << 8 << 100 << 9.92;
    }
    void finiteQueueMatchesDirectSum()
    {
        QFETCH(int, servers);
        QFETCH(int, limit);
        QFETCH(double, load);
        // p_n proportional to a^n / n! for n <= c and a^n / (c! c^(n-c)) above.
        const int k = servers + limit;
        std::vector<double> p(k + 1);
        double term = 1, total = 0;
        for (int i = 0; i <= k; ++i) {
            if (i > 0)
                term *= load / std::min(i, servers);
            p[i] = term;
            total += term;
        }
        double lq = 0;
        for (int i = 0; i <= k; ++i) {
            p[i] /= total;
            lq += std::max(0, i - servers) * p[i];
        }
        const double s = 0.010, lambda = load / s;
        const FiniteQueueEstimate q = mmck(lambda, s, servers, limit);
        CHECK_NEAR(q.probReject, p[k]);
        CHECK_NEAR(q.meanQueueLength, lq);
        CHECK_NEAR(q.meanWait, lq / (lambda * (1 - p[k])));
        CHECK_NEAR(q.utilization, lambda * (1 - p[k]) * s / servers);
    }

    void finiteQueueLimits()
    {
        // A vast waiting room is M/M/c; overloaded, it turns away 1 - 1/rho.
        const QueueEstimate open = mmc(300, 0.010, 4);
        const FiniteQueueEstimate roomy = mmck(300, 0.010, 4, 1000000000);
        CHECK_NEAR(roomy.meanWait, open.meanWait);
        QVERIFY(roomy.probReject < 1e-12);
        const FiniteQueueEstimate flooded = mmck(500, 0.010, 4, 1000000000);
        CHECK_NEAR(flooded.probReject, 1 - 1 / 1.25);
        CHECK_NEAR(flooded.utilization, 1.0);
    }

    void queueLimitThinsTheFlowDownstream()
    {
        const Topology t = load(R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":150,"read_ratio":1}},
            {"id":"web","kind":"web_server","params":{"workers":1,"service_ms":10,"queue_limit":5}},
            {"id":"db","kind":"database","params":{"connections":4}}],
            "links":[{"from":"u","to":"web"},{"from":"web","to":"db"}]})");
        const Analysis a = analyze(t);
        const NodeEstimate* web = a.node(NodeId{"web"});
        const FiniteQueueEstimate q = mmck(150, 0.010, 1, 5);
        QVERIFY(!web->stable); // offered 150 %
        CHECK_NEAR(web->offeredLoad, 1.5);
        CHECK_NEAR(*web->rejectFraction, q.probReject);
        CHECK_NEAR(web->utilization, 150 * (1 - q.probReject) * 0.010);
        CHECK_NEAR(web->meanWaitMs, q.meanWait * 1000);
        CHECK_NEAR(a.node(NodeId{"db"})->arrivalRps, 150 * (1 - q.probReject));
        CHECK_NEAR(a.maxScale, 1 / 1.5);
        QVERIFY(hasFinding(a, "error", "web", "rejects about"));
        const auto doc = nlohmann::json::parse(analysisToJsonText(a));
        QCOMPARE(doc["nodes"]["web"]["stable"].get<bool>(), false);
        QVERIFY(doc["nodes"]["web"]["mean_wait_ms"].is_number()); // bounded by the limit
        QVERIFY(doc["nodes"]["web"].contains("reject_fraction"));
    }

    void singleWebServerIsMmc()
    {
        // One client -> one web server with no downstream: exactly an M/M/4 queue.
        const Topology t = load(R"({"format":"scalelab/1","name":"mmc","nodes":[
            {"id":"users","kind":"client","params":{"rate_rps":150,"read_ratio":0.5}},
            {"id":"web","kind":"web_server","params":{"workers":4,"service_ms":20}}],
            "links":[{"from":"users","to":"web","latency_ms":10}]})");
        const Analysis a = analyze(t);
        const NodeEstimate* web = a.node(NodeId{"web"});
        QVERIFY(web);
        CHECK_NEAR(web->arrivalRps, 150.0);
        CHECK_NEAR(web->utilization, 150 * 0.020 / 4);
        const double wq = mmcWait(150, 0.020, 4) * 1000;
        CHECK_NEAR(web->meanWaitMs, wq);
        CHECK_NEAR(web->meanResponseMs, wq + 20);
        QVERIFY(web->stable);
        // End to end: the link both ways plus the response.
        CHECK_NEAR(*a.endToEndMeanMs, 20 + wq + 20);
        CHECK_NEAR(*a.endToEndReadMs, 20 + wq + 20);
        CHECK_NEAR(*a.endToEndWriteMs, 20 + wq + 20);
        QCOMPARE(a.bottleneck->str(), std::string("web"));
        CHECK_NEAR(a.maxScale, 1.0 / 0.75);
        QCOMPARE(spofIds(a), std::vector<std::string>{"web"});
    }

    void speedAndEngineScaleService()
    {
        // NoSQL reads take 0.4 x and writes 0.6 x; speed 2 halves both. Reads and writes
        // mix at one connection: M/G/1 with a hyperexponential service, P-K exact.
        const Topology t = load(R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":100,"read_ratio":0.8}},
            {"id":"web","kind":"web_server","params":{"workers":64,"service_ms":1}},
            {"id":"db","kind":"database","params":{"connections":1,"read_ms":5,"write_ms":10,
              "engine":"nosql","speed":2}}],
            "links":[{"from":"u","to":"web"},{"from":"web","to":"db","latency_ms":0.5}]})");
        const Analysis a = analyze(t);
        const NodeEstimate* db = a.node(NodeId{"db"});
        const double sr = 5 * 0.4 / 2 / 1000, sw = 10 * 0.6 / 2 / 1000; // seconds
        const double lr = 80, lw = 20, lambda = 100;
        const double es = (lr * sr + lw * sw) / lambda;
        const double es2 =
            (lr * 2 * sr * sr + lw * 2 * sw * sw) / lambda; // exponential: E[S^2]=2s^2
        const double rho = lambda * es;
        const double wq = lambda * es2 / (2 * (1 - rho));
        CHECK_NEAR(db->utilization, rho);
        CHECK_NEAR(db->meanWaitMs, wq * 1000);
        CHECK_NEAR(db->meanResponseMs, (wq + es) * 1000);
        CHECK_NEAR(db->readRps, 80.0);
        CHECK_NEAR(db->writeRps, 20.0);
        // Per class: the same FIFO wait, its own service.
        const NodeEstimate* web = a.node(NodeId{"web"});
        CHECK_NEAR(*a.endToEndReadMs, web->meanResponseMs + 1 + (wq + sr) * 1000);
        CHECK_NEAR(*a.endToEndWriteMs, web->meanResponseMs + 1 + (wq + sw) * 1000);
        CHECK_NEAR(*a.endToEndMeanMs, 0.8 * *a.endToEndReadMs + 0.2 * *a.endToEndWriteMs);
    }

    void jacksonFlowThroughTiers()
    {
        // users -> lb -> web1/web2 (round robin) -> cache (hit 0.75) -> db master + 2
        // replicas. Reads: 900/s, writes: 100/s.
        const Topology t = load(R"({"format":"scalelab/1","name":"tiers","nodes":[
            {"id":"users","kind":"client","params":{"rate_rps":1000,"read_ratio":0.9,
              "dns_lookup_ratio":0.2}},
            {"id":"dns","kind":"dns","params":{"workers":2,"service_ms":2}},
            {"id":"lb","kind":"load_balancer"},
            {"id":"web1","kind":"web_server","params":{"workers":8,"service_ms":10}},
            {"id":"web2","kind":"web_server","params":{"workers":8,"service_ms":10}},
            {"id":"cache","kind":"cache","params":{"workers":4,"service_ms":0.5,"hit_ratio":0.75}},
            {"id":"db","kind":"database","params":{"connections":4,"read_ms":4,"write_ms":8}},
            {"id":"r1","kind":"database","params":{"role":"replica","connections":2,"read_ms":4}},
            {"id":"r2","kind":"database","params":{"role":"replica","connections":2,"read_ms":4}}],
            "links":[{"from":"users","to":"dns","latency_ms":5},
                     {"from":"users","to":"lb","latency_ms":30},
                     {"from":"lb","to":"web1","latency_ms":0.5},
                     {"from":"lb","to":"web2","latency_ms":0.5},
                     {"from":"web1","to":"cache","latency_ms":0.2},
                     {"from":"web2","to":"cache","latency_ms":0.2},
                     {"from":"web1","to":"db","latency_ms":1},
                     {"from":"web2","to":"db","latency_ms":1},
                     {"from":"db","to":"r1","kind":"replication","lag_ms":50},
                     {"from":"db","to":"r2","kind":"replication","lag_ms":100}]})");
        const Analysis a = analyze(t);
        const auto node = [&](const char* id) { return a.node(NodeId{id}); };
        CHECK_NEAR(node("dns")->arrivalRps, 200.0);
        CHECK_NEAR(node("lb")->arrivalRps, 1000.0);
        CHECK_NEAR(node("web1")->arrivalRps, 500.0);
        CHECK_NEAR(node("web2")->arrivalRps, 500.0);
        CHECK_NEAR(node("cache")->arrivalRps, 900.0);
        CHECK_NEAR(node("cache")->writeRps, 0.0); // invalidations are not cache requests
        CHECK_NEAR(node("db")->readRps, 0.0);     // replicas take the reads
        CHECK_NEAR(node("db")->writeRps, 100.0);
        CHECK_NEAR(node("r1")->arrivalRps, 900 * 0.25 / 2);
        CHECK_NEAR(node("r2")->arrivalRps, 900 * 0.25 / 2);

        // Two moments (QNA): the DNS sees a Poisson share (M/M/2). Round robin gives each web
        // server every other request (Erlang-2, c_a^2 = 1/2); their departures have
        // c_d^2 = 1 + (1 - rho^2)(c_a^2 - 1); random splits p give p c^2 + 1 - p; the replicas
        // get every other read miss. Waits are Allen-Cunneen, Wq(M/M/c) (c_a^2 + c_s^2) / 2,
        // with Whitt's correction phi (checked on its own in whittPhiLimits).
        const double rhoWeb = 500 * 0.010 / 8;
        const double webOut = 1 + (1 - rhoWeb * rhoWeb) * (0.5 - 1);
        const auto split = [](double scv, double p) { return p * scv + 1 - p; };
        const double toCache = split(webOut, 0.9);
        const double toMaster = split(webOut, 0.1);
        const double toReplica = split(webOut, 2 * 56.25 / 500) / 2;
        const auto wait = [](double lambda, double s, int c, double ca) {
            return mmcWait(lambda, s, c) * 1000 * (ca + 1) / 2 *
                   whittPhi(lambda * s / c, ca, 1.0, c);
        };
        const double wDns = mmcWait(200, 0.002, 2) * 1000 + 2;
        const double wWeb = wait(500, 0.010, 8, 0.5) + 10;
        const double wCache = wait(900, 0.0005, 4, toCache) + 0.5;
        const double wMaster = wait(100, 0.008, 4, toMaster) + 8;
        const double wReplica = wait(112.5, 0.004, 2, toReplica) + 4;
        CHECK_NEAR(node("web1")->arrivalScv, 0.5);
        CHECK_NEAR(node("web1")->departureScv, webOut);
        CHECK_NEAR(node("cache")->arrivalScv, toCache);
        CHECK_NEAR(node("db")->arrivalScv, toMaster);
        CHECK_NEAR(node("r1")->arrivalScv, toReplica);
        CHECK_NEAR(node("dns")->meanResponseMs, wDns);
        CHECK_NEAR(node("cache")->meanResponseMs, wCache);
        CHECK_NEAR(node("db")->meanResponseMs, wMaster);
        CHECK_NEAR(node("web1")->meanResponseMs, wWeb);
        CHECK_NEAR(node("r1")->meanResponseMs, wReplica);
        const double lb = 0; // forwards only (service_ms 0)
        const double front = 0.2 * (10 + wDns) + 60 + lb + 1;
        const double read = front + wWeb + 0.4 + wCache + 0.25 * (2 + wReplica);
        const double write = front + wWeb + 2 + wMaster;
        CHECK_NEAR(*a.endToEndReadMs, read);
        CHECK_NEAR(*a.endToEndWriteMs, write);
        CHECK_NEAR(*a.endToEndMeanMs, 0.9 * read + 0.1 * write);

        // The busiest node sets both the bottleneck and the scale.
        double worst = 0;
        std::string busiest;
        for (const auto& n : a.nodes)
            if (n.utilization > worst) {
                worst = n.utilization;
                busiest = n.id.str();
            }
        QCOMPARE(busiest, std::string("web1")); // 500 * 10 ms / 8 = 0.625
        QCOMPARE(a.bottleneck->str(), std::string("web1"));
        CHECK_NEAR(a.maxScale, 1 / 0.625);
        // Two web servers and an auto-failover group: only the DNS and the balancer.
        QCOMPARE(spofIds(a), (std::vector<std::string>{"dns", "lb"}));
        // Replication lag finding: 100 writes/s x 100 ms = about 10 writes lost.
        QVERIFY(hasFinding(a, "warning", "db", "loses about 10 "));
    }

    void whittPhiLimits()
    {
        // M/M/c needs no correction; one server has no cooperation term (gamma = 0); the
        // correction fades in heavy traffic; smooth service (M/D/c) raises the wait above
        // Allen-Cunneen's, very variable service lowers it.
        for (int c : {1, 2, 8, 64})
            for (double rho : {0.3, 0.7, 0.95})
                CHECK_NEAR(whittPhi(rho, 1.0, 1.0, c), 1.0);
        QVERIFY(whittPhi(0.999, 1.0, 4.0, 8) > 0.99);
        QVERIFY(whittPhi(0.7, 1.0, 0.0, 4) > 1.0);
        QVERIFY(whittPhi(0.7, 1.0, 4.0, 4) < 1.0);
        // gamma caps at 0.24: phi1 = 1.24 for D arrivals at light load on many servers.
        CHECK_NEAR(whittPhi(0.01, 1.0, 0.0, 100), 1.24);
    }

    void weightedAndLeastConnectionsSplit()
    {
        const std::string base = R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":400}},
            {"id":"lb","kind":"load_balancer","params":{"algorithm":"%ALG%"}},
            {"id":"a","kind":"web_server","params":{"workers":6,"service_ms":10}},
            {"id":"b","kind":"web_server","params":{"workers":2,"service_ms":10}}],
            "links":[{"from":"u","to":"lb"},{"from":"lb","to":"a","weight":3},
                     {"from":"lb","to":"b","weight":1}]})";
        for (const std::string alg : {"weighted", "least_connections", "round_robin"}) {
            std::string json = base;
            json.replace(json.find("%ALG%"), 5, alg);
            const Analysis a = analyze(load(json));
            const double share = alg == "round_robin" ? 0.5 : 0.75; // capacity 6:2 = weights 3:1
            CHECK_NEAR(a.node(NodeId{"a"})->arrivalRps, 400 * share);
            CHECK_NEAR(a.node(NodeId{"b"})->arrivalRps, 400 * (1 - share));
        }
    }

    void webServerCallsEveryNextTierAndOneDataPath()
    {
        // Like the simulator: each request calls both back-end services in turn, asks the
        // first cache only and reads the first database link's group only.
        const Topology t = load(R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":100,"read_ratio":1}},
            {"id":"front","kind":"web_server","params":{"workers":4,"service_ms":1}},
            {"id":"auth","kind":"web_server","params":{"network":"private","service_ms":2}},
            {"id":"shop","kind":"web_server","params":{"network":"private","service_ms":3}},
            {"id":"c1","kind":"cache","params":{"hit_ratio":0.5}},
            {"id":"c2","kind":"cache"},
            {"id":"db1","kind":"database"},{"id":"db2","kind":"database"}],
            "links":[{"from":"u","to":"front"},{"from":"front","to":"auth","latency_ms":1},
                     {"from":"front","to":"shop","latency_ms":2},{"from":"front","to":"c1"},
                     {"from":"front","to":"c2"},{"from":"front","to":"db1"},
                     {"from":"front","to":"db2"}]})");
        const Analysis a = analyze(t);
        CHECK_NEAR(a.node(NodeId{"auth"})->arrivalRps, 100.0);
        CHECK_NEAR(a.node(NodeId{"shop"})->arrivalRps, 100.0);
        CHECK_NEAR(a.node(NodeId{"c1"})->arrivalRps, 100.0);
        CHECK_NEAR(a.node(NodeId{"c2"})->arrivalRps, 0.0);
        CHECK_NEAR(a.node(NodeId{"db1"})->arrivalRps, 50.0);
        CHECK_NEAR(a.node(NodeId{"db2"})->arrivalRps, 0.0);
        const auto resp = [&](const char* id) { return a.node(NodeId{id})->meanResponseMs; };
        CHECK_NEAR(*a.endToEndReadMs, resp("front") + 2 + resp("auth") + 4 + resp("shop") +
                                          resp("c1") + 0.5 * resp("db1"));
        // Either service down fails every request: both are single points of failure.
        const auto spof = spofIds(a);
        QVERIFY(std::find(spof.begin(), spof.end(), "auth") != spof.end());
        QVERIFY(std::find(spof.begin(), spof.end(), "shop") != spof.end());
        QVERIFY(std::find(spof.begin(), spof.end(), "c1") == spof.end());
    }

    void blockingWorkerHeldForDownstream()
    {
        const Topology t = load(R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":50,"read_ratio":1}},
            {"id":"web","kind":"web_server","params":{"workers":4,"service_ms":10,
              "concurrency_model":"blocking"}},
            {"id":"db","kind":"database","params":{"connections":1,"read_ms":10}}],
            "links":[{"from":"u","to":"web"},{"from":"web","to":"db","latency_ms":2}]})");
        const Analysis a = analyze(t);
        const double dbResponse = (mmcWait(50, 0.010, 1) + 0.010) * 1000; // M/M/1: 20 ms
        CHECK_NEAR(dbResponse, 20.0);
        const double hold = 10 + 4 + dbResponse;
        CHECK_NEAR(a.node(NodeId{"web"})->serviceMs, hold);
        CHECK_NEAR(a.node(NodeId{"web"})->utilization, 50 * hold / 1000 / 4);
        const double wq = mmcWait(50, hold / 1000, 4) * 1000;
        CHECK_NEAR(*a.endToEndReadMs, wq + hold);
        // The database saturates at 100 req/s, the blocking web tier before: at scale x
        // it holds 14 + 10/(1 - 0.5x) ms per request with 4 workers.
        const double x = a.maxScale;
        QVERIFY(x < 2.0);
        const double holdAtX = 14 + 10 / (1 - 0.5 * x);
        QVERIFY2(std::abs(50 * x * holdAtX / 1000 / 4 - 1) < 1e-6, qPrintable(QString::number(x)));
    }

    void saturatedNodeIsUnstable()
    {
        const Topology t = load(R"({"format":"scalelab/1","name":"hot","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":500}},
            {"id":"web","kind":"web_server","params":{"workers":2,"service_ms":10}}],
            "links":[{"from":"u","to":"web"}]})");
        const Analysis a = analyze(t);
        const NodeEstimate* web = a.node(NodeId{"web"});
        QVERIFY(!web->stable);
        CHECK_NEAR(web->utilization, 2.5);
        CHECK_NEAR(a.maxScale, 0.4);
        QVERIFY(std::isinf(*a.endToEndMeanMs));
        QVERIFY(hasFinding(a, "error", "web", "saturated"));
        const auto doc = nlohmann::json::parse(analysisToJsonText(a));
        QCOMPARE(doc["format"].get<std::string>(), std::string("scalelab-analysis/1"));
        QCOMPARE(doc["name"].get<std::string>(), std::string("hot"));
        QVERIFY(doc["nodes"]["web"]["mean_wait_ms"].is_null());
        QCOMPARE(doc["nodes"]["web"]["stable"].get<bool>(), false);
        QCOMPARE(doc["bottleneck"].get<std::string>(), std::string("web"));
        QVERIFY(doc["end_to_end_ms"]["mean"].is_null());
        QCOMPARE(doc["single_points_of_failure"][0].get<std::string>(), std::string("web"));
        QCOMPARE(doc["findings"][0]["severity"].get<std::string>(), std::string("error"));
    }

    void singlePointsOfFailure_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QStringList>("expected");
        const QString head = QStringLiteral(R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":10}},)");
        QTest::newRow("one lb, two web servers")
            << head + R"({"id":"lb","kind":"load_balancer"},{"id":"w1","kind":"web_server"},
               {"id":"w2","kind":"web_server"}],"links":[{"from":"u","to":"lb"},
               {"from":"lb","to":"w1"},{"from":"lb","to":"w2"}]})"
            << QStringList{"lb"};
        QTest::newRow("one lb, one web server")
            << head + R"({"id":"lb","kind":"load_balancer"},{"id":"w1","kind":"web_server"}],
               "links":[{"from":"u","to":"lb"},{"from":"lb","to":"w1"}]})"
            << QStringList{"lb", "w1"};
        QTest::newRow("master alone")
            << head + R"({"id":"w","kind":"web_server"},{"id":"db","kind":"database"}],
               "links":[{"from":"u","to":"w"},{"from":"w","to":"db"}]})"
            << QStringList{"w", "db"};
        QTest::newRow("master + replica, auto failover")
            << head + R"({"id":"lb","kind":"load_balancer"},{"id":"w1","kind":"web_server"},
               {"id":"w2","kind":"web_server"},{"id":"db","kind":"database"},
               {"id":"r","kind":"database","params":{"role":"replica"}}],
               "links":[{"from":"u","to":"lb"},{"from":"lb","to":"w1"},{"from":"lb","to":"w2"},
               {"from":"w1","to":"db"},{"from":"w2","to":"db"},
               {"from":"db","to":"r","kind":"replication"}]})"
            << QStringList{"lb"};
        QTest::newRow("manual failover keeps the master a SPOF")
            << head + R"({"id":"lb","kind":"load_balancer"},{"id":"w1","kind":"web_server"},
               {"id":"w2","kind":"web_server"},
               {"id":"db","kind":"database","params":{"failover":"manual"}},
               {"id":"r","kind":"database","params":{"role":"replica"}}],
               "links":[{"from":"u","to":"lb"},{"from":"lb","to":"w1"},{"from":"lb","to":"w2"},
               {"from":"w1","to":"db"},{"from":"w2","to":"db"},
               {"from":"db","to":"r","kind":"replication"}]})"
            << QStringList{"lb", "db"};
        QTest::newRow("read-only clients survive a manual master loss")
            << QStringLiteral(R"({"format":"scalelab/1","nodes":[
               {"id":"u","kind":"client","params":{"rate_rps":10,"read_ratio":1}},
               {"id":"w","kind":"web_server"},
               {"id":"db","kind":"database","params":{"failover":"manual"}},
               {"id":"r","kind":"database","params":{"role":"replica"}}],
               "links":[{"from":"u","to":"w"},{"from":"w","to":"db"},
               {"from":"db","to":"r","kind":"replication"}]})")
            << QStringList{"w"};
        QTest::newRow("a cache is never one, DNS is")
            << head + R"({"id":"dns","kind":"dns"},{"id":"w","kind":"web_server"},
               {"id":"c","kind":"cache"},{"id":"db","kind":"database"},
               {"id":"r","kind":"database","params":{"role":"replica"}}],
               "links":[{"from":"u","to":"dns"},{"from":"u","to":"w"},{"from":"w","to":"c"},
               {"from":"w","to":"db"},{"from":"db","to":"r","kind":"replication"}]})"
            << QStringList{"dns", "w"};
        QTest::newRow("two tiers of balancers")
            << head + R"({"id":"lb","kind":"load_balancer"},{"id":"w1","kind":"web_server"},
               {"id":"w2","kind":"web_server"},{"id":"lb2","kind":"load_balancer"},
               {"id":"api","kind":"web_server"}],
               "links":[{"from":"u","to":"lb"},{"from":"lb","to":"w1"},{"from":"lb","to":"w2"},
               {"from":"w1","to":"lb2"},{"from":"w2","to":"lb2"},{"from":"lb2","to":"api"}]})"
            << QStringList{"lb", "lb2", "api"};
    }
    void singlePointsOfFailure()
    {
        QFETCH(QString, json);
        QFETCH(QStringList, expected);
        const Analysis a = analyze(load(json.toStdString()));
        QStringList got;
        for (const auto& id : a.singlePointsOfFailure)
            got << QString::fromStdString(id.str());
        QCOMPARE(got, expected);
        for (const auto& id : a.singlePointsOfFailure)
            QVERIFY(hasFinding(a, "warning", id.str(), "single point of failure"));
    }

    // The linear-time search finds exactly what failing each node in turn finds.
    void singlePointsOfFailureMatchRemovalOneByOne()
    {
        std::mt19937 rng(20);
        int designs = 0, found = 0;
        for (int k = 0; k < 3000; ++k) {
            const Topology t = randomDag(rng);
            const TopologyIndex index(t);
            const RoutingPlan plan = buildRoutingPlan(t, index);
            if (!plan.acyclic)
                continue;
            ++designs;
            const auto fast = scalelab::core::singlePointsOfFailure(t, plan);
            const auto reference = singlePointsOfFailureByRemoval(t, plan);
            found += static_cast<int>(reference.size());
            if (fast != reference)
                qFatal("design %d: %zu single points found, %zu by removal", k, fast.size(),
                       reference.size());
        }
        QVERIFY(designs > 2000);
        QVERIFY(found > designs); // the designs do have single points to find
    }

    void readHeavyWithoutCacheIsPointedOut()
    {
        const Topology t = load(R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":100,"read_ratio":0.95}},
            {"id":"w","kind":"web_server"},{"id":"db","kind":"database"}],
            "links":[{"from":"u","to":"w"},{"from":"w","to":"db"}]})");
        QVERIFY(hasFinding(analyze(t), "info", "db", "Reads are 95% of the requests w send"));
    }

    void lruHitRatioMatchesASimulatedLru()
    {
        // An independent check of Che's approximation: run an actual LRU over Zipf keys.
        const int keys = 5000, capacity = 500;
        const double skew = 0.9;
        std::vector<double> cdf(keys);
        double total = 0;
        for (int k = 0; k < keys; ++k)
            cdf[k] = (total += std::pow(k + 1.0, -skew));
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> uni(0, total);
        std::list<int> lru;
        std::unordered_map<int, std::list<int>::iterator> where;
        int hits = 0;
        const int requests = 400000, warm = 50000;
        for (int i = 0; i < requests; ++i) {
            const int key = int(std::lower_bound(cdf.begin(), cdf.end(), uni(rng)) - cdf.begin());
            auto it = where.find(key);
            if (it != where.end()) {
                hits += i >= warm;
                lru.splice(lru.begin(), lru, it->second);
            } else {
                lru.push_front(key);
                where[key] = lru.begin();
                if (int(lru.size()) > capacity) {
                    where.erase(lru.back());
                    lru.pop_back();
                }
            }
        }
        const double simulated = double(hits) / (requests - warm);
        const double estimate = lruHitRatio(keys, skew, capacity);
        QVERIFY2(std::abs(estimate - simulated) < 0.02,
                 qPrintable(QStringLiteral("Che %1, LRU %2").arg(estimate).arg(simulated)));
        QCOMPARE(lruHitRatio(100, 1.0, 100), 1.0);
        QCOMPARE(lruHitRatio(100, 1.0, 0), 0.0);
        // A billion keys must stay cheap and sensible.
        const double huge = lruHitRatio(1000000000, 0.99, 100000);
        QVERIFY(huge > 0.3 && huge < 0.9);
    }

    void aBalancerOverAPoolHasOneBackendPerInstance()
    {
        // The finding "has one backend" once fired on a pool of 3: each instance is a
        // backend of its own; an autoscaled pool counts the fewest it may drain to.
        const auto design = [](const std::string& webParams, bool second) {
            std::string doc = R"({"format":"scalelab/1","nodes":[
                {"id":"u","kind":"client","params":{"rate_rps":100}},
                {"id":"lb","kind":"load_balancer"},
                {"id":"w","kind":"web_server","params":)" +
                              webParams + R"(},{"id":"w2","kind":"web_server"}],
                "links":[{"from":"u","to":"lb"},{"from":"lb","to":"w"})";
            doc += second ? R"(,{"from":"lb","to":"w2"}]})" : "]}";
            return load(doc);
        };
        const struct {
            const char* params;
            bool second;
            std::int64_t backends;
            const char* remedy; // of the finding; nullptr: none
        } cases[] = {
            {"{}", false, 1, "a second web server behind it"},
            {"{}", true, 2, nullptr},
            {R"({"instances":3})", false, 3, nullptr},
            {R"({"instances":4,"autoscale":true,"min_instances":1})", false, 1,
             "min_instances 2 on 'w'"},
            {R"({"instances":1,"autoscale":true,"min_instances":2})", false, 2, nullptr},
        };
        for (const auto& c : cases) {
            const Topology t = design(c.params, c.second);
            QCOMPARE(TopologyIndex(t).backends(1), c.backends);
            const Analysis a = analyze(t);
            const bool found = hasFinding(a, "info", "lb", "has one backend");
            QVERIFY2(found == (c.remedy != nullptr), c.params);
            if (c.remedy)
                QVERIFY2(hasFinding(a, "info", "lb", c.remedy), c.params);
        }
    }

    void unloadedDesignHasNoBottleneck()
    {
        const Topology t = load(R"({"format":"scalelab/1","nodes":[
            {"id":"u","kind":"client","params":{"rate_rps":0}},{"id":"w","kind":"web_server"}],
            "links":[{"from":"u","to":"w"}]})");
        const Analysis a = analyze(t);
        QVERIFY(!a.bottleneck);
        QVERIFY(std::isinf(a.maxScale));
        QVERIFY(!a.endToEndMeanMs);
        const auto doc = nlohmann::json::parse(analysisToJsonText(a));
        QVERIFY(doc["max_scale"].is_null());
        QVERIFY(doc["bottleneck"].is_null());
    }

    void findingsNameNodesByDisplayNameOnRequest()
    {
        // The panel and the report name nodes as the canvas does ("Master"); the documents
        // `analyze --json` writes keep the ids ("db-master"), sentence for sentence. Only
        // the names differ: the same findings, on the same nodes, with the same figures.
        LoadResult loaded =
            loadTopologyFile(std::string(SCALELAB_EXAMPLES) + "/08-millions-of-users.scalelab");
        QVERIFY(loaded.ok());
        Topology t = *loaded.topology;
        t.findNode(NodeId{"lb"})->name.clear(); // no name: the id stands in
        const Analysis byId = analyze(t);
        const Analysis byName = analyze(t, NodeNaming::DisplayName);
        QCOMPARE(byName.findings.size(), byId.findings.size());
        QVERIFY(byId.findings.size() >= 3);
        for (std::size_t i = 0; i < byId.findings.size(); ++i) {
            const Finding& f = byId.findings[i];
            const Finding& g = byName.findings[i];
            QCOMPARE(g.node, f.node);
            QCOMPARE(g.severity, f.severity);
            const Node* node = t.findNode(f.node);
            QVERIFY(node);
            const std::string id = "'" + node->id.str() + "'";
            const std::string name = "'" + node->displayName() + "'";
            QVERIFY2(f.text.find(id) != std::string::npos, f.text.c_str());
            QVERIFY2(g.text.find(name) != std::string::npos, g.text.c_str());
            if (name != id)
                QVERIFY2(g.text.find(id) == std::string::npos, g.text.c_str());
            // The same sentence once the names are put back.
            std::string back = g.text;
            for (std::size_t at = back.find(name); at != std::string::npos;
                 at = back.find(name, at + id.size()))
                back.replace(at, name.size(), id);
            QCOMPARE(back, f.text);
        }
        QCOMPARE(nlohmann::json::parse(analysisToJsonText(byName))["nodes"],
                 nlohmann::json::parse(analysisToJsonText(byId))["nodes"]);
    }
};

QTEST_APPLESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
