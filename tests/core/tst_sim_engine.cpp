// The engine's own guarantees: determinism, slicing, the event cap, the command inbox,
// snapshots, the results contract, and the building blocks (histogram, LRU, Zipf keys).
#include <algorithm>
#include <cmath>
#include <list>
#include <random>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include <QTest>

#include "SimTestSupport.h"
#include "core/model/Topology.h"
#include "core/sim/LatencyHistogram.h"
#include "core/sim/LruCache.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"
#include "core/sim/ZipfSampler.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

// Client -> DNS + load balancer -> two web servers -> cache + master with a replica.
Topology fullTopology(std::uint64_t seed, double durationS)
{
    Topology t;
    t.name = "full";
    t.simulation = {durationS, 1.0, seed};
    t.nodes = {makeNode("users", "client",
                        {{"rate_rps", 2000.0},
                         {"read_ratio", 0.8},
                         {"dns_lookup_ratio", 0.2},
                         {"timeout_ms", 400.0},
                         {"key_space", std::int64_t{1000}}}),
               makeNode("dns", "dns"),
               makeNode("lb", "load_balancer", {{"algorithm", std::string("least_connections")}}),
               makeNode("web1", "web_server", {{"workers", std::int64_t{8}}, {"service_ms", 2.0}}),
               makeNode("web2", "web_server",
                        {{"workers", std::int64_t{8}},
                         {"service_ms", 2.0},
                         {"concurrency_model", std::string("blocking")}}),
               makeNode("cache", "cache", {{"capacity_keys", std::int64_t{200}}}),
               makeNode("db", "database", {{"connections", std::int64_t{8}}}),
               makeNode("db-r1", "database", {{"role", std::string("replica")}})};
    t.links = {makeLink("users", "dns", 10),   makeLink("users", "lb", 20),
               makeLink("lb", "web1", 0.5),    makeLink("lb", "web2", 0.5),
               makeLink("web1", "cache", 0.2), makeLink("web2", "cache", 0.2),
               makeLink("web1", "db", 1),      makeLink("web2", "db", 1)};
    Link replication = makeLink("db", "db-r1");
    replication.kind = LinkKind::Replication;
    replication.params["lag_ms"] = 30.0;
    t.links.push_back(replication);
    return t;
}

// Results without the wall-clock figures, which are the only thing allowed to differ.
std::string deterministicJson(RunResults r)
{
    r.engine.wallS = 0;
    r.engine.eventsPerS = 0;
    return resultsToJson(r);
}

} // namespace

class TestSimEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullTopologyIsValid() { QVERIFY(!hasErrors(validate(fullTopology(1, 10)))); }

    void sameSeedSameResultsBitForBit()
    {
        const Topology t = fullTopology(42, 8);
        const std::string a = deterministicJson(simulate(t));
        const std::string b = deterministicJson(simulate(t));
        QCOMPARE(a, b);
        const std::string c = deterministicJson(simulate(fullTopology(43, 8)));
        QVERIFY(a != c);
    }

    // The GUI advances in slices; where the slices fall must not change anything.
    void slicesGiveTheSameResultsAsOneRun()
    {
        const Topology t = fullTopology(5, 6);
        const std::string whole = deterministicJson(simulate(t));
        Simulation sliced(t);
        SimTime next = 0;
        while (!sliced.finished()) {
            next += 37'000'000; // 37 ms, not aligned with anything in the model
            sliced.runUntil(next);
            (void)sliced.snapshot();
        }
        QCOMPARE(sliced.now(), sliced.end());
        QCOMPARE(deterministicJson(sliced.results()), whole);
    }

    void everyQueueGivesTheSameResults()
    {
        const Topology t = fullTopology(9, 4);
        SimulationOptions options;
        options.queue = QueueKind::BinaryHeap;
        const std::string binary = deterministicJson(simulate(t, options));
        for (QueueKind kind : {QueueKind::QuaternaryHeap, QueueKind::Calendar, QueueKind::Wheel,
                               QueueKind::Adaptive}) {
            options.queue = kind;
            RunResults r = simulate(t, options);
            r.engine.queue = "binary_heap";
            QCOMPARE(deterministicJson(r), binary);
        }
    }

    // Enough traffic that the adaptive queue moves to the timing wheel mid-run: the
    // results stay those of the plain heap.
    void adaptiveQueueSwitchChangesNothing()
    {
        Topology t = fullTopology(12, 3);
        t.nodes[0].params["rate_rps"] = 20000.0;
        t.nodes[3].params["workers"] = std::int64_t{64};
        t.nodes[4].params["workers"] = std::int64_t{64};
        SimulationOptions options;
        options.queue = QueueKind::BinaryHeap;
        const std::string binary = deterministicJson(simulate(t, options));
        options.queue = QueueKind::Adaptive;
        RunResults r = simulate(t, options);
        QCOMPARE(r.engine.queue, std::string("adaptive (timing_wheel)"));
        r.engine.queue = "binary_heap";
        QCOMPARE(deterministicJson(r), binary);
    }

    // Timeouts wait in a lane in the order they were set. Shortening timeout_ms mid-run
    // makes new timeouts due before old ones: they must still fire on time, not queue
    // behind the old ones.
    void shortenedTimeoutFiresOnTime()
    {
        Topology t;
        t.simulation = {10, 0, 3};
        t.nodes = {
            makeNode(
                "users", "client",
                {{"rate_rps", 10.0}, {"arrival", std::string("constant")}, {"timeout_ms", 2000.0}}),
            makeNode("web", "web_server",
                     {{"workers", std::int64_t{1}},
                      {"service_ms", 100000.0},
                      {"service_dist", std::string("constant")}})};
        t.links = {makeLink("users", "web")};
        ScenarioAction shorten{5.05, ActionType::Set, NodeId("users"), "timeout_ms", 500.0, {}};
        t.scenario = {shorten};
        QVERIFY(!hasErrors(validate(t)));
        // Requests leave every 0.1 s and none is ever answered: each times out.
        const double checkAt = 6.05;
        std::uint64_t expected = 0;
        for (int k = 1; k * 0.1 < checkAt; ++k) {
            const double created = k * 0.1;
            const double timeout = created < shorten.atS ? 2.0 : 0.5;
            if (created + timeout <= checkAt)
                ++expected;
        }
        QCOMPARE(expected, std::uint64_t{45}); // 40 with the old timeout, 5 with the new
        Simulation sim(t);
        sim.runUntil(fromSeconds(checkAt));
        QCOMPARE(sim.snapshot().failed, expected);
    }

    void eventCapStopsTheRun()
    {
        SimulationOptions options;
        options.maxEvents = 5000;
        Simulation s(fullTopology(1, 100), options);
        s.run();
        QVERIFY(s.finished());
        QCOMPARE(s.events(), std::uint64_t{5000});
        QVERIFY(s.now() < s.end());
        const RunResults r = s.results();
        QVERIFY(r.engine.eventCapReached);
        QVERIFY(r.events.back().kind == EventKind::EventCapReached);
    }

    // A queue without a limit under twice the load it can serve grows without end: the
    // run stops at the frame cap instead of taking all memory, and says why.
    void frameCapStopsAnOverloadedRun()
    {
        Topology t;
        t.simulation = {600, 0, 2};
        t.nodes = {
            makeNode("users", "client", {{"rate_rps", 2000.0}}),
            makeNode("web", "web_server", {{"workers", std::int64_t{1}}, {"service_ms", 1.0}})};
        t.links = {makeLink("users", "web", 5)};
        SimulationOptions options;
        options.maxFrames = 20000;
        Simulation s(t, options);
        s.run();
        QVERIFY(s.finished());
        QVERIFY(s.now() < s.end());
        // About 1,000 req/s pile up: the cap of 20,000 frames (two per request) is hit
        // after roughly 10 simulated seconds, not 600.
        QVERIFY2(toSeconds(s.now()) > 5 && toSeconds(s.now()) < 20,
                 qPrintable(QString::number(toSeconds(s.now()))));
        const RunResults r = s.results();
        QVERIFY(r.engine.eventCapReached);
        QVERIFY(r.events.back().kind == EventKind::EventCapReached);
        QVERIFY(r.events.back().detail.find("call frames alive") != std::string::npos);
    }

    void resultsHaveEveryContractKey()
    {
        const auto doc = nlohmann::json::parse(resultsToJson(simulate(fullTopology(3, 5))));
        for (const char* key : {"format", "name", "seed", "duration_s", "warmup_s", "requests",
                                "throughput_rps", "availability", "latency_ms", "by_class", "nodes",
                                "data", "events", "timeseries", "engine"})
            QVERIFY2(doc.contains(key), key);
        QCOMPARE(doc["format"].get<std::string>(), std::string("scalelab-results/1"));
        for (const char* key : {"generated", "completed", "failed", "by_reason"})
            QVERIFY2(doc["requests"].contains(key), key);
        for (const char* key : {"rejected", "refused", "timeout", "lost"})
            QVERIFY2(doc["requests"]["by_reason"].contains(key), key);
        for (const char* key : {"mean", "p50", "p90", "p95", "p99", "p999", "max"})
            QVERIFY2(doc["latency_ms"].contains(key) &&
                         doc["by_class"]["write"]["latency_ms"].contains(key),
                     key);
        QVERIFY(doc["by_class"]["read"].contains("count"));
        QCOMPARE(doc["nodes"].size(), std::size_t{8});
        for (const char* key : {"kind", "arrivals", "completed", "utilization", "mean_queue_length",
                                "mean_wait_ms", "mean_response_ms", "rejected", "up_fraction"})
            QVERIFY2(doc["nodes"]["web1"].contains(key), key);
        QVERIFY(doc["data"].contains("lost_writes") && doc["data"].contains("stale_reads"));
        for (const char* key :
             {"interval_s", "t_s", "throughput_rps", "p50_ms", "p99_ms", "errors"})
            QVERIFY2(doc["timeseries"].contains(key), key);
        // 5 s run, 1 s warm-up: four 1-second intervals starting at the warm-up.
        QCOMPARE(doc["timeseries"]["t_s"].size(), std::size_t{4});
        QCOMPARE(doc["timeseries"]["t_s"][0].get<double>(), 1.0);
        for (const char* key : {"events", "wall_s", "events_per_s"})
            QVERIFY2(doc["engine"].contains(key), key);
        // Conservation: every measured request completed or failed, give or take those in
        // flight at the edges of the window.
        const auto& req = doc["requests"];
        const double generated = req["generated"].get<double>();
        const double finished = req["completed"].get<double>() + req["failed"].get<double>();
        QVERIFY(std::abs(generated - finished) < 0.02 * generated);
        QVERIFY(generated > 7000); // 2000 req/s for 4 s
    }

    void csvHasOneRowPerInterval()
    {
        const std::string csv = timeSeriesToCsv(simulate(fullTopology(3, 4)));
        QVERIFY(csv.rfind("t_s,throughput_rps,p50_ms,p99_ms,errors\n", 0) == 0);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 1 + 3L);
    }

    void snapshotsShowRequestsOnLinksAndNewEvents()
    {
        Topology t = fullTopology(2, 10);
        Simulation s(t);
        s.runUntil(2'000'000'000);
        Snapshot first = s.snapshot();
        QCOMPARE(first.now, SimTime{2'000'000'000});
        QCOMPARE(first.nodes.size(), t.nodes.size());
        QVERIFY(first.inFlightTotal > 0);
        QVERIFY(!first.inFlight.empty());
        for (const InFlightSample& f : first.inFlight) {
            QVERIFY(f.link < t.links.size());
            QVERIFY(f.progress >= 0 && f.progress <= 1);
        }
        QVERIFY(first.nodes[3].arrivals > 0);
        QCOMPARE(first.nodes[6].role, std::string("master"));
        QCOMPARE(first.nodes[2].backendsInRotation.size(), std::size_t{2});
        QVERIFY(first.throughputRps > 1500 && first.throughputRps < 2500);

        ScenarioAction fail;
        fail.action = ActionType::Fail;
        fail.node = NodeId("web1");
        // From another thread, as the GUI may do.
        std::thread poster([&] { s.post(fail); });
        poster.join();
        s.runUntil(6'000'000'000);
        const Snapshot second = s.snapshot();
        QVERIFY(!second.nodes[3].up);
        QCOMPARE(second.nodes[3].busy, std::uint32_t{0});
        bool failed = false, markedDown = false;
        for (const EventRecord& e : second.newEvents) {
            failed |=
                e.kind == EventKind::NodeFailed && e.node == "web1" && std::abs(e.tS - 2.0) < 1e-9;
            markedDown |=
                e.kind == EventKind::BackendMarkedDown && e.node == "lb" && e.detail == "web1";
        }
        QVERIFY(failed);
        QVERIFY(markedDown);
        QVERIFY(!second.nodes[2].backendsInRotation[0]);
        QVERIFY(s.snapshot().newEvents.empty()); // only what happened since the last one
    }

    void histogramQuantilesWithinOnePercent()
    {
        std::mt19937_64 rng(11);
        std::lognormal_distribution<double> dist(13.0, 1.5); // ns: ~0.4 ms median, wide
        std::vector<SimTime> values;
        LatencyHistogram h;
        LatencyHistogram a, b;
        for (int i = 0; i < 200000; ++i) {
            const auto v = static_cast<SimTime>(dist(rng));
            values.push_back(v);
            h.record(v);
            (i % 2 ? a : b).record(v);
        }
        a.merge(b);
        std::sort(values.begin(), values.end());
        for (double q : {0.01, 0.5, 0.9, 0.95, 0.99, 0.999}) {
            const std::size_t rank = static_cast<std::size_t>(std::ceil(q * values.size()));
            const double exact = static_cast<double>(values[rank - 1]);
            QVERIFY2(std::abs(h.quantileNs(q) - exact) <= 0.01 * exact,
                     qPrintable(QString::number(q)));
            QCOMPARE(a.quantileNs(q), h.quantileNs(q));
        }
        QCOMPARE(h.maxNs(), static_cast<double>(values.back()));
        QCOMPARE(a.count(), h.count());
    }

    // End to end: percentiles of a small run against an exact sort of every latency.
    void runPercentilesMatchExactSort()
    {
        Topology t;
        t.simulation = {30, 2, 4};
        t.nodes = {makeNode("users", "client", {{"rate_rps", 1500.0}}),
                   makeNode("web", "web_server",
                            {{"workers", std::int64_t{2}},
                             {"service_ms", 1.0},
                             {"service_dist", std::string("lognormal")},
                             {"service_cv", 2.0}})};
        t.links = {makeLink("users", "web", 3)};
        SimulationOptions options;
        options.keepLatencies = true;
        const RunResults r = simulate(t, options);
        std::vector<double> all = r.latenciesMs;
        QCOMPARE(all.size(), static_cast<std::size_t>(r.completed));
        QVERIFY(all.size() > 30000);
        std::sort(all.begin(), all.end());
        auto exact = [&](double q) {
            return all[static_cast<std::size_t>(std::ceil(q * all.size())) - 1];
        };
        const std::pair<double, double> pairs[] = {{0.5, r.latency.p50},
                                                   {0.9, r.latency.p90},
                                                   {0.95, r.latency.p95},
                                                   {0.99, r.latency.p99},
                                                   {0.999, r.latency.p999}};
        for (const auto& [q, got] : pairs) {
            qInfo("q=%.3f histogram %.4f ms exact %.4f ms", q, got, exact(q));
            QVERIFY(std::abs(got - exact(q)) <= 0.01 * exact(q));
        }
        double sum = 0;
        for (double v : all)
            sum += v;
        QVERIFY(std::abs(r.latency.mean - sum / all.size()) < 1e-6 * r.latency.mean);
        QCOMPARE(r.latency.max, all.back());
    }

    void lruMatchesAReferenceList()
    {
        LruCache cache;
        cache.reset(50);
        std::list<std::uint64_t> order; // front = most recent
        std::unordered_map<std::uint64_t, std::list<std::uint64_t>::iterator> where;
        std::mt19937_64 rng(3);
        for (int i = 0; i < 200000; ++i) {
            const std::uint64_t key = rng() % 120;
            if (rng() % 10 == 0) {
                cache.erase(key);
                if (auto it = where.find(key); it != where.end()) {
                    order.erase(it->second);
                    where.erase(it);
                }
                continue;
            }
            const bool expected = where.count(key) > 0;
            QCOMPARE(cache.access(key), expected);
            if (expected)
                order.erase(where[key]);
            else if (order.size() == 50) {
                where.erase(order.back());
                order.pop_back();
            }
            order.push_front(key);
            where[key] = order.begin();
            QCOMPARE(cache.size(), order.size());
        }
    }

    void zipfKeysFollowTheirLaw()
    {
        const std::uint64_t n = 1000;
        for (double s : {0.0, 0.8, 1.0, 1.3}) {
            ZipfSampler zipf(n, s);
            RandomEngine rng = makeStream(1, 0);
            std::vector<double> counts(n + 1, 0);
            const int draws = 400000;
            for (int i = 0; i < draws; ++i) {
                const std::uint64_t k = zipf(rng);
                QVERIFY(k >= 1 && k <= n);
                ++counts[k];
            }
            double norm = 0;
            for (std::uint64_t k = 1; k <= n; ++k)
                norm += std::pow(static_cast<double>(k), -s);
            for (std::uint64_t k : {1, 2, 10, 100}) {
                const double p = std::pow(static_cast<double>(k), -s) / norm;
                const double sigma = std::sqrt(draws * p * (1 - p));
                QVERIFY2(std::abs(counts[k] - draws * p) < 5 * sigma,
                         qPrintable(QStringLiteral("s=%1 k=%2").arg(s).arg(k)));
            }
        }
    }

    // The sampler looks the first keys up in a table; every draw must give the key the
    // rejection-inversion gives, also on and around each key's edges and acceptance bound.
    void zipfTableGivesTheInversionsKeys()
    {
        struct Law {
            std::uint64_t n;
            double s;
        };
        for (const Law law : {Law{10000, 0.99}, Law{1000, 0.8}, Law{1000, 1.0}, Law{1000, 1.3},
                              Law{5, 2.0}, Law{1000000000, 0.99}, Law{2000, 0.5}, Law{100, 4.9}}) {
            const ZipfSampler zipf(law.n, law.s);
            QVERIFY2(zipf.tableKeys() >= 2,
                     qPrintable(QStringLiteral("n=%1 s=%2: no table").arg(law.n).arg(law.s)));
            const double s = law.s;
            // H, its inverse and h as Hörmann and Derflinger define them, written out here.
            const auto bigH = [s](double x) {
                return s == 1.0 ? std::log(x) : (std::pow(x, 1 - s) - 1) / (1 - s);
            };
            const auto bigHInverse = [s](double u) {
                return s == 1.0 ? std::exp(u) : std::pow(1 + (1 - s) * u, 1 / (1 - s));
            };
            const double top = bigH(static_cast<double>(law.n) + 0.5);
            const double bottom = bigH(1.5) - 1;
            const double threshold = 2 - bigHInverse(bigH(2.5) - std::pow(2.0, -s));
            const auto unitOf = [&](double u) { return (u - top) / (bottom - top); };
            std::vector<double> units;
            RandomEngine rng = makeStream(7, 0);
            for (int i = 0; i < 300000; ++i)
                units.push_back(uniform01(rng));
            const double scale = std::max({1.0, std::abs(top), std::abs(bottom)});
            for (std::uint64_t k = 1; k <= std::min<std::uint64_t>(law.n, 1100); ++k) {
                const auto x = static_cast<double>(k);
                for (double edge :
                     {bigH(x + 0.5), bigH(x - threshold), bigH(x + 0.5) - std::pow(x, -s)}) {
                    for (double away : {0.0, 1e-15, 1e-12, 5e-10, 2e-9, 1e-8, 1e-6}) {
                        for (double sign : {-1.0, 1.0}) {
                            const double unit = unitOf(edge + sign * away * scale);
                            if (unit >= 0 && unit < 1)
                                units.push_back(unit);
                        }
                    }
                }
            }
            int drawn = 0;
            for (const double unit : units) {
                const std::uint64_t k = zipf.keyFor(unit);
                if (k != zipf.keyByInversion(unit))
                    QFAIL(qPrintable(QStringLiteral("n=%1 s=%2 unit=%3: table %4, inversion %5")
                                         .arg(law.n)
                                         .arg(s)
                                         .arg(unit, 0, 'g', 17)
                                         .arg(k)
                                         .arg(zipf.keyByInversion(unit))));
                drawn += k > 0;
            }
            QVERIFY(drawn > 0);
        }
    }

    void memoryDoesNotGrowWithRequests()
    {
        // Frames are pooled: a run ten times longer must not need more of them.
        Topology t = fullTopology(8, 3);
        Simulation shortRun(t);
        shortRun.run();
        t.simulation.durationS = 30;
        Simulation longRun(t);
        longRun.run();
        QVERIFY(longRun.results().generated > 9 * shortRun.results().generated);
        // The live count of requests on links stays bounded too.
        QVERIFY(longRun.snapshot().inFlightTotal < 1000);
    }
};

QTEST_APPLESS_MAIN(TestSimEngine)
#include "tst_sim_engine.moc"
