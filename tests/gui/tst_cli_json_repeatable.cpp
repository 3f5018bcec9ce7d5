// `scalelab run FILE --json` twice, as a user would to check a result: the two documents
// are the same byte for byte except the timing block (`engine`), which comes last, alone.
#include <nlohmann/json.hpp>

#include <QtTest>

#include "CliTestSupport.h"

using scalelab::testsupport::runCli;

class TestCliJsonRepeatable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameFileSameSeedSameBytes_data();
    void sameFileSameSeedSameBytes();
};

namespace {

// The document up to the timing block, which must be its last key: `,\n  "engine": {`
// then the block and the closing brace.
QByteArray withoutTiming(const QByteArray& doc)
{
    const QByteArray marker("\n  \"engine\": {");
    const qsizetype at = doc.lastIndexOf(marker);
    if (at < 0)
        return {};
    const qsizetype close = doc.indexOf("\n  }\n}", at);
    if (close < 0 || close + 6 != doc.size() - 1) // nothing may follow the block
        return {};
    return doc.left(at);
}

} // namespace

void TestCliJsonRepeatable::sameFileSameSeedSameBytes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("extra");
    // Events, failover and replicas; goals; retries with jittered backoff; replications.
    QTest::newRow("08 millions") << QStringLiteral("08-millions-of-users") << QStringList();
    QTest::newRow("challenge 1 goals")
        << QStringLiteral("challenge-1-black-friday") << QStringList();
    QTest::newRow("challenge 3 retries")
        << QStringLiteral("challenge-3-retry-storm") << QStringList();
    QTest::newRow("05 replications")
        << QStringLiteral("05-load-balancer")
        << QStringList{QStringLiteral("--replications"), QStringLiteral("3")};
}

void TestCliJsonRepeatable::sameFileSameSeedSameBytes()
{
    QFETCH(QString, file);
    QFETCH(QStringList, extra);
    const QStringList args =
        QStringList{QStringLiteral("run"),
                    QStringLiteral(SCALELAB_EXAMPLES "/") + file + QStringLiteral(".scalelab"),
                    QStringLiteral("--duration"),
                    QStringLiteral("40"),
                    QStringLiteral("--json"),
                    QStringLiteral("-")}
        << extra;
    const auto first = runCli(args, {}, 300000);
    const auto second = runCli(args, {}, 300000);
    QCOMPARE(first.code, 0);
    QCOMPARE(second.code, 0);
    const QByteArray a = withoutTiming(first.out);
    const QByteArray b = withoutTiming(second.out);
    QVERIFY2(!a.isEmpty(), "the engine block is not the document's last key");
    QVERIFY(!b.isEmpty());
    QVERIFY(a.size() > 1000);
    QCOMPARE(a, b);

    // The timing block holds the wall-clock figures, which may differ.
    const auto doc = nlohmann::json::parse(first.out.toStdString());
    const auto& engine = doc.at("engine");
    for (const char* key : {"events", "wall_s", "events_per_s"})
        QVERIFY2(engine.contains(key), key);
    QCOMPARE(engine.at("events"),
             nlohmann::json::parse(second.out.toStdString()).at("engine").at("events"));
}

QTEST_GUILESS_MAIN(TestCliJsonRepeatable)
#include "tst_cli_json_repeatable.moc"
