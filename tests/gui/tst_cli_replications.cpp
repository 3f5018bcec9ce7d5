// `scalelab run --replications R --jobs N` as a user calls it: replication 0 is the plain
// run, the other seeds are the documented derivation (checked by re-running each seed on
// its own), the means are the means of those runs, and --jobs changes nothing.
#include <cmath>

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCliReplications : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void meansAreTheMeansOfTheSeeds();
    void jobsDoNotChangeTheAnswer();
    void badCountsAreUsageErrors();
};

namespace {

const QString kFile = QStringLiteral(SCALELAB_EXAMPLES "/05-load-balancer.scalelab");

int runScalelab(const QStringList& args, QString* err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY), args);
    if (!p.waitForFinished(300000)) {
        p.kill();
        return -1;
    }
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

nlohmann::json readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
}

// Short runs: the point is the bookkeeping, not the precision.
QStringList shortRun(const QString& json)
{
    return {QStringLiteral("run"),        kFile,
            QStringLiteral("--duration"), QStringLiteral("20"),
            QStringLiteral("--warmup"),   QStringLiteral("2"),
            QStringLiteral("--json"),     json};
}

} // namespace

void TestCliReplications::meansAreTheMeansOfTheSeeds()
{
    QTemporaryDir dir;
    const QString replicated = dir.filePath(QStringLiteral("r.json"));
    QCOMPARE(runScalelab(shortRun(replicated)
                         << QStringLiteral("--replications") << QStringLiteral("3")),
             0);
    const nlohmann::json doc = readJson(replicated);
    const nlohmann::json& reps = doc.at("replications");
    QCOMPARE(reps.at("count").get<int>(), 3);
    const auto seeds = reps.at("seeds").get<std::vector<std::uint64_t>>();
    QCOMPARE(seeds.size(), std::size_t{3});
    QCOMPARE(seeds[0], doc.at("seed").get<std::uint64_t>());

    // Each seed on its own, as `scalelab run --seed` does it.
    double throughput = 0, p99 = 0, util = 0;
    for (std::size_t r = 0; r < seeds.size(); ++r) {
        const QString single = dir.filePath(QStringLiteral("s%1.json").arg(r));
        QCOMPARE(
            runScalelab(shortRun(single) << QStringLiteral("--seed") << QString::number(seeds[r])),
            0);
        const nlohmann::json one = readJson(single);
        if (r == 0) // replication 0 is the plain run, reported in full
            QCOMPARE(one.at("latency_ms"), doc.at("latency_ms"));
        throughput += one.at("throughput_rps").get<double>() / 3;
        p99 += one.at("latency_ms").at("p99").get<double>() / 3;
        util += one.at("nodes").at("web1").at("utilization").get<double>() / 3;
    }
    const nlohmann::json& mean = reps.at("mean");
    QVERIFY(std::abs(mean.at("throughput_rps").get<double>() - throughput) < 1e-9 * throughput);
    QVERIFY(std::abs(mean.at("latency_ms").at("p99").get<double>() - p99) < 1e-9 * p99);
    QVERIFY(std::abs(mean.at("nodes").at("web1").at("utilization").get<double>() - util) < 1e-12);
    // Three different seeds really differ, so the interval is a real, positive width.
    QVERIFY(reps.at("ci95").at("latency_ms").at("p99").get<double>() > 0);
    QVERIFY(!mean.contains("engine"));
    QVERIFY(!mean.contains("seed"));
}

void TestCliReplications::jobsDoNotChangeTheAnswer()
{
    QTemporaryDir dir;
    const QString one = dir.filePath(QStringLiteral("j1.json"));
    const QString two = dir.filePath(QStringLiteral("j2.json"));
    QCOMPARE(runScalelab(shortRun(one) << QStringLiteral("--replications") << QStringLiteral("4")
                                       << QStringLiteral("--jobs") << QStringLiteral("1")),
             0);
    QCOMPARE(runScalelab(shortRun(two) << QStringLiteral("--replications") << QStringLiteral("4")
                                       << QStringLiteral("--jobs") << QStringLiteral("2")),
             0);
    QCOMPARE(readJson(one).at("replications").dump(), readJson(two).at("replications").dump());
}

void TestCliReplications::badCountsAreUsageErrors()
{
    QString err;
    QCOMPARE(runScalelab({QStringLiteral("run"), kFile, QStringLiteral("--replications"),
                          QStringLiteral("0")},
                         &err),
             2);
    QVERIFY2(err.contains(QLatin1String("--replications")), qPrintable(err));
    QCOMPARE(
        runScalelab(
            {QStringLiteral("run"), kFile, QStringLiteral("--jobs"), QStringLiteral("many")}, &err),
        2);
    QVERIFY2(err.contains(QLatin1String("--jobs")), qPrintable(err));
}

QTEST_MAIN(TestCliReplications)
#include "tst_cli_replications.moc"
