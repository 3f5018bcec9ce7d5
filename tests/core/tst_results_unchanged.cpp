// Refactors must not change what a user measures: every example (and the valid fixtures)
// is simulated and analysed in process, and the documents are compared with the ones
// `scalelab run --json` and `scalelab analyze --json` wrote before (tests/data/golden,
// recorded by scripts/record-golden.sh). Every value recorded there must come out bit for
// bit the same; keys added since are allowed, and the engine's timing block is skipped.
// A change of semantics on purpose re-records the files and says why in its commit.
#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QtTest/QtTest>

#include "core/analysis/Analysis.h"
#include "core/analysis/AnalysisJson.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/io/TopologyJson.h"
#include "core/sim/Simulation.h"

using namespace scalelab::core;
using nlohmann::json;

namespace {

json readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return json::parse(f.readAll().toStdString());
}

// Every value of `expected` is in `actual` and equal; `actual` may have more keys.
// Returns the JSON pointer of the first difference, or "" when there is none.
std::string firstDifference(const json& expected, const json& actual, const std::string& at = "")
{
    if (expected.is_object()) {
        if (!actual.is_object())
            return at + " (not an object)";
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            if (at.empty() && it.key() == "engine")
                continue; // wall-clock figures
            if (!actual.contains(it.key()))
                return at + "/" + it.key() + " (missing)";
            auto d = firstDifference(it.value(), actual.at(it.key()), at + "/" + it.key());
            if (!d.empty())
                return d;
        }
        return "";
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size())
            return at + " (array size)";
        for (std::size_t i = 0; i < expected.size(); ++i) {
            auto d = firstDifference(expected[i], actual[i], at + "/" + std::to_string(i));
            if (!d.empty())
                return d;
        }
        return "";
    }
    if (expected != actual)
        return at + ": " + expected.dump() + " became " + actual.dump();
    return "";
}

QStringList diagrams()
{
    QStringList files;
    for (const char* dir : {SCALELAB_EXAMPLES, SCALELAB_TEST_DATA "/valid"})
        for (const QFileInfo& f :
             QDir(QString::fromUtf8(dir)).entryInfoList({"*.scalelab"}, QDir::Files, QDir::Name))
            files << f.absoluteFilePath();
    return files;
}

QString goldenPath(const QString& diagram, const char* what)
{
    return QStringLiteral(SCALELAB_TEST_DATA "/golden/") + QFileInfo(diagram).completeBaseName() +
           QLatin1Char('.') + QLatin1String(what) + QStringLiteral(".json");
}

Topology load(const QString& path)
{
    LoadResult loaded = loadTopologyFile(path.toStdString());
    if (!loaded.ok())
        qFatal("%s does not load", qPrintable(path));
    return std::move(*loaded.topology);
}

} // namespace

class TestResultsUnchanged : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyDiagramHasItsRecords()
    {
        QVERIFY(diagrams().size() >= 11);
        for (const QString& d : diagrams()) {
            QVERIFY2(QFile::exists(goldenPath(d, "results")), qPrintable(d));
            QVERIFY2(QFile::exists(goldenPath(d, "analysis")), qPrintable(d));
        }
    }

    void runResults_data()
    {
        QTest::addColumn<QString>("diagram");
        for (const QString& d : diagrams())
            QTest::newRow(qPrintable(QFileInfo(d).completeBaseName())) << d;
    }
    void runResults()
    {
        QFETCH(QString, diagram);
        const Topology t = load(diagram);
        const json actual = json(resultsWithGoals(sim::simulate(t), t));
        const std::string difference =
            firstDifference(readJson(goldenPath(diagram, "results")), actual);
        QVERIFY2(difference.empty(), difference.c_str());
    }

    void analysis_data() { runResults_data(); }
    void analysis()
    {
        QFETCH(QString, diagram);
        const Topology t = load(diagram);
        const json actual = json(analysisToJson(analyze(t)));
        const std::string difference =
            firstDifference(readJson(goldenPath(diagram, "analysis")), actual);
        QVERIFY2(difference.empty(), difference.c_str());
    }

    void comparisonFindsAChange()
    {
        // The comparison itself: a changed, a missing and an added value.
        const json before = json::parse(R"({"a": 1.5, "b": {"c": [1, 2]}, "engine": {"w": 1}})");
        QVERIFY(firstDifference(before, json::parse(R"({"a": 1.5, "b": {"c": [1, 2]}, "x": 0})"))
                    .empty());
        QCOMPARE(firstDifference(before, json::parse(R"({"a": 1.5000001, "b": {"c": [1, 2]}})")),
                 std::string("/a: 1.5 became 1.5000001"));
        QVERIFY(!firstDifference(before, json::parse(R"({"a": 1.5, "b": {"c": [1]}})")).empty());
        QVERIFY(!firstDifference(before, json::parse(R"({"a": 1.5})")).empty());
    }
};

QTEST_APPLESS_MAIN(TestResultsUnchanged)
#include "tst_results_unchanged.moc"
