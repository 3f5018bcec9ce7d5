// `scalelab sweep` as a user calls it: --jobs 1 and --jobs 2 write byte-identical JSON;
// the emitted jobs, run by GNU Parallel exactly as docs/capacity-planning.md shows, merge
// into the same document; CSV and report are written; bad --vary is a usage error;
// `--prices FILE` reprices analyze, run and sweep alike, and a bad sheet stops each.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

class TestCliSweep : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jobsDoNotChangeTheBytes();
    void emittedJobsRunByGnuParallelMergeToTheSameDocument();
    void reportNamesTheKnee();
    void badVaryIsAUsageError();
    void pricesFileRepricesEveryCommand();
};

namespace {

const QString kFile = QStringLiteral(SCALELAB_EXAMPLES "/05-load-balancer.scalelab");

int run(const QString& program, const QStringList& args, const QString& workDir = {},
        QString* err = nullptr,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    if (!p.waitForFinished(600000)) {
        p.kill();
        return -1;
    }
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

int scalelab(const QStringList& args, QString* err = nullptr)
{
    return run(QStringLiteral(SCALELAB_BINARY), args, {}, err);
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Short runs of example 05 over its web servers' workers and the load: 6 points.
QStringList sweepArgs()
{
    return {QStringLiteral("sweep"),          kFile,
            QStringLiteral("--vary"),         QStringLiteral("web*.workers=4,8"),
            QStringLiteral("--vary"),         QStringLiteral("users.rate_rps=300:900:300"),
            QStringLiteral("--duration"),     QStringLiteral("15"),
            QStringLiteral("--warmup"),       QStringLiteral("2"),
            QStringLiteral("--replications"), QStringLiteral("2")};
}

} // namespace

void TestCliSweep::jobsDoNotChangeTheBytes()
{
    QTemporaryDir dir;
    const QString one = dir.filePath(QStringLiteral("one.json"));
    const QString two = dir.filePath(QStringLiteral("two.json"));
    QCOMPARE(scalelab(sweepArgs() << QStringLiteral("--jobs") << QStringLiteral("1")
                                  << QStringLiteral("--json") << one),
             0);
    QCOMPARE(scalelab(sweepArgs() << QStringLiteral("--jobs") << QStringLiteral("2")
                                  << QStringLiteral("--json") << two << QStringLiteral("--csv")
                                  << dir.filePath(QStringLiteral("s.csv"))),
             0);
    const QByteArray bytes = contents(one);
    QVERIFY(bytes.contains("\"format\": \"scalelab-sweep/1\""));
    QCOMPARE(bytes.count("\"values\": {"), 6); // one per point (vary lists are arrays)
    QCOMPARE(contents(two), bytes);
    const QList<QByteArray> csv = contents(dir.filePath(QStringLiteral("s.csv"))).split('\n');
    QVERIFY(csv.first().startsWith("web*.workers,users.rate_rps,throughput_rps,"));
    QCOMPARE(csv.size(), 8); // header, 6 points, the empty piece after the last newline
}

void TestCliSweep::emittedJobsRunByGnuParallelMergeToTheSameDocument()
{
    const QString parallel = QStandardPaths::findExecutable(QStringLiteral("parallel"));
    // CI installs it (scripts/install-deps.sh): there a missing Parallel is a failure.
    if (parallel.isEmpty() && qEnvironmentVariableIsSet("CI"))
        QFAIL("GNU Parallel is not installed, and CI must run this test");
    if (parallel.isEmpty())
        QSKIP("GNU Parallel is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir dir;
    const QString jobs = dir.filePath(QStringLiteral("jobs"));
    const QString inProcess = dir.filePath(QStringLiteral("in-process.json"));
    QCOMPARE(scalelab(sweepArgs() << QStringLiteral("--json") << inProcess), 0);
    QCOMPARE(scalelab(sweepArgs() << QStringLiteral("--emit-jobs") << jobs), 0);
    const QList<QByteArray> lines =
        contents(jobs + QStringLiteral("/jobs.txt")).trimmed().split('\n');
    QCOMPARE(lines.size(), 12);
    for (const QByteArray& line : lines)
        QVERIFY(line.startsWith("scalelab run "));

    // As documented: `scalelab` on the PATH, the lines run from DIR by GNU Parallel.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), QFileInfo(QStringLiteral(SCALELAB_BINARY)).absolutePath() +
                                           QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("HOME"), dir.path()); // parallel keeps its notes in ~/.parallel
    QString err;
    QCOMPARE(run(parallel,
                 {QStringLiteral("--will-cite"), QStringLiteral("-j"), QStringLiteral("2"),
                  QStringLiteral("--halt"), QStringLiteral("now,fail=1"), QStringLiteral("-a"),
                  QStringLiteral("jobs.txt")},
                 jobs, &err, env),
             0);

    const QString merged = dir.filePath(QStringLiteral("merged.json"));
    QCOMPARE(scalelab({QStringLiteral("sweep"), QStringLiteral("--merge"), jobs,
                       QStringLiteral("--json"), merged},
                      &err),
             0);
    QCOMPARE(contents(merged), contents(inProcess));

    // A run that did not happen is named, and nothing is written.
    QVERIFY(QFile::remove(jobs + QStringLiteral("/p4-r1.json")));
    const QString partial = dir.filePath(QStringLiteral("partial.json"));
    QCOMPARE(scalelab({QStringLiteral("sweep"), QStringLiteral("--merge"), jobs,
                       QStringLiteral("--json"), partial},
                      &err),
             1);
    QVERIFY2(err.contains(QLatin1String("p4-r1.json")), qPrintable(err));
    QVERIFY(!QFile::exists(partial));
}

void TestCliSweep::reportNamesTheKnee()
{
    // Three web servers on two workers each: throughput follows the offered load up to
    // their capacity (3 servers x 2 workers / 20 ms = 300 req/s), then stays there. The
    // report must say where.
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("sweep.html"));
    const QString pdf = dir.filePath(QStringLiteral("sweep.pdf"));
    const QStringList args{
        QStringLiteral("sweep"),      kFile,
        QStringLiteral("--vary"),     QStringLiteral("users.rate_rps=100:900:100"),
        QStringLiteral("--vary"),     QStringLiteral("web*.workers=2"),
        QStringLiteral("--duration"), QStringLiteral("15"),
        QStringLiteral("--warmup"),   QStringLiteral("2")};
    QCOMPARE(scalelab(QStringList(args) << QStringLiteral("--report") << html), 0);
    const QString text = QString::fromUtf8(contents(html));
    QVERIFY2(text.contains(QLatin1String("saturates at")), qPrintable(text.left(2000)));
    QVERIFY(text.count(QLatin1String("<svg")) >= 5);
    QCOMPARE(scalelab(QStringList(args) << QStringLiteral("--report") << pdf), 0);
    QVERIFY(contents(pdf).startsWith("%PDF-"));
}

void TestCliSweep::badVaryIsAUsageError()
{
    QString err;
    QCOMPARE(scalelab({QStringLiteral("sweep"), kFile, QStringLiteral("--vary"),
                       QStringLiteral("web9.workers=1,2")},
                      &err),
             2);
    QVERIFY2(err.contains(QLatin1String("no node 'web9'")), qPrintable(err));
    QCOMPARE(scalelab({QStringLiteral("sweep"), kFile}, &err), 2);
    QVERIFY2(err.contains(QLatin1String("--vary")), qPrintable(err));
}

// Example 05 holds three web servers; the sheet prices them at 2.5 $/h and everything else
// at nothing, so every command that prices the design must say 7.5 $/h.
void TestCliSweep::pricesFileRepricesEveryCommand()
{
    QTemporaryDir dir;
    const QString sheet = dir.filePath(QStringLiteral("prices.json"));
    QFile f(sheet);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "scalelab-prices/1", "name": "Test",
               "cost_per_hour": {"web_server": 2.5, "load_balancer": 0, "dns": 0, "client": 0}})");
    f.close();
    const auto perHour = [](const QString& path, const char* pointer) {
        const QJsonDocument doc = QJsonDocument::fromJson(contents(path));
        QJsonValue v = doc.object();
        for (const QString& key : QString::fromLatin1(pointer).split('/', Qt::SkipEmptyParts))
            v = v.isArray() ? v.toArray().at(key.toInt()) : v.toObject().value(key);
        return v.toDouble(-1);
    };
    const QString analysis = dir.filePath(QStringLiteral("a.json"));
    QCOMPARE(scalelab({QStringLiteral("analyze"), kFile, QStringLiteral("--json"), analysis}), 0);
    QVERIFY(perHour(analysis, "/cost/per_hour") < 7.5); // the illustrative defaults
    QCOMPARE(scalelab({QStringLiteral("analyze"), kFile, QStringLiteral("--json"), analysis,
                       QStringLiteral("--prices"), sheet}),
             0);
    QCOMPARE(perHour(analysis, "/cost/per_hour"), 7.5);
    const QString results = dir.filePath(QStringLiteral("r.json"));
    QCOMPARE(scalelab({QStringLiteral("run"), kFile, QStringLiteral("--duration"),
                       QStringLiteral("4"), QStringLiteral("--warmup"), QStringLiteral("1"),
                       QStringLiteral("--json"), results, QStringLiteral("--prices"), sheet}),
             0);
    QCOMPARE(perHour(results, "/cost/per_hour"), 7.5);
    const QString sweep = dir.filePath(QStringLiteral("s.json"));
    QCOMPARE(scalelab({QStringLiteral("sweep"), kFile, QStringLiteral("--vary"),
                       QStringLiteral("users.rate_rps=300,600"), QStringLiteral("--duration"),
                       QStringLiteral("4"), QStringLiteral("--warmup"), QStringLiteral("1"),
                       QStringLiteral("--json"), sweep, QStringLiteral("--prices"), sheet}),
             0);
    QCOMPARE(perHour(sweep, "/points/1/cost/per_hour"), 7.5);
    // A sheet that is not one: each command stops, naming the file, and writes nothing.
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"format": "scalelab-prices/1", "cost_per_hour": {"web_server": "cheap"}})");
    bad.close();
    QString err;
    const QString none = dir.filePath(QStringLiteral("none.json"));
    QVERIFY(scalelab({QStringLiteral("analyze"), kFile, QStringLiteral("--json"), none,
                      QStringLiteral("--prices"), bad.fileName()},
                     &err) != 0);
    QVERIFY2(err.contains(QLatin1String("bad.json")), qPrintable(err));
    QVERIFY(!QFile::exists(none));
}

QTEST_MAIN(TestCliSweep)
#include "tst_cli_sweep.moc"
