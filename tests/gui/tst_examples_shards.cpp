// Example 13 (sharding and the celebrity problem) as a regression test: the real
// `scalelab run --json`; expectations from the key-to-shard map and the Zipf popularity of
// the example's own client (the analyzer's shard estimate), and from the reshard.
#include <cstdio>

#include <QtTest>

#include "core/analysis/Analysis.h"
#include "core/model/ShardMap.h"
#include "gui/report/ReportBuilder.h"
#include "tst_examples_support.h"

using namespace examples_test;

class TestExamplesShards : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theHotShardIsWhereTheAnalysisPutsIt();
    void aFifthShardMovesAFifthOfTheKeys();
    void theReportShowsEachShardsRunBesideTheEstimate();
};

void TestExamplesShards::theHotShardIsWhereTheAnalysisPutsIt()
{
    const core::Topology t = loadExample(QStringLiteral("13-sharding"));
    const double reshardAt = t.scenario.front().atS;
    // Before the reshard: 4 shards as the file has them.
    EXAMPLE_RUN(r, runExample(QStringLiteral("13-sharding"),
                              {QStringLiteral("--duration"), QString::number(reshardAt - 1)}));
    const core::Analysis a = core::analyze(t);
    for (const char* id : {"db", "db-r1"}) {
        const auto& predicted = a.node(core::NodeId(id))->shards;
        const json& measured = nodeOf(r, id).at("shards");
        QCOMPARE(measured.size(), predicted.size());
        const double arrivals = num(nodeOf(r, id), "arrivals");
        std::size_t hot = 0, predictedHot = 0;
        for (std::size_t s = 0; s < predicted.size(); ++s) {
            const double share = num(measured[s], "arrivals") / arrivals;
            EXPECT_NEAR("shard share", share, predicted[s].share, 0.01);
            if (num(measured[s], "arrivals") > num(measured[hot], "arrivals"))
                hot = s;
            if (predicted[s].share > predicted[predictedHot].share)
                predictedHot = s;
        }
        QCOMPARE(hot, predictedHot);
        // The replica's hot shard carries the reads: hot, and far hotter than the rest.
        if (std::string(id) == "db-r1") {
            const double hottest = num(measured[hot], "utilization");
            EXPECT_NEAR("hot shard utilization", hottest, predicted[hot].utilization, 0.05);
            for (std::size_t s = 0; s < predicted.size(); ++s)
                if (s != hot)
                    QVERIFY(num(measured[s], "utilization") < 0.75 * hottest);
        }
    }
    // A finding names the hot shard and the celebrity behind it, with what to do.
    const std::size_t celebrity = core::ShardMap(4, "consistent", 100).shardOf(1);
    bool named = false;
    for (const auto& f : a.findings)
        named = named || (f.node == core::NodeId("db-r1") &&
                          f.text.find("Shard " + std::to_string(celebrity)) != std::string::npos &&
                          f.text.find("celebrity") != std::string::npos &&
                          f.remedy.find("cache") != std::string::npos);
    QVERIFY(named);
}

void TestExamplesShards::aFifthShardMovesAFifthOfTheKeys()
{
    const core::Topology t = loadExample(QStringLiteral("13-sharding"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("13-sharding")));
    const auto e = findEvent(r, "resharded", "db");
    QVERIFY(e);
    QCOMPARE(e->at("t_s").get<double>(), t.scenario.front().atS);
    double percent = 0;
    QVERIFY(std::sscanf(e->at("detail").get<std::string>().c_str(),
                        "4 -> 5 shards (consistent): %lf%%", &percent) == 1);
    const double expected = core::ShardMap::movedFraction(
        core::ShardMap(4, "consistent", 100), core::ShardMap(5, "consistent", 100), 100000);
    EXPECT_NEAR("keys moved", percent / 100, expected, 0.001);
    EXPECT_NEAR("about 1/(N+1)", percent / 100, 0.2, 0.06);
    // The replica followed: five shards there too, the new one serving reads.
    QCOMPARE(nodeOf(r, "db-r1").at("shards").size(), std::size_t{5});
    QVERIFY(num(nodeOf(r, "db-r1").at("shards")[4], "arrivals") > 0);
    QCOMPARE(num(r.at("requests"), "failed"), 0.0);
}

// The report's Shards section puts the run's figures beside the estimate for every shard
// (it once showed only the estimate and "-", reading the shards array as an object).
void TestExamplesShards::theReportShowsEachShardsRunBesideTheEstimate()
{
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("13.html"));
    EXAMPLE_RUN(r, runExample(QStringLiteral("13-sharding"),
                              {QStringLiteral("--duration"), QStringLiteral("20"),
                               QStringLiteral("--report"), html}));
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    // Its heading names the database as the canvas does ("Sharded master").
    const core::Topology t = loadExample(QStringLiteral("13-sharding"));
    const QString name = QString::fromStdString(t.findNode(core::NodeId{"db"})->displayName());
    const qsizetype start = text.indexOf(QStringLiteral("<h3>%1: ").arg(name));
    QVERIFY2(start >= 0, "no Shards section for db");
    const QString section =
        text.mid(start, text.indexOf(QStringLiteral("</table>"), start) - start);
    const std::size_t shards = nodeOf(r, "db").at("shards").size();
    QVERIFY(shards > 1);
    // Busy and response time: "estimate / simulated" in each shard's row.
    QVERIFY2(static_cast<std::size_t>(section.count(QStringLiteral(" / "))) >= 2 * shards,
             qPrintable(section));
    QVERIFY2(!section.contains(QStringLiteral(">-<")), qPrintable(section));
    // Under the section's heading; each shard's requests as the run counted them.
    QVERIFY(text.lastIndexOf(QStringLiteral("<h2>Shards</h2>"), start) >= 0);
    for (const auto& shard : nodeOf(r, "db").at("shards"))
        QVERIFY2(section.contains(QStringLiteral(">") +
                                  scalelab::gui::reportNumber(num(shard, "arrivals"), 0) +
                                  QStringLiteral("<")),
                 qPrintable(section));
}

QTEST_GUILESS_MAIN(TestExamplesShards)
#include "tst_examples_shards.moc"
