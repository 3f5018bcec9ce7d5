// `scalelab run` as a user calls it: the results JSON with the file's goals checked, the
// HTML/PDF report beside it, and usage errors with exit 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "CliTestSupport.h"

class TestCliRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void goalsAreCheckedInTheResults();
    void reportsAreWritten();
    void badReportNameIsUsageError();
    void invalidFileExitsOne();
    void unwritableOutputIsAnError();
    void runStoppedEarlyExitsThree();
    void badMaxEventsIsUsageError();
    void anOverloadedRunMeetsNoGoal();
};

namespace {
int runScalelab(const QStringList& args, QString* err = nullptr)
{
    const scalelab::testsupport::CliRun r = scalelab::testsupport::runCli(args);
    if (err)
        *err = QString::fromUtf8(r.err);
    return r.code;
}
const QString kChallenge = QStringLiteral(SCALELAB_EXAMPLES "/challenge-1-black-friday.scalelab");
} // namespace

void TestCliRun::goalsAreCheckedInTheResults()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("r.json"));
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--json"), out}), 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonArray goals = doc.value(QStringLiteral("goals")).toArray();
    QVERIFY(!goals.isEmpty());
    for (const auto& g : goals) {
        const QJsonObject goal = g.toObject();
        for (const char* key : {"name", "target", "actual", "met"})
            QVERIFY2(goal.contains(QLatin1String(key)), key);
        // The checker's verdict agrees with the numbers beside it.
        const double target = goal.value(QStringLiteral("target")).toDouble();
        // A null actual is a latency that falls among failed requests: never met.
        if (goal.value(QStringLiteral("actual")).isNull()) {
            QVERIFY(!goal.value(QStringLiteral("met")).toBool());
            continue;
        }
        const double actual = goal.value(QStringLiteral("actual")).toDouble();
        const bool lower = goal.value(QStringLiteral("bound")).toString() == QLatin1String("lower");
        QCOMPARE(goal.value(QStringLiteral("met")).toBool(),
                 lower ? actual >= target : actual <= target);
    }
    // As shipped, the challenge misses its availability goal.
    bool availabilityMissed = false;
    for (const auto& g : goals)
        availabilityMissed |= g.toObject().value(QStringLiteral("name")).toString() ==
                                  QLatin1String("availability") &&
                              !g.toObject().value(QStringLiteral("met")).toBool();
    QVERIFY(availabilityMissed);
}

void TestCliRun::reportsAreWritten()
{
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("r.html"));
    const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--report"), html}), 0);
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--report"), pdf}), 0);
    QFile h(html);
    QVERIFY(h.open(QIODevice::ReadOnly));
    const QByteArray text = h.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("Black Friday") || text.contains("black friday") ||
            text.contains("Challenge"));
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(5) == "%PDF-");
}

void TestCliRun::badReportNameIsUsageError()
{
    QString err;
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--report"),
                          QStringLiteral("/tmp/report.docx")},
                         &err),
             2);
    QVERIFY(err.contains(QLatin1String(".html or .pdf")));
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--duration"),
                          QStringLiteral("-5")}),
             2);
}

void TestCliRun::invalidFileExitsOne()
{
    QString err;
    QCOMPARE(runScalelab({QStringLiteral("run"),
                          QStringLiteral(SCALELAB_TEST_DATA "/broken/workers-negative.scalelab")},
                         &err),
             1);
    QVERIFY(err.contains(QLatin1String("/nodes/1/params/workers")));
}

void TestCliRun::unwritableOutputIsAnError()
{
    QString err;
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--json"),
                          QStringLiteral("/nonexistent-folder/results.json")},
                         &err),
             1);
    QVERIFY2(err.contains(QLatin1String("cannot write /nonexistent-folder/results.json")),
             qPrintable(err));
}

void TestCliRun::runStoppedEarlyExitsThree()
{
    // A run cut short by the event cap says so three ways: exit 3, a warning on standard
    // error and in the JSON, and the simulated time it reached.
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("r.json"));
    QString err;
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--max-events"),
                          QStringLiteral("20000"), QStringLiteral("--json"), out},
                         &err),
             3);
    QVERIFY2(err.contains(QLatin1String("warning: the run stopped early")), qPrintable(err));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject engine = doc.value(QStringLiteral("engine")).toObject();
    QVERIFY(engine.value(QStringLiteral("event_cap_reached")).toBool());
    QCOMPARE(engine.value(QStringLiteral("events")).toDouble(), 20000.0);
    QVERIFY(engine.value(QStringLiteral("simulated_s")).toDouble() <
            doc.value(QStringLiteral("duration_s")).toDouble());
    const QJsonArray warnings = doc.value(QStringLiteral("warnings")).toArray();
    QVERIFY(!warnings.isEmpty());
    QVERIFY(warnings.first().toString().startsWith(QLatin1String("the run stopped early")));
    // The whole run, for comparison, ends normally.
    QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--json"), out}), 0);
}

void TestCliRun::badMaxEventsIsUsageError()
{
    for (const char* bad : {"0", "-3", "1.5", "lots", "9000000000"}) {
        QString err;
        QCOMPARE(runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--max-events"),
                              QLatin1String(bad)},
                             &err),
                 2);
        QVERIFY2(err.contains(QLatin1String("--max-events needs a whole number")), bad);
    }
    QString err;
    QCOMPARE(
        runScalelab({QStringLiteral("run"), kChallenge, QStringLiteral("--max-events"),
                     QStringLiteral("100"), QStringLiteral("--replications"), QStringLiteral("2")},
                    &err),
        2);
    QVERIFY(err.contains(QLatin1String("does not combine with --replications")));
}

void TestCliRun::anOverloadedRunMeetsNoGoal()
{
    // 100 req/s into one worker of 1 s for 10 s: 9 answered, 991 waiting. Of the 499
    // generated in the first half, 490 still wait at the end: availability 9/499.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("overload.scalelab"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "scalelab/1", "name": "overload",
      "simulation": {"duration_s": 10, "warmup_s": 0, "seed": 1},
      "goals": {"availability": 0.99, "max_error_rate": 0.01, "p99_ms": 10000},
      "nodes": [
        {"id": "users", "kind": "client", "pos": [0, 0],
         "params": {"rate_rps": 100, "arrival": "constant"}},
        {"id": "web", "kind": "web_server", "pos": [200, 0],
         "params": {"workers": 1, "service_ms": 1000, "service_dist": "constant"}}],
      "links": [{"from": "users", "to": "web"}]})");
    f.close();
    const scalelab::testsupport::CliRun r = scalelab::testsupport::runCli(
        {QStringLiteral("run"), file, QStringLiteral("--json"), QStringLiteral("-")});
    QCOMPARE(r.code, 0);
    const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
    const QJsonObject requests = doc.value(QStringLiteral("requests")).toObject();
    QCOMPARE(requests.value(QStringLiteral("completed")).toInt(), 9);
    QCOMPARE(requests.value(QStringLiteral("unfinished")).toInt(), 991);
    QCOMPARE(requests.value(QStringLiteral("overdue")).toInt(), 490);
    QCOMPARE(doc.value(QStringLiteral("availability")).toDouble(), 9.0 / 499.0);
    const QJsonArray goals = doc.value(QStringLiteral("goals")).toArray();
    QCOMPARE(goals.size(), 3);
    for (const auto& g : goals)
        QVERIFY2(!g.toObject().value(QStringLiteral("met")).toBool(),
                 qPrintable(g.toObject().value(QStringLiteral("name")).toString()));
    // The summary says where the availability comes from.
    const scalelab::testsupport::CliRun text =
        scalelab::testsupport::runCli({QStringLiteral("run"), file});
    QVERIFY2(text.out.contains("991 unfinished (490 open since the first half); availability "
                               "1.804%"),
             text.out.constData());
}

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
