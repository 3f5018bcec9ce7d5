// Loading and saving the scalelab/1 format: examples load, saving is stable, round trips
// are the identity, fragments (clipboard, delete-undo) use the same shape.
#include <QDir>
#include <QtTest>

#include "core/io/TopologyJson.h"
#include "core/validation/Validator.h"

using namespace scalelab::core;

class TestTopologyJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void designExampleLoadsAsWritten();
    void everyExampleLoadsWithoutErrors();
    void roundTripIsIdentity_data();
    void roundTripIsIdentity();
    void savedKeysHaveStableOrder();
    void defaultsAreNotWritten();
    void everyProblemIsReportedAtOnce();
    void syntaxErrorGivesLineAndColumn();
    void unknownTopLevelKeyIsAWarning();
    void missingFileIsAnError();
    void integralFloatIsAcceptedForInteger();
    void networkBesideParamsIsRead();
    void fragmentRoundTrip();
};

namespace {
QStringList exampleFiles()
{
    QStringList files;
    const QDir dir(QStringLiteral(SCALELAB_EXAMPLES));
    for (const QString& f : dir.entryList({QStringLiteral("*.scalelab")}, QDir::Files, QDir::Name))
        files << dir.filePath(f);
    return files;
}
const std::string kDesignExample = SCALELAB_TEST_DATA "/valid/design-example.scalelab";
} // namespace

void TestTopologyJson::designExampleLoadsAsWritten()
{
    const LoadResult r = loadTopologyFile(kDesignExample);
    QVERIFY(r.ok());
    QVERIFY(r.diagnostics.empty());
    const Topology& t = *r.topology;
    QCOMPARE(t.name, std::string("Database replication"));
    QCOMPARE(t.simulation.durationS, 120.0);
    QCOMPARE(t.simulation.warmupS, 10.0);
    QCOMPARE(t.simulation.seed, std::uint64_t(42));
    QCOMPARE(t.nodes.size(), std::size_t(6));
    QCOMPARE(t.links.size(), std::size_t(5));
    const Node* users = t.findNode(NodeId{"users"});
    QVERIFY(users);
    QCOMPARE(users->number("rate_rps"), 800.0);
    QCOMPARE(users->text("arrival"), std::string("poisson"));
    QCOMPARE(users->number("timeout_ms"), 0.0); // registry default
    QCOMPARE(users->pos, (Point{0, 200}));
    const Node* web = t.findNode(NodeId{"web1"});
    QCOMPARE(web->integer("workers"), std::int64_t(8));
    QCOMPARE(t.findNode(NodeId{"db"})->network(), Network::Private);
    QCOMPARE(web->network(), Network::Public);
    const Link* repl = t.findLink({NodeId{"db"}, NodeId{"db-r1"}});
    QVERIFY(repl);
    QVERIFY(repl->kind == LinkKind::Replication);
    QCOMPARE(repl->lagMs(), 100.0);
    QCOMPARE(t.findLink({NodeId{"users"}, NodeId{"lb"}})->latencyMs(), 40.0);
    QCOMPARE(t.scenario.size(), std::size_t(3));
    QVERIFY(t.scenario[1].action == ActionType::Set);
    QCOMPARE(toNumber(t.scenario[1].value), 1600.0);
    QVERIFY(validate(t).empty());
}

void TestTopologyJson::everyExampleLoadsWithoutErrors()
{
    const QStringList files = exampleFiles();
    QVERIFY2(!files.isEmpty(), "no examples found in " SCALELAB_EXAMPLES);
    for (const QString& file : files) {
        const LoadResult r = loadTopologyFile(file.toStdString());
        QVERIFY2(r.ok(), qPrintable(file));
        for (const auto& d : validate(*r.topology))
            QVERIFY2(
                d.severity != Severity::Error,
                qPrintable(file + QStringLiteral(": ") + QString::fromStdString(d.toString())));
    }
}

void TestTopologyJson::roundTripIsIdentity_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("design-example") << QString::fromStdString(kDesignExample);
    for (const QString& f : exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestTopologyJson::roundTripIsIdentity()
{
    QFETCH(QString, file);
    const LoadResult first = loadTopologyFile(file.toStdString());
    QVERIFY(first.ok());
    const std::string saved = saveTopology(*first.topology);
    const LoadResult second = loadTopology(saved);
    QVERIFY(second.ok());
    QVERIFY(second.diagnostics.empty());
    QVERIFY(*first.topology == *second.topology);
    QCOMPARE(saveTopology(*second.topology), saved); // saving is a fixed point
}

void TestTopologyJson::savedKeysHaveStableOrder()
{
    const LoadResult r = loadTopologyFile(kDesignExample);
    const std::string saved = saveTopology(*r.topology);
    const auto at = [&](const char* key) { return saved.find(key); };
    QVERIFY(at("\"format\"") < at("\"name\""));
    QVERIFY(at("\"name\"") < at("\"simulation\""));
    QVERIFY(at("\"simulation\"") < at("\"nodes\""));
    QVERIFY(at("\"nodes\"") < at("\"links\""));
    QVERIFY(at("\"links\"") < at("\"scenario\""));
    // Parameters are sorted by name inside a node, so edits diff as one line.
    const auto users = saved.find("\"id\": \"users\"");
    QVERIFY(saved.find("\"arrival\"", users) < saved.find("\"rate_rps\"", users));
    QVERIFY(saved.find("\"rate_rps\"", users) < saved.find("\"read_ratio\"", users));
}

void TestTopologyJson::defaultsAreNotWritten()
{
    Topology t;
    t.name = "tiny";
    t.nodes.push_back(Node{NodeId{"w"}, KindId{"web_server"}, {}, {10, 20}, {}});
    const std::string saved = saveTopology(t);
    QVERIFY(saved.find("workers") == std::string::npos);
    QVERIFY(saved.find("\"params\"") == std::string::npos);
}

void TestTopologyJson::everyProblemIsReportedAtOnce()
{
    const char* text = R"({"format": "scalelab/1", "nodes": [
        {"id": "a", "kind": "web_server", "params": {"workers": "many", "servce_ms": 3}},
        {"kind": "cache"},
        {"id": "b", "kind": "databse"}],
      "links": [{"from": "a", "to": "zzz"}]})";
    const LoadResult r = loadTopology(text);
    QVERIFY(r.topology);
    Diagnostics all = r.diagnostics;
    const Diagnostics semantic = validate(*r.topology);
    all.insert(all.end(), semantic.begin(), semantic.end());
    QStringList paths;
    for (const auto& d : all)
        if (d.severity == Severity::Error)
            paths << QString::fromStdString(d.path);
    for (const char* expected : {"/nodes/0/params/workers", "/nodes/0/params/servce_ms", "/nodes/1",
                                 "/nodes/2/kind", "/links/0/to"})
        QVERIFY2(paths.contains(QLatin1String(expected)),
                 qPrintable(QStringLiteral("missing %1 in %2")
                                .arg(QLatin1String(expected), paths.join(QLatin1Char(' ')))));
}

void TestTopologyJson::syntaxErrorGivesLineAndColumn()
{
    const LoadResult r = loadTopology("{\n  \"format\": \"scalelab/1\",\n  \"nodes\": [,]\n}");
    QVERIFY(!r.topology);
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QVERIFY2(r.diagnostics[0].message.find("line 3, column 13") != std::string::npos,
             r.diagnostics[0].message.c_str());
}

void TestTopologyJson::unknownTopLevelKeyIsAWarning()
{
    const LoadResult r = loadTopology(R"({"format": "scalelab/1", "nodes": [], "nodez": 1})");
    QVERIFY(r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QVERIFY(r.diagnostics[0].severity == Severity::Warning);
    QCOMPARE(r.diagnostics[0].path, std::string("/nodez"));
    QVERIFY(r.diagnostics[0].message.find("did you mean 'nodes'") != std::string::npos);
}

void TestTopologyJson::missingFileIsAnError()
{
    const LoadResult r = loadTopologyFile("/nonexistent/dir/file.scalelab");
    QVERIFY(!r.ok());
    QVERIFY(r.diagnostics[0].message.find("cannot open") != std::string::npos);
}

void TestTopologyJson::integralFloatIsAcceptedForInteger()
{
    const LoadResult r = loadTopology(
        R"({"format": "scalelab/1", "nodes": [{"id": "w", "kind": "web_server", "params": {"workers": 8.0}}]})");
    QVERIFY(r.ok());
    QCOMPARE(r.topology->nodes[0].integer("workers"), std::int64_t(8));
    QVERIFY(std::holds_alternative<std::int64_t>(r.topology->nodes[0].params.at("workers")));
}

void TestTopologyJson::networkBesideParamsIsRead()
{
    const LoadResult r = loadTopology(
        R"({"format": "scalelab/1", "nodes": [{"id": "w", "kind": "web_server", "network": "private"}]})");
    QVERIFY(r.ok());
    QCOMPARE(r.topology->nodes[0].network(), Network::Private);
}

void TestTopologyJson::fragmentRoundTrip()
{
    const LoadResult r = loadTopologyFile(kDesignExample);
    const Topology& t = *r.topology;
    const std::vector<Node> nodes{t.nodes[4], t.nodes[5]};
    const std::vector<Link> links{t.links[4]};
    const LoadResult back = loadFragment(saveFragment(nodes, links));
    QVERIFY(back.ok());
    QVERIFY(back.topology->nodes == nodes);
    QVERIFY(back.topology->links == links);
    QVERIFY(!loadFragment("[1,2]").ok());
}

QTEST_APPLESS_MAIN(TestTopologyJson)
#include "tst_topology_json.moc"
