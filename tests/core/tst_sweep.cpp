// Sweeps: --vary parsing against the file (ranges, lists, wildcards, located errors), the
// factorial's point order, per-point means and intervals, the CSV, the knee, and the
// emitted-jobs path giving the very document the in-process sweep gives.
#include <cmath>
#include <map>

#include <QTest>

#include "SimTestSupport.h"
#include "core/experiment/Knee.h"
#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/Sweep.h"
#include "core/experiment/SweepJobs.h"
#include "core/experiment/SweepSpec.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/io/TopologyJson.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using namespace scalelab::core::experiment;
using namespace scalelab::testsupport;

namespace {

Topology twoServers()
{
    Topology t;
    t.name = "two servers";
    t.simulation = {10.0, 1.0, 5};
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", 200.0}, {"read_ratio", 1.0}}),
        makeNode("lb", "load_balancer"),
        makeNode("web1", "web_server", {{"workers", std::int64_t{2}}, {"service_ms", 10.0}}),
        makeNode("web2", "web_server", {{"workers", std::int64_t{2}}, {"service_ms", 10.0}})};
    t.links = {makeLink("users", "lb"), makeLink("lb", "web1"), makeLink("lb", "web2")};
    t.goals = {{"p99_ms", 200.0}};
    return t;
}

QString errorOf(const std::string& vary, const Topology& t)
{
    try {
        parseVary(vary, t);
    } catch (const std::invalid_argument& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesRangesListsAndWildcards()
    {
        const Topology t = twoServers();
        const SweepAxis range = parseVary("users.rate_rps=100:300:50", t);
        QCOMPARE(range.values.size(), std::size_t{5});
        QCOMPARE(std::get<double>(range.values.back()), 300.0);
        const SweepAxis list = parseVary("web*.workers=1,2,4", t);
        QCOMPARE(list.nodes.size(), std::size_t{2});
        QCOMPARE(std::get<std::int64_t>(list.values[2]), std::int64_t{4});
        QCOMPARE(list.key(), std::string("web*.workers"));
        const SweepAxis choice = parseVary("lb.algorithm=round_robin,random", t);
        QCOMPARE(std::get<std::string>(choice.values[1]), std::string("random"));
        // A real-valued range keeps its end despite binary fractions.
        QCOMPARE(parseVary("users.read_ratio=0.1:0.9:0.1", t).values.size(), std::size_t{9});
    }

    void badVaryNamesTheProblem()
    {
        const Topology t = twoServers();
        QVERIFY(errorOf("web3.workers=1,2", t).contains(QLatin1String("no node 'web3'")));
        QVERIFY(errorOf("web1.wrokers=1,2", t).contains(QLatin1String("did you mean 'workers'")));
        QVERIFY(errorOf("web1.workers=0:4:1", t).contains(QLatin1String(">= 1")));
        QVERIFY(errorOf("web1.workers=1:4:0.5", t).contains(QLatin1String("integer")));
        QVERIFY(errorOf("web1.workers=4:1:1", t).contains(QLatin1String("TO")));
        QVERIFY(errorOf("web1.workers", t).contains(QLatin1String("NODE.PARAM=")));
        QVERIFY(errorOf("lb.algorithm=fastest", t).contains(QLatin1String("round_robin")));
        QVERIFY(errorOf("web1.workers=1:5", t).contains(QLatin1String("FROM:TO:STEP")));
        QVERIFY(errorOf("users.rate_rps=1:1e9:1", t).contains(QLatin1String("too many")));
        // The planner's ranges may leave the step out.
        QCOMPARE(parseVary("web1.workers=1:5", t, false).values.size(), std::size_t{5});
    }

    void firstAxisVariesSlowest()
    {
        const Topology t = twoServers();
        const SweepDesign d(
            t, {parseVary("users.rate_rps=100,200", t), parseVary("web*.workers=1,2,3", t)});
        QCOMPARE(d.points(), std::size_t{6});
        QCOMPARE(d.values(0).dump(), std::string(R"({"users.rate_rps":100.0,"web*.workers":1})"));
        QCOMPARE(d.values(1).dump(), std::string(R"({"users.rate_rps":100.0,"web*.workers":2})"));
        QCOMPARE(d.values(3).dump(), std::string(R"({"users.rate_rps":200.0,"web*.workers":1})"));
        const Topology p5 = d.topology(5);
        QCOMPARE(p5.findNode(NodeId("web2"))->integer("workers"), std::int64_t{3});
        QCOMPARE(p5.findNode(NodeId("users"))->number("rate_rps"), 200.0);
        QCOMPARE(t.findNode(NodeId("web2"))->integer("workers"), std::int64_t{2}); // base kept
    }

    void pointsCarryMeansIntervalsAndGoals()
    {
        const Topology t = twoServers();
        const SweepDesign d(t, {parseVary("users.rate_rps=100,300", t)});
        ReplicationRunner runner(t.simulation.seed, 2);
        const auto doc = runSweep(d, "two.scalelab", 3, runner);
        QCOMPARE(doc["format"].get<std::string>(), std::string("scalelab-sweep/1"));
        QCOMPARE(doc["points"].size(), std::size_t{2});
        const auto& p = doc["points"][1];
        // 300 req/s offered, nothing saturated: throughput within a few percent of it.
        QVERIFY(std::abs(p["throughput_rps"].get<double>() - 300) < 15);
        QVERIFY(p["ci95"]["throughput_rps"].get<double>() > 0);
        QVERIFY(p["latency_ms"].contains("p99"));
        QVERIFY(p["cost"]["per_month"].get<double>() > 0);
        QVERIFY(!p["ci95"].contains("cost")); // a price has no sampling error
        QVERIFY(p["goals_met"].get<bool>());
        QVERIFY(!doc["points"][0].contains("latency_all_ms") ||
                doc["points"][0]["latency_all_ms"].contains("p99"));
        const std::string csv = sweepCsv(doc);
        QVERIFY(csv.rfind("users.rate_rps,throughput_rps,throughput_rps_ci95,", 0) == 0);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 3);
    }

    // Text from the design reaches the CSV (ids, chosen values, errors): no cell may start
    // with what a spreadsheet runs as a formula (a node id "@SUM(A1)" made one).
    void csvCellsNeverStartAFormula()
    {
        nlohmann::ordered_json doc;
        doc["vary"] = {{{"node", "@SUM(A1)"}, {"param", "algorithm"}}};
        doc["points"] = {{{"values", {{"@SUM(A1).algorithm", "=HYPERLINK(\"x\")"}}},
                          {"error", "-1+2, \"quoted\""}}};
        const std::string csv = sweepCsv(doc);
        QCOMPARE(QString::fromStdString(csv),
                 QStringLiteral("'@SUM(A1).algorithm,error\n"
                                "\"'=HYPERLINK(\"\"x\"\")\",\"'-1+2, \"\"quoted\"\"\"\n"));
    }

    void emittedJobsMergeToTheSameDocument()
    {
        const Topology t = twoServers();
        const std::vector<std::string> vary{"web*.workers=1:3:1", "users.rate_rps=150,250"};
        std::vector<SweepAxis> axes;
        for (const auto& v : vary)
            axes.push_back(parseVary(v, t));
        const SweepDesign d(t, axes);
        ReplicationRunner runner(t.simulation.seed, 2);
        const auto inProcess = runSweep(d, "two.scalelab", 2, runner);

        // What a cluster does: each job file loaded and run on its own, its results written
        // as JSON text; then the merge reads the manifest (as text too) and those results.
        const SweepJobs jobs(d, vary, "two.scalelab", 2);
        QCOMPARE(jobs.runs(), std::size_t{12});
        QCOMPARE(jobs.stem(7), std::string("p3-r1"));
        QCOMPARE(jobs.line(7), std::string("scalelab run p3-r1.scalelab --json p3-r1.json"));
        std::map<std::string, std::string> written;
        for (std::size_t run = 0; run < jobs.runs(); ++run) {
            const LoadResult job = loadTopology(jobs.topologyText(run));
            QVERIFY(job.ok());
            written[jobs.stem(run)] =
                resultsWithGoals(sim::simulate(*job.topology), *job.topology).dump(2);
        }
        const auto manifest = nlohmann::json::parse(jobs.manifest().dump(2));
        const auto merged = mergeSweepJobs(manifest, [&](const std::string& stem) {
            const auto it = written.find(stem);
            return it == written.end() ? std::nullopt
                                       : std::optional(nlohmann::ordered_json::parse(it->second));
        });
        QCOMPARE(merged.dump(2), inProcess.dump(2));

        // A run not done yet is named, with its line of jobs.txt.
        written.erase("p2-r0");
        try {
            mergeSweepJobs(manifest, [&](const std::string& stem) {
                const auto it = written.find(stem);
                return it == written.end()
                           ? std::nullopt
                           : std::optional(nlohmann::ordered_json::parse(it->second));
            });
            QFAIL("a missing result must not merge");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QLatin1String("p2-r0.json")));
        }
    }

    void kneeOfAThroughputCurve()
    {
        // Rises 1:1 up to 12,000 then flattens (capacity 12,400): the knee is at 12,000.
        const std::vector<double> x{4000, 8000, 12000, 16000, 20000};
        const auto knee = saturationKnee(x, {3990, 7985, 11970, 12380, 12400});
        QVERIFY(knee.has_value());
        QCOMPARE(knee->x, 12000.0);
        QCOMPARE(knee->plateau, 12400.0);
        // Still rising at the end: no knee in the range.
        QVERIFY(!saturationKnee(x, {4000, 8000, 12000, 16000, 19000}).has_value());
        // One noisy flat step between rising ones is not a knee.
        QVERIFY(!saturationKnee(x, {4000, 8000, 8100, 16000, 20000}).has_value());
    }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "tst_sweep.moc"
