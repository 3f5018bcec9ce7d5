// The examples are regression tests (HOUSE-STYLE 11): every example loads and validates
// cleanly, and the first steps of "one server to millions of users" prove their lesson
// through the real command line (`scalelab run --json`). Expectations come from each
// example's own parameters and from queueing formulas, never from a previous run.
// Steps 5-8 and the challenges: tst_examples_scaling.cpp.
#include <iterator>
#include <map>
#include <string>

#include <QtTest>

#include "core/model/KindRegistry.h"
#include "core/validation/Validator.h"
#include "tst_examples_support.h"

using namespace examples_test;
using scalelab::core::ActionType;

class TestExamples : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyExampleLoadsAndValidatesCleanly_data();
    void everyExampleLoadsAndValidatesCleanly();
    void validateCommandAcceptsEveryExample_data();
    void validateCommandAcceptsEveryExample();
    void theSequenceIsComplete();
    void everyExampleRunsItsScenario_data();
    void everyExampleRunsItsScenario();
    void resultsCarryEveryContractKey();
    void sameSeedSameResults();
    void singleServerIsASinglePointOfFailure();
    void webAndDatabaseTiersAddUp();
    void nosqlAnswersFasterByItsEngineFactor();
    void biggerServerIsFasterButStillASinglePoint();
};

namespace {
/// Each site's nodes' bounding box, grown by half the spacing between nodes (110 px).
std::map<std::string, QRectF> siteRegions(const core::Topology& t)
{
    std::map<std::string, QRectF> regions;
    for (const auto& n : t.nodes) {
        if (n.site().empty())
            continue;
        const QRectF around(n.pos.x - 55, n.pos.y - 55, 110, 110);
        auto [it, added] = regions.try_emplace(n.site(), around);
        if (!added)
            it->second = it->second.united(around);
    }
    return regions;
}

void addExampleRows()
{
    QTest::addColumn<QString>("stem");
    for (const QString& stem : exampleStems())
        QTest::newRow(qPrintable(stem)) << stem;
}
} // namespace

void TestExamples::everyExampleLoadsAndValidatesCleanly_data()
{
    addExampleRows();
}

void TestExamples::everyExampleLoadsAndValidatesCleanly()
{
    QFETCH(QString, stem);
    const auto loaded = core::loadTopologyFile(examplePath(stem).toStdString());
    for (const auto& d : loaded.diagnostics)
        qWarning("%s: %s", qPrintable(stem), d.toString().c_str());
    QVERIFY(loaded.topology.has_value());
    QVERIFY(loaded.diagnostics.empty());
    const core::Topology& t = *loaded.topology;
    const core::Diagnostics semantic = core::validate(t);
    for (const auto& d : semantic)
        qWarning("%s: %s", qPrintable(stem), d.toString().c_str());
    QVERIFY2(semantic.empty(), "an example must validate with no error and no warning");

    // What the Open Example list shows, and what keeps the test suite fast.
    QVERIFY(!t.name.empty());
    QVERIFY2(t.description.size() > 150, "the description states the lesson and what to watch");
    QVERIFY(t.simulation.durationS >= 30 && t.simulation.durationS <= 180);
    QVERIFY(t.simulation.warmupS < t.simulation.durationS);
    for (const auto& a : t.scenario)
        QVERIFY2(a.atS > t.simulation.warmupS && a.atS < t.simulation.durationS,
                 "scenario steps happen inside the measured window");

    // A tidy canvas: nobody stacked on anybody, clients on the left - or, with several
    // data centers, each site's shaded region apart from the others and from the nodes
    // that belong to no site (sites side by side have their users at their own edge).
    const std::map<std::string, QRectF> sites = siteRegions(t);
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        for (std::size_t j = i + 1; j < t.nodes.size(); ++j) {
            const double dx = t.nodes[i].pos.x - t.nodes[j].pos.x;
            const double dy = t.nodes[i].pos.y - t.nodes[j].pos.y;
            QVERIFY2(std::hypot(dx, dy) >= 110,
                     qPrintable(QStringLiteral("%1 overlaps %2")
                                    .arg(QString::fromStdString(t.nodes[i].id.str()),
                                         QString::fromStdString(t.nodes[j].id.str()))));
        }
        if (sites.size() >= 2) {
            for (const auto& [site, region] : sites)
                QVERIFY2(t.nodes[i].site() == site ||
                             !region.contains(QPointF(t.nodes[i].pos.x, t.nodes[i].pos.y)),
                         qPrintable(QStringLiteral("%1 stands in site %2")
                                        .arg(QString::fromStdString(t.nodes[i].id.str()),
                                             QString::fromStdString(site))));
        } else if (t.nodes[i].is("client") || t.nodes[i].is("dns")) {
            QCOMPARE(t.nodes[i].pos.x, 0.0);
        } else {
            QVERIFY(t.nodes[i].pos.x >= 180);
        }
    }
    for (auto a = sites.begin(); a != sites.end(); ++a)
        for (auto b = std::next(a); b != sites.end(); ++b)
            QVERIFY2(!a->second.intersects(b->second),
                     qPrintable(QStringLiteral("sites %1 and %2 overlap")
                                    .arg(QString::fromStdString(a->first),
                                         QString::fromStdString(b->first))));
}

void TestExamples::validateCommandAcceptsEveryExample_data()
{
    addExampleRows();
}

void TestExamples::validateCommandAcceptsEveryExample()
{
    QFETCH(QString, stem);
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY), {QStringLiteral("validate"), examplePath(stem)});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(QLatin1String("0 warning(s)")), qPrintable(out));
    QVERIFY(p.readAllStandardError().isEmpty());
}

void TestExamples::theSequenceIsComplete()
{
    const QStringList stems = exampleStems();
    for (const char* required :
         {"01-single-server", "02-web-and-database", "03-sql-vs-nosql", "04-vertical-scaling",
          "05-load-balancer", "06-database-replication", "07-cache", "08-millions-of-users"})
        QVERIFY2(stems.contains(QLatin1String(required)), required);
    int challenges = 0;
    for (const QString& s : stems)
        if (s.startsWith(QLatin1String("challenge-"))) {
            ++challenges;
            QVERIFY2(!loadExample(s).goals.empty(), "a challenge is defined by its goals");
        }
    QVERIFY(challenges >= 2);
}

void TestExamples::everyExampleRunsItsScenario_data()
{
    addExampleRows();
}

void TestExamples::everyExampleRunsItsScenario()
{
    QFETCH(QString, stem);
    const core::Topology t = loadExample(stem);
    EXAMPLE_RUN(r, runExample(stem));
    QCOMPARE(r.at("nodes").size(), t.nodes.size());
    QCOMPARE(r.at("engine").value("event_cap_reached", false), false);

    // Traffic: each client's rate, integrated over the measured window through the
    // scenario's rate changes, Poisson within 3%.
    const double w = t.simulation.warmupS, end = t.simulation.durationS;
    double expected = 0;
    for (const auto& n : t.nodes) {
        if (!n.is("client"))
            continue;
        double rate = n.number("rate_rps"), from = w;
        for (const auto& a : t.scenario)
            if (a.action == ActionType::Set && a.node == n.id && a.param == "rate_rps") {
                expected += rate * (std::max(a.atS, w) - from);
                from = std::max(a.atS, w);
                rate = core::toNumber(a.value);
            }
        expected += rate * (end - from);
    }
    EXPECT_NEAR("requests generated", r.at("requests").at("generated").get<double>(), expected,
                0.03 * expected);

    // Every scenario step shows up as an event at its time.
    for (const auto& a : t.scenario) {
        // A site step names no node: its event has an empty node (and the site in its detail).
        const char* type = a.action == ActionType::Fail          ? "node_failed"
                           : a.action == ActionType::Recover     ? "node_recovered"
                           : a.action == ActionType::Set         ? "param_set"
                           : a.action == ActionType::Purge       ? "purged"
                           : a.action == ActionType::FailSite    ? "site_failed"
                           : a.action == ActionType::RecoverSite ? "site_recovered"
                                                                 : "replica_promoted";
        const auto e = findEvent(r, type, a.node.str(), a.atS);
        QVERIFY2(e, qPrintable(QStringLiteral("%1 %2 at %3")
                                   .arg(QLatin1String(type))
                                   .arg(QString::fromStdString(a.node.str()))
                                   .arg(a.atS)));
        EXPECT_NEAR("event time", num(*e, "t_s"), a.atS, 1e-6);
        if (core::isSiteAction(a.action))
            QVERIFY(e->at("detail").get<std::string>().starts_with(a.site + ":"));
    }
}

void TestExamples::resultsCarryEveryContractKey()
{
    EXAMPLE_RUN(r, runExample(QStringLiteral("01-single-server")));
    // DESIGN.md, "run --json writes results in the scalelab-results/1 shape".
    for (const char* key : {"/format",
                            "/name",
                            "/seed",
                            "/duration_s",
                            "/warmup_s",
                            "/requests/generated",
                            "/requests/completed",
                            "/requests/failed",
                            "/requests/by_reason",
                            "/throughput_rps",
                            "/availability",
                            "/latency_ms/mean",
                            "/latency_ms/p50",
                            "/latency_ms/p90",
                            "/latency_ms/p95",
                            "/latency_ms/p99",
                            "/latency_ms/p999",
                            "/latency_ms/max",
                            "/by_class/read/count",
                            "/by_class/read/latency_ms/p99",
                            "/by_class/write/count",
                            "/by_class/write/latency_ms/mean",
                            "/nodes",
                            "/data/lost_writes",
                            "/data/stale_reads",
                            "/sessions/misses",
                            "/sessions/lost",
                            "/events",
                            "/timeseries/interval_s",
                            "/timeseries/t_s",
                            "/timeseries/throughput_rps",
                            "/timeseries/p50_ms",
                            "/timeseries/p99_ms",
                            "/timeseries/errors",
                            "/engine/events",
                            "/engine/wall_s",
                            "/engine/events_per_s"})
        QVERIFY2(r.contains(json::json_pointer(key)), key);
    QCOMPARE(r.at("format").get<std::string>(), std::string("scalelab-results/1"));
    QCOMPARE(r.at("seed").get<std::uint64_t>(),
             loadExample(QStringLiteral("01-single-server")).simulation.seed);
    QVERIFY(r.at("nodes").is_object());
    QCOMPARE(r.at("nodes").size(), std::size_t(3));
    for (const auto& [id, n] : r.at("nodes").items())
        for (const char* key : {"kind", "arrivals", "completed", "utilization", "mean_queue_length",
                                "mean_wait_ms", "mean_response_ms", "rejected", "up_fraction"})
            QVERIFY2(n.contains(key), qPrintable(QString::fromStdString(id) + ": " + key));
    for (const auto& e : r.at("events"))
        for (const char* key : {"t_s", "type", "node", "detail"})
            QVERIFY2(e.contains(key), key);
    const json& ts = r.at("timeseries");
    QCOMPARE(ts.at("throughput_rps").size(), ts.at("t_s").size());
    QCOMPARE(ts.at("errors").size(), ts.at("t_s").size());
    QCOMPARE(ts.at("p99_ms").size(), ts.at("t_s").size());
}

void TestExamples::sameSeedSameResults()
{
    // An example is a regression test only if its run is reproducible: the file's seed given
    // explicitly must reproduce the run bit for bit (all but the wall-clock engine figures).
    const core::Topology t = loadExample(QStringLiteral("06-database-replication"));
    EXAMPLE_RUN(a, runExample(QStringLiteral("06-database-replication")));
    EXAMPLE_RUN(b, runExample(QStringLiteral("06-database-replication"),
                              {QStringLiteral("--seed"), QString::number(t.simulation.seed)}));
    json x = a, y = b;
    x.erase("engine");
    y.erase("engine");
    QVERIFY(x == y);
    EXAMPLE_RUN(c, runExample(QStringLiteral("06-database-replication"),
                              {QStringLiteral("--seed"), QString::number(t.simulation.seed + 1)}));
    QVERIFY(c.at("requests") != a.at("requests"));
}

void TestExamples::singleServerIsASinglePointOfFailure()
{
    const core::Topology t = loadExample(QStringLiteral("01-single-server"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("01-single-server")));
    const double rate = nodeParams(t, "users").number("rate_rps");
    const double lookups = nodeParams(t, "users").number("dns_lookup_ratio");
    const double dnsDown = actionAt(t, ActionType::Fail, "dns");
    const double dnsUp = actionAt(t, ActionType::Recover, "dns");
    const double webDown = actionAt(t, ActionType::Fail, "web");
    const double webUp = actionAt(t, ActionType::Recover, "web");
    const double end = t.simulation.durationS;

    QCOMPARE(errorsIn(r, t.simulation.warmupS, dnsDown), 0.0);

    // DNS down: exactly the requests that needed a lookup fail, the others go on.
    const double dnsErrors = errorsIn(r, dnsDown + 1, dnsUp - 1);
    const double dnsDone = completedIn(r, dnsDown + 1, dnsUp - 1);
    QVERIFY(dnsErrors > 0);
    EXPECT_NEAR("failed share while DNS is down", dnsErrors / (dnsErrors + dnsDone), lookups, 0.03);
    QVERIFY(findEvent(r, "node_failed", "dns"));
    QCOMPARE(num(*findEvent(r, "node_failed", "dns"), "t_s"), dnsDown);

    // The one web server down: every request fails, nothing completes.
    const double window = (webUp - 1) - (webDown + 1);
    QCOMPARE(completedIn(r, webDown + 1, webUp - 1), 0.0);
    EXPECT_NEAR("failures per second while the server is down",
                errorsIn(r, webDown + 1, webUp - 1) / window, rate, 0.1 * rate);
    QCOMPARE(num(*findEvent(r, "node_failed", "web"), "t_s"), webDown);

    // Back up, it serves everything again.
    QCOMPARE(errorsIn(r, webUp + 2, end), 0.0);
    EXPECT_NEAR("web up fraction", num(nodeOf(r, "web"), "up_fraction"),
                1 - (webUp - webDown) / (end - t.simulation.warmupS), 0.01);
    // Utilization = rate x service / workers while up (M/M/c), scaled by the up time.
    const core::Node& web = nodeParams(t, "web");
    const double rho = rate * web.number("service_ms") / 1000 / double(web.integer("workers"));
    EXPECT_NEAR("web utilization", num(nodeOf(r, "web"), "utilization"),
                rho * num(nodeOf(r, "web"), "up_fraction"), 0.03);
    qInfo("01: DNS down: %.3f of requests fail (lookup ratio %.2f); web down: %.0f failures/s "
          "(rate %.0f), 0 completed; availability %.4f",
          dnsErrors / (dnsErrors + dnsDone), lookups, errorsIn(r, webDown + 1, webUp - 1) / window,
          rate, r.at("availability").get<double>());
}

void TestExamples::webAndDatabaseTiersAddUp()
{
    const core::Topology t = loadExample(QStringLiteral("02-web-and-database"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("02-web-and-database")));
    const core::Node& users = nodeParams(t, "users");
    const core::Node& web = nodeParams(t, "web");
    const core::Node& db = nodeParams(t, "db");
    const double rate = users.number("rate_rps");
    const double reads = users.number("read_ratio");
    const double dbDown = actionAt(t, ActionType::Fail, "db");
    const double dbUp = actionAt(t, ActionType::Recover, "db");
    const double measured = t.simulation.durationS - t.simulation.warmupS;

    // Each tier is its own queue: utilization = rate x mean service / servers.
    const double rhoWeb = rate * web.number("service_ms") / 1000 / double(web.integer("workers"));
    const double dbServiceMs = reads * db.number("read_ms") + (1 - reads) * db.number("write_ms");
    const double rhoDb = rate * dbServiceMs / 1000 / double(db.integer("connections"));
    const double dbUpFraction = 1 - (dbUp - dbDown) / measured;
    EXPECT_NEAR("db up fraction", num(nodeOf(r, "db"), "up_fraction"), dbUpFraction, 0.01);
    EXPECT_NEAR("db utilization", num(nodeOf(r, "db"), "utilization"), rhoDb * dbUpFraction, 0.03);
    // The web server stays up; whether it still works while the database is down depends on
    // when it calls it, so allow the outage's share either way.
    const double webUtil = num(nodeOf(r, "web"), "utilization");
    QVERIFY2(webUtil > rhoWeb * dbUpFraction - 0.03 && webUtil < rhoWeb + 0.03,
             qPrintable(
                 QStringLiteral("web utilization %1, expected about %2").arg(webUtil).arg(rhoWeb)));
    QCOMPARE(num(nodeOf(r, "web"), "up_fraction"), 1.0);
    QVERIFY(num(nodeOf(r, "web"), "utilization") > num(nodeOf(r, "db"), "utilization"));

    // End to end = the internet both ways + the web tier + the private hop both ways + the
    // data tier (+ a DNS round trip for the share that looks the name up).
    const double expectedMean =
        2 * t.findLink({core::NodeId{"users"}, core::NodeId{"web"}})->latencyMs() +
        users.number("dns_lookup_ratio") * 2 *
            t.findLink({core::NodeId{"users"}, core::NodeId{"dns"}})->latencyMs() +
        num(nodeOf(r, "web"), "mean_response_ms") +
        2 * t.findLink({core::NodeId{"web"}, core::NodeId{"db"}})->latencyMs() +
        num(nodeOf(r, "db"), "mean_response_ms") +
        users.number("dns_lookup_ratio") * num(nodeOf(r, "dns"), "mean_response_ms");
    EXPECT_NEAR("end-to-end mean (ms)", r.at("latency_ms").at("mean").get<double>(), expectedMean,
                0.05 * expectedMean);

    // The data tier down: every request fails although the web server is up.
    QCOMPARE(errorsIn(r, t.simulation.warmupS, dbDown), 0.0);
    QCOMPARE(completedIn(r, dbDown + 1, dbUp - 1), 0.0);
    EXPECT_NEAR("failures per second while the database is down",
                errorsIn(r, dbDown + 1, dbUp - 1) / (dbUp - dbDown - 2), rate, 0.12 * rate);
    qInfo("02: web %.1f%% busy (expected %.1f%%), database %.1f%% (expected %.1f%% x up %.3f), "
          "end-to-end mean %.1f ms (sum of parts %.1f ms)",
          100 * webUtil, 100 * rhoWeb, 100 * num(nodeOf(r, "db"), "utilization"), 100 * rhoDb,
          dbUpFraction, r.at("latency_ms").at("mean").get<double>(), expectedMean);
}

void TestExamples::nosqlAnswersFasterByItsEngineFactor()
{
    const core::Topology t = loadExample(QStringLiteral("03-sql-vs-nosql"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("03-sql-vs-nosql")));
    const core::Node& sql = nodeParams(t, "db-sql");
    const core::Node& nosql = nodeParams(t, "db-nosql");
    // Same hardware and load: only the engine differs.
    QCOMPARE(sql.number("read_ms"), nosql.number("read_ms"));
    QCOMPARE(sql.number("write_ms"), nosql.number("write_ms"));
    QCOMPARE(sql.integer("connections"), nosql.integer("connections"));
    const double reads = nodeParams(t, "users-sql").number("read_ratio");
    const auto sqlProfile = core::engineProfile(sql.text("engine"));
    const auto nosqlProfile = core::engineProfile(nosql.text("engine"));
    auto meanService = [&](const core::Node& n, const core::EngineProfile& p) {
        return reads * n.number("read_ms") * p.readFactor +
               (1 - reads) * n.number("write_ms") * p.writeFactor;
    };
    const double expectedRatio = meanService(nosql, nosqlProfile) / meanService(sql, sqlProfile);
    QVERIFY(expectedRatio < 0.6); // the lesson needs a visible difference

    const json& s = nodeOf(r, "db-sql");
    const json& n = nodeOf(r, "db-nosql");
    // Response minus wait = service: its ratio is the engine factor, whatever the queueing.
    const double serviceRatio = (num(n, "mean_response_ms") - num(n, "mean_wait_ms")) /
                                (num(s, "mean_response_ms") - num(s, "mean_wait_ms"));
    EXPECT_NEAR("NoSQL / SQL mean service", serviceRatio, expectedRatio, 0.05 * expectedRatio);
    EXPECT_NEAR("NoSQL / SQL utilization", num(n, "utilization") / num(s, "utilization"),
                expectedRatio, 0.05 * expectedRatio);

    // Utilization over the two load phases: rate x service / connections, time-weighted.
    const double grow = actionAt(t, ActionType::Set, "users-sql");
    double rateAfter = 0;
    for (const auto& a : t.scenario)
        if (a.action == ActionType::Set && a.node.str() == "users-sql")
            rateAfter = core::toNumber(a.value);
    const double rateBefore = nodeParams(t, "users-sql").number("rate_rps");
    const double w = t.simulation.warmupS, end = t.simulation.durationS;
    auto util = [&](double serviceMs, const core::Node& node) {
        const double c = double(node.integer("connections"));
        return ((grow - w) * rateBefore + (end - grow) * rateAfter) / (end - w) * serviceMs / 1000 /
               c;
    };
    EXPECT_NEAR("SQL utilization", num(s, "utilization"), util(meanService(sql, sqlProfile), sql),
                0.03);
    EXPECT_NEAR("NoSQL utilization", num(n, "utilization"),
                util(meanService(nosql, nosqlProfile), nosql), 0.03);
    // Near saturation the relational database queues; the NoSQL one barely does.
    QVERIFY2(num(s, "mean_wait_ms") > 5 * num(n, "mean_wait_ms") && num(s, "mean_wait_ms") > 1,
             qPrintable(QStringLiteral("waits: SQL %1 ms, NoSQL %2 ms")
                            .arg(num(s, "mean_wait_ms"))
                            .arg(num(n, "mean_wait_ms"))));
    QVERIFY(num(n, "mean_response_ms") < num(s, "mean_response_ms"));
    QCOMPARE(r.at("requests").at("failed").get<double>(), 0.0);
    qInfo("03: NoSQL/SQL service %.3f (engine factors give %.3f); SQL %.1f%% busy, wait %.2f ms, "
          "response %.2f ms; NoSQL %.1f%% busy, wait %.2f ms, response %.2f ms",
          serviceRatio, expectedRatio, 100 * num(s, "utilization"), num(s, "mean_wait_ms"),
          num(s, "mean_response_ms"), 100 * num(n, "utilization"), num(n, "mean_wait_ms"),
          num(n, "mean_response_ms"));
}

void TestExamples::biggerServerIsFasterButStillASinglePoint()
{
    const core::Topology t = loadExample(QStringLiteral("04-vertical-scaling"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("04-vertical-scaling")));
    const core::Node& small = nodeParams(t, "small");
    const core::Node& big = nodeParams(t, "big");
    auto capacity = [](const core::Node& n) {
        return double(n.integer("workers")) * n.number("speed") / (n.number("service_ms") / 1000);
    };
    QVERIFY(capacity(big) > 2 * capacity(small));

    // Both sites get the same traffic, phase by phase; utilization = min(1, rate / capacity).
    struct Phase {
        double from, rate;
    };
    std::vector<Phase> phases{
        {t.simulation.warmupS, nodeParams(t, "users-small").number("rate_rps")}};
    for (const auto& a : t.scenario)
        if (a.action == ActionType::Set && a.node.str() == "users-small")
            phases.push_back({a.atS, core::toNumber(a.value)});
    const double bigDown = actionAt(t, ActionType::Fail, "big");
    const double end = t.simulation.durationS;
    auto expectedUtil = [&](const core::Node& n, double stop) {
        double busy = 0;
        for (std::size_t i = 0; i < phases.size(); ++i) {
            const double to = std::min(stop, i + 1 < phases.size() ? phases[i + 1].from : end);
            busy +=
                std::max(0.0, to - phases[i].from) * std::min(1.0, phases[i].rate / capacity(n));
        }
        return busy / (end - t.simulation.warmupS);
    };
    EXPECT_NEAR("small utilization", num(nodeOf(r, "small"), "utilization"),
                expectedUtil(small, end), 0.04);
    EXPECT_NEAR("big utilization", num(nodeOf(r, "big"), "utilization"), expectedUtil(big, bigDown),
                0.04);

    // Lower latency and more headroom ...
    QVERIFY(num(nodeOf(r, "big"), "mean_response_ms") <
            0.5 * num(nodeOf(r, "small"), "mean_response_ms"));
    QVERIFY(num(nodeOf(r, "big"), "utilization") < num(nodeOf(r, "small"), "utilization"));
    // ... but a ceiling: the last load exceeds even the big server, which then rejects.
    QVERIFY(phases.back().rate > capacity(big));
    QVERIFY(num(nodeOf(r, "small"), "rejected") > num(nodeOf(r, "big"), "rejected"));
    QVERIFY(num(nodeOf(r, "big"), "rejected") > 0);
    // ... and no failover: once the big server is down only the small one still answers,
    // at its capacity.
    EXPECT_NEAR("throughput after the big server failed",
                completedIn(r, bigDown + 1, end) / (end - bigDown - 1), capacity(small),
                0.1 * capacity(small));
    QCOMPARE(num(*findEvent(r, "node_failed", "big"), "t_s"), bigDown);
    qInfo("04: small %.1f%% busy (expected %.1f%%), response %.1f ms, %.0f rejected; big %.1f%% "
          "(expected %.1f%%), response %.1f ms, %.0f rejected; after the big one failed %.0f req/s",
          100 * num(nodeOf(r, "small"), "utilization"), 100 * expectedUtil(small, end),
          num(nodeOf(r, "small"), "mean_response_ms"), num(nodeOf(r, "small"), "rejected"),
          100 * num(nodeOf(r, "big"), "utilization"), 100 * expectedUtil(big, bigDown),
          num(nodeOf(r, "big"), "mean_response_ms"), num(nodeOf(r, "big"), "rejected"),
          completedIn(r, bigDown + 1, end) / (end - bigDown - 1));
}

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
