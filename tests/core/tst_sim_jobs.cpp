// Message queues and workers against queueing theory: the backlog and the workers' threads
// are one c-server FIFO queue, so job latency is Erlang C's M/M/c, a bounded backlog drops
// what M/M/c/K predicts, and an outage of the workers builds a backlog of rate x duration
// that drains at the spare capacity. Expected values come from the formulas here.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

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

double erlangC(int c, double a)
{
    double term = 1, sum = 1; // a^k / k!
    for (int k = 1; k < c; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / c * c / (c - a);
    return last / (sum + last);
}

/// Mean time in an M/M/c queue (wait + service), ms.
double mmcResponseMs(int c, double lambda, double serviceMs)
{
    const double mu = 1000.0 / serviceMs;
    return (erlangC(c, lambda / mu) / (c * mu - lambda) + 1.0 / mu) * 1000.0;
}

/// M/M/c/K blocking probability p_K by the textbook sum (K = c + waiting room).
double mmckBlocking(int c, int waiting, double lambda, double serviceMs)
{
    const double a = lambda * serviceMs / 1000.0;
    std::vector<double> p;
    double term = 1;
    p.push_back(1);
    for (int n = 1; n <= c + waiting; ++n) {
        term *= n <= c ? a / n : a / c;
        p.push_back(term);
    }
    double sum = 0;
    for (double x : p)
        sum += x;
    return p.back() / sum;
}

Link jobLink(const char* from, const char* to, LinkKind kind)
{
    Link l = makeLink(from, to);
    l.kind = kind;
    return l;
}

/// users -> web (publishes every request) -> queue -> one worker of `threads` x serviceMs.
Topology jobs(double lambda, int threads, double serviceMs, std::int64_t capacity, double durationS,
              std::uint64_t seed, bool evenly = false)
{
    Topology t;
    t.simulation = {durationS, 5.0, seed};
    const char* dist = evenly ? "constant" : "exponential";
    t.nodes = {
        makeNode("users", "client",
                 {{"rate_rps", lambda}, {"arrival", std::string(evenly ? "constant" : "poisson")}}),
        makeNode("web", "web_server",
                 {{"workers", std::int64_t{64}},
                  {"service_ms", 0.1},
                  {"service_dist", std::string(dist)},
                  {"publish_ratio", 1.0}}),
        makeNode("queue", "message_queue",
                 {{"capacity", capacity}, {"service_dist", std::string(dist)}}),
        makeNode("worker", "worker",
                 {{"workers", std::int64_t{threads}}, {"service_ms", serviceMs}}),
    };
    t.links = {makeLink("users", "web"), jobLink("web", "queue", LinkKind::Publish),
               jobLink("queue", "worker", LinkKind::Consume)};
    return t;
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s / static_cast<double>(v.size());
}

double stdError(const std::vector<double>& v)
{
    const double m = mean(v);
    double var = 0;
    for (double x : v)
        var += (x - m) * (x - m);
    return std::sqrt(var / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
}

std::uint64_t backlogAt(const RunResults& r, double tS)
{
    // The series holds the backlog at the end of each interval [t, t + 1).
    for (std::size_t i = 0; i < r.timeseries.tS.size(); ++i)
        if (std::abs(r.timeseries.tS[i] + r.timeseries.intervalS - tS) < 1e-9)
            return r.timeseries.backlog[i];
    qFatal("no interval ends at %g", tS);
}

} // namespace

class TestSimJobs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theoryHelpersSanity()
    {
        QVERIFY(std::abs(erlangC(2, 1.0) - 1.0 / 3.0) < 1e-12);
        // M/M/1/1 (no waiting room): Erlang B with one server, a / (1 + a).
        QVERIFY(std::abs(mmckBlocking(1, 0, 500, 1) - 0.5 / 1.5) < 1e-12);
    }

    void filesValidateAndLinksArePermitted()
    {
        const Topology t = jobs(10, 2, 10, 0, 10, 1);
        for (const auto& d : validate(t))
            QVERIFY2(d.severity != Severity::Error, d.message.c_str());
        // Wrong pairs name both ends.
        Topology wrong = t;
        wrong.links.push_back(jobLink("queue", "web", LinkKind::Consume));
        bool named = false;
        for (const auto& d : validate(wrong))
            named = named || (d.severity == Severity::Error &&
                              d.message.find("'queue' (message queue) -> 'web' (web server)") !=
                                  std::string::npos);
        QVERIFY(named);
        // A queue nobody consumes from, and a publish share without a queue, are warned of.
        Topology lonely = t;
        lonely.links.pop_back();
        bool warned = false;
        for (const auto& d : validate(lonely))
            warned = warned || (d.severity == Severity::Warning &&
                                d.message.find("has no worker") != std::string::npos);
        QVERIFY(warned);
        Topology noLink = t;
        noLink.links = {makeLink("users", "web")};
        warned = false;
        for (const auto& d : validate(noLink))
            warned = warned || d.path == "/nodes/1/params/publish_ratio";
        QVERIFY(warned);
    }

    void jobLatencyIsErlangC()
    {
        // rho = 300 x 10 ms / 4 = 0.75; 6 seeds x 300,000 jobs.
        const int c = 4;
        const double lambda = 300, serviceMs = 10;
        std::vector<double> latencies, utilizations, clientMs;
        for (std::uint64_t s = 0; s < 6; ++s) {
            const RunResults r = simulate(jobs(lambda, c, serviceMs, 0, 1005, 11 + s * 7919));
            QVERIFY(r.jobs.present);
            QCOMPARE(r.jobs.dropped, std::uint64_t{0});
            QVERIFY(r.jobs.completed > 290000);
            latencies.push_back(r.jobs.latency.mean);
            utilizations.push_back(nodeOf(r, "worker").utilization);
            clientMs.push_back(r.latency.mean);
            // Jobs wait in the queue, never at the worker.
            QVERIFY(nodeOf(r, "worker").meanWaitMs < 1e-9);
        }
        const double expected = mmcResponseMs(c, lambda, serviceMs);
        const double m = mean(latencies);
        qInfo("job latency %.4f ms ± %.4f, Erlang C %.4f ms (%+.2f%%)", m,
              1.96 * stdError(latencies), expected, 100 * (m - expected) / expected);
        QVERIFY(std::abs(m - expected) < 0.02 * expected);
        QVERIFY(std::abs(mean(utilizations) - 0.75) < 0.01);
        // The client waits for the ack only: its latency has no job time in it.
        QVERIFY(mean(clientMs) < 2.0);

        // The analyzer's job estimate is the same formula.
        const Analysis a = analyze(jobs(lambda, c, serviceMs, 0, 1005, 1));
        const NodeEstimate* q = a.node(NodeId("queue"));
        QVERIFY(q && q->jobs);
        QCOMPARE(q->jobs->threads, std::int64_t{c});
        QVERIFY(std::abs(q->jobs->meanLatencyMs - expected) < 1e-9 * expected);
        QVERIFY(std::abs(a.node(NodeId("worker"))->utilization - 0.75) < 1e-12);
        QVERIFY(*a.endToEndMeanMs < 2.0);
    }

    void boundedQueueDropsWhatMMcKPredicts()
    {
        // 2 threads x 10 ms, room for 5 jobs: K = 7, offered 250 jobs/s = 1.25 x capacity.
        const int c = 2, room = 5;
        const double lambda = 250, serviceMs = 10;
        std::vector<double> dropped;
        for (std::uint64_t s = 0; s < 5; ++s) {
            const RunResults r = simulate(jobs(lambda, c, serviceMs, room, 805, 3 + s * 104729));
            const double offered = static_cast<double>(r.jobs.published + r.jobs.dropped);
            dropped.push_back(static_cast<double>(r.jobs.dropped) / offered);
            QVERIFY(r.jobs.backlogMax <= static_cast<std::uint64_t>(room));
            // A dropped publish is an error the client sees.
            QCOMPARE(r.byReason.at("rejected"), r.jobs.dropped);
        }
        const double expected = mmckBlocking(c, room, lambda, serviceMs);
        qInfo("dropped %.4f ± %.4f, M/M/2/7 %.4f", mean(dropped), 1.96 * stdError(dropped),
              expected);
        QVERIFY(std::abs(mean(dropped) - expected) < 0.01);
        const Analysis a = analyze(jobs(lambda, c, serviceMs, room, 805, 1));
        QVERIFY(std::abs(*a.node(NodeId("queue"))->jobs->dropFraction - expected) < 1e-9);
    }

    void workerOutageBuildsABacklogThatDrains()
    {
        // 40 jobs/s evenly spaced; 4 threads x 50 ms finish 80 jobs/s. The worker is down
        // from 100 s to 120 s: the backlog reaches 40 x 20 = 800 (plus the jobs it held,
        // handed out again) and drains at 80 - 40 = 40 jobs/s: empty about 20 s later.
        const double lambda = 40, down = 20, capacity = 4 * 1000.0 / 50;
        Topology t = jobs(lambda, 4, 50, 0, 170, 7, true);
        ScenarioAction fail, recover;
        fail.atS = 100;
        fail.action = ActionType::Fail;
        fail.node = NodeId("worker");
        recover = fail;
        recover.atS = 100 + down;
        recover.action = ActionType::Recover;
        t.scenario = {fail, recover};
        const RunResults r = simulate(t);

        const auto peak = static_cast<double>(backlogAt(r, 120));
        qInfo("backlog at 120 s: %.0f (rate x outage = %.0f)", peak, lambda * down);
        QVERIFY(peak >= lambda * down - 1 && peak <= lambda * down + 4 + 2);
        QVERIFY(r.jobs.backlogMax >= static_cast<std::uint64_t>(peak));
        const double drain = capacity - lambda;
        const auto half = static_cast<double>(backlogAt(r, 130));
        qInfo("backlog at 130 s: %.0f (expected %.0f)", half, peak - drain * 10);
        QVERIFY(std::abs(half - (peak - drain * 10)) < 60);
        double emptyAt = 0;
        for (int s = 121; s < 170 && emptyAt == 0; ++s)
            if (backlogAt(r, s) <= 2)
                emptyAt = s;
        qInfo("empty again at %.0f s (expected %.1f)", emptyAt, 120 + peak / drain);
        QVERIFY(std::abs(emptyAt - (120 + peak / drain)) <= 4);
        // Nothing was lost: the jobs the worker held were handed out again.
        QVERIFY(r.jobs.redelivered >= 1 && r.jobs.redelivered <= 4);
        QCOMPARE(r.jobs.failed, std::uint64_t{0});
        QCOMPARE(r.failed, std::uint64_t{0}); // the clients never noticed
    }

    void aWorkerPoolIsOneStationOfAllItsThreads()
    {
        // Two instances of 2 threads each are 4 servers on the queue's one backlog: the
        // same Erlang C as one worker of 4 threads (rho = 300 x 10 ms / 4 = 0.75).
        const int perInstance = 2, instances = 2;
        const double lambda = 300, serviceMs = 10;
        std::vector<double> latencies;
        for (std::uint64_t s = 0; s < 3; ++s) {
            Topology t = jobs(lambda, perInstance, serviceMs, 0, 305, 5 + s * 7919);
            t.nodes[3].params["instances"] = std::int64_t{instances};
            const RunResults r = simulate(t);
            latencies.push_back(r.jobs.latency.mean);
            QVERIFY(std::abs(nodeOf(r, "worker").instancesMean - instances) < 1e-9);
        }
        const double pooled = mmcResponseMs(perInstance * instances, lambda, serviceMs);
        const double single = mmcResponseMs(perInstance, lambda / instances, serviceMs);
        qInfo("job latency %.4f ms ± %.4f, Erlang C for %d servers %.4f ms (one instance's "
              "share on its own: %.4f ms)",
              mean(latencies), 1.96 * stdError(latencies), perInstance * instances, pooled, single);
        QVERIFY(std::abs(mean(latencies) - pooled) < 0.03 * pooled);
        // Not two separate queues: those would wait visibly longer.
        QVERIFY(single > 1.15 * pooled);
        Topology t = jobs(lambda, perInstance, serviceMs, 0, 305, 1);
        t.nodes[3].params["instances"] = std::int64_t{instances};
        QCOMPARE(analyze(t).node(NodeId("queue"))->jobs->threads,
                 std::int64_t{perInstance * instances});
    }

    void aWorkersDownstreamCallReachesTheDatabase()
    {
        // Every job is the deferred work of its request: the worker calls the database
        // once per job, so the database sees as many requests as the workers finished (give
        // or take the jobs in flight at the measured window's two ends), and nothing else.
        Topology t = jobs(100, 4, 5, 0, 65, 3);
        t.nodes.push_back(
            makeNode("db", "database",
                     {{"connections", std::int64_t{8}}, {"read_ms", 2.0}, {"write_ms", 2.0}}));
        t.links.push_back(makeLink("worker", "db"));
        for (const auto& d : validate(t))
            QVERIFY2(d.severity != Severity::Error, d.message.c_str());
        const RunResults r = simulate(t);
        const double completed = static_cast<double>(r.jobs.completed);
        const double atDb = static_cast<double>(nodeOf(r, "db").arrivals);
        qInfo("jobs completed %.0f, database arrivals %.0f", completed, atDb);
        QVERIFY(completed > 5500);
        QVERIFY(std::abs(atDb - completed) <= 4);
        QCOMPARE(r.jobs.failed, std::uint64_t{0});
        // The database's time is part of the job: it holds the thread.
        const Analysis a = analyze(t);
        QVERIFY(std::abs(a.node(NodeId("queue"))->jobs->holdMs - (5 + 2)) < 1e-9);
        QVERIFY(std::abs(a.node(NodeId("db"))->arrivalRps - 100) < 1e-9);
    }

    void anAutoscaledWorkerPoolSettlesWhereAnalysisSays()
    {
        // 300 jobs/s of 10 ms on instances of 2 threads (200 jobs/s each), target 0.6: the
        // pool settles at ceil(300 x 0.01 / (2 x 0.6)) = 3. It starts at one instance, too
        // few: it scales out, the backlog drains, and it holds at 3.
        Topology t = jobs(300, 2, 10, 0, 300, 17);
        auto& p = t.nodes[3].params;
        p["autoscale"] = true;
        p["instances"] = std::int64_t{1};
        p["min_instances"] = std::int64_t{1};
        p["max_instances"] = std::int64_t{8};
        p["evaluate_s"] = 5.0;
        p["boot_s"] = 5.0;
        p["cooldown_s"] = 20.0;
        const RunResults r = simulate(t);
        const int settled = 3;
        QCOMPARE(analyze(t).node(NodeId("worker"))->instances, std::int64_t{settled});
        QCOMPARE(analyze(t).node(NodeId("queue"))->jobs->threads, std::int64_t{2 * settled});
        QVERIFY(std::any_of(r.events.begin(), r.events.end(), [](const EventRecord& e) {
            return e.kind == EventKind::ScaledOut && e.node == "worker";
        }));
        QCOMPARE(r.timeseries.instances.size(), std::size_t{1});
        QCOMPARE(r.timeseries.instances[0].first, std::string("worker"));
        const std::vector<double>& n = r.timeseries.instances[0].second;
        double late = 0;
        for (std::size_t i = n.size() - 60; i < n.size(); ++i)
            late += n[i] / 60;
        qInfo("instances over the last minute %.2f (analysis %d); backlog max %llu, at the end "
              "%llu",
              late, settled, static_cast<unsigned long long>(r.jobs.backlogMax),
              static_cast<unsigned long long>(r.timeseries.backlog.back()));
        QVERIFY(std::abs(late - settled) < 0.05);
        // One instance could not keep up: a backlog built, and the grown pool drained it.
        QVERIFY(r.jobs.backlogMax > 100);
        QVERIFY(r.timeseries.backlog.back() < 20);
        QCOMPARE(r.jobs.dropped + r.jobs.failed, std::uint64_t{0});
    }

    void noQueueNoJobs()
    {
        Topology t = jobs(10, 2, 10, 0, 20, 1);
        t.nodes.resize(2);
        t.links.resize(1);
        const RunResults r = simulate(t);
        QVERIFY(!r.jobs.present);
        QVERIFY(r.timeseries.backlog.empty());
    }
};

QTEST_APPLESS_MAIN(TestSimJobs)
#include "tst_sim_jobs.moc"
