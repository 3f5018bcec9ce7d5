// The request counts of the results cover one window, the measured one (after the
// warm-up): a queue built up during the warm-up and served after it must not make
// `completed` exceed `generated`, and generated = completed + failed + unfinished exactly.
#include <QTest>

#include "SimTestSupport.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using namespace scalelab::core::sim;
using namespace scalelab::testsupport;

namespace {

// One server of 1000 req/s (1 ms, exponential) offered `warmupRate` during the warm-up and
// `rate` after it.
Topology backlogAtWarmup(double warmupRate, double rate, double warmupS, double durationS,
                         std::int64_t queueLimit = 0, double timeoutMs = 0)
{
    Topology t;
    t.simulation = {durationS, warmupS, 7};
    t.nodes = {
        makeNode("users", "client",
                 {{"rate_rps", warmupRate}, {"read_ratio", 1.0}, {"timeout_ms", timeoutMs}}),
        makeNode("web", "web_server",
                 {{"workers", std::int64_t{1}}, {"service_ms", 1.0}, {"queue_limit", queueLimit}})};
    t.links = {makeLink("users", "web")};
    t.scenario = {ScenarioAction{warmupS, ActionType::Set, NodeId("users"), "rate_rps", rate, ""}};
    return t;
}

} // namespace

class TestMeasuredWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aBacklogFromTheWarmupIsCountedOnce()
    {
        // 1500 req/s into 1000 req/s for 10 s leaves about 5,000 requests waiting when the
        // warm-up ends; then 200 req/s for 10 s (about 2,000 requests). The server works the
        // backlog off in about 6 s and serves everything: about 7,000 completions in the
        // window. Counting only the requests generated in it gave generated 2,000.
        const RunResults r = simulate(backlogAtWarmup(1500, 200, 10, 20));
        qInfo("generated %llu, completed %llu, failed %llu, unfinished %llu",
              static_cast<unsigned long long>(r.generated),
              static_cast<unsigned long long>(r.completed),
              static_cast<unsigned long long>(r.failed),
              static_cast<unsigned long long>(r.unfinished));
        QVERIFY(r.completed > 6000); // the backlog was served inside the window
        QVERIFY(r.completed <= r.generated);
        QCOMPARE(r.completed + r.failed + r.unfinished, r.generated);
        // The window's requests: about 2,000 new ones and the ~5,000 carried in.
        QVERIFY(r.generated > 6000 && r.generated < 8500);
    }

    void failuresAndOpenRequestsBalanceToo()
    {
        // The same with a queue limit and a timeout: some of the carried-in requests fail
        // in the window, some are rejected, and the run ends with requests still queued.
        const RunResults r = simulate(backlogAtWarmup(1500, 1200, 10, 15, 3000, 2000));
        QVERIFY(r.failed > 0);
        QVERIFY(r.unfinished > 0);
        QVERIFY(r.completed <= r.generated);
        QCOMPARE(r.completed + r.failed + r.unfinished, r.generated);
    }

    void noWarmupMeansEveryRequest()
    {
        // Without a warm-up nothing is carried in: generated is what the clients sent.
        Topology t = backlogAtWarmup(500, 500, 0, 10);
        t.scenario.clear();
        const RunResults r = simulate(t);
        QCOMPARE(r.completed + r.failed + r.unfinished, r.generated);
        QCOMPARE(nodeOf(r, "users").arrivals, r.generated);
    }
};

QTEST_GUILESS_MAIN(TestMeasuredWindow)
#include "tst_measured_window.moc"
