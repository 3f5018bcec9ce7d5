// Example 14 (two data centers and geo DNS) as a regression test: the real
// `scalelab run --json`; expectations from the file's own detect_s, dns_ttl_s, rates, link
// latencies and replication lag.
#include <cstdio>

#include <QtTest>

#include "core/analysis/Analysis.h"
#include "gui/report/ReportBuilder.h"
#include "tst_examples_support.h"

using namespace examples_test;

namespace {
double siteActionAt(const core::Topology& t, core::ActionType type)
{
    for (const auto& a : t.scenario)
        if (a.action == type)
            return a.atS;
    qFatal("example 14 has no site action");
    return 0;
}

double linkLatency(const core::Topology& t, const char* from, const char* to)
{
    for (const auto& l : t.links)
        if (l.from.str() == from && l.to.str() == to)
            return l.latencyMs();
    qFatal("example 14 has no link %s -> %s", from, to);
    return 0;
}
} // namespace

class TestExamplesSites : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void losingEuropeFailsItsUsersUntilDetectionPlusTtl();
    void theAsyncReplicaAcrossTheOceanLosesTheWritesInFlight();
    void europeanUsersAreServedFromAmericaOverTheLongerLink();
    void theReportShowsTheDataCenters();
};

void TestExamplesSites::losingEuropeFailsItsUsersUntilDetectionPlusTtl()
{
    const core::Topology t = loadExample(QStringLiteral("14-data-centers"));
    const double failAt = siteActionAt(t, core::ActionType::FailSite);
    const double recoverAt = siteActionAt(t, core::ActionType::RecoverSite);
    const double detect = nodeParams(t, "dns").number("detect_s");
    const double ttl = nodeParams(t, "users-eu").number("dns_ttl_s");
    const double rateEu = nodeParams(t, "users-eu").number("rate_rps");
    EXAMPLE_RUN(r, runExample(QStringLiteral("14-data-centers")));
    QCOMPARE(errorsIn(r, 10, failAt), 0.0);
    // Until the DNS notices, every European request fails (and American writes wait for
    // the promotion, a few per second on top).
    const double early = errorsIn(r, failAt + 1, failAt + detect) / (detect - 1);
    QVERIFY2(early >= rateEu * 0.95, qPrintable(QString::number(early)));
    // Served again by America once every answer has expired.
    QCOMPARE(errorsIn(r, failAt + detect + ttl + 1, recoverAt), 0.0);
    const auto noticed = findEvent(r, "dns_noticed_down", "dns", failAt);
    QVERIFY(noticed);
    QCOMPARE(noticed->at("t_s").get<double>(), failAt + detect);
    QVERIFY(findEvent(r, "site_failed", "", failAt));
    // Europe back: its users drift home without a single error.
    QCOMPARE(errorsIn(r, recoverAt, t.simulation.durationS), 0.0);
    QVERIFY(findEvent(r, "dns_noticed_up", "dns", recoverAt));
}

void TestExamplesSites::theAsyncReplicaAcrossTheOceanLosesTheWritesInFlight()
{
    const core::Topology t = loadExample(QStringLiteral("14-data-centers"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("14-data-centers")));
    QVERIFY(findEvent(r, "replica_promoted", "db-us"));
    // Write rate x lag (Poisson: sd about 4 at this rate).
    const core::Analysis a = core::analyze(t);
    const double writes = a.node(core::NodeId("db-eu"))->writeRps;
    double lag = 0;
    for (const auto& l : t.links)
        if (l.to.str() == "db-us")
            lag = l.lagMs();
    const double lost = r.at("data").at("lost_writes").get<double>();
    std::printf("lost writes %.0f, write rate x lag = %.1f\n", lost, writes * lag / 1000);
    EXPECT_NEAR("lost writes", lost, writes * lag / 1000, 12);
    // The analysis says so before the run.
    bool found = false;
    for (const auto& f : a.findings)
        found = found ||
                (f.node == core::NodeId("db-eu") && f.text.find("db-us") != std::string::npos &&
                 f.remedy.find("mode sync") != std::string::npos);
    QVERIFY(found);
}

void TestExamplesSites::europeanUsersAreServedFromAmericaOverTheLongerLink()
{
    const core::Topology t = loadExample(QStringLiteral("14-data-centers"));
    const double failAt = siteActionAt(t, core::ActionType::FailSite);
    const double recoverAt = siteActionAt(t, core::ActionType::RecoverSite);
    const double settled = failAt + nodeParams(t, "dns").number("detect_s") +
                           nodeParams(t, "users-eu").number("dns_ttl_s") + 1;
    EXAMPLE_RUN(before, runExample(QStringLiteral("14-data-centers"),
                                   {QStringLiteral("--duration"), QString::number(failAt - 1)}));
    EXAMPLE_RUN(after, runExample(QStringLiteral("14-data-centers"),
                                  {QStringLiteral("--warmup"), QString::number(settled),
                                   QStringLiteral("--duration"), QString::number(recoverAt - 1)}));
    // The longer way in (80 ms instead of 10, twice), and the American web tier's trips to
    // the database group (45 ms instead of 1, twice).
    const double extra =
        2 * (linkLatency(t, "users-eu", "lb-us") - linkLatency(t, "users-eu", "lb-eu")) +
        2 * (linkLatency(t, "web-us1", "db-eu") - linkLatency(t, "web-eu1", "db-eu"));
    const double b = num(nodeOf(before, "users-eu"), "mean_response_ms");
    const double a = num(nodeOf(after, "users-eu"), "mean_response_ms");
    std::printf("users-eu mean: %.1f ms at home, %.1f ms from America (+%.1f, links +%.0f)\n", b, a,
                a - b, extra);
    EXPECT_NEAR("extra latency", a - b, extra, 15);
}

// The report's Data centers section: each site with its nodes, the cross-site replication
// link with its mode and lag, the geo DNS's users, and this run's failures and lost writes.
void TestExamplesSites::theReportShowsTheDataCenters()
{
    const core::Topology t = loadExample(QStringLiteral("14-data-centers"));
    const ReportedRun rep =
        reportSection(QStringLiteral("14-data-centers"), QStringLiteral("Data centers"));
    EXAMPLE_RUN(r, rep.run);
    const QString& section = rep.section;
    QVERIFY2(!section.isEmpty(), "no Data centers section");
    const auto shows = [&](const QString& cell) {
        return section.contains(QStringLiteral(">") + cell + QStringLiteral("<"));
    };
    // Nodes named as on the canvas ("Users (Europe)"), not by id.
    const auto names = [&](std::initializer_list<const char*> ids) {
        QStringList out;
        for (const char* id : ids)
            out << QString::fromStdString(t.findNode(core::NodeId{id})->displayName());
        return out.join(QStringLiteral(", "));
    };
    QVERIFY(shows(QStringLiteral("eu")));
    QVERIFY(shows(QStringLiteral("us")));
    QVERIFY2(shows(names({"users-eu", "lb-eu", "web-eu1", "web-eu2", "db-eu", "db-eu2"})),
             qPrintable(section));
    QVERIFY(shows(names({"users-us", "lb-us", "web-us1", "web-us2", "db-us"})));
    QVERIFY(!shows(QStringLiteral("users-us, lb-us, web-us1, web-us2, db-us")));
    // Only the link that crosses the ocean is listed: async, with its lag.
    QVERIFY(section.contains(QStringLiteral("<h3>Replication between sites</h3>")));
    QVERIFY(shows(names({"db-us"}) + QStringLiteral(" (us)")));
    QVERIFY(!shows(names({"db-eu2"}) + QStringLiteral(" (eu)")));
    QVERIFY(shows(QStringLiteral("async")));
    double lag = 0;
    for (const auto& l : t.links)
        if (l.to.str() == "db-us")
            lag = l.lagMs();
    QVERIFY(lag > 0);
    QVERIFY(shows(scalelab::gui::reportMs(lag)));
    QVERIFY(section.contains(QStringLiteral("<h3>Geo DNS: users when their site fails</h3>")));
    QVERIFY(shows(names({"users-eu"})));
    QVERIFY(shows(names({"users-us"})));
    // This run's figures, as the results give them.
    QVERIFY2(section.contains(
                 QStringLiteral("This run: %1 requests failed, %2 acknowledged writes lost")
                     .arg(scalelab::gui::reportNumber(num(r.at("requests"), "failed"), 0),
                          scalelab::gui::reportNumber(num(r.at("data"), "lost_writes"), 0))),
             qPrintable(section));
    QVERIFY(num(r.at("requests"), "failed") > 0);
}

QTEST_MAIN(TestExamplesSites)
#include "tst_examples_sites.moc"
