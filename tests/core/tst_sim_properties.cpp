// Property tests: hundreds of random valid topologies (random kinds, links, parameters
// within their ranges, random scenarios), each simulated briefly. Whatever the design,
// the engine must not crash or run away, must conserve requests, keep utilizations in
// [0, 1] and percentiles ordered, and repeat itself exactly for the same seed.
#include <random>

#include <QtTest>

#include "RandomDesign.h"
#include "core/sim/ResultsJson.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;

namespace {

constexpr int kTopologies = 300;
constexpr std::uint64_t kEventCap = 20'000'000;

std::string comparable(const RunResults& r)
{
    RunResults copy = r;
    copy.engine = {}; // wall time differs between runs; everything else must not
    return resultsToJson(copy);
}
} // namespace

class TestSimProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomTopologiesHoldTheInvariants();
};

void TestSimProperties::randomTopologiesHoldTheInvariants()
{
    scalelab::testsupport::RandomDesign gen(20261128);
    std::uint64_t totalRequests = 0;
    for (int i = 0; i < kTopologies; ++i) {
        const Topology t = gen.make();
        const QByteArray where = QByteArray("topology #") + QByteArray::number(i);
        const Diagnostics problems = validate(t);
        for (const auto& d : problems)
            QVERIFY2(d.severity != Severity::Error,
                     (where + ": generator made an invalid design: " + d.toString().c_str())
                         .constData());
        SimulationOptions options;
        options.maxEvents = kEventCap;
        Simulation sim(t, options);
        sim.run();
        QVERIFY2(sim.finished(), where.constData());
        const Snapshot end = sim.snapshot();
        const RunResults r = sim.results();
        QVERIFY2(!r.engine.eventCapReached, (where + ": ran away").constData());

        // Conservation: every request generated is completed, failed, or still somewhere.
        QVERIFY2(end.generated >= end.completed + end.failed, where.constData());
        std::uint64_t somewhere = end.inFlightTotal;
        for (const auto& n : end.nodes)
            somewhere += n.queueLength + n.busy;
        const std::uint64_t open = end.generated - end.completed - end.failed;
        QVERIFY2(open <= somewhere,
                 (where + ": " + QByteArray::number(qulonglong(open)) + " requests open, only " +
                  QByteArray::number(qulonglong(somewhere)) + " anywhere")
                     .constData());

        // The same over the measured window: requests open when the warm-up ended count
        // as generated in it, so a backlog served after it never makes completed exceed it.
        QVERIFY2(r.generated == r.completed + r.failed + r.unfinished,
                 (where + ": the window's requests do not add up").constData());

        for (const auto& n : r.nodes) {
            QVERIFY2(n.utilization >= 0 && n.utilization <= 1 + 1e-9,
                     (where + ": utilization of " + n.id.c_str()).constData());
            QVERIFY2(n.upFraction >= 0 && n.upFraction <= 1 + 1e-9, where.constData());
            QVERIFY2(n.meanQueueLength >= 0 && n.meanWaitMs >= 0, where.constData());
        }
        QVERIFY2(r.availability >= 0 && r.availability <= 1, where.constData());
        if (r.completed > 0) {
            const LatencySummary& l = r.latency;
            QVERIFY2(l.p50 <= l.p90 && l.p90 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.p999 &&
                         l.p999 <= l.max * (1 + 1e-9),
                     (where + ": percentiles out of order").constData());
            QVERIFY2(l.mean > 0 && l.mean <= l.max * (1 + 1e-9), where.constData());
        }
        totalRequests += r.generated;

        // Same file, same seed: the same results, bit for bit (a third of the designs,
        // to keep the suite quick).
        if (i % 3 == 0) {
            const RunResults again = simulate(t, options);
            QVERIFY2(comparable(again) == comparable(r),
                     (where + ": not deterministic").constData());
        }
    }
    qInfo("%d random designs, %llu requests simulated", kTopologies,
          static_cast<unsigned long long>(totalRequests));
}

QTEST_APPLESS_MAIN(TestSimProperties)
#include "tst_sim_properties.moc"
