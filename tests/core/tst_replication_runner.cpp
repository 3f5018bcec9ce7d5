// The replication runner that sweeps, the planner, `run --replications` and compare share:
// seeds derived from (file seed, point, replication), results collected in list order
// whatever the number of threads, cancel, and across-seed means and Student t intervals
// checked against an M/M/1 queue's exact mean response time.
#include <cmath>
#include <set>

#include <QTest>

#include "SimTestSupport.h"
#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/ReplicationStats.h"
#include "core/experiment/RunFigures.h"
#include "core/experiment/RunSeed.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using namespace scalelab::core::experiment;
using namespace scalelab::testsupport;

namespace {

// The same figures, a null one (NaN: a latency_all percentile among failed requests) equal
// to itself.
bool sameFigures(const RunFigures& a, const RunFigures& b)
{
    if (a.values.size() != b.values.size())
        return false;
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        const auto& [ka, va] = a.values[i];
        const auto& [kb, vb] = b.values[i];
        if (ka != kb || !(va == vb || (std::isnan(va) && std::isnan(vb))))
            return false;
    }
    return true;
}

Topology mm1(double lambda, double serviceMs, double durationS)
{
    Topology t;
    t.name = "M/M/1";
    t.simulation = {durationS, 2.0, 77};
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", lambda}, {"read_ratio", 1.0}}),
        makeNode("web", "web_server", {{"workers", std::int64_t{1}}, {"service_ms", serviceMs}})};
    t.links = {makeLink("users", "web")};
    return t;
}

// Point p of a tiny "sweep": the arrival rate grows with the point.
Topology pointDesign(std::size_t p)
{
    return mm1(100.0 + 50.0 * static_cast<double>(p), 2.0, 12.0);
}

std::vector<RunOutcome> collectAll(unsigned threads, const std::vector<RunJob>& jobs)
{
    std::vector<RunOutcome> out;
    ReplicationRunner runner(77, threads);
    const RunnerStatus status =
        runner.run(jobs, pointDesign, [&](RunOutcome&& o) { out.push_back(std::move(o)); });
    if (status != RunnerStatus::Finished)
        qFatal("runner did not finish");
    return out;
}

} // namespace

class TestReplicationRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seedDerivation()
    {
        // Replication 0 of point 0 is the file's seed: one replication is `scalelab run`.
        QCOMPARE(runSeed(42, 0, 0), std::uint64_t{42});
        // Documented in docs/format.md: these exact numbers are the contract a cluster job
        // (--emit-jobs) and an in-process sweep share.
        QCOMPARE(runSeed(42, 0, 1), runSeed(42, 0, 1));
        std::set<std::uint64_t> seen;
        for (std::uint64_t p = 0; p < 50; ++p)
            for (std::uint64_t r = 0; r < 20; ++r)
                seen.insert(runSeed(42, p, r));
        QCOMPARE(seen.size(), std::size_t{1000});
        QVERIFY(runSeed(42, 1, 0) != runSeed(43, 1, 0));
        QVERIFY(runSeed(42, 1, 2) != runSeed(42, 2, 1));
    }

    void replicationZeroIsThePlainRun()
    {
        const Topology t = pointDesign(0);
        const RunFigures direct = figuresOf(resultsWithGoals(sim::simulate(t), t));
        const std::vector<RunOutcome> outcomes = collectAll(2, {{0, 0, true}});
        QCOMPARE(outcomes.size(), std::size_t{1});
        QVERIFY(outcomes[0].error.empty());
        QCOMPARE(outcomes[0].seed, std::uint64_t{77});
        QVERIFY(sameFigures(outcomes[0].figures, direct));
        QVERIFY(outcomes[0].document.contains("timeseries"));
        QCOMPARE(outcomes[0].results.seed, std::uint64_t{77});
        QVERIFY(!outcomes[0].results.timeseries.tS.empty());
        // Wall-clock figures never enter the figures, nor does the seed.
        QVERIFY(!direct.has("/engine/wall_s"));
        QVERIFY(!direct.has("/seed"));
        QVERIFY(direct.has("/nodes/web/utilization"));
    }

    void sameSequenceWhateverTheThreads()
    {
        const std::vector<RunJob> jobs = factorialJobs(5, 3);
        const std::vector<RunOutcome> one = collectAll(1, jobs);
        const std::vector<RunOutcome> two = collectAll(2, jobs);
        const std::vector<RunOutcome> four = collectAll(4, jobs);
        QCOMPARE(one.size(), jobs.size());
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            QCOMPARE(one[i].job.point, jobs[i].point);
            QCOMPARE(one[i].job.replication, jobs[i].replication);
            QCOMPARE(one[i].seed, runSeed(77, jobs[i].point, jobs[i].replication));
            QVERIFY(sameFigures(one[i].figures, two[i].figures));
            QVERIFY(sameFigures(one[i].figures, four[i].figures));
        }
        // Different seeds give different runs (the derivation is really used).
        QVERIFY(one[0].figures.at("/latency_ms/mean") != one[1].figures.at("/latency_ms/mean"));
    }

    void cancelStopsCollecting()
    {
        ReplicationRunner runner(77, 2);
        runner.setProgress([](std::size_t done, std::size_t) { return done < 3; });
        std::size_t collected = 0;
        const RunnerStatus status =
            runner.run(factorialJobs(10, 2), pointDesign, [&](RunOutcome&&) { ++collected; });
        QCOMPARE(status, RunnerStatus::Cancelled);
        QVERIFY(collected < 3);
    }

    void aBrokenDesignIsReportedNotThrown()
    {
        ReplicationRunner runner(1, 2);
        std::vector<RunOutcome> out;
        runner.run(
            factorialJobs(2, 1),
            [](std::size_t p) {
                if (p == 1)
                    throw std::invalid_argument("no such node 'web9'");
                return pointDesign(p);
            },
            [&](RunOutcome&& o) { out.push_back(std::move(o)); });
        QCOMPARE(out.size(), std::size_t{2});
        QVERIFY(out[0].error.empty());
        QCOMPARE(out[1].error, std::string("no such node 'web9'"));
        QVERIFY(out[1].figures.values.empty());
    }

    void studentIntervalByHand()
    {
        // t(0.975, 2) = 4.302653 (any table); values 1, 2, 3: mean 2, sd 1.
        QVERIFY(std::abs(studentT95(2) - 4.302653) < 1e-6);
        QVERIFY(std::abs(studentT95(1000) - 1.962339) < 1e-6);
        ReplicationStats stats;
        for (double v : {1.0, 2.0, 3.0})
            stats.add(RunFigures{{{"/latency_ms/mean", v}, {"/nodes/0/utilization", v / 10}}});
        const FigureStats s = stats.at("/latency_ms/mean");
        QCOMPARE(s.n, std::size_t{3});
        QCOMPARE(s.mean, 2.0);
        QVERIFY(std::abs(s.ci95 - 4.302653 / std::sqrt(3.0)) < 1e-6);
        // Documents mirror the results keys; a node id "0" stays an object key.
        const auto mean = stats.meanDocument();
        QCOMPARE(mean["latency_ms"]["mean"].get<double>(), 2.0);
        QVERIFY(mean["nodes"].is_object());
        QVERIFY(std::abs(mean["nodes"]["0"]["utilization"].get<double>() - 0.2) < 1e-12);
        QVERIFY(stats.ci95Document()["latency_ms"].contains("mean"));
    }

    void aMissingPercentileMakesTheMeanNull()
    {
        ReplicationStats stats;
        stats.add(RunFigures{{{"/latency_all_ms/p99", 120.0}}});
        stats.add(RunFigures{{{"/latency_all_ms/p99", std::nan("")}}});
        QVERIFY(std::isnan(stats.at("/latency_all_ms/p99").mean));
        QVERIFY(stats.meanDocument()["latency_all_ms"]["p99"].is_null());
    }

    void intervalCoversTheExactMm1Mean()
    {
        // M/M/1 with lambda = 300/s, service 2 ms (rho = 0.6): E[T] = 1/(mu - lambda) = 5 ms.
        // Ten 60-second replications; the 95% interval must hold 5 ms and be honest-sized
        // (a few percent, not zero and not the whole axis).
        const Topology t = mm1(300, 2.0, 60.0);
        ReplicationRunner runner(t.simulation.seed, 2);
        ReplicationStats stats;
        runner.run(
            factorialJobs(1, 10), [&](std::size_t) { return t; },
            [&](RunOutcome&& o) { stats.add(o.figures); });
        const FigureStats s = stats.at("/latency_ms/mean");
        QCOMPARE(s.n, std::size_t{10});
        qInfo("M/M/1 mean response %.4f ± %.4f ms, theory 5 ms", s.mean, s.ci95);
        QVERIFY(std::abs(s.mean - 5.0) <= s.ci95);
        QVERIFY(s.ci95 > 0.005 && s.ci95 < 0.25);
    }
};

QTEST_APPLESS_MAIN(TestReplicationRunner)
#include "tst_replication_runner.moc"
