// Example 15 (the chapter's final picture) as a regression test: the real
// `scalelab run --json`; expectations from the file's own rates, static and read shares,
// detect_s, dns_ttl_s and pool sizes, and from the analysis' estimate of what losing a
// data center costs - never from a previous run.
#include <cstdio>

#include <QtTest>

#include "core/analysis/Analysis.h"
#include "core/analysis/SiteLoss.h"
#include "gui/report/ReportBuilder.h"
#include "tst_examples_support.h"

using namespace examples_test;

namespace {
const QString kStem = QStringLiteral("15-millions-of-users-complete");

double siteActionAt(const core::Topology& t, core::ActionType type)
{
    for (const auto& a : t.scenario)
        if (a.action == type)
            return a.atS;
    qFatal("example 15 has no site action");
    return 0;
}

/// Requests per second a client sends past its CDN: page requests, the ones a site serves.
double dynamicRps(const core::Topology& t, const char* client)
{
    const core::Node& n = nodeParams(t, client);
    return n.number("rate_rps") * (1 - n.number("static_ratio"));
}

core::SiteLoss lossOf(const core::Topology& t, const std::string& site)
{
    for (const core::SiteLoss& l : core::siteLosses(t, core::analyze(t)))
        if (l.site == site)
            return l;
    qFatal("example 15 has no site %s", site.c_str());
    return {};
}
} // namespace

class TestExamplesComplete : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aMillionUsersMeetTheGoals();
    void theSurvivingSiteServesEveryoneAfterDetectionPlusTtl();
    void nothingIsLostBeyondWhatTheDesignPredicts();
    void theReportAndTheFindingsStateTheSiteLossEstimate();
};

void TestExamplesComplete::aMillionUsersMeetTheGoals()
{
    const core::Topology t = loadExample(kStem);
    double users = 0, rate = 0;
    for (const auto& n : t.nodes)
        if (n.is("client")) {
            users += n.number("users");
            rate += n.number("rate_rps");
        }
    QCOMPARE(users, 1e6);
    EXAMPLE_RUN(r, runExample(kStem));
    // Every goal of the file met over the whole run, the lost data center included.
    QCOMPARE(r.at("goals").size(), t.goals.size());
    QVERIFY(!t.goals.empty());
    for (const auto& g : r.at("goals"))
        QVERIFY2(g.at("met").get<bool>(), qPrintable(QString::fromStdString(g.dump())));
    QVERIFY(num(r, "throughput_rps") >= 0.97 * rate);
    // Stateless web tier: nobody logs in again, whichever site serves them.
    QCOMPARE(num(r.at("sessions"), "misses"), 0.0);
    QCOMPARE(num(r.at("sessions"), "lost"), 0.0);
    std::printf("15: %.0f req/s, availability %.4f, p95 %.1f ms, lost writes %.0f\n",
                num(r, "throughput_rps"), num(r, "availability"),
                num(r.at("latency_all_ms"), "p95"), num(r.at("data"), "lost_writes"));
}

void TestExamplesComplete::theSurvivingSiteServesEveryoneAfterDetectionPlusTtl()
{
    const core::Topology t = loadExample(kStem);
    const double failAt = siteActionAt(t, core::ActionType::FailSite);
    const double recoverAt = siteActionAt(t, core::ActionType::RecoverSite);
    const double detect = nodeParams(t, "dns").number("detect_s");
    const double ttl = nodeParams(t, "users-eu").number("dns_ttl_s");
    const double settled = failAt + detect + ttl + 1;
    const double rateEu = nodeParams(t, "users-eu").number("rate_rps");
    const double rate = rateEu + nodeParams(t, "users-us").number("rate_rps");
    EXAMPLE_RUN(r, runExample(kStem));
    QCOMPARE(errorsIn(r, t.simulation.warmupS, failAt), 0.0);
    QVERIFY(findEvent(r, "site_failed", "", failAt));
    // Until the DNS notices, every European page request fails; their static assets do
    // not (the CDN is in no data center).
    const double early = errorsIn(r, failAt + 1, failAt + detect) / (detect - 1);
    QVERIFY2(early >= 0.95 * dynamicRps(t, "users-eu") && early < rateEu / 2,
             qPrintable(QString::number(early)));
    const auto noticed = findEvent(r, "dns_noticed_down", "dns", failAt);
    QVERIFY(noticed);
    QCOMPARE(noticed->at("t_s").get<double>(), failAt + detect);
    // Once every answer has expired, America serves all of the traffic without an error.
    QCOMPARE(errorsIn(r, settled, recoverAt), 0.0);
    EXPECT_NEAR("throughput with one site",
                completedIn(r, settled, recoverAt) / (recoverAt - settled), rate, 0.03 * rate);
    // ...every page request through the American load balancer, on a pool that grows.
    EXAMPLE_RUN(away,
                runExample(kStem, {QStringLiteral("--warmup"), QString::number(settled),
                                   QStringLiteral("--duration"), QString::number(recoverAt)}));
    const double window = recoverAt - settled;
    const double pages = dynamicRps(t, "users-eu") + dynamicRps(t, "users-us");
    EXPECT_NEAR("page requests at lb-us (req/s)", num(nodeOf(away, "lb-us"), "arrivals") / window,
                pages, 0.03 * pages);
    QCOMPARE(num(nodeOf(away, "lb-eu"), "arrivals"), 0.0);
    const auto grew = findEvent(r, "scaled_out", "web-us", failAt);
    QVERIFY(grew && grew->at("t_s").get<double>() < recoverAt);
    // Europe back: its users drift home without an error, and nothing is left failing.
    QCOMPARE(errorsIn(r, recoverAt, t.simulation.durationS), 0.0);
    QVERIFY(findEvent(r, "dns_noticed_up", "dns", recoverAt));
}

void TestExamplesComplete::nothingIsLostBeyondWhatTheDesignPredicts()
{
    const core::Topology t = loadExample(kStem);
    const core::SiteLoss eu = lossOf(t, "eu");
    EXAMPLE_RUN(r, runExample(kStem));
    // Failed European requests: what the analysis predicts from detect_s and dns_ttl_s
    // for the page requests (a few % fewer: a share of them looks the name up afresh).
    const json& users = nodeOf(r, "users-eu");
    const double failedEu = num(users, "arrivals") - num(users, "completed");
    std::printf("European requests failed %.0f, predicted %.0f\n", failedEu, eu.failedRequests);
    EXPECT_NEAR("European failures", failedEu, eu.failedRequests, 0.06 * eu.failedRequests);
    // Acknowledged writes lost: write rate x lag to the replica promoted in America, as the
    // analysis says (Poisson: sd about 6 at this rate).
    const double lost = num(r.at("data"), "lost_writes");
    std::printf("lost writes %.0f, predicted %.1f\n", lost, eu.lostWrites);
    QVERIFY(eu.lostWrites > 0);
    EXPECT_NEAR("lost writes", lost, eu.lostWrites, 20);
    QVERIFY(
        findEvent(r, "replica_promoted", "db-us1", siteActionAt(t, core::ActionType::FailSite)));
    // No job is dropped: the European queue keeps its backlog through the outage, and
    // every job ends (a few fail while the master is being replaced).
    const json& jobs = r.at("jobs");
    QCOMPARE(num(jobs, "dropped"), 0.0);
    QVERIFY(num(jobs, "completed") + num(jobs, "failed") >= 0.99 * num(jobs, "published"));
    QVERIFY(num(jobs, "failed") < 0.01 * num(jobs, "published"));
}

// The report's Data centers section and the findings give the figures core::siteLosses
// gives (the analysis panel's): the report once counted the static requests the CDN, in no
// site, keeps serving (6,000 x 10 s instead of 2,400 x 10 s failed requests).
void TestExamplesComplete::theReportAndTheFindingsStateTheSiteLossEstimate()
{
    const core::Topology t = loadExample(kStem);
    const core::SiteLoss eu = lossOf(t, "eu");
    QCOMPARE(eu.failedRequests, dynamicRps(t, "users-eu") * 10); // detect_s 5 + dns_ttl_s / 2
    const nlohmann::json noRun;
    scalelab::gui::ReportBuilder report(t, noRun, scalelab::gui::ReportBuilder::Target::Browser);
    const QString html = report.html();
    // The report names nodes as the canvas does.
    const auto name = [&](const char* id) {
        return QRegularExpression::escape(
            QString::fromStdString(t.findNode(core::NodeId{id})->displayName()));
    };
    // users-eu's row in "Geo DNS: users when their site fails": home, away, req/s moved,
    // back after, requests failed, +ms.
    const QRegularExpression row(QStringLiteral("<tr><td>%1</td>(.*)</tr>").arg(name("users-eu")));
    const QRegularExpressionMatch users =
        row.match(html, html.indexOf(QStringLiteral("<h3>Geo DNS: users")));
    QVERIFY2(users.hasMatch(), "no geo row for users-eu");
    const QStringList cells = users.captured(1).split(QStringLiteral("</td>"), Qt::SkipEmptyParts);
    QCOMPARE(cells.size(), 6);
    const auto cell = [&](int i) {
        return QString(cells[i]).remove(QRegularExpression("<[^>]*>"));
    };
    QCOMPARE(cell(2), scalelab::gui::reportNumber(eu.movedRps, 0));
    QCOMPARE(cell(4), scalelab::gui::reportNumber(eu.failedRequests, 0));
    // The writes the European master's loss costs, on the row of the replica promoted.
    const QRegularExpression promoted(
        QStringLiteral("<tr><td>%1 \\(eu\\)</td><td>%2 \\(us\\)</td>(.*)</tr>")
            .arg(name("db"), name("db-us1")));
    const QRegularExpressionMatch writes =
        promoted.match(html, html.indexOf(QStringLiteral("<h3>Replication between sites")));
    QVERIFY2(writes.hasMatch(), "no replication row for db-us1");
    QVERIFY2(writes.captured(1).endsWith(
                 QStringLiteral(">%1</td>").arg(scalelab::gui::reportNumber(eu.lostWrites, 1))),
             qPrintable(writes.captured(1)));
    // The findings: one on the users with the same failed requests, one on the master with
    // the same lost writes (not one per replica in America: only one is promoted).
    const core::Analysis a = core::analyze(t);
    int onUsers = 0, onMaster = 0;
    for (const core::Finding& f : a.findings) {
        if (f.node == core::NodeId("users-eu") && f.text.find("If site 'eu'") == 0) {
            ++onUsers;
            QVERIFY2(f.text.find(QStringLiteral("about %1 requests fail")
                                     .arg(eu.failedRequests, 0, 'f', 0)
                                     .toStdString()) != std::string::npos,
                     f.text.c_str());
        }
        if (f.node == core::NodeId("db") && f.text.find("losing site 'eu'") != std::string::npos) {
            ++onMaster;
            QVERIFY2(f.text.find(QStringLiteral("loses about %1 acknowledged")
                                     .arg(eu.lostWrites, 0, 'g', 3)
                                     .toStdString()) != std::string::npos,
                     f.text.c_str());
        }
    }
    QCOMPARE(onUsers, 1);
    QCOMPARE(onMaster, 1);
}

QTEST_MAIN(TestExamplesComplete)
#include "tst_examples_complete.moc"
