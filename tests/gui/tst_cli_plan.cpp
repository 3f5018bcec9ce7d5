// `scalelab plan` as a user calls it, on an M/M/c file whose least sufficient number of
// workers Erlang C gives (11 for 900 req/s of 10 ms requests and a 13 ms mean): the
// planned file is written with it, the JSON is scalelab-plan/1, and missing goals or knobs
// are reported with the right exit status.
#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCliPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plansTheErlangCMinimum();
    void needsGoalsAndKnobs();
    void printsTheProbesWhenTheEstimatesMiss();
};

namespace {

const char* kMmc = R"({"format": "scalelab/1", "name": "M/M/c",
  "simulation": {"duration_s": 40, "warmup_s": 4, "seed": 11},
  "nodes": [
    {"id": "users", "kind": "client", "pos": [0, 0], "params": {"rate_rps": 900, "read_ratio": 1}},
    {"id": "web", "kind": "web_server", "pos": [200, 0], "params": {"workers": 4, "service_ms": 10}}],
  "links": [{"from": "users", "to": "web"}],
  "goals": {"mean_ms": 13}})";

// The same queue, its scenario raising the rate to 2,000 req/s from the start (the
// estimates read 900): the least sufficient number is 22 (Erlang C, goal 14 ms).
const char* kMmcSpike = R"({"format": "scalelab/1", "name": "M/M/c spike",
  "simulation": {"duration_s": 40, "warmup_s": 4, "seed": 11},
  "nodes": [
    {"id": "users", "kind": "client", "pos": [0, 0], "params": {"rate_rps": 900, "read_ratio": 1}},
    {"id": "web", "kind": "web_server", "pos": [200, 0], "params": {"workers": 4, "service_ms": 10}}],
  "links": [{"from": "users", "to": "web"}],
  "scenario": [{"at_s": 0, "action": "set", "node": "users", "param": "rate_rps", "value": 2000}],
  "goals": {"mean_ms": 14}})";

int scalelab(const QStringList& args, QString* err = nullptr, QString* out = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(SCALELAB_BINARY), args);
    if (!p.waitForFinished(300000)) {
        p.kill();
        return -1;
    }
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    if (out)
        *out = QString::fromUtf8(p.readAllStandardOutput());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    return f.fileName();
}

nlohmann::json readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
}

} // namespace

void TestCliPlan::plansTheErlangCMinimum()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, QStringLiteral("mmc.scalelab"), kMmc);
    const QString planned = dir.filePath(QStringLiteral("planned.scalelab"));
    const QString json = dir.filePath(QStringLiteral("plan.json"));
    QCOMPARE(scalelab({QStringLiteral("plan"), file, QStringLiteral("--vary"),
                       QStringLiteral("web.workers=1:20"), QStringLiteral("--out"), planned,
                       QStringLiteral("--json"), json}),
             0);
    const nlohmann::json plan = readJson(json);
    QCOMPARE(plan.at("format").get<std::string>(), std::string("scalelab-plan/1"));
    QCOMPARE(plan.at("chosen").at("web.workers").get<int>(), 11);
    QVERIFY(plan.at("proven").get<bool>());
    QVERIFY(plan.at("goals").at("mean_ms").at("met").get<bool>());
    QCOMPARE(plan.at("verified").at("replications").get<int>(), 3);
    const nlohmann::json design = readJson(planned);
    QCOMPARE(design.at("nodes").at(1).at("params").at("workers").get<int>(), 11);
    QCOMPARE(design.at("simulation").at("duration_s").get<double>(), 40.0);
    // The planned file is a valid design.
    QCOMPARE(scalelab({QStringLiteral("validate"), planned}), 0);
}

void TestCliPlan::needsGoalsAndKnobs()
{
    QTemporaryDir dir;
    QByteArray noGoals(kMmc);
    noGoals.replace(",\n  \"goals\": {\"mean_ms\": 13}", "");
    QVERIFY(!noGoals.contains("goals"));
    const QString file = writeFile(dir, QStringLiteral("nogoals.scalelab"), noGoals);
    QString err;
    QCOMPARE(scalelab({QStringLiteral("plan"), file, QStringLiteral("--vary"),
                       QStringLiteral("web.workers=1:20")},
                      &err),
             1);
    QVERIFY2(err.contains(QLatin1String("no goals")), qPrintable(err));
    const QString withGoals = writeFile(dir, QStringLiteral("mmc.scalelab"), kMmc);
    QCOMPARE(scalelab({QStringLiteral("plan"), withGoals}, &err), 2);
    QVERIFY2(err.contains(QLatin1String("--vary")), qPrintable(err));
}

void TestCliPlan::printsTheProbesWhenTheEstimatesMiss()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, QStringLiteral("spike.scalelab"), kMmcSpike);
    const QString json = dir.filePath(QStringLiteral("plan.json"));
    QString out;
    QCOMPARE(scalelab({QStringLiteral("plan"), file, QStringLiteral("--vary"),
                       QStringLiteral("web.workers=1:40"), QStringLiteral("--json"), json},
                      nullptr, &out),
             0);
    const nlohmann::json plan = readJson(json);
    QCOMPARE(plan.at("chosen").at("web.workers").get<int>(), 22);
    const auto& search = plan.at("search");
    QVERIFY(search.at("probes").size() >= 2);
    const int floor = search.at("floors").at("web.workers").get<int>();
    QVERIFY(floor > 11 && floor <= 22);
    // The first candidate (the estimates' choice) saturates: its mean has no number, and
    // it is a clear miss all the same.
    QCOMPARE(search.at("simulated").at(0).at("clearly_missed").at(0).get<std::string>(),
             std::string("mean_ms"));
    QVERIFY(out.contains(QStringLiteral("floors      web.workers >= %1").arg(floor)));
    QVERIFY2(
        out.contains(QLatin1String("clearly misses mean_ms (no number: requests went unanswered)")),
        qPrintable(out));
    QVERIFY(out.contains(QLatin1String("  web.workers=22  $73/month  proven")));
}

QTEST_MAIN(TestCliPlan)
#include "tst_cli_plan.moc"
