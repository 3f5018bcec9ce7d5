// Example 12 (message queue and workers) as a regression test: the real `scalelab run
// --json`, with expectations from the example's own parameters (request rate, publish
// ratio, the outage) and from the analyzer's pooled job estimate (threads / hold time).
#include <QtTest>

#include "core/analysis/Analysis.h"
#include "gui/report/ReportBuilder.h"
#include "tst_examples_support.h"

using namespace examples_test;
using scalelab::core::ActionType;

class TestExamplesJobs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void workersOutageBuildsABacklogThatDrains();
    void clientsNeverNoticeTheWorkers();
    void theReportShowsTheRunsJobs();
};

namespace {

// Jobs waiting at the end of the interval that ends at `tS`.
double backlogAt(const json& r, double tS)
{
    const json& ts = r.at("timeseries");
    const double interval = ts.at("interval_s").get<double>();
    for (std::size_t i = 0; i < ts.at("t_s").size(); ++i)
        if (std::abs(ts.at("t_s")[i].get<double>() + interval - tS) < 1e-9)
            return ts.at("backlog")[i].get<double>();
    qFatal("no interval ends at %g", tS);
}

} // namespace

void TestExamplesJobs::workersOutageBuildsABacklogThatDrains()
{
    const core::Topology t = loadExample(QStringLiteral("12-message-queue"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("12-message-queue")));
    const double failAt = actionAt(t, ActionType::Fail, "worker1");
    const double backAt = actionAt(t, ActionType::Recover, "worker1");
    const auto& users = nodeParams(t, "users");
    const double publishRate =
        users.number("rate_rps") * nodeParams(t, "web1").number("publish_ratio");

    // The backlog grows by the publish rate for the whole outage (Poisson: +- 4 sd), plus
    // the jobs the workers held, handed out again.
    const double expected = publishRate * (backAt - failAt);
    const double peak = backlogAt(r, backAt);
    const double held = num(r.at("jobs"), "redelivered");
    EXPECT_NEAR("backlog when the workers come back", peak - held, expected,
                4 * std::sqrt(expected));
    QVERIFY(num(r.at("jobs"), "backlog_max") >= peak);
    QVERIFY(held >= 1 && held <= 8); // at most the 8 threads' jobs

    // It drains at the spare capacity of the pool: threads / hold - publish rate.
    const core::Analysis a = core::analyze(t);
    const core::JobEstimate& j = *a.node(core::NodeId("queue"))->jobs;
    const double capacity = static_cast<double>(j.threads) * 1000.0 / j.holdMs;
    const double drainS = peak / (capacity - publishRate);
    double emptyAt = 0;
    for (double s = backAt + 1; s <= t.simulation.durationS && emptyAt == 0; ++s)
        if (backlogAt(r, s) <= 5)
            emptyAt = s;
    QVERIFY2(emptyAt > 0, "the backlog never drained");
    EXPECT_NEAR("seconds to drain", emptyAt - backAt, drainS, 5);
    // Before the outage the pool keeps up: almost nothing waits.
    QVERIFY(backlogAt(r, failAt) < 10);
    // Every job is done in the end: none failed, none dropped.
    QCOMPARE(num(r.at("jobs"), "failed"), 0.0);
    QCOMPARE(num(r.at("jobs"), "dropped"), 0.0);
    QVERIFY(num(r.at("jobs"), "completed") >= num(r.at("jobs"), "published") - 10);
    // The jobs of the outage finished late: the slowest waited most of it.
    QVERIFY(num(r.at("jobs").at("latency_ms"), "max") > 1000 * 0.5 * (backAt - failAt));
}

void TestExamplesJobs::clientsNeverNoticeTheWorkers()
{
    const core::Topology t = loadExample(QStringLiteral("12-message-queue"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("12-message-queue")));
    const double failAt = actionAt(t, ActionType::Fail, "worker1");
    const double backAt = actionAt(t, ActionType::Recover, "worker1");
    QCOMPARE(errorsIn(r, failAt, backAt), 0.0);
    QCOMPARE(num(r.at("requests"), "failed"), 0.0);
    // Checkout latency does not move: p99 during the outage as before it.
    const double before = meanIn(r, "p99_ms", failAt - 30, failAt);
    const double during = meanIn(r, "p99_ms", failAt, backAt);
    EXPECT_NEAR("p99 during the outage", during, before, 0.2 * before);
    // The workers are no single point of failure; the queue is (for the publishing share).
    const core::Analysis a = core::analyze(t);
    const auto& spof = a.singlePointsOfFailure;
    QVERIFY(std::find(spof.begin(), spof.end(), core::NodeId("worker1")) == spof.end());
    QVERIFY(std::find(spof.begin(), spof.end(), core::NodeId("queue")) != spof.end());
}

// The report's Jobs section: the run's job figures as the results give them, and the
// queueing estimate of the pool (its threads and its latency).
void TestExamplesJobs::theReportShowsTheRunsJobs()
{
    const ReportedRun rep =
        reportSection(QStringLiteral("12-message-queue"), QStringLiteral("Jobs (message queues)"));
    EXAMPLE_RUN(r, rep.run);
    const QString& section = rep.section;
    QVERIFY2(!section.isEmpty(), "no Jobs section");
    const json& jobs = r.at("jobs");
    const auto shows = [&](const QString& figure) {
        return section.contains(QStringLiteral(">") + figure + QStringLiteral("<"));
    };
    for (const char* key : {"published", "completed", "backlog_max"})
        QVERIFY2(shows(scalelab::gui::reportNumber(num(jobs, key), 0)), key);
    for (const char* key : {"mean", "p50", "p99", "max"})
        QVERIFY2(shows(scalelab::gui::reportMs(num(jobs.at("latency_ms"), key))), key);
    QVERIFY(section.contains(QStringLiteral("<h3>Queueing estimate")));
    // The analysis is kept: a reference into a temporary one dangled (ASan).
    const core::Analysis analysis = core::analyze(loadExample(QStringLiteral("12-message-queue")));
    const core::JobEstimate& j = *analysis.node(core::NodeId("queue"))->jobs;
    QVERIFY(shows(QStringLiteral("queue")));
    QVERIFY(shows(scalelab::gui::reportNumber(static_cast<double>(j.threads), 0)));
    QVERIFY(shows(scalelab::gui::reportMs(j.meanLatencyMs)));
}

QTEST_GUILESS_MAIN(TestExamplesJobs)
#include "tst_examples_jobs.moc"
