// `compare`: two designs under common random numbers. The difference of mean latency of an
// M/M/c queue with 10 and 12 servers against the Erlang C formula, the paired interval
// narrower than two independent ones would be, the scalelab-compare/1 shape, and the
// parameter diff between two designs.
#include <cmath>

#include <QTest>

#include "SimTestSupport.h"
#include "core/analysis/ErlangC.h"
#include "core/compare/DesignDiff.h"
#include "core/compare/PairedComparison.h"
#include "core/experiment/ReplicationRunner.h"

using namespace scalelab::core;
using namespace scalelab::testsupport;

namespace {
constexpr double kLambda = 90;     // req/s
constexpr double kServiceMs = 100; // mean, exponential: a = 9 Erlangs

Topology mmc(std::int64_t servers)
{
    Topology t;
    t.name = "M/M/" + std::to_string(servers);
    t.simulation = {400.0, 20.0, 2024};
    t.nodes = {makeNode("users", "client", {{"rate_rps", kLambda}, {"read_ratio", 1.0}}),
               makeNode("web", "web_server", {{"workers", servers}, {"service_ms", kServiceMs}})};
    t.links = {makeLink("users", "web")};
    return t;
}

double figure(const nlohmann::ordered_json& doc, const char* pointer)
{
    return doc.at(nlohmann::ordered_json::json_pointer(pointer)).get<double>();
}
} // namespace

class TestCompare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void erlangCDifferenceOfMeanLatency();
    void jsonMirrorsTheResultsKeys();
    void designDiffNamesWhatChanged();
};

void TestCompare::erlangCDifferenceOfMeanLatency()
{
    const Topology a = mmc(10), b = mmc(12);
    experiment::ReplicationRunner runner(a.simulation.seed, 2);
    const compare::PairedComparison c = compare::compareDesigns(a, b, 20, runner);
    QVERIFY2(c.error.empty(), c.error.c_str());
    QCOMPARE(c.delta.runs(), std::size_t(20));
    const double expected = (scalelab::core::mmc(kLambda, kServiceMs / 1000, 12).meanResponse -
                             scalelab::core::mmc(kLambda, kServiceMs / 1000, 10).meanResponse) *
                            1000;
    QVERIFY(expected < -50); // about -58 ms: two more servers cut the wait at rho 0.9
    const experiment::FigureStats d = c.delta.at("/latency_ms/mean");
    QVERIFY2(std::abs(d.mean - expected) <= d.ci95,
             qPrintable(QStringLiteral("B - A = %1 +- %2 ms, Erlang C says %3 ms")
                            .arg(d.mean)
                            .arg(d.ci95)
                            .arg(expected)));
    // The interval is tight enough to mean something, and the difference is significant.
    QVERIFY(d.ci95 < 0.25 * std::abs(expected));
    QVERIFY(compare::significance(d) == compare::Verdict::Significant);
    // Common random numbers at work: the paired interval is narrower than the one two
    // independent sets of runs would give.
    const double unpaired =
        std::hypot(c.a.at("/latency_ms/mean").ci95, c.b.at("/latency_ms/mean").ci95);
    QVERIFY2(d.ci95 < unpaired, qPrintable(QStringLiteral("%1 vs %2").arg(d.ci95).arg(unpaired)));
    // Both designs carry the same traffic: throughput does not differ significantly.
    QVERIFY(compare::significance(c.delta.at("/throughput_rps")) != compare::Verdict::Significant);
    // Each replication's seed is the same for A and B: A's and B's arrivals match (the
    // clients' own; requests.generated also counts what each design still held when the
    // warm-up ended, which differs).
    QCOMPARE(c.a.at("/nodes/users/arrivals").mean, c.b.at("/nodes/users/arrivals").mean);
}

void TestCompare::jsonMirrorsTheResultsKeys()
{
    Topology a = mmc(10), b = mmc(12);
    a.simulation.durationS = b.simulation.durationS = 60;
    experiment::ReplicationRunner runner(a.simulation.seed, 1);
    const compare::PairedComparison c = compare::compareDesigns(a, b, 3, runner);
    const nlohmann::ordered_json doc = compare::comparisonJson(c, a, b);
    QCOMPARE(doc["format"].get<std::string>(), std::string("scalelab-compare/1"));
    QCOMPARE(doc["replications"].get<int>(), 3);
    QCOMPARE(doc["seeds"].size(), std::size_t(3));
    QCOMPARE(doc["seeds"][0].get<std::uint64_t>(), a.simulation.seed);
    for (const char* key : {"a", "b", "delta", "delta_ci95", "significant"})
        QVERIFY2(doc.contains(key), key);
    QCOMPARE(doc["a"]["name"].get<std::string>(), std::string("M/M/10"));
    // delta mirrors the results keys and is B - A (with every replication paired, the mean
    // of the differences is the difference of the means).
    for (const char* p : {"/latency_ms/mean", "/latency_ms/p99", "/throughput_rps",
                          "/nodes/web/utilization", "/requests/completed"})
        QVERIFY2(std::abs(figure(doc["delta"], p) - (figure(doc["b"], p) - figure(doc["a"], p))) <
                     1e-6 * (1 + std::abs(figure(doc["a"], p))),
                 p);
    QVERIFY(doc["significant"]["latency_ms"]["mean"].is_boolean());
    QVERIFY(doc["delta_ci95"]["latency_ms"]["mean"].get<double>() > 0);
    // Seeds and wall-clock figures are no figures to compare.
    QVERIFY(!doc["delta"].contains("engine"));
    QVERIFY(!doc["delta"].contains("seed"));

    // One replication: differences, but no interval and no verdict.
    const compare::PairedComparison one = compare::compareDesigns(a, b, 1, runner);
    const nlohmann::ordered_json single = compare::comparisonJson(one, a, b);
    QVERIFY(single["significant"]["latency_ms"]["mean"].is_null());
    QVERIFY(single["delta"]["latency_ms"]["mean"].get<double>() < 0);
}

void TestCompare::designDiffNamesWhatChanged()
{
    Topology a = mmc(10);
    Topology b = mmc(12);
    b.nodes[0].pos = {300, 300};                   // moved: not a design change
    b.nodes[1].params["speed"] = 1.0;              // the default, made explicit: no change
    b.nodes.push_back(makeNode("db", "database")); // added
    b.links.push_back(makeLink("web", "db", 2));   // added
    a.links[0].params["latency_ms"] = 20.0;        // a link field
    b.simulation.durationS = 100;
    const compare::DesignDiff d = compare::diffDesigns(a, b);
    QCOMPARE(d.nodesOnlyInB, std::vector<std::string>{"db (database)"});
    QVERIFY(d.nodesOnlyInA.empty());
    QCOMPARE(d.linksOnlyInB, std::vector<std::string>{"web -> db"});
    const auto has = [&](const char* where, const char* what, const char* va, const char* vb) {
        for (const auto& c : d.changes)
            if (c.where == where && c.what == what && c.a == va && c.b == vb)
                return true;
        return false;
    };
    QVERIFY(has("web", "workers", "10", "12"));
    QVERIFY(has("users -> web", "latency_ms", "20", "-"));
    QVERIFY(has("simulation", "duration_s", "400", "100"));
    for (const auto& c : d.changes)
        QVERIFY2(c.what != "speed" && c.what != "pos", c.what.c_str());
    QVERIFY(compare::diffDesigns(a, a).empty());
}

QTEST_MAIN(TestCompare)
#include "tst_compare.moc"
